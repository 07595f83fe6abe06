import { readFileSync } from 'node:fs';
import { createRng, privateCount, privateCounts, privateMean } from 'segmentkit';
import { describe, expect, it } from 'vitest';
import { geometricNoise, laplaceNoise } from '../../src/privacy/differentialPrivacy';
import { expectSegmentkitError } from '../helpers/expectError';

function moments(xs: readonly number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) * (b - mean), 0) / (xs.length - 1);
  return { mean, variance };
}

const bits = (x: number): string => {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
};

const N = 200_000;

describe('the Laplace mechanism', () => {
  for (const [epsilon, sensitivity] of [
    [1, 1],
    [0.1, 1],
    [2, 5],
  ] as const) {
    it(`has mean 0 and variance 2(Δ/ε)² (ε = ${epsilon}, Δ = ${sensitivity}; ${N} seeded draws)`, () => {
      const r = privateCounts(new Array<number>(N).fill(0), { epsilon, sensitivity, mechanism: 'laplace', seed: `laplace-${epsilon}` });
      const b = sensitivity / epsilon;
      const { mean, variance } = moments(r.values);
      // sd of the mean is √2·b/√N; of the sample variance √(20 b⁴ / N) (Laplace's fourth moment is 24 b⁴)
      expect(Math.abs(mean)).toBeLessThan((5 * Math.SQRT2 * b) / Math.sqrt(N));
      expect(Math.abs(variance / (2 * b * b) - 1)).toBeLessThan((5 * Math.sqrt(20)) / 2 / Math.sqrt(N));
      // the tail: P(|X| > b) = e^−1
      const beyond = r.values.filter((x) => Math.abs(x) > b).length / N;
      expect(Math.abs(beyond - Math.exp(-1))).toBeLessThan(5 * Math.sqrt((Math.exp(-1) * (1 - Math.exp(-1))) / N));
      expect(r.standardDeviation).toBeCloseTo(Math.SQRT2 * b, 12);
      expect([r.epsilon, r.mechanism, r.sensitivity]).toEqual([epsilon, 'laplace', sensitivity]);
    });
  }
});

describe('the geometric mechanism', () => {
  for (const [epsilon, sensitivity] of [
    [0.5, 1],
    [1, 1],
    [1, 3],
  ] as const) {
    it(`gives integers with the two-sided geometric law, α = e^(−ε/Δ) (ε = ${epsilon}, Δ = ${sensitivity})`, () => {
      const r = privateCounts(new Array<number>(N).fill(0), { epsilon, sensitivity, seed: `geometric-${epsilon}-${sensitivity}` });
      expect(r.mechanism).toBe('geometric');
      expect(r.values.every(Number.isInteger)).toBe(true);
      const alpha = Math.exp(-epsilon / sensitivity);
      const variance = (2 * alpha) / (1 - alpha) ** 2;
      const m = moments(r.values);
      expect(Math.abs(m.mean)).toBeLessThan((5 * Math.sqrt(variance)) / Math.sqrt(N));
      expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.03);
      expect(r.standardDeviation).toBeCloseTo(Math.sqrt(variance), 12);
      // the probability mass P(z) = (1 − α)/(1 + α) · α^|z| for the central values
      for (const z of [-2, -1, 0, 1, 2]) {
        const p = ((1 - alpha) / (1 + alpha)) * alpha ** Math.abs(z);
        const observed = r.values.filter((x) => x === z).length / N;
        expect(Math.abs(observed - p), `P(${z})`).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N));
      }
    });
  }

  it('the noise helpers draw from the laws they document', () => {
    const rng = createRng('helpers');
    const draws = Array.from({ length: 50_000 }, () => geometricNoise(rng, 1));
    const alpha = Math.exp(-1);
    expect(Math.abs(moments(draws).variance / ((2 * alpha) / (1 - alpha) ** 2) - 1)).toBeLessThan(0.05);
    const laplace = Array.from({ length: 50_000 }, () => laplaceNoise(rng, 3));
    expect(Math.abs(moments(laplace).variance / 18 - 1)).toBeLessThan(0.05);
  });
});

