import { throwIfAborted, type AbortSignalLike } from '../../core/abort';
import { portableExp, portableLog } from '../../core/portableMath';

const SMOOTH_K_TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;
const BISECTION_STEPS = 64;
const LN2 = 0.6931471805599453;

/** @internal A sparse n × m matrix in compressed rows, column indices increasing within a row. */
export interface SparseGraph {
  /** Rows. */
  readonly n: number;
  /** Columns. */
  readonly m: number;
  /** Row i's entries are `columns[rowStart[i] … rowStart[i + 1])`; n + 1 offsets. */
  readonly rowStart: Int32Array;
  /** Column of each entry. */
  readonly columns: Int32Array;
  /** Value of each entry. */
  readonly values: Float64Array;
}

/** @internal The per-row scales of {@link smoothKnnDist}. */
export interface SmoothKnn {
  /** σᵢ: the bandwidth that makes the memberships of row i sum to log₂ k. */
  readonly sigmas: Float64Array;
  /** ρᵢ: the distance to the `localConnectivity`-th nearest non-identical neighbour (interpolated). */
  readonly rhos: Float64Array;
}

/**
 * @internal
 * umap-learn's `smooth_knn_dist`: for each row, ρ (the distance to its `localConnectivity`-th nearest neighbour at
 * a non-zero distance, interpolated for a fraction) and σ, by bisection (64 steps at most, doubling while the upper
 * bound is open), such that Σ_{j ≥ 1} exp(−max(0, dᵢⱼ − ρᵢ) / σᵢ) = log₂ k to 1e-5; σ is at least 1e-3 times
 * the row's mean distance (the mean of all distances when ρ = 0). Column 0 of each row is skipped in the sum, as
 * umap-learn does (in a fit it is the row itself).
 *
 * @param distances - n × k, each row ascending
 */
export function smoothKnnDist(distances: Float64Array, n: number, k: number, localConnectivity: number): SmoothKnn {
  const target = portableLog(k) / LN2;
  const rhos = new Float64Array(n);
  const sigmas = new Float64Array(n);
  let total = 0;
  for (let e = 0; e < n * k; e++) total += distances[e]!;
  const meanDistances = total / (n * k);
  const index = Math.floor(localConnectivity);
  const interpolation = localConnectivity - index;
  for (let i = 0; i < n; i++) {
    const base = i * k;
    // the non-zero distances, in order: the first one is at `first`
    let first = k;
    for (let j = 0; j < k; j++) {
      if (distances[base + j]! > 0) {
        first = j;
        break;
      }
    }
    let nonZero = 0;
    for (let j = first; j < k; j++) if (distances[base + j]! > 0) nonZero++;
    let rho = 0;
    if (nonZero >= localConnectivity) {
      if (index > 0) {
        rho = distances[base + first + index - 1]!;
        if (interpolation > SMOOTH_K_TOLERANCE) {
          rho += interpolation * (distances[base + first + index]! - distances[base + first + index - 1]!);
        }
      } else {
        rho = interpolation * distances[base + first]!;
      }
    } else if (nonZero > 0) {
      rho = distances[base + k - 1]!;
    }
    rhos[i] = rho;
    let lo = 0;
    let hi = Number.POSITIVE_INFINITY;
    let mid = 1;
    for (let step = 0; step < BISECTION_STEPS; step++) {
      let psum = 0;
      for (let j = 1; j < k; j++) {
        const d = distances[base + j]! - rho;
        psum += d > 0 ? portableExp(-(d / mid)) : 1;
      }
      if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) break;
      if (psum > target) {
        hi = mid;
        mid = (lo + hi) / 2;
      } else {
        lo = mid;
        mid = hi === Number.POSITIVE_INFINITY ? mid * 2 : (lo + hi) / 2;
      }
    }
    let sigma = mid;
    if (rho > 0) {
      let sum = 0;
      for (let j = 0; j < k; j++) sum += distances[base + j]!;
      const floor = MIN_K_DIST_SCALE * (sum / k);
      if (sigma < floor) sigma = floor;
    } else if (sigma < MIN_K_DIST_SCALE * meanDistances) {
      sigma = MIN_K_DIST_SCALE * meanDistances;
    }
    sigmas[i] = sigma;
  }
  return { sigmas, rhos };
}

