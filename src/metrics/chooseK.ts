import { plotChooseK } from '../charts/plotChooseK';
import { attachDisplay, formatCell } from '../core/attachDisplay';
import { htmlSummary } from '../core/display';
import { largestMagnitude, rescaleExponent, scaleDown, scaleUp } from '../core/powerOfTwoScale';
import { readFitControls } from '../core/abort';
import { GaussianMixture } from '../cluster/gaussianMixture/GaussianMixture';
import { MAX_REPEATS } from '../core/sizeLimits';
import { KMeans } from '../cluster/kmeans/KMeans';
import type { CovarianceType } from '../cluster/gaussianMixture/gaussianMixtureParams';
import type { AbortSignalLike } from '../core/abort';
import { throwIfAborted } from '../core/abort';
import { createRng, resolveSeed, type Seed } from '../core/createRng';
import { toMatrix, type Matrix, type MatrixLike } from '../core/Matrix';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireInteger, requireOneOf } from '../core/validateOptions';
import { calinskiHarabaszScore } from './calinskiHarabaszScore';
import { daviesBouldinScore } from './daviesBouldinScore';
import { gapChoice, gapStatistic } from './gapStatistic';
import { inertia } from './inertia';
import { kneedleElbow } from './kneedleElbow';
import { silhouetteScore } from './silhouetteScore';
import { portableLog } from '../core/portableMath';

/** A criterion {@link chooseK} can compute for each k. */
export type ChooseKMethod = 'inertia' | 'silhouette' | 'calinskiHarabasz' | 'daviesBouldin' | 'gap' | 'bic';

/** Options of {@link chooseK}. */
export interface ChooseKOptions {
  /**
   * Smallest k tried. Default 2. With 1, the gap statistic and BIC can report that the data have no segment
   * structure (the silhouette, Calinski–Harabasz and Davies–Bouldin are NaN for k = 1).
   */
  readonly kMin?: number;
  /** Largest k tried. Default 10 (at most the number of rows). */
  readonly kMax?: number;
  /** Criteria to compute. Default all six. */
  readonly methods?: readonly ChooseKMethod[];
  /** `'kmeans'` (default, k-means++ with `nInit` starts) or `'gmm'` (Gaussian mixture; hard labels = most probable component). */
  readonly estimator?: 'kmeans' | 'gmm';
  /** Seed of every fit and sample. Default 0. */
  readonly seed?: Seed;
  /** k-means starts per k (the best is kept). Default 3. */
  readonly nInit?: number;
  /** Covariance type of the mixtures when `estimator` is `'gmm'`. Default `'full'`. */
  readonly covarianceType?: CovarianceType;
  /**
   * The silhouette (O(n²)) is computed on a seeded sample of this many rows, the same rows for every k, when X
   * has more. Default 10 000 (about 0.15 s per k for 8 features).
   */
  readonly silhouetteSampleSize?: number;
  /** Gap statistic: uniform reference data sets (B). Default 10. */
  readonly nReferences?: number;
  /**
   * The gap statistic is computed on a seeded sample of this many rows (data and references alike) when X has
   * more: B + 1 k-means fits per k are its cost. Default 10 000.
   */
  readonly gapSampleSize?: number;
  /** Called when each k starts (`stage: 'fit'`) and when the gap statistic starts (`stage: 'gap'`). */
  readonly onProgress?: (event: { readonly stage: 'fit' | 'gap'; readonly k?: number }) => void;
  /** Stops with `E_ABORTED` between fits. */
  readonly signal?: AbortSignalLike;
}

/** One k in the {@link chooseK} table; a criterion that was not requested is absent. */
export interface ChooseKRow {
  /** Number of segments. */
  readonly k: number;
  /** Segment sizes of the fit, largest first. */
  readonly sizes: number[];
  /** Within-segment sum of squares (lower is tighter; always falls with k: look for the elbow). */
  readonly inertia?: number;
  /** Mean silhouette (higher is better; on a sample of rows for large data). */
  readonly silhouette?: number;
  /** Calinski–Harabasz index (higher is better). */
  readonly calinskiHarabasz?: number;
  /** Davies–Bouldin index (lower is better). */
  readonly daviesBouldin?: number;
  /** Gap statistic E*[log W*ₖ] − log Wₖ (higher = more structure than uniform noise). */
  readonly gap?: number;
  /** Standard error sₖ of the gap (for the one-standard-error rule). */
  readonly gapStdErr?: number;
  /** Bayesian information criterion (lower is better): the mixture's for `'gmm'`, a spherical Gaussian model's for `'kmeans'`. */
  readonly bic?: number;
}

