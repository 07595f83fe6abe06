import { portableExp, portableLog } from '../../core/portableMath';

/** The curve 1 / (1 + a d^(2b)) the embedding distances are scored with. */
export interface UMAPCurve {
  /** Its `a`. */
  readonly a: number;
  /** Its `b`. */
  readonly b: number;
}

const POINTS = 300;

/** Sum of squared residuals of the curve (a, b) against `y` at `x`; with `gradient`, J and Jᵀr into it as well. */
function residuals(x: Float64Array, logX: Float64Array, y: Float64Array, a: number, b: number, normal?: Float64Array): number {
  let sum = 0;
  let jaa = 0;
  let jab = 0;
  let jbb = 0;
  let ga = 0;
  let gb = 0;
  for (let i = 0; i < POINTS; i++) {
    // x = 0: x^(2b) = 0, f = 1 and both derivatives vanish
    const t = x[i] === 0 ? 0 : portableExp(2 * b * logX[i]!);
    const u = 1 + a * t;
    const r = 1 / u - y[i]!;
    sum += r * r;
    if (normal !== undefined && t !== 0) {
      const da = -t / (u * u);
      const db = da * a * 2 * logX[i]!;
      jaa += da * da;
      jab += da * db;
      jbb += db * db;
      ga += da * r;
      gb += db * r;
    }
  }
  if (normal !== undefined) {
    normal[0] = jaa;
    normal[1] = jab;
    normal[2] = jbb;
    normal[3] = ga;
    normal[4] = gb;
  }
  return sum;
}

/**
 * @internal
 * umap-learn's `find_ab_params`: the least-squares fit of 1 / (1 + a x^(2b)) to the target membership, 1 up to
 * `minDist` and e^(−(x − minDist) / spread) after it, on 300 points evenly spaced over [0, 3 spread] (numpy's
 * `linspace`), as scipy's `curve_fit` does from (1, 1). Levenberg–Marquardt with the exact Jacobian, run to
 * convergence, with portable logarithms and exponentials: the same bits on every engine.
 *
 * @example
 * const { a, b } = fitCurve(0.1, 1);
 * [a.toFixed(4), b.toFixed(4)]; // => ['1.5769', '0.8951']
 */
export function fitCurve(minDist: number, spread: number): UMAPCurve {
  const x = new Float64Array(POINTS);
  const logX = new Float64Array(POINTS);
  const y = new Float64Array(POINTS);
  const step = (3 * spread) / (POINTS - 1);
  for (let i = 0; i < POINTS; i++) {
    x[i] = i === POINTS - 1 ? 3 * spread : i * step;
    logX[i] = x[i] === 0 ? 0 : portableLog(x[i]!);
    y[i] = x[i]! < minDist ? 1 : portableExp(-(x[i]! - minDist) / spread);
  }
  let a = 1;
  let b = 1;
  let lambda = 1e-3;
  const normal = new Float64Array(5);
  let cost = residuals(x, logX, y, a, b, normal);
  for (let iteration = 0; iteration < 500; iteration++) {
    const [jaa, jab, jbb, ga, gb] = normal as unknown as [number, number, number, number, number];
    let accepted = false;
    for (let tries = 0; tries < 60 && !accepted; tries++) {
      // (JᵀJ + λ diag JᵀJ) δ = −Jᵀr (Marquardt's scaling)
      const m00 = jaa * (1 + lambda);
      const m11 = jbb * (1 + lambda);
      const det = m00 * m11 - jab * jab;
      if (!(det > 0)) {
        lambda *= 10;
        continue;
      }
      const da = (-ga * m11 + gb * jab) / det;
      const db = (-gb * m00 + ga * jab) / det;
      const na = a + da;
      const nb = b + db;
      if (!(na > 0 && nb > 0)) {
        lambda *= 10;
        continue;
      }
      const trial = residuals(x, logX, y, na, nb);
      if (trial <= cost) {
        const small = Math.abs(da) <= 1e-15 * Math.abs(na) && Math.abs(db) <= 1e-15 * Math.abs(nb);
        a = na;
        b = nb;
        const previous = cost;
        cost = residuals(x, logX, y, a, b, normal);
        lambda = lambda * 0.1 > 1e-12 ? lambda * 0.1 : 1e-12;
        accepted = true;
        if (small || previous - cost <= 1e-18 * previous) return { a, b };
      } else {
        lambda *= 10;
      }
    }
    if (!accepted) break;
  }
  return { a, b };
}
