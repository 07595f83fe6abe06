import { squaredDifferences } from '../../core/squaredEuclidean';

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
}

/** @internal */
export function createKMeansState(
  data: Float64Array,
  n: number,
  d: number,
  initialCenters: Float64Array,
  k: number,
  weights: Float64Array | null,
): KMeansState {
  const labels = new Int32Array(n);
  labels.fill(-1);
  return {
    data,
    n,
    d,
    k,
    weights,
    centers: Float64Array.from(initialCenters),
    nextCenters: new Float64Array(k * d),
    sums: new Float64Array(k * d),
    weightSums: new Float64Array(k),
    counts: new Int32Array(k),
    labels,
    shifts: new Float64Array(k),
    sumsStale: false,
    distanceEvaluations: 0,
  };
}

/** @internal Move row i from cluster `from` (−1 = none) to `to`, updating the running sums. */
export function moveRow(state: KMeansState, i: number, from: number, to: number): void {
  const { data, d, sums, weightSums, counts, weights } = state;
  const w = weights === null ? 1 : weights[i]!;
  if (w === 0) return;
  const rowOffset = i * d;
  if (from >= 0) {
    const offset = from * d;
    for (let t = 0; t < d; t++) sums[offset + t] = sums[offset + t]! - w * data[rowOffset + t]!;
    weightSums[from] = weightSums[from]! - w;
    counts[from] = counts[from]! - 1;
    if (counts[from] === 0) {
      // clear the rounding residue: an empty cluster's sums are exactly zero
      weightSums[from] = 0;
      sums.fill(0, offset, offset + d);
    }
  }
  const offset = to * d;
  for (let t = 0; t < d; t++) sums[offset + t] = sums[offset + t]! + w * data[rowOffset + t]!;
  weightSums[to] = weightSums[to]! + w;
  counts[to] = counts[to]! + 1;
}

/** @internal Recompute the running sums from the labels, in row order (bit-identical to moving every row in turn). */
export function rebuildSums(state: KMeansState): void {
  const { data, n, d, labels, sums, weightSums, counts, weights } = state;
  sums.fill(0);
  weightSums.fill(0);
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const w = weights === null ? 1 : weights[i]!;
    if (w === 0) continue;
    const label = labels[i]!;
    const offset = label * d;
    const rowOffset = i * d;
    for (let t = 0; t < d; t++) sums[offset + t] = sums[offset + t]! + w * data[rowOffset + t]!;
    weightSums[label] = weightSums[label]! + w;
    counts[label] = counts[label]! + 1;
  }
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
    const distance = squaredDifferences(data, i * d, centers, label * d, d);
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

/** @internal Σ w_i ‖x_i − c_label(i)‖² with the current centers. */
export function computeInertia(state: KMeansState): number {
  const { data, n, d, labels, centers, weights } = state;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const distance = squaredDifferences(data, i * d, centers, labels[i]! * d, d);
    total += weights === null ? distance : weights[i]! * distance;
  }
  return total;
}
