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
  const candidateRow = new Float64Array(d);
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
      candidateRow.set(data.subarray(candidate * d, candidate * d + d));
      const trialPotential = scoreCandidate(data, n, d, candidateRow, closest, weights, trialDistances);
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

/**
 * Potential Σ w·min(D(x)², |x − candidate|²) if `candidate` joined the centres; writes each row's new minimum
 * to `out`. Four rows at a time: each row's squared distance is still summed in feature order (the same
 * rounding as one row at a time), but four independent chains hide the latency of the additions.
 */
function scoreCandidate(
  data: Float64Array,
  n: number,
  d: number,
  candidate: Float64Array,
  closest: Float64Array,
  weights: Float64Array | null,
  out: Float64Array,
): number {
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const o0 = i * d;
    const o1 = o0 + d;
    const o2 = o1 + d;
    const o3 = o2 + d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let t = 0; t < d; t++) {
      const c = candidate[t]!;
      const a = data[o0 + t]! - c;
      const b = data[o1 + t]! - c;
      const e = data[o2 + t]! - c;
      const f = data[o3 + t]! - c;
      s0 += a * a;
      s1 += b * b;
      s2 += e * e;
      s3 += f * f;
    }
    out[i] = s0 < closest[i]! ? s0 : closest[i]!;
    out[i + 1] = s1 < closest[i + 1]! ? s1 : closest[i + 1]!;
    out[i + 2] = s2 < closest[i + 2]! ? s2 : closest[i + 2]!;
    out[i + 3] = s3 < closest[i + 3]! ? s3 : closest[i + 3]!;
  }
  for (; i < n; i++) {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const a = data[i * d + t]! - candidate[t]!;
      s += a * a;
    }
    out[i] = s < closest[i]! ? s : closest[i]!;
  }
  // summed in row order afterwards, as before, so the potential rounds the same way
  let potential = 0;
  if (weights === null) for (let j = 0; j < n; j++) potential += out[j]!;
  else for (let j = 0; j < n; j++) potential += weights[j]! * out[j]!;
  return potential;
}
