import fc from 'fast-check';
import { DBSCAN, DBSCANModel, type DBSCANProgress, type DensityMetric, suggestEps } from 'segmentkit';
import { describe, expect, it } from 'vitest';

import { expectSegmentkitError } from '../../helpers/expectError';

/**
 * An independent, quadratic DBSCAN written from scikit-learn's description (all neighbourhoods, then
 * `dbscan_inner`'s depth-first expansion), to check the indexed implementation on random data.
 */
function naiveDBSCAN(X: number[][], eps: number, minSamples: number, metric: DensityMetric): { labels: number[]; cores: number[] } {
  const n = X.length;
  const unit = X.map((row) => {
    const norm = Math.sqrt(row.reduce((s, v) => s + v * v, 0));
    return row.map((v) => v / norm);
  });
  const within = (i: number, j: number): boolean => {
    let s = 0;
    for (let t = 0; t < X[i]!.length; t++) {
      if (metric === 'euclidean') s += (X[i]![t]! - X[j]![t]!) ** 2;
      else if (metric === 'manhattan') s += Math.abs(X[i]![t]! - X[j]![t]!);
      else s += unit[i]![t]! * unit[j]![t]!;
    }
    if (metric === 'euclidean') return s <= eps * eps;
    if (metric === 'manhattan') return s <= eps;
    return Math.min(2, Math.max(0, 1 - s)) <= eps;
  };
  const hoods = X.map((_, i) => X.map((__, j) => j).filter((j) => within(i, j)));
  const core = hoods.map((h) => h.length >= minSamples);
  const labels = new Array<number>(n).fill(-1);
  let label = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] !== -1 || !core[i]) continue;
    const stack = [i];
    while (stack.length > 0) {
      const p = stack.pop()!;
      if (labels[p] !== -1) continue;
      labels[p] = label;
      if (core[p]) for (const q of hoods[p]!) if (labels[q] === -1) stack.push(q);
    }
    label++;
  }
  return { labels, cores: core.flatMap((c, i) => (c ? [i] : [])) };
}

/** Rows on a coarse dyadic lattice (multiples of 1/8), so that ties at eps are frequent and arithmetic is exact. */
const latticeRows = (d: number, maxRows: number): fc.Arbitrary<number[][]> =>
  fc.array(
    fc.array(
      fc.integer({ min: -24, max: 24 }).map((v) => v / 8),
      { minLength: d, maxLength: d },
    ),
    { minLength: 1, maxLength: maxRows },
  );

