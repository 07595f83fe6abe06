// Unit tests of internals too: the portable transcendental functions (imported from src/, not part of the public API).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  binaryExponent,
  expSmallNegative,
  portableExp,
  portableExpm1,
  portableLog,
  portableLog1p,
  portablePow,
  portableSinSmall,
  seriesExp,
  seriesLog,
} from '../../src/core/portableMath';
import reference from '../reference/portable_math.json';

function ulpDistance(a: number, b: number): number {
  if (a === b) return 0;
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Number(
    view.getBigInt64(0) > view.getBigInt64(8) ? view.getBigInt64(0) - view.getBigInt64(8) : view.getBigInt64(8) - view.getBigInt64(0),
  );
}

describe("seriesLog / seriesExp (the seeded generators' logarithm and exponential)", () => {
  it('agree with Math.log within 2 ulp across the positive doubles', () => {
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }), (x) => {
        expect(ulpDistance(seriesLog(x), Math.log(x))).toBeLessThanOrEqual(2);
      }),
      { numRuns: 5000 },
    );
  });

  it('agree with Math.exp within 2 ulp', () => {
    fc.assert(
      fc.property(fc.double({ min: -700, max: 700, noNaN: true }), (x) => {
        expect(ulpDistance(seriesExp(x), Math.exp(x))).toBeLessThanOrEqual(2);
      }),
      { numRuns: 5000 },
    );
  });

  it('handle the edges exactly', () => {
    expect(portableLog(1)).toBe(0);
    expect(portableLog(0)).toBe(-Infinity);
    expect(portableLog(-1)).toBeNaN();
    expect(portableLog(Infinity)).toBe(Infinity);
    expect(portableLog(Number.MIN_VALUE)).toBeCloseTo(-744.4400719213812, 12);
    expect(portableExp(0)).toBe(1);
    expect(portableExp(1000)).toBe(Infinity);
    expect(portableExp(-1000)).toBe(0);
    expect(portableExp(NaN)).toBeNaN();
    // hand-derived: e^(ln 2 · 10) = 1024
    expect(ulpDistance(portableExp(10 * Math.LN2), 1024)).toBeLessThanOrEqual(1);
  });
});

describe('expSmallNegative (the mixture EM exponential, −44 ≤ x ≤ 0)', () => {
  it('is within 1 ulp of the correctly rounded e^x (60-digit decimal reference), including the table steps', () => {
    const { x, exp } = reference.exp_small_negative;
    expect(x.length).toBeGreaterThan(3000);
    let worst = 0;
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, ulpDistance(expSmallNegative(x[i]!), exp[i]!));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('gives exactly 1 at 0 and is monotone across the domain', () => {
    expect(expSmallNegative(0)).toBe(1);
    expect(expSmallNegative(-0)).toBe(1);
    fc.assert(
      fc.property(fc.double({ min: -44, max: 0, noNaN: true }), fc.double({ min: -44, max: 0, noNaN: true }), (a, b) => {
        const [low, high] = a < b ? [a, b] : [b, a];
        expect(expSmallNegative(low)).toBeLessThanOrEqual(expSmallNegative(high));
      }),
      { numRuns: 2000 },
    );
  });
});

/** The worst distance in ulp between f(x) and the correctly rounded reference over a fixture's points. */
function worstUlp(xs: readonly number[], values: readonly number[], f: (x: number, i: number) => number): number {
  let worst = 0;
  for (let i = 0; i < xs.length; i++) worst = Math.max(worst, ulpDistance(f(xs[i]!, i), values[i]!));
  return worst;
}

describe('the fast portable functions against 60-digit decimal references', () => {
  // Bounds are the measured worst cases (rounded up); the seeded paths only need them to be the same bits
  // everywhere, which the arithmetic guarantees, but a regression in accuracy should fail here.
  it('portableLog is within 1 ulp of the correctly rounded logarithm, subnormals and x near 1 included', () => {
    const { x, value } = reference.log;
    expect(worstUlp(x, value, portableLog)).toBeLessThanOrEqual(1);
  });
  it('portableExp is within 1 ulp over the whole range, subnormal results included', () => {
    const { x, value } = reference.exp;
    expect(worstUlp(x, value, portableExp)).toBeLessThanOrEqual(1);
  });
  it('portableLog1p is within 2 ulp, tiny arguments included', () => {
    const { x, value } = reference.log1p;
    expect(worstUlp(x, value, portableLog1p)).toBeLessThanOrEqual(2);
  });
  it('portableExpm1 is within 3 ulp, tiny arguments included', () => {
    const { x, value } = reference.expm1;
    expect(worstUlp(x, value, portableExpm1)).toBeLessThanOrEqual(3);
  });
  it('portablePow is within a few ulp for the bases and exponents feature transforms use', () => {
    const { x, y, value } = reference.pow;
    expect(worstUlp(x, value, (base, i) => portablePow(base, y[i]!))).toBeLessThanOrEqual(12);
  });
  it('portableSinSmall is within 2 ulp on [−π/2, π/2]', () => {
    const { x, value } = reference.sin;
    expect(worstUlp(x, value, portableSinSmall)).toBeLessThanOrEqual(2);
  });
  it('handle the special values as Math does', () => {
    expect(portableLog1p(-1)).toBe(-Infinity);
    expect(portableLog1p(-2)).toBeNaN();
    expect(portableLog1p(0)).toBe(0);
    expect(Object.is(portableExpm1(-0), -0)).toBe(true);
    expect(portableExpm1(-1000)).toBe(-1);
    expect(portableExpm1(1000)).toBe(Infinity);
    expect(portablePow(0, 2)).toBe(0);
    expect(portablePow(0, -1)).toBe(Infinity);
    expect(portablePow(-2, 3)).toBe(-8);
    expect(portablePow(-2, 0.5)).toBeNaN();
    expect(portablePow(7, 0)).toBe(1);
    expect(portablePow(2, 10)).toBe(1024);
    expect(portablePow(4, 1.5)).toBe(8);
    expect(binaryExponent(1)).toBe(0);
    expect(binaryExponent(0.75)).toBe(-1);
    expect(binaryExponent(Number.MIN_VALUE)).toBe(-1074);
    expect(binaryExponent(Number.MAX_VALUE)).toBe(1023);
  });
  it('the series versions the seeded generators keep agree with the fast ones within 1 ulp', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), fc.double({ min: -700, max: 700, noNaN: true }), (x, y) => {
        expect(ulpDistance(seriesLog(x), portableLog(x))).toBeLessThanOrEqual(2);
        expect(ulpDistance(seriesExp(y), portableExp(y))).toBeLessThanOrEqual(2);
      }),
      { numRuns: 2000 },
    );
  });
});
