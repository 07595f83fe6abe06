/**
 * @internal
 * The M-step sums of one EM pass, about the current means μ: Σ r, Σ r·(x − μ), and Σ r·(x − μ)(x − μ)ᵀ
 * (upper triangle, k × d × d, for full and tied) or its diagonal (k × d, for diag and spherical).
 */
export interface EmMoments {
  readonly nk: Float64Array;
  readonly firstMoment: Float64Array;
  readonly secondMoment: Float64Array;
}
