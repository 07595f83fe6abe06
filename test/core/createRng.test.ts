// Unit tests of internals too: resolveSeed (imported from src/, not part of the public API).
import fc from 'fast-check';
import { createRng } from 'segmentkit';
import { describe, expect, it } from 'vitest';

import { resolveSeed } from '../../src/core/createRng';
import { expectSegmentkitError } from '../helpers/expectError';

function draws(seed: number | string, n: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.uniform());
}

describe('createRng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    expect(draws(42, 100)).toEqual(draws(42, 100));
    expect(draws('42', 100)).toEqual(draws(42, 100));
    expect(draws(43, 100)).not.toEqual(draws(42, 100));
  });

  it('has no shared state between generators', () => {
    const a = createRng(7);
    const b = createRng(7);
    a.uniform();
    a.normal();
    expect(b.uniform()).toBe(createRng(7).uniform());
  });

  it('uniform() is in [0, 1) with mean ≈ 1/2 and variance ≈ 1/12 (n = 200 000)', () => {
    const rng = createRng(1);
    let sum = 0;
    let sumSq = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
      sumSq += u * u;
    }
    const mean = sum / n;
    // 5 standard errors: sd(U) / √n ≈ 0.00065
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sumSq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('normal(mean, std) has the requested moments', () => {
    const rng = createRng(2);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let sumCube = 0;
    for (let i = 0; i < n; i++) {
      const z = (rng.normal(10, 3) - 10) / 3;
      sum += z;
      sumSq += z * z;
      sumCube += z * z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(sumCube / n)).toBeLessThan(5 * Math.sqrt(15 / n));
  });

  it('exponential(rate) has mean 1 / rate and is never negative', () => {
    const rng = createRng(3);
    const n = 100_000;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.exponential(4);
      expect(x).toBeGreaterThanOrEqual(0);
      sum += x;
    }
    expect(Math.abs(sum / n - 0.25)).toBeLessThan((5 * 0.25) / Math.sqrt(n));
  });

  it('integer(min, max) covers the range uniformly and rejects an empty range', () => {
    const rng = createRng(4);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[rng.integer(-2, 4) + 2]! += 1;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    expectSegmentkitError(() => rng.integer(3, 3), 'E_PARAM', /empty range/);
  });

  it('permutation(n) is a permutation and shuffle works in place', () => {
    const rng = createRng(5);
    const p = rng.permutation(1000);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    const items = ['a', 'b', 'c', 'd'];
    expect(rng.shuffle(items)).toBe(items);
    expect([...items].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('weightedIndex draws proportionally to the weights and never picks a zero weight', () => {
    const rng = createRng(6);
    const weights = [0, 1, 3, 0, 6];
    const counts = new Array<number>(5).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[rng.weightedIndex(weights)]! += 1;
    expect(counts[0]).toBe(0);
    expect(counts[3]).toBe(0);
    expect(Math.abs(counts[1]! / n - 0.1)).toBeLessThan(0.005);
    expect(Math.abs(counts[2]! / n - 0.3)).toBeLessThan(0.007);
    expectSegmentkitError(() => rng.weightedIndex([0, 0]), 'E_PARAM', /all weights are zero/);
    expectSegmentkitError(() => rng.weightedIndex([1, -1]), 'E_PARAM', /weights\[1\]/);
  });

  it('weightedChoice picks items by weight, uniformly without weights, and checks its input', () => {
    const rng = createRng(10);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 30_000; i++) counts[rng.weightedChoice(['a', 'b', 'c'] as const, [1, 0, 2])] += 1;
    expect(counts.b).toBe(0);
    expect(Math.abs(counts.c / 30_000 - 2 / 3)).toBeLessThan(0.015);
    expect(['x', 'y']).toContain(rng.weightedChoice(['x', 'y']));
    expectSegmentkitError(() => rng.weightedChoice([]), 'E_EMPTY');
    expectSegmentkitError(() => rng.weightedChoice(['a'], [1, 2]), 'E_SHAPE', /2 weights for 1 items/);
  });

  it('nextSeed() gives 32-bit unsigned integers that seed independent streams', () => {
    const rng = createRng(8);
    const s = rng.nextSeed();
    expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
    expect(draws(s, 3)).not.toEqual(draws(8, 3));
  });

  it('rejects seeds that are neither finite numbers nor strings', () => {
    expectSegmentkitError(() => createRng(NaN), 'E_PARAM', /seed/);
    expectSegmentkitError(() => createRng({} as never), 'E_PARAM');
  });

  it('resolveSeed keeps a given seed and invents one otherwise', () => {
    expect(resolveSeed(5)).toBe(5);
    expect(resolveSeed('abc')).toBe('abc');
    const invented = resolveSeed(undefined);
    expect(Number.isInteger(invented)).toBe(true);
  });

  it('same seed → same sequence for arbitrary seeds (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.string()), (seed) => {
        const a = createRng(seed);
        const b = createRng(seed);
        for (let i = 0; i < 5; i++) {
          expect(a.normal()).toBe(b.normal());
          expect(a.uniform()).toBe(b.uniform());
        }
      }),
    );
  });
});
