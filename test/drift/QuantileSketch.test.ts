// Unit tests of internals too: QuantileSketch, sortFloat64 (imported from src/, not part of the public API).
import { describe, expect, it } from 'vitest';
import { createRng, quantile } from 'segmentkit';

import { QuantileSketch } from '../../src/drift/QuantileSketch';
import { sortFloat64 } from '../../src/core/sortFloat64';
import { expectSegmentkitError } from '../helpers/expectError';

const rng = createRng(20261122);
const normal = (): number => Math.sqrt(-2 * Math.log(rng.uniform() || 1e-300)) * Math.cos(2 * Math.PI * rng.uniform());
const distributions: Record<string, () => number> = {
  normal,
  lognormal: () => Math.exp(normal()),
  uniform: () => rng.uniform(),
  bimodal: () => (rng.uniform() < 0.3 ? normal() - 5 : 0.3 * normal() + 2),
  cents: () => Math.round(Math.exp(normal() + 3) * 100) / 100,
};

function ecdf(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo / sorted.length;
}

describe('QuantileSketch', () => {
  it('is exact while there are at most `compression` distinct values: quantiles equal numpy linear quantiles', () => {
    const values = sortFloat64(Float64Array.from({ length: 3000 }, () => Math.floor(rng.uniform() * 40)));
    const sketch = QuantileSketch.fromSorted(values, 50);
    expect(sketch.exact).toBe(true);
    for (const q of [0, 0.1, 0.25, 0.5, 0.9, 0.999, 1]) expect(sketch.quantile(q)).toBe(quantile(values, q));
    for (const x of [-1, 0, 7, 7.5, 39, 40]) expect(sketch.cdf(x)).toBe(ecdf(values, x));
  });

  it('merging exact sketches gives the sketch of the union', () => {
    const a = sortFloat64(Float64Array.from({ length: 500 }, () => Math.floor(rng.uniform() * 20)));
    const b = sortFloat64(Float64Array.from({ length: 700 }, () => Math.floor(rng.uniform() * 25)));
    const merged = QuantileSketch.merge(QuantileSketch.fromSorted(a, 100), QuantileSketch.fromSorted(b, 100));
    const union = QuantileSketch.fromSorted(sortFloat64(Float64Array.from([...a, ...b])), 100);
    expect(merged.toJSON()).toEqual(union.toJSON());
  });

  it('switches to a t-digest past `compression` distinct values, with about compression / 2 centroids', () => {
    const values = sortFloat64(Float64Array.from({ length: 50_000 }, normal));
    const sketch = QuantileSketch.fromSorted(values, 500);
    expect(sketch.exact).toBe(false);
    expect(sketch.means.length).toBeLessThanOrEqual(500);
    expect(sketch.means.length).toBeGreaterThan(200);
    expect(sketch.count).toBe(50_000);
    expect([sketch.min, sketch.max]).toEqual([values[0], values[values.length - 1]]);
  });

  for (const [name, draw] of Object.entries(distributions)) {
    it(`${name}: the digest's CDF is within π/compression of the ECDF, also after merging 3 partitions`, () => {
      const n = 30_000;
      const raw = Float64Array.from({ length: n }, draw);
      const sorted = sortFloat64(raw);
      const single = QuantileSketch.fromSorted(sorted, 500);
      const parts = [0, 1, 2].map((p) => QuantileSketch.fromSorted(sortFloat64(raw.filter((_, i) => i % 3 === p)), 500));
      const merged = QuantileSketch.merge(QuantileSketch.merge(parts[0]!, parts[1]!), parts[2]!);
      let worst = 0;
      for (let i = 0; i < n; i += 3) {
        const x = sorted[i]!;
        const truth = ecdf(sorted, x);
        worst = Math.max(worst, Math.abs(single.cdf(x) - truth), Math.abs(merged.cdf(x) - truth));
      }
      expect(worst).toBeLessThan(Math.PI / 500);
      expect(merged.means.length).toBeLessThanOrEqual(500);
    });
  }

  it('stays the same size however many partitions are merged', () => {
    let sketch = QuantileSketch.fromSorted(sortFloat64(Float64Array.from({ length: 2000 }, normal)), 200);
    for (let day = 0; day < 30; day++)
      sketch = QuantileSketch.merge(sketch, QuantileSketch.fromSorted(sortFloat64(Float64Array.from({ length: 2000 }, normal)), 200));
    expect(sketch.count).toBe(62_000);
    expect(sketch.means.length).toBeLessThanOrEqual(200);
  });

  it('fromJSON validates every field', () => {
    const json = QuantileSketch.fromSorted(Float64Array.from([1, 2, 3]), 100).toJSON();
    expect(QuantileSketch.fromJSON(JSON.parse(JSON.stringify(json)), 'test').toJSON()).toEqual(json);
    expectSegmentkitError(() => QuantileSketch.fromJSON({ ...json, weights: [1, 0, 1] }, 'test'), 'E_MODEL', /weights\[1\] must be > 0/);
    expectSegmentkitError(() => QuantileSketch.fromJSON({ ...json, means: [3, 2, 1] }, 'test'), 'E_MODEL', /sorted/);
    expectSegmentkitError(() => QuantileSketch.fromJSON({ ...json, weights: [1] }, 'test'), 'E_MODEL', /weights must have 3 entries/);
  });
});
