/**
 * @internal
 * Householder QR of a column-major m × n matrix (m ≥ n), in place, as LAPACK's `dgeqr2`: on return the upper
 * triangle of the first n rows holds R (`a[k * m + i]` = R[i][k] for i ≤ k), and below the diagonal of column j
 * sits the tail of the Householder vector vⱼ (its head, vⱼ[j] = 1, is implicit). Q = H₀ H₁ … Hₙ₋₁ with
 * Hⱼ = I − τⱼ vⱼ vⱼᵀ. Backward stable: the computed R is the exact factor of a matrix within ε‖A‖ of A.
 *
 * @param a - column-major m × n (column j is `a[j * m … j * m + m − 1]`), overwritten
 * @returns τ, one per column
 */
export function householderQR(a: Float64Array, m: number, n: number): Float64Array {
  const tau = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const cj = j * m;
    const alpha = a[cj + j]!;
    let sigma = 0;
    for (let i = j + 1; i < m; i++) sigma += a[cj + i]! * a[cj + i]!;
    if (sigma === 0) continue; // already upper triangular in this column: H = I
    const norm = Math.sqrt(alpha * alpha + sigma);
    const beta = alpha > 0 ? -norm : norm;
    const scale = 1 / (alpha - beta);
    for (let i = j + 1; i < m; i++) a[cj + i] = a[cj + i]! * scale;
    const t = (beta - alpha) / beta;
    tau[j] = t;
    a[cj + j] = beta;
    for (let k = j + 1; k < n; k++) {
      const ck = k * m;
      let w = a[ck + j]!;
      for (let i = j + 1; i < m; i++) w += a[cj + i]! * a[ck + i]!;
      w *= t;
      a[ck + j] = a[ck + j]! - w;
      for (let i = j + 1; i < m; i++) a[ck + i] = a[ck + i]! - w * a[cj + i]!;
    }
  }
  return tau;
}

/**
 * @internal
 * Overwrite the vector `y` (length m) with Q y, for the Q of {@link householderQR} (`a`, `tau` as it returned).
 */
export function applyHouseholderQ(a: Float64Array, m: number, n: number, tau: Float64Array, y: Float64Array): void {
  for (let j = n - 1; j >= 0; j--) {
    const t = tau[j]!;
    if (t === 0) continue;
    const cj = j * m;
    let w = y[j]!;
    for (let i = j + 1; i < m; i++) w += a[cj + i]! * y[i]!;
    w *= t;
    y[j] = y[j]! - w;
    for (let i = j + 1; i < m; i++) y[i] = y[i]! - w * a[cj + i]!;
  }
}
