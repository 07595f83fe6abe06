import { Estimator } from '../core/Estimator';
import { PCA_PARAMS, type PCAParams } from './pcaParams';
import { throwIfAborted, type FitControls } from '../core/abort';
import { resolveSeed, type Seed } from '../core/createRng';
import type { Matrix, MatrixLike } from '../core/Matrix';
import { largestMagnitude, rescaleExponent, scaleDown, scaleUp } from '../core/powerOfTwoScale';
import { SegmentkitError } from '../core/SegmentkitError';
import { resolveWorkers, type ParallelControls } from '../parallel/workersOption';
import { centring } from './centring';
import type { Decomposition, DecompositionProgress } from './Decomposition';
import { flipSigns } from './flipSigns';
import { fullDecomposition } from './fullDecomposition';
import { randomizedDecomposition } from './randomizedDecomposition';
import { PCAModel } from './PCAModel';

/** What {@link PCA.fit} is doing, reported to `onProgress`. */
export interface PCAProgress {
  /**
   * `'crossProduct'` / `'gram'`: accumulating Xᵀ X (or X Xᵀ for wide data) of the centred rows;
   * `'householderQR'`: the accurate fallback; `'rangeFinder'`: passes of the randomized solver.
   */
  readonly stage: 'crossProduct' | 'gram' | 'householderQR' | 'rangeFinder';
  /** Units done in this stage: rows (columns for `'gram'`, passes over the data for `'rangeFinder'`). */
  readonly completed: number;
  /** Units in this stage. */
  readonly total: number;
}

/** Execution options of {@link PCA.fit} (not hyper-parameters; never serialised). */
/**
 * Execution options of {@link PCA.fit}. `workers` spreads the full solver's cross-product Xᵀ X over threads
 * (default `'auto'`: every core from 16 columns and about 4 million multiply-adds); the model is bit-identical
 * for every value.
 */
export interface PCAFitOptions extends FitControls<PCAProgress>, ParallelControls {}

/**
 * @internal
 * Which solver `'auto'` runs. Multiply-adds: the full solver's cross-product costs max(n, d) · min(n, d)² / 2
 * plus about 9 min(n, d)³ for the eigen-decomposition; the randomized solver makes 2 (q + 1) + 1 passes of
 * n · d · l (l = k + oversamples, q power iterations). Both run at about the same speed per multiply-add in
 * JavaScript, so the randomized solver is chosen only when it needs under a third of the work, with more than
 * 500 rows or columns (scikit-learn's small-problem rule) and an integer nComponents. Measured (k = 5):
 * 5 000 × 1 000 full 3.4 s, randomized 0.69 s (chosen); 5 000 × 600 full 0.89 s, randomized 0.41 s (chosen);
 * 20 000 × 400 full 0.80 s, randomized 1.02 s (not chosen); 100 000 × 32 and 20 000 × 200: full.
 */
export function choosePCASolver(
  n: number,
  d: number,
  nComponents: number | undefined,
  nOversamples: number,
  nPowerIterations: number | 'auto',
): 'full' | 'randomized' {
  if (nComponents === undefined || nComponents < 1 || Math.max(n, d) <= 500) return 'full';
  const p = Math.min(n, d);
  const l = Math.min(nComponents + nOversamples, p);
  const q = nPowerIterations === 'auto' ? (nComponents < 0.1 * p ? 7 : 4) : nPowerIterations;
  const full = Math.max(n, d) * p * p * 0.5 + 9 * p * p * p;
  const randomized = (2 * q + 3) * n * d * l;
  return 3 * randomized < full ? 'randomized' : 'full';
}

/**
 * Principal component analysis: the orthogonal directions of largest variance of the centred data, for
 * de-correlating features, compressing them, and plotting segments in two dimensions. Results match
 * scikit-learn 1.2 `PCA(svd_solver='full')`: same components, explained variances (n − 1 denominator), ratios,
 * singular values, noise variance, transform, inverse transform and whitening.
 *
 * Sign convention: each component is flipped so that its entry of largest absolute value is positive (ties →
 * the lower index), so results do not depend on the solver's arbitrary signs.
 *
 * @example
 * const model = new PCA({ nComponents: 1 }).fit([[1, 1], [2, 2], [3, 3]]);
 * model.explainedVarianceRatio; // => [1]
 * model.components[0]![0]!.toFixed(4); // => '0.7071'
 */
export class PCA extends Estimator<PCAParams> {
  /**
   * @throws {@link SegmentkitError} `E_PARAM` for an invalid or unknown hyper-parameter (also a fractional
   *   nComponents with the randomized solver, which needs a count up front).
   */
  constructor(params: PCAParams = {}) {
    super(PCA_PARAMS, params);
  }

