// Exact silhouette values in O(n) extra memory. The rows are copied once in cluster order, so every cluster is a
// contiguous range. Each unordered pair of rows is visited once: for a row i of cluster c and every later row j,
// d(i, j) is added to a register accumulator of i (flushed at the end of each cluster range of j) and to colSum[j].
// Once all rows of c are done, colSum[j] is the total distance from j to cluster c for every later row j (rows of
// c get their within-cluster total from it plus their own accumulator), so the best "other cluster" mean of every
// row is updated on the fly and colSum is reused for the next cluster. Extra memory: the sorted copy (n·d) and
// four length-n arrays, whatever the number of clusters.
//
// Speed: rows are taken four at a time against each later row (four independent accumulation chains, as in
// src/cluster/kmeans/distanceKernels.ts), one square root per pair; n = 50 000 × 8 is 1.25e9 pairs.
// Measured (AMD EPYC, Node 20, d = 8): 4.1 ns per pair with a loop over the features, 2.5 ns with the four rows'
// features in locals (the Euclidean kernels below), so 50 000 × 8 takes about 3 s against scikit-learn's 16 s.

import type { AbortSignalLike } from '../core/abort';
import { throwIfAborted } from '../core/abort';
import { float64Buffer, int32Buffer, runCalls, sharedCopy, threadCalls } from '../parallel/rowBlocks';
import { type KernelSet, threadPool } from '../parallel/threadPool';
import { resolveWorkers, type WorkersOption } from '../parallel/workersOption';
import type { SilhouetteMetric, SilhouetteProgress } from './silhouetteSamples';

/** @internal Execution controls of the silhouette computation. */
export interface SilhouetteControls {
  readonly onProgress?: ((event: SilhouetteProgress) => void) | undefined;
  readonly signal?: AbortSignalLike | undefined;
  readonly workers?: WorkersOption | undefined;
  readonly context: string;
}

// Squared Euclidean distances from four rows to a range of rows, with the four rows' features held in local
// variables: features are taken eight (then four, then one) at a time, and for d > 8 the partial sums of a tile of
// 256 target rows wait in a small scratch array between feature chunks. Sums still run in feature order, so the
// result is the same as a plain loop over t, at about 1.6× its speed for d = 8 (2.5 ns instead of 4 ns per pair).
// (256 rows: `partial` holds 4 × 256 values; the tile size is written out in squaredFour, as kernels may not read
// module constants: see src/parallel/threadPool.ts.)

