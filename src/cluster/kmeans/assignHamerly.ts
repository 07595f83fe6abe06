import { squaredDifferences } from '../../core/squaredEuclidean';
import { BOUND_SLACK as SHARED_BOUND_SLACK } from './boundsMargin';

// a module-local copy: reading an imported binding in a hot loop costs a hole check per access in V8
const BOUND_SLACK = SHARED_BOUND_SLACK;

import { fullAssignment } from './fullAssignment';
import { moveRow, type KMeansState } from './KMeansState';

/**
 * @internal
 * Hamerly's bounds, stored lazily: per row an upper bound to the own centroid and a lower bound to every
 * other one, both kept relative to the cumulative drift of the centroids. The current bounds are
 * `upper = base + drift[label]` and `lower = base − totalMaxDrift`, so the pass over rows that the bounds
 * settle only reads memory; a row's bases are rewritten only when its distances are recomputed.
 */
export interface HamerlyBounds {
  /** Interleaved [upper base, lower base] per row (2n). */
  readonly bases: Float64Array;
  /** Total distance each centroid has moved since the start. */
  readonly drift: Float64Array;
  /** Sum over update steps of the largest centroid move. */
  totalMaxDrift: number;
  /** Half the pairwise centroid distances (k × k). */
  readonly halfCenterDistances: Float64Array;
  /** Half the distance from each centroid to its nearest other centroid. */
  readonly halfGap: Float64Array;
  /** Rows the stored bounds could not settle in the current pass, in row order. */
  readonly pending: Int32Array;
  initialised: boolean;
}

/** @internal */
export function createHamerlyBounds(n: number, k: number): HamerlyBounds {
  return {
    bases: new Float64Array(2 * n),
    drift: new Float64Array(k),
    totalMaxDrift: 0,
    halfCenterDistances: new Float64Array(k * k),
    halfGap: new Float64Array(k),
    pending: new Int32Array(n),
    initialised: false,
  };
}

/** @internal Half the pairwise centroid distances and, per centroid, half the gap to its nearest other one. */
export function computeHalfDistances(centers: Float64Array, k: number, d: number, half: Float64Array, halfGap: Float64Array): void {
  halfGap.fill(Infinity);
  for (let a = 0; a < k; a++) {
    half[a * k + a] = 0;
    for (let b = a + 1; b < k; b++) {
      const h = 0.5 * Math.sqrt(squaredDifferences(centers, a * d, centers, b * d, d));
      half[a * k + b] = h;
      half[b * k + a] = h;
      if (h < halfGap[a]!) halfGap[a] = h;
      if (h < halfGap[b]!) halfGap[b] = h;
    }
  }
}

/**
 * @internal
 * Hamerly (2010) assignment. The first call assigns every row exactly. Later calls skip every row whose upper
 * bound is below both its lower bound and half the gap from its centroid to the nearest other one; for the
 * others the own distance is recomputed, and if that does not settle the row, the remaining centroids are
 * scanned, skipping those the centroid–centroid distances prove farther (Elkan's first lemma). Every
 * comparison that decides a label uses exact squared distances, so the labels equal Lloyd's.
 */
export function assignHamerly(state: KMeansState, bounds: HamerlyBounds): number {
  const { n, d, k, labels, shifts } = state;
  const centers = state.centers;
  const { bases, drift, halfCenterDistances: half, halfGap } = bounds;
  computeHalfDistances(centers, k, d, half, halfGap);

  if (!bounds.initialised) {
    exactPass(state, bounds);
    bounds.initialised = true;
    return n;
  }

  let maxShift = 0;
  let maxDrift = 0;
  for (let j = 0; j < k; j++) {
    const s = shifts[j]!;
    if (s > maxShift) maxShift = s;
    drift[j] = drift[j]! + s;
    if (drift[j]! > maxDrift) maxDrift = drift[j]!;
  }
  bounds.totalMaxDrift += maxShift;
  const totalMaxDrift = bounds.totalMaxDrift;
  // the stored bases lose about one ulp of the drift each time they are rebased; never trust a bound closer
  // than that
  const absoluteSlack = 1e-12 * (maxDrift + totalMaxDrift);

  // First only read the bounds and list the rows they cannot settle. When most rows need work (large moves
  // of the centroids, typically right after the initialisation), one exact pass is cheaper than resolving
  // them one by one, and it leaves the tightest possible bounds.
  const pending = bounds.pending;
  const pendingCount = listUnsettledRows(labels, bases, drift, halfGap, n, totalMaxDrift, absoluteSlack, pending);
  if (pendingCount > FULL_PASS_SHARE * n) return exactPass(state, bounds);

  let evaluations = 0;
  let changed = 0;
  for (let p = 0; p < pendingCount; p++) {
    const i = pending[p]!;
    const assigned = labels[i]!;
    const lower = bases[2 * i + 1]! - totalMaxDrift;
    const gap = halfGap[assigned]!;
    const outcome = resolveRow(state, bounds, i, assigned, lower > gap ? lower : gap, absoluteSlack);
    evaluations += outcome >>> 1;
    changed += outcome & 1;
  }
  state.distanceEvaluations += evaluations;
  return changed;
}

