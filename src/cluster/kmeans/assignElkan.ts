import { BOUND_SLACK } from './boundsMargin';
import { moveRow, type KMeansState } from './KMeansState';

/** @internal Elkan's bounds: an upper bound per row and a lower bound per row and centroid (n × k). */
export interface ElkanBounds {
  readonly upper: Float64Array;
  readonly lower: Float64Array;
  /** Half the pairwise centroid distances (k × k). */
  readonly halfCenterDistances: Float64Array;
  /** Half the distance from each centroid to its nearest other centroid. */
  readonly halfGap: Float64Array;
  initialised: boolean;
}

/** @internal */
export function createElkanBounds(n: number, k: number): ElkanBounds {
  return {
    upper: new Float64Array(n),
    lower: new Float64Array(n * k),
    halfCenterDistances: new Float64Array(k * k),
    halfGap: new Float64Array(k),
    initialised: false,
  };
}

/**
 * @internal
 * Elkan (2003) assignment with the triangle inequality: per row a lower bound to every centroid, pruned by
 * half the centroid–centroid distances. Candidates that survive the bounds are compared with exact squared
 * distances (ties → lowest index), so the labels equal Lloyd's.
 */
export function assignElkan(state: KMeansState, bounds: ElkanBounds): number {
  const { data, n, d, k, labels, shifts } = state;
  const centers = state.centers;
  const { upper, lower, halfCenterDistances: half, halfGap } = bounds;
  let evaluations = 0;
  let changed = 0;

  halfGap.fill(Infinity);
  for (let a = 0; a < k; a++) {
    half[a * k + a] = 0;
    for (let b = a + 1; b < k; b++) {
      let distance = 0;
      for (let t = 0; t < d; t++) {
        const diff = centers[a * d + t]! - centers[b * d + t]!;
        distance += diff * diff;
      }
      const h = 0.5 * Math.sqrt(distance);
      half[a * k + b] = h;
      half[b * k + a] = h;
      if (h < halfGap[a]!) halfGap[a] = h;
      if (h < halfGap[b]!) halfGap[b] = h;
    }
  }

  if (!bounds.initialised) {
    for (let i = 0; i < n; i++) {
      const rowOffset = i * d;
      const lowerOffset = i * k;
      let best = 0;
      let bestDistance = Infinity;
      for (let j = 0; j < k; j++) {
        const centerOffset = j * d;
        let distance = 0;
        for (let t = 0; t < d; t++) {
          const diff = data[rowOffset + t]! - centers[centerOffset + t]!;
          distance += diff * diff;
        }
        lower[lowerOffset + j] = Math.sqrt(distance);
        if (distance < bestDistance) {
          bestDistance = distance;
          best = j;
        }
      }
      upper[i] = Math.sqrt(bestDistance);
      const previous = labels[i]!;
      if (best !== previous) {
        moveRow(state, i, previous, best);
        labels[i] = best;
        changed++;
      }
    }
    bounds.initialised = true;
    state.distanceEvaluations += n * k;
    return changed;
  }

  for (let i = 0; i < n; i++) {
    const rowOffset = i * d;
    const lowerOffset = i * k;
    const previous = labels[i]!;
    let assigned = previous;
    let u = upper[i]! + shifts[assigned]!;
    for (let j = 0; j < k; j++) {
      const l = lower[lowerOffset + j]! - shifts[j]!;
      lower[lowerOffset + j] = l > 0 ? l : 0;
    }
    if (u * BOUND_SLACK < halfGap[assigned]!) {
      upper[i] = u;
      continue;
    }
    let tight = false;
    let assignedDistance = 0; // squared, valid once tight
    for (let j = 0; j < k; j++) {
      if (j === assigned) continue;
      const slackU = u * BOUND_SLACK;
      if (slackU < lower[lowerOffset + j]! || slackU < half[assigned * k + j]!) continue;
      if (!tight) {
        const ownOffset = assigned * d;
        let own = 0;
        for (let t = 0; t < d; t++) {
          const diff = data[rowOffset + t]! - centers[ownOffset + t]!;
          own += diff * diff;
        }
        evaluations++;
        assignedDistance = own;
        u = Math.sqrt(own);
        lower[lowerOffset + assigned] = u;
        tight = true;
        const tightU = u * BOUND_SLACK;
        if (tightU < lower[lowerOffset + j]! || tightU < half[assigned * k + j]!) continue;
      }
      const centerOffset = j * d;
      let distance = 0;
      for (let t = 0; t < d; t++) {
        const diff = data[rowOffset + t]! - centers[centerOffset + t]!;
        distance += diff * diff;
      }
      evaluations++;
      const root = Math.sqrt(distance);
      lower[lowerOffset + j] = root;
      if (distance < assignedDistance || (distance === assignedDistance && j < assigned)) {
        assigned = j;
        assignedDistance = distance;
        u = root;
      }
    }
    upper[i] = u;
    if (assigned !== previous) {
      moveRow(state, i, previous, assigned);
      labels[i] = assigned;
      changed++;
    }
  }
  state.distanceEvaluations += evaluations;
  return changed;
}
