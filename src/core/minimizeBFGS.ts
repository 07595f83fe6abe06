/** @internal The result of {@link minimizeBFGS}. */
export interface BFGSResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly gradient: Float64Array;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

/** @internal Options of {@link minimizeBFGS}. */
export interface BFGSOptions {
  /** Stop when every gradient component is at most this (in absolute value). Default 1e-8. */
  readonly gtol?: number;
  /** Iteration cap. Default 1000. */
  readonly maxIter?: number;
}

/**
 * @internal
 * Quasi-Newton minimisation (BFGS with the inverse-Hessian update, as Nocedal & Wright §6.1) of a smooth f whose
 * value and gradient `f(x, gradientOut)` returns. The line search backtracks from a full step with the Armijo
 * condition (c₁ = 10⁻⁴) and quadratic interpolation; the update is skipped when the curvature sᵀy is not
 * positive, so the inverse Hessian stays positive definite. Deterministic: no randomness, plain arithmetic.
 */
export function minimizeBFGS(
  f: (x: Float64Array, gradient: Float64Array) => number,
  x0: ArrayLike<number>,
  options: BFGSOptions = {},
): BFGSResult {
  const gtol = options.gtol ?? 1e-8;
  const maxIter = options.maxIter ?? 1000;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let evaluations = 1;
  let value = f(x, g);
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) H[i * n + i] = 1;
  const direction = new Float64Array(n);
  const trial = new Float64Array(n);
  const trialGradient = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  let converged = false;
  let iterations = 0;
  let stalls = 0;
  for (; iterations < maxIter; iterations++) {
    let gmax = 0;
    for (let i = 0; i < n; i++) gmax = Math.max(gmax, Math.abs(g[i]!));
    if (gmax <= gtol) {
      converged = true;
      break;
    }
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let d = 0;
      for (let j = 0; j < n; j++) d -= H[i * n + j]! * g[j]!;
      direction[i] = d;
      slope += d * g[i]!;
    }
    if (!(slope < 0)) {
      // not a descent direction (the update went astray): restart from the steepest descent
      H.fill(0);
      for (let i = 0; i < n; i++) {
        H[i * n + i] = 1;
        direction[i] = -g[i]!;
      }
      slope = 0;
      for (let i = 0; i < n; i++) slope -= g[i]! * g[i]!;
    }
    // first step: scale so it moves at most one unit, then full quasi-Newton steps
    let step = iterations === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let trialValue = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < 60; attempt++) {
      for (let i = 0; i < n; i++) trial[i] = x[i]! + step * direction[i]!;
      evaluations++;
      trialValue = f(trial, trialGradient);
      if (Number.isFinite(trialValue) && trialValue <= value + 1e-4 * step * slope) break;
      // quadratic interpolation of the decrease along the line, kept within [0.1, 0.5] of the step
      const next = Number.isFinite(trialValue) ? (-slope * step * step) / (2 * (trialValue - value - slope * step)) : step * 0.1;
      step = Math.min(0.5 * step, Math.max(0.1 * step, next));
    }
    if (!Number.isFinite(trialValue) || trialValue > value) break;
    let sy = 0;
    let yHy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = trial[i]! - x[i]!;
      y[i] = trialGradient[i]! - g[i]!;
      sy += s[i]! * y[i]!;
    }
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v += H[i * n + j]! * y[j]!;
      Hy[i] = v;
      yHy += y[i]! * v;
    }
    if (sy > 1e-12 * Math.sqrt(yHy) * Math.sqrt(s.reduce((acc, v) => acc + v * v, 0))) {
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, expanded
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] = H[i * n + j]! - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!;
        }
      }
    }
    const improvement = value - trialValue;
    [x, g] = [Float64Array.from(trial), Float64Array.from(trialGradient)];
    value = trialValue;
    stalls = improvement <= 1e-15 * Math.max(1, Math.abs(value)) ? stalls + 1 : 0;
    if (stalls >= 3) {
      converged = true;
      break;
    }
  }
  return { x, value, gradient: g, iterations, evaluations, converged };
}
