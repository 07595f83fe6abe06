import type { SegmentId } from '../explain/profileTypes';
import type { SampleRatioCheck } from './sampleRatioMismatch';

/** A variant label as it appears in the records: a string (`'control'`, `'B'`) or a number (0, 1). */
export type VariantId = number | string;

/** A two-sided confidence interval at level 1 − `alpha` of {@link segmentExperiment}. */
export interface ConfidenceInterval {
  /** Lower bound. */
  readonly lower: number;
  /** Upper bound. */
  readonly upper: number;
}

/** One variant's customers in one segment (or overall). */
export interface ArmSummary {
  /** The variant. */
  readonly variant: VariantId;
  /** Customers (records) in this variant. */
  readonly n: number;
  /** Customers who converted (`kind: 'conversion'`); `null` for revenue. */
  readonly conversions: number | null;
  /** conversions / n (`kind: 'conversion'`); `null` for revenue and for an empty group. */
  readonly rate: number | null;
  /** Mean outcome: the conversion rate, or the mean revenue per customer; `null` for an empty group. */
  readonly mean: number | null;
  /** Sample standard deviation of the outcome (n − 1) for revenue; `null` for conversions or fewer than 2 customers. */
  readonly standardDeviation: number | null;
}

/**
 * One variant against control in one segment (or overall). Lifts are variant minus control; a number that is
 * undefined for these data (an empty group, a zero control rate, constant outcomes) is `null`, never NaN.
 */
export interface VariantComparison {
  /** The variant compared with control. */
  readonly variant: VariantId;
  /** Variant rate (or mean) − control rate (or mean). */
  readonly absoluteLift: number | null;
  /**
   * Confidence interval of `absoluteLift`: Wald for conversions (statsmodels `confint_proportions_2indep(...,
   * method='wald', compare='diff')`), Welch's t for revenue (statsmodels `CompareMeans.tconfint_diff(usevar='unequal')`).
   */
  readonly absoluteLiftInterval: ConfidenceInterval | null;
  /** Variant / control − 1 (0.1 = 10 % better); `null` when the control rate or mean is 0. */
  readonly relativeLift: number | null;
  /**
   * Confidence interval of `relativeLift`, from the delta method on the log of the ratio: for conversions
   * statsmodels `confint_proportions_2indep(..., method='log', compare='ratio')` minus 1 (`null` when a group has
   * no conversions), for revenue with standard errors s²/(n·mean²) and a normal quantile (`null` unless both means
   * are positive).
   */
  readonly relativeLiftInterval: ConfidenceInterval | null;
  /** The test statistic: z of the pooled two-proportion test, or Welch's t. */
  readonly statistic: number | null;
  /** Welch–Satterthwaite degrees of freedom for revenue; `null` for conversions. */
  readonly degreesOfFreedom: number | null;
  /**
   * Two-sided p-value: statsmodels `proportions_ztest([xV, xC], [nV, nC])` (pooled variance) for conversions,
   * scipy `ttest_ind(variant, control, equal_var=False)` for revenue.
   */
  readonly pValue: number | null;
  /**
   * `pValue` adjusted by Holm's step-down method across every segment × variant comparison (statsmodels
   * `multipletests(method='holm')`); controls the family-wise error rate. `null` on the overall row.
   */
  readonly pValueHolm: number | null;
  /**
   * `pValue` adjusted by Benjamini–Hochberg across every segment × variant comparison (statsmodels
   * `multipletests(method='fdr_bh')`); controls the false discovery rate. `null` on the overall row.
   */
  readonly pValueBH: number | null;
  /**
   * Bayesian P(variant rate > control rate) for conversions, exactly (Evan Miller's closed form) under
   * independent Beta priors (Beta(1, 1) unless `prior` is given); `null` for revenue.
   */
  readonly probabilityToBeatControl: number | null;
}

/** The readout of one segment, or of all customers pooled (`segment: null`). */
export interface SegmentReadout {
  /** The segment, or `null` for the pooled overall readout. */
  readonly segment: SegmentId | null;
  /** Customers in the segment, over all variants. */
  readonly n: number;
  /** One summary per variant, in the order of {@link SegmentExperiment.variants} (control first). */
  readonly arms: readonly ArmSummary[];
  /** One comparison per variant other than control, in the order of {@link SegmentExperiment.variants}. */
  readonly comparisons: readonly VariantComparison[];
  /** Whether this segment's customers were split between the variants as planned. */
  readonly sampleRatio: SampleRatioCheck;
}

/** A Simpson's paradox: the pooled lift points one way, every segment's lift the other. */
export interface SimpsonsParadox {
  /** The variant (against control) where it happens. */
  readonly variant: VariantId;
  /** The pooled (overall) absolute lift. */
  readonly pooledLift: number;
  /** Each segment's absolute lift, in the order of {@link SegmentExperiment.segments}. */
  readonly segmentLifts: readonly (number | null)[];
}