describe('DBSCAN', () => {
  it('new DBSCAN(params) rejects eps ≤ 0, NaN, minSamples < 1, unknown metrics and options with E_PARAM', () => {
    expectSegmentkitError(() => new DBSCAN({ eps: 0 }), 'E_PARAM', /DBSCAN: eps must be a number > 0, got 0/);
    expectSegmentkitError(() => new DBSCAN({ eps: -1 }), 'E_PARAM', /eps must be a number > 0/);
    expectSegmentkitError(() => new DBSCAN({ eps: NaN }), 'E_PARAM', /eps must be a number > 0/);
    expectSegmentkitError(() => new DBSCAN({ eps: Infinity }), 'E_PARAM', /eps/);
    expectSegmentkitError(() => new DBSCAN({ minSamples: 0 }), 'E_PARAM', /minSamples must be an integer ≥ 1, got 0/);
    expectSegmentkitError(() => new DBSCAN({ minSamples: 2.5 }), 'E_PARAM', /minSamples must be an integer/);
    expectSegmentkitError(
      () => new DBSCAN({ metric: 'chebyshev' as DensityMetric }),
      'E_PARAM',
      /metric must be one of 'euclidean', 'manhattan', 'cosine'/,
    );
    expectSegmentkitError(() => new DBSCAN({ algorithm: 'ball-tree' as 'grid' }), 'E_PARAM', /algorithm/);
    expectSegmentkitError(
      () => new DBSCAN({ min_samples: 5 } as never),
      'E_PARAM',
      /unknown option 'min_samples'; did you mean 'minSamples'\?/,
    );
  });

  it('fit(X) names the cell holding NaN with E_NOT_FINITE and rejects an all-zero row under cosine with E_DOMAIN', () => {
    expectSegmentkitError(
      () =>
        new DBSCAN().fit([
          [0, 1],
          [2, NaN],
        ]),
      'E_NOT_FINITE',
      /DBSCAN\.fit: X\[1\]\[1\] is NaN/,
    );
    expectSegmentkitError(
      () =>
        new DBSCAN({ metric: 'cosine' }).fit([
          [1, 2],
          [0, 0],
        ]),
      'E_DOMAIN',
      /X\[1\] is all zeros/,
    );
    expectSegmentkitError(() => new DBSCAN().fit([]), 'E_EMPTY');
  });

  it('a forced grid is refused beyond 6 features', () => {
    expectSegmentkitError(() => new DBSCAN({ algorithm: 'grid' }).fit([[0, 0, 0, 0, 0, 0, 0]]), 'E_PARAM', /up to 6 features/);
  });

  it('labels equal an independent quadratic DBSCAN on random lattice data, for every metric and both indexes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((d) => latticeRows(d, 60)),
        fc.constantFrom(0.125, 0.25, 0.375, 0.5, 1),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom<DensityMetric>('euclidean', 'manhattan', 'cosine'),
        (X, eps, minSamples, metric) => {
          const rows = metric === 'cosine' ? X.map((r) => (r.every((v) => v === 0) ? r.map(() => 1) : r)) : X;
          const expected = naiveDBSCAN(rows, metric === 'cosine' ? eps / 4 : eps, minSamples, metric);
          for (const algorithm of ['kd-tree', 'auto'] as const) {
            const model = new DBSCAN({ eps: metric === 'cosine' ? eps / 4 : eps, minSamples, metric, algorithm }).fit(rows);
            expect(Array.from(model.labels)).toEqual(expected.labels);
            expect(Array.from(model.coreSampleIndices)).toEqual(expected.cores);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("the k-d tree counts each row once when a whole subtree above the query row's own leaf lies inside eps", () => {
    // two tight groups of 65: no row has 70 neighbours, so everything is noise; a double-counted own leaf made
    // every row core
    const X = [
      ...Array.from({ length: 65 }, (_, i) => [0.001 * i, 0, 0, 0]),
      ...Array.from({ length: 65 }, (_, i) => [100 + 0.001 * i, 0, 0, 0]),
    ];
    const model = new DBSCAN({ eps: 1, minSamples: 70, algorithm: 'kd-tree' }).fit(X);
    expect(model.coreSampleIndices.length).toBe(0);
    expect(new Set(model.labels)).toEqual(new Set([-1]));
    expect(new DBSCAN({ eps: 1, minSamples: 65, algorithm: 'kd-tree' }).fit(X).nClusters).toBe(2);
  });

  it('labels equal the quadratic DBSCAN when minSamples sits near the group sizes (counts cross subtrees)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 20, max: 90 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: -3, max: 3 }),
        (d, sizes, seed, offset) => {
          let state = seed;
          const next = (): number => {
            state = (state * 1103515245 + 12345) % 2147483648;
            return state / 2147483648;
          };
          const X = sizes.flatMap((size, g) =>
            Array.from({ length: size }, () => Array.from({ length: d }, (_, j) => (j === 0 ? 50 * g : 0) + 0.01 * next())),
          );
          const minSamples = Math.max(1, sizes[0]! + offset);
          const expected = naiveDBSCAN(X, 1, minSamples, 'euclidean');
          for (const algorithm of ['kd-tree', 'auto'] as const) {
            const model = new DBSCAN({ eps: 1, minSamples, algorithm }).fit(X);
            expect(Array.from(model.coreSampleIndices)).toEqual(expected.cores);
            expect(Array.from(model.labels)).toEqual(expected.labels);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the grid and the k-d tree give identical labels on clustered random data', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 1e6 }), fc.constantFrom(0.1, 0.2), (d, seed, eps) => {
        let state = seed;
        const random = (): number => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
        const X = Array.from({ length: 1000 }, (_, i) => Array.from({ length: d }, () => (i % 3) + 0.3 * random()));
        const grid = new DBSCAN({ eps, minSamples: 4, algorithm: 'grid' }).fit(X);
        const tree = new DBSCAN({ eps, minSamples: 4, algorithm: 'kd-tree' }).fit(X);
        expect(grid.stats.index).toBe('grid');
        expect(Array.from(grid.labels)).toEqual(Array.from(tree.labels));
      }),
      { numRuns: 30 },
    );
  });

  it('permuting the rows permutes core samples and noise and keeps the clusters of core samples (up to renaming)', () => {
    fc.assert(
      fc.property(latticeRows(2, 50), fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 1000 }), (X, minSamples, seed) => {
        const n = X.length;
        const perm = Array.from({ length: n }, (_, i) => i).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101) || a - b);
        const a = new DBSCAN({ eps: 0.375, minSamples }).fit(X);
        const b = new DBSCAN({ eps: 0.375, minSamples }).fit(perm.map((i) => X[i]!));
        const coreA = new Set(a.coreSampleIndices);
        const mapping = new Map<number, number>();
        perm.forEach((original, position) => {
          expect(b.coreSampleIndices.includes(position)).toBe(coreA.has(original));
          expect(b.labels[position]! === -1).toBe(a.labels[original]! === -1);
          if (!coreA.has(original)) return;
          const seen = mapping.get(a.labels[original]!);
          if (seen === undefined) mapping.set(a.labels[original]!, b.labels[position]!);
          else expect(b.labels[position]).toBe(seen);
        });
        expect(b.nClusters).toBe(a.nClusters);
      }),
      { numRuns: 100 },
    );
  });

  it('scaling X and eps by the same power of two, or translating lattice data, gives identical labels', () => {
    fc.assert(
      fc.property(latticeRows(3, 50), fc.constantFrom(0.25, 2, 1024), fc.integer({ min: -5, max: 5 }), (X, scale, shift) => {
        const base = new DBSCAN({ eps: 0.5, minSamples: 3 }).fit(X);
        const scaled = new DBSCAN({ eps: 0.5 * scale, minSamples: 3 }).fit(X.map((r) => r.map((v) => v * scale)));
        const moved = new DBSCAN({ eps: 0.5, minSamples: 3 }).fit(X.map((r) => r.map((v) => v + shift)));
        expect(Array.from(scaled.labels)).toEqual(Array.from(base.labels));
        expect(Array.from(moved.labels)).toEqual(Array.from(base.labels));
      }),
      { numRuns: 100 },
    );
  });

  it('reports progress by phase and stops with E_ABORTED when the signal fires mid-fit', () => {
    const X = Array.from({ length: 10_000 }, (_, i) => [i % 100, Math.floor(i / 100)]);
    const events: DBSCANProgress[] = [];
    new DBSCAN({ eps: 1, minSamples: 5 }).fit(X, { onProgress: (e) => events.push(e) });
    expect(events[0]).toEqual({ phase: 'index', done: 10_000, total: 10_000 });
    expect(events.filter((e) => e.phase === 'core').length).toBeGreaterThan(1);
    expect(events.at(-1)).toEqual({ phase: 'expand', done: 10_000, total: 10_000 });
    const controller = new AbortController();
    expectSegmentkitError(
      () => new DBSCAN({ eps: 1 }).fit(X, { signal: controller.signal, onProgress: (e) => e.phase === 'core' && controller.abort() }),
      'E_ABORTED',
    );
  });

  it('never mutates the caller rows, also for cosine (which normalises a copy)', () => {
    const X = [
      [3, 4],
      [6, 8.1],
      [0.5, 9],
    ];
    const copy = X.map((r) => [...r]);
    new DBSCAN({ eps: 0.1, minSamples: 2, metric: 'cosine' }).fit(X).predict(X);
    expect(X).toEqual(copy);
  });
});

