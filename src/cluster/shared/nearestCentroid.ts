import type { Matrix } from '../../core/Matrix';
import { nearestTwo } from '../kmeans/distanceKernels';

/**
 * @internal
 * Label every row of `X` with its nearest centroid (ties → lowest index), with the same distance kernel as
 * the fit, so predicting the training rows reproduces the training labels. When `squaredDistances` is given
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
  const scratch = new Float64Array(2);
  for (let i = 0; i < rows; i++) {
    labels[i] = nearestTwo(data, i * d, centers, k, d, scratch, squaredDistances, i * k);
    if (nearestSquared !== undefined) nearestSquared[i] = scratch[0]!;
  }
}
