import { encodeLabelPair, type LabelComparisonOptions } from './encodeLabelPair';
import type { LabelsLike } from './encodeLabels';
import { homogeneityCompletenessV } from './homogeneityCompletenessV';

/**
 * Completeness (Rosenberg and Hirschberg 2007): 1 when all customers of each known class land in the same
 * segment, lower as classes are split across segments. Merging classes into one segment is not penalised (see
 * {@link homogeneityScore}). Not symmetric: `labelsTrue` are the known classes. scikit-learn's conventions: 1
 * when the segments have zero entropy or there are no rows.
 *
 * @param labelsTrue - known classes (integers or strings)
 * @param labelsPred - segments, one label per row
 * @throws {@link SegmentkitError} `E_SHAPE`, `E_LABELS`.
 * @example
 * completenessScore([0, 0, 1, 1], [0, 0, 0, 0]); // => 1
 * completenessScore([0, 0, 1, 1], [0, 1, 0, 1]); // => 0
 */
export function completenessScore(labelsTrue: LabelsLike, labelsPred: LabelsLike, options: LabelComparisonOptions = {}): number {
  return homogeneityCompletenessV(encodeLabelPair(labelsTrue, labelsPred, 'completenessScore', options)).completeness;
}
