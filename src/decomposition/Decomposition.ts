/**
 * @internal
 * What a PCA solver returns, in the units of the data (any power-of-two rescaling already undone). Squared
 * singular values of the centred data are the explained variances times n − 1.
 */
export interface Decomposition {
  /** Squared singular values of the k kept components, largest first. */
  readonly squares: Float64Array;
  /** Sum of every squared singular value (the sum of squared centred values): total variance × (n − 1). */
  readonly totalSquares: number;
  /** Mean squared singular value of the discarded directions, 0 when none is discarded: noise variance × (n − 1). */
  readonly noiseSquares: number;
  /** k × d components, unit rows, before the sign convention. */
  readonly components: Float64Array;
  /** Number of components kept. */
  readonly k: number;
  /** Which computation produced them. */
  readonly method: 'crossProduct' | 'gram' | 'householderQR' | 'randomized';
}

/** @internal Progress callback of the solvers: stage, units done, units in the stage. */
export type DecompositionProgress = (
  stage: 'crossProduct' | 'gram' | 'householderQR' | 'rangeFinder',
  completed: number,
  total: number,
) => void;

/**
 * @internal
 * Undo an exact power-of-two `scale` on eigenvalues (or, with `squared`, on singular values, which are squared
 * first), clamping the tiny negative eigenvalues rounding can leave to 0.
 */
export function unscaledSquares(values: Float64Array, scale: number, squared: boolean): Float64Array {
  const out = new Float64Array(values.length);
  const factor = 1 / (scale * scale);
  for (let i = 0; i < values.length; i++) {
    const v = squared ? values[i]! * values[i]! : values[i]!;
    out[i] = v > 0 ? v * factor : 0;
  }
  return out;
}
