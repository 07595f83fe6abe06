import type { Matrix } from '../core/Matrix';

/**
 * @internal
 * Label every row of `X` with its nearest centroid (ties → lowest index). When `squaredDistances` is given
 * (rows × k) it receives every squared distance; `nearestSquared` (rows) receives the winning one.
 */
export function nearestCentroid(
  X: Matrix,
  centers: Float64Array,
  k: number,
  labels: Int32Array,
  nearestSquared?: Float64Array,
  squaredDistances?: Float64Array,
): void {
  const { data, rows, cols: d } = X;
  for (let i = 0; i < rows; i++) {
    const rowOffset = i * d;
    let best = 0;
    let bestDistance = Infinity;
    for (let j = 0; j < k; j++) {
      const centerOffset = j * d;
      let distance = 0;
      for (let t = 0; t < d; t++) {
        const diff = data[rowOffset + t]! - centers[centerOffset + t]!;
        distance += diff * diff;
      }
      if (squaredDistances !== undefined) squaredDistances[i * k + j] = distance;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = j;
      }
    }
    labels[i] = best;
    if (nearestSquared !== undefined) nearestSquared[i] = bestDistance;
  }
}
