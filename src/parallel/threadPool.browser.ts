// The browser build's stand-in for threadPool.ts (tsup.config.ts swaps it in for dist/browser/index.js, the
// file the package's "browser" condition names): a page's main thread cannot block on Atomics.wait, so
// every computation runs on the calling thread there, with the same results, and without the worker code.
import type { ThreadPool } from './threadPool';

export type { Kernel, KernelCall, KernelSet, ThreadPool } from './threadPool';

/** @internal 1: in the browser build every computation runs on the calling thread. */
export function availableThreads(): number {
  return 1;
}

/** @internal Always null in the browser build: one thread. */
export function threadPool(_threads: number): ThreadPool | null {
  return null;
}

/** @internal Plain shared bytes (never reached in the browser build, which has no pool). */
export function sharedBuffer(byteLength: number): SharedArrayBuffer {
  return new SharedArrayBuffer(byteLength);
}

/** @internal Nothing to do in the browser build, which has no worker threads. */
export function adoptSharedMemory(_memory: { readonly buffer: SharedArrayBuffer }): void {}

/** @internal Always true in the browser build. */
export function postsCheaply(_buffer: ArrayBufferLike): boolean {
  return true;
}

/**
 * One thread in the package's default browser build, which leaves the worker code out: import `segmentkit/threads`
 * inside a Worker of a cross-origin isolated page for worker threads. See the full build's startWorkerThreads.
 *
 * @example
 * await startWorkerThreads(1); // => 1
 */
export async function startWorkerThreads(_threads: number | 'auto' = 'auto'): Promise<number> {
  return 1;
}
