import { throwIfAborted, type AbortSignalLike } from '../../core/abort';
import type { Rng } from '../../core/createRng';
import { symmetricEigen } from '../symmetricEigen';
import type { SparseGraph } from './fuzzySimplicialSet';

/** Components up to this many rows are decomposed densely; larger ones by Lanczos. */
const DENSE_MAX_ROWS = 128;
/** Lanczos steps (the Krylov dimension) at most. */
const LANCZOS_STEPS = 64;
/** Component positions by an exact PCA of the centroids while min(components, features) is at most this. */
const PCA_MAX_SIZE = 256;

/** @internal The connected components of a symmetric graph: a label per row, numbered by their lowest row. */
export function connectedComponents(graph: SparseGraph): { labels: Int32Array; count: number } {
  const { n, rowStart, columns } = graph;
  const labels = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let count = 0;
  for (let start = 0; start < n; start++) {
    if (labels[start]! >= 0) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    labels[start] = count;
    while (head < tail) {
      const i = queue[head++]!;
      for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) {
        const j = columns[e]!;
        if (labels[j]! < 0) {
          labels[j] = count;
          queue[tail++] = j;
        }
      }
    }
    count++;
  }
  return { labels, count };
}

/**
 * The `dim` leading non-trivial eigenvectors of D^(−½) W D^(−½) on the rows `members` of one connected component
 * (the eigenvectors of the smallest eigenvalues of the normalised Laplacian, skipping the constant one), as
 * `members.length × dim` coordinates: dense for small components, Lanczos with full reorthogonalisation
 * against the known top eigenvector D^(½) 1 above.
 */
function componentEigenvectors(
  graph: SparseGraph,
  members: Int32Array,
  local: Int32Array,
  dim: number,
  rng: Rng,
  context: string,
  signal: AbortSignalLike | undefined,
): Float64Array {
  const m = members.length;
  const { rowStart, columns, values } = graph;
  // degrees and the scaled weights w_ij / √(d_i d_j), in local numbering
  const degree = new Float64Array(m);
  for (let s = 0; s < m; s++) {
    const i = members[s]!;
    let sum = 0;
    for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) sum += values[e]!;
    degree[s] = sum;
  }
  const root = Float64Array.from(degree, Math.sqrt);
  const start = new Int32Array(m + 1);
  for (let s = 0; s < m; s++) start[s + 1] = start[s]! + rowStart[members[s]! + 1]! - rowStart[members[s]!]!;
  const cols = new Int32Array(start[m]!);
  const scaled = new Float64Array(start[m]!);
  for (let s = 0; s < m; s++) {
    const i = members[s]!;
    let at = start[s]!;
    for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) {
      const t = local[columns[e]!]!;
      cols[at] = t;
      scaled[at++] = values[e]! / (root[s]! * root[t]!);
    }
  }
  const out = new Float64Array(m * dim);
  if (m <= DENSE_MAX_ROWS) {
    const dense = new Float64Array(m * m);
    for (let s = 0; s < m; s++) for (let e = start[s]!; e < start[s + 1]!; e++) dense[s * m + cols[e]!] = scaled[e]!;
    const { vectors } = symmetricEigen(dense, m);
    for (let c = 0; c < dim; c++) for (let s = 0; s < m; s++) out[s * dim + c] = vectors[(c + 1) * m + s]!;
    return out;
  }
  // the trivial eigenvector (eigenvalue 1), unit length
  const top = new Float64Array(m);
  let norm = 0;
  for (let s = 0; s < m; s++) norm += degree[s]!;
  norm = Math.sqrt(norm);
  for (let s = 0; s < m; s++) top[s] = root[s]! / norm;
  const steps = Math.min(LANCZOS_STEPS, m - 1);
  const basis = new Float64Array(steps * m);
  const alpha = new Float64Array(steps);
  const beta = new Float64Array(steps);
  const w = new Float64Array(m);
  const q = new Float64Array(m);
  for (let s = 0; s < m; s++) q[s] = rng.normal();
  orthogonalise(q, top, basis, 0, m);
  normalise(q, m);
  let used = 0;
  for (let step = 0; step < steps; step++) {
    throwIfAborted(signal, context);
    basis.set(q, step * m);
    used = step + 1;
    for (let s = 0; s < m; s++) {
      let sum = 0;
      for (let e = start[s]!; e < start[s + 1]!; e++) sum += scaled[e]! * q[cols[e]!]!;
      w[s] = sum;
    }
    let a = 0;
    for (let s = 0; s < m; s++) a += w[s]! * q[s]!;
    alpha[step] = a;
    orthogonalise(w, top, basis, used, m);
    const b = Math.sqrt(dot(w, w, m));
    beta[step] = b;
    // an invariant subspace: the Krylov space holds the eigenvectors exactly
    if (!(b > 1e-10)) break;
    for (let s = 0; s < m; s++) q[s] = w[s]! / b;
  }
  const tridiagonal = new Float64Array(used * used);
  for (let s = 0; s < used; s++) {
    tridiagonal[s * used + s] = alpha[s]!;
    if (s + 1 < used) {
      tridiagonal[s * used + s + 1] = beta[s]!;
      tridiagonal[(s + 1) * used + s] = beta[s]!;
    }
  }
  const { vectors } = symmetricEigen(tridiagonal, used);
  const count = Math.min(dim, used);
  for (let c = 0; c < count; c++) {
    for (let step = 0; step < used; step++) {
      const weight = vectors[c * used + step]!;
      if (weight === 0) continue;
      const row = step * m;
      for (let s = 0; s < m; s++) out[s * dim + c] = out[s * dim + c]! + weight * basis[row + s]!;
    }
  }
  return out;
}

