import { describeValue } from '../../core/describeValue';
import { isListLike } from '../../core/listLike';
import { SegmentkitError } from '../../core/SegmentkitError';
import { MAX_BUCKETS } from '../../core/sizeLimits';

/**
 * Number of rows with each label 0 … k − 1 (labels outside that range, such as −1 for noise, are ignored).
 *
 * @throws {@link SegmentkitError} `E_PARAM` for labels that are not an array, `k` that is not an integer in
 *   [1, 100 000], `E_LABELS` for a label that is not an integer.
 * @example
 * clusterSizes([0, 2, 2, -1], 3); // => [1, 0, 2]
 */
export function clusterSizes(labels: ArrayLike<number>, k: number): number[] {
  const context = 'clusterSizes';
  if (!isListLike(labels))
    throw new SegmentkitError('E_PARAM', `${context}: labels must be an array of integers, got ${describeValue(labels)}`);
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > MAX_BUCKETS) {
    throw new SegmentkitError('E_PARAM', `${context}: k must be an integer in [1, ${MAX_BUCKETS}], got ${describeValue(k)}`);
  }
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (typeof label !== 'number' || !Number.isInteger(label)) {
      throw new SegmentkitError('E_LABELS', `${context}: labels[${i}] is ${describeValue(label)}; labels must be integers (−1 for noise)`);
    }
    if (label >= 0 && label < k) sizes[label]! += 1;
  }
  return sizes;
}
