import { applyHouseholderQ, householderQR } from './householderQR';
import { jacobiSVD, type RightSVD } from './jacobiSVD';

/**
 * @internal
 * Singular values and right singular vectors of a row-major m × n matrix `a` (only read), by Householder QR
 * followed by one-sided Jacobi on the small triangular factor (the accurate route: nothing is squared).
 *
 * - m ≥ n: A = QR, and A's right singular vectors are R's (Jacobi on R's columns); Q is never formed.
 * - m < n: Aᵀ = QR, so A = Rᵀ Qᵀ and A's right singular vectors are Q times those of Rᵀ (Jacobi on R's rows).
 *   The row-major buffer of A is already Aᵀ in column-major order, so no transposition is needed.
 *
 * @returns min(m, n) singular values, largest first, and as many right singular vectors (rows of length n),
 *   orthonormal also where the singular value is zero
 */
export function thinSVD(a: Float64Array, m: number, n: number): RightSVD {
  if (m >= n) {
    const columns = new Float64Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) columns[j * m + i] = a[i * n + j]!;
    householderQR(columns, m, n);
    const R = new Float64Array(n * n);
    for (let k = 0; k < n; k++) for (let i = 0; i <= k; i++) R[k * n + i] = columns[k * m + i]!;
    return jacobiSVD(R, n, n);
  }
  const columns = Float64Array.from(a.subarray(0, m * n)); // Aᵀ, column-major n × m
  const tau = householderQR(columns, n, m);
  // Rᵀ column-major: column k of Rᵀ is row k of R, i.e. R[k][i] = columns[i * n + k] for i ≥ k
  const Rt = new Float64Array(m * m);
  for (let k = 0; k < m; k++) for (let i = k; i < m; i++) Rt[k * m + i] = columns[i * n + k]!;
  const small = jacobiSVD(Rt, m, m);
  const vectors = new Float64Array(m * n);
  const y = new Float64Array(n);
  for (let k = 0; k < m; k++) {
    y.fill(0);
    y.set(small.vectors.subarray(k * m, (k + 1) * m));
    applyHouseholderQ(columns, n, m, tau, y);
    vectors.set(y, k * n);
  }
  return { values: small.values, vectors };
}
