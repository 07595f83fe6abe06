import { moveRow, type KMeansState } from './KMeansState';

/**
 * @internal
 * Lloyd's assignment: every row against every centroid, nearest wins (ties → lowest index). Rows whose label
 * changes are moved in the running sums, in row order. Returns the number of changed labels.
 */
export function assignLloyd(state: KMeansState): number {
  const { data, n, d, k, labels } = state;
  const centers = state.centers;
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const rowOffset = i * d;
    let best = 0;
    let bestDistance = Infinity;
    for (let j = 0; j < k; j++) {
      const centerOffset = j * d;
      let distance = 0;
      for (let t = 0; t < d; t++) {
        const diff = data[rowOffset + t]! - centers[centerOffset + t]!;
        distance += diff * diff;
      }
      if (distance < bestDistance) {
        bestDistance = distance;
        best = j;
      }
    }
    const previous = labels[i]!;
    if (best !== previous) {
      moveRow(state, i, previous, best);
      labels[i] = best;
      changed++;
    }
  }
  state.distanceEvaluations += n * k;
  return changed;
}
