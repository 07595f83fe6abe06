import type { FitControls } from '../../core/abort';
import type { ParallelControls } from '../../parallel/workersOption';
import { createRng, type Seed } from '../../core/createRng';
import type { Matrix, MatrixLike } from '../../core/Matrix';
import { largestMagnitude, rescaleExponent, scaleDown, scaleUp } from '../../core/powerOfTwoScale';
import { SegmentkitError } from '../../core/SegmentkitError';
import { assertKnownOptions } from '../../core/validateOptions';
import { toWeights } from '../../core/toWeights';
import { nearestCentroid } from '../shared/nearestCentroid';
import { createMiniBatchScratch, miniBatchStep } from './miniBatchStep';
import type { MiniBatchKMeansFittedParams } from './MiniBatchKMeansModel';
import { readBatch } from './readBatch';

// The streaming update of mini-batch k-means, shared by the estimator's first step and the model's partialFit.

/** @internal Fields of a {@link MiniBatchKMeansModel}. */
export interface MiniBatchKMeansFields {
  centers: Float64Array;
  counts: Float64Array;
  nClusters: number;
  nFeatures: number;
  labels: Int32Array;
  inertia: number;
  nSteps: number;
  nSinceLastReassign: number;
  converged: boolean;
  seed: Seed;
  params: MiniBatchKMeansFittedParams;
}

/** @internal One streaming update: one mini-batch step with every row of `batch`, on a copy of the state. */
export function partialFitStep(
  fields: MiniBatchKMeansFields,
  batch: MatrixLike,
  options: { readonly sampleWeight?: ArrayLike<number> },
  context: string,
): MiniBatchKMeansFields {
  assertKnownOptions(context, options, ['sampleWeight']);
  const given = readBatch(batch, fields.nFeatures, context);
  const weights = toWeights(options.sampleWeight, given.rows, context);
  const k = fields.nClusters;
  const counts = Float64Array.from(fields.counts);
  // rows or centres beyond 2^±400 are stepped rescaled by a power of two (exactly the same step, see KMeans.fit)
  const exponent = rescaleExponent(Math.max(largestMagnitude(given.data), largestMagnitude(fields.centers)));
  const m: Matrix = exponent === 0 ? given : { data: scaleDown(given.data, exponent), rows: given.rows, cols: given.cols };
  const centers = exponent === 0 ? Float64Array.from(fields.centers) : scaleDown(fields.centers, exponent);
  let nSinceLastReassign = fields.nSinceLastReassign + Math.min(fields.params.batchSize, m.rows);
  let reassign = false;
  if (counts.some((c) => c === 0) || nSinceLastReassign >= 10 * k) {
    nSinceLastReassign = 0;
    reassign = true;
  }
  // each step draws from its own stream, so a model restored from JSON continues exactly as the original
  const rng = createRng(`${String(fields.seed)}:step:${fields.nSteps}`);
  miniBatchStep(
    m.data,
    m.cols,
    k,
    null,
    0,
    m.rows,
    weights,
    centers,
    centers,
    counts,
    createMiniBatchScratch(m.rows, k),
    rng,
    reassign,
    fields.params.reassignmentRatio,
  );
  const labels = new Int32Array(m.rows);
  const nearest = new Float64Array(m.rows);
  nearestCentroid(m, centers, k, labels, nearest);
  let inertia = 0;
  for (let i = 0; i < m.rows; i++) inertia += weights === null ? nearest[i]! : weights[i]! * nearest[i]!;
  inertia = scaleUp(inertia, 2 * exponent);
  if (inertia === Infinity) throw inertiaOverflow(context);
  if (exponent !== 0) for (let i = 0; i < centers.length; i++) centers[i] = scaleUp(centers[i]!, exponent);
  return { ...fields, centers, counts, labels, inertia, nSteps: fields.nSteps + 1, nSinceLastReassign };
}

/** @internal The error for an inertia beyond the largest double. */
export function inertiaOverflow(context: string): SegmentkitError {
  return new SegmentkitError(
    'E_DOMAIN',
    `${context}: the inertia (sum of squared distances to the centroids) exceeds the largest double; rescale the rows (divide them by a power of ten) first`,
  );
}

/** Progress reported by {@link MiniBatchKMeans.fit} after every step and by `fitStream` after every batch. */
export interface MiniBatchKMeansProgress {
  /** Steps done. */
  readonly step: number;
  /** The step budget (`maxIter × n / batchSize`; for a stream, unknown: 0). */
  readonly nSteps: number;
  /** Exponentially smoothed batch inertia per row (what the early stop watches); NaN before it is defined. */
  readonly smoothedInertia: number;
}

/**
 * Execution options of mini-batch fits (never serialised). `workers` spreads {@link MiniBatchKMeans.fit}'s final
 * labelling of every row over threads (default `'auto'`: every core from about 4 million row × centroid × feature
 * steps); the steps themselves stay on the calling thread, since each depends on the one before. The model is
 * bit-identical for every value.
 */
export type MiniBatchKMeansFitOptions = FitControls<MiniBatchKMeansProgress> &
  ParallelControls & {
    /** Weight of each row (≥ 0). Default: all 1. */
    readonly sampleWeight?: ArrayLike<number>;
  };
