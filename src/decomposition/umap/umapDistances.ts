import type { UMAPMetric } from './umapParams';

/** @internal Squared Euclidean distance during the search (the square root is taken at the end). */
export const MODE_EUCLIDEAN = 0;
/** @internal Sum of absolute differences. */
export const MODE_MANHATTAN = 1;
/** @internal 1 − the dot product of unit rows (rows of zeros flagged). */
export const MODE_COSINE = 2;

/**
 * @internal
 * Rows ready for the neighbour search: as given for Euclidean and Manhattan distances, scaled to unit length for
 * the cosine distance (a row of zeros stays zeros and is flagged, so that it is at distance 1 from every other
 * row and 0 from another row of zeros, as umap-learn and pynndescent define it).
 */
export interface MetricRows {
  /** `MODE_EUCLIDEAN`, `MODE_MANHATTAN` or `MODE_COSINE`. */
  readonly mode: number;
  /** n × d, row-major. */
  readonly data: Float64Array;
  /** Rows. */
  readonly n: number;
  /** Columns. */
  readonly d: number;
  /** 1 for a row of zeros (cosine only; all 0 otherwise). */
  readonly zero: Uint8Array;
}

/** @internal The search mode of a metric. */
export function metricMode(metric: UMAPMetric): number {
  return metric === 'manhattan' ? MODE_MANHATTAN : metric === 'cosine' ? MODE_COSINE : MODE_EUCLIDEAN;
}

/** @internal {@link MetricRows} of `data` (n × d); for the cosine distance, a unit-length copy. */
export function metricRows(data: Float64Array, n: number, d: number, mode: number): MetricRows {
  const zero = new Uint8Array(n);
  if (mode !== MODE_COSINE) return { mode, data, n, d, zero };
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const base = i * d;
    // divide by the largest magnitude first, so the sum of squares cannot overflow
    let largest = 0;
    for (let t = 0; t < d; t++) {
      const v = data[base + t]!;
      const m = v < 0 ? -v : v;
      if (m > largest) largest = m;
    }
    if (largest === 0) {
      zero[i] = 1;
      continue;
    }
    let sum = 0;
    for (let t = 0; t < d; t++) {
      const v = data[base + t]! / largest;
      out[base + t] = v;
      sum += v * v;
    }
    const norm = Math.sqrt(sum);
    for (let t = 0; t < d; t++) out[base + t] = out[base + t]! / norm;
  }
  return { mode, data: out, n, d, zero };
}

/**
 * @internal
 * The search distance between row i of `a` and row j of `b` (both prepared the same way): squared Euclidean,
 * Manhattan, or the cosine distance (clamped at 0 against rounding).
 */
export function searchDistance(a: MetricRows, i: number, b: MetricRows, j: number): number {
  const d = a.d;
  const x = a.data;
  const y = b.data;
  const ia = i * d;
  const jb = j * d;
  if (a.mode === MODE_EUCLIDEAN) {
    let sum = 0;
    for (let t = 0; t < d; t++) {
      const diff = x[ia + t]! - y[jb + t]!;
      sum += diff * diff;
    }
    return sum;
  }
  if (a.mode === MODE_MANHATTAN) {
    let sum = 0;
    for (let t = 0; t < d; t++) {
      const diff = x[ia + t]! - y[jb + t]!;
      sum += diff < 0 ? -diff : diff;
    }
    return sum;
  }
  const zi = a.zero[i]!;
  const zj = b.zero[j]!;
  if (zi !== 0 || zj !== 0) return zi !== 0 && zj !== 0 ? 0 : 1;
  let dot = 0;
  for (let t = 0; t < d; t++) dot += x[ia + t]! * y[jb + t]!;
  const distance = 1 - dot;
  return distance > 0 ? distance : 0;
}

/** @internal The distance a search distance stands for (the square root of a squared Euclidean one). */
export function trueDistance(mode: number, value: number): number {
  return mode === MODE_EUCLIDEAN ? Math.sqrt(value) : value;
}
