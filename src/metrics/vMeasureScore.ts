import { requireNumber } from '../core/validateOptions';
import { encodeLabelPair, type LabelComparisonOptions } from './encodeLabelPair';
import type { LabelsLike } from './encodeLabels';
import { homogeneityCompletenessV } from './homogeneityCompletenessV';

/** Options of {@link vMeasureScore}. */
export interface VMeasureOptions extends LabelComparisonOptions {
  /** Weight of completeness against homogeneity (> 1 favours completeness). Default 1 (harmonic mean). */
  readonly beta?: number;
}

/**
 * V-measure (Rosenberg and Hirschberg 2007): the weighted harmonic mean of {@link homogeneityScore} and
 * {@link completenessScore}, (1 + β)·h·c / (β·h + c). 1 = segments and classes coincide. With β = 1 it is
 * symmetric and equals {@link normalizedMutualInfoScore} with the arithmetic average.
 *
 * @param labelsTrue - known classes (integers or strings)
 * @param labelsPred - segments, one label per row
 * @param options - `beta` (default 1), `noise`
 * @throws {@link SegmentkitError} `E_SHAPE`, `E_LABELS`, `E_PARAM` for a bad beta.
 * @example
 * vMeasureScore([0, 0, 1, 1], [1, 1, 0, 0]); // => 1
 * vMeasureScore([0, 0, 1, 2], [0, 0, 1, 1]).toFixed(4); // => '0.8000'
 */
export function vMeasureScore(labelsTrue: LabelsLike, labelsPred: LabelsLike, options: VMeasureOptions = {}): number {
  const pair = encodeLabelPair(labelsTrue, labelsPred, 'vMeasureScore', options, ['noise', 'beta']);
  const beta = options.beta === undefined ? 1 : requireNumber('vMeasureScore', 'beta', options.beta, { min: 0 });
  return homogeneityCompletenessV(pair, beta).vMeasure;
}
