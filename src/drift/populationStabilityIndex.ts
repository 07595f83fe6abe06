import { interpolateSorted } from '../core/quantile';
import { SegmentkitError } from '../core/SegmentkitError';
import { MAX_BUCKETS } from '../core/sizeLimits';
import { toVector } from '../core/toVector';
import { assertKnownOptions, requireInteger, requireNumber, requireOneOf } from '../core/validateOptions';
import type { Category } from '../core/category';
import { tallyCategories, unionCategories } from './categoryCounts';
import { sortFloat64 } from '../core/sortFloat64';
import { portableLog } from '../core/portableMath';

/** Options for {@link populationStabilityIndex}. */
export interface PopulationStabilityIndexOptions {
  /** Number of bins for numeric samples (edges at the reference's quantiles 1/bins … (bins − 1)/bins). Default 10. */
  readonly bins?: number;
  /** Share used in place of an empty bin's 0 (no renormalisation), so the log stays finite. Default 1e-4. */
  readonly epsilon?: number;
  /**
   * `'numeric'` (quantile bins), `'categorical'` (one bin per category seen in either sample) or `'auto'` (default:
   * numeric when every value is a number, e.g. for segment labels pass `'categorical'`).
   */
  readonly type?: 'auto' | 'numeric' | 'categorical';
}

/** One bin of a numeric {@link populationStabilityIndex}: the interval (lower, upper]. */
export interface PsiNumericBin {
  /** Lower edge (exclusive); −Infinity for the first bin. */
  readonly lower: number;
  /** Upper edge (inclusive); +Infinity for the last bin. */
  readonly upper: number;
  /** Share of the reference in the bin (`epsilon` if none). */
  readonly referenceShare: number;
  /** Share of the current sample in the bin (`epsilon` if none). */
  readonly currentShare: number;
  /** (current − reference) · ln(current / reference): this bin's part of the PSI. */
  readonly contribution: number;
}

/** One category of a categorical {@link populationStabilityIndex}. */
export interface PsiCategoryBin {
  /** The category. */
  readonly category: Category;
  /** Share of the reference with this category (`epsilon` if none). */
  readonly referenceShare: number;
  /** Share of the current sample with this category (`epsilon` if none). */
  readonly currentShare: number;
  /** (current − reference) · ln(current / reference): this category's part of the PSI. */
  readonly contribution: number;
}

/** Result of {@link populationStabilityIndex} on numbers. */
export interface NumericPsiResult {
  /** Always `'numeric'`. */
  readonly type: 'numeric';
  /** Σ (current − reference) · ln(current / reference) over the bins. Below 0.1 stable, 0.1–0.25 moderate, above 0.25 significant. */
  readonly psi: number;
  /** The bins in increasing order. */
  readonly bins: readonly PsiNumericBin[];
}

/** Result of {@link populationStabilityIndex} on categories. */
export interface CategoricalPsiResult {
  /** Always `'categorical'`. */
  readonly type: 'categorical';
  /** Σ (current − reference) · ln(current / reference) over the categories. */
  readonly psi: number;
  /** One entry per category seen in either sample: numbers ascending, then strings, then booleans. */
  readonly bins: readonly PsiCategoryBin[];
}

/** Result of {@link populationStabilityIndex}. */
export type PsiResult = NumericPsiResult | CategoricalPsiResult;

/** The usual reading of a PSI value: `'stable'` below 0.1, `'moderate'` below 0.25, `'significant'` above (bands adjustable). */
export type PsiBand = 'stable' | 'moderate' | 'significant';

/** @internal Stable below 0.1, moderate below 0.25, significant from 0.25 (the credit-scoring convention). */
export function psiBand(psi: number, bands: readonly [number, number] = [0.1, 0.25]): PsiBand {
  // NaN would otherwise fall through to 'significant' and trigger a retrain
  if (Number.isNaN(psi)) throw new SegmentkitError('E_DOMAIN', `PSI is NaN; the reference bins are corrupt (edges out of order?)`);
  return psi < bands[0] ? 'stable' : psi < bands[1] ? 'moderate' : 'significant';
}

/** @internal Number of values ≤ `x` in a sorted array (numpy searchsorted side='right'). */
export function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** @internal Bin edges at the reference quantiles k/bins, k = 1 … bins − 1 (numpy 'linear'). */
export function psiEdges(sortedReference: Float64Array, bins: number): number[] {
  return Array.from({ length: bins - 1 }, (_, k) => interpolateSorted(sortedReference, (k + 1) / bins));
}

/** @internal Count per bin (−∞, e₁], (e₁, e₂], …, (e_last, ∞) of a sorted sample. */
export function binCountsSorted(sorted: Float64Array, edges: readonly number[]): number[] {
  const counts: number[] = [];
  let below = 0;
  for (const edge of edges) {
    const atMost = countAtMost(sorted, edge);
    counts.push(atMost - below);
    below = atMost;
  }
  counts.push(sorted.length - below);
  return counts;
}

/** @internal Count per bin of an unsorted sample (binary search over the edges per value). */
export function binCounts(values: Float64Array, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  const last = edges.length;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    // first bin whose upper edge is ≥ v
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid]! >= v) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]!++;
  }
  return counts;
}

