import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { portableExp, portableLog } from '../../src/core/portableMath';

function ulpDistance(a: number, b: number): number {
  if (a === b) return 0;
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Number(view.getBigInt64(0) > view.getBigInt64(8) ? view.getBigInt64(0) - view.getBigInt64(8) : view.getBigInt64(8) - view.getBigInt64(0));
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
