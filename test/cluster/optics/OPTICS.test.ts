import fc from 'fast-check';
import { OPTICS, OPTICSModel, type OPTICSProgress } from 'segmentkit';
import { describe, expect, it } from 'vitest';

import { expectSegmentkitError } from '../../helpers/expectError';

/** numpy's np.around(x, 15). */
function round15(x: number): number {
  if (!Number.isFinite(x)) return x;
  const y = x * 1e15;
  if (Math.abs(y) >= 2 ** 52) return y / 1e15;
  const f = Math.floor(y);
  const r = y - f < 0.5 ? f : y - f > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
  return r / 1e15;
}

/** scikit-learn's compute_optics_graph written out on all pairs (O(n²)), with np.argmin's tie rule. */
function naiveGraph(X: number[][], minSamples: number, maxEps: number, metric: 'euclidean' | 'manhattan' = 'euclidean') {
  const n = X.length;
  // the sum in column order: Σ d² (compared with maxEps², as scikit-learn's k-d tree does) or Σ |d|
  const sum = (a: number[], b: number[]) => {
    let s = 0;
    for (let t = 0; t < a.length; t++) s += metric === 'euclidean' ? (a[t]! - b[t]!) ** 2 : Math.abs(a[t]! - b[t]!);
    return s;
  };
  const dist = (a: number[], b: number[]) => (metric === 'euclidean' ? Math.sqrt(sum(a, b)) : sum(a, b));
  const within = (a: number[], b: number[]) => sum(a, b) <= (metric === 'euclidean' ? maxEps * maxEps : maxEps);
  const core = X.map((x) => {
    const d = X.map((y) => dist(x, y)).sort((a, b) => a - b)[minSamples - 1]!;
    return round15(d > maxEps ? Infinity : d);
  });
  const reach = new Array<number>(n).fill(Infinity);
  const pred = new Array<number>(n).fill(-1);
  const done = new Array<boolean>(n).fill(false);
  const ordering: number[] = [];
  for (let k = 0; k < n; k++) {
    let p = -1;
    for (let i = 0; i < n; i++) if (!done[i] && (p === -1 || reach[i]! < reach[p]!)) p = i;
    done[p] = true;
    ordering.push(p);
    if (core[p] === Infinity) continue;
    for (let i = 0; i < n; i++) {
      if (done[i]) continue;
      if (!within(X[p]!, X[i]!)) continue;
      const d = dist(X[p]!, X[i]!);
      const r = round15(Math.max(d, core[p]!));
      if (r < reach[i]!) {
        reach[i] = r;
        pred[i] = p;
      }
    }
  }
  return { ordering, reach, core, pred };
}

