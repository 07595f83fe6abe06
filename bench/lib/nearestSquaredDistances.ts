// Each row's squared distance to its nearest centre, written plainly (features summed in order, as the library's
// kernels do), for the benchmarks' checks and potentials; not timed.
import type { Matrix } from '../../src/core/Matrix';

export function nearestSquaredDistances(X: Matrix, centers: ArrayLike<number>, k: number): Float64Array {
  const d = X.cols;
  const out = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    let best = Infinity;
    for (let c = 0; c < k; c++) {
      let sum = 0;
      for (let t = 0; t < d; t++) {
        const diff = X.data[i * d + t]! - centers[c * d + t]!;
        sum += diff * diff;
      }
      if (sum < best) best = sum;
    }
    out[i] = best;
  }
  return out;
}
