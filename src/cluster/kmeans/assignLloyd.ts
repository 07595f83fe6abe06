import { fullAssignment } from './fullAssignment';
import type { KMeansState } from './KMeansState';

/**
 * @internal
 * Lloyd's assignment: every row against every centroid, nearest wins (ties → lowest index). Returns the
 * number of changed labels.
 */
export function assignLloyd(state: KMeansState): number {
  return fullAssignment(state, null, null);
}