describe('DBSCANModel', () => {
  const X = [
    [0, 0],
    [0, 0.5],
    [0.5, 0],
    [0.4, 0.4],
    [5, 5],
    [5, 5.5],
    [5.5, 5],
    [9, 0],
  ];
  const model = new DBSCAN({ eps: 0.8, minSamples: 3 }).fit(X);

  it('exposes labels, core samples and their rows, sizes and noise', () => {
    expect(Array.from(model.labels)).toEqual([0, 0, 0, 0, 1, 1, 1, -1]);
    expect(Array.from(model.coreSampleIndices)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(model.components.rows).toBe(7);
    expect(Array.from(model.components.data.subarray(8, 10))).toEqual([5, 5]);
    expect(model.clusterSizes).toEqual([4, 3]);
    expect(model.nNoise).toBe(1);
    expect(Object.isFrozen(model)).toBe(true);
  });

  it("predict(X) gives the nearest core sample's cluster within eps, else -1, and training labels back for core and noise rows", () => {
    expect(
      Array.from(
        model.predict([
          [0.2, 0.2],
          [5.2, 5.2],
          [2.5, 2.5],
          [5, 5.8],
        ]),
      ),
    ).toEqual([0, 1, -1, 1]);
    expect(Array.from(model.predict(X))).toEqual(Array.from(model.labels));
    // exactly eps away from a core sample counts (distance ≤ eps)
    expect(
      Array.from(
        new DBSCAN({ eps: 1, minSamples: 1 }).fit([[0, 0]]).predict([
          [0, 1],
          [0, 1.0000001],
        ]),
      ),
    ).toEqual([0, -1]);
  });

  it('predict ties between core samples of two clusters go to the lower core index', () => {
    const tie = new DBSCAN({ eps: 1, minSamples: 2 }).fit([
      [0, 0],
      [0, -0.5],
      [2, 0],
      [2, 0.5],
    ]);
    expect(Array.from(tie.labels)).toEqual([0, 0, 1, 1]);
    expect(Array.from(tie.predict([[1, 0]]))).toEqual([0]);
  });

  it('predict with no core sample returns all noise; a wrong column count is E_SHAPE', () => {
    const none = new DBSCAN({ eps: 0.1, minSamples: 3 }).fit([[0], [1], [2]]);
    expect(Array.from(none.predict([[0], [1]]))).toEqual([-1, -1]);
    expectSegmentkitError(
      () => model.predict([[1, 2, 3]]),
      'E_SHAPE',
      /DBSCANModel\.predict: X has 3 columns but the model was fitted on 2/,
    );
  });

  it('round-trips through JSON and rejects inconsistent files with E_MODEL', () => {
    const json = JSON.parse(JSON.stringify(model));
    const restored = DBSCANModel.fromJSON(json);
    expect(restored.toJSON()).toEqual(model.toJSON());
    expect(Array.from(restored.predict([[5.2, 5.2]]))).toEqual([1]);
    expectSegmentkitError(() => DBSCANModel.fromJSON({ ...json, labels: [...json.labels.slice(0, -1), 7] }), 'E_MODEL', /labels\[7\]/);
    expectSegmentkitError(() => DBSCANModel.fromJSON({ ...json, coreSampleIndices: [1, 0, 2, 3, 4, 5, 6] }), 'E_MODEL', /ascending/);
    expectSegmentkitError(() => DBSCANModel.fromJSON({ ...json, coreSampleIndices: [0, 1, 2, 3, 4, 5, 7] }), 'E_MODEL', /noise/);
    expectSegmentkitError(() => DBSCANModel.fromJSON({ ...json, components: json.components.slice(1) }), 'E_MODEL', /one per core sample/);
    expectSegmentkitError(() => DBSCANModel.fromJSON({ ...json, params: { ...json.params, eps: 0 } }), 'E_MODEL', /eps/);
    expectSegmentkitError(() => DBSCANModel.fromJSON({ ...json, nClusters: 3 }), 'E_MODEL', /every cluster/);
  });

  it('prints a one-line summary in the REPL', () => {
    const inspect = (model as unknown as Record<symbol, () => string>)[Symbol.for('nodejs.util.inspect.custom')]!;
    expect(inspect.call(model)).toBe(
      'DBSCANModel { nClusters: 2, noise: 1, coreSamples: 7, rows: 8, eps: 0.8, minSamples: 3, metric: euclidean, index: grid, sizes: [4, 3] }',
    );
  });
});

describe('suggestEps', () => {
  it('returns the sorted k-distance curve (the row itself counted) and its knee', () => {
    const X = [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [0.5, 0.5],
      [10, 10],
      [20, 0],
    ];
    const result = suggestEps(X, { minSamples: 3 });
    expect(result.minSamples).toBe(3);
    expect(result.distances[0]).toBeCloseTo(Math.SQRT1_2, 15);
    expect(Array.from(result.distances.subarray(1, 5))).toEqual([1, 1, 1, 1]);
    expect(result.distances[6]).toBe(19);
    expect(result.kneeIndex).toBe(4);
    expect(result.eps).toBe(1);
    // with that eps every row up to the knee is a core sample, the rest are not
    expect(new DBSCAN({ eps: result.eps, minSamples: 3 }).fit(X).coreSampleIndices.length).toBe(5);
  });

  it('a knee at distance 0 falls back to the smallest positive k-distance; all zeros is E_DOMAIN', () => {
    expectSegmentkitError(() => suggestEps([[0], [1], [2]], { minSamples: 1 }), 'E_DOMAIN', /minSamples = 1 every k-distance is 0/);
    expectSegmentkitError(() => suggestEps([[0], [0], [3], [3]], { minSamples: 2 }), 'E_DOMAIN', /at least 1 exact duplicates/);
    const result = suggestEps([[0], [0], [0], [0], [0], [0], [1], [5]], { minSamples: 2 });
    expect(result.kneeIndex).toBe(5); // the last of the six zeros
    expect(result.eps).toBe(1);
  });

  it('rejects bad options with E_PARAM', () => {
    expectSegmentkitError(() => suggestEps([[0], [1]], { minSamples: 3 }), 'E_PARAM', /minSamples = 3 but X has only 2 rows/);
    expectSegmentkitError(() => suggestEps([[0], [1]], { minSamples: 0 }), 'E_PARAM', /minSamples/);
    expectSegmentkitError(() => suggestEps([[0], [1]], { k: 2 } as never), 'E_PARAM', /unknown option 'k'/);
  });

  it('k-distances equal brute force on random data for every metric', () => {
    fc.assert(
      fc.property(
        latticeRows(3, 40),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom<DensityMetric>('euclidean', 'manhattan'),
        (X, k, metric) => {
          fc.pre(X.length >= k);
          const brute = X.map(
            (a) =>
              X.map((b) => a.reduce((s, v, t) => s + (metric === 'euclidean' ? (v - b[t]!) ** 2 : Math.abs(v - b[t]!)), 0)).sort(
                (p, q) => p - q,
              )[k - 1]!,
          )
            .map((v) => (metric === 'euclidean' ? Math.sqrt(v) : v))
            .sort((p, q) => p - q);
          let result: ReturnType<typeof suggestEps> | undefined;
          try {
            result = suggestEps(X, { minSamples: k, metric });
          } catch {
            expect(brute.every((v) => v === 0)).toBe(true);
            return;
          }
          expect(Array.from(result.distances)).toEqual(brute);
        },
      ),
      { numRuns: 100 },
    );
  });
});
