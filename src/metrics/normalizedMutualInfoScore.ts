import { countContingency } from './contingency';
import { encodeLabelPair, type LabelComparisonOptions } from './encodeLabelPair';
import type { LabelsLike } from './encodeLabels';
import { generalizedAverage, readAverageMethod, type AverageMethod } from './generalizedAverage';
import { labelEntropy } from './labelEntropy';
import { mutualInformation } from './mutualInformation';

/** Options of {@link normalizedMutualInfoScore} and {@link adjustedMutualInfoScore}. */
export interface MutualInfoOptions extends LabelComparisonOptions {
  /** How the two entropies are averaged in the normaliser. Default `'arithmetic'` (as scikit-learn). */
  readonly averageMethod?: AverageMethod;
}

/**
 * Normalised mutual information: mutual information divided by an average of the two entropies, from 0 (no
 * shared information) to 1 (identical up to renaming). Not corrected for chance (see
 * {@link adjustedMutualInfoScore}). With `averageMethod: 'arithmetic'` it equals {@link vMeasureScore}.
 * scikit-learn's conventions: 1 when both labellings have a single class (or no rows), 0 when the mutual
 * information is 0.
 *
 * @param labelsTrue - one labelling (integers or strings)
 * @param labelsPred - the other, one label per row
 * @param options - `averageMethod` (`'arithmetic'` default, `'geometric'`, `'min'`, `'max'`), `noise`
 * @throws {@link SegmentkitError} `E_SHAPE`, `E_LABELS`, `E_PARAM` for an unknown averageMethod.
 * @example
 * normalizedMutualInfoScore([0, 0, 1, 1], [1, 1, 0, 0]); // => 1
 * normalizedMutualInfoScore(['a', 'b', 'b'], [3, 3, -1]).toFixed(4); // => '0.2740'
 */
export function normalizedMutualInfoScore(labelsTrue: LabelsLike, labelsPred: LabelsLike, options: MutualInfoOptions = {}): number {
  const context = 'normalizedMutualInfoScore';
  const pair = encodeLabelPair(labelsTrue, labelsPred, context, options, ['noise', 'averageMethod']);
  const method = readAverageMethod(context, options.averageMethod);
  const nA = pair.a.classes.length;
  const nB = pair.b.classes.length;
  if ((nA === 1 && nB === 1) || (nA === 0 && nB === 0)) return 1;
  const mi = mutualInformation(countContingency(pair.a.codes, nA, pair.b.codes, nB));
  if (mi === 0) return 0;
  return mi / generalizedAverage(labelEntropy(pair.a.counts), labelEntropy(pair.b.counts), method);
}
