// The browser build's stand-in for distanceSimd.ts (tsup.config.ts swaps it in for dist/browser/): the default
// browser build has one thread and no SIMD kernels, so the scalar kernel computes the distances, with the same
// bits. (No parameters: callers pass simdDistanceMatrix's, which this ignores.)
import type { SimdDistanceMatrix } from './distanceSimd';

export type { SimdDistanceMatrix } from './distanceSimd';

/** @internal Always null in the browser build: the scalar kernel computes the matrix. */
export function simdDistanceMatrix(): SimdDistanceMatrix | null {
  return null;
}

/** @internal Never reached in the browser build (simdDistanceMatrix declines). */
export function simdDistanceWave(): void {}

/** @internal Nothing to do in the browser build (no SIMD matrices). */
export function releaseDistanceMatrix(): void {}

/** @internal Always null in the browser build (one thread: the matrix is a plain array). */
export function reusedDistanceMatrix(): Float64Array | null {
  return null;
}
