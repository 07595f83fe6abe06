import { portableExp, portableExpm1, portableLog, portableLog1p, portablePow } from '../core/portableMath';
// The Yeo–Johnson and Box–Cox transforms, their inverses and the log-likelihoods whose maximum gives λ, as
// scikit-learn 1.2 (Yeo–Johnson) and scipy 1.10 (Box–Cox, via scipy.stats.boxcox) define them.

// Number.EPSILON, as a literal: a property read at module level is kept by bundlers even when unused
const EPS = 2.220446049250313e-16;

/**
 * @internal
 * Yeo–Johnson as scikit-learn defines it, written through log1p and expm1 ((x + 1)^λ − 1 = expm1(λ·log1p x)),
 * which keeps small values exact instead of subtracting 1 from a rounded power.
 */
export function yeoJohnson(x: number, lambda: number): number {
  if (x >= 0) return Math.abs(lambda) < EPS ? portableLog1p(x) : portableExpm1(lambda * portableLog1p(x)) / lambda;
  return Math.abs(lambda - 2) > EPS ? -portableExpm1((2 - lambda) * portableLog1p(-x)) / (2 - lambda) : -portableLog1p(-x);
}

/** @internal */
export function yeoJohnsonInverse(y: number, lambda: number): number {
  if (y >= 0) return Math.abs(lambda) < EPS ? portableExpm1(y) : portablePow(y * lambda + 1, 1 / lambda) - 1;
  return Math.abs(lambda - 2) > EPS ? 1 - portablePow(-(2 - lambda) * y + 1, 1 / (2 - lambda)) : -portableExpm1(-y);
}

/** @internal Box–Cox as scipy.special.boxcox: expm1(λ log x) / λ, log x at λ = 0. */
export function boxCox(x: number, lambda: number): number {
  return Math.abs(lambda) < 1e-19 ? portableLog(x) : portableExpm1(lambda * portableLog(x)) / lambda;
}

/** @internal */
export function boxCoxInverse(y: number, lambda: number): number {
  return lambda === 0 ? portableExp(y) : portableExp(portableLog1p(lambda * y) / lambda);
}

/**
 * @internal
 * What the log-likelihoods need of a column, computed once per column rather than once per λ tried: the
 * logarithms (log1p |x| for Yeo–Johnson, log x for Box–Cox), the signs, and the λ-independent sum.
 */
export interface PowerColumn {
  /** log1p(|x|) (Yeo–Johnson) or log x (Box–Cox), per row. */
  readonly logs: Float64Array;
  /** Whether x ≥ 0, per row (Yeo–Johnson). */
  readonly nonNegative: Uint8Array;
  /** Σ sign(x) log1p(|x|) (Yeo–Johnson) or Σ log x (Box–Cox). */
  readonly logSum: number;
  /** Scratch for the transformed values. */
  readonly scratch: Float64Array;
}

/** @internal */
export function powerColumn(x: Float64Array, method: 'yeo-johnson' | 'box-cox'): PowerColumn {
  const n = x.length;
  const logs = new Float64Array(n);
  const nonNegative = new Uint8Array(n);
  let logSum = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (method === 'box-cox') {
      logs[i] = portableLog(v);
      logSum += logs[i]!;
    } else {
      logs[i] = portableLog1p(Math.abs(v));
      nonNegative[i] = v >= 0 ? 1 : 0;
      logSum += Math.sign(v) * logs[i]!;
    }
  }
  return { logs, nonNegative, logSum, scratch: new Float64Array(n) };
}

/** Population variance of the first `n` values, two passes (as numpy's var). */
function variance(values: Float64Array, sum: number): number {
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i]! - mean) * (values[i]! - mean);
  return squares / values.length;
}

/**
 * @internal
 * Negative Yeo–Johnson log-likelihood of a column at λ (scikit-learn's `_neg_log_likelihood`). The transformed
 * values are e^(λ·log1p x) − 1 over λ: the same as the transform up to rounding, with one exponential each.
 */
export function yeoJohnsonNegativeLogLikelihood(column: PowerColumn, lambda: number): number {
  const { logs, nonNegative, scratch } = column;
  const n = logs.length;
  const positiveZero = Math.abs(lambda) < EPS;
  const negativeZero = Math.abs(lambda - 2) <= EPS;
  const positiveScale = 1 / lambda;
  const negativeScale = 1 / (2 - lambda);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const L = logs[i]!;
    let y: number;
    if (nonNegative[i] === 1) y = positiveZero ? L : (portableExp(lambda * L) - 1) * positiveScale;
    else y = negativeZero ? -L : -(portableExp((2 - lambda) * L) - 1) * negativeScale;
    scratch[i] = y;
    sum += y;
  }
  const transformedVariance = variance(scratch, sum);
  if (transformedVariance < 2.2250738585072014e-308) return Infinity;
  return -(-(n / 2) * portableLog(transformedVariance) + (lambda - 1) * column.logSum);
}

/** @internal Negative Box–Cox log-likelihood of a positive column at λ (scipy's `-boxcox_llf`). */
export function boxCoxNegativeLogLikelihood(column: PowerColumn, lambda: number): number {
  const { logs, scratch } = column;
  const n = logs.length;
  const scale = 1 / lambda;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    // the offset 1/λ does not change the variance and subtracting it loses precision, so it is left out
    const y = lambda === 0 ? logs[i]! : portableExp(lambda * logs[i]!) * scale;
    scratch[i] = y;
    sum += y;
  }
  return -((lambda - 1) * column.logSum - (n / 2) * portableLog(variance(scratch, sum)));
}
