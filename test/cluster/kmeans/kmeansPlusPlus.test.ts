// Unit tests of internals too: kmeansPlusPlus (imported from src/, not part of the public API).
import fc from 'fast-check';
import { createRng, type Rng } from 'segmentkit';
import { describe, expect, it } from 'vitest';

import { kmeansPlusPlus } from '../../../src/cluster/kmeans/kmeansPlusPlus';

/** Greedy k-means++ written plainly, one candidate and one row at a time: the definition the kernel must equal. */
function plainGreedySeeding(data: Float64Array, n: number, d: number, k: number, weights: Float64Array | null, rng: Rng): Float64Array {
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
    const cumulative: number[] = [];
    let running = 0;
    for (let i = 0; i < n; i++) cumulative.push((running += w(i) * closest[i]!));
    const candidates = Array.from({ length: trials }, () => {
      const target = rng.uniform() * running;
      const index = cumulative.findIndex((v) => v >= target);
      return index === -1 ? n - 1 : index;
    });
    let best: { potential: number; candidate: number; distances: number[] } | undefined;
    for (const candidate of candidates) {
      const distances = closest.map((current, i) => Math.min(current, distance(i, candidate)));
      let potential = 0;
      for (let i = 0; i < n; i++) potential += w(i) * distances[i]!;
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
});
