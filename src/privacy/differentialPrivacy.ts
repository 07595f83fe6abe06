import { describeValue } from '../core/describeValue';
import { MAX_CELLS } from '../core/sizeLimits';
// Differentially private counts and means for published tables. Every transcendental goes through
// core/portableMath, so a seeded release is bit-identical on every JavaScript engine: the noise is built from
// exponential draws −log(1 − U) (portableLog) of the seeded Alea stream, then IEEE-exact arithmetic (division,
// floor, sqrt).
import { createRng, resolveSeed, type Rng, type Seed } from '../core/createRng';
import { portableExp, portableLog } from '../core/portableMath';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireInteger, requireNumber, requireOneOf } from '../core/validateOptions';

/**
 * How noise is added: `'laplace'` (continuous, scale Δ/ε) or `'geometric'` (the two-sided geometric
 * distribution, P(z) ∝ α^|z| with α = e^(−ε/Δ): integer noise for integer counts, the discrete Laplace).
 */
export type PrivacyMechanism = 'laplace' | 'geometric';

/** Options of {@link privateCount} and {@link privateCounts}. */
export interface PrivateCountOptions {
  /**
   * The privacy budget ε of this release (> 0, finite). Smaller is more private and noisier: the noise's standard
   * deviation is about √2 · Δ / ε. Releases add up (sequential composition): two releases of ε = 0.5 cost 1.
   */
  readonly epsilon: number;
  /** `'geometric'` (default: integer results) or `'laplace'`. */
  readonly mechanism?: PrivacyMechanism;
  /**
   * Δ, the most one customer can change the count (default 1: adding or removing a customer changes a count by
   * at most one). A whole number for the geometric mechanism. If a customer can be counted up to m times, use m.
   */
  readonly sensitivity?: number;
  /**
   * Seed of the noise, for a reproducible release (tests, re-running a report). Treat it like a key: whoever
   * knows the seed can regenerate the noise and subtract it, so never publish it. Default: a fresh seed from
   * `crypto.getRandomValues` (Math.random where WebCrypto is missing).
   */
  readonly seed?: Seed;
}

/** A differentially private number, with what it cost and how noisy it is. */
export interface PrivateValue {
  /** The noisy value (an integer for the geometric mechanism; may be negative: clamp or round afterwards freely). */
  readonly value: number;
  /** The ε this release spent. */
  readonly epsilon: number;
  /** The mechanism used. */
  readonly mechanism: PrivacyMechanism;
  /** Δ, the sensitivity the noise was calibrated to. */
  readonly sensitivity: number;
  /**
   * Standard deviation of the added noise: √2 · Δ / ε (Laplace) or √(2α) / (1 − α) with α = e^(−ε/Δ)
   * (geometric). About 68 % of releases are within one of the true value for Laplace.
   */
  readonly standardDeviation: number;
}

/** Differentially private counts of disjoint cells (see {@link privateCounts}). */
export interface PrivateCounts {
  /** The noisy counts, one per input count, in order. */
  readonly values: number[];
  /** The ε the whole vector spent (not per cell: the cells are disjoint). */
  readonly epsilon: number;
  /** The mechanism used. */
  readonly mechanism: PrivacyMechanism;
  /** Δ per cell. */
  readonly sensitivity: number;
  /** Standard deviation of each cell's noise (as {@link PrivateValue.standardDeviation}). */
  readonly standardDeviation: number;
}

/** Options of {@link privateMean}. */
export interface PrivateMeanOptions {
  /** The privacy budget ε of the mean (> 0, finite): half is spent on the count, half on the sum. */
  readonly epsilon: number;
  /** Smallest plausible value: lower values are raised to it before anything is computed. Chosen without looking at the data. */
  readonly lower: number;
  /** Largest plausible value: higher values are lowered to it. Chosen without looking at the data. */
  readonly upper: number;
  /** Seed of the noise; as {@link PrivateCountOptions.seed} (keep it secret). */
  readonly seed?: Seed;
}

