import { throwIfAborted, type AbortSignalLike } from '../core/abort';
import type { Matrix } from '../core/Matrix';
import type { BlockProgress } from './centredCrossProduct';

const BLOCK = 128;

/**
 * @internal
 * The triangular factor R (d × d) of a Householder QR of the centred data `scale · (X − 1μᵀ)`, for tall data
 * (n ≥ d), without forming Q and without copying X: blocks of 128 rows are centred into a small column-major
 * buffer and folded into the running R by Householder reflections of the stacked matrix [R; block] (the
 * sequential form of tall-skinny QR). Same flops as a plain Householder QR (about 2 n d²) but every reflection
 * works inside the cache. Backward stable like any Householder QR, so the singular values of R are those of
 * the centred data to ε‖X‖, which is what makes this the accurate route for ill-conditioned data.
 *
 * @param scale - a power of two (exact) applied to the centred values to keep their squares in range
 * @returns R, column-major d × d (`r[k * d + i]` = R[i][k]; zero below the diagonal)
 */
export function centredQRFactor(
  X: Matrix,
  mean: Float64Array,
  scale: number,
  signal?: AbortSignalLike,
  onBlock?: BlockProgress,
): Float64Array {
  const { data, rows: n, cols: d } = X;
  const R = new Float64Array(d * d);
  const T = new Float64Array(d * BLOCK); // column j of the block at T[j * BLOCK …]
  for (let start = 0; start < n; start += BLOCK) {
    const m = Math.min(BLOCK, n - start);
    for (let r = 0; r < m; r++) {
      const offset = (start + r) * d;
      for (let j = 0; j < d; j++) T[j * BLOCK + r] = (data[offset + j]! - mean[j]!) * scale;
    }
    foldBlock(R, d, T, m);
    if ((start / BLOCK) % 64 === 63) {
      throwIfAborted(signal, 'PCA.fit');
      onBlock?.(start + m);
    }
  }
  return R;
}

/**
 * Replace R by the triangular factor of [R; B] where B (m × d) is stored column-major in `T` with stride 128.
 * The reflector of column j combines R[j][j] with the block's column j (R is zero below its diagonal), so it
 * touches row j of R and the block only.
 */
function foldBlock(R: Float64Array, d: number, T: Float64Array, m: number): void {
  for (let j = 0; j < d; j++) {
    const cj = j * BLOCK;
    let sigma = 0;
    for (let i = 0; i < m; i++) sigma += T[cj + i]! * T[cj + i]!;
    if (sigma === 0) continue;
    const alpha = R[j * d + j]!;
    const norm = Math.sqrt(alpha * alpha + sigma);
    const beta = alpha > 0 ? -norm : norm;
    const inv = 1 / (alpha - beta);
    for (let i = 0; i < m; i++) T[cj + i] = T[cj + i]! * inv;
    const tau = (beta - alpha) / beta;
    R[j * d + j] = beta;
    let k = j + 1;
    // four columns at a time: one pass over the reflector for four dot products, one for four updates
    for (; k + 3 < d; k += 4) {
      const c0 = k * BLOCK;
      const c1 = c0 + BLOCK;
      const c2 = c1 + BLOCK;
      const c3 = c2 + BLOCK;
      let w0 = R[k * d + j]!;
      let w1 = R[(k + 1) * d + j]!;
      let w2 = R[(k + 2) * d + j]!;
      let w3 = R[(k + 3) * d + j]!;
      for (let i = 0; i < m; i++) {
        const v = T[cj + i]!;
        w0 += v * T[c0 + i]!;
        w1 += v * T[c1 + i]!;
        w2 += v * T[c2 + i]!;
        w3 += v * T[c3 + i]!;
      }
      w0 *= tau;
      w1 *= tau;
      w2 *= tau;
      w3 *= tau;
      R[k * d + j] = R[k * d + j]! - w0;
      R[(k + 1) * d + j] = R[(k + 1) * d + j]! - w1;
      R[(k + 2) * d + j] = R[(k + 2) * d + j]! - w2;
      R[(k + 3) * d + j] = R[(k + 3) * d + j]! - w3;
      for (let i = 0; i < m; i++) {
        const v = T[cj + i]!;
        T[c0 + i] = T[c0 + i]! - w0 * v;
        T[c1 + i] = T[c1 + i]! - w1 * v;
        T[c2 + i] = T[c2 + i]! - w2 * v;
        T[c3 + i] = T[c3 + i]! - w3 * v;
      }
    }
    for (; k < d; k++) {
      const c0 = k * BLOCK;
      let w0 = R[k * d + j]!;
      for (let i = 0; i < m; i++) w0 += T[cj + i]! * T[c0 + i]!;
      w0 *= tau;
      R[k * d + j] = R[k * d + j]! - w0;
      for (let i = 0; i < m; i++) T[c0 + i] = T[c0 + i]! - w0 * T[cj + i]!;
    }
  }
}
