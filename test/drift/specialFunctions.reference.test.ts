// Unit tests of internals too: kolmogorovSmirnovSurvival, exactTwoSampleKs, logGamma, chiSquareSurvival, regularizedGammaP, regularizedGammaQ, … (imported from src/, not part of the public API).
import { describe, expect, it } from 'vitest';

import { kolmogorovSmirnovSurvival } from '../../src/drift/kolmogorovSmirnovSurvival';
import { exactTwoSampleKs } from '../../src/drift/ksTwoSampleExact';
import { logGamma } from '../../src/core/logGamma';
import { chiSquareSurvival, regularizedGammaP, regularizedGammaQ } from '../../src/core/regularizedGamma';
import { smirnovSurvival } from '../../src/drift/smirnov';
import { closeTo, decode, driftReference as ref } from './driftReference';

// p-values must equal scipy to 1e-8 relative; in practice these agree to ~1e-13.
const RTOL = 1e-10;

function failures(cases: [number, number, number | null | string][], fn: (a: number, b: number) => number, rtol = RTOL): string[] {
  const bad: string[] = [];
  for (const [a, b, raw] of cases) {
    const expected = decode(raw as never);
    const actual = fn(a, b);
    if (!closeTo(actual, expected, rtol)) bad.push(`(${a}, ${b}): ${actual} vs scipy ${expected}`);
  }
  return bad;
}

describe('regularised incomplete gamma matches scipy.special.gammaincc', () => {
  it(`on ${ref.gammaincc.length} points including x = 0, x ≈ a, tiny and huge x, a from 0.5 to 50 000`, () => {
    expect(failures(ref.gammaincc, regularizedGammaQ)).toEqual([]);
  });
  it('chiSquareSurvival(s, dof) matches scipy.stats.chi2.sf, statistic 0 → 1', () => {
    expect(failures(ref.chi2Sf, chiSquareSurvival)).toEqual([]);
  });
  it('Q(a, x) + P(a, x) = 1 and the domain edges give NaN', () => {
    for (const [a, x] of [
      [0.5, 0.3],
      [3, 7],
      [100, 90],
      [2.5, 0],
    ])
      expect(regularizedGammaQ(a!, x!) + regularizedGammaP(a!, x!)).toBeCloseTo(1, 14);
    expect(regularizedGammaQ(0, 1)).toBeNaN();
    expect(regularizedGammaQ(1, -1)).toBeNaN();
    expect(regularizedGammaQ(1, Infinity)).toBe(0);
    expect(chiSquareSurvival(NaN, 2)).toBeNaN();
    expect(chiSquareSurvival(-1, 2)).toBe(1);
  });
  it('logGamma agrees with log((n − 1)!) and log Γ(½) = ½ log π', () => {
    let logFactorial = 0;
    for (let n = 1; n <= 170; n++) {
      expect(closeTo(logGamma(n), logFactorial, 1e-13) || Math.abs(logGamma(n) - logFactorial) < 1e-14).toBe(true);
      logFactorial += Math.log(n);
    }
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-1)).toBeNaN();
  });
});

describe('Kolmogorov distribution (finite n) matches scipy.stats.kstwo.sf', () => {
  it(`on ${ref.kstwoSf.length} points: every method region (Ruben–Gambino, Durbin, Pomeranz, Pelz–Good, Smirnov) and its boundaries`, () => {
    expect(failures(ref.kstwoSf, kolmogorovSmirnovSurvival)).toEqual([]);
  });
  it('is 1 below 1/(2n), 0 at and above 1, NaN for a non-integer n', () => {
    expect(kolmogorovSmirnovSurvival(10, 0.04)).toBe(1);
    expect(kolmogorovSmirnovSurvival(10, 1)).toBe(0);
    expect(kolmogorovSmirnovSurvival(2.5, 0.3)).toBeNaN();
    expect(kolmogorovSmirnovSurvival(0, 0.3)).toBeNaN();
  });
  it('the one-sided Smirnov distribution matches scipy.special.smirnov, including n above 1 000 000 (approximation as scipy)', () => {
    expect(failures(ref.smirnov, smirnovSurvival)).toEqual([]);
  });
});

describe('exact two-sample KS distribution for equal sizes matches scipy _compute_prob_outside_square bit for bit', () => {
  it(`on ${ref.ksSquare.length} (n, h) pairs, including the values that round above 1`, () => {
    const bad: string[] = [];
    for (const [n, h, expected] of ref.ksSquare) {
      const attempt = exactTwoSampleKs(n, n, h / n);
      // scipy reports failure (and switches to the asymptotic p-value) exactly when the value leaves [0, 1]
      if (attempt.pValue !== expected || attempt.success !== (expected >= 0 && expected <= 1))
        bad.push(`n=${n} h=${h}: ${attempt.pValue} vs ${expected}`);
    }
    expect(bad).toEqual([]);
    expect(ref.ksSquare.some(([, , p]) => p > 1)).toBe(true);
  });
});
