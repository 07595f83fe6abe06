// Unit tests of internals too: expSmallNegative, portableExp, portableLog (imported from src/, not part of the public API).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { expSmallNegative, portableExp, portableLog } from '../../src/core/portableMath';
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

describe('portableLog / portableExp (engine-independent transcendental functions)', () => {
  it('agree with Math.log within 2 ulp across the positive doubles', () => {
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }), (x) => {
        expect(ulpDistance(portableLog(x), Math.log(x))).toBeLessThanOrEqual(2);
      }),
      { numRuns: 5000 },
    );
  });

  it('agree with Math.exp within 2 ulp', () => {
    fc.assert(
      fc.property(fc.double({ min: -700, max: 700, noNaN: true }), (x) => {
        expect(ulpDistance(portableExp(x), Math.exp(x))).toBeLessThanOrEqual(2);
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