function chunk8(
  partial: Float64Array,
  xs: Float64Array,
  d: number,
  r: number,
  c: number,
  jt: number,
  je: number,
  first: boolean,
  last: boolean,
  root: boolean,
  colSum: Float64Array,
  acc: Float64Array,
): void {
  const p0 = r + c;
  const p1 = p0 + d;
  const p2 = p1 + d;
  const p3 = p2 + d;
  const x00 = xs[p0]!,
    x01 = xs[p0 + 1]!,
    x02 = xs[p0 + 2]!,
    x03 = xs[p0 + 3]!,
    x04 = xs[p0 + 4]!,
    x05 = xs[p0 + 5]!,
    x06 = xs[p0 + 6]!,
    x07 = xs[p0 + 7]!;
  const x10 = xs[p1]!,
    x11 = xs[p1 + 1]!,
    x12 = xs[p1 + 2]!,
    x13 = xs[p1 + 3]!,
    x14 = xs[p1 + 4]!,
    x15 = xs[p1 + 5]!,
    x16 = xs[p1 + 6]!,
    x17 = xs[p1 + 7]!;
  const x20 = xs[p2]!,
    x21 = xs[p2 + 1]!,
    x22 = xs[p2 + 2]!,
    x23 = xs[p2 + 3]!,
    x24 = xs[p2 + 4]!,
    x25 = xs[p2 + 5]!,
    x26 = xs[p2 + 6]!,
    x27 = xs[p2 + 7]!;
  const x30 = xs[p3]!,
    x31 = xs[p3 + 1]!,
    x32 = xs[p3 + 2]!,
    x33 = xs[p3 + 3]!,
    x34 = xs[p3 + 4]!,
    x35 = xs[p3 + 5]!,
    x36 = xs[p3 + 6]!,
    x37 = xs[p3 + 7]!;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  for (let j = jt, q = jt * d + c, u = 0; j < je; j++, q += d, u += 4) {
    const y0 = xs[q]!,
      y1 = xs[q + 1]!,
      y2 = xs[q + 2]!,
      y3 = xs[q + 3]!,
      y4 = xs[q + 4]!,
      y5 = xs[q + 5]!,
      y6 = xs[q + 6]!,
      y7 = xs[q + 7]!;
    let s0 = first ? 0 : partial[u]!;
    let s1 = first ? 0 : partial[u + 1]!;
    let s2 = first ? 0 : partial[u + 2]!;
    let s3 = first ? 0 : partial[u + 3]!;
    let e = x00 - y0;
    s0 += e * e;
    e = x01 - y1;
    s0 += e * e;
    e = x02 - y2;
    s0 += e * e;
    e = x03 - y3;
    s0 += e * e;
    e = x04 - y4;
    s0 += e * e;
    e = x05 - y5;
    s0 += e * e;
    e = x06 - y6;
    s0 += e * e;
    e = x07 - y7;
    s0 += e * e;
    e = x10 - y0;
    s1 += e * e;
    e = x11 - y1;
    s1 += e * e;
    e = x12 - y2;
    s1 += e * e;
    e = x13 - y3;
    s1 += e * e;
    e = x14 - y4;
    s1 += e * e;
    e = x15 - y5;
    s1 += e * e;
    e = x16 - y6;
    s1 += e * e;
    e = x17 - y7;
    s1 += e * e;
    e = x20 - y0;
    s2 += e * e;
    e = x21 - y1;
    s2 += e * e;
    e = x22 - y2;
    s2 += e * e;
    e = x23 - y3;
    s2 += e * e;
    e = x24 - y4;
    s2 += e * e;
    e = x25 - y5;
    s2 += e * e;
    e = x26 - y6;
    s2 += e * e;
    e = x27 - y7;
    s2 += e * e;
    e = x30 - y0;
    s3 += e * e;
    e = x31 - y1;
    s3 += e * e;
    e = x32 - y2;
    s3 += e * e;
    e = x33 - y3;
    s3 += e * e;
    e = x34 - y4;
    s3 += e * e;
    e = x35 - y5;
    s3 += e * e;
    e = x36 - y6;
    s3 += e * e;
    e = x37 - y7;
    s3 += e * e;
    if (last) {
      const d0 = root ? Math.sqrt(s0) : s0;
      const d1 = root ? Math.sqrt(s1) : s1;
      const d2 = root ? Math.sqrt(s2) : s2;
      const d3 = root ? Math.sqrt(s3) : s3;
      a0 += d0;
      a1 += d1;
      a2 += d2;
      a3 += d3;
      colSum[j]! += d0 + d1 + (d2 + d3);
    } else {
      partial[u] = s0;
      partial[u + 1] = s1;
      partial[u + 2] = s2;
      partial[u + 3] = s3;
    }
  }
  acc[0]! += a0;
  acc[1]! += a1;
  acc[2]! += a2;
  acc[3]! += a3;
}

function chunk4(
  partial: Float64Array,
  xs: Float64Array,
  d: number,
  r: number,
  c: number,
  jt: number,
  je: number,
  first: boolean,
  last: boolean,
  root: boolean,
  colSum: Float64Array,
  acc: Float64Array,
): void {
  const p0 = r + c;
  const p1 = p0 + d;
  const p2 = p1 + d;
  const p3 = p2 + d;
  const x00 = xs[p0]!,
    x01 = xs[p0 + 1]!,
    x02 = xs[p0 + 2]!,
    x03 = xs[p0 + 3]!;
  const x10 = xs[p1]!,
    x11 = xs[p1 + 1]!,
    x12 = xs[p1 + 2]!,
    x13 = xs[p1 + 3]!;
  const x20 = xs[p2]!,
    x21 = xs[p2 + 1]!,
    x22 = xs[p2 + 2]!,
    x23 = xs[p2 + 3]!;
  const x30 = xs[p3]!,
    x31 = xs[p3 + 1]!,
    x32 = xs[p3 + 2]!,
    x33 = xs[p3 + 3]!;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  for (let j = jt, q = jt * d + c, u = 0; j < je; j++, q += d, u += 4) {
    const y0 = xs[q]!,
      y1 = xs[q + 1]!,
      y2 = xs[q + 2]!,
      y3 = xs[q + 3]!;
    let s0 = first ? 0 : partial[u]!;
    let s1 = first ? 0 : partial[u + 1]!;
    let s2 = first ? 0 : partial[u + 2]!;
    let s3 = first ? 0 : partial[u + 3]!;
    let e = x00 - y0;
    s0 += e * e;
    e = x01 - y1;
    s0 += e * e;
    e = x02 - y2;
    s0 += e * e;
    e = x03 - y3;
    s0 += e * e;
    e = x10 - y0;
    s1 += e * e;
    e = x11 - y1;
    s1 += e * e;
    e = x12 - y2;
    s1 += e * e;
    e = x13 - y3;
    s1 += e * e;
    e = x20 - y0;
    s2 += e * e;
    e = x21 - y1;
    s2 += e * e;
    e = x22 - y2;
    s2 += e * e;
    e = x23 - y3;
    s2 += e * e;
    e = x30 - y0;
    s3 += e * e;
    e = x31 - y1;
    s3 += e * e;
    e = x32 - y2;
    s3 += e * e;
    e = x33 - y3;
    s3 += e * e;
    if (last) {
      const d0 = root ? Math.sqrt(s0) : s0;
      const d1 = root ? Math.sqrt(s1) : s1;
      const d2 = root ? Math.sqrt(s2) : s2;
      const d3 = root ? Math.sqrt(s3) : s3;
      a0 += d0;
      a1 += d1;
      a2 += d2;
      a3 += d3;
      colSum[j]! += d0 + d1 + (d2 + d3);
    } else {
      partial[u] = s0;
      partial[u + 1] = s1;
      partial[u + 2] = s2;
      partial[u + 3] = s3;
    }
  }
  acc[0]! += a0;
  acc[1]! += a1;
  acc[2]! += a2;
  acc[3]! += a3;
}

