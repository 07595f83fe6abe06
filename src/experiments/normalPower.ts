import { describeValue } from '../core/describeValue';
import { normalQuantile } from '../core/normalQuantile';
import { normalSurvival } from '../core/normalSurvival';
import { portableSinSmall } from '../core/portableMath';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireNumber, requireOneOf } from '../core/validateOptions';

// Sample size and power of a two-proportion test, as statsmodels' NormalIndPower with Cohen's effect size h
// (proportion_effectsize): power = Φ̄(z₁₋α/₂ − h√m) + Φ(−z₁₋α/₂ − h√m) two-sided, with the effective sample
// size m = 1 / (1/n₁ + 1/n₂), n₂ = ratio · n₁.

/** Which way the planned test looks: both ways (default), or one-sided for a variant above or below control. */
export type PowerAlternative = 'two-sided' | 'larger' | 'smaller';

const ALTERNATIVES: readonly PowerAlternative[] = ['two-sided', 'larger', 'smaller'];

/** Options of {@link sampleSize}. */
export interface SampleSizeOptions {
  /** The control group's conversion rate, in [0, 1]. */
  readonly baseline: number;
  /**
   * The smallest change worth detecting: absolute (0.01 = one percentage point, so 0.10 → 0.11) unless
   * `relative` is set. Negative for a decrease. The variant rate baseline + effect must stay in [0, 1].
   */
  readonly minimumDetectableEffect: number;
  /** Read `minimumDetectableEffect` as a share of the baseline (0.1 = 10 %: 0.10 → 0.11). Default `false`. */
  readonly relative?: boolean;
  /** Significance level (type I error). Default 0.05. */
  readonly alpha?: number;
  /** Wanted power (1 − type II error), above `alpha` and below 1. Default 0.8. */
  readonly power?: number;
  /** Variant group size over control group size (statsmodels' `ratio = nobs2 / nobs1`). Default 1. */
  readonly ratio?: number;
  /** Two-sided (default) or one-sided test. `'larger'` needs a positive effect, `'smaller'` a negative one. */
  readonly alternative?: PowerAlternative;
}

/** Options of {@link power}: those of {@link sampleSize} with the control group size instead of a target power. */
export interface PowerOptions {
  /** The control group's conversion rate, in [0, 1]. */
  readonly baseline: number;
  /** The change to detect, absolute unless `relative` is set (see {@link SampleSizeOptions.minimumDetectableEffect}). */
  readonly minimumDetectableEffect: number;
  /** Read `minimumDetectableEffect` as a share of the baseline. Default `false`. */
  readonly relative?: boolean;
  /** Significance level. Default 0.05. */
  readonly alpha?: number;
  /** Customers in the control group (statsmodels' `nobs1`; may be fractional). Give this or `n`. */
  readonly nControl?: number;
  /** Another name for `nControl`, for the common equal split. Give one of the two. */
  readonly n?: number;
  /** Variant group size over control group size. Default 1. */
  readonly ratio?: number;
  /** Two-sided (default) or one-sided test. */
  readonly alternative?: PowerAlternative;
}

/** The result of {@link sampleSize}: customers needed per group. Frozen. */
export interface SampleSize {
  /** Customers needed in the control group: `nControlExact` rounded up. */
  readonly nControl: number;
  /** Customers needed in the variant group: `nControlExact · ratio` rounded up. */
  readonly nVariant: number;
  /** `nControl + nVariant`. */
  readonly total: number;
  /**
   * The unrounded solution of power(n) = target, as statsmodels' `NormalIndPower().solve_power` returns it (which
   * stops at a tolerance of 1e-5; this one is solved to the last bit).
   */
  readonly nControlExact: number;
  /** Cohen's h = 2 asin √variantRate − 2 asin √baseline (statsmodels `proportion_effectsize(variantRate, baseline)`). */
  readonly effectSize: number;
  /** The control rate the plan assumes. */
  readonly baseline: number;
  /** The variant rate the plan wants to detect: baseline + effect (or baseline · (1 + effect) when relative). */
  readonly variantRate: number;
  /** Significance level used. */
  readonly alpha: number;
  /** Power aimed for. */
  readonly power: number;
  /** Variant over control group size. */
  readonly ratio: number;
  /** The test's direction. */
  readonly alternative: PowerAlternative;
}

