import { pairwiseSum } from './pairwiseSum';
import { portableLog } from '../core/portableMath';

/**
 * @internal
 * Shannon entropy (natural log) of a labelling from its class counts, formed as scikit-learn's `entropy`:
 * −Σ (cᵢ/n)(log cᵢ − log n), summed in NumPy's order; 0 for a single class.
 */
export function labelEntropy(counts: Float64Array): number {
  if (counts.length === 1) return 0;
  let total = 0;
  for (const c of counts) total += c;
  const logTotal = portableLog(total);
  const terms = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) terms[i] = (counts[i]! / total) * (portableLog(counts[i]!) - logTotal);
  return -pairwiseSum(terms);
}