function chunkRest(
  partial: Float64Array,
  xs: Float64Array,
  d: number,
  r: number,
  c: number,
  jt: number,
  je: number,
  first: boolean,
  root: boolean,
  colSum: Float64Array,
  acc: Float64Array,
): void {
  const p0 = r;
  const p1 = p0 + d;
  const p2 = p1 + d;
  const p3 = p2 + d;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  for (let j = jt, q = jt * d, u = 0; j < je; j++, q += d, u += 4) {
    let s0 = first ? 0 : partial[u]!;
    let s1 = first ? 0 : partial[u + 1]!;
    let s2 = first ? 0 : partial[u + 2]!;
    let s3 = first ? 0 : partial[u + 3]!;
    for (let t = c; t < d; t++) {
      const y = xs[q + t]!;
      const e0 = xs[p0 + t]! - y;
      const e1 = xs[p1 + t]! - y;
      const e2 = xs[p2 + t]! - y;
      const e3 = xs[p3 + t]! - y;
      s0 += e0 * e0;
      s1 += e1 * e1;
      s2 += e2 * e2;
      s3 += e3 * e3;
    }
    const d0 = root ? Math.sqrt(s0) : s0;
    const d1 = root ? Math.sqrt(s1) : s1;
    const d2 = root ? Math.sqrt(s2) : s2;
    const d3 = root ? Math.sqrt(s3) : s3;
    a0 += d0;
    a1 += d1;
    a2 += d2;
    a3 += d3;
    colSum[j]! += d0 + d1 + (d2 + d3);
  }
  acc[0]! += a0;
  acc[1]! += a1;
  acc[2]! += a2;
  acc[3]! += a3;
}

function squaredFour(
  partial: Float64Array,
  root: boolean,
  xs: Float64Array,
  d: number,
  row: number,
  j0: number,
  j1: number,
  colSum: Float64Array,
  acc: Float64Array,
): void {
  acc.fill(0);
  const r = row * d;
  // with a single feature chunk no partial sums are kept, so the whole range is one tile
  const tile = d === 8 || d === 4 || d < 4 ? Math.max(j1 - j0, 1) : 256;
  for (let jt = j0; jt < j1; jt += tile) {
    const je = Math.min(jt + tile, j1);
    let c = 0;
    for (; c + 8 <= d; c += 8) chunk8(partial, xs, d, r, c, jt, je, c === 0, c + 8 === d, root, colSum, acc);
    if (c + 4 <= d) {
      chunk4(partial, xs, d, r, c, jt, je, c === 0, c + 4 === d, root, colSum, acc);
      c += 4;
    }
    if (c < d) chunkRest(partial, xs, d, r, c, jt, je, c === 0, root, colSum, acc);
  }
}

