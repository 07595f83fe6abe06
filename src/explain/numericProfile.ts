import { interpolateSorted } from '../core/quantile';
import { SegmentkitError } from '../core/SegmentkitError';
import { sortFloat64WithPayload } from '../core/sortFloat64';
import { mannWhitneyPValue } from '../stats/mannWhitneyU';
import { welchFromMoments } from '../stats/welchTTest';
import type { NumericColumn, SegmentGroups } from './profileInput';
import type { NumericSummary } from './profileTypes';

/** @internal One numeric feature of one segment before the p-values are adjusted. */
export interface RawNumericProfile extends NumericSummary {
  readonly count: number;
  readonly lift: number | null;
  readonly standardizedDifference: number | null;
  readonly statistic: number | null;
  readonly pValue: number | null;
}

/** @internal A feature's profile in every segment, and over everyone. */
export interface NumericFeatureResult {
  readonly overall: NumericSummary & { count: number };
  readonly perGroup: readonly RawNumericProfile[];
}

function summarySorted(sorted: Float64Array, mean: number, squares: number): NumericSummary {
  const n = sorted.length;
  return {
    mean,
    median: interpolateSorted(sorted, 0.5),
    q25: interpolateSorted(sorted, 0.25),
    q75: interpolateSorted(sorted, 0.75),
    std: n > 1 ? Math.sqrt(squares / (n - 1)) : Number.NaN,
  };
}

function meanOf(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

function squaresAbout(values: Float64Array, mean: number): number {
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i]! - mean) * (values[i]! - mean);
  return squares;
}

const OVERALL_QUANTILES = [0.25, 0.5, 0.75];

/** Magnitudes above this make sums of squares overflow (1.3e154² is the largest double). */
const MAX_MAGNITUDE = 1e150;

/** Refuse a column whose sums of squares would overflow to Infinity (a std, a Cohen's d) rather than report them. */
function checkMagnitude(column: NumericColumn): void {
  const { values } = column;
  for (let i = 0; i < values.length; i++) {
    if (Math.abs(values[i]!) > MAX_MAGNITUDE)
      throw new SegmentkitError(
        'E_DOMAIN',
        `profileSegments: column ${JSON.stringify(column.name)}, row ${i} is ${values[i]}; values beyond ±1e150 overflow the spreads; rescale the column (divide by a power of ten) first`,
      );
  }
}

/**
 * @internal
 * Hard-label profile of one numeric feature: per segment the summary, lift, Cohen's d against the rest, and a
 * Mann–Whitney or Welch test of segment vs rest. Missing values (NaN) are left out of this feature only.
 * One radix sort of the values carrying their segment gives ranks, ties, the overall quartiles and (read back in
 * order) every segment's sorted values; the rest's moments come from the decomposition of the total sum of
 * squares. O(n) time and memory per feature.
 */
export function profileNumericFeature(column: NumericColumn, groups: SegmentGroups, test: 'mann-whitney' | 'welch'): NumericFeatureResult {
  checkMagnitude(column);
  const k = groups.segments.length;
  const { values } = column;
  const counts = new Int32Array(k);
  let present = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === values[i]) {
      counts[groups.group[i]!]!++;
      present++;
    }
  }
  if (present === 0) {
    const empty = { count: 0, mean: Number.NaN, median: Number.NaN, q25: Number.NaN, q75: Number.NaN, std: Number.NaN };
    return {
      overall: empty,
      perGroup: Array.from({ length: k }, () => ({ ...empty, lift: null, standardizedDifference: null, statistic: null, pValue: null })),
    };
  }
  // one stable radix sort of the present values carrying their segment: the whole sorted (ranks, ties, overall
  // quartiles) and, read back in order, every segment's values sorted (its quartiles)
  const presentValues = new Float64Array(present);
  const presentGroups = new Int32Array(present);
  for (let i = 0, p = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) {
      presentValues[p] = v;
      presentGroups[p++] = groups.group[i]!;
    }
  }
  const { sorted: all, payload: allGroups } = sortFloat64WithPayload(presentValues, presentGroups);
  const overallMean = meanOf(presentValues);
  const overallSquares = squaresAbout(presentValues, overallMean);
  const starts = new Int32Array(k + 1);
  for (let g = 0; g < k; g++) starts[g + 1] = starts[g]! + counts[g]!;
  const cursor = starts.slice(0, k);
  const byGroup = new Float64Array(present);
  const rankSums = new Float64Array(k);
  let tieTerm = 0;
  for (let start = 0; start < present; ) {
    let end = start + 1;
    while (end < present && all[end] === all[start]) end++;
    const averageRank = (start + 1 + end) / 2;
    for (let p = start; p < end; p++) {
      const g = allGroups[p]!;
      rankSums[g]! += averageRank;
      byGroup[cursor[g]!++] = all[p]!;
    }
    const t = end - start;
    tieTerm += t * t * t - t;
    start = end;
  }
  const sortedGroups = Array.from({ length: k }, (_, g) => byGroup.subarray(starts[g]!, starts[g + 1]!));
  const overallQuantiles = OVERALL_QUANTILES.map((q) => interpolateSorted(all, q));
  const constant = tieTerm === present * present * present - present;
  const perGroup: RawNumericProfile[] = [];
  for (let g = 0; g < k; g++) {
    const n = counts[g]!;
    const sorted = sortedGroups[g]!;
    if (n === 0) {
      perGroup.push({
        count: 0,
        mean: Number.NaN,
        median: Number.NaN,
        q25: Number.NaN,
        q75: Number.NaN,
        std: Number.NaN,
        lift: null,
        standardizedDifference: null,
        statistic: null,
        pValue: null,
      });
      continue;
    }
    const mean = meanOf(sorted);
    const squares = squaresAbout(sorted, mean);
    const summary = summarySorted(sorted, mean, squares);
    const rest = present - n;
    const lift = overallMean !== 0 ? mean / overallMean : null;
    let standardizedDifference: number | null = null;
    let statistic: number | null = null;
    let pValue: number | null = null;
    if (rest > 0) {
      const restMean = (present * overallMean - n * mean) / rest;
      // SS_all = SS_g + SS_rest + n (m_g − μ)² + n_rest (m_rest − μ)²
      const restSquares = Math.max(0, overallSquares - squares - n * (mean - overallMean) ** 2 - rest * (restMean - overallMean) ** 2);
      const pooled = present > 2 ? Math.sqrt((squares + restSquares) / (present - 2)) : 0;
      standardizedDifference = pooled > 0 ? (mean - restMean) / pooled : null;
      if (test === 'welch') {
        if (n >= 2 && rest >= 2) {
          const welch = welchFromMoments(mean, squares / (n - 1), n, restMean, restSquares / (rest - 1), rest);
          statistic = welch.statistic;
          pValue = welch.pValue;
        }
      } else if (!constant) {
        statistic = rankSums[g]! - (n * (n + 1)) / 2;
        pValue = mannWhitneyPValue(statistic, n, rest, tieTerm, 'auto').pValue;
      }
    }
    perGroup.push({ count: n, ...summary, lift, standardizedDifference, statistic, pValue });
  }
  const overallStd = present > 1 ? Math.sqrt(overallSquares / (present - 1)) : Number.NaN;
  return {
    overall: {
      count: present,
      mean: overallMean,
      q25: overallQuantiles[0]!,
      median: overallQuantiles[1]!,
      q75: overallQuantiles[2]!,
      std: overallStd,
    },
    perGroup,
  };
}

