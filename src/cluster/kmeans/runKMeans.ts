import { throwIfAborted, type AbortSignalLike } from '../../core/abort';
import { assignElkan, createElkanBounds } from './assignElkan';
import { assignHamerly, createHamerlyBounds } from './assignHamerly';
import { assignLloyd } from './assignLloyd';
import { arenaHamerlyBounds } from './kmeansArena';
import { computeInertia } from './computeInertia';
import { updateCenters, type KMeansState } from './KMeansState';
import type { KMeansAlgorithm, KMeansProgress } from './kmeansParams';

/** @internal */
export interface KMeansRunResult {
  readonly nIter: number;
  readonly converged: boolean;
  readonly inertia: number;
  /** Assignment passes done (update steps plus the final relabelling, if any). */
  readonly passes: number;
}

/**
 * @internal
 * One k-means run from the state's initial centroids, with scikit-learn 1.2's stopping rule: after each
 * assignment + update, stop if no label changed, else if the total squared centroid shift is ≤ `tolerance`;
 * when stopped by tolerance or the iteration cap, relabel once so labels match the final centroids.
 */
export function runKMeans(
  state: KMeansState,
  algorithm: KMeansAlgorithm,
  options: {
    maxIter: number;
    tolerance: number;
    run: number;
    nRuns: number;
    context: string;
    signal: AbortSignalLike | undefined;
    onProgress: ((event: KMeansProgress) => void) | undefined;
  },
): KMeansRunResult {
  const { maxIter, tolerance, run, nRuns, context, signal, onProgress } = options;
  const shared = state.pool !== null;
  // in the fit's arena when it has one (the SIMD kernels write the bounds there)
  const hamerly = algorithm === 'hamerly' ? arenaHamerlyBounds(state, createHamerlyBounds(state.n, state.k, shared)) : null;
  const elkan = algorithm === 'elkan' ? createElkanBounds(state.n, state.k, shared) : null;
  const assign = (): number =>
    hamerly !== null ? assignHamerly(state, hamerly) : elkan !== null ? assignElkan(state, elkan) : assignLloyd(state);

  let strict = false;
  let iteration = 0;
  let stoppedEarly = false;
  let passes = 0;
  while (iteration < maxIter) {
    throwIfAborted(signal, context);
    const changed = assign();
    passes++;
    const centerShift = updateCenters(state);
    iteration++;
    onProgress?.({ run, nRuns, iteration, changed, centerShift, distanceEvaluations: state.distanceEvaluations });
    if (changed === 0) {
      strict = true;
      stoppedEarly = true;
      break;
    }
    if (centerShift <= tolerance) {
      stoppedEarly = true;
      break;
    }
  }
  if (!strict) {
    throwIfAborted(signal, context);
    assign();
    passes++;
  }
  return { nIter: iteration, converged: stoppedEarly, inertia: computeInertia(state), passes };
}