function euclidean1(xs: Float64Array, d: number, row: number, j0: number, j1: number, colSum: Float64Array): number {
  const r = row * d;
  let a = 0;
  for (let j = j0, q = j0 * d; j < j1; j++, q += d) {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const e = xs[r + t]! - xs[q + t]!;
      s += e * e;
    }
    const v = Math.sqrt(s);
    a += v;
    colSum[j]! += v;
  }
  return a;
}

function sqeuclidean1(xs: Float64Array, d: number, row: number, j0: number, j1: number, colSum: Float64Array): number {
  const r = row * d;
  let a = 0;
  for (let j = j0, q = j0 * d; j < j1; j++, q += d) {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const e = xs[r + t]! - xs[q + t]!;
      s += e * e;
    }
    a += s;
    colSum[j]! += s;
  }
  return a;
}

function manhattan4(xs: Float64Array, d: number, row: number, j0: number, j1: number, colSum: Float64Array, acc: Float64Array): void {
  const r0 = row * d;
  const r1 = r0 + d;
  const r2 = r1 + d;
  const r3 = r2 + d;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  for (let j = j0, q = j0 * d; j < j1; j++, q += d) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let t = 0; t < d; t++) {
      const y = xs[q + t]!;
      s0 += Math.abs(xs[r0 + t]! - y);
      s1 += Math.abs(xs[r1 + t]! - y);
      s2 += Math.abs(xs[r2 + t]! - y);
      s3 += Math.abs(xs[r3 + t]! - y);
    }
    a0 += s0;
    a1 += s1;
    a2 += s2;
    a3 += s3;
    colSum[j]! += s0 + s1 + (s2 + s3);
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

function manhattan1(xs: Float64Array, d: number, row: number, j0: number, j1: number, colSum: Float64Array): number {
  const r = row * d;
  let a = 0;
  for (let j = j0, q = j0 * d; j < j1; j++, q += d) {
    let s = 0;
    for (let t = 0; t < d; t++) s += Math.abs(xs[r + t]! - xs[q + t]!);
    a += s;
    colSum[j]! += s;
  }
  return a;
}

// cosine: rows are pre-normalised to unit length (zero rows stay zero), distance = clip(1 − x·y, 0, 2)
function clipCosine(dot: number): number {
  const v = 1 - dot;
  return v < 0 ? 0 : v > 2 ? 2 : v;
}

function cosine4(xs: Float64Array, d: number, row: number, j0: number, j1: number, colSum: Float64Array, acc: Float64Array): void {
  const r0 = row * d;
  const r1 = r0 + d;
  const r2 = r1 + d;
  const r3 = r2 + d;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  for (let j = j0, q = j0 * d; j < j1; j++, q += d) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let t = 0; t < d; t++) {
      const y = xs[q + t]!;
      s0 += xs[r0 + t]! * y;
      s1 += xs[r1 + t]! * y;
      s2 += xs[r2 + t]! * y;
      s3 += xs[r3 + t]! * y;
    }
    const d0 = clipCosine(s0);
    const d1 = clipCosine(s1);
    const d2 = clipCosine(s2);
    const d3 = clipCosine(s3);
    a0 += d0;
    a1 += d1;
    a2 += d2;
    a3 += d3;
    colSum[j]! += d0 + d1 + (d2 + d3);
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

function cosine1(xs: Float64Array, d: number, row: number, j0: number, j1: number, colSum: Float64Array): number {
  const r = row * d;
  let a = 0;
  for (let j = j0, q = j0 * d; j < j1; j++, q += d) {
    let s = 0;
    for (let t = 0; t < d; t++) s += xs[r + t]! * xs[q + t]!;
    const v = clipCosine(s);
    a += v;
    colSum[j]! += v;
  }
  return a;
}

/**
 * Distances from the four rows at `row` to rows [j0, j1): `acc[p]` receives each row's sum, `colSum[j]` the
 * four distances of row j; `metric` 0 euclidean, 1 sqeuclidean, 2 manhattan, 3 cosine.
 */
function fourRows(
  metric: number,
  partial: Float64Array,
  xs: Float64Array,
  d: number,
  row: number,
  j0: number,
  j1: number,
  colSum: Float64Array,
  acc: Float64Array,
): void {
  if (metric === 0) squaredFour(partial, true, xs, d, row, j0, j1, colSum, acc);
  else if (metric === 1) squaredFour(partial, false, xs, d, row, j0, j1, colSum, acc);
  else if (metric === 2) manhattan4(xs, d, row, j0, j1, colSum, acc);
  else cosine4(xs, d, row, j0, j1, colSum, acc);
}

