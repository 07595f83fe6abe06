import { readFitControls } from '../core/abort';
import type { AbortSignalLike } from '../core/abort';
import { MAX_REPEATS } from '../core/sizeLimits';
import { throwIfAborted } from '../core/abort';
import { createRng, resolveSeed, type Seed } from '../core/createRng';
import { toMatrix, type Matrix, type MatrixLike } from '../core/Matrix';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireInteger, requireNumber } from '../core/validateOptions';
import { adjustedRandFromContingency } from './adjustedRandScore';
import { countContingency } from './contingency';
import { encodeLabels, type Label, type LabelsLike } from './encodeLabels';

/** What a fit function given to {@link clusterStability} may return: labels, or an object holding them (a fitted model). */
export type StabilityFitResult =
  | LabelsLike
  | {
      /** The segment of each row passed to the fit function. */
      readonly labels: LabelsLike;
    };

/** Options of {@link clusterStability}. */
export interface ClusterStabilityOptions {
  /** Resamples (refits). Default 20. */
  readonly nBootstrap?: number;
  /** Share of the rows in each resample, drawn without replacement. Default 0.8. */
  readonly sampleFraction?: number;
  /** Seed of the resampling. Default 0. */
  readonly seed?: Seed;
  /** Called after each refit. */
  readonly onProgress?: (event: { readonly resample: number; readonly nBootstrap: number }) => void;
  /** Stops with `E_ABORTED` between refits. */
  readonly signal?: AbortSignalLike;
}

/** Stability of one segment of the original fit. */
export interface SegmentStability {
  /** The segment's label in the original fit. */
  readonly label: Label;
  /** Its size in the original fit. */
  readonly size: number;
  /** Mean over resamples of the best Jaccard similarity with a refitted segment (Hennig 2007), 0 to 1. */
  readonly meanJaccard: number;
  /** Standard deviation of that Jaccard similarity over resamples. */
  readonly stdJaccard: number;
  /** Resamples in which the segment dissolved (best Jaccard ≤ 0.5). */
  readonly dissolved: number;
  /** Resamples in which it was recovered (best Jaccard ≥ 0.75). */
  readonly recovered: number;
  /** Resamples that contained any of its members (the ones averaged). */
  readonly resamples: number;
  /** Hennig's reading: ≥ 0.75 `'stable'`, 0.6 – 0.75 `'uncertain'` (a pattern, not a dependable segment), < 0.6 `'unstable'`. */
  readonly verdict: 'stable' | 'uncertain' | 'unstable';
}

/** The result of {@link clusterStability}. */
export interface ClusterStabilityResult {
  /** Mean adjusted Rand index over every pair of refits, on the rows the two resamples share. */
  readonly meanAri: number;
  /** Standard deviation of those pairwise ARIs. */
  readonly stdAri: number;
  /** Smallest pairwise ARI. */
  readonly minAri: number;
  /** Largest pairwise ARI. */
  readonly maxAri: number;
  /** Every pairwise ARI (nBootstrap · (nBootstrap − 1) / 2 values, pairs (0,1), (0,2), …). */
  readonly pairwiseAri: Float64Array;
  /** Per segment of the fit on all rows, in sorted label order. */
  readonly segments: SegmentStability[];
  /** The labels of the fit on all rows. */
  readonly labels: Label[];
  /** Whether every segment is stable (mean Jaccard ≥ 0.75). */
  readonly stable: boolean;
  /** One sentence for a report. */
  readonly summary: string;
  /** Resamples used. */
  readonly nBootstrap: number;
  /** Rows per resample. */
  readonly sampleSize: number;
}

function labelsOf(result: StabilityFitResult, context: string, expected: number, which: string): ReturnType<typeof encodeLabels> {
  const labels =
    result !== null && typeof result === 'object' && 'labels' in result && !ArrayBuffer.isView(result) && !Array.isArray(result)
      ? (result as { labels: LabelsLike }).labels
      : (result as LabelsLike);
  return encodeLabels(labels, `${context}: fitFn ${which}`, 'labels', expected);
}

