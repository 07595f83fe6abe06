// The WebAssembly SIMD k-means++ kernel (seedingSimd.ts / seedingSimd.wat) against the scalar kernel it stands in
// for: the same distances, potentials and centres to the last bit, on every thread count.
import fc from 'fast-check';
import { createRng } from 'segmentkit';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

import { CHUNK_ROWS } from '../../../src/cluster/kmeans/assignmentKernels';
import { kmeansPlusPlus } from '../../../src/cluster/kmeans/kmeansPlusPlus';
import { seedingScoreChunks } from '../../../src/cluster/kmeans/seedingKernels';
import { type SeedingScorer, simdSeedingScorer } from '../../../src/cluster/kmeans/seedingSimd';
import { simdSeedingScorer as browserSimdSeedingScorer } from '../../../src/cluster/kmeans/seedingSimd.browser';
import { SEEDING_SIMD_WASM } from '../../../src/cluster/kmeans/seedingSimdModule';
import { float64Buffer } from '../../../src/parallel/rowBlocks';
import { threadPool, workerFailureCount } from '../../../src/parallel/threadPool';
import { setWasmSimd, wasmSimdModule } from '../../../src/parallel/wasmSimd';

/** The bits of every value, so +0 / −0 and NaN payloads count as different. */
const bits = (values: Float64Array): bigint[] => Array.from(new BigUint64Array(Float64Array.from(values).buffer));

/** One scoring pass of `scorer` (candidates rows a and b) from the given closest distances. */
function scoreOnce(scorer: SeedingScorer, closest: Float64Array, a: number, b: number): bigint[][] {
  const [from, one, two] = [scorer.scored(), scorer.scored(), scorer.scored()];
  from.distances.set(closest);
  scorer.score(a, b, from, one, two);
  return [one.distances, two.distances, one.potentials, two.potentials].map(bits);
}

/** The same pass with the scalar kernel (seedingKernels.ts). */
function scalarScoreOnce(
  data: Float64Array,
  n: number,
  d: number,
  weights: Float64Array | null,
  closest: Float64Array,
  a: number,
  b: number,
): bigint[][] {
  const chunks = Math.ceil(n / CHUNK_ROWS);
  const [outA, outB, pA, pB] = [new Float64Array(n), new Float64Array(n), new Float64Array(chunks), new Float64Array(chunks)];
  seedingScoreChunks(data, weights, a * d, b * d, d, closest, outA, outB, pA, pB, CHUNK_ROWS, n, new Int32Array(1));
  return [outA, outB, pA, pB].map(bits);
}

afterEach(() => setWasmSimd(true));

describe('the SIMD k-means++ kernel', () => {
  it('compiles on this engine (so the tests below run the SIMD path, not the fallback)', () => {
    expect(wasmSimdModule(SEEDING_SIMD_WASM)).not.toBeNull();
    expect(simdSeedingScorer(new Float64Array(16_384), 8192, 2, null, null)).not.toBeNull();
  });

  it('gives the scalar kernel’s distances and chunk potentials to the bit (tails, weights with zeros, ties, Infinity)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 3 * CHUNK_ROWS }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom('normal', 'coarse', 'wide'),
        fc.boolean(),
        (d, extraRows, seed, kind, weighted) => {
          const n = Math.ceil(16_384 / d) + extraRows;
          const source = createRng(seed);
          const value = (): number =>
            kind === 'coarse' ? Math.round(source.uniform() * 3) : kind === 'wide' ? source.normal() * 1e150 : 50 + source.normal();
          const data = Float64Array.from({ length: n * d }, value);
          const weights = weighted ? Float64Array.from({ length: n }, () => (source.uniform() < 0.2 ? 0 : 2 * source.uniform())) : null;
          const closest = Float64Array.from({ length: n }, () => (source.uniform() < 0.1 ? Infinity : source.uniform() * 4));
          const a = source.integer(0, n);
          const b = source.uniform() < 0.2 ? a : source.integer(0, n);
          const simd = simdSeedingScorer(data, n, d, weights, null);
          expect(simd).not.toBeNull();
          expect(scoreOnce(simd!, closest, a, b)).toEqual(scalarScoreOnce(data, n, d, weights, closest, a, b));
        },
      ),
      { numRuns: 40 },
    );
  });

  const n = 30_001;
  const d = 5;
  const source = createRng(11);
  const data = float64Buffer(n * d, true);
  for (let i = 0; i < n * d; i++) data[i] = (i % 5 === 0 ? 6 * (i % 9) : 0) + source.normal();
  const weights = float64Buffer(n, true);
  for (let i = 0; i < n; i++) weights[i] = i % 11 === 0 ? 0 : 0.25 + source.uniform();

  it('chooses the centres of the scalar kernel on 1, 2 and 3 threads (k = 2, 3, 9, 17; weights)', () => {
    for (const w of [null, weights]) {
      for (const k of [2, 3, 9, 17]) {
        setWasmSimd(false);
        const scalar = bits(kmeansPlusPlus(data, n, d, k, w, createRng(k), 'test'));
        setWasmSimd(true);
        for (const threads of [1, 2, 3]) {
          const pool = threadPool(threads);
          expect(bits(kmeansPlusPlus(data, n, d, k, w, createRng(k), 'test', pool))).toEqual(scalar);
        }
      }
    }
  });

  it('falls back to the scalar kernel when turned off, for small inputs, and always in the browser build', () => {
    setWasmSimd(false);
    expect(wasmSimdModule(SEEDING_SIMD_WASM)).toBeNull();
    expect(simdSeedingScorer(data, n, d, null, null)).toBeNull();
    setWasmSimd(true);
    // below 16 384 values a memory and a copy of the rows cost more than SIMD saves
    expect(simdSeedingScorer(data, 3276, d, null, null)).toBeNull();
    expect(simdSeedingScorer(data, 3277, d, null, null)).not.toBeNull();
    expect(browserSimdSeedingScorer()).toBeNull();
  });

  it('never writes the caller’s rows or weights', () => {
    const rows = Float64Array.from(data);
    const w = Float64Array.from(weights);
    kmeansPlusPlus(rows, n, d, 6, w, createRng(1), 'test', threadPool(2));
    expect(bits(rows)).toEqual(bits(data));
    expect(bits(w)).toEqual(bits(weights));
  });

  afterAll(() => expect(workerFailureCount()).toBe(0));
});
