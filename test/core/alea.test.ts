// segmentkit's Alea against seedrandom's (the reference implementation of Baagøe's algorithm): the same stream,
// draw for draw, so every seeded result in the library is what it was when seedrandom generated it.
import seedrandomAlea from 'seedrandom/lib/alea.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alea } from '../../src/core/alea';

describe('alea equals seedrandom/lib/alea.js', () => {
  it('double and int32, interleaved, for named seeds (100 000 draws each)', () => {
    for (const seed of ['42', '0', '-7', '3.14159', '4294967295', 'abc', 'ñ😀', '', '123456789012345678901234567890']) {
      const reference = seedrandomAlea(seed);
      const ours = alea(seed);
      for (let i = 0; i < 100_000; i++) {
        if (i % 3 === 0) expect(ours.int32()).toBe(reference.int32());
        else expect(Object.is(ours.double(), reference.double())).toBe(true);
      }
    }
  });
  it('any seed string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (seed) => {
        const reference = seedrandomAlea(seed);
        const ours = alea(seed);
        for (let i = 0; i < 50; i++) if (!Object.is(ours.double(), reference.double())) return false;
        return true;
      }),
      { seed: 20261202, numRuns: 500 },
    );
  });
});
