import { int32Buffer, runCalls, threadCalls } from '../../parallel/rowBlocks';
import { CHUNK_ROWS, KMEANS_KERNELS } from './assignmentKernels';
import { simdExactPass } from './assignmentSimd';
import { applyMoves, type KMeansState } from './KMeansState';

/**
 * @internal
 * One exact assignment pass: every row against every centroid (the four-centroid kernel of
 * assignmentKernels.ts, over chunks of rows, on the state's threads), then the running sums take the moved
 * rows' changes chunk by chunk in row order (on the very first pass, when all labels are −1, that accumulates them).
 *
 * Optional outputs: `twoOut` (2n) receives the nearest and second-nearest squared distances per row,
 * interleaved, or Hamerly's bound bases when `drift` is given; `allOut` (n × k) receives every squared
 * distance. Returns the number of changed labels.
 */
export function fullAssignment(
  state: KMeansState,
  twoOut: Float64Array | null,
  allOut: Float64Array | null,
  drift: Float64Array | null = null,
  totalMaxDrift = 0,
): number {
  const { data, weights, n, d, k, labels, deltas, pool } = state;
  // the SIMD kernel when the rows and every array the pass writes live in the fit's arena (the same bits), else
  // the scalar one
  const simd = simdExactPass(state, twoOut, allOut, drift, totalMaxDrift);
  let changed = 0;
  if (simd !== null) changed = simd;
  else {
    const call = [
      data,
      weights,
      state.centers,
      d,
      k,
      labels,
      deltas,
      CHUNK_ROWS,
      twoOut,
      allOut,
      drift,
      totalMaxDrift,
      n,
      int32Buffer(1, pool !== null),
    ];
    for (const count of runCalls(pool, KMEANS_KERNELS, 0, threadCalls(pool, call))) changed += count;
  }
  if (changed > 0) applyMoves(state);
  state.distanceEvaluations += n * k;
  return changed;
}
