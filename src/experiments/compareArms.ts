import { normalSurvival } from '../core/normalSurvival';
import { portableExpm1, portableLog } from '../core/portableMath';
import { welchFromMoments } from '../stats/welchTTest';
import type { ConfidenceInterval, VariantId } from './experimentTypes';
import { probabilityToBeat } from './probabilityToBeat';
import { studentTCritical } from './studentTCritical';

/** @internal One group's sufficient statistics: size, conversions or sum, mean and sample variance (n − 1). */
export interface ArmMoments {
  n: number;
  conversions: number;
  mean: number;
  variance: number;
}

/** @internal A comparison before the multiple-testing adjustment. */
export interface RawComparison {
  variant: VariantId;
  absoluteLift: number | null;
  absoluteLiftInterval: ConfidenceInterval | null;
  relativeLift: number | null;
  relativeLiftInterval: ConfidenceInterval | null;
  statistic: number | null;
  degreesOfFreedom: number | null;
  pValue: number | null;
  probabilityToBeatControl: number | null;
}

function empty(variant: VariantId): RawComparison {
  return {
    variant,
    absoluteLift: null,
    absoluteLiftInterval: null,
    relativeLift: null,
    relativeLiftInterval: null,
    statistic: null,
    degreesOfFreedom: null,
    pValue: null,
    probabilityToBeatControl: null,
  };
}

function interval(centre: number, halfWidth: number): ConfidenceInterval {
  return Object.freeze({ lower: centre - halfWidth, upper: centre + halfWidth });
}

/** exp(log ratio ± half) − 1: an interval on the log scale, back as a relative change. */
function logInterval(logRatio: number, halfWidth: number): ConfidenceInterval {
  return Object.freeze({ lower: portableExpm1(logRatio - halfWidth), upper: portableExpm1(logRatio + halfWidth) });
}

/**
 * @internal
 * Variant against control for conversions: Wald interval of the difference, the pooled two-proportion z-test
 * (statsmodels `proportions_ztest`), the log-ratio interval (statsmodels `method='log'`), and P(variant > control)
 * under Beta(priorAlpha, priorBeta) priors. `z` is the two-sided normal critical value.
 */
export function compareConversions(
  variant: VariantId,
  v: ArmMoments,
  c: ArmMoments,
  z: number,
  priorAlpha: number,
  priorBeta: number,
): RawComparison {
  if (v.n === 0 || c.n === 0) return empty(variant);
  const pV = v.conversions / v.n;
  const pC = c.conversions / c.n;
  const lift = pV - pC;
  const wald = Math.sqrt((pV * (1 - pV)) / v.n + (pC * (1 - pC)) / c.n);
  const pooled = (v.conversions + c.conversions) / (v.n + c.n);
  const nullSe = Math.sqrt(pooled * (1 - pooled) * (1 / v.n + 1 / c.n));
  const statistic = nullSe > 0 ? lift / nullSe : null;
  const pValue = statistic === null ? null : Math.min(1, 2 * normalSurvival(Math.abs(statistic)));
  let relativeLift: number | null = null;
  let relativeLiftInterval: ConfidenceInterval | null = null;
  if (c.conversions > 0) {
    relativeLift = pV / pC - 1;
    if (v.conversions > 0) {
      const logVariance = 1 / v.conversions - 1 / v.n + 1 / c.conversions - 1 / c.n;
      relativeLiftInterval = logInterval(portableLog(pV / pC), z * Math.sqrt(Math.max(0, logVariance)));
    }
  }
  return {
    variant,
    absoluteLift: lift,
    absoluteLiftInterval: interval(lift, z * wald),
    relativeLift,
    relativeLiftInterval,
    statistic,
    degreesOfFreedom: null,
    pValue,
    probabilityToBeatControl: probabilityToBeat(
      priorAlpha + v.conversions,
      priorBeta + v.n - v.conversions,
      priorAlpha + c.conversions,
      priorBeta + c.n - c.conversions,
    ),
  };
}

/**
 * @internal
 * Variant against control for revenue: Welch's t-test (scipy `ttest_ind(equal_var=False)`) and its interval of
 * the difference of means (statsmodels `tconfint_diff(usevar='unequal')`); the relative lift's interval by the
 * delta method on log(mean ratio) with the normal critical value `z`. `alpha` is the two-sided level.
 */
export function compareRevenue(variant: VariantId, v: ArmMoments, c: ArmMoments, alpha: number, z: number): RawComparison {
  if (v.n === 0 || c.n === 0) return empty(variant);
  const lift = v.mean - c.mean;
  const out = empty(variant);
  out.absoluteLift = lift;
  out.relativeLift = c.mean !== 0 ? v.mean / c.mean - 1 : null;
  if (v.n < 2 || c.n < 2) return out;
  const test = welchFromMoments(v.mean, v.variance, v.n, c.mean, c.variance, c.n);
  out.statistic = test.statistic;
  out.degreesOfFreedom = test.df;
  out.pValue = test.pValue;
  if (test.df !== null) {
    const se = Math.sqrt(v.variance / v.n + c.variance / c.n);
    out.absoluteLiftInterval = interval(lift, studentTCritical(alpha, test.df) * se);
  }
  if (v.mean > 0 && c.mean > 0) {
    const logSe = Math.sqrt(v.variance / (v.n * v.mean * v.mean) + c.variance / (c.n * c.mean * c.mean));
    out.relativeLiftInterval = logInterval(portableLog(v.mean / c.mean), z * logSe);
  }
  return out;
}