/** The result of {@link chooseK}. */
export interface ChooseKResult {
  /** One row per k, from kMin to kMax. */
  readonly rows: ChooseKRow[];
  /** The elbow of the inertia curve by Kneedle, or null when the curve has none (or inertia was not requested). */
  readonly elbow: number | null;
  /** k by the gap statistic's one-standard-error rule, or null (none qualifies in range, or gap not requested). */
  readonly gapK: number | null;
  /**
   * The k each criterion votes for: the elbow for inertia, the one-standard-error rule for gap, the best value for
   * the others; null when it names none (no elbow, no k passing the gap rule, or a best value at kMax).
   */
  readonly votes: Partial<Record<ChooseKMethod, number | null>>;
  /** The recommended number of segments. */
  readonly recommendedK: number;
  /** Why: which criteria agree on it and what the others prefer. */
  readonly reason: string;
  /** The estimator used. */
  readonly estimator: 'kmeans' | 'gmm';
  /** Rows the silhouette was computed on (all rows, or the sample). */
  readonly silhouetteRows: number;
  /** Rows the gap statistic was computed on. */
  readonly gapRows: number;
}

const METHODS: readonly ChooseKMethod[] = ['inertia', 'silhouette', 'calinskiHarabasz', 'daviesBouldin', 'gap', 'bic'];
const OPTIONS = [
  'kMin',
  'kMax',
  'methods',
  'estimator',
  'seed',
  'nInit',
  'covarianceType',
  'silhouetteSampleSize',
  'nReferences',
  'gapSampleSize',
  'onProgress',
  'signal',
];
const NAMES: Record<ChooseKMethod, string> = {
  inertia: 'the inertia elbow',
  silhouette: 'silhouette',
  calinskiHarabasz: 'Calinski–Harabasz',
  daviesBouldin: 'Davies–Bouldin',
  gap: 'the gap statistic',
  bic: 'BIC',
};

/**
 * @internal
 * BIC (lower is better) of the hard-assignment spherical Gaussian model behind k-means (Pelleg and Moore 2000,
 * X-means): shared per-feature variance σ² = W / (d (n − k)), mixing weights nᶜ/n; log-likelihood
 * Σ nᶜ log(nᶜ/n) − (n d / 2) log(2π σ²) − d (n − k) / 2; k·d + k parameters (means, weights − 1, variance).
 */
export function kmeansBic(n: number, d: number, sizes: readonly number[], withinSumOfSquares: number): number {
  const k = sizes.length;
  const variance = withinSumOfSquares / (d * (n - k));
  let logLikelihood = (-n * d * portableLog(2 * Math.PI * variance)) / 2 - (d * (n - k)) / 2;
  for (const size of sizes) if (size > 0) logLikelihood += size * portableLog(size / n);
  const parameters = k * d + (k - 1) + 1;
  return -2 * logLikelihood + parameters * portableLog(n);
}

function sample(m: Matrix, size: number, seed: Seed): Matrix {
  if (size >= m.rows) return m;
  const picked = createRng(seed).permutation(m.rows).subarray(0, size);
  const data = new Float64Array(size * m.cols);
  picked.forEach((i, r) => data.set(m.data.subarray(i * m.cols, (i + 1) * m.cols), r * m.cols));
  return { data, rows: size, cols: m.cols };
}

function argBest(
  rows: readonly ChooseKRow[],
  key: 'silhouette' | 'calinskiHarabasz' | 'daviesBouldin' | 'bic',
  lowerIsBetter: boolean,
): number | null {
  let best: ChooseKRow | undefined;
  for (const row of rows) {
    const v = row[key];
    if (v === undefined || !Number.isFinite(v)) continue;
    if (best === undefined || (lowerIsBetter ? v < best[key]! : v > best[key]!)) best = row;
  }
  return best?.k ?? null;
}

