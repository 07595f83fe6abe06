/**
 * @internal
 * Lower Cholesky factor L of a symmetric positive-definite d × d matrix `a` (row-major, read from
 * `a[aOffset…]`), written to `out[outOffset…]` (upper triangle zeroed): a = L Lᵀ. Returns false, leaving `out`
 * partly written, when the matrix is not numerically positive definite.
 */
export function choleskyLower(a: Float64Array, aOffset: number, d: number, out: Float64Array, outOffset: number): boolean {
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[aOffset + i * d + j]!;
      for (let k = 0; k < j; k++) sum -= out[outOffset + i * d + k]! * out[outOffset + j * d + k]!;
      if (i === j) {
        if (!(sum > 0)) return false;
        out[outOffset + i * d + i] = Math.sqrt(sum);
      } else {
        out[outOffset + i * d + j] = sum / out[outOffset + j * d + j]!;
      }
    }
    for (let j = i + 1; j < d; j++) out[outOffset + i * d + j] = 0;
  }
  return true;
}

/**
 * @internal
 * The inverse of a lower-triangular d × d matrix (nonzero diagonal), written transposed: `out` = (L⁻¹)ᵀ, which
 * is upper triangular. For a covariance factor L this is the "precision Cholesky" U with precision = U Uᵀ.
 */
export function invertLowerTransposed(lower: Float64Array, lowerOffset: number, d: number, out: Float64Array, outOffset: number): void {
  // forward substitution column by column: L · x = e_c gives column c of L⁻¹, stored as row c of the output
  for (let c = 0; c < d; c++) {
    for (let i = 0; i < d; i++) {
      if (i < c) {
        out[outOffset + c * d + i] = 0;
        continue;
      }
      let sum = i === c ? 1 : 0;
      for (let k = c; k < i; k++) sum -= lower[lowerOffset + i * d + k]! * out[outOffset + c * d + k]!;
      out[outOffset + c * d + i] = sum / lower[lowerOffset + i * d + i]!;
    }
  }
}
