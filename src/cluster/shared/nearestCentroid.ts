import type { Matrix } from '../../core/Matrix';
import { exactAssignmentChunks } from '../kmeans/assignmentKernels';

/**
 * @internal
 * Label every row of `X` with its nearest centroid (ties → lowest index), with the very kernel of the fit's
 * exact passes, so predicting the training rows reproduces the training labels. When `squaredDistances` is given
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
  labels.fill(-1);
  const two = nearestSquared === undefined ? null : new Float64Array(2 * rows);
  // every row as one chunk, on this thread
  exactAssignmentChunks(
    data,
    null,
    centers,
    d,
    k,
    labels,
    null,
    Math.max(rows, 1),
    two,
    squaredDistances ?? null,
    null,
    0,
    rows,
    new Int32Array(1),
  );
  if (two !== null) for (let i = 0; i < rows; i++) nearestSquared![i] = two[2 * i]!;
}
