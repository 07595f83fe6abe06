import type { SamplingRng } from '../../core/createRng';
import { SegmentkitError } from '../../core/SegmentkitError';
import { float64Buffer, int32Buffer, runCalls, threadCalls } from '../../parallel/rowBlocks';
import type { ThreadPool } from '../../parallel/threadPool';
import { CHUNK_ROWS } from './assignmentKernels';
import { SEEDING_KERNELS } from './seedingKernels';
import { type Scored, simdSeedingScorer } from './seedingSimd';

/**
 * @internal
 * Greedy k-means++ seeding as scikit-learn implements it (Arthur & Vassilvitskii 2007 with local trials):
 * the first centre is a random row (weighted by `weights`); each next centre is the best of
 * 2 + ⌊ln k⌋ candidates drawn with probability proportional to w·D(x)², "best" meaning the one that most
 * reduces the total potential Σ w·D(x)². Returns k × d centres.
 *
 * The row passes run on the threads of `pool` (then `data` and `weights` must live in shared memory), over
 * fixed chunks of rows whose potentials are added in chunk order, so every thread count gives the same centres.
 */
export function kmeansPlusPlus(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  weights: Float64Array | null,
  rng: SamplingRng,
  context: string,
  pool: ThreadPool | null = null,
): Float64Array {
  const centers = new Float64Array(k * d);
  // 2 + ⌊ln k⌋ trials, as scikit-learn, counted without a logarithm (engine-independent and small in a
  // k-means-only bundle): the running product of e stays on the right side of every integer k up to e^32, far
  // beyond the row limit (k ≤ n ≤ 2^27); checked against 60-digit e^m
  let trials = 2;
  for (let power = Math.E; power <= k; power *= Math.E) trials++;
  const shared = pool !== null;
  // the SIMD kernel where the engine has one (seedingSimd.ts), else the scalar one: the same bits either way
  const simd = simdSeedingScorer(data, n, d, weights, pool);
  const scored = (): Scored =>
    simd?.scored() ?? { distances: float64Buffer(n, shared), potentials: float64Buffer(Math.ceil(n / CHUNK_ROWS), shared) };
  // for the centres so far, the best trial so far and the two trials being scored: four of these, swapped in
  // turn (never n × trials)
  let closest = scored();
  let best = scored();
  let one = scored();
  let two = scored();
  closest.distances.fill(Infinity);
  const claim = int32Buffer(1, shared);
  const row = (i: number): Float64Array => data.subarray(i * d, i * d + d);
  // two candidates (rows a and b) per pass over the rows, each row loaded once for both, into `one` and `two`
  const score = (a: number, b: number): void => {
    if (simd !== null) {
      simd.score(a, b, closest, one, two);
      return;
    }
    claim[0] = 0;
    const call = [
      data,
      weights,
      a * d,
      b * d,
      d,
      closest.distances,
      one.distances,
      two.distances,
      one.potentials,
      two.potentials,
      CHUNK_ROWS,
      n,
      claim,
    ];
    runCalls(pool, SEEDING_KERNELS, 0, threadCalls(pool, call));
  };

  let chosen = weights === null ? rng.integer(0, n) : rng.weightedIndex(weights);
  centers.set(row(chosen));
  score(chosen, chosen);
  [closest, one] = [one, closest];
  let potential = total(closest.potentials);
  const candidates = new Int32Array(trials);
  for (let c = 1; c < k; c++) {
    if (!(potential > 0)) {
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: X has only ${c} distinct row${c === 1 ? '' : 's'} (with positive weight) but nClusters = ${k}; lower nClusters or deduplicate the rows`,
      );
    }
    for (let t = 0; t < trials; t++) candidates[t] = drawRow(closest, weights, n, rng.uniform() * potential);
    // in trial order, so ties keep the earlier candidate (the first always counts); an odd last one is scored
    // paired with itself and the copy ignored
    for (let t = 0; t < trials; t += 2) {
      const paired = t + 1 < trials;
      score(candidates[t]!, candidates[paired ? t + 1 : t]!);
      const first = total(one.potentials);
      if (t === 0 || first < potential) {
        potential = first;
        chosen = candidates[t]!;
        [one, best] = [best, one];
      }
      const second = total(two.potentials);
      if (paired && second < potential) {
        potential = second;
        chosen = candidates[t + 1]!;
        [two, best] = [best, two];
      }
    }
    centers.set(row(chosen), c * d);
    [closest, best] = [best, closest];
  }
  return centers;
}

/** The total potential: the chunks' potentials added in chunk order. */
function total(potentials: Float64Array): number {
  let sum = 0;
  for (const value of potentials) sum += value;
  return sum;
}

/**
 * The first row whose cumulative potential reaches `target` (numpy's searchsorted, side 'left'; the last row if
 * none does), where the cumulative potential of a row is the chunk potentials before its chunk (added in chunk
 * order) plus the row-order sum within its chunk: the very additions that made the potentials, so the walk is
 * consistent with them, and with one chunk it is the plain row-order cumulative sum.
 */
function drawRow({ distances, potentials }: Scored, weights: Float64Array | null, n: number, target: number): number {
  let base = 0;
  let chunk = 0;
  for (; chunk < potentials.length - 1 && base + potentials[chunk]! < target; chunk++) base += potentials[chunk]!;
  const end = Math.min(chunk * CHUNK_ROWS + CHUNK_ROWS, n);
  let running = 0;
  for (let i = chunk * CHUNK_ROWS; i < end - 1; i++) {
    running += weights === null ? distances[i]! : weights[i]! * distances[i]!;
    if (base + running >= target) return i;
  }
  return end - 1;
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
