import type { Rng } from '../../core/createRng';
import { SegmentkitError } from '../../core/SegmentkitError';

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
  rng: Rng,
  context: string,
): Float64Array {
  const centers = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const closest = new Float64Array(n);
  // distances for the trial being scored, and for the best trial so far (swapped, never n × trials)
  let trialDistances = new Float64Array(n);
  let bestDistances = new Float64Array(n);
  const cumulative = new Float64Array(n);

  const first = weights === null ? rng.integer(0, n) : rng.weightedIndex(weights);
  centers.set(data.subarray(first * d, first * d + d), 0);
  let potential = 0;
  for (let i = 0; i < n; i++) {
    let distance = 0;
    for (let t = 0; t < d; t++) {
      const diff = data[i * d + t]! - data[first * d + t]!;
      distance += diff * diff;
    }
    closest[i] = distance;
    potential += weights === null ? distance : weights[i]! * distance;
  }

  const candidates = new Int32Array(trials);
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
    for (let t = 0; t < trials; t++) {
      const candidate = candidates[t]!;
      let trialPotential = 0;
      for (let i = 0; i < n; i++) {
        let distance = 0;
        for (let s = 0; s < d; s++) {
          const diff = data[i * d + s]! - data[candidate * d + s]!;
          distance += diff * diff;
        }
        const kept = distance < closest[i]! ? distance : closest[i]!;
        trialDistances[i] = kept;
        trialPotential += weights === null ? kept : weights[i]! * kept;
      }
      if (trialPotential < bestPotential) {
        bestPotential = trialPotential;
        bestTrial = t;
        [trialDistances, bestDistances] = [bestDistances, trialDistances];
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
export function randomRows(data: Float64Array, n: number, d: number, k: number, rng: Rng): Float64Array {
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
