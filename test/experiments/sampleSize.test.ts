import { power, sampleSize } from 'segmentkit';
import { describe, expect, it } from 'vitest';
import { normalIndPower, proportionEffectSize } from '../../src/experiments/normalPower';
import { expectSegmentkitError } from '../helpers/expectError';
import { loadReference, relativeError } from '../helpers/reference';

type Alternative = 'two-sided' | 'larger' | 'smaller';
interface Plan {
  baseline: number;
  minimumDetectableEffect: number;
  alpha: number;
  power: number;
  ratio: number;
  alternative: Alternative;
  effectSize: number;
  nobs1: number;
  nobs1Exact: number;
  powerAt: { nobs1: number; power: number }[];
}
const ref = loadReference<{ plans: Plan[] }>('experiments.json');

describe('sampleSize matches statsmodels NormalIndPower().solve_power with proportion_effectsize', () => {
  it(`on ${ref.plans.length} plans (baselines 0.001–0.8, effects ±, alpha 0.01–0.1, power 0.8–0.95, ratios 0.5–2, every alternative)`, () => {
    for (const p of ref.plans) {
      const plan = sampleSize({
        baseline: p.baseline,
        minimumDetectableEffect: p.minimumDetectableEffect,
        alpha: p.alpha,
        power: p.power,
        ratio: p.ratio,
        alternative: p.alternative,
      });
      expect(relativeError(plan.effectSize, p.effectSize)).toBeLessThan(1e-13);
      // the same equation solved to the last bit, against brentq at xtol 1e-12
      expect(relativeError(plan.nControlExact, p.nobs1Exact)).toBeLessThan(1e-10);
      // statsmodels' own solve_power stops at brentq's xtol of 1e-5
      expect(Math.abs(plan.nControlExact - p.nobs1)).toBeLessThan(1e-5 * Math.max(1, p.nobs1 / 1000));
      expect(plan.nControl).toBe(Math.ceil(p.nobs1));
      expect(plan.nVariant).toBe(Math.ceil(p.nobs1 * p.ratio));
      expect(plan.total).toBe(plan.nControl + plan.nVariant);
      expect(plan.power).toBe(p.power);
    }
  });
  it('a relative effect is a share of the baseline', () => {
    const absolute = sampleSize({ baseline: 0.2, minimumDetectableEffect: 0.02 });
    const relative = sampleSize({ baseline: 0.2, minimumDetectableEffect: 0.1, relative: true });
    expect(relative.variantRate).toBeCloseTo(0.22, 15);
    expect(relativeError(relative.nControlExact, absolute.nControlExact)).toBeLessThan(1e-12);
  });
  it('needs more customers for smaller effects, more power and a stricter alpha', () => {
    const base = sampleSize({ baseline: 0.1, minimumDetectableEffect: 0.02 }).nControlExact;
    expect(sampleSize({ baseline: 0.1, minimumDetectableEffect: 0.01 }).nControlExact).toBeGreaterThan(base);
    expect(sampleSize({ baseline: 0.1, minimumDetectableEffect: 0.02, power: 0.9 }).nControlExact).toBeGreaterThan(base);
    expect(sampleSize({ baseline: 0.1, minimumDetectableEffect: 0.02, alpha: 0.01 }).nControlExact).toBeGreaterThan(base);
  });
  it('returns a frozen result', () => {
    expect(Object.isFrozen(sampleSize({ baseline: 0.1, minimumDetectableEffect: 0.02 }))).toBe(true);
  });
  it('rejects impossible plans with E_PARAM and the fix', () => {
    expectSegmentkitError(() => sampleSize({ baseline: 0.1, minimumDetectableEffect: 0 }), 'E_PARAM', /not 0/);
    expectSegmentkitError(() => sampleSize({ baseline: 0.95, minimumDetectableEffect: 0.1 }), 'E_PARAM', /variant rate .*\[0, 1\]/);
    expectSegmentkitError(() => sampleSize({ baseline: 1.2, minimumDetectableEffect: 0.1 }), 'E_PARAM', /baseline/);
    expectSegmentkitError(() => sampleSize({ baseline: 0.1, minimumDetectableEffect: 0.02, power: 0.03 }), 'E_PARAM', /above alpha/);
    expectSegmentkitError(
      () => sampleSize({ baseline: 0.1, minimumDetectableEffect: -0.02, alternative: 'larger' }),
      'E_PARAM',
      /flip the sign/,
    );
    expectSegmentkitError(
      () => sampleSize({ baseline: 0.1, minimumDetectableEffect: 0.02, alternative: 'bigger' as 'larger' }),
      'E_PARAM',
      /alternative/,
    );
    expectSegmentkitError(
      () => sampleSize({ baseline: 0.1, minimumDetectableEffect: 0.02, powr: 0.9 } as never),
      'E_PARAM',
      /unknown option 'powr'; did you mean 'power'/,
    );
  });
});

describe('power matches statsmodels NormalIndPower().power', () => {
  it('at several group sizes per plan', () => {
    let checked = 0;
    for (const p of ref.plans) {
      for (const { nobs1, power: expected } of p.powerAt) {
        const options = {
          baseline: p.baseline,
          minimumDetectableEffect: p.minimumDetectableEffect,
          alpha: p.alpha,
          ratio: p.ratio,
          alternative: p.alternative,
        };
        expect(relativeError(power({ ...options, nControl: nobs1 }), expected)).toBeLessThan(1e-11);
        expect(relativeError(normalIndPower(p.effectSize, nobs1, p.alpha, p.ratio, p.alternative), expected)).toBeLessThan(1e-11);
        checked++;
      }
    }
    expect(checked).toBe(ref.plans.length * 5);
  });
  it('reaches the planned power at the planned size, and n is an alias of nControl', () => {
    const plan = sampleSize({ baseline: 0.05, minimumDetectableEffect: 0.01, power: 0.9, ratio: 2 });
    const at = power({ baseline: 0.05, minimumDetectableEffect: 0.01, ratio: 2, nControl: plan.nControlExact });
    expect(at).toBeCloseTo(0.9, 12);
    expect(power({ baseline: 0.05, minimumDetectableEffect: 0.01, n: 500 })).toBe(
      power({ baseline: 0.05, minimumDetectableEffect: 0.01, nControl: 500 }),
    );
  });
  it('needs exactly one group size', () => {
    expectSegmentkitError(() => power({ baseline: 0.1, minimumDetectableEffect: 0.02 }), 'E_PARAM', /nControl/);
    expectSegmentkitError(() => power({ baseline: 0.1, minimumDetectableEffect: 0.02, n: 10, nControl: 10 }), 'E_PARAM', /exactly one/);
    expectSegmentkitError(() => power({ baseline: 0.1, minimumDetectableEffect: 0.02, nControl: -3 }), 'E_PARAM', /nControl/);
  });
});

describe("Cohen's h", () => {
  it('is 2 asin √p₁ − 2 asin √p₂ over the whole range', () => {
    for (const [p1, p2, expected] of [
      [0.5, 0, Math.PI / 2],
      [1, 0, Math.PI],
      [0.25, 0, Math.PI / 3],
      [0.75, 0.25, Math.PI / 3],
    ] as const) {
      expect(proportionEffectSize(p1, p2)).toBeCloseTo(expected, 14);
    }
    for (let p = 0.001; p < 1; p += 0.0371) expect(Math.abs(proportionEffectSize(p, 0) - 2 * Math.asin(Math.sqrt(p)))).toBeLessThan(1e-15);
  });
});