describe('privateCount', () => {
  it('is deterministic: the same seed gives the same bits, another seed other noise', () => {
    for (const mechanism of ['laplace', 'geometric'] as const) {
      const a = privateCount(100, { epsilon: 0.7, mechanism, seed: 42 });
      const b = privateCount(100, { epsilon: 0.7, mechanism, seed: 42 });
      expect(bits(a.value)).toBe(bits(b.value));
      const others = new Set(Array.from({ length: 20 }, (_, s) => privateCount(100, { epsilon: 0.7, mechanism, seed: s }).value));
      expect(others.size).toBeGreaterThan(3);
    }
  });

  it('pins seeded releases (a change of stream or arithmetic would move them, on any engine)', () => {
    // computed once by this implementation: portable logarithm, IEEE division and floor only
    const laplace = [1, 2, 3].map((seed) => bits(privateCount(100, { epsilon: 1, mechanism: 'laplace', seed }).value));
    const geometric = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => privateCount(100, { epsilon: 0.5, seed }).value);
    expect({ laplace, geometric }).toMatchInlineSnapshot(`
      {
        "geometric": [
          100,
          97,
          100,
          100,
          96,
          94,
          100,
          98,
        ],
        "laplace": [
          "40590636d3735a00",
          "4058926495d6ae76",
          "40591b072f3675f3",
        ],
      }
    `);
    expect(privateCounts([10, 20, 30], { epsilon: 0.5, seed: 'pinned' }).values).toMatchInlineSnapshot(`
      [
        2,
        18,
        32,
      ]
    `);
    const values = Array.from({ length: 50 }, (_, i) => i);
    expect(bits(privateMean(values, { epsilon: 2, lower: 0, upper: 100, seed: 'pinned' }).value)).toMatchInlineSnapshot(
      `"403531e2bef0f9e8"`,
    );
  });

  it('states what the release cost and adds nothing else', () => {
    const r = privateCount(5, { epsilon: 0.25, mechanism: 'laplace', sensitivity: 2, seed: 1 });
    expect(Object.keys(r).sort()).toEqual(['epsilon', 'mechanism', 'sensitivity', 'standardDeviation', 'value']);
    expect(r.standardDeviation).toBeCloseTo(Math.SQRT2 * 8, 12);
    // no seed: fresh noise every time (from crypto.getRandomValues)
    const unseeded = new Set(Array.from({ length: 20 }, () => privateCount(5, { epsilon: 0.1 }).value));
    expect(unseeded.size).toBeGreaterThan(3);
  });

  it('refuses ε ≤ 0 or not finite and other bad options with E_PARAM', () => {
    for (const epsilon of [0, -1, NaN, Infinity, undefined, '1']) {
      expectSegmentkitError(
        () => privateCount(10, { epsilon: epsilon as never, seed: 1 }),
        'E_PARAM',
        /privateCount: epsilon must be a number > 0/,
      );
      expectSegmentkitError(() => privateMean([1], { epsilon: epsilon as never, lower: 0, upper: 1 }), 'E_PARAM', /privateMean: epsilon/);
    }
    expectSegmentkitError(() => privateCount(10, { epsilon: 1e-320, seed: 1 }), 'E_PARAM', /not finite/);
    expectSegmentkitError(
      () => privateCount(10, { epsilon: 1, mechanism: 'gaussian' as never }),
      'E_PARAM',
      /mechanism must be one of 'laplace', 'geometric'/,
    );
    expectSegmentkitError(() => privateCount(10, { epsilon: 1, sensitivity: 1.5 }), 'E_PARAM', /sensitivity must be an integer/);
    expectSegmentkitError(
      () => privateCount(10, { epsilon: 1, sensitivity: 0, mechanism: 'laplace' }),
      'E_PARAM',
      /sensitivity must be a number > 0/,
    );
    expectSegmentkitError(() => privateCount(10, { epsilon: 1, epsilom: 2 } as never), 'E_PARAM', /did you mean 'epsilon'/);
    expectSegmentkitError(() => privateCount(10, undefined as never), 'E_PARAM', /epsilon/);
    expectSegmentkitError(() => privateCount(10, { epsilon: 1, seed: NaN }), 'E_PARAM', /seed/);
    expectSegmentkitError(() => privateCount(2.5, { epsilon: 1 }), 'E_PARAM', /count must be an integer ≥ 0/);
    expectSegmentkitError(() => privateCount(-1, { epsilon: 1 }), 'E_PARAM', /count/);
    expectSegmentkitError(() => privateCounts([1, -2], { epsilon: 1 }), 'E_PARAM', /counts\[1\] must be an integer ≥ 0/);
  });
});

