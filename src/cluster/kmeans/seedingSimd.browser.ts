// The browser build's stand-in for seedingSimd.ts (tsup.config.ts swaps it in for dist/browser/): the default
// browser build has one thread and a byte budget, so it always scores with the scalar kernel, which gives the
// same centres. The full build (segmentkit/threads) keeps the SIMD kernel.
import type { ThreadPool } from '../../parallel/threadPool';
import type { SeedingScorer } from './seedingScorer';

/** @internal Always null in the browser build: the scalar kernel scores. */
export function simdSeedingScorer(
  _data: Float64Array,
  _n: number,
  _d: number,
  _weights: Float64Array | null,
  _pool: ThreadPool | null,
): SeedingScorer | null {
  return null;
}
