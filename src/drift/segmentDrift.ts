import { attachDisplay, formatCell } from '../core/attachDisplay';
import { htmlSummary } from '../core/display';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireNumber } from '../core/validateOptions';
import type { Category } from '../core/category';
import { tallyCategories, unionCategories } from './categoryCounts';
import { chiSquareFromTable } from './chiSquareTest';
import { psiBand, psiFromCounts, type PsiBand } from './populationStabilityIndex';

/** Options for {@link segmentDrift}. */
export interface SegmentDriftOptions {
  /** Share standing in for an empty segment in the PSI. Default 1e-4. */
  readonly epsilon?: number;
  /** PSI bands [moderate, significant]. Default [0.1, 0.25]. */
  readonly psiBands?: readonly [number, number];
}

/** How one segment's share moved. */
export interface SegmentShareChange {
  /** The segment label. */
  readonly segment: Category;
  /** Reference rows in the segment. */
  readonly referenceCount: number;
  /** Current rows in the segment. */
  readonly currentCount: number;
  /** Share of the reference in the segment. */
  readonly referenceShare: number;
  /** Share of the current rows in the segment. */
  readonly currentShare: number;
  /** currentShare − referenceShare (percentage points as a fraction). */
  readonly change: number;
  /** The segment's part of the PSI (empty shares replaced by `epsilon`). */
  readonly contribution: number;
}

/** Result of {@link segmentDrift}. */
export interface SegmentDriftResult {
  /** Every segment seen in either labelling, numbers ascending then strings. */
  readonly segments: readonly SegmentShareChange[];
  /** PSI over the segment shares. */
  readonly psi: number;
  /** `'stable'`, `'moderate'` or `'significant'` by the PSI bands. */
  readonly psiBand: PsiBand;
  /** Chi-square test of "same segment mix" on the 2 × k table of counts (as scipy chi2_contingency). */
  readonly chiSquare: {
    /** Pearson's statistic. */
    readonly statistic: number;
    /** p-value (1 when there is a single segment). */
    readonly pValue: number;
    /** Degrees of freedom, k − 1. */
    readonly dof: number;
  };
  /** Segments with current rows but none in the reference. */
  readonly newSegments: Category[];
  /** Segments with reference rows but none now. */
  readonly vanishedSegments: Category[];
  /** Labelled reference rows. */
  readonly referenceRows: number;
  /** Labelled current rows. */
  readonly currentRows: number;
}

/**
 * Has the segment mix moved? Compares the share of each segment between a reference labelling (e.g. the
 * training labels of a {@link KMeansModel}) and the labels of current customers (e.g. `model.predict(current)`),
 * with the PSI over segment shares and a chi-square test on the counts. A segment that grows or shrinks is the
 * first sign that the customer base, or the segmentation, has moved; see also {@link centroidDrift}.
 *
 * @param referenceLabels - one segment label per reference row (integers or strings; −1 noise is a segment too)
 * @param currentLabels - one segment label per current row
 * @throws {@link SegmentkitError} `E_EMPTY` for no labels, `E_PARSE` for a missing or non-label value, `E_PARAM` for
 *   bad options.
 * @example
 * const result = segmentDrift([0, 0, 1, 1], [0, 1, 1, 1]);
 * result.segments.map((s) => s.change); // => [-0.25, 0.25]
 * result.psi; // => 0.2746530721670274
 */
export function segmentDrift(
  referenceLabels: ArrayLike<number> | ReadonlyArray<Category>,
  currentLabels: ArrayLike<number> | ReadonlyArray<Category>,
  options: SegmentDriftOptions = {},
): SegmentDriftResult {
  const context = 'segmentDrift';
  assertKnownOptions(context, options, ['epsilon', 'psiBands']);
  const epsilon = requireNumber(context, 'epsilon', options.epsilon ?? 1e-4, { min: 0, max: 1, exclusiveMin: true });
  const bands = options.psiBands ?? [0.1, 0.25];
  if (!Array.isArray(bands) || bands.length !== 2 || !(bands[0] >= 0 && bands[0] <= bands[1])) {
    throw new SegmentkitError('E_PARAM', `${context}: psiBands must be [moderate, significant] with 0 ≤ moderate ≤ significant`);
  }
  for (const [name, labels] of [
    ['referenceLabels', referenceLabels],
    ['currentLabels', currentLabels],
  ] as const) {
    if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
      throw new SegmentkitError('E_PARSE', `${context}: ${name} must be an array of segment labels`);
    }
    if (labels.length === 0) throw new SegmentkitError('E_EMPTY', `${context}: ${name} is empty`);
  }
  const reference = tallyCategories(referenceLabels, context, 'referenceLabels', false);
  const current = tallyCategories(currentLabels, context, 'currentLabels', false);
  return segmentDriftFromCounts(reference.counts, current.counts, epsilon, bands);
}

/** @internal segmentDrift from counts per segment (also used by DriftMonitor, whose profile keeps only counts). */
export function segmentDriftFromCounts(
  reference: ReadonlyMap<Category, number>,
  current: ReadonlyMap<Category, number>,
  epsilon: number,
  bands: readonly [number, number],
): SegmentDriftResult {
  const segments = unionCategories(reference, current);
  const referenceCounts = segments.map((s) => reference.get(s) ?? 0);
  const currentCounts = segments.map((s) => current.get(s) ?? 0);
  const referenceRows = referenceCounts.reduce((a, b) => a + b, 0);
  const currentRows = currentCounts.reduce((a, b) => a + b, 0);
  const { psi, contributions } = psiFromCounts(referenceCounts, referenceRows, currentCounts, currentRows, epsilon);
  const chi = chiSquareFromTable([referenceCounts, currentCounts], true);
  const result: SegmentDriftResult = {
    segments: segments.map((segment, k) => {
      const referenceShare = referenceCounts[k]! / referenceRows;
      const currentShare = currentCounts[k]! / currentRows;
      return {
        segment,
        referenceCount: referenceCounts[k]!,
        currentCount: currentCounts[k]!,
        referenceShare,
        currentShare,
        change: currentShare - referenceShare,
        contribution: contributions[k]!,
      };
    }),
    psi,
    psiBand: psiBand(psi, bands),
    chiSquare: { statistic: chi.statistic, pValue: chi.pValue, dof: chi.dof },
    newSegments: segments.filter((_, k) => referenceCounts[k] === 0),
    vanishedSegments: segments.filter((_, k) => currentCounts[k] === 0),
    referenceRows,
    currentRows,
  };
  return attachDisplay(result, {
    line: () =>
      `segmentDrift { PSI ${formatCell(psi)} (${result.psiBand}), chi-square p = ${formatCell(chi.pValue)}, ${segments.length} segments }`,
    html: () =>
      htmlSummary(
        'segmentDrift',
        [
          ['PSI', `${formatCell(psi)} (${result.psiBand})`],
          ['chi-square p', formatCell(chi.pValue)],
          ['rows', `${referenceRows} → ${currentRows}`],
        ],
        {
          header: ['segment', 'share then', 'share now', 'change', 'PSI contribution'],
          rows: result.segments.map((s) => [
            String(s.segment),
            formatCell(s.referenceShare),
            formatCell(s.currentShare),
            formatCell(s.change),
            formatCell(s.contribution),
          ]),
        },
      ),
  });
}
