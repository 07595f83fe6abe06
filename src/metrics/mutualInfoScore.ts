import { SegmentkitError } from '../core/SegmentkitError';
import { countContingency } from './contingency';
import { encodeLabelPair, type LabelComparisonOptions } from './encodeLabelPair';
import type { LabelsLike } from './encodeLabels';
import { mutualInformation } from './mutualInformation';

/**
 * Mutual information (in nats) between two labellings: how much knowing a customer's segment in one tells about
 * their segment in the other. 0 = independent; the maximum is the smaller of the two entropies. Not normalised
 * (it grows with the number of segments): use {@link normalizedMutualInfoScore} or
 * {@link adjustedMutualInfoScore} to compare across k. Matches scikit-learn's `mutual_info_score`.
 *
 * @param labelsTrue - one labelling (integers or strings)
 * @param labelsPred - the other, one label per row
 * @throws {@link SegmentkitError} `E_EMPTY` for no rows, `E_SHAPE` for labellings of different lengths,
 *   `E_LABELS` for a bad label.
 * @example
 * mutualInfoScore([0, 1, 2], [0, 1, 2]).toFixed(4); // => '1.0986'
 */
export function mutualInfoScore(labelsTrue: LabelsLike, labelsPred: LabelsLike, options: LabelComparisonOptions = {}): number {
  const pair = encodeLabelPair(labelsTrue, labelsPred, 'mutualInfoScore', options);
  if (pair.n === 0) throw new SegmentkitError('E_EMPTY', 'mutualInfoScore: the labellings have no rows; pass at least one labelled row');
  return mutualInformation(countContingency(pair.a.codes, pair.a.classes.length, pair.b.codes, pair.b.classes.length));
}