function dot(a: Float64Array, b: Float64Array, m: number, offset = 0): number {
  let sum = 0;
  for (let s = 0; s < m; s++) sum += a[s]! * b[offset + s]!;
  return sum;
}

/** Remove from v its components along `top` and the first `count` rows of `basis` (modified Gram–Schmidt). */
function orthogonalise(v: Float64Array, top: Float64Array, basis: Float64Array, count: number, m: number): void {
  const c0 = dot(v, top, m);
  for (let s = 0; s < m; s++) v[s] = v[s]! - c0 * top[s]!;
  for (let r = 0; r < count; r++) {
    const c = dot(v, basis, m, r * m);
    const row = r * m;
    for (let s = 0; s < m; s++) v[s] = v[s]! - c * basis[row + s]!;
  }
}

function normalise(v: Float64Array, m: number): void {
  const norm = Math.sqrt(dot(v, v, m));
  if (norm > 0) for (let s = 0; s < m; s++) v[s] = v[s]! / norm;
}

/**
 * Where each component goes (umap-learn's `component_layout`, with PCA in place of its spectral embedding of
 * the centroids): the centroids of the components in the data, projected on their first `dim` principal axes
 * (a seeded Gaussian projection when both their number and the features exceed 256) and scaled into [−1, 1].
 * Uniform draws in [−1, 1] when the centroids do not spread.
 */
function componentPositions(data: Float64Array, d: number, labels: Int32Array, count: number, dim: number, rng: Rng): Float64Array {
  const n = labels.length;
  const centroids = new Float64Array(count * d);
  const sizes = new Float64Array(count);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    sizes[c]!++;
    for (let t = 0; t < d; t++) centroids[c * d + t] = centroids[c * d + t]! + data[i * d + t]!;
  }
  const mean = new Float64Array(d);
  for (let c = 0; c < count; c++) {
    for (let t = 0; t < d; t++) {
      centroids[c * d + t] = centroids[c * d + t]! / sizes[c]!;
      mean[t] = mean[t]! + centroids[c * d + t]! / count;
    }
  }
  // centred centroids, count × d
  for (let c = 0; c < count; c++) for (let t = 0; t < d; t++) centroids[c * d + t] = centroids[c * d + t]! - mean[t]!;
  const positions = new Float64Array(count * dim);
  const axes = Math.min(dim, d, count);
  if (Math.min(count, d) <= PCA_MAX_SIZE) {
    if (d <= count) {
      // the principal axes: eigenvectors of the d × d cross-product
      const cross = new Float64Array(d * d);
      for (let c = 0; c < count; c++)
        for (let s = 0; s < d; s++)
          for (let t = 0; t < d; t++) cross[s * d + t] = cross[s * d + t]! + centroids[c * d + s]! * centroids[c * d + t]!;
      const { vectors } = symmetricEigen(cross, d);
      for (let c = 0; c < count; c++)
        for (let k = 0; k < axes; k++) {
          let sum = 0;
          for (let t = 0; t < d; t++) sum += centroids[c * d + t]! * vectors[k * d + t]!;
          positions[c * dim + k] = sum;
        }
    } else {
      // fewer centroids than features: the scores from the count × count Gram matrix, u √λ
      const gram = new Float64Array(count * count);
      for (let p = 0; p < count; p++)
        for (let q = 0; q < count; q++) {
          let sum = 0;
          for (let t = 0; t < d; t++) sum += centroids[p * d + t]! * centroids[q * d + t]!;
          gram[p * count + q] = sum;
        }
      const { values, vectors } = symmetricEigen(gram, count);
      for (let k = 0; k < axes; k++) {
        const root = values[k]! > 0 ? Math.sqrt(values[k]!) : 0;
        for (let c = 0; c < count; c++) positions[c * dim + k] = vectors[k * count + c]! * root;
      }
    }
  } else {
    // too many centroids and features for an eigen-decomposition: a seeded Gaussian projection
    const projection = new Float64Array(d * dim);
    for (let e = 0; e < projection.length; e++) projection[e] = rng.normal();
    for (let c = 0; c < count; c++)
      for (let k = 0; k < dim; k++) {
        let sum = 0;
        for (let t = 0; t < d; t++) sum += centroids[c * d + t]! * projection[t * dim + k]!;
        positions[c * dim + k] = sum;
      }
  }
  let largest = 0;
  for (let e = 0; e < positions.length; e++) {
    const magnitude = positions[e]! < 0 ? -positions[e]! : positions[e]!;
    if (magnitude > largest) largest = magnitude;
  }
  if (largest > 0) {
    for (let e = 0; e < positions.length; e++) positions[e] = positions[e]! / largest;
  } else {
    for (let e = 0; e < positions.length; e++) positions[e] = 2 * rng.uniform() - 1;
  }
  return positions;
}

