import { KMeans } from '../cluster/kmeans/KMeans';
import type { AbortSignalLike } from '../core/abort';
import { throwIfAborted } from '../core/abort';
import type { Rng } from '../core/createRng';
import type { Matrix } from '../core/Matrix';
import { portableLog } from '../core/portableMath';

/** @internal Gap statistic of one k. */
export interface GapValue {
  readonly k: number;
  /** E*[log W*ₖ] − log Wₖ. */
  readonly gap: number;
  /** sₖ = sd(log W*ₖ) · √(1 + 1/B). */
  readonly standardError: number;
}

/**
 * @internal
 * Gap statistic (Tibshirani, Walther and Hastie 2001) for each k: Wₖ is the within-cluster sum of squares of
 * k-means on X (`dataInertia[k]` when given, otherwise fitted here); the references are B data sets drawn
 * uniformly in the bounding box of X's columns (the paper's option (a)), each clustered by k-means for every k.
 */
export function gapStatistic(
  X: Matrix,
  ks: readonly number[],
  options: {
    nReferences: number;
    nInit: number;
    rng: Rng;
    dataInertia?: ReadonlyMap<number, number>;
    signal?: AbortSignalLike | undefined;
    context: string;
  },
): GapValue[] {
  const { rows: n, cols: d, data } = X;
  const { nReferences: B, nInit, rng, signal, context } = options;
  const low = new Float64Array(d).fill(Infinity);
  const high = new Float64Array(d).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) {
      const v = data[i * d + t]!;
      if (v < low[t]!) low[t] = v;
      if (v > high[t]!) high[t] = v;
    }
  }
  const logW = (matrix: Matrix, k: number): number => {
    throwIfAborted(signal, context);
    const model = new KMeans({ nClusters: k, nInit, seed: rng.nextSeed() }).fit(matrix);
    return portableLog(model.inertia);
  };
  const dataLog = ks.map((k) => {
    const known = options.dataInertia?.get(k);
    return known !== undefined ? portableLog(known) : logW(X, k);
  });
  const referenceLogs = ks.map(() => new Float64Array(B));
  const reference = new Float64Array(n * d);
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) reference[i * d + t] = low[t]! + rng.uniform() * (high[t]! - low[t]!);
    const matrix = { data: reference, rows: n, cols: d };
    ks.forEach((k, index) => (referenceLogs[index]![b] = logW(matrix, k)));
  }
  return ks.map((k, index) => {
    const logs = referenceLogs[index]!;
    let mean = 0;
    for (const v of logs) mean += v;
    mean /= B;
    let variance = 0;
    for (const v of logs) variance += (v - mean) ** 2;
    const sd = Math.sqrt(variance / B);
    return { k, gap: mean - dataLog[index]!, standardError: sd * Math.sqrt(1 + 1 / B) };
  });
}

/**
 * @internal
 * Tibshirani's standard-error rule: the smallest k with Gap(k) ≥ Gap(k + 1) − s(k + 1), over consecutive k in
 * `values` (the last k has no successor to compare with). Null when no k qualifies.
 */
export function gapChoice(values: readonly GapValue[]): number | null {
  for (let i = 0; i + 1 < values.length; i++) {
    const here = values[i]!;
    const next = values[i + 1]!;
    if (here.gap >= next.gap - next.standardError) return here.k;
  }
  return null;
}
