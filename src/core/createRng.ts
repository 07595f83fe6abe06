import { alea, type AleaStream } from './alea';
import { seriesLog } from './portableMath';
import { describeValue } from './describeValue';
import { SegmentkitError } from './SegmentkitError';
import { MAX_CELLS } from './sizeLimits';

/** A seed: any finite number or string. The same seed gives the same sequence on Node, Deno, Bun and browsers. */
export type Seed = number | string;

/** Anything {@link Rng.shuffle} can reorder in place: an array or a typed array. */
export type MutableList =
  | unknown[]
  | Int32Array
  | Uint32Array
  | Float64Array
  | Float32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array;

/**
 * A seeded random number generator. Every randomised function in segmentkit takes a `seed` and builds one of
 * these inside the call; there is no module-level random state.
 */
export interface Rng {
  /** The seed this generator was created from. */
  readonly seed: Seed;
  /** A uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
  /** A normal draw (Marsaglia polar method). Defaults: `mean = 0`, `std = 1`. */
  normal(mean?: number, std?: number): number;
  /** An exponential draw with the given `rate` (mean 1 / rate). Default `rate = 1`. */
  exponential(rate?: number): number;
  /** A uniform integer in [`min`, `maxExclusive`). */
  integer(min: number, maxExclusive: number): number;
  /** Shuffle `items` in place (Fisher–Yates) and return it. */
  shuffle<T extends MutableList>(items: T): T;
  /** A uniformly random permutation of 0 … n − 1. */
  permutation(n: number): Int32Array;
  /** An index drawn with probability proportional to `weights[i]` (non-negative, not all zero). */
  weightedIndex(weights: ArrayLike<number>): number;
  /** An item of `items` drawn with probability proportional to its weight (uniformly when no weights are given). */
  weightedChoice<T>(items: readonly T[], weights?: ArrayLike<number>): T;
  /** A fresh 32-bit unsigned seed derived from this stream, for seeding an independent child generator. */
  nextSeed(): number;
}

/**
 * Pick a seed when the caller gave none, so a fitted model can report the seed it actually used.
 *
 * @example
 * resolveSeed(42); // => 42
 * typeof resolveSeed(undefined); // => 'number'
 */
export function resolveSeed(seed: Seed | undefined, context = 'createRng'): Seed {
  if (seed === undefined) return Math.floor(Math.random() * 4294967296);
  if ((typeof seed === 'number' && Number.isFinite(seed)) || typeof seed === 'string') return seed;
  throw new SegmentkitError('E_PARAM', `${context}: seed must be a finite number or a string, got ${describeValue(seed)}`);
}

/** A normal draw, refused when a mean or spread near the largest double pushed it past it. */
function finiteDraw(value: number): number {
  if (value - value !== 0) {
    throw new SegmentkitError(
      'E_DOMAIN',
      'Rng.normal: the draw overflows (mean and std this large leave no room); use a smaller mean or std',
    );
  }
  return value;
}

type AleaPrng = AleaStream;

function integerWith(prng: AleaPrng, min: number, maxExclusive: number): number {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(maxExclusive) || !(maxExclusive > min)) {
    const range = `[${describeValue(min)}, ${describeValue(maxExclusive)})`;
    throw new SegmentkitError(
      'E_PARAM',
      Number.isSafeInteger(min) && Number.isSafeInteger(maxExclusive)
        ? `Rng.integer: empty range ${range}; pass min < maxExclusive`
        : `Rng.integer: the range ${range} must be two safe integers with min < maxExclusive`,
    );
  }
  return min + Math.floor(prng.double() * (maxExclusive - min));
}

function shuffleWith<T extends MutableList>(prng: AleaPrng, items: T): T {
  if (!Array.isArray(items) && !(ArrayBuffer.isView(items) && !(items instanceof DataView))) {
    throw new SegmentkitError('E_PARAM', `Rng.shuffle: items must be an array or a typed array, got ${describeValue(items)}`);
  }
  const list = items as unknown[];
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(prng.double() * (i + 1));
    const tmp = list[i];
    list[i] = list[j];
    list[j] = tmp;
  }
  return items;
}

function weightedIndexWith(prng: AleaPrng, weights: ArrayLike<number>): number {
  if (!Array.isArray(weights) && !(ArrayBuffer.isView(weights) && !(weights instanceof DataView))) {
    throw new SegmentkitError('E_PARAM', `Rng.weightedIndex: weights must be an array of numbers, got ${describeValue(weights)}`);
  }
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (typeof w !== 'number' || !(w >= 0) || w === Infinity) {
      throw new SegmentkitError('E_PARAM', `Rng.weightedIndex: weights[${i}] is ${describeValue(w)}; weights must be finite and ≥ 0`);
    }
    total += w;
  }
  if (!(total > 0)) throw new SegmentkitError('E_PARAM', 'Rng.weightedIndex: all weights are zero');
  // weights near the largest double can sum past it: draw on weights scaled by 2^−64 then (exact, same odds)
  const scale = total === Infinity ? 5.421010862427522e-20 : 1;
  if (scale !== 1) {
    total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i]! * scale;
  }
  const target = prng.double() * total;
  let cumulative = 0;
  let last = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]! * scale;
    if (w === 0) continue;
    cumulative += w;
    last = i;
    if (target < cumulative) return i;
  }
  return last; // rounding left target ≥ the running sum: the last positive weight
}

