import { SegmentkitError } from '../core/SegmentkitError';
import { toVector } from '../core/toVector';
import { assertKnownOptions } from '../core/validateOptions';
import { sortFloat64 } from '../core/sortFloat64';

/** Options for {@link wassersteinDistance}. */
export interface WassersteinOptions {
  /** Non-negative weight per value of `a` (default: all equal). */
  readonly weightsA?: ArrayLike<number>;
  /** Non-negative weight per value of `b` (default: all equal). */
  readonly weightsB?: ArrayLike<number>;
}

/** @internal W₁ between two sorted, unweighted samples: Σ |F_a − F_b| Δx over the merged distinct values. */
export function wassersteinSorted(a: Float64Array, b: Float64Array): number {
  const na = a.length;
  const nb = b.length;
  let i = 0;
  let j = 0;
  let sum = 0;
  let compensation = 0;
  let value = Math.min(a[0]!, b[0]!);
  while (i < na || j < nb) {
    while (i < na && a[i]! <= value) i++;
    while (j < nb && b[j]! <= value) j++;
    if (i === na && j === nb) break;
    const next = j >= nb || (i < na && a[i]! < b[j]!) ? a[i]! : b[j]!;
    // Neumaier-compensated sum of |F_a − F_b| (next − value)
    const term = Math.abs(i / na - j / nb) * (next - value);
    const t = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
    value = next;
  }
  return sum + compensation;
}

/** Sort values with their weights; returns sorted values and cumulative weights (cum[0] = 0). */
function sortWeighted(values: Float64Array, weights: Float64Array): { sorted: Float64Array; cumulative: Float64Array } {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((x, y) => values[x]! - values[y]!);
  const sorted = new Float64Array(values.length);
  const cumulative = new Float64Array(values.length + 1);
  order.forEach((index, k) => {
    sorted[k] = values[index]!;
    cumulative[k + 1] = cumulative[k]! + weights[index]!;
  });
  return { sorted, cumulative };
}

function readWeights(weights: ArrayLike<number>, length: number, name: string): Float64Array {
  const w = toVector(weights, 'wassersteinDistance', { name, length });
  let total = 0;
  for (let i = 0; i < w.length; i++) {
    if (w[i]! < 0) throw new SegmentkitError('E_DOMAIN', `wassersteinDistance: ${name}[${i}] is ${w[i]}; weights must be ≥ 0`);
    total += w[i]!;
  }
  if (!(total > 0 && Number.isFinite(total))) {
    throw new SegmentkitError('E_DOMAIN', `wassersteinDistance: ${name} must have a positive, finite sum (leave it out for equal weights)`);
  }
  return w;
}

/**
 * First Wasserstein distance (earth mover's distance) between two one-dimensional samples: the area between
 * their CDFs, ∫ |F_a(x) − F_b(x)| dx, i.e. the least "mass × distance" needed to turn one into the other, in the
 * units of the data. Equal to scipy 1.10 `stats.wasserstein_distance(a, b, weightsA, weightsB)`.
 * {@link driftReport} divides it by the reference's standard deviation to make it unit-free.
 * See https://en.wikipedia.org/wiki/Wasserstein_metric.
 *
 * @param a - first sample (finite numbers)
 * @param b - second sample (finite numbers)
 * @throws {@link SegmentkitError} `E_EMPTY` for an empty sample, `E_SHAPE` for weights of the wrong length,
 *   `E_DOMAIN` for negative weights or a zero total, `E_NOT_FINITE` / `E_PARSE` for bad values, `E_PARAM` for an
 *   unknown option.
 * @example
 * wassersteinDistance([0, 1, 3], [5, 6, 8]); // => 5
 * wassersteinDistance([0, 1], [0, 1], { weightsA: [3, 1], weightsB: [2, 2] }); // => 0.25
 */
export function wassersteinDistance(a: ArrayLike<number>, b: ArrayLike<number>, options: WassersteinOptions = {}): number {
  assertKnownOptions('wassersteinDistance', options, ['weightsA', 'weightsB']);
  const u = toVector(a, 'wassersteinDistance', { name: 'a' });
  const v = toVector(b, 'wassersteinDistance', { name: 'b' });
  if (options.weightsA === undefined && options.weightsB === undefined) return wassersteinSorted(sortFloat64(u), sortFloat64(v));
  const wu = options.weightsA === undefined ? new Float64Array(u.length).fill(1) : readWeights(options.weightsA, u.length, 'weightsA');
  const wv = options.weightsB === undefined ? new Float64Array(v.length).fill(1) : readWeights(options.weightsB, v.length, 'weightsB');
  const su = sortWeighted(u, wu);
  const sv = sortWeighted(v, wv);
  const totalU = su.cumulative[u.length]!;
  const totalV = sv.cumulative[v.length]!;
  let i = 0;
  let j = 0;
  let sum = 0;
  let value = Math.min(su.sorted[0]!, sv.sorted[0]!);
  while (i < u.length || j < v.length) {
    while (i < u.length && su.sorted[i]! <= value) i++;
    while (j < v.length && sv.sorted[j]! <= value) j++;
    if (i === u.length && j === v.length) break;
    const next = j >= v.length || (i < u.length && su.sorted[i]! < sv.sorted[j]!) ? su.sorted[i]! : sv.sorted[j]!;
    sum += Math.abs(su.cumulative[i]! / totalU - sv.cumulative[j]! / totalV) * (next - value);
    value = next;
  }
  return sum;
}
