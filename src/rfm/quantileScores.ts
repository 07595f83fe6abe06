/**
 * @internal
 * The k-th of the bins + 1 quantile edges pandas `qcut` computes over the ranks 1…n: `np.quantile(ranks,
 * np.linspace(0, 1, bins + 1))`, i.e. q = k · (1 / bins), virtual index (n − 1) · q, numpy's linear
 * interpolation. The floating-point steps are reproduced exactly because they decide the bin of a rank that
 * sits on an edge (rank 8 of 10 in 9 bins lands in bin 8, not 7).
 */
export function qcutRankEdge(n: number, k: number, bins: number): number {
  if (k >= bins) return n;
  const q = k * (1 / bins);
  const h = (n - 1) * q;
  if (h >= n - 1) return n;
  const lower = Math.floor(h);
  const fraction = h - lower;
  // numpy's _lerp between the ranks lower + 1 and lower + 2 (their difference is 1)
  return fraction >= 0.5 ? lower + 2 - (1 - fraction) : lower + 1 + fraction;
}

/**
 * @internal
 * How {@link quantileScores} treats equal values: `'first'` ranks them by position (pandas
 * `rank(method='first')`), `'lower'` / `'upper'` give every member of a run of equal values the lowest / highest
 * score any of them gets by position, so equal values always share a score.
 */
export type TieRule = 'first' | 'lower' | 'upper';

/**
 * @internal
 * Quantile scores 1…bins of `values`, as pandas `qcut(x.rank(method='first'), bins, labels=1..bins)`: rank the
 * values (ties broken by position), then count the interior quantile edges of the ranks that lie strictly below
 * each rank (intervals closed on the right, the lowest one closed on the left). With `ties` other than `'first'`,
 * each run of equal values then takes the lowest (or highest) score of its members: without ties the scores are
 * unchanged, and they never decrease as the value grows.
 */
export function quantileScores(values: ArrayLike<number>, bins: number, ties: TieRule = 'first'): Int32Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  const edges = Array.from({ length: bins - 1 }, (_, k) => qcutRankEdge(n, k + 1, bins));
  const byPosition = new Int32Array(n);
  for (let position = 0; position < n; position++) {
    const rank = position + 1;
    let score = 1;
    for (const edge of edges) if (edge < rank) score++;
    byPosition[position] = score;
  }
  const scores = new Int32Array(n);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    if (ties !== 'first') while (end < n && values[order[end]!] === values[order[start]!]) end++;
    // scores by position never decrease, so the run's lowest is at its start and its highest at its end
    const shared = ties === 'upper' ? byPosition[end - 1]! : byPosition[start]!;
    for (let p = start; p < end; p++) scores[order[p]!] = ties === 'first' ? byPosition[p]! : shared;
    start = end;
  }
  return scores;
}

/** @internal Scores 1…thresholds.length + 1 from ascending cut points, right-closed: (t_(k−1), t_k]. */
export function thresholdScores(values: ArrayLike<number>, thresholds: readonly number[]): Int32Array {
  const scores = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let k = 1;
    while (k <= thresholds.length && values[i]! > thresholds[k - 1]!) k++;
    scores[i] = k;
  }
  return scores;
}
