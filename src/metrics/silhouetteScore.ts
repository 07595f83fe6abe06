import { readFitControls } from '../core/abort';
import { createRng, resolveSeed, type Seed } from '../core/createRng';
import type { MatrixLike } from '../core/Matrix';
import { assertKnownOptions, requireInteger } from '../core/validateOptions';
import { readClusteredRows, requireClusterCount } from './clusteredRows';
import { encodeLabels, readNoise, type LabelsLike } from './encodeLabels';
import { pairwiseSum } from './pairwiseSum';
import { silhouetteValues } from './silhouetteKernel';
import { readSilhouetteMetric, type SilhouetteProgress, type SilhouetteSamplesOptions } from './silhouetteSamples';

/** Options of {@link silhouetteScore}. */
export interface SilhouetteScoreOptions extends SilhouetteSamplesOptions {
  /**
   * Score a seeded random subset of this many rows (both as the customers scored and as the ones they are
   * compared with), as scikit-learn's `sample_size`: O(sampleSize²) work instead of O(n²), for a quick estimate
   * on large data. Default: every row (exact). A value ≥ the row count also uses every row.
   */
  readonly sampleSize?: number;
  /** Seed of the subset drawn for `sampleSize`. Default 0. */
  readonly seed?: Seed;
}

/**
 * Mean silhouette coefficient over all rows (see {@link silhouetteSamples}). Higher is better: about 0.7 or
 * more means well separated segments, 0.5 reasonable, 0.25 or less weak structure that a marketer will
 * struggle to tell apart; negative means many customers sit closer to another segment than their own. Matches
 * scikit-learn's `silhouette_score`.
 *
 * @param X - one row per customer (n × d)
 * @param labels - segment of each row (integers or strings; −1 is an ordinary segment unless `noise: 'exclude'`)
 * @param options - `sampleSize` and `seed` (seeded estimate), `metric`, `noise`, `onProgress`, `signal`, `workers`
 * @throws {@link SegmentkitError} `E_SHAPE` (labels length ≠ rows), `E_LABELS` (fewer than 2 or more than n − 1
 *   segments among the rows scored), `E_NOT_FINITE`, `E_EMPTY`, `E_PARAM`, `E_ABORTED`.
 * @example
 * silhouetteScore([[0, 0], [0, 1], [5, 5], [5, 6]], [0, 0, 1, 1]).toFixed(4); // => '0.8586'
 */
export function silhouetteScore(X: MatrixLike, labels: LabelsLike, options: SilhouetteScoreOptions = {}): number {
  const context = 'silhouetteScore';
  assertKnownOptions(context, options, ['sampleSize', 'seed', 'metric', 'noise', 'onProgress', 'signal', 'workers']);
  const metric = readSilhouetteMetric(context, options.metric);
  let rows = readClusteredRows(X, labels, context, readNoise(context, options.noise));
  if (options.sampleSize !== undefined) {
    const sampleSize = requireInteger(context, 'sampleSize', options.sampleSize, { min: 1 });
    if (sampleSize < rows.n) {
      const picked = createRng(resolveSeed(options.seed ?? 0))
        .permutation(rows.n)
        .subarray(0, sampleSize);
      const { d } = rows;
      const data = new Float64Array(sampleSize * d);
      const codes = new Int32Array(sampleSize);
      picked.forEach((i, r) => {
        data.set(rows.data.subarray(i * d, i * d + d), r * d);
        codes[r] = rows.codes[i]!;
      });
      const encoded = encodeLabels(codes, context);
      rows = { ...rows, data, n: sampleSize, codes: encoded.codes, counts: encoded.counts, k: encoded.classes.length, kept: null };
    }
  }
  requireClusterCount(rows.k, rows.n, context);
  const values = silhouetteValues(rows.data, rows.n, rows.d, rows.codes, rows.counts, metric, {
    context,
    workers: options.workers,
    ...readFitControls<SilhouetteProgress>(context, options),
  });
  return pairwiseSum(values) / rows.n;
}
