// A measurement spike for issue 20: is a WebAssembly SIMD (f64x2) kernel worth building into the library? The
// nearest-centroid pass of k-means (1 000 000 × 8, k = 8) three ways on one thread: the library's scalar kernel
// (exactAssignmentChunks, which also tracks the second-nearest distance and moved rows), and bench/wasm's
// nearestCentroid.wat without and with SIMD (labels and nearest distances only). The WAT is compiled here with
// wabt (a devDependency). The library's own SIMD kernels (src/cluster/kmeans/assignmentSimd.wat, seedingSimd.wat) grew
// out of it; the library's SIMD exact pass is timed here too, next to its scalar one.
import { readFileSync } from 'node:fs';
import { exactAssignmentChunks } from '../src/cluster/kmeans/assignmentKernels';
import { fullAssignment } from '../src/cluster/kmeans/fullAssignment';
import { createArenaState, kmeansArena } from '../src/cluster/kmeans/kmeansArena';
import { makeBlobs } from '../src/datasets/makeBlobs';
import { ms, ratio, timeIt, type BenchSection } from './lib/harness';
import { nearestSquaredDistances } from './lib/nearestSquaredDistances';

// the WebAssembly API as this benchmark uses it (the project's type libraries do not declare it)
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface NearestExports {
  readonly memory: WasmMemory;
  nearestSimd(x: number, n: number, d: number, c: number, pairs: number, labels: number, distances: number): void;
  nearestScalar(x: number, n: number, d: number, c: number, k: number, labels: number, distances: number): void;
}

async function compileNearest(): Promise<object> {
  const wabt = await (await import('wabt')).default();
  const source = readFileSync(new URL('./wasm/nearestCentroid.wat', import.meta.url), 'utf8');
  const parsed = wabt.parseWat('nearestCentroid.wat', source, { simd: true });
  parsed.validate();
  return new wasm.Module(parsed.toBinary({}).buffer);
}

