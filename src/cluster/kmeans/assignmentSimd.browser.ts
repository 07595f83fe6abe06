// The browser build's stand-in for assignmentSimd.ts (tsup.config.ts swaps it in for dist/browser/): the default
// browser build has no SIMD arena (kmeansArena.browser.ts), so the scalar exact pass always runs, with the same
// results. (No parameters: callers pass simdExactPass's, which this ignores, and the budget counts every byte.)

/** @internal Always null in the browser build: the scalar kernel runs. */
export function simdExactPass(): number | null {
  return null;
}

/** @internal Always null in the browser build: the scalar kernel labels the rows. */
export function simdNearestLabels(): { readonly labels: Int32Array; readonly nearest: Float64Array } | null {
  return null;
}
