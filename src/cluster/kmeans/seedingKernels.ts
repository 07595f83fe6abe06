import type { KernelSet } from '../../parallel/threadPool';

// The row loop of k-means++ seeding as a self-contained kernel (the rules of assignmentKernels.ts: it calls
// nothing, reads no module constants, creates no closures), so the same function runs on the calling thread and,
// as source text, in worker threads. Rows are cut into chunks of CHUNK_ROWS; each thread claims the next chunk
// from a shared counter and writes that chunk's potentials in its own slots, and the caller adds them in chunk
// order: every thread count gives the same bits. The browser build has one thread and a byte budget, and takes
// seedingKernels.browser.ts instead: the same arithmetic, one row at a time.

/**
 * @internal
 * Score two candidate centres, the rows of `data` at offsets `a` and `b` (the same row twice when one is scored
 * alone), over the chunks claimed from `claim[0]`: `outA[i]` / `outB[i]` become min(closest[i], d²(x_i,
 * candidate)), and `potentialsA[c]` / `potentialsB[c]` the weighted sums Σ w·out over chunk c in row order. Four
 * rows × two candidates per step (eight accumulation chains); every distance is summed in feature order, as one
 * row at a time. Returns 0.
 */
export function seedingScoreChunks(
  data: Float64Array,
  weights: Float64Array | null,
  a: number,
  b: number,
  d: number,
  closest: Float64Array,
  outA: Float64Array,
  outB: Float64Array,
  potentialsA: Float64Array,
  potentialsB: Float64Array,
  chunkRows: number,
  n: number,
  claim: Int32Array,
): number {
  for (let chunk = 0; (chunk = Atomics.add(claim, 0, 1)) * chunkRows < n; ) {
    const start = chunk * chunkRows;
    const end = start + chunkRows < n ? start + chunkRows : n;
    let potentialA = 0;
    let potentialB = 0;
    let i = start;
    for (; i + 4 <= end; i += 4) {
      const o0 = i * d;
      const o1 = o0 + d;
      const o2 = o1 + d;
      const o3 = o2 + d;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      for (let t = 0; t < d; t++) {
        const u = data[a + t]!;
        const v = data[b + t]!;
        const x0 = data[o0 + t]!;
        const x1 = data[o1 + t]!;
        const x2 = data[o2 + t]!;
        const x3 = data[o3 + t]!;
        const p0 = x0 - u;
        const p1 = x1 - u;
        const p2 = x2 - u;
        const p3 = x3 - u;
        const q0 = x0 - v;
        const q1 = x1 - v;
        const q2 = x2 - v;
        const q3 = x3 - v;
        a0 += p0 * p0;
        a1 += p1 * p1;
        a2 += p2 * p2;
        a3 += p3 * p3;
        b0 += q0 * q0;
        b1 += q1 * q1;
        b2 += q2 * q2;
        b3 += q3 * q3;
      }
      const m0 = closest[i]!;
      const m1 = closest[i + 1]!;
      const m2 = closest[i + 2]!;
      const m3 = closest[i + 3]!;
      if (m0 < a0) a0 = m0;
      if (m1 < a1) a1 = m1;
      if (m2 < a2) a2 = m2;
      if (m3 < a3) a3 = m3;
      if (m0 < b0) b0 = m0;
      if (m1 < b1) b1 = m1;
      if (m2 < b2) b2 = m2;
      if (m3 < b3) b3 = m3;
      outA[i] = a0;
      outA[i + 1] = a1;
      outA[i + 2] = a2;
      outA[i + 3] = a3;
      outB[i] = b0;
      outB[i + 1] = b1;
      outB[i + 2] = b2;
      outB[i + 3] = b3;
      // in row order, as a row-at-a-time loop adds them
      if (weights === null) {
        potentialA += a0;
        potentialA += a1;
        potentialA += a2;
        potentialA += a3;
        potentialB += b0;
        potentialB += b1;
        potentialB += b2;
        potentialB += b3;
      } else {
        const w0 = weights[i]!;
        const w1 = weights[i + 1]!;
        const w2 = weights[i + 2]!;
        const w3 = weights[i + 3]!;
        potentialA += w0 * a0;
        potentialA += w1 * a1;
        potentialA += w2 * a2;
        potentialA += w3 * a3;
        potentialB += w0 * b0;
        potentialB += w1 * b1;
        potentialB += w2 * b2;
        potentialB += w3 * b3;
      }
    }
    for (; i < end; i++) {
      const o = i * d;
      let sa = 0;
      let sb = 0;
      for (let t = 0; t < d; t++) {
        const x = data[o + t]!;
        const p = x - data[a + t]!;
        const q = x - data[b + t]!;
        sa += p * p;
        sb += q * q;
      }
      const m = closest[i]!;
      if (m < sa) sa = m;
      if (m < sb) sb = m;
      outA[i] = sa;
      outB[i] = sb;
      potentialA += weights === null ? sa : weights[i]! * sa;
      potentialB += weights === null ? sb : weights[i]! * sb;
    }
    potentialsA[chunk] = potentialA;
    potentialsB[chunk] = potentialB;
  }
  return 0;
}

/** @internal The seeding kernel as a set for the thread pool. */
export const SEEDING_KERNELS: KernelSet = {
  id: 'kmeans-seeding',
  helpers: [],
  kernels: [seedingScoreChunks],
};