/** @internal PSI from counts per bin: empty shares become epsilon, then Σ (c − r) ln(c / r). */
export function psiFromCounts(
  referenceCounts: readonly number[],
  referenceTotal: number,
  currentCounts: readonly number[],
  currentTotal: number,
  epsilon: number,
): { psi: number; referenceShares: number[]; currentShares: number[]; contributions: number[] } {
  const referenceShares: number[] = [];
  const currentShares: number[] = [];
  const contributions: number[] = [];
  let psi = 0;
  for (let b = 0; b < referenceCounts.length; b++) {
    const r = referenceCounts[b]! / referenceTotal || epsilon;
    const c = currentCounts[b]! / currentTotal || epsilon;
    const ratio = c / r;
    // with a denormal epsilon the ratio can leave the doubles (1 / 5e-324 = Infinity): take the logs apart then
    const contribution = (c - r) * (ratio === Infinity || ratio === 0 ? portableLog(c) - portableLog(r) : portableLog(ratio));
    referenceShares.push(r);
    currentShares.push(c);
    contributions.push(contribution);
    psi += contribution;
  }
  return { psi, referenceShares, currentShares, contributions };
}

/** @internal Numeric PSI from a sorted reference and any current sample. */
export function numericPsi(
  sortedReference: Float64Array,
  current: Float64Array,
  bins: number,
  epsilon: number,
  currentIsSorted: boolean,
): NumericPsiResult {
  const edges = psiEdges(sortedReference, bins);
  const referenceCounts = binCountsSorted(sortedReference, edges);
  const currentCounts = currentIsSorted ? binCountsSorted(current, edges) : binCounts(current, edges);
  const { psi, referenceShares, currentShares, contributions } = psiFromCounts(
    referenceCounts,
    sortedReference.length,
    currentCounts,
    current.length,
    epsilon,
  );
  return {
    type: 'numeric',
    psi,
    bins: referenceShares.map((referenceShare, b) => ({
      lower: b === 0 ? -Infinity : edges[b - 1]!,
      upper: b === edges.length ? Infinity : edges[b]!,
      referenceShare,
      currentShare: currentShares[b]!,
      contribution: contributions[b]!,
    })),
  };
}

function allNumbers(values: ArrayLike<unknown>): boolean {
  if (ArrayBuffer.isView(values)) return true;
  for (let i = 0; i < values.length; i++) if (typeof values[i] !== 'number') return false;
  return true;
}

/**
 * Population stability index: how far the distribution of `current` has moved from `reference`,
 * PSI = Σ (cur − ref) · ln(cur / ref) over bins (a symmetrised Kullback–Leibler divergence). Numeric samples
 * are cut at the reference's quantiles 1/bins … (bins − 1)/bins (numpy's 'linear' method); a value v falls in the
 * first bin whose upper edge is ≥ v, i.e. the bins are (−∞, e₁], (e₁, e₂], …, (e_last, ∞). Categorical samples get
 * one bin per category seen in either sample. An empty share becomes `epsilon` (no renormalisation).
 * Read it as: below 0.1 stable, 0.1–0.25 moderate shift, above 0.25 significant shift.
 * See https://www.listendata.com/2015/05/population-stability-index.html.
 *
 * @param reference - the baseline sample: finite numbers, or categories (strings, numbers, booleans)
 * @param current - the sample to compare
 * @throws {@link SegmentkitError} `E_EMPTY` for an empty sample, `E_NOT_FINITE` / `E_PARSE` for missing or
 *   non-finite values (drop them first; {@link driftReport} counts them), `E_PARAM` for bad options.
 * @example
 * populationStabilityIndex(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']).psi; // => 0.2746530721670274
 */
export function populationStabilityIndex(
  reference: ArrayLike<number> | ReadonlyArray<Category>,
  current: ArrayLike<number> | ReadonlyArray<Category>,
  options: PopulationStabilityIndexOptions = {},
): PsiResult {
  const context = 'populationStabilityIndex';
  assertKnownOptions(context, options, ['bins', 'epsilon', 'type']);
  const bins = requireInteger(context, 'bins', options.bins ?? 10, { min: 1, max: MAX_BUCKETS });
  const epsilon = requireNumber(context, 'epsilon', options.epsilon ?? 1e-4, { min: 0, max: 1, exclusiveMin: true });
  const type = requireOneOf(context, 'type', options.type ?? 'auto', ['auto', 'numeric', 'categorical'] as const);
  for (const [name, sample] of [
    ['reference', reference],
    ['current', current],
  ] as const) {
    if (sample === null || typeof sample !== 'object' || typeof sample.length !== 'number') {
      throw new SegmentkitError('E_PARSE', `${context}: ${name} must be an array of numbers or categories`);
    }
    if (sample.length === 0) throw new SegmentkitError('E_EMPTY', `${context}: ${name} is empty`);
  }
  const numeric = type === 'numeric' || (type === 'auto' && allNumbers(reference) && allNumbers(current));
  if (numeric) {
    const ref = toVector(reference as ArrayLike<number>, context, { name: 'reference' });
    const cur = toVector(current as ArrayLike<number>, context, { name: 'current' });
    return numericPsi(sortFloat64(ref), cur, bins, epsilon, false);
  }
  const refTally = tallyCategories(reference, context, 'reference', false);
  const curTally = tallyCategories(current, context, 'current', false);
  return categoricalPsi(refTally.counts, refTally.total, curTally.counts, curTally.total, epsilon);
}

/** @internal Categorical PSI from category counts. */
export function categoricalPsi(
  reference: ReadonlyMap<Category, number>,
  referenceTotal: number,
  current: ReadonlyMap<Category, number>,
  currentTotal: number,
  epsilon: number,
): CategoricalPsiResult {
  const categories = unionCategories(reference, current);
  const { psi, referenceShares, currentShares, contributions } = psiFromCounts(
    categories.map((c) => reference.get(c) ?? 0),
    referenceTotal,
    categories.map((c) => current.get(c) ?? 0),
    currentTotal,
    epsilon,
  );
  return {
    type: 'categorical',
    psi,
    bins: categories.map((category, b) => ({
      category,
      referenceShare: referenceShares[b]!,
      currentShare: currentShares[b]!,
      contribution: contributions[b]!,
    })),
  };
}