describe('OPTICS', () => {
  it('orders a small example, with Infinity starting each sweep', () => {
    const X = [
      [0, 0],
      [0, 1],
      [1, 0],
      [10, 10],
      [10, 11],
      [11, 10],
    ];
    const model = new OPTICS({ minSamples: 2 }).fit(X);
    expect(Array.from(model.ordering)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(model.coreDistances)).toEqual([1, 1, 1, 1, 1, 1]);
    // row 3 is as far from row 1 as from row 2: the first processed (row 1) keeps it
    expect(Array.from(model.predecessor)).toEqual([-1, 0, 0, 1, 3, 3]);
    expect(Array.from(model.ordering, (i) => model.reachability[i])).toEqual([Infinity, 1, 1, 13.45362404707371, 1, 1]);
    expect(Array.from(model.labels)).toEqual([0, 0, 0, 1, 1, 1]);
    const bounded = new OPTICS({ minSamples: 2, maxEps: 2 }).fit(X);
    expect(Array.from(bounded.reachability)).toEqual([Infinity, 1, 1, Infinity, 1, 1]);
    expect(Array.from(bounded.predecessor)).toEqual([-1, 0, 0, -1, 3, 3]);
  });

  it('equals the all-pairs definition on grids full of exact ties (np.argmin order)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { minLength: 6, maxLength: 60 }),
        fc.integer({ min: 2, max: 6 }),
        fc.constantFrom(Infinity, 1, 2.5),
        fc.constantFrom('euclidean' as const, 'manhattan' as const),
        (points, minSamples, maxEps, metric) => {
          fc.pre(minSamples <= points.length);
          const X = points.map(([a, b]) => [a, b]);
          const model = new OPTICS({ minSamples, maxEps, metric }).fit(X);
          const naive = naiveGraph(X, minSamples, maxEps, metric);
          expect(Array.from(model.ordering)).toEqual(naive.ordering);
          expect(Array.from(model.reachability)).toEqual(naive.reach);
          expect(Array.from(model.coreDistances)).toEqual(naive.core);
          expect(Array.from(model.predecessor)).toEqual(naive.pred);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('equals the all-pairs definition on 1 500 random rows in 3-D', () => {
    let s = 7;
    const rand = () => {
      s = (s * 16807) % 2147483647;
      return s / 2147483647;
    };
    const X = Array.from({ length: 1500 }, (_, i) => [rand() + (i % 3) * 2, rand(), rand() * 0.5]);
    const model = new OPTICS({ minSamples: 7, maxEps: 0.3 }).fit(X);
    const naive = naiveGraph(X, 7, 0.3);
    expect(Array.from(model.ordering)).toEqual(naive.ordering);
    expect(Array.from(model.reachability)).toEqual(naive.reach);
    expect(Array.from(model.predecessor)).toEqual(naive.pred);
  });

  it('resolves fractions as scikit-learn: max(2, ⌊f × n⌋)', () => {
    const X = Array.from({ length: 40 }, (_, i) => [i * i * 0.01, (i % 5) * 0.3]);
    const fraction = new OPTICS({ minSamples: 0.1, minClusterSize: 0.2 }).fit(X);
    const count = new OPTICS({ minSamples: 4, minClusterSize: 8 }).fit(X);
    expect(Array.from(fraction.coreDistances)).toEqual(Array.from(count.coreDistances));
    expect(Array.from(fraction.labels)).toEqual(Array.from(count.labels));
    expect(Array.from(new OPTICS({ minSamples: 0.01 }).fit(X).coreDistances)).toEqual(
      Array.from(new OPTICS({ minSamples: 2 }).fit(X).coreDistances),
    );
  });

  it("clusterMethod 'dbscan' equals extractDbscan at eps (maxEps when eps is not given)", () => {
    const X = Array.from({ length: 30 }, (_, i) => [(i % 10) * 0.3 + Math.floor(i / 10) * 5, (i % 3) * 0.2]);
    const xi = new OPTICS({ minSamples: 3, maxEps: 2 }).fit(X);
    const cut = new OPTICS({ minSamples: 3, maxEps: 2, clusterMethod: 'dbscan', eps: 0.5 }).fit(X);
    expect(Array.from(cut.labels)).toEqual(Array.from(xi.extractDbscan(0.5)));
    expect(cut.nClusters).toBe(3);
    const atMax = new OPTICS({ minSamples: 3, maxEps: 2, clusterMethod: 'dbscan' }).fit(X);
    expect(Array.from(atMax.labels)).toEqual(Array.from(xi.extractDbscan(2)));
  });

  it('refuses bad parameters, naming the option and the fix', () => {
    expectSegmentkitError(() => new OPTICS({ minSamples: 1 }), 'E_PARAM', /minSamples must be an integer ≥ 2 or a fraction/);
    expectSegmentkitError(() => new OPTICS({ minSamples: 2.5 }), 'E_PARAM', /minSamples/);
    expectSegmentkitError(() => new OPTICS({ minClusterSize: 0 }), 'E_PARAM', /minClusterSize/);
    expectSegmentkitError(() => new OPTICS({ maxEps: -1 }), 'E_PARAM', /maxEps must be a number ≥ 0/);
    expectSegmentkitError(() => new OPTICS({ maxEps: Number.NaN }), 'E_PARAM', /maxEps/);
    expectSegmentkitError(() => new OPTICS({ xi: 1 }), 'E_PARAM', /xi must be a number in \[0, 1\)/);
    expectSegmentkitError(() => new OPTICS({ eps: 3, maxEps: 2 }), 'E_PARAM', /eps \(3\) must be at most maxEps \(2\)/);
    expectSegmentkitError(() => new OPTICS({ eps: Infinity }), 'E_PARAM', /eps/);
    expectSegmentkitError(() => new OPTICS({ metric: 'cosine' as 'euclidean' }), 'E_PARAM', /metric/);
    expectSegmentkitError(() => new OPTICS({ clusterMethod: 'hdbscan' as 'xi' }), 'E_PARAM', /clusterMethod/);
    expectSegmentkitError(() => new OPTICS({ predecessorCorrection: 1 as unknown as boolean }), 'E_PARAM', /predecessorCorrection/);
    expectSegmentkitError(() => new OPTICS({ minSample: 3 } as object), 'E_PARAM', /minSample/);
  });

  it('refuses bad data: empty, non-finite, fewer rows than minSamples or minClusterSize', () => {
    expectSegmentkitError(() => new OPTICS().fit([]), 'E_EMPTY');
    expectSegmentkitError(() => new OPTICS({ minSamples: 2 }).fit([[0], [Number.NaN]]), 'E_NOT_FINITE', /X\[1\]/);
    expectSegmentkitError(() => new OPTICS().fit([[0], [1], [2]]), 'E_PARAM', /minSamples \(5\) must be at most the number of rows \(3\)/);
    expectSegmentkitError(() => new OPTICS({ minSamples: 2 }).fit([[0]]), 'E_PARAM', /minSamples \(2\)/);
    expectSegmentkitError(() => new OPTICS({ minSamples: 2, minClusterSize: 4 }).fit([[0], [1], [2]]), 'E_PARAM', /minClusterSize \(4\)/);
    expectSegmentkitError(() => new OPTICS({ minSamples: 2 }).fit([[0], [1]], { onProgres: () => {} } as object), 'E_PARAM', /onProgres/);
    expectSegmentkitError(() => new OPTICS({ minSamples: 2 }).fit([[0], [1]]).extractDbscan(-1), 'E_PARAM', /eps/);
  });

  it('reports progress by phase and stops with E_ABORTED when the signal fires mid-fit', () => {
    const X = Array.from({ length: 10_000 }, (_, i) => [i % 100, Math.floor(i / 100)]);
    const events: OPTICSProgress[] = [];
    new OPTICS({ minSamples: 5, maxEps: 1.5 }).fit(X, { onProgress: (e) => events.push(e) });
    expect(events[0]).toEqual({ phase: 'index', done: 10_000, total: 10_000 });
    expect(events.filter((e) => e.phase === 'core').length).toBeGreaterThan(1);
    expect(events.filter((e) => e.phase === 'order').length).toBeGreaterThan(1);
    expect(events.at(-1)).toEqual({ phase: 'order', done: 10_000, total: 10_000 });
    const controller = new AbortController();
    expectSegmentkitError(
      () => new OPTICS({ maxEps: 1.5 }).fit(X, { signal: controller.signal, onProgress: (e) => e.phase === 'order' && controller.abort() }),
      'E_ABORTED',
    );
  });

  it('never mutates the caller rows, and the model is frozen', () => {
    const X = [
      [3, 4],
      [6, 8.1],
      [0.5, 9],
      [1, 1],
    ];
    const copy = X.map((r) => [...r]);
    const model = new OPTICS({ minSamples: 2 }).fit(X);
    expect(X).toEqual(copy);
    expect(Object.isFrozen(model)).toBe(true);
    expect(Object.isFrozen(model.params)).toBe(true);
  });
});

describe('OPTICSModel', () => {
  const X = [
    [0, 0],
    [0, 0.4],
    [0.3, 0],
    [0.2, 0.3],
    [5, 5],
    [5, 5.5],
    [5.4, 5],
    [5.2, 5.3],
    [20, 0],
  ];
  const model = new OPTICS({ minSamples: 3 }).fit(X);

  it('round-trips through JSON (Infinity as null) to the same model', () => {
    const json = JSON.parse(JSON.stringify(model));
    expect(json.params.maxEps).toBeNull();
    expect(json.reachability[0]).toBeNull();
    const back = OPTICSModel.fromJSON(json);
    for (const key of ['ordering', 'reachability', 'coreDistances', 'predecessor', 'labels'] as const) {
      expect(Array.from(back[key])).toEqual(Array.from(model[key]));
    }
    expect(back.params).toEqual(model.params);
    expect(back.nFeatures).toBe(2);
    const bounded = new OPTICS({ minSamples: 3, maxEps: 1, clusterMethod: 'dbscan', eps: 0.6 }).fit(X);
    const again = OPTICSModel.fromJSON(JSON.parse(JSON.stringify(bounded)));
    expect(Array.from(again.coreDistances)).toEqual(Array.from(bounded.coreDistances));
    expect(again.params).toEqual(bounded.params);
  });

  it('validates every field of the JSON (E_MODEL naming the field)', () => {
    const json = model.toJSON();
    expectSegmentkitError(() => OPTICSModel.fromJSON(null), 'E_MODEL');
    expectSegmentkitError(() => OPTICSModel.fromJSON({ ...json, kind: 'DBSCANModel' }), 'E_MODEL', /kind/);
    expectSegmentkitError(() => OPTICSModel.fromJSON({ ...json, version: 2 }), 'E_MODEL', /version/);
    expectSegmentkitError(() => OPTICSModel.fromJSON({ ...json, nFeatures: 0 }), 'E_MODEL', /nFeatures/);
    expectSegmentkitError(() => OPTICSModel.fromJSON({ ...json, params: { ...json.params, xi: 2 } }), 'E_MODEL', /params\.xi/);
    expectSegmentkitError(() => OPTICSModel.fromJSON({ ...json, params: { ...json.params, maxEps: -1 } }), 'E_MODEL', /params\.maxEps/);
    expectSegmentkitError(() => OPTICSModel.fromJSON({ ...json, params: { ...json.params, eps: undefined } }), 'E_MODEL', /params\.eps/);
    expectSegmentkitError(() => OPTICSModel.fromJSON({ ...json, ordering: [] }), 'E_MODEL', /ordering/);
    expectSegmentkitError(() => OPTICSModel.fromJSON({ ...json, ordering: [0, 0, 2, 3, 4, 5, 6, 7, 8] }), 'E_MODEL', /permutation/);
    expectSegmentkitError(() => OPTICSModel.fromJSON({ ...json, ordering: json.ordering.slice(1) }), 'E_MODEL');
    expectSegmentkitError(() => OPTICSModel.fromJSON({ ...json, reachability: json.reachability.slice(1) }), 'E_MODEL', /reachability/);
    expectSegmentkitError(
      () => OPTICSModel.fromJSON({ ...json, reachability: json.reachability.map((v, i) => (i === 3 ? -1 : v)) }),
      'E_MODEL',
      /reachability\[3\]/,
    );
    expectSegmentkitError(
      () => OPTICSModel.fromJSON({ ...json, coreDistances: json.coreDistances.map((v, i) => (i === 2 ? 'x' : v)) }),
      'E_MODEL',
      /coreDistances\[2\]/,
    );
    expectSegmentkitError(
      () => OPTICSModel.fromJSON({ ...json, predecessor: json.predecessor.map((v, i) => (i === 1 ? -1 : v)) }),
      'E_MODEL',
      /predecessor\[1\] must be -1 exactly when/,
    );
    expectSegmentkitError(
      () => OPTICSModel.fromJSON({ ...json, predecessor: json.predecessor.map((v, i) => (i === 1 ? 8 : v)) }),
      'E_MODEL',
      /predecessor\[1\] \(8\) must come before/,
    );
    expectSegmentkitError(
      () => OPTICSModel.fromJSON({ ...json, labels: json.labels.map((v, i) => (i === 0 ? 1 - v : v)) }),
      'E_MODEL',
      /labels\[0\]/,
    );
    expectSegmentkitError(() => OPTICSModel.fromJSON({ ...json, labels: json.labels.slice(1) }), 'E_MODEL', /labels/);
  });

  it('counts clusters and noise, and prints a one-line summary in the REPL', () => {
    // as scikit-learn: the xi cluster ending at the plot's last steep rise takes the far row 8 with it
    expect(Array.from(model.ordering)).toEqual([0, 2, 3, 1, 4, 6, 7, 5, 8]);
    expect(Array.from(model.labels)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect([model.nClusters, model.nNoise, model.clusterSizes]).toEqual([2, 0, [4, 5]]);
    expect(Array.from(model.extractDbscan(1))).toEqual([0, 0, 0, 0, 1, 1, 1, 1, -1]);
    const inspect = (model as unknown as Record<symbol, () => string>)[Symbol.for('nodejs.util.inspect.custom')]!;
    expect(inspect.call(model)).toBe(
      'OPTICSModel { nClusters: 2, noise: 0, rows: 9, minSamples: 3, maxEps: ∞, metric: euclidean, clusterMethod: xi, xi: 0.05, sizes: [4, 5] }',
    );
  });
});

describe('OPTICS on extreme values', () => {
  it('refuses rows so far apart that a distance would overflow (E_DOMAIN), keeps huge but safe ones', () => {
    expectSegmentkitError(() => new OPTICS({ minSamples: 2 }).fit([[1e200], [-1e200], [0]]), 'E_DOMAIN', /column 0.*rescale/);
    expectSegmentkitError(() => new OPTICS({ minSamples: 2, metric: 'manhattan' }).fit([[1e308], [-1e308]]), 'E_DOMAIN', /overflow/);
    const model = new OPTICS({ minSamples: 2 }).fit([[1e150], [2e150], [0]]);
    expect(Array.from(model.coreDistances)).toEqual([1e150, 1e150, 1e150]);
  });
});
