// Unit tests of internals too: ksPValue (imported from src/, not part of the public API).
import { describe, expect, it } from 'vitest';
import {
  type CategoricalPsiResult,
  chiSquareTest,
  jensenShannonDistance,
  ksTest,
  type NumericPsiResult,
  populationStabilityIndex,
  wassersteinDistance,
} from 'segmentkit';

import { ksPValue } from '../../src/drift/ksTest';
import { closeTo, decode, driftReference as ref } from './driftReference';

const STAT_RTOL = 1e-9;
const P_RTOL = 1e-8;

describe('ksTest(a, b, { method }) matches scipy 1.10 ks_2samp', () => {
  for (const c of ref.ks2samp) {
    it(`${c.name}, method '${c.method}'`, () => {
      const result = ksTest(c.a, c.b, { method: c.method });
      expect(closeTo(result.statistic, c.statistic, STAT_RTOL), `statistic ${result.statistic} vs ${c.statistic}`).toBe(true);
      expect(closeTo(result.pValue, decode(c.pValue), P_RTOL), `p ${result.pValue} vs ${c.pValue}`).toBe(true);
    });
  }
  it("reproduces scipy's fallback from exact to asymptotic when the exact value rounds above 1", () => {
    const pairs = ref.ks2samp.find((c) => c.name.startsWith('pairs n=60') && c.method === 'auto')!;
    const result = ksTest(pairs.a, pairs.b);
    expect(result.method).toBe('asymptotic');
    expect(result.pValue).toBeLessThan(1);
    expect(closeTo(result.pValue, decode(pairs.pValue), P_RTOL)).toBe(true);
  });
});

describe('ks p-value at scale matches ks_2samp (sizes and statistic from scipy, no data stored)', () => {
  for (const c of ref.ks2sampLarge) {
    it(`${c.n1} vs ${c.n2}, method '${c.method}', D = ${c.statistic.toPrecision(4)}`, () => {
      const result = ksPValue(c.statistic, c.n1, c.n2, c.method);
      expect(closeTo(result.statistic, c.statistic, STAT_RTOL)).toBe(true);
      expect(closeTo(result.pValue, decode(c.pValue), P_RTOL), `p ${result.pValue} vs ${c.pValue}`).toBe(true);
    });
  }
  it('the exact p-value at n = 10 000 takes milliseconds', () => {
    const c = ref.ks2sampLarge.find((x) => x.n1 === 10000 && x.n2 === 9999)!;
    const started = performance.now();
    ksPValue(c.statistic, c.n1, c.n2, 'auto');
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('chiSquareTest matches scipy 1.10 chi2_contingency', () => {
  for (const c of ref.chi2Contingency) {
    it(`${c.name}${c.correction ? '' : ' (correction off)'}`, () => {
      const result = chiSquareTest(c.table, { correction: c.correction });
      expect(result.dof).toBe(c.dof);
      expect(
        closeTo(result.statistic, c.statistic, STAT_RTOL) || Math.abs(result.statistic - c.statistic) < 1e-12,
        `${result.statistic} vs ${c.statistic}`,
      ).toBe(true);
      expect(closeTo(result.pValue, c.pValue, P_RTOL), `${result.pValue} vs ${c.pValue}`).toBe(true);
      result.expected.forEach((row, i) => row.forEach((e, j) => expect(closeTo(e, c.expected[i]![j]!, 1e-12)).toBe(true)));
    });
  }
  it('on { reference, current } samples: the 2 × k table over the sorted union of categories', () => {
    const c = ref.chi2Samples;
    const result = chiSquareTest({ reference: c.reference, current: c.current });
    expect(result.categories).toEqual(c.categories);
    expect(result.table).toEqual(c.table);
    expect(result.dof).toBe(c.dof);
    expect(closeTo(result.statistic, c.statistic, STAT_RTOL)).toBe(true);
    expect(closeTo(result.pValue, c.pValue, P_RTOL)).toBe(true);
  });
});

describe('jensenShannonDistance matches scipy.spatial.distance.jensenshannon', () => {
  for (const c of ref.jensenShannon) {
    it(`p = [${c.p.slice(0, 4).map((v) => v.toFixed(2))}…], base ${c.base.toFixed(3)}`, () => {
      const d = jensenShannonDistance(c.p, c.q, { base: c.base });
      expect(closeTo(d, c.distance, STAT_RTOL) || Math.abs(d - c.distance) < 1e-15, `${d} vs ${c.distance}`).toBe(true);
    });
  }
});

describe('wassersteinDistance matches scipy.stats.wasserstein_distance', () => {
  for (const c of ref.wasserstein) {
    it(c.name, () => {
      const options = { ...(c.weightsA ? { weightsA: c.weightsA } : {}), ...(c.weightsB ? { weightsB: c.weightsB } : {}) };
      const d = wassersteinDistance(c.a, c.b, options);
      expect(closeTo(d, c.distance, STAT_RTOL), `${d} vs ${c.distance}`).toBe(true);
    });
  }
});

describe('populationStabilityIndex follows the definition (numpy quantile edges, searchsorted bins)', () => {
  for (const c of ref.psiNumeric) {
    it(c.name, () => {
      const result = populationStabilityIndex(c.reference, c.current, { bins: c.bins, epsilon: c.epsilon }) as NumericPsiResult;
      expect(result.type).toBe('numeric');
      expect(closeTo(result.psi, c.psi, STAT_RTOL) || Math.abs(result.psi - c.psi) < 1e-15, `${result.psi} vs ${c.psi}`).toBe(true);
      expect(result.bins.length).toBe(c.bins);
      result.bins.forEach((bin, b) => {
        expect(bin.lower).toBe(b === 0 ? -Infinity : c.edges[b - 1]);
        expect(bin.upper).toBe(b === c.bins - 1 ? Infinity : c.edges[b]);
        expect(bin.referenceShare).toBe(c.referenceShares[b]);
        expect(bin.currentShare).toBe(c.currentShares[b]);
        expect(closeTo(bin.contribution, c.contributions[b]!, 1e-12) || Math.abs(bin.contribution) < 1e-300).toBe(true);
      });
    });
  }
  it('on categories: one bin per category seen in either sample', () => {
    const c = ref.psiCategorical;
    const result = populationStabilityIndex(c.reference, c.current) as CategoricalPsiResult;
    expect(result.type).toBe('categorical');
    expect(result.bins.map((b) => b.category)).toEqual(c.categories);
    expect(result.bins.map((b) => b.referenceShare)).toEqual(c.referenceShares);
    expect(result.bins.map((b) => b.currentShare)).toEqual(c.currentShares);
    expect(closeTo(result.psi, c.psi, STAT_RTOL)).toBe(true);
  });
});
