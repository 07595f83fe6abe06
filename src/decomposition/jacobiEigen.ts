import { SegmentkitError } from '../core/SegmentkitError';

/**
 * @internal
 * Eigen-decomposition of a symmetric matrix by the cyclic Jacobi method: plane rotations annihilate the
 * off-diagonal entries row by row until every |aₚq| is below ε √|aₚₚ aqq| (the relative criterion of Demmel and
 * Veselić, which keeps small eigenvalues of graded positive definite matrices accurate). Quadratically
 * convergent, typically 6 to 10 sweeps of n²/2 rotations; about 6 n³ flops per sweep, so it is used for small n.
 *
 * @param a - the symmetric n × n matrix, row-major (only read)
 * @returns `values` (unsorted) and `vectors`, n × n row-major with eigenvector k in **row** k
 * @throws {@link SegmentkitError} `E_CONVERGENCE` after 60 sweeps (not observed in practice)
 */
export function jacobiEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const A = Float64Array.from(a.subarray(0, n * n));
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  const eps = Number.EPSILON;
  for (let sweep = 0; ; sweep++) {
    if (sweep === 60) {
      throw new SegmentkitError(
        'E_CONVERGENCE',
        'PCA.fit: the Jacobi eigen-iteration did not converge in 60 sweeps; check the data for extreme values',
      );
    }
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q]!;
        if (apq === 0) continue;
        const app = A[p * n + p]!;
        const aqq = A[q * n + q]!;
        if (Math.abs(apq) <= eps * Math.sqrt(Math.abs(app * aqq))) {
          A[p * n + q] = 0;
          A[q * n + p] = 0;
          continue;
        }
        rotated = true;
        const tau = (aqq - app) / (2 * apq);
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        const rp = p * n;
        const rq = q * n;
        // rows p and q of Jᵀ A (outside the 2 × 2 block), mirrored into the columns by symmetry
        for (let k = 0; k < n; k++) {
          if (k === p || k === q) continue;
          const akp = A[rp + k]!;
          const akq = A[rq + k]!;
          const np = c * akp - s * akq;
          const nq = s * akp + c * akq;
          A[rp + k] = np;
          A[rq + k] = nq;
          A[k * n + p] = np;
          A[k * n + q] = nq;
        }
        A[rp + p] = app - t * apq;
        A[rq + q] = aqq + t * apq;
        A[rp + q] = 0;
        A[rq + p] = 0;
        for (let k = 0; k < n; k++) {
          const vp = V[rp + k]!;
          const vq = V[rq + k]!;
          V[rp + k] = c * vp - s * vq;
          V[rq + k] = s * vp + c * vq;
        }
      }
    }
    if (!rotated) break;
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = A[i * n + i]!;
  return { values, vectors: V };
}