describe('privateCounts', () => {
  it('draws independent noise per cell from one stream, and does not change its input', () => {
    const counts = Object.freeze([50, 50, 50, 50]);
    const r = privateCounts(counts, { epsilon: 0.5, seed: 9 });
    expect(new Set(r.values).size).toBeGreaterThan(1);
    expect(privateCounts(counts, { epsilon: 0.5, seed: 9 }).values).toEqual(r.values);
    expect(counts).toEqual([50, 50, 50, 50]);
  });
});

describe('privateMean', () => {
  it('clamps to [lower, upper], reports the sensitivity of the centred sum and stays in range', () => {
    const r = privateMean([1, 2, 3, 1000], { epsilon: 1e6, lower: 0, upper: 10, seed: 1 });
    // clamped values 1, 2, 3, 10: mean 4 (ε so large the noise is negligible)
    expect(r.value).toBeCloseTo(4, 4);
    expect([r.epsilon, r.mechanism, r.sensitivity, r.lower, r.upper]).toEqual([1e6, 'laplace', 5, 0, 10]);
    expect(r.count).toBeCloseTo(4, 4);
    for (let seed = 0; seed < 200; seed++) {
      const noisy = privateMean([9, 10, 10], { epsilon: 0.05, lower: 0, upper: 10, seed });
      expect(noisy.value).toBeGreaterThanOrEqual(0);
      expect(noisy.value).toBeLessThanOrEqual(10);
    }
  });

  it('is unbiased for a large segment: the average of many releases is the mean', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 20 + (i % 61));
    const truth = values.reduce((a, b) => a + b, 0) / values.length;
    const releases = Array.from({ length: 2000 }, (_, seed) => privateMean(values, { epsilon: 0.5, lower: 0, upper: 100, seed }).value);
    const m = moments(releases);
    // noise of the centred sum / n: sd ≈ √2 · 100 / (0.5 · 1000) ≈ 0.28 (the count's noise adds little)
    expect(Math.sqrt(m.variance)).toBeGreaterThan(0.2);
    expect(Math.sqrt(m.variance)).toBeLessThan(0.4);
    expect(Math.abs(m.mean - truth)).toBeLessThan((5 * Math.sqrt(m.variance)) / Math.sqrt(releases.length));
  });

  it('allows an empty segment (its mean is noise around the middle of the range)', () => {
    const r = privateMean([], { epsilon: 1, lower: 0, upper: 10, seed: 2 });
    expect(r.value).toBeGreaterThanOrEqual(0);
    expect(r.value).toBeLessThanOrEqual(10);
  });

  it('refuses bad bounds and values', () => {
    expectSegmentkitError(
      () => privateMean([1], { epsilon: 1, lower: 5, upper: 5 }),
      'E_PARAM',
      /upper \(5\) must be greater than lower \(5\)/,
    );
    expectSegmentkitError(() => privateMean([1], { epsilon: 1, lower: 0, upper: Infinity }), 'E_PARAM', /upper must be a number/);
    expectSegmentkitError(() => privateMean([1], { epsilon: 1, upper: 1 } as never), 'E_PARAM', /lower/);
    expectSegmentkitError(() => privateMean([1, NaN], { epsilon: 1, lower: 0, upper: 1 }), 'E_NOT_FINITE', /values\[1\] is NaN/);
    expectSegmentkitError(
      () => privateMean([1], { epsilon: 1, lower: 0, upper: 1, mechanism: 'laplace' } as never),
      'E_PARAM',
      /unknown option 'mechanism'/,
    );
  });
});

describe('portability', () => {
  it('uses no engine-dependent transcendental (Math.log, Math.exp, Math.pow, **)', () => {
    const source = readFileSync(new URL('../../src/privacy/differentialPrivacy.ts', import.meta.url), 'utf8');
    const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
    expect(code).not.toMatch(/Math\.(log|exp|pow|log1p|expm1|sinh|cosh|tanh)\b|\*\*/);
  });
});
