import { largestMagnitude } from '../core/powerOfTwoScale';
import { type KernelCall, type KernelSet, postsCheaply, sharedBuffer, type ThreadPool } from './threadPool';

/**
 * @internal
 * Run `set.kernels[kernel]` once per entry of `calls` (one block each), on the threads of `pool`, or all on
 * the calling thread when `pool` is null, and return each call's result in order. For sets without imports;
 * see {@link callKernel}.
 */
export function runCalls(pool: ThreadPool | null, set: KernelSet, kernel: number, calls: readonly KernelCall[]): number[] {
  // a set with imports takes them first: its callers use callKernel on one thread (kept out of here, and so out
  // of the bundles of the kernels without imports)
  if (pool === null || calls.length === 1) return calls.map((args) => set.kernels[kernel]!(...args));
  return pool.run(set, kernel, calls);
}

/** @internal Call `set.kernels[kernel]` on this thread, with the set's imports first when it has them. */
export function callKernel(set: KernelSet, kernel: number, args: KernelCall): number {
  const run = set.kernels[kernel]!;
  return set.imports === undefined ? run(...args) : run(set.imports, ...args);
}

/** @internal The same call once per thread of `pool` (once when it is null): for kernels that claim their work. */
export function threadCalls(pool: ThreadPool | null, call: KernelCall): KernelCall[] {
  return Array.from({ length: pool === null ? 1 : pool.size }, () => call);
}

/**
 * @internal
 * A Float64Array of `length` zeros, in shared memory when `shared` (so worker threads can read and write it).
 */
export function float64Buffer(length: number, shared: boolean): Float64Array {
  return shared ? new Float64Array(sharedBuffer(8 * length), 0, length) : new Float64Array(length);
}

/** @internal An Int32Array of `length` zeros, in shared memory when `shared`. */
export function int32Buffer(length: number, shared: boolean): Int32Array {
  return shared ? new Int32Array(sharedBuffer(4 * length), 0, length) : new Int32Array(length);
}

/**
 * @internal
 * `values` itself when it already lives in shared memory that posts cheaply to workers (or sharing is off), else
 * a shared copy.
 */
export function sharedCopy(values: Float64Array, shared: boolean): Float64Array {
  if (!shared || livesShared(values)) return values;
  const copy = float64Buffer(values.length, true);
  copy.set(values);
  return copy;
}

/**
 * @internal
 * {@link sharedCopy} (sharing on) and the largest |value| in one pass: a fit on threads copies its rows to shared
 * memory anyway, and reading them once instead of twice saves a pass over X (1 M × 8, k = 8 on 2 threads: fit
 * medians 284–291 → 276–287 ms over five alternating processes).
 */
export function sharedCopyWithLargestMagnitude(values: Float64Array): { readonly rows: Float64Array; readonly magnitude: number } {
  if (livesShared(values)) return { rows: values, magnitude: largestMagnitude(values) };
  const rows = float64Buffer(values.length, true);
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    rows[i] = value;
    const magnitude = Math.abs(value);
    max = magnitude > max ? magnitude : max;
  }
  return { rows, magnitude: max };
}

/** Whether `values` already lives in shared memory that posts cheaply to worker threads. */
function livesShared(values: Float64Array): boolean {
  return values.buffer instanceof SharedArrayBuffer && postsCheaply(values.buffer);
}
