// WebAssembly SIMD kernels: compiled once per process from the bytes embedded in dist/ (each kernel's .wat source
// sits next to its algorithm and test/scripts/compileWasm.mjs turns it into a base64 module), run in one shared
// WebAssembly.Memory that worker threads import too. Every kernel does the scalar kernel's operations in the
// scalar kernel's order, so whether SIMD is used never changes a result, only the time: where WebAssembly SIMD
// is missing (or a memory cannot be had) the scalar path runs instead, silently.

import { adoptSharedMemory } from './threadPool';

/** @internal The WebAssembly API as the SIMD kernels use it (the project's type libraries do not declare it). */
export interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: { env: { memory: WasmMemory } }) => { readonly exports: unknown };
  Memory: new (descriptor: { initial: number; maximum: number; shared: true }) => WasmMemory;
}

/** @internal A compiled module (opaque; posted to worker threads as it is). */
export type WasmModule = object;

/** @internal A shared WebAssembly memory. */
export interface WasmMemory {
  readonly buffer: SharedArrayBuffer;
}

const PAGE_BYTES = 65_536;
/** The most bytes a kernel memory takes: addresses stay below 2^31, well inside every engine's limit. */
const MEMORY_LIMIT = 2 ** 31;

let enabled = true;
const compiled = new Map<string, WasmModule | null>();

/**
 * @internal
 * Turn the SIMD kernels off (false) or back on (true, the default) for this process: for the benchmarks'
 * scalar-versus-SIMD rows and the tests that compare the two paths bit for bit.
 */
export function setWasmSimd(on: boolean): void {
  enabled = on;
}

/**
 * @internal
 * The module of `base64` (a kernel's embedded bytes), compiled on first use; null when SIMD is turned off or the
 * engine has no WebAssembly SIMD or threads (the caller then takes its scalar path).
 */
export function wasmSimdModule(base64: string): WasmModule | null {
  if (!enabled) return null;
  let module = compiled.get(base64);
  if (module === undefined) {
    module = compile(base64);
    compiled.set(base64, module);
  }
  return module;
}

function compile(base64: string): WasmModule | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined || typeof SharedArrayBuffer !== 'function' || typeof atob !== 'function') return null;
  try {
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return new wasm.Module(bytes);
  } catch {
    // an engine without SIMD (or without shared memories) refuses to compile the module
    return null;
  }
}

/**
 * @internal
 * A zeroed shared WebAssembly.Memory of at least `byteLength` bytes (fixed size), or null when that is more
 * than a kernel memory may take or the engine refuses it.
 */
export function wasmMemory(byteLength: number): WasmMemory | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined || !(byteLength <= MEMORY_LIMIT)) return null;
  const pages = Math.max(1, Math.ceil(byteLength / PAGE_BYTES));
  try {
    const memory = new wasm.Memory({ initial: pages, maximum: pages, shared: true });
    // its views go to worker threads as the Memory and their place in it (cheap in Deno too)
    adoptSharedMemory(memory);
    return memory;
  } catch {
    return null;
  }
}

let spare: WeakRef<WasmMemory> | undefined;

/**
 * @internal
 * A kernel memory of at least `byteLength` bytes for one fit: the memory the last fit released when it is still
 * alive and large enough (taken, so a fit inside a fit never shares one; its bytes are whatever that fit left),
 * else a new zeroed one from {@link wasmMemory}. Reuse skips the operating system's first touch of every page
 * (about 60 ms for 200 MB here), and a fit that allocates instead leaves its old memory to a garbage collector
 * that does not count it (V8 collects shared memories late, so fit after fit they pile up).
 */
export function reusedWasmMemory(byteLength: number): WasmMemory | null {
  const memory = spare?.deref();
  if (memory !== undefined && memory.buffer.byteLength >= byteLength && byteLength <= MEMORY_LIMIT) {
    spare = undefined;
    return memory;
  }
  return wasmMemory(byteLength);
}

/**
 * @internal
 * The fit that took `memory` is done with it: it may serve the next fit (of no more bytes). Held weakly, so an
 * idle memory is still collected.
 */
export function releaseWasmMemory(memory: WasmMemory): void {
  spare = new WeakRef(memory);
}
