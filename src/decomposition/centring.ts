import type { Matrix } from '../core/Matrix';
import { ldexp } from '../core/ldexp';
import { binaryExponent } from '../core/portableMath';

/**
 * @internal
 * Column means (as numpy's `X.mean(axis=0)`: a sequential sum per column, then one division) and a power-of-two
 * scale for the centred values, in one pass. The scale is 1 for ordinary data; when the centred values are so
 * large or small (beyond 2^±300) that their squares could overflow or underflow, it is the power of two that
 * brings them near 1, so rescaling is exact and is undone exactly on the results.
 */
export function centring(m: Matrix): { mean: Float64Array; scale: number } {
  const { data, rows: n, cols: d } = m;
  const mean = new Float64Array(d);
  const lo = new Float64Array(d).fill(Infinity);
  const hi = new Float64Array(d).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const offset = i * d;
    for (let j = 0; j < d; j++) {
      const v = data[offset + j]!;
      mean[j] = mean[j]! + v;
      if (v < lo[j]!) lo[j] = v;
      if (v > hi[j]!) hi[j] = v;
    }
  }
  let spread = 0;
  for (let j = 0; j < d; j++) {
    mean[j] = mean[j]! / n;
    spread = Math.max(spread, hi[j]! - mean[j]!, mean[j]! - lo[j]!);
  }
  let scale = 1;
  if (spread > 2 ** 300 || (spread > 0 && spread < 2 ** -300)) scale = ldexp(1, -binaryExponent(spread));
  return { mean, scale };
}
