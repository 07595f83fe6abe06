// A pool of worker threads that run plain numeric kernels over row blocks of shared memory, synchronously: the
// calling thread posts one block to each worker, runs the first block itself with the very same function, then
// blocks in Atomics.wait until every worker has counted down. Synchronous on purpose: `fit` stays a plain call,
// and nothing about a result depends on scheduling, because every kernel writes disjoint rows and every
// reduction over blocks is done by the caller, in block order.
//
// Kernels travel as source text (`Function.prototype.toString`), so the pool needs no worker file next to the
// bundle: a kernel must be a self-contained function declaration (no imports, no module constants, no
// closures) that calls only the helpers of its kernel set, or the set's imports through the object it receives
// first (see KernelSet.imports). A kernel set is sent to a worker the first time that worker runs one of its
// kernels.

import { requireInteger } from '../core/validateOptions';
import { callKernel } from './rowBlocks';

/** @internal A self-contained numeric kernel: typed arrays, numbers and null in, a number out. */
// biome-ignore lint/suspicious/noExplicitAny: kernels are called with the positional arguments they declare
export type Kernel = (...args: any[]) => number;

/** @internal Kernels and the helpers they call, sent to a worker as one unit. */
export interface KernelSet {
  /** Unique name of the set. */
  readonly id: string;
  /** Functions the kernels call (sent first). */
  readonly helpers: readonly ((...args: never[]) => unknown)[];
  /** The kernels, addressed by position. */
  readonly kernels: readonly Kernel[];
  /**
   * Self-contained functions of other modules the kernels need, by name. A set with imports passes them to each
   * of its kernels as the first argument, and kernels call them as properties (`imports.name(...)`): a call to
   * an imported binding cannot be sent as text, because bundlers and test transforms rewrite it
   * (`__vite_ssr_import_0__.name`, a renamed chunk import), while a property name survives them all.
   */
  readonly imports?: Readonly<Record<string, (...args: never[]) => unknown>>;
}

/** @internal One block of work: the kernel's position in its set and its arguments. */
export type KernelCall = readonly unknown[];

/** @internal A started pool: `size` threads in all, the calling one included. */
export interface ThreadPool {
  readonly size: number;
  /**
   * Run `kernels[kernel]` once per entry of `calls` (at most `size`), the first on the calling thread, and
   * return each call's result in order. Throws what the calling thread's kernel threw, or an internal error
   * when a worker's kernel threw (which turns worker threads off for the process).
   */
  run(set: KernelSet, kernel: number, calls: readonly KernelCall[]): number[];
}

interface WorkerHandle {
  postMessage(message: unknown): void;
  unref(): void;
  terminate(): unknown;
}

interface WorkerThreadsModule {
  Worker: new (source: string, options: { eval: true }) => WorkerHandle;
}

interface NodeProcessLike {
  getBuiltinModule?: (name: string) => unknown;
}

// The worker: define kernel sets on request, run a kernel on request, publish its result (or a failure flag) and
// count down. Every failure is caught so the waiting thread is always released. The same handler runs in Node,
// Deno and Bun (node:worker_threads) and in browsers (a dedicated Worker, see startWorkerThreads).
const HANDLER_SOURCE = `const sets = new Map();
const handle = (m) => {
  if (m.define !== undefined) {
    // a set that does not compile is kept as null: each of its calls then fails and is reported, never hangs
    try {
      sets.set(m.define, new Function('var __name = (f) => f;\\n' + m.source)());
    } catch {
      sets.set(m.define, null);
    }
    return;
  }
  try {
    // views of a shared WebAssembly.Memory travel as { memory, type, byteOffset, length } (see sharedBuffer)
    const args = m.args.map((a) => (a !== null && typeof a === 'object' && a.memoryView !== undefined ? new globalThis[a.type](a.memoryView.buffer, a.byteOffset, a.length) : a));
    m.results[m.slot] = sets.get(m.set)[m.kernel](...args);
  } catch {
    m.control[1 + m.slot] = 1;
  }
  Atomics.add(m.control, 0, 1);
  Atomics.notify(m.control, 0);
};
`;
const WORKER_SOURCE = `'use strict';\n${HANDLER_SOURCE}require('node:worker_threads').parentPort.on('message', handle);\n`;
// a browser worker first answers the 'ready' ping its starter awaits (it cannot start while its parent blocks)
const BROWSER_WORKER_SOURCE = `'use strict';\n${HANDLER_SOURCE}self.onmessage = (e) => (e.data === 'ready' ? self.postMessage('ready') : handle(e.data));\n`;

