// The Yeo–Johnson and Box–Cox transforms, their inverses and the log-likelihoods whose maximum gives λ, as
// scikit-learn 1.2 (Yeo–Johnson) and scipy 1.10 (Box–Cox, via scipy.stats.boxcox) define them.

const EPS = Number.EPSILON;

/** @internal */
export function yeoJohnson(x: number, lambda: number): number {
  if (x >= 0) return Math.abs(lambda) < EPS ? Math.log1p(x) : ((x + 1) ** lambda - 1) / lambda;
  return Math.abs(lambda - 2) > EPS ? -((-x + 1) ** (2 - lambda) - 1) / (2 - lambda) : -Math.log1p(-x);
}

/** @internal */
export function yeoJohnsonInverse(y: number, lambda: number): number {
  if (y >= 0) return Math.abs(lambda) < EPS ? Math.expm1(y) : (y * lambda + 1) ** (1 / lambda) - 1;
  return Math.abs(lambda - 2) > EPS ? 1 - (-(2 - lambda) * y + 1) ** (1 / (2 - lambda)) : -Math.expm1(-y);
}

/** @internal Box–Cox as scipy.special.boxcox: expm1(λ log x) / λ, log x at λ = 0. */
export function boxCox(x: number, lambda: number): number {
  return Math.abs(lambda) < 1e-19 ? Math.log(x) : Math.expm1(lambda * Math.log(x)) / lambda;
}

/** @internal */
export function boxCoxInverse(y: number, lambda: number): number {
  return lambda === 0 ? Math.exp(y) : Math.exp(Math.log1p(lambda * y) / lambda);
}

function variance(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  return squares / values.length;
}

/** @internal Negative Yeo–Johnson log-likelihood of `x` at λ (scikit-learn's `_neg_log_likelihood`). */
export function yeoJohnsonNegativeLogLikelihood(x: Float64Array, lambda: number, scratch: Float64Array): number {
  let signedLogSum = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    scratch[i] = yeoJohnson(v, lambda);
    signedLogSum += Math.sign(v) * Math.log1p(Math.abs(v));
  }
  const transformedVariance = variance(scratch);
  if (transformedVariance < 2.2250738585072014e-308) return Infinity;
  return -(-(x.length / 2) * Math.log(transformedVariance) + (lambda - 1) * signedLogSum);
}

/** @internal Negative Box–Cox log-likelihood of positive `x` at λ (scipy's `-boxcox_llf`). */
export function boxCoxNegativeLogLikelihood(x: Float64Array, lambda: number, scratch: Float64Array): number {
  let logSum = 0;
  for (let i = 0; i < x.length; i++) {
    const logValue = Math.log(x[i]!);
    logSum += logValue;
    // the offset 1/λ does not change the variance and subtracting it loses precision, so it is left out
    scratch[i] = lambda === 0 ? logValue : x[i]! ** lambda / lambda;
  }
  return -((lambda - 1) * logSum - (x.length / 2) * Math.log(variance(scratch)));
}
