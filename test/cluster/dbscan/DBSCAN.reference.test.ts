import { describe, expect, it } from 'vitest';
import { DBSCAN, type DensityMetric, suggestEps } from 'segmentkit';

import { expectSegmentkitError } from '../../helpers/expectError';

import { loadReference, relativeError } from '../../helpers/reference';

interface DBSCANCase {
  name: string;
  note: string;
  X: number[][];
  eps: number;
  minSamples: number;
  metric: DensityMetric;
  labels: number[];
  coreSampleIndices: number[];
  XNew?: number[][];
  predict?: number[];
}

interface SuggestEpsCase {
  name: string;
  X: number[][];
  minSamples: number;
  metric: DensityMetric;
  distances: number[];
  kneeIndex: number;
  eps: number;
}

const ref = loadReference<{ cases: DBSCANCase[]; suggestEps: SuggestEpsCase[] }>('dbscan.json');
// Cases whose bounding box needs more than 16 grid cells per row at their eps: a forced grid is refused there.
const TOO_SPREAD_FOR_A_GRID = new Set([
  'duplicates',
  'sqrt-vs-squared-ties',
  'cluster-numbering',
  'all-noise',
  'blobs-3d',
  'min-samples-1',
]);

describe('DBSCAN matches scikit-learn 1.2 label for label (test/reference/scripts/dbscan.py)', () => {
  for (const c of ref.cases) {
    const d = c.X[0]!.length;
    for (const algorithm of ['auto', 'kd-tree', 'grid'] as const) {
      if (algorithm === 'grid' && d > 6) continue;
      it(`${c.name} (${c.metric}, eps ${c.eps}, minSamples ${c.minSamples}) with algorithm '${algorithm}'`, () => {
        const estimator = new DBSCAN({ eps: c.eps, minSamples: c.minSamples, metric: c.metric, algorithm });
        if (algorithm === 'grid' && TOO_SPREAD_FOR_A_GRID.has(c.name)) {
          // a forced grid is refused for spread data ('auto' then uses the tree)
          expectSegmentkitError(() => estimator.fit(c.X), 'E_PARAM', /more than 16 cells per row; use algorithm 'kd-tree'/);
          return;
        }
        const model = estimator.fit(c.X);
        expect(Array.from(model.labels)).toEqual(c.labels);
        expect(Array.from(model.coreSampleIndices)).toEqual(c.coreSampleIndices);
        expect(model.nClusters).toBe(Math.max(-1, ...c.labels) + 1);
        if (c.XNew !== undefined) expect(Array.from(model.predict(c.XNew))).toEqual(c.predict);
      });
    }
  }

  it('uses the grid for 2-D and 3-D data and the k-d tree from 4-D on (the documented rule)', () => {
    const byName = new Map(ref.cases.map((c) => [c.name, c]));
    const kind = (name: string): string => {
      const c = byName.get(name)!;
      return new DBSCAN({ eps: c.eps, minSamples: c.minSamples, metric: c.metric }).fit(c.X).stats.index;
    };
    expect(kind('blobs-2d')).toBe('grid');
    expect(kind('moons')).toBe('grid');
    expect(kind('blobs-8d')).toBe('kd-tree');
    expect(kind('cosine-shares')).toBe('kd-tree');
    // too many cells of side eps for the spread of the data: the tree takes over
    expect(kind('duplicates')).toBe('kd-tree');
  });
});

describe('suggestEps matches the k-distance curve of scikit-learn NearestNeighbors and the documented knee', () => {
  for (const c of ref.suggestEps) {
    it(`${c.name} (minSamples ${c.minSamples}, ${c.metric})`, () => {
      const result = suggestEps(c.X, { minSamples: c.minSamples, metric: c.metric });
      expect(result.distances.length).toBe(c.distances.length);
      c.distances.forEach((v, i) => expect(relativeError(result.distances[i]!, v)).toBeLessThan(1e-12));
      expect(result.kneeIndex).toBe(c.kneeIndex);
      expect(result.eps).toBeCloseTo(c.eps, 12);
    });
  }
});