/**
 * The hot loop of every Hamerly pass after the first: read-only over the bounds, it lists the rows whose
 * upper bound is not below max(lower bound, half-gap). A separate function with typed-array parameters so V8
 * compiles it on its own (about 2× faster than the same loop inlined in the larger pass).
 */
function listUnsettledRows(
  labels: Int32Array,
  bases: Float64Array,
  drift: Float64Array,
  halfGap: Float64Array,
  n: number,
  totalMaxDrift: number,
  absoluteSlack: number,
  pending: Int32Array,
): number {
  let count = 0;
  for (let i = 0; i < n; i++) {
    const assigned = labels[i]!;
    const lower = bases[2 * i + 1]! - totalMaxDrift;
    const gap = halfGap[assigned]!;
    const limit = lower > gap ? lower : gap;
    if ((bases[2 * i]! + drift[assigned]!) * BOUND_SLACK + absoluteSlack < limit) continue;
    pending[count++] = i;
  }
  return count;
}

/** Above this share of unsettled rows a full exact pass is faster than resolving rows one by one (measured). */
const FULL_PASS_SHARE = 0.4;

/** Assign every row exactly and reset its bounds to the exact nearest and second-nearest distances. */
function exactPass(state: KMeansState, bounds: HamerlyBounds): number {
  const { bases, drift, totalMaxDrift } = bounds;
  const { n, labels } = state;
  const changed = fullAssignment(state, bases, null);
  for (let i = 0; i < n; i++) {
    bases[2 * i] = Math.sqrt(bases[2 * i]!) - drift[labels[i]!]!;
    bases[2 * i + 1] = Math.sqrt(bases[2 * i + 1]!) + totalMaxDrift;
  }
  return changed;
}

/**
 * Settle one row the stored bounds could not: tighten with the own distance, then scan the other centroids.
 * Returns (distance evaluations << 1) | (1 if the label changed).
 */
function resolveRow(state: KMeansState, bounds: HamerlyBounds, i: number, assigned: number, limit: number, absoluteSlack: number): number {
  const { data, d, k, labels } = state;
  const centers = state.centers;
  const { bases, drift, halfCenterDistances: half, totalMaxDrift } = bounds;
  const rowOffset = i * d;
  const ownSquared = squaredDifferences(data, rowOffset, centers, assigned * d, d);
  let evaluations = 1;
  const own = Math.sqrt(ownSquared);
  if (own * BOUND_SLACK + absoluteSlack < limit) {
    bases[2 * i] = own - drift[assigned]!;
    return evaluations << 1;
  }
  let best = assigned;
  let bestSquared = ownSquared;
  let bestDistance = own;
  let secondLower = Infinity;
  for (let j = 0; j < k; j++) {
    if (j === assigned) continue;
    const h = half[best * k + j]!;
    if (bestDistance * BOUND_SLACK < h) {
      // d(x, c_j) ≥ 2h − d(x, c_best) > d(x, c_best): cannot win, and that is a lower bound for it
      const bound = 2 * h - bestDistance;
      if (bound < secondLower) secondLower = bound;
      continue;
    }
    const squared = squaredDifferences(data, rowOffset, centers, j * d, d);
    evaluations++;
    if (squared < bestSquared || (squared === bestSquared && j < best)) {
      if (bestDistance < secondLower) secondLower = bestDistance;
      best = j;
      bestSquared = squared;
      bestDistance = Math.sqrt(squared);
    } else {
      const distance = Math.sqrt(squared);
      if (distance < secondLower) secondLower = distance;
    }
  }
  bases[2 * i] = bestDistance - drift[best]!;
  bases[2 * i + 1] = secondLower + totalMaxDrift;
  if (best === assigned) return evaluations << 1;
  moveRow(state, i, assigned, best);
  labels[i] = best;
  return (evaluations << 1) | 1;
}