// π / 2 as a literal (a module-level property read would stay in every bundle)
const HALF_PI = 1.5707963267948966;

/** asin x for 0 ≤ x ≤ √½ by Newton's method on the portable sine, from a three-term series (a fixed count). */
function arcsinSmall(x: number): number {
  const x2 = x * x;
  let theta = x * (1 + x2 * (1 / 6 + x2 * (3 / 40)));
  for (let i = 0; i < 6; i++) theta -= (portableSinSmall(theta) - x) / portableSinSmall(HALF_PI - theta);
  return theta;
}

/** asin √p for p in [0, 1], bit-identical on every engine (the complement through π/2 − asin √(1 − p) above ½). */
function arcsinSqrt(p: number): number {
  return p <= 0.5 ? arcsinSmall(Math.sqrt(p)) : HALF_PI - arcsinSmall(Math.sqrt(1 - p));
}

/**
 * @internal
 * Cohen's h for two proportions: 2 asin √p₁ − 2 asin √p₂ (statsmodels `proportion_effectsize(p1, p2)`).
 */
export function proportionEffectSize(p1: number, p2: number): number {
  return 2 * (arcsinSqrt(p1) - arcsinSqrt(p2));
}

/** @internal statsmodels `NormalIndPower().power(h, nobs1, alpha, ratio, alternative)`. */
export function normalIndPower(h: number, nobs1: number, alpha: number, ratio: number, alternative: PowerAlternative): number {
  const shift = h * Math.sqrt(1 / (1 / nobs1 + 1 / (nobs1 * ratio)));
  if (alternative === 'larger') return normalSurvival(-normalQuantile(alpha) - shift);
  if (alternative === 'smaller') return normalSurvival(-normalQuantile(alpha) + shift);
  const crit = -normalQuantile(alpha / 2);
  return normalSurvival(crit - shift) + normalSurvival(crit + shift);
}

interface Plan {
  baseline: number;
  variantRate: number;
  effectSize: number;
  alpha: number;
  ratio: number;
  alternative: PowerAlternative;
}

