import { chiSquareSurvival } from '../core/regularizedGamma';

/**
 * A sample-ratio-mismatch check: were customers split between the variants as planned? Pearson's chi-square
 * goodness of fit of the observed group sizes against the planned shares (`scipy.stats.chisquare(observed,
 * expected)`). A mismatch usually means broken assignment or logging, and then the other numbers cannot be
 * trusted.
 */
export interface SampleRatioCheck {
  /** Customers per variant, in the order of {@link SegmentExperiment.variants} (control first). */
  readonly observed: readonly number[];
  /** Customers per variant the planned split expects: total × planned share. */
  readonly expected: readonly number[];
  /** Σ (observed − expected)² / expected. */
  readonly statistic: number;
  /** Number of variants − 1. */
  readonly degreesOfFreedom: number;
  /** P(χ² ≥ statistic) under the planned split. */
  readonly pValue: number;
  /** `pValue` below the threshold (default 0.001, the usual SRM alarm level). */
  readonly mismatch: boolean;
}

/** @internal The check for `observed` counts against planned `shares` (summing to 1) at `threshold`. */
export function sampleRatioMismatch(observed: readonly number[], shares: readonly number[], threshold: number): SampleRatioCheck {
  const total = observed.reduce((a, b) => a + b, 0);
  const expected = shares.map((s) => total * s);
  let statistic = 0;
  for (let j = 0; j < observed.length; j++) {
    const gap = observed[j]! - expected[j]!;
    statistic += (gap * gap) / expected[j]!;
  }
  const degreesOfFreedom = observed.length - 1;
  const pValue = chiSquareSurvival(statistic, degreesOfFreedom);
  return Object.freeze({
    observed: Object.freeze([...observed]),
    expected: Object.freeze(expected),
    statistic,
    degreesOfFreedom,
    pValue,
    mismatch: pValue < threshold,
  });
}
