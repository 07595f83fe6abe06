import { countContingency } from './contingency';
import { encodeLabelPair, type LabelComparisonOptions } from './encodeLabelPair';
import type { LabelsLike } from './encodeLabels';
import { pairCounts } from './pairCounts';

/**
 * Rand index: the share of pairs of customers on which two segmentations agree (together in both, or apart in
 * both). 1 = identical up to renaming. Not corrected for chance, so random segmentations with many segments
 * still score high; prefer {@link adjustedRandScore} to compare segmentations. 1 for fewer than two rows, as
 * scikit-learn.
 *
 * @param labelsTrue - reference labelling (integers or strings)
 * @param labelsPred - labelling to compare, one label per row
 * @throws {@link SegmentkitError} `E_SHAPE` for labellings of different lengths, `E_LABELS` for a bad label.
 * @example
 * randScore([0, 0, 1, 2], [0, 0, 1, 1]).toFixed(4); // => '0.8333'
 */
export function randScore(labelsTrue: LabelsLike, labelsPred: LabelsLike, options: LabelComparisonOptions = {}): number {
  const pair = encodeLabelPair(labelsTrue, labelsPred, 'randScore', options);
  const { tn, fp, fn, tp } = pairCounts(countContingency(pair.a.codes, pair.a.classes.length, pair.b.codes, pair.b.classes.length));
  const agree = tn + tp;
  const total = tn + fp + fn + tp;
  if (agree === total || total === 0) return 1;
  return agree / total;
}
