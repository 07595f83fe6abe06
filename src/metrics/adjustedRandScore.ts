import type { Contingency } from './contingency';
import { countContingency } from './contingency';
import { encodeLabelPair, type LabelComparisonOptions } from './encodeLabelPair';
import type { LabelsLike } from './encodeLabels';
import { pairCounts } from './pairCounts';

/**
 * Adjusted Rand index (Hubert and Arabie 1985): agreement of two segmentations over pairs of customers,
 * corrected for chance. 1 = identical up to renaming, about 0 = no better than random, negative = worse than
 * random (down to −0.5). Symmetric. The standard way to ask "did the segmentation change?" between two runs,
 * two models or two months. Matches scikit-learn's `adjusted_rand_score` (exact integer pair counts).
 *
 * @param labelsTrue - one labelling (integers or strings; −1 is an ordinary label unless `noise: 'exclude'`)
 * @param labelsPred - the other, one label per row
 * @throws {@link SegmentkitError} `E_SHAPE` for labellings of different lengths, `E_LABELS` for a bad label.
 * @example
 * adjustedRandScore([0, 0, 1, 1], [1, 1, 0, 0]); // => 1
 * adjustedRandScore([0, 0, 1, 2], [0, 0, 1, 1]).toFixed(4); // => '0.5714'
 */
export function adjustedRandScore(labelsTrue: LabelsLike, labelsPred: LabelsLike, options: LabelComparisonOptions = {}): number {
  const pair = encodeLabelPair(labelsTrue, labelsPred, 'adjustedRandScore', options);
  return adjustedRandFromContingency(countContingency(pair.a.codes, pair.a.classes.length, pair.b.codes, pair.b.classes.length));
}

/** @internal ARI of a contingency table; the products are formed exactly (BigInt), as Python's integers do. */
export function adjustedRandFromContingency(c: Contingency): number {
  const { tn, fp, fn, tp } = pairCounts(c);
  if (fn === 0 && fp === 0) return 1;
  const [TN, FP, FN, TP] = [BigInt(tn), BigInt(fp), BigInt(fn), BigInt(tp)];
  const numerator = Number(TP * TN - FN * FP);
  const denominator = Number((TP + FN) * (FN + TN) + (TP + FP) * (FP + TN));
  return (2 * numerator) / denominator;
}