/** One row against rows [j0, j1): returns the sum of the distances and adds each to `colSum[j]`. */
function oneRow(metric: number, xs: Float64Array, d: number, row: number, j0: number, j1: number, colSum: Float64Array): number {
  if (metric === 0) return euclidean1(xs, d, row, j0, j1, colSum);
  if (metric === 1) return sqeuclidean1(xs, d, row, j0, j1, colSum);
  if (metric === 2) return manhattan1(xs, d, row, j0, j1, colSum);
  return cosine1(xs, d, row, j0, j1, colSum);
}

/**
 * @internal
 * The partitions of one round of cluster c's rows (partition p is rows [bounds[p], bounds[p + 1]), sorted
 * positions), claimed one at a time from the shared counter `claim[0]` until none is left, so a thread that
 * runs faster takes more of them (what a partition writes does not depend on who computes it): each row against every later row, its own intra sum and its smallest mean
 * distance to a later cluster (`intra`, `inter`, rows of the partition only), and in partition p's own column
 * buffer `colSums[p·n …]` the distance of every later row j ≥ bounds[p] to the partition's rows. A kernel of
 * the thread pool: no module constants, no closures.
 */
export function silhouettePartitions(
  metric: number,
  xs: Float64Array,
  n: number,
  d: number,
  start: Int32Array,
  counts: Float64Array,
  c: number,
  bounds: Int32Array,
  colSums: Float64Array,
  intra: Float64Array,
  inter: Float64Array,
  claim: Int32Array,
): number {
  const k = counts.length;
  const e = start[c + 1]!;
  const partial = new Float64Array(1024);
  const acc = new Float64Array(4);
  const parts = bounds.length - 1;
  for (let part = Atomics.add(claim, 0, 1); part < parts; part = Atomics.add(claim, 0, 1)) {
    const a = bounds[part]!;
    const b = bounds[part + 1]!;
    const colSum = colSums.subarray(part * n, part * n + n);
    colSum.fill(0, a, n);
    let i = a;
    for (; i + 4 <= b; i += 4) {
      // the six pairs inside the block of four
      for (let p = 0; p < 3; p++) {
        for (let q = p + 1; q < 4; q++) {
          const v = oneRow(metric, xs, d, i + p, i + q, i + q + 1, colSum);
          intra[i + p]! += v;
        }
      }
      fourRows(metric, partial, xs, d, i, i + 4, e, colSum, acc);
      intra[i]! += acc[0]!;
      intra[i + 1]! += acc[1]!;
      intra[i + 2]! += acc[2]!;
      intra[i + 3]! += acc[3]!;
      for (let c2 = c + 1; c2 < k; c2++) {
        fourRows(metric, partial, xs, d, i, start[c2]!, start[c2 + 1]!, colSum, acc);
        const size = counts[c2]!;
        for (let p = 0; p < 4; p++) {
          const mean = acc[p]! / size;
          if (mean < inter[i + p]!) inter[i + p] = mean;
        }
      }
    }
    for (; i < b; i++) {
      intra[i]! += oneRow(metric, xs, d, i, i + 1, e, colSum);
      for (let c2 = c + 1; c2 < k; c2++) {
        const mean = oneRow(metric, xs, d, i, start[c2]!, start[c2 + 1]!, colSum) / counts[c2]!;
        if (mean < inter[i]!) inter[i] = mean;
      }
    }
  }
  return 0;
}

/** @internal The silhouette kernel set of the thread pool. */
export const SILHOUETTE_KERNELS: KernelSet = {
  id: 'silhouette',
  helpers: [
    chunk8,
    chunk4,
    chunkRest,
    squaredFour,
    euclidean1,
    sqeuclidean1,
    manhattan4,
    manhattan1,
    clipCosine,
    cosine4,
    cosine1,
    fourRows,
    oneRow,
  ],
  kernels: [silhouettePartitions],
};

/** Rows of one round of a cluster: the unit between progress reports and abort checks. */
const ROUND_ROWS = 8192;
/**
 * Partitions per round, each with its own column buffer; fixed (not the thread count) so the order of every
 * addition, hence every bit of the result, is the same on any number of threads.
 */
const PARTITIONS = 16;

const METRIC_CODES: Record<SilhouetteMetric, number> = { euclidean: 0, sqeuclidean: 1, manhattan: 2, cosine: 3 };