function readPlan(context: string, options: SampleSizeOptions | PowerOptions): Plan {
  const baseline = requireNumber(context, 'baseline', options.baseline, { min: 0, max: 1 });
  const effect = requireNumber(context, 'minimumDetectableEffect', options.minimumDetectableEffect);
  const relative = options.relative ?? false;
  if (typeof relative !== 'boolean')
    throw new SegmentkitError('E_PARAM', `${context}: relative must be true or false, got ${describeValue(relative)}`);
  const variantRate = relative ? baseline * (1 + effect) : baseline + effect;
  if (!(variantRate >= 0 && variantRate <= 1) || variantRate === baseline) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: baseline ${baseline} with a${relative ? ' relative' : 'n absolute'} minimumDetectableEffect of ${effect} gives a variant rate of ${variantRate}; choose an effect that is not 0 and keeps the rate in [0, 1]${relative ? '' : ' (for a change in per cent of the baseline pass relative: true)'}`,
    );
  }
  const alpha = requireNumber(context, 'alpha', options.alpha ?? 0.05, { min: 0, max: 1, exclusiveMin: true });
  if (alpha >= 1) throw new SegmentkitError('E_PARAM', `${context}: alpha must be below 1, got ${alpha}`);
  // beyond a million to one the smaller group's size overflows nothing but means nothing either
  const ratio = requireNumber(context, 'ratio', options.ratio ?? 1, { min: 0, exclusiveMin: true, max: 1_000_000 });
  const alternative = requireOneOf(context, 'alternative', options.alternative ?? 'two-sided', ALTERNATIVES);
  const effectSize = proportionEffectSize(variantRate, baseline);
  return { baseline, variantRate, effectSize, alpha, ratio, alternative };
}

const PLAN_OPTIONS = ['baseline', 'minimumDetectableEffect', 'relative', 'alpha', 'ratio', 'alternative'];

/**
 * Customers needed per group to detect a change in conversion rate: statsmodels'
 * `NormalIndPower().solve_power(effect_size=proportion_effectsize(variantRate, baseline), alpha=alpha,
 * power=power, ratio=ratio, alternative=alternative)` (Cohen's h, the normal approximation), with the group
 * sizes rounded up. The effect is absolute by default (0.01 is one percentage point); pass `relative: true` for a
 * share of the baseline. The control group is statsmodels' `nobs1`, the variant group `ratio` times it.
 *
 * @throws {@link SegmentkitError} `E_PARAM` for an unknown option, a rate outside [0, 1], a zero effect, a power
 *   not between `alpha` and 1, or a one-sided alternative that points away from the effect.
 * @example
 * const plan = sampleSize({ baseline: 0.1, minimumDetectableEffect: 0.02 });
 * [plan.nControl, plan.nVariant, plan.nControlExact]; // => [3835, 3835, 3834.5957]
 * sampleSize({ baseline: 0.1, minimumDetectableEffect: 0.2, relative: true }).nControl; // => 3835
 */
export function sampleSize(options: SampleSizeOptions): SampleSize {
  const context = 'sampleSize';
  if (options === undefined || options === null)
    throw new SegmentkitError('E_PARAM', `${context}: pass { baseline, minimumDetectableEffect }`);
  assertKnownOptions(context, options, [...PLAN_OPTIONS, 'power']);
  const plan = readPlan(context, options);
  const target = requireNumber(context, 'power', options.power ?? 0.8, { min: 0, max: 1, exclusiveMin: true });
  const { effectSize: h, alpha, ratio, alternative } = plan;
  if ((alternative === 'larger' && h < 0) || (alternative === 'smaller' && h > 0)) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: alternative '${alternative}' tests for a ${alternative === 'larger' ? 'rise' : 'fall'} but the effect is ${h > 0 ? 'a rise' : 'a fall'}; flip the sign of minimumDetectableEffect or use the other alternative`,
    );
  }
  if (!(target > alpha && target < 1)) {
    throw new SegmentkitError('E_PARAM', `${context}: power must be above alpha (${alpha}) and below 1, got ${target}`);
  }
  const at = (n: number): number => normalIndPower(h, n, alpha, ratio, alternative);
  // power rises with n from alpha towards 1: double to a bracket, then halve it down to adjacent doubles
  let lo = 0;
  let hi = 1;
  while (at(hi) < target) {
    lo = hi;
    hi *= 2;
    if (hi > 2 ** 60)
      throw new SegmentkitError('E_PARAM', `${context}: the effect is too small to reach power ${target} with any sample size`);
  }
  for (let i = 0; i < 2000; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (at(mid) < target) lo = mid;
    else hi = mid;
  }
  const nControlExact = hi;
  const nControl = Math.ceil(nControlExact);
  const nVariant = Math.ceil(nControlExact * ratio);
  return Object.freeze({ nControl, nVariant, total: nControl + nVariant, nControlExact, ...plan, power: target });
}

/**
 * The power of a two-proportion test with `nControl` customers in control and `ratio · nControl` in the variant:
 * statsmodels' `NormalIndPower().power(proportion_effectsize(variantRate, baseline), nobs1=nControl, alpha,
 * ratio, alternative)`. The same options as {@link sampleSize}, with the group size instead of a target power.
 *
 * @throws {@link SegmentkitError} `E_PARAM` for an unknown option, a rate outside [0, 1], a zero effect, or a
 *   missing or non-positive group size.
 * @example
 * power({ baseline: 0.1, minimumDetectableEffect: 0.02, nControl: 3835 }); // => 0.80004
 * power({ baseline: 0.1, minimumDetectableEffect: 0.02, n: 1000 }); // => 0.2987
 */
export function power(options: PowerOptions): number {
  const context = 'power';
  if (options === undefined || options === null)
    throw new SegmentkitError('E_PARAM', `${context}: pass { baseline, minimumDetectableEffect, nControl }`);
  assertKnownOptions(context, options, [...PLAN_OPTIONS, 'nControl', 'n']);
  const plan = readPlan(context, options);
  if ((options.nControl === undefined) === (options.n === undefined)) {
    throw new SegmentkitError('E_PARAM', `${context}: give the control group size as nControl (or its alias n), exactly one of them`);
  }
  const name = options.nControl === undefined ? 'n' : 'nControl';
  const n = requireNumber(context, name, options.nControl ?? options.n, { min: 0, exclusiveMin: true });
  return normalIndPower(plan.effectSize, n, plan.alpha, plan.ratio, plan.alternative);
}