/** A differentially private mean (see {@link privateMean}). */
export interface PrivateMean {
  /** The noisy mean, within [lower, upper]. */
  readonly value: number;
  /** The ε this release spent (count and sum together). */
  readonly epsilon: number;
  /** Always `'laplace'`. */
  readonly mechanism: 'laplace';
  /** Δ of the centred sum, (upper − lower) / 2; the count's Δ is 1. */
  readonly sensitivity: number;
  /** The noisy count used as the denominator (differentially private too, so it may be published with the mean). */
  readonly count: number;
  /** The lower clamping bound used. */
  readonly lower: number;
  /** The upper clamping bound used. */
  readonly upper: number;
}

function secureSeed(): Seed {
  const random = (globalThis as { crypto?: { getRandomValues?<T extends Uint32Array>(array: T): T } }).crypto;
  if (random?.getRandomValues === undefined) return resolveSeed(undefined);
  return Array.from(random.getRandomValues(new Uint32Array(4))).join('-');
}

/** An Exp(1) draw, −log(1 − U) with U in [0, 1) (so the logarithm is finite), through the portable logarithm. */
function exponential(rng: Rng): number {
  return -portableLog(1 - rng.uniform());
}

/**
 * @internal
 * One Laplace(0, scale) draw: the difference of two exponentials, scaled. Mean 0, variance 2 · scale².
 *
 * @example
 * laplaceNoise(createRng(1), 1) === laplaceNoise(createRng(1), 1); // => true
 */
export function laplaceNoise(rng: Rng, scale: number): number {
  return scale * (exponential(rng) - exponential(rng));
}

/**
 * @internal
 * One two-sided geometric draw, P(z) = (1 − α) / (1 + α) · α^|z| with α = e^(−rate): the difference of two
 * geometric variables floor(E / rate) (P(floor(E / rate) ≥ k) = e^(−k · rate) = α^k). Variance 2α / (1 − α)².
 *
 * @example
 * Number.isInteger(geometricNoise(createRng(1), 0.5)); // => true
 */
export function geometricNoise(rng: Rng, rate: number): number {
  return Math.floor(exponential(rng) / rate) - Math.floor(exponential(rng) / rate);
}

interface CountSetup {
  readonly epsilon: number;
  readonly mechanism: PrivacyMechanism;
  readonly sensitivity: number;
  readonly standardDeviation: number;
  readonly rng: Rng;
  readonly draw: () => number;
}

function readEpsilon(context: string, epsilon: unknown): number {
  return requireNumber(context, 'epsilon', epsilon, { min: 0, exclusiveMin: true });
}

