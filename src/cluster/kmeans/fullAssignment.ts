import { moveRow, type KMeansState } from './KMeansState';

/**
 * @internal
 * One exact assignment pass: every row against every centroid with the four-centroid kernel of
 * distanceKernels.ts (same arithmetic, inlined here because this loop is the most expensive thing k-means
 * does). Labels change in row order and the running sums follow; on the very first pass (all labels −1) the
 * sums are accumulated in the same sweep, while each row is still in cache.
 *
 * Optional outputs: `twoOut` (2n) receives the nearest and second-nearest squared distances per row,
 * interleaved; `allOut` (n × k) receives every squared distance. Returns the number of changed labels.
 */
export function fullAssignment(state: KMeansState, twoOut: Float64Array | null, allOut: Float64Array | null): number {
  const { data, n, d, k, labels, sums, weightSums, counts, weights } = state;
  const centers = state.centers;
  const first = labels[0] === -1;
  const groupEnd = k - (k & 3);
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const rowOffset = i * d;
    let best = 0;
    let bestDistance = Infinity;
    let second = Infinity;
    let j = 0;
    for (; j < groupEnd; j += 4) {
      const c0 = j * d;
      const c1 = c0 + d;
      const c2 = c1 + d;
      const c3 = c2 + d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < d; t++) {
        const x = data[rowOffset + t]!;
        const a = x - centers[c0 + t]!;
        const b = x - centers[c1 + t]!;
        const c = x - centers[c2 + t]!;
        const e = x - centers[c3 + t]!;
        s0 += a * a;
        s1 += b * b;
        s2 += c * c;
        s3 += e * e;
      }
      if (allOut !== null) {
        const o = i * k + j;
        allOut[o] = s0;
        allOut[o + 1] = s1;
        allOut[o + 2] = s2;
        allOut[o + 3] = s3;
      }
      if (s0 < bestDistance) {
        second = bestDistance;
        bestDistance = s0;
        best = j;
      } else if (s0 < second) second = s0;
      if (s1 < bestDistance) {
        second = bestDistance;
        bestDistance = s1;
        best = j + 1;
      } else if (s1 < second) second = s1;
      if (s2 < bestDistance) {
        second = bestDistance;
        bestDistance = s2;
        best = j + 2;
      } else if (s2 < second) second = s2;
      if (s3 < bestDistance) {
        second = bestDistance;
        bestDistance = s3;
        best = j + 3;
      } else if (s3 < second) second = s3;
    }
    for (; j < k; j++) {
      const c0 = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = data[rowOffset + t]! - centers[c0 + t]!;
        s += diff * diff;
      }
      if (allOut !== null) allOut[i * k + j] = s;
      if (s < bestDistance) {
        second = bestDistance;
        bestDistance = s;
        best = j;
      } else if (s < second) second = s;
    }
    if (twoOut !== null) {
      twoOut[2 * i] = bestDistance;
      twoOut[2 * i + 1] = second;
    }
    const previous = labels[i]!;
    if (best === previous) continue;
    labels[i] = best;
    changed++;
    if (!first) {
      moveRow(state, i, previous, best);
      continue;
    }
    const w = weights === null ? 1 : weights[i]!;
    if (w === 0) continue;
    const offset = best * d;
    for (let t = 0; t < d; t++) sums[offset + t] = sums[offset + t]! + w * data[rowOffset + t]!;
    weightSums[best] = weightSums[best]! + w;
    counts[best] = counts[best]! + 1;
  }
  state.distanceEvaluations += n * k;
  return changed;
}
