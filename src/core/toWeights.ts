import { SegmentkitError } from './SegmentkitError';
import { toVector } from './toVector';

/**
 * Validate optional per-row weights: `n` finite numbers ≥ 0, not all zero. Returns `null` when no weights
 * were given (callers treat that as all 1).
 *
 * @param sampleWeight - the weights, or undefined
 * @param n - number of rows
 * @param context - the calling function, for error messages
 * @throws {@link SegmentkitError} `E_SHAPE` (length), `E_NOT_FINITE`, `E_PARAM` (negative or all zero).
 * @example
 * Array.from(toWeights([1, 2], 2, 'example')!); // => [1, 2]
 * toWeights(undefined, 2, 'example'); // => null
 */
export function toWeights(sampleWeight: ArrayLike<number> | undefined, n: number, context: string): Float64Array | null {
  if (sampleWeight === undefined) return null;
  const weights = toVector(sampleWeight, context, { name: 'sampleWeight', length: n });
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (weights[i]! < 0) throw new SegmentkitError('E_PARAM', `${context}: sampleWeight[${i}] is ${weights[i]}; weights must be ≥ 0`);
    total += weights[i]!;
  }
  if (!(total > 0)) throw new SegmentkitError('E_PARAM', `${context}: sampleWeight is all zero; give some rows positive weight`);
  return weights;
}