let started: StartedPool | null | undefined;
let workerFailures = 0;

/** @internal How many worker kernels have failed in this process (0 unless there is a bug; tests assert it). */
export function workerFailureCount(): number {
  return workerFailures;
}

/**
 * @internal
 * The number of threads this machine offers: Node's `os.availableParallelism()` or the browser's
 * `navigator.hardwareConcurrency`, 1 when neither is known.
 */
export function availableThreads(): number {
  const os = builtin('node:os') as { availableParallelism?: () => number; cpus?: () => unknown[] } | undefined;
  const count =
    os?.availableParallelism?.() ??
    os?.cpus?.().length ??
    (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return typeof count === 'number' && count >= 1 ? Math.floor(count) : 1;
}

/**
 * @internal
 * A pool of `threads` threads (the calling one included), or null where worker threads with shared memory and
 * a blocking wait are not available (browsers' main thread, runtimes without `node:worker_threads`): callers
 * then run the single-thread path, which gives the same results. Workers are started once, reused by every
 * later call, and unreferenced so they never keep a process alive.
 */
export function threadPool(threads: number): ThreadPool | null {
  if (threads <= 1) return null;
  if (started === undefined) started = startWorkers();
  if (started === null) return null;
  const pool = started;
  // more threads than cores only when asked for by number ('auto' asks for the cores): results never depend on it;
  // a browser has only the workers startWorkerThreads started (one cannot start while this thread blocks)
  const size = pool.Worker === null ? Math.min(threads, pool.workers.length + 1) : Math.min(threads, MAX_THREADS);
  if (size <= 1 || !addWorkers(pool, size - 1)) return null;
  return {
    size,
    run(set, kernel, calls) {
      if (calls.length > size) throw new Error(`threadPool.run: ${calls.length} calls for ${size} threads`);
      // control[0]: finished workers; control[1 + slot]: 1 when that worker's kernel threw
      const control = new Int32Array(new SharedArrayBuffer(4 * (calls.length + 1)));
      const results = new Float64Array(new SharedArrayBuffer(8 * calls.length));
      for (let slot = 1; slot < calls.length; slot++) {
        const worker = pool.workers[slot - 1]!;
        const defined = pool.defined[slot - 1]!;
        if (!defined.has(set.id)) {
          worker.postMessage({ define: set.id, source: kernelSetSource(set) });
          defined.add(set.id);
        }
        worker.postMessage({ set: set.id, kernel, args: calls[slot]!.map(postable), results, slot, control });
      }
      let failure: { error: unknown } | undefined;
      try {
        results[0] = callKernel(set, kernel, calls[0]!);
      } catch (error) {
        failure = { error };
      }
      const expected = calls.length - 1;
      for (let done = Atomics.load(control, 0); done < expected; done = Atomics.load(control, 0)) {
        Atomics.wait(control, 0, done);
      }
      if (failure !== undefined) throw failure.error;
      for (let slot = 1; slot < calls.length; slot++) {
        if (control[1 + slot] !== 1) continue;
        // Kernels share their work through counters and write results in place, so a block lost in a worker
        // cannot be redone here: stop, and never use worker threads again in this process.
        workerFailures++;
        started = null;
        throw new Error(
          `segmentkit: a worker thread failed in kernel ${set.kernels[kernel]!.name} of '${set.id}' (an internal error; please report it). Worker threads are now off for this process; pass workers: 1 to compute on one thread.`,
        );
      }
      const out = Array.from(results);
      return out;
    },
  };
}

// Deno: a postMessage holding a SharedArrayBuffer costs time in proportion to its size (Deno 2.9.5: 430–560 ms for
// 64 MB), while one holding a shared WebAssembly.Memory costs well under a millisecond whatever its size. So there,
// shared buffers from 64 KiB to 2 GiB come from a Memory of their own, and their views travel as the Memory plus
// the view's place in it. Elsewhere plain SharedArrayBuffers post cheaply and are used as they are.
const IN_DENO = (globalThis as { Deno?: unknown }).Deno !== undefined;
const MEMORY_PAGE = 65_536;
const MEMORY_BUFFER_LIMIT = 2 ** 31;
const memories = new WeakMap<object, unknown>();

interface SharedMemoryApi {
  Memory: new (descriptor: { initial: number; maximum: number; shared: true }) => { readonly buffer: SharedArrayBuffer };
}

/**
 * @internal
 * `byteLength` bytes of zeroed shared memory for worker threads (possibly more: views must give their length).
 * In Deno, from 64 KiB to 2 GiB, the bytes of a shared WebAssembly.Memory, which Deno posts cheaply.
 */
export function sharedBuffer(byteLength: number): SharedArrayBuffer {
  const wasm = (globalThis as { WebAssembly?: SharedMemoryApi }).WebAssembly;
  if (IN_DENO && wasm !== undefined && byteLength >= MEMORY_PAGE && byteLength <= MEMORY_BUFFER_LIMIT) {
    const pages = Math.ceil(byteLength / MEMORY_PAGE);
    const memory = new wasm.Memory({ initial: pages, maximum: pages, shared: true });
    memories.set(memory.buffer, memory);
    return memory.buffer;
  }
  return new SharedArrayBuffer(byteLength);
}

/**
 * @internal
 * Make the views of `memory` (a shared WebAssembly.Memory made elsewhere, as the SIMD kernels' memories) travel
 * to worker threads as the Memory and their place in it, as sharedBuffer's do: cheap in every runtime.
 */
export function adoptSharedMemory(memory: { readonly buffer: SharedArrayBuffer }): void {
  memories.set(memory.buffer, memory);
}

/** @internal Whether worker threads can be handed `buffer` cheaply: anywhere but Deno, or one of sharedBuffer's. */
export function postsCheaply(buffer: ArrayBufferLike): boolean {
  return !IN_DENO || buffer.byteLength < MEMORY_PAGE || memories.has(buffer);
}

/** A kernel argument as posted to a worker: a view of a WebAssembly.Memory as the Memory and its place in it. */
function postable(arg: unknown): unknown {
  if (!ArrayBuffer.isView(arg)) return arg;
  const memory = memories.get(arg.buffer);
  if (memory === undefined) return arg;
  const view = arg as unknown as { constructor: { name: string }; byteOffset: number; length: number };
  return { memoryView: memory, type: view.constructor.name, byteOffset: view.byteOffset, length: view.length };
}

/** The most threads one computation uses (more never pay for the row blocks segmentkit splits). */
const MAX_THREADS = 16;

function builtin(name: string): unknown {
  const process = (globalThis as { process?: NodeProcessLike }).process;
  try {
    return process?.getBuiltinModule?.(name);
  } catch {
    return undefined;
  }
}

interface StartedPool {
  /** node:worker_threads' Worker, or null in a browser (whose workers startWorkerThreads starts). */
  readonly Worker: WorkerThreadsModule['Worker'] | null;
  readonly workers: Pick<WorkerHandle, 'postMessage'>[];
  readonly defined: Set<string>[];
}

interface BrowserScope {
  crossOriginIsolated?: boolean;
  WorkerGlobalScope?: unknown;
  Worker?: new (url: string) => BrowserWorker;
  Blob?: new (parts: string[], options: { type: string }) => object;
  URL?: { createObjectURL(blob: object): string };
}

interface BrowserWorker {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

function startWorkers(): StartedPool | null {
  if (typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object') return null;
  const threadsModule = builtin('node:worker_threads') as WorkerThreadsModule | undefined;
  if (threadsModule?.Worker !== undefined) return { Worker: threadsModule.Worker, workers: [], defined: [] };
  // a browser: only inside a worker (a page's main thread may not block on Atomics.wait) of a cross-origin
  // isolated page (or there is no SharedArrayBuffer to share)
  const scope = globalThis as BrowserScope;
  if (scope.crossOriginIsolated === true && scope.WorkerGlobalScope !== undefined && typeof scope.Worker === 'function') {
    return { Worker: null, workers: [], defined: [] };
  }
  return null;
}

/**
 * Start worker threads ahead of the first computation, and say how many threads computations can use (the
 * calling one included). Node, Deno and Bun start workers on first use anyway; a browser needs this call, awaited
 * once inside a dedicated Worker of a cross-origin isolated page (`crossOriginIsolated`), because a worker cannot
 * start while the thread that made it blocks in a synchronous `fit`. Everywhere else (a page's main thread, a page
 * that is not isolated, the package's default browser build, which leaves the worker code out: import
 * `segmentkit/threads` there) it resolves to 1 and everything runs on the calling thread, with the same results.
 *
 * @param threads - threads wanted, the calling one included: `'auto'` (default, the machine's cores) or a whole
 *   number (at most 16 are used)
 * @throws {@link SegmentkitError} `E_PARAM` for anything but `'auto'` or an integer from 1 to 256.
 * @example
 * const threads = await startWorkerThreads(2);
 * threads >= 1; // => true
 */
export async function startWorkerThreads(threads: number | 'auto' = 'auto'): Promise<number> {
  const wanted =
    threads === 'auto'
      ? availableThreads()
      : requireInteger('startWorkerThreads', "threads ('auto' or a number of threads)", threads, { min: 1, max: 256 });
  const size = Math.min(wanted, MAX_THREADS);
  if (size <= 1) return 1;
  if (started === undefined) started = startWorkers();
  const pool = started;
  if (pool === null) return 1;
  if (pool.Worker !== null) return threadPool(size)?.size ?? 1;
  const scope = globalThis as unknown as Required<BrowserScope>;
  const url = scope.URL.createObjectURL(new scope.Blob([BROWSER_WORKER_SOURCE], { type: 'text/javascript' }));
  const starting: Promise<void>[] = [];
  // a worker the page refuses (a content security policy, say: it throws, reports an error or never answers
  // within 10 s) is left out, and the pool keeps the ones that started
  for (let missing = size - 1 - pool.workers.length; missing > 0; missing--) {
    starting.push(
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 10_000);
        const worker = new scope.Worker(url);
        worker.onmessage = () => {
          worker.onmessage = null;
          clearTimeout(timer);
          pool.workers.push(worker);
          pool.defined.push(new Set<string>());
          resolve();
        };
        worker.onerror = () => {
          clearTimeout(timer);
          resolve();
        };
        worker.postMessage('ready');
      }).catch(() => undefined),
    );
  }
  await Promise.all(starting);
  return Math.min(size, pool.workers.length + 1);
}

/** Start workers until the pool has `count`; false if the runtime refuses to start one. */
function addWorkers(pool: StartedPool, count: number): boolean {
  if (pool.Worker === null) return pool.workers.length >= count;
  try {
    while (pool.workers.length < count) {
      const worker = new pool.Worker(WORKER_SOURCE, { eval: true });
      // unreferenced: idle workers never keep the process alive
      worker.unref();
      pool.workers.push(worker);
      pool.defined.push(new Set<string>());
    }
  } catch {
    return pool.workers.length >= count;
  }
  return true;
}

function kernelSetSource(set: KernelSet): string {
  const functions = [...set.helpers, ...set.kernels];
  const names = set.kernels.map((kernel) => kernel.name).join(', ');
  if (set.imports === undefined) return `${functions.map(String).join('\n')}\nreturn [${names}];`;
  const imports = Object.entries(set.imports).map(([name, f]) => `${JSON.stringify(name)}: (${String(f)})`);
  return `const __imports = { ${imports.join(', ')} };\n${functions.map(String).join('\n')}\nreturn [${names}].map((kernel) => (...args) => kernel(__imports, ...args));`;
}