/** Weighted quantile: the smallest value whose cumulative weight reaches q of the total (no interpolation). */
function weightedQuantile(sortedValues: Float64Array, sortedWeights: Float64Array, total: number, q: number): number {
  const target = q * total;
  let cumulative = 0;
  for (let i = 0; i < sortedValues.length; i++) {
    cumulative += sortedWeights[i]!;
    if (cumulative >= target && sortedWeights[i]! > 0) return sortedValues[i]!;
  }
  return sortedValues[sortedValues.length - 1]!;
}

/**
 * @internal
 * Soft profile of one numeric feature: every row counts in segment g with weight W[i][g] (a mixture's
 * responsibilities) and in "the rest" with 1 − W[i][g]. Weighted mean, std (Σw − 1 denominator), weighted
 * quantiles, lift and Cohen's d; no p-values (the rows are not independent draws of a segment).
 */
export function profileNumericFeatureSoft(column: NumericColumn, weights: Float64Array, k: number): NumericFeatureResult {
  checkMagnitude(column);
  const { values } = column;
  const order: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) order.push(i);
  order.sort((a, b) => values[a]! - values[b]!);
  const present = order.length;
  const sortedValues = Float64Array.from(order, (i) => values[i]!);
  const overallMean = meanOf(sortedValues);
  const overallSquares = squaresAbout(sortedValues, overallMean);
  const perGroup: RawNumericProfile[] = [];
  const w = new Float64Array(present);
  for (let g = 0; g < k; g++) {
    let total = 0;
    let sum = 0;
    for (let p = 0; p < present; p++) {
      const weight = weights[order[p]! * k + g]!;
      w[p] = weight;
      total += weight;
      sum += weight * sortedValues[p]!;
    }
    if (!(total > 0)) {
      perGroup.push({
        count: 0,
        mean: Number.NaN,
        median: Number.NaN,
        q25: Number.NaN,
        q75: Number.NaN,
        std: Number.NaN,
        lift: null,
        standardizedDifference: null,
        statistic: null,
        pValue: null,
      });
      continue;
    }
    const mean = sum / total;
    let squares = 0;
    let restTotal = 0;
    let restSum = 0;
    for (let p = 0; p < present; p++) {
      squares += w[p]! * (sortedValues[p]! - mean) ** 2;
      restTotal += 1 - w[p]!;
      restSum += (1 - w[p]!) * sortedValues[p]!;
    }
    let standardizedDifference: number | null = null;
    if (restTotal > 0) {
      const restMean = restSum / restTotal;
      let restSquares = 0;
      for (let p = 0; p < present; p++) restSquares += (1 - w[p]!) * (sortedValues[p]! - restMean) ** 2;
      const pooled = present > 2 ? Math.sqrt((squares + restSquares) / (present - 2)) : 0;
      standardizedDifference = pooled > 0 ? (mean - restMean) / pooled : null;
    }
    perGroup.push({
      count: total,
      mean,
      median: weightedQuantile(sortedValues, w, total, 0.5),
      q25: weightedQuantile(sortedValues, w, total, 0.25),
      q75: weightedQuantile(sortedValues, w, total, 0.75),
      std: total > 1 ? Math.sqrt(squares / (total - 1)) : Number.NaN,
      lift: overallMean !== 0 ? mean / overallMean : null,
      standardizedDifference,
      statistic: null,
      pValue: null,
    });
  }
  return { overall: { count: present, ...summarySorted(sortedValues, overallMean, overallSquares) }, perGroup };
}
