import { describe, expect, it } from 'vitest';
import { OPTICS, type OPTICSParams } from 'segmentkit';

import { loadReference, relativeError } from '../../helpers/reference';

interface OPTICSCase {
  name: string;
  X: number[][];
  params: OPTICSParams;
  ordering: number[];
  reachability: (number | null)[];
  coreDistances: (number | null)[];
  predecessor: number[];
  labels: number[];
  dbscan: { eps: number; labels: number[] }[];
}

const ref = loadReference<{ cases: OPTICSCase[] }>('optics.json');

function expectDistances(actual: Float64Array, expected: (number | null)[], field: string): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  let differing = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    if (e === null) {
      expect(actual[i], `${field}[${i}]`).toBe(Number.POSITIVE_INFINITY);
      continue;
    }
    worst = Math.max(worst, relativeError(actual[i]!, e));
    if (actual[i] !== e) differing++;
  }
  expect(worst, field).toBeLessThanOrEqual(1e-12);
  // stronger than the contract, and true on every case: the same sums in the same order, the same rounding
  expect(differing, `${field} entries not bit-identical`).toBe(0);
}

describe('OPTICS equals scikit-learn 1.2', () => {
  it('has the reference cases', () => {
    expect(ref.cases.length).toBeGreaterThanOrEqual(20);
  });

  for (const c of ref.cases) {
    it(c.name, () => {
      const model = new OPTICS(c.params).fit(c.X);
      expect(Array.from(model.ordering)).toEqual(c.ordering);
      expect(Array.from(model.predecessor)).toEqual(c.predecessor);
      expectDistances(model.coreDistances, c.coreDistances, 'coreDistances');
      expectDistances(model.reachability, c.reachability, 'reachability');
      expect(Array.from(model.labels)).toEqual(c.labels);
      for (const { eps, labels } of c.dbscan) expect(Array.from(model.extractDbscan(eps)), `eps ${eps}`).toEqual(labels);
    });
  }
});
