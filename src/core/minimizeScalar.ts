import { describeValue } from './describeValue';
import { SegmentkitError } from './SegmentkitError';
import { assertKnownOptions, requireInteger, requireNumber } from './validateOptions';

/** Options for {@link minimizeScalar}. */
export interface MinimizeScalarOptions {
  /** Two starting points; a bracket around a minimum is searched for from them. Default `[0, 1]`. */
  readonly bracket?: readonly [number, number];
  /** Relative tolerance on the minimiser. Default 1.48e-8 (as scipy). */
  readonly tol?: number;
  /** Iteration cap of Brent's method. Default 500. */
  readonly maxIter?: number;
}

/** The result of {@link minimizeScalar}. */
export interface ScalarMinimum {
  /** The minimiser. */
  readonly x: number;
  /** f(x). */
  readonly value: number;
  /** Function evaluations, bracketing included. */
  readonly evaluations: number;
}

const GOLDEN = 1.618034;
const GOLDEN_SECTION = 0.381966;
const TINY = 1e-21;
const MIN_TOL = 1e-11;

/**
 * Minimise a function of one variable: expand a bracket downhill from two starting points (golden-ratio
 * steps with parabolic extrapolation), then Brent's method (parabolic interpolation safeguarded by golden
 * section). The same algorithm and defaults as `scipy.optimize.brent`, which scikit-learn uses to fit the
 * power transforms, so the minimisers agree closely.
 *
 * @throws {@link SegmentkitError} `E_CONVERGENCE` when no bracket is found within 1000 expansions; `E_PARAM` for an
 *   `f` that is not a function or returns something other than a number, or a bad option (a bracket of two distinct
 *   finite points, a tol > 0, a maxIter in [1, 10^6]); `E_NOT_FINITE` when f is NaN at the minimiser found.
 * @example
 * minimizeScalar((x) => (x - 2) ** 2).x; // => 2 (to about 1e-8)
 */
