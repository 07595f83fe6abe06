import type { AbortSignalLike } from '../core/abort';
import { createRng, type Seed } from '../core/createRng';
import type { Matrix } from '../core/Matrix';
import { CentredOperator } from './CentredOperator';
import { unscaledSquares, type Decomposition, type DecompositionProgress } from './Decomposition';
import { randomizedRange } from './randomizedRange';
import type { PowerIterationNormalizer } from './pcaParams';
import { thinSVD } from './thinSVD';

/** Options of {@link randomizedDecomposition}. */
export interface RandomizedDecompositionOptions {
  /** Sketch columns beyond k. */
  readonly nOversamples: number;
  /** Power iterations. */
  readonly nIter: number;
  /** Power-iteration normaliser. */
  readonly normalizer: PowerIterationNormalizer;
  /** Seed of the Gaussian sketch. */
  readonly seed: Seed;
  /** Checked after every pass. */
  readonly signal: AbortSignalLike | undefined;
  /** Progress per pass over the data. */
  readonly report: DecompositionProgress;
}

/** Sum of squared centred values over every column (the total variance times n − 1), two-pass as numpy's var. */
function totalSquares(m: Matrix, mean: Float64Array): number {
  const { data, rows: n, cols: d } = m;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const offset = i * d;
    for (let j = 0; j < d; j++) {
      const v = data[offset + j]! - mean[j]!;
      total += v * v;
    }
  }
  return total;
}

/**
 * @internal
 * The randomized PCA of `X` (scikit-learn's `randomized_svd` as used by `PCA(svd_solver='randomized')`): a range
 * finder on the centred data (its transpose when n < d, as scikit-learn), then an exact SVD of the small
 * projected matrix B = Qᵀ Xc. The noise variance uses the exact total variance, as scikit-learn.
 */
export function randomizedDecomposition(
  m: Matrix,
  mean: Float64Array,
  scale: number,
  k: number,
  options: RandomizedDecompositionOptions,
): Decomposition {
  const { rows: n, cols: d } = m;
  const p = Math.min(n, d);
  const l = Math.min(k + options.nOversamples, p);
  const transpose = n < d; // as scikit-learn: sketch the smaller side
  const M = new CentredOperator(m, mean, scale);
  const passes = 2 * options.nIter + 2;
  const Q = randomizedRange(M, n, d, {
    size: l,
    nIter: options.nIter,
    normalizer: options.normalizer,
    transpose,
    rng: createRng(options.seed),
    signal: options.signal,
    onPass: (done) => options.report('rangeFinder', done, passes),
  });
  let values: Float64Array;
  const components = new Float64Array(k * d);
  if (!transpose) {
    // B = Qᵀ Xc (l × d); its right singular vectors are the components
    const Bt = M.transposeTimes(Q, l);
    const B = new Float64Array(l * d);
    for (let j = 0; j < d; j++) for (let c = 0; c < l; c++) B[c * d + j] = Bt[j * l + c]!;
    const svd = thinSVD(B, l, d);
    values = svd.values;
    components.set(svd.vectors.subarray(0, k * d));
  } else {
    // Q spans the row space (d × l); Bᵀ = Xc Q (n × l); components = Q · (right singular vectors of Bᵀ)
    const Bt = M.times(Q, l);
    const svd = thinSVD(Bt, n, l);
    values = svd.values;
    for (let c = 0; c < k; c++) {
      for (let t = 0; t < l; t++) {
        const w = svd.vectors[c * l + t]!;
        if (w === 0) continue;
        for (let j = 0; j < d; j++) components[c * d + j] = components[c * d + j]! + w * Q[j * l + t]!;
      }
    }
  }
  options.report('rangeFinder', passes, passes);
  const squares = unscaledSquares(values.subarray(0, k), scale, true);
  const total = totalSquares(m, mean);
  let kept = 0;
  for (const v of squares) kept += v;
  return {
    squares,
    totalSquares: total,
    noiseSquares: k < p ? Math.max(0, (total - kept) / (p - k)) : 0,
    components,
    k,
    method: 'randomized',
  };
}
