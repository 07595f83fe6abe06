import type { Matrix } from '../../core/Matrix';
import { float64Buffer, int32Buffer, runCalls, sharedCopy, threadCalls } from '../../parallel/rowBlocks';
import type { ThreadPool } from '../../parallel/threadPool';
import { CHUNK_ROWS, exactAssignmentChunks, KMEANS_KERNELS } from '../kmeans/assignmentKernels';

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

/**
 * @internal
 * {@link nearestCentroid} over the threads of `pool`: the same kernel on chunks of rows claimed in turn, so every
 * label and distance is the very number one thread computes (each row is labelled on its own; no sum depends on
 * the split). The rows are copied into shared memory unless they already live there; `nearestSquared` receives
 * the winning squared distance per row.
 */
export function nearestCentroidOnThreads(
  X: Matrix,
  centers: Float64Array,
  k: number,
  labels: Int32Array,
  nearestSquared: Float64Array,
  pool: ThreadPool,
): void {
  const { rows, cols: d } = X;
  const data = sharedCopy(X.data, true);
  const sharedLabels = int32Buffer(rows, true).fill(-1);
  const two = float64Buffer(2 * rows, true);
  const call = [
    data,
    null,
    sharedCopy(centers, true),
    d,
    k,
    sharedLabels,
    null,
    CHUNK_ROWS,
    two,
    null,
    null,
    0,
    rows,
    int32Buffer(1, true),
  ];
  runCalls(pool, KMEANS_KERNELS, 0, threadCalls(pool, call));
  labels.set(sharedLabels);
  for (let i = 0; i < rows; i++) nearestSquared[i] = two[2 * i]!;
}