/**
 * @internal
 * umap-learn's `compute_membership_strengths`: exp(−(dᵢⱼ − ρᵢ) / σᵢ), 1 within ρᵢ, and 0 for the row itself
 * (when `selfIndex`, row i's neighbour i; a transform's new rows have no self).
 */
export function membershipStrengths(
  indices: Int32Array,
  distances: Float64Array,
  { sigmas, rhos }: SmoothKnn,
  n: number,
  k: number,
  selfIndex: boolean,
): Float64Array {
  const values = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const e = i * k + j;
      if (indices[e]! < 0 || (selfIndex && indices[e] === i)) continue;
      const d = distances[e]! - rhos[i]!;
      values[e] = d <= 0 || sigmas[i] === 0 ? 1 : portableExp(-(d / sigmas[i]!));
    }
  }
  return values;
}

/**
 * @internal
 * The fuzzy simplicial set of the k-nearest-neighbour graph (McInnes et al. 2018, §3.1): the directed
 * memberships A (row i, column indices[i][j]) combined with their transpose as
 * mix · (A + Aᵀ − A ∘ Aᵀ) + (1 − mix) · A ∘ Aᵀ (fuzzy union at mix 1, intersection at 0); zeros dropped.
 */
export function fuzzyUnion(
  indices: Int32Array,
  values: Float64Array,
  n: number,
  k: number,
  mix: number,
  context: string,
  signal: AbortSignalLike | undefined,
): SparseGraph {
  // A as compressed rows sorted by column (a row's neighbours are distinct)
  const aStart = new Int32Array(n + 1);
  const aColumns = new Int32Array(n * k);
  const aValues = new Float64Array(n * k);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const start = count;
    for (let j = 0; j < k; j++) {
      const e = i * k + j;
      const column = indices[e]!;
      const value = values[e]!;
      if (column < 0 || value === 0) continue;
      let at = count++;
      while (at > start && aColumns[at - 1]! > column) {
        aColumns[at] = aColumns[at - 1]!;
        aValues[at] = aValues[at - 1]!;
        at--;
      }
      aColumns[at] = column;
      aValues[at] = value;
    }
    aStart[i + 1] = count;
  }
  // Aᵀ by counting (rows visited in order, so its columns come out sorted)
  const tStart = new Int32Array(n + 1);
  for (let e = 0; e < count; e++) tStart[aColumns[e]! + 1]!++;
  for (let i = 0; i < n; i++) tStart[i + 1] = tStart[i + 1]! + tStart[i]!;
  const tColumns = new Int32Array(count);
  const tValues = new Float64Array(count);
  const cursor = tStart.slice(0, n);
  for (let i = 0; i < n; i++) {
    for (let e = aStart[i]!; e < aStart[i + 1]!; e++) {
      const at = cursor[aColumns[e]!]!++;
      tColumns[at] = i;
      tValues[at] = aValues[e]!;
    }
  }
  throwIfAborted(signal, context);
  // merge row i of A and of Aᵀ
  const rowStart = new Int32Array(n + 1);
  const columns = new Int32Array(2 * count);
  const out = new Float64Array(2 * count);
  let size = 0;
  for (let i = 0; i < n; i++) {
    let p = aStart[i]!;
    let q = tStart[i]!;
    const pEnd = aStart[i + 1]!;
    const qEnd = tStart[i + 1]!;
    while (p < pEnd || q < qEnd) {
      const pc = p < pEnd ? aColumns[p]! : n;
      const qc = q < qEnd ? tColumns[q]! : n;
      let a = 0;
      let b = 0;
      let column: number;
      if (pc === qc) {
        column = pc;
        a = aValues[p++]!;
        b = tValues[q++]!;
      } else if (pc < qc) {
        column = pc;
        a = aValues[p++]!;
      } else {
        column = qc;
        b = tValues[q++]!;
      }
      const product = a * b;
      const value = mix * (a + b - product) + (1 - mix) * product;
      if (value !== 0) {
        columns[size] = column;
        out[size++] = value;
      }
    }
    rowStart[i + 1] = size;
  }
  return { n, m: n, rowStart, columns: columns.slice(0, size), values: out.slice(0, size) };
}