/**
 * Fit k-means (or a Gaussian mixture) for every k from `kMin` to `kMax` and tabulate the criteria used to choose
 * the number of segments, with a recommendation and its reason.
 *
 * - **inertia**: within-segment sum of squares; its elbow is found by Kneedle (Satopää et al. 2011, sensitivity 1:
 *   the point farthest below the straight line from the first k to the last, in scaled units, if it stands out
 *   by more than 1/(m − 1) of the range).
 * - **silhouette**, **calinskiHarabasz** (higher is better), **daviesBouldin** (lower is better): as the metric
 *   functions, on the fitted labels (NaN for a k whose fit leaves fewer than 2 non-empty segments). The
 *   silhouette uses a seeded sample of `silhouetteSampleSize` rows (the same for every k) when X is larger; NaN
 *   when that sample holds a single segment.
 * - **gap**: Tibshirani, Walther and Hastie (2001): log Wₖ against its mean over `nReferences` uniform data sets in
 *   the bounding box of the data, always with k-means; k by the one-standard-error rule, the smallest k with
 *   Gap(k) ≥ Gap(k + 1) − s(k + 1). On a seeded sample of `gapSampleSize` rows (at least kMax) when X is larger;
 *   NaN for a k with as many segments as rows (log Wₖ of 0).
 * - **bic**: the mixture's BIC for `'gmm'`; for `'kmeans'` the BIC of the spherical Gaussian model k-means fits
 *   (Pelleg and Moore 2000), NaN when the fit leaves as many segments as rows (no spread left to estimate). Lower
 *   is better.
 *
 * **Recommendation**: each criterion votes for one k: inertia through its elbow, gap through its rule, the others
 * through their best value, except that a best value at kMax only says the criterion is still improving at the
 * edge of the range (silhouette, Calinski–Harabasz and BIC often keep improving as k grows), so it does not vote.
 * The k with the most votes is recommended; a tie goes to the smaller k (fewer segments are easier to act on).
 * With no vote at all: kMax if some criterion is still improving there (the reason says to try a larger kMax),
 * otherwise kMin. `votes` lists each criterion's k (null when it names none) and `reason` spells it all out.
 *
 * @param X - one row per customer (n × d), usually standardised features
 * @param options - `kMin` (2), `kMax` (10), `methods` (all), `estimator` (`'kmeans'`), `seed` (0), `nInit` (3),
 *   `covarianceType`, `silhouetteSampleSize` (10 000), `nReferences` (10), `gapSampleSize` (10 000), `onProgress`, `signal`
 * @throws {@link SegmentkitError} `E_PARAM` (bad range, unknown method or option), `E_NOT_FINITE`, `E_EMPTY`,
 *   `E_ABORTED`; `E_CONVERGENCE` from a Gaussian mixture that collapses.
 * @example
 * const { X } = makeBlobs({ nSamples: 600, centers: 3, seed: 2 });
 * chooseK(X, { kMax: 6 }).recommendedK; // => 3
 */
