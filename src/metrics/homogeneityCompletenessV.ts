import { countContingency } from './contingency';
import type { EncodedPair } from './encodeLabelPair';
import { labelEntropy } from './labelEntropy';
import { mutualInformation } from './mutualInformation';

/**
 * @internal
 * Homogeneity, completeness and V-measure of an encoded pair (A = reference classes, B = clusters), with
 * scikit-learn's conventions: all 1 for no rows; a labelling with zero entropy counts as perfectly
 * homogeneous (or complete); V is 0 when both are 0.
 */
export function homogeneityCompletenessV(pair: EncodedPair, beta = 1): { homogeneity: number; completeness: number; vMeasure: number } {
  if (pair.n === 0) return { homogeneity: 1, completeness: 1, vMeasure: 1 };
  const entropyA = labelEntropy(pair.a.counts);
  const entropyB = labelEntropy(pair.b.counts);
  const mi = mutualInformation(countContingency(pair.a.codes, pair.a.classes.length, pair.b.codes, pair.b.classes.length));
  const homogeneity = entropyA !== 0 ? mi / entropyA : 1;
  const completeness = entropyB !== 0 ? mi / entropyB : 1;
  const vMeasure = homogeneity + completeness === 0 ? 0 : ((1 + beta) * homogeneity * completeness) / (beta * homogeneity + completeness);
  return { homogeneity, completeness, vMeasure };
}
