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
 * Quantile scores 1…bins of `values`, exactly as pandas `qcut(x.rank(method='first'), bins, labels=1..bins)`:
 * rank the values (ties broken by position), then count the interior quantile edges of the ranks that lie
 * strictly below each rank (intervals closed on the right, the lowest one closed on the left).
 */
export function quantileScores(values: ArrayLike<number>, bins: number): Int32Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  const edges = Array.from({ length: bins - 1 }, (_, k) => qcutRankEdge(n, k + 1, bins));
  const scores = new Int32Array(n);
  order.forEach((row, position) => {
    const rank = position + 1;
    let score = 1;
    for (const edge of edges) if (edge < rank) score++;
    scores[row] = score;
  });
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