/**
 * @internal
 * Silhouette value of every row: (b − a) / max(a, b) with a the mean distance to the rest of its own cluster and
 * b the smallest mean distance to another cluster; 0 for a row alone in its cluster and where a = b = 0 (as
 * scikit-learn, which maps those NaNs to 0). `codes` are dense cluster codes 0 … k − 1 with `counts` rows each.
 */
export function silhouetteValues(
  data: Float64Array,
  n: number,
  d: number,
  codes: Int32Array,
  counts: Float64Array,
  metric: SilhouetteMetric,
  controls: SilhouetteControls,
): Float64Array {
  const k = counts.length;
  const start = new Int32Array(k + 1);
  for (let c = 0; c < k; c++) start[c + 1] = start[c]! + counts[c]!;
  // order[p] = original row at sorted position p (stable counting sort by cluster)
  const order = new Int32Array(n);
  const next = start.slice(0, k);
  for (let i = 0; i < n; i++) order[next[codes[i]!]!++] = i;
  const xs = new Float64Array(n * d);
  for (let p = 0; p < n; p++) {
    const i = order[p]!;
    if (metric === 'cosine') {
      let norm = 0;
      for (let t = 0; t < d; t++) norm += data[i * d + t]! * data[i * d + t]!;
      norm = Math.sqrt(norm);
      const scale = norm === 0 ? 1 : norm;
      for (let t = 0; t < d; t++) xs[p * d + t] = data[i * d + t]! / scale;
    } else xs.set(data.subarray(i * d, i * d + d), p * d);
  }
  const threads = resolveWorkers(controls.workers, (n * n * d) / 2, controls.context);
  const pool = threadPool(Math.min(threads, PARTITIONS));
  const shared = pool !== null;
  const sorted = sharedCopy(xs, shared);
  const startShared = int32Buffer(k + 1, shared);
  startShared.set(start);
  const countsShared = float64Buffer(k, shared);
  countsShared.set(counts);
  const colSums = float64Buffer(PARTITIONS * n, shared);
  const intra = float64Buffer(n, shared);
  const inter = float64Buffer(n, shared);
  inter.fill(Infinity);
  const colSum = new Float64Array(n);
  const metricCode = METRIC_CODES[metric];
  const pairsTotal = (n * (n - 1)) / 2;
  const report = (rowsDone: number): void => {
    throwIfAborted(controls.signal, controls.context);
    if (controls.onProgress !== undefined) {
      const left = n - rowsDone;
      controls.onProgress({ rowsDone, rows: n, fraction: pairsTotal === 0 ? 1 : 1 - (left * (left - 1)) / 2 / pairsTotal });
    }
  };
  for (let c = 0; c < k; c++) {
    const s = start[c]!;
    const e = start[c + 1]!;
    colSum.fill(0, s, n);
    for (let r0 = s; r0 < e; r0 += ROUND_ROWS) {
      const r1 = Math.min(r0 + ROUND_ROWS, e);
      // partition boundaries on multiples of four rows from the cluster start (the kernels take rows four at a
      // time), the last one at the round's end
      const bounds = int32Buffer(PARTITIONS + 1, shared);
      const blocks = Math.ceil((r1 - r0) / 4);
      for (let p = 0; p <= PARTITIONS; p++) bounds[p] = Math.min(r1, r0 + 4 * Math.floor((p * blocks) / PARTITIONS));
      const claim = int32Buffer(1, shared);
      const call = [metricCode, sorted, n, d, startShared, countsShared, c, bounds, colSums, intra, inter, claim];
      runCalls(pool, SILHOUETTE_KERNELS, 0, threadCalls(pool, call));
      // the partitions' column sums, added in partition order
      for (let p = 0; p < PARTITIONS; p++) {
        const from = bounds[p]!;
        if (from >= bounds[p + 1]!) continue;
        const offset = p * n;
        for (let j = from; j < n; j++) colSum[j]! += colSums[offset + j]!;
      }
      report(r1);
    }
    for (let j = s; j < e; j++) intra[j]! += colSum[j]!;
    const size = counts[c]!;
    for (let j = e; j < n; j++) {
      const mean = colSum[j]! / size;
      if (mean < inter[j]!) inter[j] = mean;
    }
  }
  const out = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const size = counts[codes[order[p]!]!]!;
    // a singleton's a is 0/0 in scikit-learn, and its NaN silhouette becomes 0
    if (size <= 1) continue;
    const a = intra[p]! / (size - 1);
    const b = inter[p]!;
    const denominator = Math.max(a, b);
    out[order[p]!] = denominator === 0 ? 0 : (b - a) / denominator;
  }
  return out;
}
