import { toMatrix, type MatrixLike } from '../core/Matrix';
import { largestMagnitude, rescaleExponent, scaleDown } from '../core/powerOfTwoScale';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireInteger } from '../core/validateOptions';

/** Options of {@link trustworthiness}. */
export interface TrustworthinessOptions {
  /** How many nearest neighbours of each row are compared (k). Default 5; it must be below n / 2. */
  readonly nNeighbors?: number;
}

/** Squared Euclidean distances of row i to every row of `data` (n × d), into `out`. */
function distancesFrom(data: Float64Array, n: number, d: number, i: number, out: Float64Array): void {
  const base = i * d;
  for (let l = 0; l < n; l++) {
    const row = l * d;
    let sum = 0;
    for (let t = 0; t < d; t++) {
      const diff = data[row + t]! - data[base + t]!;
      sum += diff * diff;
    }
    out[l] = sum;
  }
}

/** Whether l comes before j in i's neighbour order: nearer, or as near with the lower index. */
function before(distances: Float64Array, l: number, j: number): boolean {
  return distances[l]! < distances[j]! || (distances[l] === distances[j] && l < j);
}

/**
 * How well a projection keeps each customer's neighbourhood (Venna & Kaski 2001; scikit-learn's
 * `sklearn.manifold.trustworthiness`): 1 − 2 / (n k (2n − 3k − 1)) · Σᵢ Σⱼ max(0, r(i, j) − k), over the k nearest
 * neighbours j of each row i in the embedding, r(i, j) being j's rank among i's neighbours in the original space.
 * 1 means every embedded neighbourhood is a true one; intruders from far away lower it. Euclidean distances, ties
 * ordered by row index. O(n) memory: one row of distances at a time (O(n² (d + k)) time).
 *
 * @param X - the original rows (n × d)
 * @param embedding - the same rows projected (n × p), e.g. PCA's first two components
 * @throws {@link SegmentkitError} `E_SHAPE` when the row counts differ, `E_PARAM` when `nNeighbors` is not a whole
 *   number in [1, n / 2).
 * @example
 * const X = [[0, 0], [0, 1], [5, 5], [5, 6], [10, 0], [10, 1]];
 * trustworthiness(X, X.map(([a]) => [a]), { nNeighbors: 1 }); // => 1 (each pair stays together)
 */
export function trustworthiness(X: MatrixLike, embedding: MatrixLike, options: TrustworthinessOptions = {}): number {
  const context = 'trustworthiness';
  assertKnownOptions(context, options, ['nNeighbors']);
  const original = toMatrix(X, context, { name: 'X' });
  const projected = toMatrix(embedding, context, { name: 'embedding' });
  const n = original.rows;
  if (projected.rows !== n)
    throw new SegmentkitError('E_SHAPE', `${context}: X has ${n} rows but embedding has ${projected.rows}; pass the same rows projected`);
  const k = requireInteger(context, 'nNeighbors', options.nNeighbors ?? 5, { min: 1 });
  if (!(k < n / 2))
    throw new SegmentkitError('E_PARAM', `${context}: nNeighbors must be below n / 2 = ${n / 2} (scikit-learn's rule), got ${k}`);
  // ranks do not change under a power-of-two scale, and squared distances of extreme data would overflow
  const xData = scaleDown(original.data, rescaleExponent(largestMagnitude(original.data)));
  const eData = scaleDown(projected.data, rescaleExponent(largestMagnitude(projected.data)));
  const dx = new Float64Array(n);
  const de = new Float64Array(n);
  const neighbours = new Int32Array(k);
  let penalty = 0;
  for (let i = 0; i < n; i++) {
    distancesFrom(xData, n, original.cols, i, dx);
    distancesFrom(eData, n, projected.cols, i, de);
    // the k nearest in the embedding (i itself excluded), kept sorted by insertion
    let found = 0;
    for (let l = 0; l < n; l++) {
      if (l === i) continue;
      if (found === k && !before(de, l, neighbours[k - 1]!)) continue;
      let at = found === k ? k - 1 : found++;
      while (at > 0 && before(de, l, neighbours[at - 1]!)) {
        neighbours[at] = neighbours[at - 1]!;
        at--;
      }
      neighbours[at] = l;
    }
    for (let m = 0; m < k; m++) {
      const j = neighbours[m]!;
      let rank = 1;
      for (let l = 0; l < n; l++) if (l !== i && before(dx, l, j)) rank++;
      if (rank > k) penalty += rank - k;
    }
  }
  return 1 - penalty * (2 / (n * k * (2 * n - 3 * k - 1)));
}