export function chooseK(X: MatrixLike, options: ChooseKOptions = {}): ChooseKResult {
  const context = 'chooseK';
  assertKnownOptions(context, options, OPTIONS);
  const given = toMatrix(X, context);
  // rows beyond 2^±400 are compared rescaled by a power of two: every criterion but the inertia and the BIC is
  // unchanged by it (and those are scaled back at the end); ordinary rows are used as given
  const exponent = rescaleExponent(largestMagnitude(given.data));
  const m = exponent === 0 ? given : { data: scaleDown(given.data, exponent), rows: given.rows, cols: given.cols };
  const n = m.rows;
  const kMin = requireInteger(context, 'kMin', options.kMin ?? 2, { min: 1 });
  if (n < kMin) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: X has only ${n} row${n === 1 ? '' : 's'} but kMin = ${kMin}; pass at least ${kMin} rows to compare numbers of segments`,
    );
  }
  const kMax = requireInteger(context, 'kMax', options.kMax ?? Math.min(10, n), { min: kMin, max: n });
  const methods = options.methods ?? METHODS;
  if (!Array.isArray(methods) || methods.length === 0)
    throw new SegmentkitError('E_PARAM', `${context}: methods must list at least one of ${METHODS.join(', ')}`);
  for (const method of methods) requireOneOf(context, 'methods[]', method, METHODS);
  const wants = (method: ChooseKMethod): boolean => methods.includes(method);
  const estimator = requireOneOf(context, 'estimator', options.estimator ?? 'kmeans', ['kmeans', 'gmm'] as const);
  const seed = resolveSeed(options.seed ?? 0);
  const nInit = requireInteger(context, 'nInit', options.nInit ?? 3, { min: 1, max: MAX_REPEATS });
  const silhouetteSampleSize = requireInteger(context, 'silhouetteSampleSize', options.silhouetteSampleSize ?? 10_000, { min: 2 });
  const nReferences = requireInteger(context, 'nReferences', options.nReferences ?? 10, { min: 1, max: MAX_REPEATS });
  // the gap statistic fits every k up to kMax on the sample (and on reference data of the same size)
  const gapSampleSize = requireInteger(context, 'gapSampleSize', options.gapSampleSize ?? 10_000, {
    min: wants('gap') ? Math.max(2, kMax) : 2,
  });
  const { signal, onProgress } = readFitControls<{ readonly stage: 'fit' | 'gap'; readonly k?: number }>(context, options);
  const rng = createRng(seed);
  const controls = signal === undefined ? {} : { signal };

  const ks = Array.from({ length: kMax - kMin + 1 }, (_, i) => kMin + i);
  const fullInertia = new Map<number, number>();
  const rows: ChooseKRow[] = [];
  for (const k of ks) {
    throwIfAborted(signal, context);
    onProgress?.({ stage: 'fit', k });
    let labels: Int32Array;
    let within: number;
    let bic: number | undefined;
    if (estimator === 'kmeans') {
      const model = new KMeans({ nClusters: k, nInit, seed: rng.nextSeed() }).fit(m, controls);
      labels = model.labels;
      within = model.inertia;
      fullInertia.set(k, within);
    } else {
      const model = new GaussianMixture({ nComponents: k, covarianceType: options.covarianceType ?? 'full', seed: rng.nextSeed() }).fit(
        m,
        controls,
      );
      labels = model.predict(m);
      within = inertia(m, labels);
      if (wants('bic')) bic = model.bic(m);
    }
    const counts = new Array<number>(k).fill(0);
    for (const label of labels) counts[label]! += 1;
    const sizes = counts.filter((c) => c > 0).sort((a, b) => b - a);
    const scorable = sizes.length >= 2 && sizes.length <= n - 1;
    const row: { -readonly [K in keyof ChooseKRow]: ChooseKRow[K] } = { k, sizes };
    if (wants('inertia')) row.inertia = within;
    if (wants('silhouette')) {
      row.silhouette = scorable ? sampledSilhouette(m, labels, silhouetteSampleSize, seed, controls) : NaN;
    }
    if (wants('calinskiHarabasz')) row.calinskiHarabasz = scorable ? calinskiHarabaszScore(m, labels) : NaN;
    if (wants('daviesBouldin')) row.daviesBouldin = scorable ? daviesBouldinScore(m, labels) : NaN;
    if (wants('bic')) row.bic = bic ?? kmeansBic(n, m.cols, sizes, within);
    rows.push(row);
  }

  let gapK: number | null = null;
  let gapRows = 0;
  if (wants('gap')) {
    throwIfAborted(signal, context);
    onProgress?.({ stage: 'gap' });
    const sub = sample(m, gapSampleSize, seed);
    gapRows = sub.rows;
    const reuse = sub === m && estimator === 'kmeans' ? fullInertia : undefined;
    const values = gapStatistic(sub, ks, {
      nReferences,
      nInit: 1,
      rng,
      ...(reuse === undefined ? {} : { dataInertia: reuse }),
      signal,
      context,
    });
    values.forEach((v, i) => {
      const row = rows[i] as { gap?: number; gapStdErr?: number };
      row.gap = v.gap;
      row.gapStdErr = v.standardError;
    });
    gapK = gapChoice(values);
  }

  const elbowIndex = wants('inertia')
    ? kneedleElbow(
        ks,
        rows.map((r) => r.inertia!),
      )
    : null;
  const elbow = elbowIndex === null ? null : ks[elbowIndex]!;
  const votes: Partial<Record<ChooseKMethod, number | null>> = {};
  const best: Partial<Record<ChooseKMethod, number | null>> = {};
  for (const method of METHODS) {
    if (!wants(method)) continue;
    if (method === 'inertia') votes.inertia = elbow;
    else if (method === 'gap') votes.gap = gapK;
    else {
      const k =
        method === 'silhouette'
          ? argBest(rows, 'silhouette', false)
          : method === 'calinskiHarabasz'
            ? argBest(rows, 'calinskiHarabasz', false)
            : method === 'daviesBouldin'
              ? argBest(rows, 'daviesBouldin', true)
              : argBest(rows, 'bic', true);
      best[method] = k;
      // a best value at the top of the range means "still improving at kMax", not a choice (when kMax > kMin)
      votes[method] = k === kMax && kMax > kMin ? null : k;
    }
  }
  const { recommendedK, reason } = recommend(votes, best, kMin, kMax);
  const result: ChooseKResult = {
    rows: exponent === 0 ? rows : rows.map((row) => inOriginalUnits(row, exponent, n * m.cols, context)),
    elbow,
    gapK,
    votes,
    recommendedK,
    reason,
    estimator,
    silhouetteRows: wants('silhouette') ? Math.min(n, silhouetteSampleSize) : 0,
    gapRows,
  };
  return attachDisplay(result, {
    line: () => `chooseK { recommendedK: ${recommendedK}, k: ${kMin}…${kMax}, estimator: ${estimator} }`,
    html: () => {
      const present = CHOOSE_K_COLUMNS.filter(([key]) => result.rows.some((r) => typeof r[key] === 'number'));
      return htmlSummary(`chooseK: k = ${recommendedK} recommended`, [['why', reason]], {
        header: ['k', ...present.map(([, name]) => name)],
        rows: result.rows.map((r) => [String(r.k), ...present.map(([key]) => formatCell(r[key]))]),
      });
    },
    chart: () => plotChooseK(result),
  });
}

const CHOOSE_K_COLUMNS = [
  ['inertia', 'inertia'],
  ['silhouette', 'silhouette'],
  ['calinskiHarabasz', 'Calinski–Harabasz'],
  ['daviesBouldin', 'Davies–Bouldin'],
  ['gap', 'gap'],
  ['bic', 'BIC'],
] as const;

function recommend(
  votes: Partial<Record<ChooseKMethod, number | null>>,
  best: Partial<Record<ChooseKMethod, number | null>>,
  kMin: number,
  kMax: number,
): { recommendedK: number; reason: string } {
  const tally = new Map<number, ChooseKMethod[]>();
  const atEdge: ChooseKMethod[] = [];
  const silent: ChooseKMethod[] = [];
  for (const [method, k] of Object.entries(votes) as [ChooseKMethod, number | null][]) {
    if (k !== null) tally.set(k, [...(tally.get(k) ?? []), method]);
    else if (best[method] === kMax) atEdge.push(method);
    else silent.push(method);
  }
  const notes: string[] = [];
  if (atEdge.length > 0) notes.push(`${list(atEdge.map((m) => NAMES[m]))} still improving at kMax = ${kMax}`);
  if (silent.length > 0) notes.push(`no clear choice from ${list(silent.map((m) => NAMES[m]))}`);
  if (tally.size === 0) {
    if (atEdge.length > 0) {
      return {
        recommendedK: kMax,
        reason:
          `k = ${kMax}: every criterion that names a k is still improving at kMax (${list(atEdge.map((m) => NAMES[m]))}); try a larger kMax` +
          (silent.length > 0 ? `; no clear choice from ${list(silent.map((m) => NAMES[m]))}` : ''),
      };
    }
    return { recommendedK: kMin, reason: `no criterion singled out a k (${list(silent.map((m) => NAMES[m]))}): kMin = ${kMin} by default` };
  }
  const ranked = [...tally].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]);
  const [k, supporters] = ranked[0]!;
  let voters = 0;
  for (const [, methods] of tally) voters += methods.length;
  const tie = ranked.length > 1 && ranked[1]![1].length === supporters.length ? ' (a tie, broken towards fewer segments)' : '';
  const others = ranked
    .slice(1)
    .map(([otherK, methods]) => `${list(methods.map((m) => NAMES[m]))} prefer${methods.length === 1 ? 's' : ''} ${otherK}`);
  return {
    recommendedK: k,
    reason: `k = ${k}: chosen by ${list(supporters.map((m) => NAMES[m]))} (${supporters.length} of ${voters} criteria that name a k)${tie}${[...others, ...notes].map((t) => `; ${t}`).join('')}`,
  };
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The silhouette on a seeded sample; NaN (like an unscorable k) when the sample holds fewer than 2 clusters. */
function sampledSilhouette(m: Matrix, labels: Int32Array, sampleSize: number, seed: Seed, controls: { signal?: AbortSignalLike }): number {
  try {
    return silhouetteScore(m, labels, { sampleSize, seed, ...controls });
  } catch (error) {
    // a small sample of unbalanced segments can miss all but one of them
    if (error instanceof SegmentkitError && error.code === 'E_LABELS' && sampleSize < m.rows) return NaN;
    throw error;
  }
}

/**
 * A row computed on data times 2^−e, in the original units: the inertia times 4^e (refused when it does not fit),
 * the BIC plus 2·n·d·e·ln 2 (the log-likelihood of data scaled by 2^e drops by n·d·e·ln 2).
 */
function inOriginalUnits(row: ChooseKRow, exponent: number, cells: number, context: string): ChooseKRow {
  const out: { -readonly [K in keyof ChooseKRow]: ChooseKRow[K] } = { ...row };
  if (row.inertia !== undefined) {
    out.inertia = scaleUp(row.inertia, 2 * exponent);
    if (out.inertia === Infinity) {
      throw new SegmentkitError(
        'E_DOMAIN',
        `${context}: the inertia for k = ${row.k} exceeds the largest double; rescale X (divide it by a power of ten) first, or leave 'inertia' out of methods`,
      );
    }
  }
  if (row.bic !== undefined) out.bic = row.bic + 2 * cells * exponent * portableLog(2);
  return out;
}
