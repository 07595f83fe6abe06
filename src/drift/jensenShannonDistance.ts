import { describeValue } from '../core/describeValue';
import { isListLike } from '../core/listLike';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireNumber } from '../core/validateOptions';
import { portableLog } from '../core/portableMath';

/** Options for {@link jensenShannonDistance}. */
export interface JensenShannonOptions {
  /** Base of the logarithm, > 1. Default 2, so the distance lies in [0, 1] (scipy's own default is e: pass `Math.E`). */
  readonly base?: number;
}

/** @internal Σ x log(x / m) over the entries with x > 0 (scipy's rel_entr summed). */
function relativeEntropy(x: Float64Array, m: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    if (xi > 0) sum += xi * portableLog(xi / m[i]!);
  }
  return sum;
}

function normalised(values: ArrayLike<number>, name: string): Float64Array {
  const out = new Float64Array(values.length);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number')
      throw new SegmentkitError(
        'E_PARSE',
        `jensenShannonDistance: ${name}[${i}] is ${describeValue(v)}, not a number; pass weights or counts as numbers`,
      );
    if (!Number.isFinite(v)) throw new SegmentkitError('E_NOT_FINITE', `jensenShannonDistance: ${name}[${i}] is ${v}; pass finite weights`);
    if (v < 0) throw new SegmentkitError('E_DOMAIN', `jensenShannonDistance: ${name}[${i}] is ${v}; weights must be ≥ 0`);
    total += v;
  }
  if (!(total > 0)) throw new SegmentkitError('E_DOMAIN', `jensenShannonDistance: ${name} sums to 0; pass at least one positive weight`);
  // weights near the largest double can sum past it: normalise them halved 64 times instead (exact, the same shares)
  const scale = total === Infinity ? 2 ** -64 : 1;
  if (scale !== 1) {
    total = 0;
    for (let i = 0; i < values.length; i++) total += values[i]! * scale;
  }
  for (let i = 0; i < values.length; i++) out[i] = (values[i]! * scale) / total;
  return out;
}

/** @internal The distance between two validated, normalised distributions. */
export function jensenShannonNormalised(p: Float64Array, q: Float64Array, base: number): number {
  const m = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) m[i] = (p[i]! + q[i]!) / 2;
  let js = relativeEntropy(p, m) + relativeEntropy(q, m);
  js /= portableLog(base);
  return Math.sqrt(Math.max(0, js / 2));
}

/**
 * Jensen–Shannon distance between two discrete distributions: the square root of the Jensen–Shannon divergence
 * ½ KL(p ‖ m) + ½ KL(q ‖ m) with m = (p + q)/2, as scipy 1.10 `spatial.distance.jensenshannon(p, q, base)` returns
 * it (a metric; 0 for equal distributions, 1 for disjoint ones in base 2). `p` and `q` are normalised to sum 1,
 * so counts work as well as shares. Rounding can make the divergence a hair below 0 for near-equal inputs, where
 * scipy returns NaN; here the distance is 0.
 * See https://en.wikipedia.org/wiki/Jensen%E2%80%93Shannon_divergence.
 *
 * @param p - non-negative weights per category
 * @param q - non-negative weights for the same categories, in the same order
 * @throws {@link SegmentkitError} `E_SHAPE` when the lengths differ, `E_EMPTY` for no categories, `E_DOMAIN` for a
 *   negative weight or an all-zero distribution, `E_NOT_FINITE` / `E_PARSE` for bad entries, `E_PARAM` for a bad base.
 * @example
 * jensenShannonDistance([1, 0], [0, 1]); // => 1
 * jensenShannonDistance([0.5, 0.5], [0.9, 0.1]); // => 0.3831…
 */
export function jensenShannonDistance(p: ArrayLike<number>, q: ArrayLike<number>, options: JensenShannonOptions = {}): number {
  assertKnownOptions('jensenShannonDistance', options, ['base']);
  // a base below 1 makes every log negative, so the divergence would be negative (scipy returns NaN)
  const base = requireNumber('jensenShannonDistance', 'base', options.base ?? 2, { min: 1, exclusiveMin: true });
  for (const [name, values] of [
    ['p', p],
    ['q', q],
  ] as const) {
    if (!isListLike(values))
      throw new SegmentkitError(
        'E_PARAM',
        `jensenShannonDistance: ${name} must be an array of weights or counts, got ${describeValue(values)}`,
      );
  }
  if (p.length !== q.length) {
    throw new SegmentkitError(
      'E_SHAPE',
      `jensenShannonDistance: p has ${p.length} entries but q has ${q.length}; pass one weight per category in both`,
    );
  }
  if (p.length === 0) throw new SegmentkitError('E_EMPTY', 'jensenShannonDistance: p and q are empty');
  return jensenShannonNormalised(normalised(p, 'p'), normalised(q, 'q'), base);
}