/**
 * @internal
 * umap-learn's spectral initialisation (`spectral_layout`, and `multi_component_layout` for a graph of several
 * components): the leading non-trivial eigenvectors of the normalised graph, per connected component; with
 * several components each is scaled to half the distance to its nearest neighbouring component position
 * (components too small for eigenvectors, fewer than 2·dim rows, get uniform positions there). Returns n × dim.
 */
export function spectralLayout(
  graph: SparseGraph,
  data: Float64Array,
  d: number,
  dim: number,
  rng: Rng,
  components: { labels: Int32Array; count: number },
  context: string,
  signal: AbortSignalLike | undefined,
): Float64Array {
  const n = graph.n;
  const { labels, count } = components;
  const out = new Float64Array(n * dim);
  const sizes = new Int32Array(count);
  for (let i = 0; i < n; i++) sizes[labels[i]!]!++;
  const memberStart = new Int32Array(count + 1);
  for (let c = 0; c < count; c++) memberStart[c + 1] = memberStart[c]! + sizes[c]!;
  const members = new Int32Array(n);
  const local = new Int32Array(n);
  const fill = memberStart.slice(0, count);
  for (let i = 0; i < n; i++) {
    const at = fill[labels[i]!]!++;
    members[at] = i;
    local[i] = at - memberStart[labels[i]!]!;
  }
  if (count === 1) {
    if (n <= dim) {
      for (let e = 0; e < n * dim; e++) out[e] = 20 * rng.uniform() - 10;
      return out;
    }
    const vectors = componentEigenvectors(graph, members, local, dim, rng, context, signal);
    out.set(vectors);
    return out;
  }
  const positions = componentPositions(data, d, labels, count, dim, rng);
  for (let c = 0; c < count; c++) {
    // half the distance to the nearest other position (1 when every other one coincides with it)
    let nearest = Number.POSITIVE_INFINITY;
    for (let o = 0; o < count; o++) {
      if (o === c) continue;
      let sum = 0;
      for (let k = 0; k < dim; k++) {
        const diff = positions[c * dim + k]! - positions[o * dim + k]!;
        sum += diff * diff;
      }
      if (sum > 0 && sum < nearest) nearest = sum;
    }
    const range = nearest === Number.POSITIVE_INFINITY ? 1 : Math.sqrt(nearest) / 2;
    const group = members.subarray(memberStart[c]!, memberStart[c + 1]!);
    const m = group.length;
    if (m < 2 * dim || m <= dim + 1) {
      for (const i of group) for (let k = 0; k < dim; k++) out[i * dim + k] = range * (2 * rng.uniform() - 1) + positions[c * dim + k]!;
      continue;
    }
    const vectors = componentEigenvectors(graph, group, local, dim, rng, context, signal);
    let largest = 0;
    for (let e = 0; e < vectors.length; e++) {
      const magnitude = vectors[e]! < 0 ? -vectors[e]! : vectors[e]!;
      if (magnitude > largest) largest = magnitude;
    }
    const expansion = largest > 0 ? range / largest : 0;
    for (let s = 0; s < m; s++) {
      const i = group[s]!;
      for (let k = 0; k < dim; k++) out[i * dim + k] = vectors[s * dim + k]! * expansion + positions[c * dim + k]!;
    }
  }
  return out;
}
