import { countContingency } from './contingency';
import { encodeLabelPair } from './encodeLabelPair';
import type { LabelsLike } from './encodeLabels';
import { expectedMutualInformation } from './expectedMutualInformation';
import { generalizedAverage, readAverageMethod } from './generalizedAverage';
import { labelEntropy } from './labelEntropy';
import { mutualInformation } from './mutualInformation';
import type { MutualInfoOptions } from './normalizedMutualInfoScore';

const EPS = 2.220446049250313e-16;

/**
 * Adjusted mutual information (Vinh, Epps and Bailey 2010): mutual information corrected for chance,
 * (MI − E[MI]) / (average entropy − E[MI]). 1 = identical up to renaming, about 0 for unrelated labellings
 * whatever the number of segments, so it is fair across different k. Matches scikit-learn's
 * `adjusted_mutual_info_score`, including its expected mutual information (exact hypergeometric sum in log space).
 *
 * @param labelsTrue - one labelling (integers or strings)
 * @param labelsPred - the other, one label per row
 * @param options - `averageMethod` (`'arithmetic'` default, `'geometric'`, `'min'`, `'max'`), `noise`
 * @throws {@link SegmentkitError} `E_SHAPE`, `E_LABELS`, `E_PARAM` for an unknown averageMethod.
 * @example
 * adjustedMutualInfoScore([0, 0, 1, 1], [1, 1, 0, 0]); // => 1
 * adjustedMutualInfoScore([0, 0, 1, 2], [0, 0, 1, 1]).toFixed(4); // => '0.5714'
 */
export function adjustedMutualInfoScore(labelsTrue: LabelsLike, labelsPred: LabelsLike, options: MutualInfoOptions = {}): number {
  const context = 'adjustedMutualInfoScore';
  const pair = encodeLabelPair(labelsTrue, labelsPred, context, options, ['noise', 'averageMethod']);
  const method = readAverageMethod(context, options.averageMethod);
  const nA = pair.a.classes.length;
  const nB = pair.b.classes.length;
  if ((nA === 1 && nB === 1) || (nA === 0 && nB === 0)) return 1;
  const c = countContingency(pair.a.codes, nA, pair.b.codes, nB);
  const mi = mutualInformation(c);
  const emi = expectedMutualInformation(c);
  const normalizer = generalizedAverage(labelEntropy(pair.a.counts), labelEntropy(pair.b.counts), method);
  let denominator = normalizer - emi;
  denominator = denominator < 0 ? Math.min(denominator, -EPS) : Math.max(denominator, EPS);
  return (mi - emi) / denominator;
}
