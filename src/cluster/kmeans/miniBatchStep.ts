import type { Rng } from '../../core/createRng';
import { nearestTwo } from './distanceKernels';

/** @internal Buffers reused across mini-batch steps (no allocation per step). */
export interface MiniBatchScratch {
  readonly labels: Int32Array;
  readonly clusterWeight: Float64Array;
  readonly two: Float64Array;
}

/** @internal */
export function createMiniBatchScratch(batchSize: number, k: number): MiniBatchScratch {
  return { labels: new Int32Array(batchSize), clusterWeight: new Float64Array(k), two: new Float64Array(2) };
}

/**
 * @internal
 * One mini-batch step, as scikit-learn 1.2's `_mini_batch_step` (Sculley 2010 with per-centre learning rate
 * 1 / count): assign the batch rows to `centers`, then move each centre that got rows to the weighted mean of
 * its previous position (weighted by its accumulated count) and the new rows, written to `centersNew`;
 * `counts` accumulate. With `reassign`, centres whose count is below `reassignmentRatio × max count` jump to
 * random batch rows (at most half the batch), and their count is reset to the smallest count kept.
 *
 * The batch is `m` rows of `data`: `rows[b]` when `rows` is given, else rows `start … start + m − 1`. With
 * `assigned`, the batch is already assigned to `centers`: its labels in `scratch.labels`, its nearest squared
 * distances in `assigned` (miniBatchSimd.ts).
 * Returns the batch inertia before the update (Σ w·d²).
 */
export function miniBatchStep(
  data: Float64Array,
  d: number,
  k: number,
  rows: Int32Array | null,
  start: number,
  m: number,
  weights: Float64Array | null,
  centers: Float64Array,
  centersNew: Float64Array,
  counts: Float64Array,
  scratch: MiniBatchScratch,
  rng: Rng,
  reassign: boolean,
  reassignmentRatio: number,
  assigned: Float64Array | null = null,
): number {
  const { labels, clusterWeight, two } = scratch;
  clusterWeight.fill(0);
  let inertia = 0;
  for (let b = 0; b < m; b++) {
    const row = rows === null ? start + b : rows[b]!;
    // already assigned (miniBatchSimd.ts: the labels in scratch.labels, the distances in `assigned`), or now
    const label = assigned === null ? nearestTwo(data, row * d, centers, k, d, two) : labels[b]!;
    labels[b] = label;
    const w = weights === null ? 1 : weights[row]!;
    inertia += w * (assigned === null ? two[0]! : assigned[b]!);
    clusterWeight[label] = clusterWeight[label]! + w;
  }
  // centres with new rows restart from their count-weighted position; the others stay
  for (let j = 0; j < k; j++) {
    const offset = j * d;
    if (clusterWeight[j]! > 0) {
      const count = counts[j]!;
      for (let t = 0; t < d; t++) centersNew[offset + t] = centers[offset + t]! * count;
    } else if (centersNew !== centers) {
      for (let t = 0; t < d; t++) centersNew[offset + t] = centers[offset + t]!;
    }
  }
  for (let b = 0; b < m; b++) {
    const row = rows === null ? start + b : rows[b]!;
    const w = weights === null ? 1 : weights[row]!;
    const offset = labels[b]! * d;
    const rowOffset = row * d;
    for (let t = 0; t < d; t++) centersNew[offset + t] = centersNew[offset + t]! + data[rowOffset + t]! * w;
  }
  for (let j = 0; j < k; j++) {
    if (!(clusterWeight[j]! > 0)) continue;
    counts[j] = counts[j]! + clusterWeight[j]!;
    const alpha = 1 / counts[j]!;
    const offset = j * d;
    for (let t = 0; t < d; t++) centersNew[offset + t] = centersNew[offset + t]! * alpha;
  }
  if (reassign && reassignmentRatio > 0) reassignSmallClusters(data, d, k, rows, start, m, centersNew, counts, rng, reassignmentRatio);
  return inertia;
}

function reassignSmallClusters(
  data: Float64Array,
  d: number,
  k: number,
  rows: Int32Array | null,
  start: number,
  m: number,
  centersNew: Float64Array,
  counts: Float64Array,
  rng: Rng,
  reassignmentRatio: number,
): void {
  let maxCount = 0;
  for (let j = 0; j < k; j++) if (counts[j]! > maxCount) maxCount = counts[j]!;
  const threshold = reassignmentRatio * maxCount;
  let candidates: number[] = [];
  for (let j = 0; j < k; j++) if (counts[j]! < threshold) candidates.push(j);
  if (candidates.length === 0) return;
  const limit = Math.floor(0.5 * m);
  if (candidates.length > limit) {
    // only the `limit` clusters with the smallest counts move (ties → lower index), as scikit-learn
    candidates = [...candidates]
      .sort((a, b) => counts[a]! - counts[b]! || a - b)
      .slice(0, limit)
      .sort((a, b) => a - b);
    if (candidates.length === 0) return;
  }
  // distinct random batch rows for the new centres
  const picked = new Set<number>();
  const chosen: number[] = [];
  while (chosen.length < candidates.length) {
    const b = rng.integer(0, m);
    if (picked.has(b)) continue;
    picked.add(b);
    chosen.push(b);
  }
  const moved = new Set(candidates);
  let smallestKept = Infinity;
  for (let j = 0; j < k; j++) if (!moved.has(j) && counts[j]! < smallestKept) smallestKept = counts[j]!;
  candidates.forEach((j, index) => {
    const b = chosen[index]!;
    const row = rows === null ? start + b : rows[b]!;
    centersNew.set(data.subarray(row * d, row * d + d), j * d);
    // a reset count keeps the moved centre from being reassigned again at once
    counts[j] = Number.isFinite(smallestKept) ? smallestKept : counts[j]!;
  });
}