  /**
   * Fit to the rows of `X` and return the immutable {@link PCAModel}.
   *
   * @param X - one row per customer (n × d, n ≥ 2), finite numbers; never modified
   * @param options - `onProgress` (per chunk of rows and per pass), `signal` (abort), `workers` (threads for the cross-product)
   * @throws {@link SegmentkitError} `E_PARAM` (nComponents > min(n, d)), `E_EMPTY` (fewer than 2 rows),
   *   `E_NOT_FINITE`, `E_SHAPE`, `E_ABORTED`.
   * @example
   * const model = new PCA().fit([[2, 0], [0, 1], [-2, 0], [0, -1]]);
   * model.explainedVariance; // => [2.6666666666666665, 0.6666666666666666]
   * model.components; // => [[1, 0], [0, 1]]
   */
  fit(X: MatrixLike, options: PCAFitOptions = {}): PCAModel {
    const { m: given, signal, onProgress } = this.startFit(X, options, { knownOptions: ['onProgress', 'signal', 'workers'] });
    const { rows: n, cols: d } = given;
    // rows beyond 2^±400 are decomposed rescaled by a power of two (exact: the components and ratios are the same,
    // variances scale back by 4^e); ordinary data is used as given, bit for bit
    const exponent = rescaleExponent(largestMagnitude(given.data));
    const m: Matrix = exponent === 0 ? given : { data: scaleDown(given.data, exponent), rows: n, cols: d };
    if (n < 2) {
      throw new SegmentkitError(
        'E_EMPTY',
        `PCA.fit: X has ${n} row; PCA measures variance across rows (n − 1 denominator) and needs at least 2`,
      );
    }
    const p = Math.min(n, d);
    const requested = this.params.nComponents;
    if (requested !== undefined && requested >= 1 && requested > p) {
      throw new SegmentkitError(
        'E_PARAM',
        `PCA.fit: nComponents = ${requested} but X (${n} × ${d}) has at most min(n, d) = ${p} components; lower nComponents`,
      );
    }
    const { nOversamples, nPowerIterations, powerIterationNormalizer: normalizer, svdSolver, whiten } = PCA_PARAMS.resolve(this.params);
    const solver = svdSolver === 'auto' ? choosePCASolver(n, d, requested, nOversamples, nPowerIterations) : svdSolver;
    const report: DecompositionProgress = (stage, completed, total) => onProgress?.({ stage, completed, total });
    // only the full solver's cross-product (tall data) runs on threads; with few columns the copy of X into
    // shared memory costs about what the threads save (measured: 1 000 000 × 8 took 110 ms on 2 threads, 100 ms
    // on 1; 100 000 × 32 55 against 65 ms; 20 000 × 200 190 against 307 ms), so 'auto' starts at 16 columns
    const threads = resolveWorkers(options.workers, n >= d && d >= 16 ? (n * d * d) / 2 : 0, 'PCA.fit');
    const { mean, scale } = centring(m);

    let decomposition: Decomposition;
    let seed: Seed | null = null;
    let nIter = 0;
    if (solver === 'randomized') {
      const k = requested ?? p;
      nIter = nPowerIterations === 'auto' ? (k < 0.1 * p ? 7 : 4) : nPowerIterations;
      seed = resolveSeed(this.params.seed);
      decomposition = randomizedDecomposition(m, mean, scale, k, { nOversamples, nIter, normalizer, seed, signal, report });
    } else {
      decomposition = fullDecomposition(m, mean, scale, requested, signal, report, threads);
    }
    throwIfAborted(signal, 'PCA.fit');
    const { k, components, squares } = decomposition;
    flipSigns(components, k, d);
    const scaledVariance = Array.from(squares, (s) => s / (n - 1));
    const totalVariance = decomposition.totalSquares / (n - 1);
    const explainedVariance = scaledVariance.map((v) => scaleUp(v, 2 * exponent));
    if (explainedVariance.some((v) => v === Infinity)) {
      throw new SegmentkitError(
        'E_DOMAIN',
        'PCA.fit: the variance along the first component exceeds the largest double; rescale X (divide it by a power of ten) first',
      );
    }
    return new PCAModel({
      components,
      nComponents: k,
      nFeatures: d,
      mean: Array.from(mean, (v) => scaleUp(v, exponent)),
      explainedVariance,
      explainedVarianceRatio: scaledVariance.map((v) => (totalVariance > 0 ? v / totalVariance : 0)),
      singularValues: Array.from(squares, (s) => scaleUp(Math.sqrt(s), exponent)),
      noiseVariance: scaleUp(decomposition.noiseSquares / (n - 1), 2 * exponent),
      nSamples: n,
      seed,
      params: {
        nComponents: requested ?? null,
        whiten,
        svdSolver,
        nOversamples,
        nPowerIterations,
        powerIterationNormalizer: normalizer,
      },
      stats: { solver, method: decomposition.method, nPowerIterations: nIter },
    });
  }
}
