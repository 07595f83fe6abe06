import { toMatrix, type MatrixLike } from '../core/Matrix';
import { largestMagnitude, rescaleExponent, scaleDown } from '../core/powerOfTwoScale';
import { SegmentkitError } from '../core/SegmentkitError';
import { checkLabels, encodeLabels, isNoise, type Label, type NoiseHandling } from './encodeLabels';

/** @internal Rows of X with their labels as dense codes (noise rows already removed when asked). */
export interface ClusteredRows {
  readonly data: Float64Array;
  readonly n: number;
  readonly d: number;
  readonly codes: Int32Array;
  readonly counts: Float64Array;
  readonly k: number;
  /** Original row index of each kept row, or null when every row was kept. */
  readonly kept: Int32Array | null;
  /** Rows in X before noise removal. */
  readonly totalRows: number;
  /**
   * `data` is the rows times 2^−exponent: 0 for ordinary rows; beyond 2^±400, where squared distances overflow or
   * underflow, the power of two that brings them near 1 (exact, so every ratio of distances is unchanged).
   */
  readonly exponent: number;
}

/**
 * @internal
 * Validate X and one label per row, drop rows labelled −1 when `noise` is `'exclude'`, and encode the labels.
 * @throws {@link SegmentkitError} `E_SHAPE`, `E_EMPTY`, `E_NOT_FINITE`, `E_LABELS`.
 */
export function readClusteredRows(X: MatrixLike, labels: unknown, context: string, noise: NoiseHandling): ClusteredRows {
  const m = toMatrix(X, context);
  const list = checkLabels(labels, context, 'labels', m.rows);
  if (noise === 'include') {
    const encoded = encodeLabels(list, context, 'labels');
    const exponent = rescaleExponent(largestMagnitude(m.data));
    return {
      data: scaleDown(m.data, exponent),
      exponent,
      n: m.rows,
      d: m.cols,
      codes: encoded.codes,
      counts: encoded.counts,
      k: encoded.classes.length,
      kept: null,
      totalRows: m.rows,
    };
  }
  encodeLabels(list, context, 'labels'); // validate first, so an error names the row as the caller numbers it
  const keep: number[] = [];
  for (let i = 0; i < list.length; i++) if (!isNoise(list[i]!)) keep.push(i);
  const kept = Int32Array.from(keep);
  const d = m.cols;
  const data = new Float64Array(kept.length * d);
  const keptLabels: Label[] = new Array<Label>(kept.length);
  for (let r = 0; r < kept.length; r++) {
    const i = kept[r]!;
    data.set(m.data.subarray(i * d, i * d + d), r * d);
    keptLabels[r] = list[i]!;
  }
  const encoded = encodeLabels(keptLabels, context, 'labels');
  const exponent = rescaleExponent(largestMagnitude(data));
  return {
    data: scaleDown(data, exponent),
    exponent,
    n: kept.length,
    d,
    codes: encoded.codes,
    counts: encoded.counts,
    k: encoded.classes.length,
    kept,
    totalRows: m.rows,
  };
}

/**
 * @internal
 * scikit-learn's rule for the internal scores: between 2 and n − 1 distinct labels.
 * @throws {@link SegmentkitError} `E_LABELS` otherwise.
 */
export function requireClusterCount(k: number, n: number, context: string): void {
  if (k < 2 || k > n - 1) {
    throw new SegmentkitError(
      'E_LABELS',
      `${context}: the labels have ${k} distinct value${k === 1 ? '' : 's'} over ${n} rows; the score needs between 2 and n − 1 = ${n - 1} clusters` +
        (k < 2 ? ' (one cluster has nothing to be separated from)' : ' (every row its own cluster leaves no within-cluster distance)'),
    );
  }
}
