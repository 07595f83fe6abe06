import { countContingency } from './contingency';
import { encodeLabelPair, type LabelComparisonOptions } from './encodeLabelPair';
import type { LabelsLike } from './encodeLabels';
import { pairCounts } from './pairCounts';

/**
 * The 2 × 2 pair confusion matrix of two labellings, as scikit-learn's `pair_confusion_matrix`: over ordered
 * pairs of distinct rows, `[[apart in both, together only in labelsPred], [together only in labelsTrue, together
 * in both]]`. The entries sum to n(n − 1). Counts are exact for n below about 94 million rows.
 *
 * @param labelsTrue - reference labelling (integers or strings)
 * @param labelsPred - labelling to compare, one label per row
 * @throws {@link SegmentkitError} `E_SHAPE` for labellings of different lengths, `E_LABELS` for a bad label.
 * @example
 * pairConfusionMatrix([0, 0, 1, 2], [0, 0, 1, 1]); // => [[8, 2], [0, 2]]
 */
export function pairConfusionMatrix(labelsTrue: LabelsLike, labelsPred: LabelsLike, options: LabelComparisonOptions = {}): number[][] {
  const pair = encodeLabelPair(labelsTrue, labelsPred, 'pairConfusionMatrix', options);
  const { tn, fp, fn, tp } = pairCounts(countContingency(pair.a.codes, pair.a.classes.length, pair.b.codes, pair.b.classes.length));
  return [
    [tn, fp],
    [fn, tp],
  ];
}
