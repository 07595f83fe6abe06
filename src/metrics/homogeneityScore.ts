import { encodeLabelPair, type LabelComparisonOptions } from './encodeLabelPair';
import type { LabelsLike } from './encodeLabels';
import { homogeneityCompletenessV } from './homogeneityCompletenessV';

/**
 * Homogeneity (Rosenberg and Hirschberg 2007): 1 when every segment holds customers of a single known class
 * (each segment is "pure"), lower as segments mix classes. Splitting a class over several segments is not
 * penalised (see {@link completenessScore}). Not symmetric: `labelsTrue` are the known classes. scikit-learn's
 * conventions: 1 when the classes have zero entropy or there are no rows.
 *
 * @param labelsTrue - known classes (integers or strings)
 * @param labelsPred - segments, one label per row
 * @throws {@link SegmentkitError} `E_SHAPE`, `E_LABELS`.
 * @example
 * homogeneityScore([0, 0, 1, 1], [0, 0, 1, 2]).toFixed(6); // => '1.000000' (splitting a class costs nothing)
 * homogeneityScore([0, 0, 1, 1], [0, 0, 0, 0]); // => 0
 */
export function homogeneityScore(labelsTrue: LabelsLike, labelsPred: LabelsLike, options: LabelComparisonOptions = {}): number {
  return homogeneityCompletenessV(encodeLabelPair(labelsTrue, labelsPred, 'homogeneityScore', options)).homogeneity;
}
