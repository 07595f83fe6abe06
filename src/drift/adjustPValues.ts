/** Multiple-testing correction across the columns of a drift report. */
export type PValueCorrection = 'none' | 'bonferroni' | 'fdr';

/**
 * @internal
 * Adjusted p-values: Bonferroni (p · m, capped at 1) or Benjamini–Hochberg ("fdr": the step-up
 * min over j ≥ i of p₍ⱼ₎ · m / j, capped at 1), over the non-null entries; nulls stay null.
 */
export function adjustPValues(pValues: readonly (number | null)[], method: PValueCorrection): (number | null)[] {
  const present = pValues.flatMap((p, i) => (p === null ? [] : [{ p, i }]));
  const m = present.length;
  const out = [...pValues];
  if (method === 'none' || m === 0) return out;
  if (method === 'bonferroni') {
    for (const { p, i } of present) out[i] = Math.min(1, p * m);
    return out;
  }
  present.sort((a, b) => a.p - b.p || a.i - b.i);
  let running = Infinity;
  for (let rank = m; rank >= 1; rank--) {
    const entry = present[rank - 1]!;
    running = Math.min(running, (entry.p * m) / rank);
    out[entry.i] = Math.min(1, running);
  }
  return out;
}

/**
 * @internal
 * Holm's step-down adjusted p-values (statsmodels `multipletests(method='holm')`): sorted ascending, p₍ᵢ₎ ·
 * (m − i + 1) made non-decreasing by a running maximum, capped at 1, over the non-null entries; nulls stay null.
 */
export function holmPValues(pValues: readonly (number | null)[]): (number | null)[] {
  const present = pValues.flatMap((p, i) => (p === null ? [] : [{ p, i }]));
  const m = present.length;
  const out = [...pValues];
  present.sort((a, b) => a.p - b.p || a.i - b.i);
  let running = 0;
  for (let rank = 1; rank <= m; rank++) {
    const entry = present[rank - 1]!;
    running = Math.max(running, entry.p * (m - rank + 1));
    out[entry.i] = Math.min(1, running);
  }
  return out;
}
