// Tests internals too: UMAP's kernels (imported from src/, not part of the public API) against the independent
// float64 implementation of umap-learn's formulas in test/reference/scripts/umap.py, and against brute force.
import { createRng, makeBlobs } from 'segmentkit';
import { describe, expect, it } from 'vitest';

import { exactNeighbors } from '../../../src/decomposition/umap/exactNeighbors';
import { fitCurve } from '../../../src/decomposition/umap/fitCurve';
import { fuzzyUnion, membershipStrengths, smoothKnnDist } from '../../../src/decomposition/umap/fuzzySimplicialSet';
import { nearestNeighborDescent, roundedLog2 } from '../../../src/decomposition/umap/nearestNeighborDescent';
import { metricMode, metricRows, MODE_COSINE, MODE_EUCLIDEAN, MODE_MANHATTAN } from '../../../src/decomposition/umap/umapDistances';
import { umapPow } from '../../../src/decomposition/umap/umapPow';
import { loadReference, relativeError } from '../../helpers/reference';

interface GraphCase {
  name: string;
  X: number[][];
  nNeighbors: number;
  localConnectivity: number;
  setOpMixRatio: number;
  metric: 'euclidean' | 'manhattan';
  indices: number[][];
  distances: number[][];
  sigmas: number[];
  rhos: number[];
  graph: number[][];
}

const ref = loadReference<{ cases: GraphCase[]; curves: { minDist: number; spread: number; a: number; b: number }[] }>('umap.json');

function graphOf(c: GraphCase) {
  const n = c.X.length;
  const d = c.X[0]!.length;
  const k = c.nNeighbors;
  const rows = metricRows(Float64Array.from(c.X.flat()), n, d, metricMode(c.metric));
  const knn = exactNeighbors(rows, k, 'test', undefined, undefined);
  const smooth = smoothKnnDist(knn.distances, n, k, c.localConnectivity);
  const memberships = membershipStrengths(knn.indices, knn.distances, smooth, n, k, true);
  const graph = fuzzyUnion(knn.indices, memberships, n, k, c.setOpMixRatio, 'test', undefined);
  return { knn, smooth, graph, n, k };
}

describe('the fuzzy simplicial set equals umap-learn’s formulas (test/reference/scripts/umap.py)', () => {
  it.each(ref.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { knn, smooth, graph, n, k } = graphOf(c);
    expect(Array.from(knn.indices)).toEqual(c.indices.flat());
    knn.distances.forEach((v, e) => expect(relativeError(v, c.distances.flat()[e]!)).toBeLessThan(1e-14));
    smooth.rhos.forEach((v, i) => expect(relativeError(v, c.rhos[i]!)).toBeLessThan(1e-14));
    // the bisection takes the same steps, so σ agrees to the last bits of exp
    smooth.sigmas.forEach((v, i) => expect(relativeError(v, c.sigmas[i]!)).toBeLessThan(1e-12));
    // the graph: same sparsity, same weights
    const dense = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let i = 0; i < n; i++) {
      let previous = -1;
      for (let e = graph.rowStart[i]!; e < graph.rowStart[i + 1]!; e++) {
        expect(graph.columns[e]!).toBeGreaterThan(previous);
        previous = graph.columns[e]!;
        dense[i]![graph.columns[e]!] = graph.values[e]!;
      }
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const want = c.graph[i]![j]!;
        const got = dense[i]![j]!;
        expect(got === 0, `entry (${i}, ${j})`).toBe(want === 0);
        if (want !== 0) expect(relativeError(got, want), `entry (${i}, ${j})`).toBeLessThan(1e-12);
        expect(got).toBe(dense[j]![i]!);
      }
    }
    expect(k).toBe(c.nNeighbors);
  });

  it('holds the sum of memberships at log2 k for every row (the σ condition)', () => {
    const c = ref.cases[0]!;
    const { knn, smooth, n, k } = graphOf(c);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 1; j < k; j++) {
        const d = knn.distances[i * k + j]! - smooth.rhos[i]!;
        sum += d > 0 ? Math.exp(-d / smooth.sigmas[i]!) : 1;
      }
      expect(sum).toBeCloseTo(Math.log2(k), 4);
    }
  });
});

describe('the curve a, b equals scipy’s curve_fit (umap-learn’s find_ab_params)', () => {
  it('minDist 0.1, spread 1 gives a ≈ 1.5769, b ≈ 0.8951', () => {
    const { a, b } = fitCurve(0.1, 1);
    expect(Math.abs(a - 1.5769)).toBeLessThan(1e-3);
    expect(Math.abs(b - 0.8951)).toBeLessThan(1e-3);
  });

  it.each(ref.curves.map((c) => [c.minDist, c.spread, c] as const))('minDist %d, spread %d', (minDist, spread, c) => {
    const { a, b } = fitCurve(minDist, spread);
    // scipy stops at its default tolerances (1.5e-8 relative change); segmentkit runs to convergence
    expect(relativeError(a, c.a)).toBeLessThan(1e-5);
    expect(relativeError(b, c.b)).toBeLessThan(1e-5);
  });

  it('stays finite and fits at the ends of the parameter ranges', () => {
    for (const [minDist, spread] of [
      [0, 0.001],
      [0.001, 0.001],
      [0, 1000],
      [1000, 1000],
      [0.99, 1],
    ] as const) {
      const { a, b } = fitCurve(minDist, spread);
      expect(a > 0 && Number.isFinite(a) && b > 0 && Number.isFinite(b)).toBe(true);
      // the fitted curve is near 1 below minDist and near the exponential tail far out
      const at = (x: number) => 1 / (1 + a * x ** (2 * b));
      expect(Math.abs(at(2.5 * spread) - Math.exp(-(2.5 * spread - minDist) / spread))).toBeLessThan(0.1);
    }
  });
});