export function minimizeScalar(f: (x: number) => number, options: MinimizeScalarOptions = {}): ScalarMinimum {
  const context = 'minimizeScalar';
  if (typeof f !== 'function')
    throw new SegmentkitError('E_PARAM', `${context}: f must be a function of one number, got ${describeValue(f)}`);
  assertKnownOptions(context, options, ['bracket', 'tol', 'maxIter']);
  const { bracket = [0, 1], tol = 1.48e-8, maxIter = 500 } = options;
  if (!Array.isArray(bracket) || bracket.length !== 2) {
    throw new SegmentkitError('E_PARAM', `${context}: bracket must be two starting points [a, b], got ${describeValue(bracket)}`);
  }
  requireNumber(context, 'bracket[0]', bracket[0]);
  requireNumber(context, 'bracket[1]', bracket[1]);
  if (bracket[0] === bracket[1])
    throw new SegmentkitError('E_PARAM', `${context}: bracket must hold two distinct points, got [${bracket[0]}, ${bracket[1]}]`);
  requireNumber(context, 'tol', tol, { min: 0, exclusiveMin: true });
  requireInteger(context, 'maxIter', maxIter, { min: 1, max: 1_000_000 });
  let evaluations = 0;
  const call = (x: number): number => {
    evaluations++;
    const value = f(x);
    if (typeof value !== 'number') {
      throw new SegmentkitError('E_PARAM', `${context}: f(${x}) returned ${describeValue(value)}; f must return a number`);
    }
    return value;
  };
  // --- bracket: find a < b < c (or c < b < a) with f(b) ≤ f(a), f(c)
  let xa = bracket[0];
  let xb = bracket[1];
  let fa = call(xa);
  let fb = call(xb);
  if (fa < fb) {
    [xa, xb] = [xb, xa];
    [fa, fb] = [fb, fa];
  }
  let xc = xb + GOLDEN * (xb - xa);
  let fc = call(xc);
  let expansions = 0;
  while (fc < fb) {
    const tmp1 = (xb - xa) * (fb - fc);
    const tmp2 = (xb - xc) * (fb - fa);
    const val = tmp2 - tmp1;
    const denominator = Math.abs(val) < TINY ? 2 * TINY : 2 * val;
    let w = xb - ((xb - xc) * tmp2 - (xb - xa) * tmp1) / denominator;
    const wLimit = xb + 110 * (xc - xb);
    if (++expansions > 1000)
      throw new SegmentkitError(
        'E_CONVERGENCE',
        'minimizeScalar: no bracket around a minimum after 1000 expansions; the function may be unbounded below',
      );
    let fw: number;
    if ((w - xc) * (xb - w) > 0) {
      fw = call(w);
      if (fw < fc) {
        [xa, xb, fa, fb] = [xb, w, fb, fw];
        break;
      } else if (fw > fb) {
        [xc, fc] = [w, fw];
        break;
      }
      w = xc + GOLDEN * (xc - xb);
      fw = call(w);
    } else if ((w - wLimit) * (wLimit - xc) >= 0) {
      w = wLimit;
      fw = call(w);
    } else if ((w - wLimit) * (xc - w) > 0) {
      fw = call(w);
      if (fw < fc) {
        [xb, xc, fb, fc] = [xc, w, fc, fw];
        w = xc + GOLDEN * (xc - xb);
        fw = call(w);
      }
    } else {
      w = xc + GOLDEN * (xc - xb);
      fw = call(w);
    }
    [xa, xb, xc, fa, fb, fc] = [xb, xc, w, fb, fc, fw];
  }
  if (![xa, xb, xc, fb].every(Number.isFinite)) {
    throw new SegmentkitError(
      'E_CONVERGENCE',
      'minimizeScalar: the bracket search ran off to infinity; the function may be unbounded below',
    );
  }
  // --- Brent's method inside [a, b]
  let x = xb;
  let w = xb;
  let v = xb;
  let fx = fb;
  let fw = fb;
  let fv = fb;
  let a = Math.min(xa, xc);
  let b = Math.max(xa, xc);
  let step = 0;
  let rat = 0;
  for (let iteration = 0; iteration < maxIter; iteration++) {
    const tol1 = tol * Math.abs(x) + MIN_TOL;
    const tol2 = 2 * tol1;
    const middle = 0.5 * (a + b);
    if (Math.abs(x - middle) < tol2 - 0.5 * (b - a)) break;
    if (Math.abs(step) <= tol1) {
      step = x >= middle ? a - x : b - x;
      rat = GOLDEN_SECTION * step;
    } else {
      const t1 = (x - w) * (fx - fv);
      let t2 = (x - v) * (fx - fw);
      let p = (x - v) * t2 - (x - w) * t1;
      t2 = 2 * (t2 - t1);
      if (t2 > 0) p = -p;
      t2 = Math.abs(t2);
      const previousStep = step;
      step = rat;
      if (p > t2 * (a - x) && p < t2 * (b - x) && Math.abs(p) < Math.abs(0.5 * t2 * previousStep)) {
        rat = p / t2;
        const u = x + rat;
        if (u - a < tol2 || b - u < tol2) rat = middle - x >= 0 ? tol1 : -tol1;
      } else {
        step = x >= middle ? a - x : b - x;
        rat = GOLDEN_SECTION * step;
      }
    }
    const u = Math.abs(rat) < tol1 ? (rat >= 0 ? x + tol1 : x - tol1) : x + rat;
    const fu = call(u);
    if (fu > fx) {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        [v, w, fv, fw] = [w, u, fw, fu];
      } else if (fu <= fv || v === x || v === w) {
        [v, fv] = [u, fu];
      }
    } else {
      if (u >= x) a = x;
      else b = x;
      [v, w, x, fv, fw, fx] = [w, x, u, fw, fx, fu];
    }
  }
  if (fx !== fx) {
    throw new SegmentkitError(
      'E_NOT_FINITE',
      `${context}: f(${x}) is NaN at the minimiser found; make f return a number (±Infinity for out of range) everywhere`,
    );
  }
  return { x, value: fx, evaluations };
}
