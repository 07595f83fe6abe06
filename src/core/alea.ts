// Johannes Baagøe's Alea generator (2010): three 32-bit-fraction states combined with a carry, seeded through his
// "Mash" string hash. Written here from the published algorithm so the core bundles no CommonJS; the stream is
// the one seedrandom's `alea` gives for the same seed string (test/core/alea.test.ts compares them, seedrandom
// being a devDependency), so every seeded result is unchanged.

/** @internal A seeded Alea stream. */
export interface AleaStream {
  /** A uniform double in [0, 1) with 53 random bits (two draws). */
  double(): number;
  /** A signed 32-bit integer (one draw). */
  int32(): number;
}

/** 2^−32 */
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;
/** 2^−53 */
const TWO_POW_MINUS_53 = 1.1102230246251565e-16;

/** @internal Baagøe's Mash: each call folds a string into the running hash and returns a fraction in [0, 1). */
function createMash(): (text: string) => number {
  let n = 0xefc8249d;
  return (text) => {
    for (let i = 0; i < text.length; i++) {
      n += text.charCodeAt(i);
      let h = 0.02519603282416938 * n;
      n = h >>> 0;
      h -= n;
      h *= n;
      n = h >>> 0;
      h -= n;
      n += h * 0x100000000;
    }
    return (n >>> 0) * TWO_POW_MINUS_32;
  };
}

/**
 * @internal An Alea stream for a seed string.
 *
 * @example
 * alea('42').double() === alea('42').double(); // => true
 */
export function alea(seed: string): AleaStream {
  const mash = createMash();
  let s0 = mash(' ');
  let s1 = mash(' ');
  let s2 = mash(' ');
  let c = 1;
  s0 -= mash(seed);
  if (s0 < 0) s0 += 1;
  s1 -= mash(seed);
  if (s1 < 0) s1 += 1;
  s2 -= mash(seed);
  if (s2 < 0) s2 += 1;
  const next = (): number => {
    const t = 2091639 * s0 + c * TWO_POW_MINUS_32;
    s0 = s1;
    s1 = s2;
    c = t | 0;
    s2 = t - c;
    return s2;
  };
  return {
    double: () => next() + ((next() * 0x200000) | 0) * TWO_POW_MINUS_53,
    int32: () => (next() * 0x100000000) | 0,
  };
}