describe('nearest neighbours', () => {
  function bruteForce(data: Float64Array, n: number, d: number, k: number, mode: number): number[][] {
    const rows = metricRows(data, n, d, mode);
    return Array.from({ length: n }, (_, i) => {
      const dist = (j: number) => {
        let s = 0;
        if (mode === MODE_COSINE) {
          let dot = 0;
          for (let t = 0; t < d; t++) dot += rows.data[i * d + t]! * rows.data[j * d + t]!;
          return Math.max(0, 1 - dot);
        }
        for (let t = 0; t < d; t++) {
          const diff = data[i * d + t]! - data[j * d + t]!;
          s += mode === MODE_MANHATTAN ? Math.abs(diff) : diff * diff;
        }
        return s;
      };
      const others = Array.from({ length: n }, (_, j) => j).filter((j) => j !== i);
      const values = others.map(dist);
      const order = others.map((_, t) => t).sort((p, q) => values[p]! - values[q]! || others[p]! - others[q]!);
      return [i, ...order.slice(0, k - 1).map((t) => others[t]!)];
    });
  }

  it.each([
    ['euclidean', MODE_EUCLIDEAN],
    ['manhattan', MODE_MANHATTAN],
    ['cosine', MODE_COSINE],
  ] as const)('the exact search equals brute force (%s), ties by index', (_name, mode) => {
    // a grid has many exactly equal distances
    const grid: number[] = [];
    for (let i = 0; i < 9; i++) for (let j = 0; j < 9; j++) grid.push(i + 1, j + 1);
    const { X } = makeBlobs({ nSamples: 150, nFeatures: 3, centers: 3, seed: 9 });
    for (const [data, d] of [
      [Float64Array.from(grid), 2],
      [X.data, 3],
    ] as const) {
      const n = data.length / d;
      const knn = exactNeighbors(metricRows(data, n, d, mode), 7, 'test', undefined, undefined);
      const want = bruteForce(data, n, d, 7, mode);
      expect(Array.from(knn.indices)).toEqual(want.flat());
      for (let i = 0; i < n; i++)
        for (let e = 1; e < 7; e++) expect(knn.distances[i * 7 + e]!).toBeGreaterThanOrEqual(knn.distances[i * 7 + e - 1]!);
    }
  });

  it.each([
    ['euclidean', MODE_EUCLIDEAN],
    ['manhattan', MODE_MANHATTAN],
    ['cosine', MODE_COSINE],
  ] as const)('nearest-neighbour descent finds ≥ 90 %% of the true neighbours on blobs (%s)', (_name, mode) => {
    const n = 3000;
    const d = 12;
    const k = 15;
    const { X } = makeBlobs({ nSamples: n, nFeatures: d, centers: 8, clusterStd: 2, seed: 12 });
    const rows = metricRows(X.data, n, d, mode);
    const exact = exactNeighbors(rows, k, 'test', undefined, undefined);
    const approximate = nearestNeighborDescent(rows, k, createRng(1), 'test', undefined, undefined);
    let found = 0;
    for (let i = 0; i < n; i++) {
      expect(approximate.indices[i * k]).toBe(i);
      const truth = new Set(exact.indices.subarray(i * k + 1, (i + 1) * k));
      const seen = new Set<number>();
      for (let e = 1; e < k; e++) {
        const j = approximate.indices[i * k + e]!;
        expect(j === i || seen.has(j)).toBe(false);
        seen.add(j);
        if (truth.has(j)) found++;
        // nearest first, and the distances are the true ones
        if (e > 1) expect(approximate.distances[i * k + e]!).toBeGreaterThanOrEqual(approximate.distances[i * k + e - 1]!);
      }
    }
    expect(found / (n * (k - 1))).toBeGreaterThan(0.9);
  });

  it('round(log2 n) comes from the bits', () => {
    for (const n of [1, 2, 3, 5, 6, 11, 12, 4096, 5792, 5793, 70_000, 1_000_000]) expect(roundedLog2(n)).toBe(Math.round(Math.log2(n)));
  });
});

describe('umapPow (the layout’s portable power)', () => {
  it('agrees with Math.pow to 1e-13 relative over the layout’s range', () => {
    const rng = createRng(3);
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const x = Math.exp((rng.uniform() - 0.5) * 120);
      const b = 0.2 + 2 * rng.uniform();
      worst = Math.max(worst, relativeError(umapPow(x, b), x ** b));
    }
    expect(worst).toBeLessThan(1e-13);
  });

  it('handles subnormal, huge and boundary inputs', () => {
    for (const [x, b] of [
      [5e-324, 0.9],
      [1e-310, 0.8950608],
      [2.2250738585072014e-308, 1.2],
      [1.7976931348623157e308, 0.99],
      [1, 0.9],
      [2, 1],
    ] as const) {
      expect(relativeError(umapPow(x, b), x ** b)).toBeLessThan(1e-13);
    }
    expect(umapPow(1e300, 2)).toBe(Number.POSITIVE_INFINITY);
    expect(umapPow(1e-300, 4)).toBe(0);
  });
});
