import { throwIfAborted, type AbortSignalLike } from '../core/abort';
import type { Rng } from '../core/createRng';
import type { CentredOperator } from './CentredOperator';
import { applyHouseholderQ, householderQR } from './householderQR';
import type { PowerIterationNormalizer } from './pcaParams';

/**
 * @internal
 * An orthonormal basis of the columns of a row-major rows × l matrix (rows ≥ l): the Q of its Householder QR,
 * row-major rows × l.
 */
export function orthonormalColumns(Y: Float64Array, rows: number, l: number): Float64Array {
  const columns = new Float64Array(rows * l);
  for (let i = 0; i < rows; i++) for (let c = 0; c < l; c++) columns[c * rows + i] = Y[i * l + c]!;
  const tau = householderQR(columns, rows, l);
  const Q = new Float64Array(rows * l);
  const e = new Float64Array(rows);
  for (let c = 0; c < l; c++) {
    e.fill(0);
    e[c] = 1;
    applyHouseholderQ(columns, rows, l, tau, e);
    for (let i = 0; i < rows; i++) Q[i * l + c] = e[i]!;
  }
  return Q;
}

/**
 * @internal
 * The permuted unit lower-trapezoidal factor P·L of an LU factorisation with partial pivoting of a row-major
 * rows × l matrix (rows ≥ l), in place: scipy's `lu(Y, permute_l=True)[0]`. Cheaper than QR and enough to keep
 * the power iterations from collapsing onto the dominant direction.
 */
export function permutedLowerFactor(Y: Float64Array, rows: number, l: number): Float64Array {
  const pivotOf = new Int32Array(rows).fill(-1); // column a row was the pivot of, or −1
  for (let c = 0; c < l; c++) {
    let pivot = -1;
    let best = -1;
    for (let i = 0; i < rows; i++) {
      if (pivotOf[i] !== -1) continue;
      const v = Math.abs(Y[i * l + c]!);
      if (v > best) {
        best = v;
        pivot = i;
      }
    }
    pivotOf[pivot] = c;
    const pv = Y[pivot * l + c]!;
    const pr = pivot * l;
    for (let i = 0; i < rows; i++) {
      if (pivotOf[i] !== -1) continue;
      const r = i * l;
      const factor = pv === 0 ? 0 : Y[r + c]! / pv;
      Y[r + c] = factor;
      if (factor !== 0) for (let k = c + 1; k < l; k++) Y[r + k] = Y[r + k]! - factor * Y[pr + k]!;
    }
  }
  for (let i = 0; i < rows; i++) {
    const c = pivotOf[i]!;
    if (c === -1) continue;
    const r = i * l;
    Y[r + c] = 1;
    for (let k = c + 1; k < l; k++) Y[r + k] = 0;
  }
  return Y;
}

/** Options of {@link randomizedRange}. */
export interface RandomizedRangeOptions {
  /** Columns of the sketch (components + oversamples, at most min(n, d)). */
  readonly size: number;
  /** Power iterations. */
  readonly nIter: number;
  /** Normaliser between power iterations; `'auto'`: none up to 2 iterations, LU above (as scikit-learn). */
  readonly normalizer: PowerIterationNormalizer;
  /** Work on Mᵀ instead of M (scikit-learn transposes when n < d). */
  readonly transpose: boolean;
  /** Gaussian draws. */
  readonly rng: Rng;
  /** Checked after every pass over the data. */
  readonly signal?: AbortSignalLike | undefined;
  /** Called after every pass over the data with the number of passes done. */
  readonly onPass?: ((done: number, total: number) => void) | undefined;
}

/**
 * @internal
 * Randomised range finder of Halko, Martinsson and Tropp (2011), Algorithm 4.4 with the normalised power
 * iterations of scikit-learn's `randomized_range_finder`: an orthonormal basis Q (row-major, rows of M × size)
 * whose span approximates the dominant column space of M. Cost: 2 (nIter + 1) passes over the data.
 */
export function randomizedRange(M: CentredOperator, n: number, d: number, options: RandomizedRangeOptions): Float64Array {
  const { size: l, nIter, transpose, rng, signal, onPass } = options;
  const normalizer = options.normalizer === 'auto' ? (nIter <= 2 ? 'none' : 'LU') : options.normalizer;
  const rowsOfM = transpose ? d : n;
  const colsOfM = transpose ? n : d;
  const apply = (B: Float64Array): Float64Array => (transpose ? M.transposeTimes(B, l) : M.times(B, l));
  const applyT = (B: Float64Array): Float64Array => (transpose ? M.times(B, l) : M.transposeTimes(B, l));
  const totalPasses = 2 * nIter + 1;
  let passes = 0;
  const pass = (): void => {
    passes++;
    throwIfAborted(signal, 'PCA.fit');
    onPass?.(passes, totalPasses);
  };
  let Q: Float64Array = new Float64Array(colsOfM * l);
  for (let i = 0; i < Q.length; i++) Q[i] = rng.normal();
  for (let it = 0; it < nIter; it++) {
    let Y: Float64Array = apply(Q);
    pass();
    if (normalizer === 'LU') Y = permutedLowerFactor(Y, rowsOfM, l);
    else if (normalizer === 'QR') Y = orthonormalColumns(Y, rowsOfM, l);
    Q = applyT(Y);
    pass();
    if (normalizer === 'LU') Q = permutedLowerFactor(Q, colsOfM, l);
    else if (normalizer === 'QR') Q = orthonormalColumns(Q, colsOfM, l);
  }
  const Y = apply(Q);
  pass();
  return orthonormalColumns(Y, rowsOfM, l);
}