function setupCount(context: string, options: PrivateCountOptions): CountSetup {
  if (options === null || typeof options !== 'object') {
    throw new SegmentkitError('E_PARAM', `${context}: pass options with at least epsilon, e.g. { epsilon: 1 }`);
  }
  assertKnownOptions(context, options, ['epsilon', 'mechanism', 'sensitivity', 'seed']);
  const epsilon = readEpsilon(context, options.epsilon);
  const mechanism = requireOneOf(context, 'mechanism', options.mechanism ?? 'geometric', ['laplace', 'geometric'] as const);
  const sensitivity =
    mechanism === 'geometric'
      ? requireInteger(context, 'sensitivity', options.sensitivity ?? 1, { min: 1 })
      : requireNumber(context, 'sensitivity', options.sensitivity ?? 1, { min: 0, exclusiveMin: true });
  const scale = sensitivity / epsilon;
  if (!Number.isFinite(scale)) {
    throw new SegmentkitError('E_PARAM', `${context}: sensitivity / epsilon = ${scale} is not finite; use a larger epsilon`);
  }
  const rng = createRng(options.seed ?? secureSeed());
  if (mechanism === 'laplace') {
    return { epsilon, mechanism, sensitivity, standardDeviation: Math.SQRT2 * scale, rng, draw: () => laplaceNoise(rng, scale) };
  }
  const rate = epsilon / sensitivity;
  const alpha = portableExp(-rate);
  if (!(alpha < 1))
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: epsilon / sensitivity = ${rate} is too small for the geometric mechanism (its noise would be unbounded); use a larger epsilon or a smaller sensitivity`,
    );
  return {
    epsilon,
    mechanism,
    sensitivity,
    standardDeviation: Math.sqrt(2 * alpha) / (1 - alpha),
    rng,
    draw: () => geometricNoise(rng, rate),
  };
}

/**
 * A differentially private count: `count` plus noise calibrated to ε and the sensitivity Δ (one customer changes
 * a count by at most Δ = 1). The geometric mechanism (default) adds two-sided geometric noise with
 * α = e^(−ε/Δ) and returns integers; `'laplace'` adds Laplace noise of scale Δ/ε. Either is ε-differentially
 * private for adding or removing one customer. The result states ε, the mechanism, Δ and the noise's standard
 * deviation, so a published table can say how it was protected.
 *
 * Each call spends ε: publishing the same count twice with different seeds costs 2ε (and averaging the two
 * releases removes noise). For a table of disjoint counts (customers per segment), use {@link privateCounts},
 * which spends ε once for the whole table. The seed makes the noise reproducible; keep it secret. The Laplace
 * mechanism uses ordinary doubles, not the "snapping" defence against floating-point attacks; prefer the
 * geometric mechanism for counts.
 *
 * @param count - the true count, a whole number ≥ 0
 * @throws {@link SegmentkitError} `E_PARAM` for ε ≤ 0 or not finite, an unknown mechanism or option, a
 *   sensitivity that is not > 0 (a whole number for geometric), or a count that is not a whole number ≥ 0.
 * @example
 * const r = privateCount(120, { epsilon: 1, seed: 7 });
 * [Number.isInteger(r.value), r.epsilon, r.mechanism, r.sensitivity]; // => [true, 1, 'geometric', 1]
 * r.value === privateCount(120, { epsilon: 1, seed: 7 }).value; // => true (the same seed gives the same noise)
 * privateCount(120, { epsilon: 1, mechanism: 'laplace', seed: 7 }).standardDeviation; // => 1.4142
 */
export function privateCount(count: number, options: PrivateCountOptions): PrivateValue {
  const context = 'privateCount';
  const setup = setupCount(context, options);
  requireInteger(context, 'count', count, { min: 0 });
  const { epsilon, mechanism, sensitivity, standardDeviation } = setup;
  return { value: count + setup.draw(), epsilon, mechanism, sensitivity, standardDeviation };
}

/**
 * Differentially private counts of disjoint cells, such as the number of customers in each segment: every cell
 * gets independent noise as in {@link privateCount}, and because each customer is in exactly one cell, the whole
 * vector is ε-differentially private (parallel composition), not ε per cell. If a customer can fall in up to m
 * cells, pass `sensitivity: m`. One seed drives the whole vector (never reuse one seed across cells in separate
 * {@link privateCount} calls: the cells would share their noise).
 *
 * @param counts - true counts, whole numbers ≥ 0, one per cell
 * @throws {@link SegmentkitError} as {@link privateCount}, naming the index of a bad count.
 * @example
 * const r = privateCounts([120, 80, 3], { epsilon: 0.5, seed: 1 });
 * [r.values.length, r.values.every(Number.isInteger), r.epsilon]; // => [3, true, 0.5]
 */
export function privateCounts(counts: ArrayLike<number>, options: PrivateCountOptions): PrivateCounts {
  const context = 'privateCounts';
  const setup = setupCount(context, options);
  if (counts === null || typeof counts !== 'object' || typeof counts.length !== 'number') {
    throw new SegmentkitError('E_PARAM', `${context}: counts must be an array of whole numbers ≥ 0, one per cell`);
  }
  if (!Number.isInteger(counts.length) || counts.length < 0 || counts.length > MAX_CELLS)
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: counts.length is ${describeValue(counts.length)}; pass an array of at most ${MAX_CELLS} counts`,
    );
  const values = Array.from({ length: counts.length }, (_, i) => requireInteger(context, `counts[${i}]`, counts[i], { min: 0 }));
  const { epsilon, mechanism, sensitivity, standardDeviation } = setup;
  return { values: values.map((c) => c + setup.draw()), epsilon, mechanism, sensitivity, standardDeviation };
}

