import { columnMomentsOf } from '../core/columnMeans';
import { toMatrix, type MatrixLike } from '../core/Matrix';
import { interpolateSorted } from '../core/quantile';
import { assertKnownOptions, requireNumber, requireOneOf } from '../core/validateOptions';
import { sortedColumn } from './columnValues';

/** Options for {@link outlierMask}. */
export interface OutlierMaskOptions {
  /**
   * `'iqr'` (default): outside [Q1 − t·IQR, Q3 + t·IQR] (Tukey's fences). `'zscore'`: |x − mean| / std > t.
   * `'mad'`: modified z-score 0.6745·|x − median| / MAD > t (Iglewicz & Hoaglin).
   */
  readonly method?: 'iqr' | 'zscore' | 'mad';
  /** The threshold t. Default 1.5 for `'iqr'`, 3 for `'zscore'`, 3.5 for `'mad'`. */
  readonly threshold?: number;
}

/** The result of {@link outlierMask}. */
export interface OutlierReport {
  /** 1 for every row with at least one flagged value, else 0. Nothing is dropped. */
  readonly mask: Uint8Array;
  /** Number of flagged rows. */
  readonly count: number;
  /** Flagged values per column. */
  readonly byColumn: number[];
  /** The accepted interval per column, in the column's units. */
  readonly bounds: [number, number][];
}

/**
 * Flag outlying rows (any column outside its bounds) without removing them, so the caller decides: drop,
 * winsorize ({@link Winsorizer}), or inspect them as a segment of their own. Constant columns flag nothing.
 *
 * @throws {@link SegmentkitError} `E_PARAM` for an unknown method or a threshold ≤ 0; `E_NOT_FINITE`, `E_EMPTY`.
 * @example
 * outlierMask([[1], [2], [3], [2], [50]]).count; // => 1
 */
export function outlierMask(X: MatrixLike, options: OutlierMaskOptions = {}): OutlierReport {
  assertKnownOptions('outlierMask', options, ['method', 'threshold']);
  const method = options.method === undefined ? 'iqr' : requireOneOf('outlierMask', 'method', options.method, ['iqr', 'zscore', 'mad']);
  const threshold = requireNumber('outlierMask', 'threshold', options.threshold ?? { iqr: 1.5, zscore: 3, mad: 3.5 }[method], {
    min: 0,
    exclusiveMin: true,
  });
  const m = toMatrix(X, 'outlierMask');
  const bounds: [number, number][] = [];
  const moments = method === 'zscore' ? columnMomentsOf(m, 0) : undefined;
  for (let j = 0; j < m.cols; j++) {
    if (moments !== undefined) {
      const std = Math.sqrt(moments.variances[j]!);
      bounds.push(std > 0 ? [moments.means[j]! - threshold * std, moments.means[j]! + threshold * std] : [-Infinity, Infinity]);
      continue;
    }
    const sorted = sortedColumn(m, j);
    if (method === 'iqr') {
      const q1 = interpolateSorted(sorted, 0.25);
      const q3 = interpolateSorted(sorted, 0.75);
      const iqr = q3 - q1;
      bounds.push(iqr > 0 ? [q1 - threshold * iqr, q3 + threshold * iqr] : [-Infinity, Infinity]);
    } else {
      const median = interpolateSorted(sorted, 0.5);
      const deviations = Float64Array.from(sorted, (v) => Math.abs(v - median)).sort();
      const mad = interpolateSorted(deviations, 0.5);
      const half = (threshold * mad) / 0.6745;
      bounds.push(mad > 0 ? [median - half, median + half] : [-Infinity, Infinity]);
    }
  }
  const mask = new Uint8Array(m.rows);
  const byColumn = new Array<number>(m.cols).fill(0);
  let count = 0;
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const v = m.data[i * m.cols + j]!;
      if (v < bounds[j]![0] || v > bounds[j]![1]) {
        byColumn[j]! += 1;
        mask[i] = 1;
      }
    }
    count += mask[i]!;
  }
  return { mask, count, byColumn, bounds };
}
