// The browser build's stand-in for miniBatchSimd.ts (tsup.config.ts swaps it in for dist/browser/): no SIMD
// kernels in the default browser build, so every mini-batch is assigned by nearestTwo, with the same results.
import type { BatchAssigner } from './miniBatchSimd';

/** @internal Always null in the browser build. (No parameters: callers pass simdBatchAssigner's.) */
export function simdBatchAssigner(): BatchAssigner | null {
  return null;
}
