import type { SamplingRng } from '../../core/createRng';
import { SegmentkitError } from '../../core/SegmentkitError';
import { seriesLog } from '../../core/portableMath';
import { pairDistances, rowSquaredDistance } from './assignmentKernels';

/**
 * @internal
 * Greedy k-means++ seeding as scikit-learn implements it (Arthur & Vassilvitskii 2007 with local trials):
 * the first centre is a random row (weighted by `weights`); each next centre is the best of
 * 2 + ⌊ln k⌋ candidates drawn with probability proportional to w·D(x)², "best" meaning the one that most
 * reduces the total potential Σ w·D(x)². Returns k × d centres.
 */
export function kmeansPlusPlus(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  weights: Float64Array | null,
  rng: SamplingRng,
  context: string,
): Float64Array {
  const centers = new Float64Array(k * d);
  // the series logarithm (no table) keeps a k-means-only bundle small; ln k is far from an integer for k > 1
  const trials = 2 + Math.floor(seriesLog(k));
  const closest = new Float64Array(n);
  // distances for the two trials being scored, and for the best trial so far (swapped, never n × trials)
  let trialDistances = new Float64Array(n);
  let bestDistances = new Float64Array(n);
  let secondDistances = new Float64Array(n);
  const cumulative = new Float64Array(n);

  const first = weights === null ? rng.integer(0, n) : rng.weightedIndex(weights);
  centers.set(data.subarray(first * d, first * d + d), 0);
  let potential = 0;
  for (let i = 0; i < n; i++) {
    const distance = rowSquaredDistance(data, i * d, data, first * d, d);
    closest[i] = distance;
    potential += weights === null ? distance : weights[i]! * distance;
  }

  const candidates = new Int32Array(trials);
  const candidateRows = new Float64Array(2 * d);
  const potentials = new Float64Array(2);
  const scratch = new Float64Array(2 * n);
  for (let c = 1; c < k; c++) {
    if (!(potential > 0)) {
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: X has only ${c} distinct row${c === 1 ? '' : 's'} (with positive weight) but nClusters = ${k}; lower nClusters or deduplicate the rows`,
      );
    }
    let running = 0;
    for (let i = 0; i < n; i++) {
      running += weights === null ? closest[i]! : weights[i]! * closest[i]!;
      cumulative[i] = running;
    }
    for (let t = 0; t < trials; t++) {
      const target = rng.uniform() * running;
      // first index whose cumulative potential reaches the target (numpy searchsorted, side 'left')
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid]! < target) lo = mid + 1;
        else hi = mid;
      }
      candidates[t] = lo;
    }
    let bestTrial = 0;
    let bestPotential = Infinity;
    // two candidates per pass over the rows (each row loaded once for both); an odd last one is scored
    // paired with itself and the copy ignored
    for (let t = 0; t < trials; t += 2) {
      const paired = t + 1 < trials;
      const first = candidates[t]!;
      const second = paired ? candidates[t + 1]! : first;
      candidateRows.set(data.subarray(first * d, first * d + d));
      candidateRows.set(data.subarray(second * d, second * d + d), d);
      scoreCandidatePair(data, n, d, candidateRows, closest, weights, trialDistances, secondDistances, potentials, scratch);
      // in trial order, so ties keep the earlier candidate
      const firstPotential = potentials[0]!;
      if (firstPotential < bestPotential) {
        bestPotential = firstPotential;
        bestTrial = t;
        [trialDistances, bestDistances] = [bestDistances, trialDistances];
      }
      if (!paired) continue;
      const secondPotential = potentials[1]!;
      if (secondPotential < bestPotential) {
        bestPotential = secondPotential;
        bestTrial = t + 1;
        [secondDistances, bestDistances] = [bestDistances, secondDistances];
      }
    }
    const chosen = candidates[bestTrial]!;
    centers.set(data.subarray(chosen * d, chosen * d + d), c * d);
    closest.set(bestDistances);
    potential = bestPotential;
  }
  return centers;
}

/**
 * @internal
 * 'random' initialisation as scikit-learn: k distinct rows chosen uniformly at random (Floyd's algorithm, so
 * no n-sized permutation is allocated), in the order drawn.
 */
export function randomRows(data: Float64Array, n: number, d: number, k: number, rng: SamplingRng): Float64Array {
  const chosen = new Set<number>();
  const order: number[] = [];
  for (let j = n - k; j < n; j++) {
    const candidate = rng.integer(0, j + 1);
    const pick = chosen.has(candidate) ? j : candidate;
    chosen.add(pick);
    order.push(pick);
  }
  rng.shuffle(order);
  const centers = new Float64Array(k * d);
  order.forEach((row, c) => centers.set(data.subarray(row * d, row * d + d), c * d));
  return centers;
}

/**
 * Score two candidate centres in one pass over the rows: `outA[i]` / `outB[i]` become min(closest[i], d²(x_i,
 * candidate)) and `potentials` the weighted sums of each, in row order. The distances come from the k-means
 * kernel with the roles swapped (the two candidates as its "two rows", the rows as its "centroids", four at a
 * time); (c − x)² equals (x − c)² exactly, so every value is the one a row-at-a-time loop gives.
 */
function scoreCandidatePair(
  data: Float64Array,
  n: number,
  d: number,
  candidates: Float64Array,
  closest: Float64Array,
  weights: Float64Array | null,
  outA: Float64Array,
  outB: Float64Array,
  potentials: Float64Array,
  scratch: Float64Array,
): void {
  pairDistances(candidates, 0, data, n, d, scratch);
  let potentialA = 0;
  let potentialB = 0;
  for (let i = 0; i < n; i++) {
    const m = closest[i]!;
    const a = scratch[i]!;
    const b = scratch[n + i]!;
    const r = a < m ? a : m;
    const t = b < m ? b : m;
    outA[i] = r;
    outB[i] = t;
    if (weights === null) {
      potentialA += r;
      potentialB += t;
    } else {
      potentialA += weights[i]! * r;
      potentialB += weights[i]! * t;
    }
  }
  potentials[0] = potentialA;
  potentials[1] = potentialB;
}
