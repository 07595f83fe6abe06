// Unit tests of internals too: kmeansPlusPlus (imported from src/, not part of the public API).
import fc from 'fast-check';
import { createRng, type Rng } from 'segmentkit';
import { afterAll, describe, expect, it } from 'vitest';

import { kmeansPlusPlus } from '../../../src/cluster/kmeans/kmeansPlusPlus';
import { CHUNK_ROWS } from '../../../src/cluster/kmeans/assignmentKernels';
import { seedingScoreChunks } from '../../../src/cluster/kmeans/seedingKernels';
import { seedingScoreChunks as browserSeedingScoreChunks } from '../../../src/cluster/kmeans/seedingKernels.browser';
import { float64Buffer } from '../../../src/parallel/rowBlocks';
import { threadPool, workerFailureCount } from '../../../src/parallel/threadPool';

/** Greedy k-means++ written plainly, one candidate and one row at a time: the definition the kernel must equal. */
function plainGreedySeeding(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  weights: Float64Array | null,
  rng: Rng,
  chunkRows = Infinity,
): Float64Array {
  const w = (i: number): number => (weights === null ? 1 : weights[i]!);
  const distance = (i: number, row: number): number => {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const diff = data[i * d + t]! - data[row * d + t]!;
      s += diff * diff;
    }
    return s;
  };
  const centers: number[] = [weights === null ? rng.integer(0, n) : rng.weightedIndex(weights)];
  let closest = Array.from({ length: n }, (_, i) => distance(i, centers[0]!));
  const trials = 2 + Math.floor(Math.log(k));
  while (centers.length < k) {
    // the cumulative potential and the potentials themselves are summed per chunk of rows, in row order, and
    // the chunks' sums added in chunk order (one chunk: the plain row-order sums)
    const chunked = (values: number[]): { cumulative: number[]; total: number } => {
      const cumulative: number[] = [];
      let total = 0;
      let local = 0;
      for (let i = 0; i < n; i++) {
        local += w(i) * values[i]!;
        cumulative.push(total + local);
        if ((i + 1) % chunkRows === 0 || i === n - 1) {
          total += local;
          local = 0;
        }
      }
      return { cumulative, total };
    };
    const { cumulative, total: running } = chunked(closest);
    const candidates = Array.from({ length: trials }, () => {
      const target = rng.uniform() * running;
      const index = cumulative.findIndex((v) => v >= target);
      return index === -1 ? n - 1 : index;
    });
    let best: { potential: number; candidate: number; distances: number[] } | undefined;
    for (const candidate of candidates) {
      const distances = closest.map((current, i) => Math.min(current, distance(i, candidate)));
      const potential = chunked(distances).total;
      if (best === undefined || potential < best.potential) best = { potential, candidate, distances };
    }
    centers.push(best!.candidate);
    closest = best!.distances;
  }
  return Float64Array.from(centers.flatMap((row) => Array.from(data.subarray(row * d, row * d + d))));
}

