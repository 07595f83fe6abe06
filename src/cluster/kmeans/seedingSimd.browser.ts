// The browser build's stand-in for seedingSimd.ts (tsup.config.ts swaps it in for dist/browser/): the default
// browser build has one thread and a byte budget, so it always scores with the scalar kernel, which gives the
// same centres; the full build (segmentkit/threads) keeps the SIMD kernel. (No parameters: callers pass
// simdSeedingScorer's, which this ignores, and the budget counts every byte.)
import type { SeedingScorer } from './seedingSimd';

export type { Scored, SeedingScorer } from './seedingSimd';

/** @internal Always null in the browser build: the scalar kernel scores. */
export function simdSeedingScorer(): SeedingScorer | null {
  return null;
}
