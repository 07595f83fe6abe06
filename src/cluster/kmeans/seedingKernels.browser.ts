// The browser build's stand-in for seedingKernels.ts (tsup.config.ts swaps it in for dist/browser/): the same
// arithmetic (every distance summed in feature order, every potential in row order within its chunk), so a page
// draws the very centres Node does, written one row at a time with the distance kernel the bundle already
// carries, which keeps KMeans alone within its byte budget. The browser build has no worker threads, so no claims.
import type { KernelSet } from '../../parallel/threadPool';
import { rowSquaredDistance } from './assignmentKernels';

/** @internal See seedingKernels.ts: the same results, one row at a time. */
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
): number {
  for (let i = 0; i < n; i++) {
    // 1 · x is x exactly; distances are never −0, so Math.min is the kernel's comparison
    const w = weights === null ? 1 : weights[i]!;
    const sa = (outA[i] = Math.min(closest[i]!, rowSquaredDistance(data, i * d, data, a, d)));
    const sb = (outB[i] = Math.min(closest[i]!, rowSquaredDistance(data, i * d, data, b, d)));
    const chunk = (i / chunkRows) | 0;
    const first = i % chunkRows === 0;
    potentialsA[chunk] = (first ? 0 : potentialsA[chunk]!) + w * sa;
    potentialsB[chunk] = (first ? 0 : potentialsB[chunk]!) + w * sb;
  }
  return 0;
}

/** @internal The seeding kernel as a set (never sent to a worker: the browser build has one thread). */
export const SEEDING_KERNELS: KernelSet = { id: 'kmeans-seeding', helpers: [], kernels: [seedingScoreChunks] };