describe('kmeansPlusPlus', () => {
  it('chooses exactly the centres of the plain greedy seeding (paired candidates, four-row kernels, odd trial counts, weights)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.boolean(),
        fc.boolean(),
        (n, d, kWanted, seed, weighted, coarse) => {
          const k = Math.min(n, kWanted);
          const source = createRng(seed);
          // coarse values repeat rows and distances, so ties between candidates happen
          const data = Float64Array.from({ length: n * d }, () => (coarse ? Math.round(source.uniform() * 4) : 1e3 + source.normal()));
          const weights = weighted ? Float64Array.from({ length: n }, () => (source.uniform() < 0.2 ? 0 : source.uniform() * 2)) : null;
          const run = (f: typeof plainGreedySeeding): Float64Array | string => {
            try {
              return f(data, n, d, k, weights, createRng(seed + 1));
            } catch (error) {
              return (error as Error).name;
            }
          };
          const expected = run(plainGreedySeeding);
          // the plain version has no duplicate-row error: compare only when it found k centres with positive potential
          fc.pre(typeof expected !== 'string');
          const actual = run((x, rows, cols, clusters, w, rng) => kmeansPlusPlus(x, rows, cols, clusters, w, rng, 'test'));
          if (typeof actual === 'string') return; // fewer distinct weighted rows than k: the kernel's clear error
          expect(Array.from(actual)).toEqual(Array.from(expected as Float64Array));
        },
      ),
      { numRuns: 300 },
    );
  });

  // 20 000 rows are three chunks of 8 192 (the unit the threads share): the potentials and the draws follow the
  // chunked sums, on every thread count
  const n = 20_000;
  const d = 3;
  const source = createRng(5);
  const data = float64Buffer(n * d, true);
  for (let i = 0; i < n * d; i++) data[i] = (i % 3 === 0 ? 4 * (i % 7) : 0) + source.normal();
  const weights = float64Buffer(n, true);
  for (let i = 0; i < n; i++) weights[i] = i % 13 === 0 ? 0 : 0.5 + source.uniform();

  it('over several chunks, equals the plain seeding with chunked sums (k = 3: an odd trial count; weights)', () => {
    expect(CHUNK_ROWS).toBe(8192);
    for (const w of [null, weights]) {
      const expected = plainGreedySeeding(data, n, d, 3, w, createRng(2), CHUNK_ROWS);
      expect(Array.from(kmeansPlusPlus(data, n, d, 3, w, createRng(2), 'test'))).toEqual(Array.from(expected));
    }
  });

  it('gives the same centres on 1, 2, 3 and 4 threads', () => {
    for (const w of [null, weights]) {
      const one = Array.from(kmeansPlusPlus(data, n, d, 8, w, createRng(7), 'test'));
      for (const threads of [2, 3, 4]) {
        const pool = threadPool(threads);
        expect(pool).not.toBeNull();
        expect(Array.from(kmeansPlusPlus(data, n, d, 8, w, createRng(7), 'test', pool))).toEqual(one);
      }
    }
  });

  it("the browser build's kernel gives the same bits as the Node kernel (distances and chunk potentials)", () => {
    // the browser bundle swaps in seedingKernels.browser.ts: a page must draw the very centres Node does
    const rows = n - 1; // three chunks, the last not a multiple of four rows
    const closest = new Float64Array(rows);
    for (let i = 0; i < rows; i++) closest[i] = i % 5 === 0 ? Infinity : 3 * source.uniform();
    const chunks = Math.ceil(rows / CHUNK_ROWS);
    for (const w of [null, weights]) {
      for (const [a, b] of [
        [0, 0],
        [17 * d, (rows - 1) * d],
      ] as const) {
        const outputs = () => ({
          outA: new Float64Array(rows),
          outB: new Float64Array(rows),
          pA: new Float64Array(chunks),
          pB: new Float64Array(chunks),
        });
        const node = outputs();
        const browser = outputs();
        seedingScoreChunks(data, w, a, b, d, closest, node.outA, node.outB, node.pA, node.pB, CHUNK_ROWS, rows, new Int32Array(1));
        browserSeedingScoreChunks(data, w, a, b, d, closest, browser.outA, browser.outB, browser.pA, browser.pB, CHUNK_ROWS, rows);
        expect(Array.from(browser.outA)).toEqual(Array.from(node.outA));
        expect(Array.from(browser.outB)).toEqual(Array.from(node.outB));
        expect(Array.from(browser.pA)).toEqual(Array.from(node.pA));
        expect(Array.from(browser.pB)).toEqual(Array.from(node.pB));
        expect(node.pA.every((p) => p > 0)).toBe(true);
      }
    }
  });

  // a kernel that failed in a worker would have made the comparison above fail loudly, but say so plainly
  afterAll(() => expect(workerFailureCount()).toBe(0));
});