export default async function wasmSimdBench(): Promise<BenchSection[]> {
  const n = 1_000_000;
  const d = 8;
  const k = 8;
  const { X } = makeBlobs({ nSamples: n, nFeatures: d, centers: k, clusterStd: 2, seed: 2026 });
  const centers = Float64Array.from(X.data.subarray(0, k * d));

  const scalarLabels = new Int32Array(n);
  const library = timeIt(
    () => exactAssignmentChunks(X.data, null, centers, d, k, scalarLabels, null, 8192, null, null, null, 0, n, new Int32Array(1)),
    { repeat: 7, warmup: 2 },
  );
  // the nearest distances as the library sums them (features in order), for the bit-for-bit check
  const expected = nearestSquaredDistances(X, centers, k);

  const module = await compileNearest();
  const exports = new wasm.Instance(module).exports as NearestExports;
  const rowsAt = 0;
  const centersAt = rowsAt + n * d * 8;
  const pairedAt = centersAt + k * d * 8;
  const labelsAt = pairedAt + k * d * 8;
  const distancesAt = labelsAt + n * 4;
  const bytes = distancesAt + n * 8;
  exports.memory.grow(Math.ceil((bytes - exports.memory.buffer.byteLength) / 65_536));
  const copy = timeIt(() => new Float64Array(exports.memory.buffer, rowsAt, n * d).set(X.data), { repeat: 5 });
  new Float64Array(exports.memory.buffer, centersAt, k * d).set(centers);
  // SIMD layout: centroid pairs interleaved feature by feature, [c_2p[t], c_2p+1[t]]
  const paired = new Float64Array(exports.memory.buffer, pairedAt, k * d);
  for (let p = 0; p < k / 2; p++) {
    for (let t = 0; t < d; t++) {
      paired[(p * d + t) * 2] = centers[2 * p * d + t]!;
      paired[(p * d + t) * 2 + 1] = centers[(2 * p + 1) * d + t]!;
    }
  }
  const check = (): string => {
    const labels = new Int32Array(exports.memory.buffer, labelsAt, n);
    const distances = new Float64Array(exports.memory.buffer, distancesAt, n);
    let labelsDiffer = 0;
    let bitsDiffer = 0;
    for (let i = 0; i < n; i++) {
      if (labels[i] !== scalarLabels[i]) labelsDiffer++;
      if (!Object.is(distances[i], expected[i])) bitsDiffer++;
    }
    return `labels vs the library's: ${labelsDiffer === 0 ? 'identical' : `${labelsDiffer} differ`}; nearest distances: ${bitsDiffer === 0 ? 'the same bits' : `${bitsDiffer} differ`}`;
  };
  const wasmScalar = timeIt(() => exports.nearestScalar(rowsAt, n, d, centersAt, k, labelsAt, distancesAt), { repeat: 7, warmup: 2 });
  const scalarCheck = check();
  new Int32Array(exports.memory.buffer, labelsAt, n).fill(-1);
  const wasmSimd = timeIt(() => exports.nearestSimd(rowsAt, n, d, pairedAt, k / 2, labelsAt, distancesAt), { repeat: 7, warmup: 2 });
  const simdCheck = check();

  // the library's SIMD exact pass (assignmentSimd.wat through fullAssignment, what KMeans.fit runs), one thread, a
  // pass after the first (no row moves): labels, nearest and second-nearest distances
  // (its state in the arena's first slot, as KMeans.fit keeps it: with any array elsewhere the scalar kernel runs)
  const arena = kmeansArena(X.data, null, n, d, k, 1)!.arena;
  const state = createArenaState(arena.rows, n, d, centers, k, null, null, 0);
  const twoOut = arena.slots[0]!.bases;
  fullAssignment(state, twoOut, null);
  const librarySimd = timeIt(() => fullAssignment(state, twoOut, null), { repeat: 7, warmup: 2 });
  let simdLabelsDiffer = 0;
  for (let i = 0; i < n; i++) if (state.labels[i] !== scalarLabels[i]) simdLabelsDiffer++;

  const data = '1,000,000 × 8, k = 8';
  return [
    {
      id: 'wasm-simd',
      title: 'WebAssembly SIMD: one nearest-centroid pass, scalar against f64x2',
      description:
        "makeBlobs 1,000,000 × 8 (8 blobs, std 2, seed 2026), the first 8 rows as centroids; one pass assigning every row to its nearest centroid, one thread, median of 7 after 2 warm-ups. The library's kernel (`exactAssignmentChunks`, what Lloyd and Hamerly's full passes run) also keeps the second-nearest distance and the moved rows, so it does more than the two WebAssembly functions of `bench/wasm/nearestCentroid.wat` (labels and nearest distances only). The SIMD function computes two centroids per f64x2 lane pair, each lane summing the features in order without fused multiply-add: the same bits as the scalar sums. The rows must first be copied into WebAssembly memory (the copy row; KMeans.fit does it once per fit, with its finiteness check). The last row is the library's own SIMD exact pass, built from this spike, with all the outputs of the scalar kernel.",
      header: ['data', 'kernel', 'time', 'the library kernel is … slower', 'notes'],
      rows: [
        [data, 'library scalar kernel (JavaScript)', ms(library.medianMs), '1×', 'labels and the second-nearest distance'],
        [data, 'WebAssembly, scalar', ms(wasmScalar.medianMs), ratio(library.medianMs, wasmScalar.medianMs), scalarCheck],
        [data, 'WebAssembly, f64x2 SIMD', ms(wasmSimd.medianMs), ratio(library.medianMs, wasmSimd.medianMs), simdCheck],
        [data, 'copy of the rows into WebAssembly memory (64 MB)', ms(copy.medianMs), '—', 'once per fit; memory already grown'],
        [
          data,
          'library SIMD kernel (assignmentSimd.wat, what KMeans.fit runs)',
          ms(librarySimd.medianMs),
          ratio(library.medianMs, librarySimd.medianMs),
          `the library kernel's outputs (second-nearest too; the nearest picked and the rows settled in WebAssembly); labels vs the scalar kernel's: ${simdLabelsDiffer === 0 ? 'identical' : `${simdLabelsDiffer} differ`}`,
        ],
      ],
    },
  ];
}
