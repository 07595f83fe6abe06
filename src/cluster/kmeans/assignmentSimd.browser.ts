// The browser build's stand-in for assignmentSimd.ts (tsup.config.ts swaps it in for dist/browser/): the default
// browser build has no SIMD arena (kmeansArena.browser.ts), so the scalar exact pass always runs, with the same
// results.
import type { KMeansState } from './KMeansState';

/** @internal Always null in the browser build: the scalar kernel runs. */
export function simdExactPass(
  _state: KMeansState,
  _twoOut: Float64Array | null,
  _allOut: Float64Array | null,
  _drift: Float64Array | null,
  _totalMaxDrift: number,
): number | null {
  return null;
}