/**
 * A differentially private mean of bounded values, the standard noisy-sum-over-noisy-count construction (as in
 * Google's differential-privacy library): every value is clamped to [lower, upper]; with m = (lower + upper) / 2,
 * the count n gets Laplace noise of scale 2/ε (Δ = 1) and the centred sum Σ(x − m) Laplace noise of scale
 * (upper − lower) / ε (Δ = (upper − lower) / 2, ε/2 each, so ε in all for adding or removing one customer);
 * the mean is noisy sum / max(1, noisy count) + m, clamped to [lower, upper].
 *
 * Choose the bounds from knowledge of the domain, not from the data (the data's own min and max leak). Values
 * outside are clamped, which biases the mean towards the bounds; bounds far wider than the data add noise.
 * An empty list is allowed (its mean is noise around m): refusing it would reveal that the segment is empty.
 *
 * @param values - the values of one segment, finite numbers
 * @throws {@link SegmentkitError} `E_PARAM` for ε ≤ 0 or not finite, bounds not finite or lower ≥ upper;
 *   `E_NOT_FINITE` naming the index of a value that is not a finite number.
 * @example
 * const spend = [20, 35, 50, 41, 28, 60, 33, 45, 38, 52];
 * const r = privateMean(spend, { epsilon: 1, lower: 0, upper: 100, seed: 3 });
 * [r.value >= 0 && r.value <= 100, r.epsilon, r.sensitivity]; // => [true, 1, 50]
 */
export function privateMean(values: ArrayLike<number>, options: PrivateMeanOptions): PrivateMean {
  const context = 'privateMean';
  if (options === null || typeof options !== 'object') {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: pass options with epsilon, lower and upper, e.g. { epsilon: 1, lower: 0, upper: 500 }`,
    );
  }
  assertKnownOptions(context, options, ['epsilon', 'lower', 'upper', 'seed']);
  const epsilon = readEpsilon(context, options.epsilon);
  const lower = requireNumber(context, 'lower', options.lower);
  const upper = requireNumber(context, 'upper', options.upper);
  if (!(upper > lower)) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: upper (${upper}) must be greater than lower (${lower}); give the plausible range of one value`,
    );
  }
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new SegmentkitError('E_PARAM', `${context}: values must be an array of finite numbers`);
  }
  const middle = lower / 2 + upper / 2;
  const half = upper / 2 - lower / 2;
  if (!Number.isFinite(half) || !Number.isFinite((2 * half) / epsilon)) {
    throw new SegmentkitError('E_PARAM', `${context}: the range [${lower}, ${upper}] is too wide for epsilon ${epsilon}`);
  }
  let centred = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new SegmentkitError(
        'E_NOT_FINITE',
        `${context}: values[${i}] is ${String(v)}; pass finite numbers (drop or impute missing values first)`,
      );
    }
    centred += Math.min(upper, Math.max(lower, v)) - middle;
  }
  const rng = createRng(options.seed ?? secureSeed());
  const count = values.length + laplaceNoise(rng, 2 / epsilon);
  const sum = centred + laplaceNoise(rng, (2 * half) / epsilon);
  const value = Math.min(upper, Math.max(lower, sum / Math.max(1, count) + middle));
  return { value, epsilon, mechanism: 'laplace', sensitivity: half, count, lower, upper };
}