function subset(m: Matrix, rows: Int32Array): Matrix {
  const d = m.cols;
  const data = new Float64Array(rows.length * d);
  rows.forEach((i, r) => data.set(m.data.subarray(i * d, i * d + d), r * d));
  return { data, rows: rows.length, cols: d };
}

/**
 * How reproducible a segmentation is: refit on `nBootstrap` random subsets of the customers (`sampleFraction`
 * of the rows each, drawn without replacement) and measure
 * - the **adjusted Rand index between every pair of refits** on the customers both subsets contain (mean and
 *   spread): near 1 means the segmentation comes back the same whatever sample it is fitted on;
 * - the **Jaccard stability of each segment** (Hennig 2007, `fpc::clusterboot` with subsetting): for each segment
 *   of the fit on all rows, restricted to a resample's rows, the best Jaccard similarity |A ∩ B| / |A ∪ B| with any
 *   segment of the refit, averaged over resamples. Hennig's guide: below 0.6 the segment is not to be trusted,
 *   0.6 – 0.75 shows a pattern, above 0.75 (better 0.85) it is stable.
 *
 * A segmentation that does not survive resampling should not be shipped to a marketing team: its segments are
 * artefacts of this particular sample. Labels are compared as given: −1 (noise) is a segment like any other.
 *
 * @param X - one row per customer (n × d)
 * @param fitFn - fits the segmentation on a matrix of rows and returns one label per row (or an object with
 *   `labels`, such as a fitted KMeans model); called once on X and once per resample
 * @param options - `nBootstrap` (20), `sampleFraction` (0.8), `seed` (0), `onProgress`, `signal`
 * @throws {@link SegmentkitError} `E_PARAM` (bad option, resamples of fewer than 2 rows), `E_SHAPE` (fitFn returned
 *   the wrong number of labels), `E_LABELS`, `E_NOT_FINITE`, `E_EMPTY`, `E_ABORTED`.
 * @example
 * const { X } = makeBlobs({ nSamples: 300, centers: 3, seed: 1 });
 * const result = clusterStability(X, (rows) => new KMeans({ nClusters: 3, seed: 1 }).fit(rows), { nBootstrap: 5 });
 * result.meanAri > 0.9; // => true
 */
