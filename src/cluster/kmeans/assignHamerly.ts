import { float64Buffer, int32Buffer, runCalls, threadCalls } from '../../parallel/rowBlocks';
import { CHUNK_ROWS, KMEANS_KERNELS, rowSquaredDistance } from './assignmentKernels';
import { BOUND_SLACK } from './boundsMargin';
import { fullAssignment } from './fullAssignment';
import { applyMoves, type KMeansState } from './KMeansState';

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
  /** Rows the stored bounds could not settle in the current pass: each chunk of rows lists its own from its first row. */
  readonly pending: Int32Array;
  initialised: boolean;
}

/** @internal */
export function createHamerlyBounds(n: number, k: number, shared = false): HamerlyBounds {
  return {
    bases: float64Buffer(2 * n, shared),
    drift: float64Buffer(k, shared),
    totalMaxDrift: 0,
    halfCenterDistances: float64Buffer(k * k, shared),
    halfGap: float64Buffer(k, shared),
    pending: int32Buffer(n, shared),
    initialised: false,
  };
}

/** @internal Half the pairwise centroid distances and, per centroid, half the gap to its nearest other one. */
export function computeHalfDistances(centers: Float64Array, k: number, d: number, half: Float64Array, halfGap: Float64Array): void {
  halfGap.fill(Infinity);
  for (let a = 0; a < k; a++) {
    half[a * k + a] = 0;
    for (let b = a + 1; b < k; b++) {
      const h = 0.5 * Math.sqrt(rowSquaredDistance(centers, a * d, centers, b * d, d));
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
  const { data, weights, pool, deltas } = state;
  const pending = bounds.pending;
  const shared = pool !== null;
  const listed = int32Buffer(Math.ceil(n / CHUNK_ROWS), shared);
  const listCall = [
    labels,
    bases,
    drift,
    halfGap,
    totalMaxDrift,
    absoluteSlack,
    BOUND_SLACK,
    pending,
    listed,
    CHUNK_ROWS,
    n,
    int32Buffer(1, shared),
  ];
  let pendingCount = 0;
  for (const count of runCalls(pool, KMEANS_KERNELS, 1, threadCalls(pool, listCall))) pendingCount += count;
  if (pendingCount > FULL_PASS_SHARE * n) return exactPass(state, bounds);

  const resolveCall = [
    data,
    weights,
    centers,
    d,
    k,
    labels,
    bases,
    drift,
    half,
    halfGap,
    totalMaxDrift,
    absoluteSlack,
    BOUND_SLACK,
    pending,
    deltas,
    CHUNK_ROWS,
    listed,
    n,
    int32Buffer(1, shared),
  ];
  let evaluations = 0;
  for (const count of runCalls(pool, KMEANS_KERNELS, 2, threadCalls(pool, resolveCall))) evaluations += count;
  // the resolve kernel left in `listed` how many rows of each chunk changed label
  let changed = 0;
  for (const moved of listed) changed += moved;
  if (changed > 0) applyMoves(state);
  state.distanceEvaluations += evaluations;
  return changed;
}

/** Above this share of unsettled rows a full exact pass is faster than resolving rows one by one (measured). */
const FULL_PASS_SHARE = 0.4;

/** Assign every row exactly and reset its bounds to the exact nearest and second-nearest distances. */
function exactPass(state: KMeansState, bounds: HamerlyBounds): number {
  return fullAssignment(state, bounds.bases, null, bounds.drift, bounds.totalMaxDrift);
}
