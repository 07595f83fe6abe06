import type { Category } from '../core/category';

/** A segment's identity as the labelling gives it: a cluster number, an RFM segment name, … */
export type SegmentId = number | string;

/** Summary statistics of one numeric feature over a group of customers (in the data's own units). */
export interface NumericSummary {
  /** Mean (weighted for soft profiles). */
  readonly mean: number;
  /** Median (numpy's linear interpolation; weighted: the smallest value whose cumulative weight reaches ½). */
  readonly median: number;
  /** First quartile. */
  readonly q25: number;
  /** Third quartile. */
  readonly q75: number;
  /** Standard deviation (n − 1). */
  readonly std: number;
}

/** One numeric feature of one segment. */
export interface NumericFeatureProfile extends NumericSummary {
  /** The feature's name. */
  readonly feature: string;
  /** Segment mean / overall mean (`null` when the overall mean is 0). */
  readonly lift: number | null;
  /**
   * Cohen's d of the segment against the rest of the customers: (mean − mean of the rest) / pooled standard
   * deviation; `null` when both groups are constant or one is too small.
   */
  readonly standardizedDifference: number | null;
  /** The test of segment vs rest: its p-value before and after Benjamini–Hochberg (`null` for soft profiles). */
  readonly test: DifferenceTest | null;
}

/** A category's share inside a segment and overall. */
export interface CategoryShare {
  /** The category. */
  readonly category: Category;
  /** Share of the segment's customers in this category. */
  readonly share: number;
  /** Share of all customers in this category. */
  readonly overallShare: number;
  /** share / overallShare. */
  readonly lift: number;
}

/** One categorical feature of one segment. */
export interface CategoricalFeatureProfile {
  /** The feature's name. */
  readonly feature: string;
  /** Every category seen overall, most frequent in the segment first. */
  readonly categories: readonly CategoryShare[];
  /** Cramér's V of segment vs rest over the categories (0 = same mix, 1 = disjoint). */
  readonly effectSize: number;
  /** The chi-square test of segment vs rest (`null` for soft profiles). */
  readonly test: DifferenceTest | null;
}

/** Which test compared a segment with the rest of the customers. */
export type DifferenceTestName = 'mann-whitney' | 'welch' | 'chi-square';

/** A test of "this segment differs from the rest on this feature". */
export interface DifferenceTest {
  /** The test. */
  readonly name: DifferenceTestName;
  /** Its statistic (U of the segment, Welch's t, or χ²). */
  readonly statistic: number | null;
  /** Its p-value (scipy's), `null` when undefined (a constant feature). */
  readonly pValue: number | null;
  /** Benjamini–Hochberg adjusted over every segment × feature test of the profile. */
  readonly adjustedPValue: number | null;
}

/** A feature that sets a segment apart. */
export interface Distinction {
  /** The feature. */
  readonly feature: string;
  /** Numeric or categorical. */
  readonly kind: 'numeric' | 'categorical';
  /** |Cohen's d| for numeric features, Cramér's V for categorical ones: what the ranking uses. */
  readonly effectSize: number;
  /** Numeric: whether the segment is above or below the rest. Categorical: always `'higher'` (see `category`). */
  readonly direction: 'higher' | 'lower';
  /** Categorical: the category most over-represented in the segment. */
  readonly category?: Category;
  /** Segment mean / overall mean (numeric) or the category's lift (categorical). */
  readonly lift: number | null;
  /** The test behind it (`null` for soft profiles, which rank by effect size alone). */
  readonly test: DifferenceTest | null;
}

/** Everything profiled about one segment. */
export interface SegmentSummary {
  /** The segment as the labels name it. */
  readonly segment: SegmentId;
  /** Customers in it (the sum of weights for soft profiles). */
  readonly size: number;
  /** size / all customers. */
  readonly share: number;
  /** Whether this is the noise group (DBSCAN's −1, or the `noiseLabel` given). */
  readonly isNoise: boolean;
  /** Numeric features, in the data's order. */
  readonly numeric: readonly NumericFeatureProfile[];
  /** Categorical features, in the data's order. */
  readonly categorical: readonly CategoricalFeatureProfile[];
  /**
   * The features that set the segment apart, largest effect first: those whose adjusted p-value is below
   * `alpha` and whose effect reaches `minEffect` (soft profiles: effect alone).
   */
  readonly distinguishing: readonly Distinction[];
}

/** Statistics over all customers. */
export interface OverallProfile {
  /** Customers profiled. */
  readonly size: number;
  /** Per numeric feature. */
  readonly numeric: Readonly<Record<string, NumericSummary>>;
  /** Per categorical feature: each category's overall share, most frequent first. */
  readonly categorical: Readonly<Record<string, readonly OverallCategoryShare[]>>;
}

/** One category's share of all customers. */
export interface OverallCategoryShare {
  /** The category. */
  readonly category: Category;
  /** Its share of all (weighted) customers, 0..1. */
  readonly share: number;
}

/** The features a profile covers, by kind, in the data's order. */
export interface ProfiledFeatures {
  /** Numeric feature names. */
  readonly numeric: readonly string[];
  /** Categorical feature names. */
  readonly categorical: readonly string[];
}

/** A column the profile left out. */
export interface ProfileSkippedColumn {
  /** The column's name. */
  readonly column: string;
  /** Why it was left out (an identifier, dates, mixed types). */
  readonly reason: string;
}

/** {@link SegmentProfile} as plain data: what `toJSON()` returns. */
export interface SegmentProfileJSON {
  /** One summary per segment, in label order. */
  readonly segments: readonly SegmentSummary[];
  /** Statistics over all customers. */
  readonly overall: OverallProfile;
  /** The features profiled. */
  readonly features: ProfiledFeatures;
  /** Columns left out, with the reason. */
  readonly skipped: readonly ProfileSkippedColumn[];
  /** The numeric test used, or `null` for a soft profile. */
  readonly test: 'mann-whitney' | 'welch' | null;
}