export function clusterStability(
  X: MatrixLike,
  fitFn: (X: Matrix) => StabilityFitResult,
  options: ClusterStabilityOptions = {},
): ClusterStabilityResult {
  const context = 'clusterStability';
  assertKnownOptions(context, options, ['nBootstrap', 'sampleFraction', 'seed', 'onProgress', 'signal']);
  if (typeof fitFn !== 'function') throw new SegmentkitError('E_PARAM', `${context}: fitFn must be a function (X) => labels`);
  const m = toMatrix(X, context);
  const n = m.rows;
  const B = requireInteger(context, 'nBootstrap', options.nBootstrap ?? 20, { min: 2, max: MAX_REPEATS });
  const fraction = requireNumber(context, 'sampleFraction', options.sampleFraction ?? 0.8, { min: 0, max: 1, exclusiveMin: true });
  const size = Math.round(fraction * n);
  if (size < 2)
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: sampleFraction ${fraction} of ${n} rows leaves ${size} rows per resample; use more rows or a larger fraction`,
    );
  const rng = createRng(resolveSeed(options.seed ?? 0));
  const { signal, onProgress } = readFitControls<{ readonly resample: number; readonly nBootstrap: number }>(context, options);

  throwIfAborted(signal, context);
  const original = labelsOf(fitFn(m), context, n, 'on all rows');
  const k0 = original.classes.length;
  // label code of each row in each refit, −1 where the row was not in that resample
  const refits: Int32Array[] = [];
  const refitClasses: number[] = [];
  const jaccards: number[][] = Array.from({ length: k0 }, () => []);
  const dissolved = new Array<number>(k0).fill(0);
  const recovered = new Array<number>(k0).fill(0);
  for (let b = 0; b < B; b++) {
    throwIfAborted(signal, context);
    const rows = rng.permutation(n).subarray(0, size).sort();
    const refit = labelsOf(fitFn(subset(m, rows)), context, size, `on resample ${b}`);
    const codes = new Int32Array(n).fill(-1);
    rows.forEach((i, r) => (codes[i] = refit.codes[r]!));
    refits.push(codes);
    refitClasses.push(refit.classes.length);
    // Jaccard of each original segment (restricted to these rows) with its best match in the refit
    const originalCodes = new Int32Array(size);
    rows.forEach((i, r) => (originalCodes[r] = original.codes[i]!));
    const table = countContingency(originalCodes, k0, refit.codes, refit.classes.length);
    const best = new Float64Array(k0);
    for (let p = 0; p < table.cellCount.length; p++) {
      const a = table.cellRow[p]!;
      const both = table.cellCount[p]!;
      const jaccard = both / (table.rowSums[a]! + table.colSums[table.cellCol[p]!]! - both);
      if (jaccard > best[a]!) best[a] = jaccard;
    }
    for (let a = 0; a < k0; a++) {
      if (table.rowSums[a] === 0) continue;
      jaccards[a]!.push(best[a]!);
      if (best[a]! <= 0.5) dissolved[a]! += 1;
      if (best[a]! >= 0.75) recovered[a]! += 1;
    }
    onProgress?.({ resample: b + 1, nBootstrap: B });
  }

  const pairwiseAri = new Float64Array((B * (B - 1)) / 2);
  const sharedA = new Int32Array(n);
  const sharedB = new Int32Array(n);
  let p = 0;
  for (let b1 = 0; b1 < B; b1++) {
    for (let b2 = b1 + 1; b2 < B; b2++) {
      const x = refits[b1]!;
      const y = refits[b2]!;
      let shared = 0;
      for (let i = 0; i < n; i++) {
        if (x[i]! < 0 || y[i]! < 0) continue;
        sharedA[shared] = x[i]!;
        sharedB[shared++] = y[i]!;
      }
      // codes are dense per refit; a class absent from the shared rows only adds an empty row/column, which
      // leaves every pair count (and so the ARI) unchanged
      const table = countContingency(sharedA.subarray(0, shared), refitClasses[b1]!, sharedB.subarray(0, shared), refitClasses[b2]!);
      pairwiseAri[p++] = adjustedRandFromContingency(table);
    }
  }
  const stats = summarise(pairwiseAri);
  const segments: SegmentStability[] = original.classes.map((label, a) => {
    const s = summarise(jaccards[a]!);
    const verdict = s.mean >= 0.75 ? 'stable' : s.mean >= 0.6 ? 'uncertain' : 'unstable';
    return {
      label,
      size: original.counts[a]!,
      meanJaccard: s.mean,
      stdJaccard: s.std,
      dissolved: dissolved[a]!,
      recovered: recovered[a]!,
      resamples: jaccards[a]!.length,
      verdict,
    };
  });
  const stable = segments.every((s) => s.verdict === 'stable');
  const weak = segments.filter((s) => s.verdict !== 'stable').map((s) => `${String(s.label)} (${s.meanJaccard.toFixed(2)})`);
  const summary =
    `${B} refits on ${size} of ${n} rows: pairwise ARI ${stats.mean.toFixed(3)} ± ${stats.std.toFixed(3)}; ` +
    (stable
      ? `all ${k0} segments stable (mean Jaccard ≥ 0.75)`
      : `segments below 0.75 mean Jaccard: ${weak.join(', ')}; do not ship them as they are`);
  return {
    meanAri: stats.mean,
    stdAri: stats.std,
    minAri: stats.min,
    maxAri: stats.max,
    pairwiseAri,
    segments,
    labels: Array.from(original.codes, (code) => original.classes[code]!),
    stable,
    summary,
    nBootstrap: B,
    sampleSize: size,
  };
}

// min/max in the loop: spreading B(B−1)/2 values as call arguments overflows the stack for large nBootstrap
function summarise(values: ArrayLike<number>): { mean: number; std: number; min: number; max: number } {
  const count = values.length;
  if (count === 0) return { mean: NaN, std: NaN, min: NaN, max: NaN };
  let mean = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < count; i++) {
    const v = values[i]!;
    mean += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  mean /= count;
  let variance = 0;
  for (let i = 0; i < count; i++) variance += (values[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(variance / count), min, max };
}
