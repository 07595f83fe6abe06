import { squaredDifferences } from '../../core/squaredEuclidean';

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
  const distances = new Float64Array(2 * k);
  let changed = 0;
  for (let i = 0; i < n; i += 2) {
    const pair = i + 1 < n;
    if (pair) pairDistances(data, i * d, centers, k, d, distances);
    else for (let j = 0; j < k; j++) distances[j] = squaredDifferences(data, i * d, centers, j * d, d);
    for (let row = i, base = 0; row < i + (pair ? 2 : 1); row++, base += k) {
      // nearest and second nearest in centroid order (ties → lowest index), as one row at a time
      let best = 0;
      let bestDistance = Infinity;
      let second = Infinity;
      for (let j = 0; j < k; j++) {
        const s = distances[base + j]!;
        if (s < bestDistance) {
          second = bestDistance;
          bestDistance = s;
          best = j;
        } else if (s < second) second = s;
      }
      if (allOut !== null) allOut.set(distances.subarray(base, base + k), row * k);
      if (twoOut !== null) {
        twoOut[2 * row] = bestDistance;
        twoOut[2 * row + 1] = second;
      }
      const previous = labels[row]!;
      if (best === previous) continue;
      labels[row] = best;
      changed++;
      if (!first) {
        moveRow(state, row, previous, best);
        continue;
      }
      const w = weights === null ? 1 : weights[row]!;
      if (w === 0) continue;
      const offset = best * d;
      const rowOffset = row * d;
      for (let t = 0; t < d; t++) sums[offset + t] = sums[offset + t]! + w * data[rowOffset + t]!;
      weightSums[best] = weightSums[best]! + w;
      counts[best] = counts[best]! + 1;
    }
  }
  state.distanceEvaluations += n * k;
  return changed;
}

/**
 * Squared distances from two consecutive rows (the first at `rowOffset`) to every centroid: `out[j]` for the
 * first row, `out[k + j]` for the second. Two rows × four centroids per step, eight accumulation chains, each
 * value loaded once for two or four of them; every distance is summed in feature order, as one at a time.
 */
function pairDistances(data: Float64Array, rowOffset: number, centers: Float64Array, k: number, d: number, out: Float64Array): void {
  const second = rowOffset + d;
  let j = 0;
  for (const groupEnd = k - (k & 3); j < groupEnd; j += 4) {
    const c0 = j * d;
    const c1 = c0 + d;
    const c2 = c1 + d;
    const c3 = c2 + d;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    for (let t = 0; t < d; t++) {
      const x = data[rowOffset + t]!;
      const y = data[second + t]!;
      const u0 = centers[c0 + t]!;
      const u1 = centers[c1 + t]!;
      const u2 = centers[c2 + t]!;
      const u3 = centers[c3 + t]!;
      const p0 = x - u0;
      const p1 = x - u1;
      const p2 = x - u2;
      const p3 = x - u3;
      const q0 = y - u0;
      const q1 = y - u1;
      const q2 = y - u2;
      const q3 = y - u3;
      a0 += p0 * p0;
      a1 += p1 * p1;
      a2 += p2 * p2;
      a3 += p3 * p3;
      b0 += q0 * q0;
      b1 += q1 * q1;
      b2 += q2 * q2;
      b3 += q3 * q3;
    }
    out[j] = a0;
    out[j + 1] = a1;
    out[j + 2] = a2;
    out[j + 3] = a3;
    out[k + j] = b0;
    out[k + j + 1] = b1;
    out[k + j + 2] = b2;
    out[k + j + 3] = b3;
  }
  for (; j < k; j++) {
    out[j] = squaredDifferences(data, rowOffset, centers, j * d, d);
    out[k + j] = squaredDifferences(data, second, centers, j * d, d);
  }
}
