import { float64Buffer, int32Buffer } from '../../parallel/rowBlocks';
import { addMove, CHUNK_ROWS, rowSquaredDistance } from './assignmentKernels';
import type { ThreadPool } from '../../parallel/threadPool';

// The state one k-means run iterates on, and the steps every assignment strategy (Lloyd, Hamerly, Elkan)
// shares: moving a row between clusters' running sums, turning sums into centroids (with scikit-learn's
// empty-cluster relocation), and the final inertia. Sharing them is what makes every strategy produce
// bit-identical centroids for the same sequence of labels.

/** @internal */
export interface KMeansState {
  readonly data: Float64Array;
  readonly n: number;
  readonly d: number;
  readonly k: number;
  /** Per-row weights, or null for unit weights. */
  readonly weights: Float64Array | null;
  /** Current centroids (k × d), the ones the last assignment used. */
  centers: Float64Array;
  /** Scratch for the next centroids; swapped with `centers` after each update. */
  nextCenters: Float64Array;
  /** Running weighted sums of each cluster's rows (k × d). */
  readonly sums: Float64Array;
  /** Running total weight per cluster. */
  readonly weightSums: Float64Array;
  /** Members with positive weight per cluster (exact, to detect empty clusters). */
  readonly counts: Int32Array;
  /** Cluster of each row; −1 before the first assignment. */
  readonly labels: Int32Array;
  /** Distance each centroid moved in the last update (k). */
  readonly shifts: Float64Array;
  /** Set when relocation made the running sums disagree with the labels: rebuild them after the next assignment. */
  sumsStale: boolean;
  /** Distance evaluations so far (row–centroid pairs). */
  distanceEvaluations: number;
  /** Worker threads for the assignment kernels, or null: everything on the calling thread. */
  readonly pool: ThreadPool | null;
  /** Change of the sums, weights and counts per chunk of rows since the last {@link applyMoves} (assignmentKernels.ts). */
  readonly deltas: Float64Array;
}

/** @internal */
export function createKMeansState(
  data: Float64Array,
  n: number,
  d: number,
  initialCenters: Float64Array,
  k: number,
  weights: Float64Array | null,
  pool: ThreadPool | null = null,
): KMeansState {
  // with worker threads, everything a kernel reads or writes lives in shared memory
  const shared = pool !== null;
  const labels = int32Buffer(n, shared);
  labels.fill(-1);
  const centers = float64Buffer(k * d, shared);
  centers.set(initialCenters);
  return {
    // already in shared memory when there are threads (KMeans.fit copies X there once for every run)
    data,
    n,
    d,
    k,
    weights,
    centers,
    nextCenters: float64Buffer(k * d, shared),
    sums: new Float64Array(k * d),
    weightSums: new Float64Array(k),
    counts: new Int32Array(k),
    labels,
    shifts: new Float64Array(k),
    sumsStale: false,
    distanceEvaluations: 0,
    pool,
    deltas: float64Buffer(Math.ceil(n / CHUNK_ROWS) * (k * d + 2 * k), shared),
  };
}

/**
 * @internal
 * Add the changes the moved rows left in `state.deltas` to the running sums, chunk by chunk in row order, and
 * clear them. A cluster left without members gets exactly zero sums (no rounding residue).
 */
export function applyMoves(state: KMeansState): void {
  const { d, k, sums, weightSums, counts, deltas } = state;
  const kd = k * d;
  const stride = kd + 2 * k;
  for (let base = 0; base < deltas.length; base += stride) {
    for (let t = 0; t < kd; t++) sums[t] = sums[t]! + deltas[base + t]!;
    for (let j = 0; j < k; j++) {
      weightSums[j] = weightSums[j]! + deltas[base + kd + j]!;
      counts[j] = counts[j]! + deltas[base + kd + k + j]!;
    }
  }
  deltas.fill(0);
  for (let j = 0; j < k; j++) {
    if (counts[j] !== 0) continue;
    weightSums[j] = 0;
    sums.fill(0, j * d, j * d + d);
  }
}