/** @internal The part of an {@link Rng} that sampling rows needs (k-means initialisation). */
export type SamplingRng = Pick<Rng, 'seed' | 'uniform' | 'integer' | 'shuffle' | 'weightedIndex'>;

/**
 * @internal
 * A seeded generator with only {@link SamplingRng}'s methods: the same stream as {@link createRng} for the same
 * seed (one Alea generator, the same draws per call), without the normal and exponential samplers, so a bundle
 * that only samples rows (KMeans) leaves them out.
 *
 * @example
 * createSamplingRng(42).uniform() === createRng(42).uniform(); // => true
 */
export function createSamplingRng(seed: Seed): SamplingRng {
  const resolved = resolveSeed(seed);
  const prng = alea(String(resolved));
  return {
    seed: resolved,
    uniform: () => prng.double(),
    integer: (min, maxExclusive) => integerWith(prng, min, maxExclusive),
    shuffle: (items) => shuffleWith(prng, items),
    weightedIndex: (weights) => weightedIndexWith(prng, weights),
  };
}

/**
 * Create a seeded {@link Rng} (Baagøe's Alea generator, the stream seedrandom's `alea` gives; 53-bit doubles). Transcendental steps use an
 * engine-independent logarithm, so sequences are bit-identical across JavaScript runtimes.
 *
 * @param seed - a finite number or a string
 * @throws {@link SegmentkitError} `E_PARAM` if the seed is neither.
 * @example
 * const rng = createRng(42);
 * const a = rng.uniform();
 * createRng(42).uniform() === a; // => true
 */
export function createRng(seed: Seed): Rng {
  const resolved = resolveSeed(seed);
  const prng = alea(String(resolved));
  let spareNormal = 0;
  let hasSpare = false;
  const integer = (min: number, maxExclusive: number): number => integerWith(prng, min, maxExclusive);
  const rng: Rng = {
    seed: resolved,
    uniform: () => prng.double(),
    normal(mean = 0, std = 1) {
      // two comparisons per draw: makeBlobs calls this once per cell, and a NaN or negative spread must not pass
      if (typeof mean !== 'number' || typeof std !== 'number' || !(mean - mean === 0) || !(std >= 0 && std !== Infinity)) {
        throw new SegmentkitError(
          'E_PARAM',
          `Rng.normal: mean must be finite and std finite and ≥ 0, got mean ${describeValue(mean)}, std ${describeValue(std)}`,
        );
      }
      if (hasSpare) {
        hasSpare = false;
        return finiteDraw(mean + std * spareNormal);
      }
      let u: number;
      let v: number;
      let s: number;
      do {
        u = 2 * prng.double() - 1;
        v = 2 * prng.double() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const factor = Math.sqrt((-2 * seriesLog(s)) / s);
      spareNormal = v * factor;
      hasSpare = true;
      return finiteDraw(mean + std * u * factor);
    },
    exponential(rate = 1) {
      if (typeof rate !== 'number' || !(rate > 0 && rate !== Infinity)) {
        throw new SegmentkitError('E_PARAM', `Rng.exponential: rate must be a finite number > 0, got ${describeValue(rate)}`);
      }
      // 1 − U is in (0, 1], so the logarithm is finite; a rate near 0 can still push the draw past the largest double
      const draw = -seriesLog(1 - prng.double()) / rate;
      if (draw === Infinity)
        throw new SegmentkitError('E_DOMAIN', `Rng.exponential: rate ${rate} is so small that the draw overflows; use a larger rate`);
      return draw;
    },
    integer,
    shuffle: (items) => shuffleWith(prng, items),
    permutation(n) {
      if (!Number.isInteger(n) || n < 0 || n > MAX_CELLS) {
        throw new SegmentkitError('E_PARAM', `Rng.permutation: n must be an integer in [0, ${MAX_CELLS}], got ${describeValue(n)}`);
      }
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = i;
      return shuffleWith(prng, out);
    },
    weightedIndex: (weights) => weightedIndexWith(prng, weights),
    weightedChoice(items, weights) {
      if (!Array.isArray(items)) {
        throw new SegmentkitError('E_PARAM', `Rng.weightedChoice: items must be an array, got ${describeValue(items)}`);
      }
      if (items.length === 0) throw new SegmentkitError('E_EMPTY', 'Rng.weightedChoice: no items to choose from');
      if (weights === undefined) return items[integer(0, items.length)]!;
      if (!Array.isArray(weights) && !(ArrayBuffer.isView(weights) && !(weights instanceof DataView))) {
        throw new SegmentkitError('E_PARAM', `Rng.weightedChoice: weights must be an array of numbers, got ${describeValue(weights)}`);
      }
      if (weights.length !== items.length) {
        throw new SegmentkitError('E_SHAPE', `Rng.weightedChoice: ${weights.length} weights for ${items.length} items`);
      }
      return items[rng.weightedIndex(weights)]!;
    },
    nextSeed() {
      return prng.int32() >>> 0;
    },
  };
  return rng;
}
