import { makeBlobs, trustworthiness, UMAP, UMAPModel, type Matrix, type UMAPProgress } from 'segmentkit';
import { describe, expect, it } from 'vitest';

import { expectSegmentkitError } from '../../helpers/expectError';

/** Two groups of four, and a ninth row between the second group's rows. */
const X = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
  [10, 10],
  [10, 11],
  [11, 10],
  [11, 11],
  [10.5, 10.5],
];

function rowsOf(m: Matrix, count = m.rows): number[][] {
  return Array.from({ length: count }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
}

function sameBits(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

/** Mean position of the rows with each label. */
function centroids(m: Matrix, labels: Int32Array, k: number): number[][] {
  const sums = Array.from({ length: k }, () => new Array<number>(m.cols + 1).fill(0));
  for (let i = 0; i < m.rows; i++) {
    const s = sums[labels[i]!]!;
    for (let c = 0; c < m.cols; c++) s[c] = s[c]! + m.data[i * m.cols + c]!;
    s[m.cols] = s[m.cols]! + 1;
  }
  return sums.map((s) => s.slice(0, m.cols).map((v) => v / s[m.cols]!));
}

describe('UMAP parameters', () => {
  it('has umap-learn defaults, filled in on the model', () => {
    const model = new UMAP({ nNeighbors: 3 }).fit(X);
    expect(model.params).toEqual({
      nNeighbors: 3,
      minDist: 0.1,
      spread: 1,
      nComponents: 2,
      metric: 'euclidean',
      nEpochs: null,
      learningRate: 1,
      negativeSampleRate: 5,
      repulsionStrength: 1,
      localConnectivity: 1,
      setOpMixRatio: 1,
      init: 'spectral',
      seed: 42,
    });
    expect(model.nEpochs).toBe(500);
    expect(model.a).toBeCloseTo(1.5769, 4);
    expect(model.b).toBeCloseTo(0.8951, 4);
    expect(new UMAP().params).toEqual({});
  });

  it.each([
    [{ nNeighbors: 1 }, /nNeighbors must be an integer/],
    [{ nNeighbors: 2.5 }, /nNeighbors/],
    [{ minDist: -0.1 }, /minDist/],
    [{ minDist: 2 }, /minDist \(2\) must be at most spread \(1\)/],
    [{ minDist: 0.5, spread: 0.25 }, /at most spread/],
    [{ spread: 0 }, /spread/],
    [{ nComponents: 0 }, /nComponents/],
    [{ nComponents: 101 }, /nComponents/],
    [{ metric: 'chebyshev' }, /metric/],
    [{ nEpochs: 0 }, /nEpochs must be null/],
    [{ nEpochs: 1e15 }, /nEpochs/],
    [{ learningRate: 0 }, /learningRate/],
    [{ negativeSampleRate: -1 }, /negativeSampleRate/],
    [{ repulsionStrength: Number.NaN }, /repulsionStrength/],
    [{ localConnectivity: -1 }, /localConnectivity/],
    [{ setOpMixRatio: 1.5 }, /setOpMixRatio/],
    [{ init: 'pca' }, /init/],
    [{ seed: {} }, /seed/],
    [{ nNeighbours: 5 }, /nNeighbors/],
  ])('refuses %o with E_PARAM', (params, message) => {
    expectSegmentkitError(() => new UMAP(params as never), 'E_PARAM', message);
  });

  it('refuses nNeighbors not below the number of rows, saying how to fix it', () => {
    expectSegmentkitError(
      () => new UMAP({ nNeighbors: 9 }).fit(X),
      'E_PARAM',
      /nNeighbors \(9\) must be below the number of rows \(9\).*lower nNeighbors/,
    );
    expectSegmentkitError(() => new UMAP().fit(X), 'E_PARAM', /UMAP\.fit: nNeighbors \(15\)/);
  });

  it('refuses bad input with the shared codes', () => {
    expectSegmentkitError(() => new UMAP({ nNeighbors: 2 }).fit([]), 'E_EMPTY');
    expectSegmentkitError(() => new UMAP({ nNeighbors: 2 }).fit([[1], [2, 3], [4]]), 'E_SHAPE');
    expectSegmentkitError(() => new UMAP({ nNeighbors: 2 }).fit([[1], [Number.NaN], [4]]), 'E_NOT_FINITE');
    expectSegmentkitError(() => new UMAP({ nNeighbors: 2 }).fit(X, { verbose: true } as never), 'E_PARAM', /verbose/);
  });
});

describe('UMAP.fit', () => {
  it('works on tiny data (3 rows, one column, duplicates, constant columns)', () => {
    for (const data of [
      [[0], [1], [5]],
      [
        [1, 1],
        [1, 1],
        [1, 1],
      ],
      [
        [0, 0],
        [0, 0],
        [3, 3],
        [3, 3],
      ],
    ]) {
      const model = new UMAP({ nNeighbors: 2 }).fit(data);
      expect(model.embedding.rows).toBe(data.length);
      expect(model.embedding.data.every(Number.isFinite)).toBe(true);
    }
  });

  it('works in 1 and 3 dimensions and with every metric and init', () => {
    for (const params of [
      { nComponents: 1 },
      { nComponents: 3 },
      { metric: 'manhattan' as const },
      { metric: 'cosine' as const },
      { init: 'random' as const },
      { setOpMixRatio: 0, localConnectivity: 0 },
    ]) {
      const model = new UMAP({ nNeighbors: 3, nEpochs: 60, ...params }).fit(X);
      expect(model.embedding.cols).toBe(params.nComponents ?? 2);
      expect(model.embedding.data.every(Number.isFinite)).toBe(true);
    }
  });

  it('treats a row of zeros under the cosine distance as umap-learn does (no NaN)', () => {
    const model = new UMAP({ nNeighbors: 2, metric: 'cosine', nEpochs: 30 }).fit([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [0, 0],
    ]);
    expect(model.embedding.data.every(Number.isFinite)).toBe(true);
  });

  it('is deterministic for a seed: the same bits; another seed differs', () => {
    const { X: B } = makeBlobs({ nSamples: 300, nFeatures: 5, centers: 3, seed: 4 });
    const a = new UMAP({ nNeighbors: 8, nEpochs: 80, seed: 7 }).fit(B).embedding.data;
    const b = new UMAP({ nNeighbors: 8, nEpochs: 80, seed: 7 }).fit(B).embedding.data;
    const c = new UMAP({ nNeighbors: 8, nEpochs: 80, seed: 8 }).fit(B).embedding.data;
    expect(sameBits(a, b)).toBe(true);
    expect(sameBits(a, c)).toBe(false);
    // the default seed is fixed, so default fits agree too
    const d = new UMAP({ nNeighbors: 8, nEpochs: 20 }).fit(B).embedding.data;
    expect(sameBits(d, new UMAP({ nNeighbors: 8, nEpochs: 20 }).fit(B).embedding.data)).toBe(true);
  });

  it('is deterministic with nearest-neighbour descent (above 4096 rows) too', () => {
    const { X: B } = makeBlobs({ nSamples: 4200, nFeatures: 4, centers: 4, seed: 5 });
    const fit = () => new UMAP({ nNeighbors: 5, nEpochs: 5, seed: 3 }).fit(B);
    const a = fit();
    expect(a.stats.neighbors).toBe('nnDescent');
    expect(sameBits(a.embedding.data, fit().embedding.data)).toBe(true);
  });

  it('does not modify its input, and freezes its model', () => {
    const data = X.map((row) => [...row]);
    const model = new UMAP({ nNeighbors: 3, nEpochs: 20 }).fit(data);
    expect(data).toEqual(X);
    expect(Object.isFrozen(model)).toBe(true);
    expect(Object.isFrozen(model.params)).toBe(true);
    expect(Object.isFrozen(model.embedding)).toBe(true);
  });

  it('is unchanged by a power-of-two rescaling of extreme data', () => {
    const small = new UMAP({ nNeighbors: 3, nEpochs: 40 }).fit(X).embedding.data;
    const huge = new UMAP({ nNeighbors: 3, nEpochs: 40 }).fit(X.map((r) => r.map((v) => v * 2 ** 900))).embedding.data;
    expect(sameBits(small, huge)).toBe(true);
  });

  it('reports progress through every phase, the layout per epoch', () => {
    const events: UMAPProgress[] = [];
    new UMAP({ nNeighbors: 3, nEpochs: 12 }).fit(X, { onProgress: (e) => events.push(e) });
    expect([...new Set(events.map((e) => e.phase))]).toEqual(['neighbors', 'graph', 'init', 'layout']);
    const layout = events.filter((e) => e.phase === 'layout');
    expect(layout.map((e) => e.done)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(layout.every((e) => e.total === 12)).toBe(true);
  });

  it('stops with E_ABORTED when the signal fires, before or during the fit', () => {
    expectSegmentkitError(() => new UMAP({ nNeighbors: 3 }).fit(X, { signal: AbortSignal.abort() }), 'E_ABORTED');
    const controller = new AbortController();
    expectSegmentkitError(
      () =>
        new UMAP({ nNeighbors: 3, nEpochs: 100 }).fit(X, {
          signal: controller.signal,
          onProgress: (e) => {
            if (e.phase === 'layout' && e.done === 10) controller.abort();
          },
        }),
      'E_ABORTED',
    );
  });

  it('lays out a graph of many connected components, each group kept together', () => {
    // six tight groups of five rows in two columns: the 3-nearest-neighbour graph has six components
    const rows: number[][] = [];
    for (let g = 0; g < 6; g++) for (let r = 0; r < 5; r++) rows.push([40 * g + 0.1 * r, (g % 2) * 30 + 0.05 * r * r]);
    const model = new UMAP({ nNeighbors: 3 }).fit(rows);
    expect(model.stats.nGraphComponents).toBe(6);
    const labels = Int32Array.from(rows, (_, i) => Math.floor(i / 5));
    const centre = centroids(model.embedding, labels, 6);
    for (let i = 0; i < rows.length; i++) {
      const p = [model.embedding.data[2 * i]!, model.embedding.data[2 * i + 1]!];
      const gaps = centre.map((c) => Math.hypot(p[0]! - c[0]!, p[1]! - c[1]!));
      expect(gaps.indexOf(Math.min(...gaps))).toBe(labels[i]);
    }
  });

  it('keeps the blobs apart: high trustworthiness, each blob nearer its own centre', () => {
    const { X: B, labels } = makeBlobs({ nSamples: 600, nFeatures: 10, centers: 4, clusterStd: 1, seed: 11 });
    const model = new UMAP({ nNeighbors: 10 }).fit(B);
    expect(trustworthiness(B, model.embedding, { nNeighbors: 5 })).toBeGreaterThan(0.9);
    const centre = centroids(model.embedding, labels, 4);
    let own = 0;
    for (let i = 0; i < B.rows; i++) {
      const p = [model.embedding.data[2 * i]!, model.embedding.data[2 * i + 1]!];
      const gaps = centre.map((c) => Math.hypot(p[0]! - c[0]!, p[1]! - c[1]!));
      if (gaps.indexOf(Math.min(...gaps)) === labels[i]) own++;
    }
    expect(own / B.rows).toBeGreaterThan(0.99);
  });
});

describe('UMAPModel.transform', () => {
  it('places the training rows near their own embedding', () => {
    const { X: B, labels } = makeBlobs({ nSamples: 400, nFeatures: 6, centers: 4, clusterStd: 1, seed: 2 });
    const model = new UMAP({ nNeighbors: 10 }).fit(B);
    const placed = model.transform(B);
    expect([placed.rows, placed.cols]).toEqual([400, 2]);
    // the nearest training position of each placed row belongs to its own blob
    let same = 0;
    const e = model.embedding.data;
    for (let i = 0; i < B.rows; i++) {
      let best = -1;
      let bestGap = Number.POSITIVE_INFINITY;
      for (let j = 0; j < B.rows; j++) {
        const gap = (placed.data[2 * i]! - e[2 * j]!) ** 2 + (placed.data[2 * i + 1]! - e[2 * j + 1]!) ** 2;
        if (gap < bestGap) {
          bestGap = gap;
          best = j;
        }
      }
      if (labels[best] === labels[i]) same++;
    }
    expect(same / B.rows).toBeGreaterThan(0.98);
    // and they are near: the median distance to the own position is small against the embedding's extent
    const spread = Math.max(...e) - Math.min(...e);
    const gaps = Array.from({ length: B.rows }, (_, i) =>
      Math.hypot(placed.data[2 * i]! - e[2 * i]!, placed.data[2 * i + 1]! - e[2 * i + 1]!),
    );
    gaps.sort((a, b) => a - b);
    expect(gaps[200]!).toBeLessThan(0.1 * spread);
  });

  it('is deterministic, and does not change the model', () => {
    const model = new UMAP({ nNeighbors: 3, nEpochs: 30 }).fit(X);
    const before = Float64Array.from(model.embedding.data);
    const a = model.transform([
      [0.5, 0.5],
      [10, 10.5],
    ]);
    const b = model.transform([
      [0.5, 0.5],
      [10, 10.5],
    ]);
    expect(sameBits(a.data, b.data)).toBe(true);
    expect(sameBits(model.embedding.data, before)).toBe(true);
  });

  it('checks its rows', () => {
    const model = new UMAP({ nNeighbors: 3, nEpochs: 10 }).fit(X);
    expectSegmentkitError(() => model.transform([[1, 2, 3]]), 'E_SHAPE', /3 columns but the model was fitted on 2/);
    expectSegmentkitError(() => model.transform([[1, Number.POSITIVE_INFINITY]]), 'E_NOT_FINITE');
    expectSegmentkitError(() => model.transform([[1e308, -1e308]]), 'E_DOMAIN');
  });
});

describe('UMAPModel JSON', () => {
  const model = new UMAP({ nNeighbors: 3, nEpochs: 40, metric: 'manhattan', seed: 'abc' }).fit(X);

  it('round-trips, transform included', () => {
    const copy = UMAPModel.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(copy.toJSON()).toEqual(model.toJSON());
    expect(sameBits(copy.embedding.data, model.embedding.data)).toBe(true);
    expect(sameBits(copy.transform([[3, 3]]).data, model.transform([[3, 3]]).data)).toBe(true);
    expect(copy.params).toEqual(model.params);
    expect(copy.stats).toEqual(model.stats);
  });

  const json = () => JSON.parse(JSON.stringify(model)) as Record<string, any>;
  it.each([
    ['kind', (j: any) => (j.kind = 'PCAModel'), /expected kind 'UMAPModel'/],
    ['version', (j: any) => (j.version = 2), /unsupported version/],
    ['params', (j: any) => delete j.params, /params must be an object/],
    ['params.nNeighbors', (j: any) => (j.params.nNeighbors = 1), /params\.nNeighbors/],
    ['params.nNeighbors too large', (j: any) => (j.params.nNeighbors = 9), /must be below the number of training rows/],
    ['params.minDist', (j: any) => (j.params.minDist = 3), /minDist \(3\) must be at most params\.spread/],
    ['params.spread', (j: any) => (j.params.spread = 'wide'), /params\.spread/],
    ['params.nComponents', (j: any) => (j.params.nComponents = 3), /embedding\[0\] must be a row of 3 numbers/],
    ['params.metric', (j: any) => (j.params.metric = 'hamming'), /params\.metric/],
    ['params.nEpochs', (j: any) => (j.params.nEpochs = 41), /nEpochs must be 41/],
    ['params.learningRate', (j: any) => (j.params.learningRate = -1), /params\.learningRate/],
    ['params.negativeSampleRate', (j: any) => (j.params.negativeSampleRate = 0.5), /params\.negativeSampleRate/],
    ['params.repulsionStrength', (j: any) => delete j.params.repulsionStrength, /params\.repulsionStrength/],
    ['params.localConnectivity', (j: any) => (j.params.localConnectivity = null), /params\.localConnectivity/],
    ['params.setOpMixRatio', (j: any) => (j.params.setOpMixRatio = 2), /params\.setOpMixRatio/],
    ['params.init', (j: any) => (j.params.init = 'pca'), /params\.init/],
    ['params.seed', (j: any) => (j.params.seed = null), /params\.seed/],
    ['nFeatures', (j: any) => (j.nFeatures = 3), /data\[0\] must be a row of 3 numbers/],
    ['nEpochs', (j: any) => (j.nEpochs = 500), /nEpochs must be 40/],
    ['a', (j: any) => (j.a = 1.5), /a must be/],
    ['b', (j: any) => (j.b = 'x'), /b must be a finite number/],
    ['data', (j: any) => (j.data[2][1] = Number.NaN), /data\[2\]\[1\] must be a finite number/],
    ['data rows', (j: any) => j.data.pop(), /embedding must have 8 rows/],
    ['embedding', (j: any) => (j.embedding[0] = [1]), /embedding\[0\] must be a row of 2 numbers/],
    ['stats', (j: any) => delete j.stats, /stats must be an object/],
    ['stats.neighbors', (j: any) => (j.stats.neighbors = 'nnDescent'), /stats\.neighbors must be 'exact'/],
    ['stats.nEdges', (j: any) => (j.stats.nEdges = -1), /stats\.nEdges/],
    ['stats.nGraphComponents', (j: any) => (j.stats.nGraphComponents = 10), /stats\.nGraphComponents/],
  ])('refuses a changed %s with E_MODEL', (_field, mutate, message) => {
    const j = json();
    mutate(j);
    expectSegmentkitError(() => UMAPModel.fromJSON(j), 'E_MODEL', message);
  });

  it('prints a summary in the REPL and a table in notebooks', () => {
    const inspect = (model as any)[Symbol.for('nodejs.util.inspect.custom')]();
    expect(inspect).toMatch(/^UMAPModel \{ rows: 9, nFeatures: 2, nComponents: 2, nNeighbors: 3, .*metric: manhattan, nEpochs: 40/);
    const bundle = (model as any)[Symbol.for('Jupyter.display')]();
    expect(bundle['text/html']).toContain('<th>component</th>');
    expect(bundle['text/plain']).toMatch(/^UMAPModel \{/);
  });
});

describe('UMAP embeddings of real structure', () => {
  it('keep neighbourhoods better than chance on a 3-D rotated grid', () => {
    const rows: number[][] = [];
    for (let i = 0; i < 12; i++) for (let j = 0; j < 12; j++) rows.push([i, j, 0.3 * i + 0.1 * j]);
    const model = new UMAP({ nNeighbors: 8 }).fit(rows);
    expect(trustworthiness(rows, rowsOf(model.embedding), { nNeighbors: 5 })).toBeGreaterThan(0.9);
  });
});