/** @internal Recompute the running sums from the labels (after relocating empty clusters), chunk by chunk. */
export function rebuildSums(state: KMeansState): void {
  const { data, n, d, k, labels, sums, weightSums, counts, weights, deltas } = state;
  sums.fill(0);
  weightSums.fill(0);
  counts.fill(0);
  for (let i = 0; i < n; i++) addMove(data, weights, d, k, i, -1, labels[i]!, deltas, CHUNK_ROWS);
  applyMoves(state);
  state.sumsStale = false;
}

/**
 * @internal
 * Turn the running sums into the next centroids, relocating empty clusters as scikit-learn does: each empty
 * cluster takes the row farthest from its current centroid (largest first; ties → lower row index), whose
 * weight moves with it. Writes `state.shifts`; returns the sum of squared shifts. Swaps `centers` and
 * `nextCenters`, so `state.centers` is the new set afterwards.
 */
export function updateCenters(state: KMeansState): number {
  const { d, k, sums, weightSums, counts, shifts } = state;
  if (state.sumsStale) rebuildSums(state);
  let sumsForUpdate = sums;
  let weightsForUpdate = weightSums;
  let empty = 0;
  for (let j = 0; j < k; j++) if (counts[j] === 0) empty++;
  if (empty > 0) {
    sumsForUpdate = Float64Array.from(sums);
    weightsForUpdate = Float64Array.from(weightSums);
    relocateEmptyClusters(state, empty, sumsForUpdate, weightsForUpdate);
    // the relocated rows keep their labels until the next assignment, so the running sums no longer match
    state.sumsStale = true;
  }
  const old = state.centers;
  const next = state.nextCenters;
  let total = 0;
  for (let j = 0; j < k; j++) {
    const offset = j * d;
    const weight = weightsForUpdate[j]!;
    let shift = 0;
    for (let t = 0; t < d; t++) {
      const value = weight > 0 ? sumsForUpdate[offset + t]! / weight : sumsForUpdate[offset + t]!;
      next[offset + t] = value;
      const diff = value - old[offset + t]!;
      shift += diff * diff;
    }
    const distance = Math.sqrt(shift);
    shifts[j] = distance;
    total += distance * distance;
  }
  state.centers = next;
  state.nextCenters = old;
  return total;
}

function relocateEmptyClusters(state: KMeansState, empty: number, sums: Float64Array, weightSums: Float64Array): void {
  const { data, n, d, k, labels, centers, counts, weights } = state;
  const emptyClusters: number[] = [];
  for (let j = 0; j < k; j++) if (counts[j] === 0) emptyClusters.push(j);
  // the `empty` rows farthest from their centroid, found with a small sorted buffer (no n-sized sort)
  const farRows: number[] = [];
  const farDistances: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = labels[i]!;
    const distance = rowSquaredDistance(data, i * d, centers, label * d, d);
    if (farRows.length === empty && distance <= farDistances[empty - 1]!) continue;
    let position = farRows.length;
    while (position > 0 && farDistances[position - 1]! < distance) position--;
    farRows.splice(position, 0, i);
    farDistances.splice(position, 0, distance);
    if (farRows.length > empty) {
      farRows.pop();
      farDistances.pop();
    }
  }
  for (let e = 0; e < emptyClusters.length && e < farRows.length; e++) {
    const target = emptyClusters[e]!;
    const row = farRows[e]!;
    const w = weights === null ? 1 : weights[row]!;
    const source = labels[row]!;
    for (let t = 0; t < d; t++) {
      const value = data[row * d + t]! * w;
      sums[source * d + t] = sums[source * d + t]! - value;
      sums[target * d + t] = value;
    }
    weightSums[target] = w;
    weightSums[source] = weightSums[source]! - w;
  }
}
