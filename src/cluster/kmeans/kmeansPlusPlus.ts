import { squaredDifferences } from '../../core/squaredEuclidean';
import type { SamplingRng } from '../../core/createRng';
import { SegmentkitError } from '../../core/SegmentkitError';
import { seriesLog } from '../../core/portableMath';

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
  let pairDistances = new Float64Array(n);
  const cumulative = new Float64Array(n);

  const first = weights === null ? rng.integer(0, n) : rng.weightedIndex(weights);
  centers.set(data.subarray(first * d, first * d + d), 0);
  let potential = 0;
  for (let i = 0; i < n; i++) {
    const distance = squaredDifferences(data, i * d, data, first * d, d);
    closest[i] = distance;
    potential += weights === null ? distance : weights[i]! * distance;
  }

  const candidates = new Int32Array(trials);
  const candidateRows = new Float64Array(2 * d);
  const potentials = new Float64Array(2);
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
      scoreCandidatePair(data, n, d, candidateRows, closest, weights, trialDistances, pairDistances, potentials);
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
        [pairDistances, bestDistances] = [bestDistances, pairDistances];
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
 * For two candidates (`candidates` holds both, 2·d values): `outA[i] = min(closest[i], |x_i − a|²)`, likewise
 * `outB` for b, and their potentials Σ w·out in `potentials`. Four rows × two candidates per step, so each
 * value loaded serves two or four of the eight accumulation chains. Every distance is summed in feature order
 * and every potential in row order, as one candidate and one row at a time would.
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
): void {
  let potentialA = 0;
  let potentialB = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const o0 = i * d;
    const o1 = o0 + d;
    const o2 = o1 + d;
    const o3 = o2 + d;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    for (let t = 0; t < d; t++) {
      const ca = candidates[t]!;
      const cb = candidates[d + t]!;
      const x0 = data[o0 + t]!;
      const x1 = data[o1 + t]!;
      const x2 = data[o2 + t]!;
      const x3 = data[o3 + t]!;
      const p0 = x0 - ca;
      const p1 = x1 - ca;
      const p2 = x2 - ca;
      const p3 = x3 - ca;
      const q0 = x0 - cb;
      const q1 = x1 - cb;
      const q2 = x2 - cb;
      const q3 = x3 - cb;
      a0 += p0 * p0;
      a1 += p1 * p1;
      a2 += p2 * p2;
      a3 += p3 * p3;
      b0 += q0 * q0;
      b1 += q1 * q1;
      b2 += q2 * q2;
      b3 += q3 * q3;
    }
    const m0 = closest[i]!;
    const m1 = closest[i + 1]!;
    const m2 = closest[i + 2]!;
    const m3 = closest[i + 3]!;
    const r0 = a0 < m0 ? a0 : m0;
    const r1 = a1 < m1 ? a1 : m1;
    const r2 = a2 < m2 ? a2 : m2;
    const r3 = a3 < m3 ? a3 : m3;
    const t0 = b0 < m0 ? b0 : m0;
    const t1 = b1 < m1 ? b1 : m1;
    const t2 = b2 < m2 ? b2 : m2;
    const t3 = b3 < m3 ? b3 : m3;
    outA[i] = r0;
    outA[i + 1] = r1;
    outA[i + 2] = r2;
    outA[i + 3] = r3;
    outB[i] = t0;
    outB[i + 1] = t1;
    outB[i + 2] = t2;
    outB[i + 3] = t3;
    if (weights === null) {
      potentialA = potentialA + r0 + r1 + r2 + r3;
      potentialB = potentialB + t0 + t1 + t2 + t3;
    } else {
      potentialA = potentialA + weights[i]! * r0 + weights[i + 1]! * r1 + weights[i + 2]! * r2 + weights[i + 3]! * r3;
      potentialB = potentialB + weights[i]! * t0 + weights[i + 1]! * t1 + weights[i + 2]! * t2 + weights[i + 3]! * t3;
    }
  }
  for (; i < n; i++) {
    outA[i] = Math.min(closest[i]!, squaredDifferences(data, i * d, candidates, 0, d));
    outB[i] = Math.min(closest[i]!, squaredDifferences(data, i * d, candidates, d, d));
    const w = weights === null ? 1 : weights[i]!;
    potentialA += w * outA[i]!;
    potentialB += w * outB[i]!;
  }
  potentials[0] = potentialA;
  potentials[1] = potentialB;
}
