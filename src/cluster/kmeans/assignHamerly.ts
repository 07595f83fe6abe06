import { BOUND_SLACK } from './boundsMargin';
import { moveRow, type KMeansState } from './KMeansState';

/** @internal Hamerly's bounds: one upper bound (to the own centroid) and one lower bound (to any other) per row. */
export interface HamerlyBounds {
  readonly upper: Float64Array;
  readonly lower: Float64Array;
  /** Half the distance from each centroid to its nearest other centroid. */
  readonly halfGap: Float64Array;
  initialised: boolean;
}

/** @internal */
export function createHamerlyBounds(n: number, k: number): HamerlyBounds {
  return { upper: new Float64Array(n), lower: new Float64Array(n), halfGap: new Float64Array(k), initialised: false };
}

/**
 * @internal
 * Hamerly (2010) assignment. The first call assigns every row and records its nearest and second-nearest
 * distances; later calls first loosen the bounds by how far the centroids moved (`state.shifts`), then skip
 * every row whose upper bound is below both its lower bound and half the gap to the nearest other centroid.
 * Rows that cannot be skipped are resolved with exact squared distances to every centroid, as Lloyd does.
 */
export function assignHamerly(state: KMeansState, bounds: HamerlyBounds): number {
  const { data, n, d, k, labels, shifts } = state;
  const centers = state.centers;
  const { upper, lower, halfGap } = bounds;
  let evaluations = 0;
  let changed = 0;

  let maxShift = 0;
  let maxShiftIndex = -1;
  let secondShift = 0;
  if (bounds.initialised) {
    for (let j = 0; j < k; j++) {
      const s = shifts[j]!;
      if (s > maxShift) {
        secondShift = maxShift;
        maxShift = s;
        maxShiftIndex = j;
      } else if (s > secondShift) secondShift = s;
    }
  }
  computeHalfGaps(centers, k, d, halfGap);

  for (let i = 0; i < n; i++) {
    const rowOffset = i * d;
    const previous = labels[i]!;
    let assigned = previous;
    if (bounds.initialised) {
      let u = upper[i]! + shifts[previous]!;
      const l = lower[i]! - (previous === maxShiftIndex ? secondShift : maxShift);
      const limit = l > halfGap[previous]! ? l : halfGap[previous]!;
      if (u * BOUND_SLACK < limit) {
        upper[i] = u;
        lower[i] = l;
        continue;
      }
      // tighten the upper bound with the exact distance to the own centroid
      const ownOffset = previous * d;
      let own = 0;
      for (let t = 0; t < d; t++) {
        const diff = data[rowOffset + t]! - centers[ownOffset + t]!;
        own += diff * diff;
      }
      evaluations++;
      u = Math.sqrt(own);
      if (u * BOUND_SLACK < limit) {
        upper[i] = u;
        lower[i] = l;
        continue;
      }
    }
    // exact: all centroids, nearest (ties → lowest index) and second nearest
    let best = 0;
    let bestDistance = Infinity;
    let secondDistance = Infinity;
    for (let j = 0; j < k; j++) {
      const centerOffset = j * d;
      let distance = 0;
      for (let t = 0; t < d; t++) {
        const diff = data[rowOffset + t]! - centers[centerOffset + t]!;
        distance += diff * diff;
      }
      if (distance < bestDistance) {
        secondDistance = bestDistance;
        bestDistance = distance;
        best = j;
      } else if (distance < secondDistance) secondDistance = distance;
    }
    evaluations += k;
    upper[i] = Math.sqrt(bestDistance);
    lower[i] = Math.sqrt(secondDistance);
    assigned = best;
    if (assigned !== previous) {
      moveRow(state, i, previous, assigned);
      labels[i] = assigned;
      changed++;
    }
  }
  bounds.initialised = true;
  state.distanceEvaluations += evaluations;
  return changed;
}

/** @internal Half the distance from each centroid to its nearest other centroid (Infinity when k = 1). */
export function computeHalfGaps(centers: Float64Array, k: number, d: number, out: Float64Array): void {
  out.fill(Infinity);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      let distance = 0;
      for (let t = 0; t < d; t++) {
        const diff = centers[a * d + t]! - centers[b * d + t]!;
        distance += diff * diff;
      }
      const half = 0.5 * Math.sqrt(distance);
      if (half < out[a]!) out[a] = half;
      if (half < out[b]!) out[b] = half;
    }
  }
}
