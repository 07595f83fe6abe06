import { float64Buffer } from '../../parallel/rowBlocks';
import { computeHalfDistances } from './assignHamerly';
import { addMove, CHUNK_ROWS, rowSquaredDistance } from './assignmentKernels';
import { BOUND_SLACK as SHARED_BOUND_SLACK } from './boundsMargin';

import { fullAssignment } from './fullAssignment';
import { applyMoves, type KMeansState } from './KMeansState';

// a module-local copy: reading an imported binding in a hot loop costs a hole check per access in V8
const BOUND_SLACK = SHARED_BOUND_SLACK;

/**
 * @internal
 * Elkan's bounds, stored lazily like Hamerly's: an upper-bound base per row and a lower-bound base per row and
 * centroid, relative to each centroid's cumulative drift (`upper = base + drift[label]`,
 * `lower_j = base_j − drift[j]`). Passes only read them; a base is rewritten when its distance is recomputed.
 */
export interface ElkanBounds {
  readonly upperBases: Float64Array;
  readonly lowerBases: Float64Array;
  /** Total distance each centroid has moved since the start. */
  readonly drift: Float64Array;
  /** Half the pairwise centroid distances (k × k). */
  readonly halfCenterDistances: Float64Array;
  /** Half the distance from each centroid to its nearest other centroid. */
  readonly halfGap: Float64Array;
  /** Rows the global test could not settle in the current pass, in row order. */
  readonly pending: Int32Array;
  initialised: boolean;
}

/** @internal */
export function createElkanBounds(n: number, k: number, shared = false): ElkanBounds {
  return {
    upperBases: new Float64Array(n),
    // the exact first pass writes every distance here, on the worker threads when there are any
    lowerBases: float64Buffer(n * k, shared),
    drift: new Float64Array(k),
    halfCenterDistances: new Float64Array(k * k),
    halfGap: new Float64Array(k),
    pending: new Int32Array(n),
    initialised: false,
  };
}

/**
 * @internal
 * Elkan (2003) assignment with the triangle inequality: a row is settled when its upper bound is below half
 * the gap to the nearest other centroid; otherwise each other centroid is ruled out by its own lower bound or
 * by half the centroid–centroid distance, and only the survivors are measured. Candidates are compared with
 * exact squared distances (ties → lowest index), so the labels equal Lloyd's.
 */
export function assignElkan(state: KMeansState, bounds: ElkanBounds): number {
  const { n, d, k, labels, shifts } = state;
  const centers = state.centers;
  const { upperBases, drift, halfCenterDistances: half, halfGap, pending } = bounds;
  computeHalfDistances(centers, k, d, half, halfGap);
  if (!bounds.initialised) {
    bounds.initialised = true;
    return exactPass(state, bounds);
  }
  let maxDrift = 0;
  for (let j = 0; j < k; j++) {
    drift[j] = drift[j]! + shifts[j]!;
    if (drift[j]! > maxDrift) maxDrift = drift[j]!;
  }
  const absoluteSlack = 2e-12 * maxDrift;
  let pendingCount = 0;
  for (let i = 0; i < n; i++) {
    const assigned = labels[i]!;
    if ((upperBases[i]! + drift[assigned]!) * BOUND_SLACK + absoluteSlack < halfGap[assigned]!) continue;
    pending[pendingCount++] = i;
  }
  let evaluations = 0;
  let changed = 0;
  for (let p = 0; p < pendingCount; p++) {
    const outcome = resolveRow(state, bounds, pending[p]!, absoluteSlack);
    evaluations += outcome >>> 1;
    changed += outcome & 1;
  }
  if (changed > 0) applyMoves(state);
  state.distanceEvaluations += evaluations;
  return changed;
}

function exactPass(state: KMeansState, bounds: ElkanBounds): number {
  const { n, k, labels } = state;
  const { upperBases, lowerBases, drift } = bounds;
  const changed = fullAssignment(state, null, lowerBases);
  for (let i = 0; i < n; i++) {
    const offset = i * k;
    for (let j = 0; j < k; j++) lowerBases[offset + j] = Math.sqrt(lowerBases[offset + j]!) + drift[j]!;
    const assigned = labels[i]!;
    upperBases[i] = lowerBases[offset + assigned]! - 2 * drift[assigned]!;
  }
  return changed;
}

/** Returns (distance evaluations << 1) | (1 if the label changed). */
function resolveRow(state: KMeansState, bounds: ElkanBounds, i: number, absoluteSlack: number): number {
  const { data, d, k, labels } = state;
  const centers = state.centers;
  const { upperBases, lowerBases, drift, halfCenterDistances: half } = bounds;
  const rowOffset = i * d;
  const lowerOffset = i * k;
  const previous = labels[i]!;
  let assigned = previous;
  let upper = upperBases[i]! + drift[assigned]!;
  let tight = false;
  let assignedSquared = 0;
  let evaluations = 0;
  for (let j = 0; j < k; j++) {
    if (j === assigned) continue;
    const lower = lowerBases[lowerOffset + j]! - drift[j]!;
    const h = half[assigned * k + j]!;
    const limit = lower > h ? lower : h;
    if (upper * BOUND_SLACK + absoluteSlack < limit) continue;
    if (!tight) {
      assignedSquared = rowSquaredDistance(data, rowOffset, centers, assigned * d, d);
      evaluations++;
      upper = Math.sqrt(assignedSquared);
      lowerBases[lowerOffset + assigned] = upper + drift[assigned]!;
      tight = true;
      if (upper * BOUND_SLACK + absoluteSlack < limit) continue;
    }
    const squared = rowSquaredDistance(data, rowOffset, centers, j * d, d);
    evaluations++;
    const distance = Math.sqrt(squared);
    lowerBases[lowerOffset + j] = distance + drift[j]!;
    if (squared < assignedSquared || (squared === assignedSquared && j < assigned)) {
      assigned = j;
      assignedSquared = squared;
      upper = distance;
    }
  }
  upperBases[i] = upper - drift[assigned]!;
  if (assigned === previous) return evaluations << 1;
  addMove(state.data, state.weights, d, k, i, previous, assigned, state.deltas, CHUNK_ROWS);
  labels[i] = assigned;
  return (evaluations << 1) | 1;
}
