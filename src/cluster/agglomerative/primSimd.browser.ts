// The browser build's stand-in for primSimd.ts (tsup.config.ts swaps it in for dist/browser/): the default
// browser build has one thread and no SIMD kernels, so the scalar scan runs, with the same results. (No
// parameters: callers pass simdPrimArrays's, which this ignores.)
import type { PrimArrays } from './primSimd';

export type { PrimArrays } from './primSimd';

/** @internal Always null in the browser build: plain arrays and the scalar scan. */
export function simdPrimArrays(): PrimArrays | null {
  return null;
}

/** @internal Nothing to do in the browser build (no SIMD memories). */
export function releasePrimArrays(): void {}
