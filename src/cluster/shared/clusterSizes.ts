/**
 * Number of rows with each label 0 … k − 1 (labels outside that range, such as −1 for noise, are ignored).
 *
 * @example
 * clusterSizes([0, 2, 2, -1], 3); // => [1, 0, 2]
 */
export function clusterSizes(labels: ArrayLike<number>, k: number): number[] {
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label >= 0 && label < k) sizes[label]! += 1;
  }
  return sizes;
}
