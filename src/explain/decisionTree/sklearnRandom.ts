// scikit-learn's tree randomness, reproduced so that a seed gives the same tree as `random_state=seed`:
// numpy's legacy RandomState(seed) (MT19937, init_genrand) draws the splitter's seed with
// randint(0, 2³¹ − 1) (masked rejection on 32-bit outputs), and the splitter then draws features with its
// xorshift `our_rand_r` (sklearn/tree/_utils.pyx). Only integer arithmetic, so every engine gives the same bits.

const N = 624;
const M = 397;
const RAND_R_MAX = 0x7fffffff;

/** The first 32-bit output of numpy's RandomState(seed) after legacy seeding, and the ones after it. */
function mt19937(seed: number): () => number {
  const mt = new Uint32Array(N);
  mt[0] = seed >>> 0;
  for (let i = 1; i < N; i++) {
    const previous = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
    mt[i] = (Math.imul(1812433253, previous) + i) >>> 0;
  }
  let index = N;
  return () => {
    if (index >= N) {
      for (let i = 0; i < N; i++) {
        const y = (mt[i]! & 0x80000000) | (mt[(i + 1) % N]! & 0x7fffffff);
        mt[i] = mt[(i + M) % N]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      index = 0;
    }
    let y = mt[index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  };
}

/** @internal numpy's RandomState(seed).randint(0, 2³¹ − 1): the seed scikit-learn gives its splitter. */
export function sklearnSplitterSeed(seed: number): number {
  const next = mt19937(seed);
  const range = RAND_R_MAX - 1;
  for (;;) {
    const v = next() & 0x7fffffff;
    if (v <= range) return v;
  }
}

/** @internal The splitter's generator: `rand_int(low, high)` as scikit-learn's `_utils.rand_int`. */
export class SklearnTreeRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** our_rand_r: a 32-bit xorshift, reduced modulo 2³¹. */
  next(): number {
    let s = this.#state === 0 ? 1 : this.#state;
    s = (s ^ (s << 13)) >>> 0;
    s = (s ^ (s >>> 17)) >>> 0;
    s = (s ^ (s << 5)) >>> 0;
    this.#state = s;
    return s % (RAND_R_MAX + 1);
  }

  /** A whole number in [low, high). */
  integer(low: number, high: number): number {
    return low + (this.next() % (high - low));
  }
}
