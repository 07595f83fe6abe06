import type { Matrix } from '../core/Matrix';
import { addMatrixProduct } from '../core/addMatrixProduct';

const BLOCK = 128;

/**
 * @internal
 * The centred data `M = scale · (X − 1μᵀ)` (n × d) as a linear operator for the randomized solver: products
 * with M and Mᵀ without forming M. Rows are centred a block of 128 at a time into a small buffer, so the
 * caller's data is never written and the products run on the same cache-resident dot-product kernel as the
 * cross-product.
 */
export class CentredOperator {
  readonly #X: Matrix;
  readonly #mean: Float64Array;
  readonly #scale: number;

  constructor(X: Matrix, mean: Float64Array, scale: number) {
    this.#X = X;
    this.#mean = mean;
    this.#scale = scale;
  }

  /** Y = M B for B (d × l, row-major); Y is n × l, row-major. */
  times(B: Float64Array, l: number): Float64Array {
    const { data, rows: n, cols: d } = this.#X;
    const mean = this.#mean;
    const scale = this.#scale;
    const dp = d + (d & 1);
    const lp = l + (l & 1);
    const Bt = new Float64Array(lp * dp);
    for (let j = 0; j < d; j++) for (let c = 0; c < l; c++) Bt[c * dp + j] = B[j * l + c]!;
    const T = new Float64Array(BLOCK * dp);
    const block = new Float64Array(BLOCK * lp);
    const Y = new Float64Array(n * l);
    for (let start = 0; start < n; start += BLOCK) {
      const count = Math.min(BLOCK, n - start);
      const padded = count + (count & 1);
      for (let r = 0; r < count; r++) {
        const offset = (start + r) * d;
        const target = r * dp;
        for (let j = 0; j < d; j++) T[target + j] = (data[offset + j]! - mean[j]!) * scale;
      }
      if (padded > count) T.fill(0, count * dp, padded * dp);
      block.fill(0, 0, padded * lp);
      addMatrixProduct(T, padded, Bt, lp, dp, block);
      for (let r = 0; r < count; r++) for (let c = 0; c < l; c++) Y[(start + r) * l + c] = block[r * lp + c]!;
    }
    return Y;
  }

  /** Z = Mᵀ Y for Y (n × l, row-major); Z is d × l, row-major. */
  transposeTimes(Y: Float64Array, l: number): Float64Array {
    const { data, rows: n, cols: d } = this.#X;
    const mean = this.#mean;
    const scale = this.#scale;
    const dp = d + (d & 1);
    const lp = l + (l & 1);
    const Tt = new Float64Array(dp * BLOCK);
    const Yt = new Float64Array(lp * BLOCK);
    const Zp = new Float64Array(dp * lp);
    for (let start = 0; start < n; start += BLOCK) {
      const count = Math.min(BLOCK, n - start);
      if (count < BLOCK) {
        Tt.fill(0);
        Yt.fill(0);
      }
      for (let r = 0; r < count; r++) {
        const offset = (start + r) * d;
        for (let j = 0; j < d; j++) Tt[j * BLOCK + r] = (data[offset + j]! - mean[j]!) * scale;
        const y = (start + r) * l;
        for (let c = 0; c < l; c++) Yt[c * BLOCK + r] = Y[y + c]!;
      }
      addMatrixProduct(Tt, dp, Yt, lp, BLOCK, Zp);
    }
    const Z = new Float64Array(d * l);
    for (let j = 0; j < d; j++) for (let c = 0; c < l; c++) Z[j * l + c] = Zp[j * lp + c]!;
    return Z;
  }
}
