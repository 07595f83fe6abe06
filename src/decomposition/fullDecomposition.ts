import { throwIfAborted, type AbortSignalLike } from '../core/abort';
import type { Matrix } from '../core/Matrix';
import { centredCrossProduct, centredGram } from './centredCrossProduct';
import { centredQRFactor } from './centredQRFactor';
import { unscaledSquares, type Decomposition, type DecompositionProgress } from './Decomposition';
import { jacobiSVD } from './jacobiSVD';
import { symmetricEigen } from './symmetricEigen';
import { thinSVD } from './thinSVD';

/**
 * @internal
 * The cross-product route (eigen-decomposition of Xᵀ X) is used only while every reported variance (and the
 * noise variance) is at least 1 / this of the largest one. Forming Xᵀ X perturbs each eigenvalue by about
 * ε λ₁, so a variance λₖ comes out with relative error c ε λ₁ / λₖ; measured against LAPACK's SVD of the data
 * (d = 8, 32, 100; spreads 10² to 10¹⁰): c ≤ 30, and at a spread of 10⁵ the smallest variance was within
 * 2 · 10⁻¹² (10⁶: 2 · 10⁻¹¹, 10⁸: 2 · 10⁻⁹). Beyond it the fit recomputes by Householder QR of the centred data
 * and a Jacobi SVD of R, whose error is ε √(λ₁ / λₖ) like LAPACK's (measured ≤ 3 · 10⁻¹² at 10¹⁰).
 */
export const CROSS_PRODUCT_MAX_SPREAD = 1e5;

/** scikit-learn's rule: the fewest components whose cumulative explained-variance ratio exceeds `fraction`. */
function countForFraction(squares: Float64Array, fraction: number): number {
  let total = 0;
  for (const v of squares) total += v;
  if (!(total > 0)) return squares.length;
  let cumulative = 0;
  let count = 0;
  for (let i = 0; i < squares.length; i++) {
    cumulative += squares[i]! / total;
    if (cumulative <= fraction) count = i + 1;
    else break;
  }
  return Math.min(count + 1, squares.length);
}

/** Mean of the squares after the first k (0 when none). */
function meanOfRest(squares: Float64Array, k: number): number {
  if (k >= squares.length) return 0;
  let rest = 0;
  for (let i = k; i < squares.length; i++) rest += squares[i]!;
  return rest / (squares.length - k);
}

/** Whether cross-product eigenvalues are accurate enough for the k reported variances and the noise variance. */
function crossProductAccurate(squares: Float64Array, k: number): boolean {
  const top = squares[0]!;
  if (!(top > 0)) return false; // no variance at all: the QR route still returns an orthonormal basis
  let smallest = squares[k - 1]!;
  if (k < squares.length) smallest = Math.min(smallest, meanOfRest(squares, k));
  return smallest * CROSS_PRODUCT_MAX_SPREAD >= top;
}

/** Keep the first k of all min(n, d) squared singular values and their components. */
function result(all: Float64Array, vectors: Float64Array, k: number, d: number, method: Decomposition['method']): Decomposition {
  let total = 0;
  for (const v of all) total += v;
  return {
    squares: all.slice(0, k),
    totalSquares: total,
    noiseSquares: meanOfRest(all, k),
    components: vectors.slice(0, k * d),
    k,
    method,
  };
}

/**
 * @internal
 * The exact PCA of `X` (scikit-learn's `svd_solver='full'`): every squared singular value of the centred
 * data and the first k right singular vectors, where k is `requested` (a count, a fraction of variance, or all
 * when undefined). Tall data: eigen-decomposition of the centred cross-product Xᵀ X; wide data: of the Gram
 * matrix X Xᵀ. When the variances to report spread beyond {@link CROSS_PRODUCT_MAX_SPREAD}, it recomputes by
 * Householder QR of the centred data and a one-sided Jacobi SVD (see the PCA guide for the measurements).
 */
export function fullDecomposition(
  m: Matrix,
  mean: Float64Array,
  scale: number,
  requested: number | undefined,
  signal: AbortSignalLike | undefined,
  report: DecompositionProgress,
  threads = 1,
): Decomposition {
  const { rows: n, cols: d } = m;
  const count = (squares: Float64Array): number =>
    requested === undefined ? squares.length : requested < 1 ? countForFraction(squares, requested) : requested;
  if (n >= d) {
    const C = centredCrossProduct(m, mean, scale, signal, (done) => report('crossProduct', done, n), threads);
    report('crossProduct', n, n);
    const eigen = symmetricEigen(C, d);
    const squares = unscaledSquares(eigen.values, scale, false);
    const k = count(squares);
    if (crossProductAccurate(squares, k)) return result(squares, eigen.vectors, k, d, 'crossProduct');
    throwIfAborted(signal, 'PCA.fit');
    const R = centredQRFactor(m, mean, scale, signal, (done) => report('householderQR', done, n));
    report('householderQR', n, n);
    // warm start: the cross-product eigenvectors are good approximate right singular vectors, so R V₀ has
    // nearly orthogonal columns and the Jacobi sweeps mostly polish
    const V0 = eigen.vectors;
    const W = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let r = 0; r < d; r++) {
        let s = 0;
        for (let c = r; c < d; c++) s += R[c * d + r]! * V0[i * d + c]!;
        W[i * d + r] = s;
      }
    }
    const svd = jacobiSVD(W, d, d, V0);
    const accurate = unscaledSquares(svd.values, scale, true);
    return result(accurate, svd.vectors, count(accurate), d, 'householderQR');
  }
  const G = centredGram(m, mean, scale, signal, (done) => report('gram', done, d));
  const eigen = symmetricEigen(G, n);
  const squares = unscaledSquares(eigen.values, scale, false);
  const k = count(squares);
  if (crossProductAccurate(squares, k)) {
    // right singular vectors from the left ones: vₖ = Xcᵀ uₖ / ‖Xcᵀ uₖ‖
    const { data } = m;
    const components = new Float64Array(k * d);
    for (let i = 0; i < n; i++) {
      const offset = i * d;
      for (let c = 0; c < k; c++) {
        const u = eigen.vectors[c * n + i]!;
        if (u === 0) continue;
        const target = c * d;
        for (let j = 0; j < d; j++) components[target + j] = components[target + j]! + u * (data[offset + j]! - mean[j]!) * scale;
      }
    }
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let j = 0; j < d; j++) norm += components[c * d + j]! ** 2;
      const inv = 1 / Math.sqrt(norm);
      for (let j = 0; j < d; j++) components[c * d + j] = components[c * d + j]! * inv;
    }
    return result(squares, components, k, d, 'gram');
  }
  throwIfAborted(signal, 'PCA.fit');
  const centred = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) centred[i * d + j] = (m.data[i * d + j]! - mean[j]!) * scale;
  report('householderQR', 0, n);
  const svd = thinSVD(centred, n, d);
  report('householderQR', n, n);
  const accurate = unscaledSquares(svd.values, scale, true);
  return result(accurate, svd.vectors, count(accurate), d, 'householderQR');
}
