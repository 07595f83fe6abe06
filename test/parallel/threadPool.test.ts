import { describe, expect, it } from 'vitest';

import { availableThreads, type KernelSet, startWorkerThreads, threadPool, workerFailureCount } from '../../src/parallel/threadPool';
import { startWorkerThreads as browserStartWorkerThreads } from '../../src/parallel/threadPool.browser';
import { resolveWorkers } from '../../src/parallel/workersOption';
import { expectSegmentkitError } from '../helpers/expectError';

// Kernels for the test: self-contained, like the library's (no closures, no module constants).
function fillBlock(out: Float64Array, value: number, start: number, end: number): number {
  for (let i = start; i < end; i++) out[i] = value + twice(i);
  return end - start;
}
function twice(x: number): number {
  return 2 * x;
}
function throwingBlock(start: number): number {
  if (start > 0) throw new RangeError(`block at ${start} refused`);
  return 0;
}

const SET: KernelSet = { id: 'test-fill', helpers: [twice], kernels: [fillBlock, throwingBlock] };

// A kernel that calls a function of another module through its imports (as the EM kernel calls addMatrixProduct)
function scaledBlock(imports: { readonly triple: (x: number) => number }, out: Float64Array, start: number, end: number): number {
  for (let i = start; i < end; i++) out[i] = imports.triple(i);
  return end - start;
}
const IMPORTING_SET: KernelSet = {
  id: 'test-imports',
  // the key is the name kernels use: a bundler may rename the function itself
  imports: {
    triple: function renamedTriple(x: number): number {
      return 3 * x;
    },
  },
  helpers: [],
  kernels: [scaledBlock],
};

describe('threadPool', () => {
  it('runs every block, the first on the calling thread, the others in workers, and returns results in order', () => {
    const pool = threadPool(2);
    // Node always offers worker threads and a blocking wait; a null pool here would silently mean one thread
    expect(pool).not.toBeNull();
    expect(pool!.size).toBe(2);
    const out = new Float64Array(new SharedArrayBuffer(8 * 10));
    const results = pool!.run(SET, 0, [
      [out, 1, 0, 4],
      [out, 1, 4, 10],
    ]);
    expect(results).toEqual([4, 6]);
    expect(Array.from(out)).toEqual(Array.from({ length: 10 }, (_, i) => 1 + 2 * i));
  });

  it('passes a set its imports, by name, on the calling thread and in workers', () => {
    const out = new Float64Array(new SharedArrayBuffer(8 * 6));
    expect(
      threadPool(2)!.run(IMPORTING_SET, 0, [
        [out, 0, 2],
        [out, 2, 6],
      ]),
    ).toEqual([2, 4]);
    expect(Array.from(out)).toEqual([0, 3, 6, 9, 12, 15]);
    expect(workerFailureCount()).toBe(0);
  });

  it("rethrows the calling thread's kernel error as it is", () => {
    const pool = threadPool(2)!;
    expect(() => pool.run(SET, 1, [[5], [0]])).toThrow('block at 5 refused');
    expect(workerFailureCount()).toBe(0);
  });

  it('is reused: a second request gets the same started workers and still works', () => {
    const out = new Float64Array(new SharedArrayBuffer(8 * 4));
    for (let round = 0; round < 20; round++)
      threadPool(2)!.run(SET, 0, [
        [out, round, 0, 2],
        [out, round, 2, 4],
      ]);
    expect(out[3]).toBe(19 + 6);
  });

  it('one thread is no pool at all', () => {
    expect(threadPool(1)).toBeNull();
    expect(availableThreads()).toBeGreaterThanOrEqual(1);
  });

  it('startWorkerThreads starts the workers ahead of use and says how many threads computations get', async () => {
    expect(await startWorkerThreads(3)).toBe(3);
    expect(threadPool(3)?.size).toBe(3);
    expect(await startWorkerThreads(1)).toBe(1);
    // 'auto' asks for the cores; more than 16 are never started (results never depend on the count)
    expect(await startWorkerThreads('auto')).toBe(Math.min(16, availableThreads()));
    expect(await startWorkerThreads(40)).toBe(16);
    await expect(startWorkerThreads(0)).rejects.toMatchObject({ code: 'E_PARAM' });
    await expect(startWorkerThreads(2.5 as number)).rejects.toMatchObject({
      message: "startWorkerThreads: threads ('auto' or a number of threads) must be an integer in [1, 256], got 2.5",
    });
    // the package's default browser build has no worker code: always one thread
    expect(await browserStartWorkerThreads(4)).toBe(1);
    expect(workerFailureCount()).toBe(0);
  });
});

// A kernel whose source cannot run in a worker: it reads a module binding, which a worker does not have.
const OUTSIDE = { factor: 3 };
function readsOutside(out: Float64Array, slot: number): number {
  out[slot] = OUTSIDE.factor;
  return 0;
}

describe('a kernel that fails in a worker', () => {
  // last of the pool tests: it switches worker threads off for the rest of the process (vitest runs each file
  // in a process of its own)
  it('throws an internal error naming the kernel instead of hanging, counts it, and turns the pool off', () => {
    const out = new Float64Array(new SharedArrayBuffer(16));
    const broken: KernelSet = { id: 'test-broken', helpers: [], kernels: [readsOutside] };
    expect(() =>
      threadPool(2)!.run(broken, 0, [
        [out, 0],
        [out, 1],
      ]),
    ).toThrow(/a worker thread failed in kernel readsOutside of 'test-broken'.*workers: 1/);
    // the calling thread's share ran; the worker's could not (it has no OUTSIDE)
    expect(out[0]).toBe(3);
    expect(out[1]).toBe(0);
    expect(workerFailureCount()).toBe(1);
    expect(threadPool(2)).toBeNull();
  });
});

describe('resolveWorkers', () => {
  it("'auto' uses one thread for small work and the machine's threads for large work", () => {
    expect(resolveWorkers(undefined, 10, 'f')).toBe(1);
    expect(resolveWorkers('auto', 1e9, 'f')).toBe(availableThreads());
    expect(resolveWorkers(3, 10, 'f')).toBe(3);
  });

  it('refuses anything but auto or a whole number of threads, naming the function', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, '2', 257, null]) {
      expectSegmentkitError(
        () => resolveWorkers(bad, 10, 'KMeans.fit'),
        'E_PARAM',
        "KMeans.fit: workers ('auto' or a number of threads) must be an integer in [1, 256]",
      );
    }
  });
});
