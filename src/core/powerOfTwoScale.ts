import { ldexp } from './ldexp';
import { binaryExponent } from './portableMath';

// Exact rescaling by powers of two: the scale-safe path of everything that sums squares of differences. Data whose
// magnitudes lie far from 1 (beyond 2^±SAFE_EXPONENT) is multiplied by 2^−e so that its largest magnitude lands in
// [0.5, 1): sums of squares of it can then neither overflow nor underflow, every comparison and every ratio is what
// it was, and results in the original units come back exactly (times 2^e). Ordinary data is never touched, so its
// results stay bit for bit what they were; the check is one pass over the input, outside every inner loop.

/**
 * @internal
 * Magnitudes up to 2^SAFE_EXPONENT (about 2.6e120) and down to 2^−SAFE_EXPONENT are computed on as given: a squared
 * difference of them is at most 2^802, and 2^53 such terms still sum below the largest double.
 */
export const SAFE_EXPONENT: number = 400;

/** @internal The largest |value| among `values[start … end)` (0 for none). */
export function largestMagnitude(values: ArrayLike<number>, start = 0, end: number = values.length): number {
  // typed rows (the common case, and millions of values) get a loop of their own: V8 compiles it for one element
  // kind, about 3× faster than the generic one
  if (values instanceof Float64Array) return largestMagnitudeOf(values, start, end);
  let max = 0;
  for (let i = start; i < end; i++) {
    const v = values[i]!;
    const magnitude = v < 0 ? -v : v;
    if (magnitude > max) max = magnitude;
  }
  return max;
}

function largestMagnitudeOf(values: Float64Array, start: number, end: number): number {
  let max = 0;
  for (let i = start; i < end; i++) {
    const magnitude = Math.abs(values[i]!);
    max = magnitude > max ? magnitude : max;
  }
  return max;
}

/**
 * @internal
 * The exponent e to divide by (2^e) so that `magnitude` lands in [0.5, 1), or 0 when `magnitude` is within the safe
 * range (or zero): 0 means "compute on the data as given".
 */
export function rescaleExponent(magnitude: number): number {
  if (magnitude === 0 || (magnitude <= 2 ** SAFE_EXPONENT && magnitude >= 2 ** -SAFE_EXPONENT)) return 0;
  return binaryExponent(magnitude) + 1;
}

/** @internal `values · 2^−exponent`, a copy (exact: a power of two); `values` itself when the exponent is 0. */
export function scaleDown(values: Float64Array, exponent: number): Float64Array {
  return exponent === 0 ? values : scaleDownInto(values, new Float64Array(values.length), exponent);
}

/** @internal {@link scaleDown} written into `out` (of the same length; it may be `values` itself), returned. */
export function scaleDownInto(values: Float64Array, out: Float64Array, exponent: number): Float64Array {
  if (exponent === 0) {
    if (out !== values) out.set(values);
    return out;
  }
  // two factors, each a representable power of two, for exponents beyond ±1023 (denormal data)
  const first = ldexp(1, -Math.trunc(exponent / 2));
  const second = ldexp(1, Math.trunc(exponent / 2) - exponent);
  for (let i = 0; i < values.length; i++) out[i] = values[i]! * first * second;
  return out;
}

/** @internal `value · 2^exponent`: a result of scaled data back in the original units (±Infinity if it does not fit). */
export function scaleUp(value: number, exponent: number): number {
  return exponent === 0 ? value : ldexp(value, exponent);
}
