// The browser build's stand-in for computeInertia.ts (tsup.config.ts swaps it in for dist/browser/): one row at a
// time, the very additions of the four-row form (rows in order, features in order), in fewer bytes of a
// k-means-only bundle.
import { rowSquaredDistance } from './assignmentKernels';
import type { KMeansState } from './KMeansState';

/** @internal See computeInertia.ts: the same sum, one row at a time. */
export function computeInertia(state: KMeansState): number {
  const { data, n, d, labels, centers, weights } = state;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const distance = rowSquaredDistance(data, i * d, centers, labels[i]! * d, d);
    total += weights === null ? distance : weights[i]! * distance;
  }
  return total;
}
