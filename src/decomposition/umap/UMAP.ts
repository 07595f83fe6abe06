import { Estimator } from '../../core/Estimator';
import type { FitControls } from '../../core/abort';
import { createRng } from '../../core/createRng';
import type { MatrixLike } from '../../core/Matrix';
import { largestMagnitude, rescaleExponent, scaleDown } from '../../core/powerOfTwoScale';
import { SegmentkitError } from '../../core/SegmentkitError';
import { exactNeighbors } from './exactNeighbors';
import { fitCurve } from './fitCurve';
import { fuzzyUnion, membershipStrengths, smoothKnnDist } from './fuzzySimplicialSet';
import { nearestNeighborDescent } from './nearestNeighborDescent';
import { layoutEdges, optimizeLayout, pruneGraph } from './optimizeLayout';
import { connectedComponents, spectralLayout } from './spectralLayout';
import { metricMode, metricRows } from './umapDistances';
import {
  EXACT_NEIGHBORS_MAX_ROWS,
  resolveEpochs,
  UMAP_PARAMS,
  type UMAPFittedParams,
  type UMAPParams,
  type UMAPProgress,
} from './umapParams';
import { UMAPModel } from './UMAPModel';

/** Execution options of {@link UMAP.fit} (not hyper-parameters; never serialised). */
export interface UMAPFitOptions extends FitControls<UMAPProgress> {}

/**
 * UMAP (Uniform Manifold Approximation and Projection, McInnes, Healy & Melville 2018): a non-linear map of the
 * customers to 2 (or a few) dimensions that keeps each customer's nearest neighbours near, for seeing segments
 * that a linear projection (PCA) folds onto each other. The steps are umap-learn's: the k-nearest-neighbour graph
 * (exact below 4096 rows, nearest-neighbour descent on a random projection forest above), its fuzzy simplicial set
 * (per-row bandwidths σ and offsets ρ, the fuzzy union of the directed graph and its transpose), a spectral
 * initialisation (eigenvectors of the normalised graph Laplacian, per connected component), and stochastic
 * gradient descent on the cross-entropy with negative sampling, in which neighbours attract through the curve
 * 1 / (1 + a d^(2b)) fitted to `minDist` and `spread`.
 *
 * **Deterministic for a seed on every runtime**: every random draw comes from segmentkit's seeded generator,
 * the edges are visited in a fixed order on one thread, sorting breaks ties by row index, and logarithms,
 * exponentials and powers are computed with portable arithmetic (never `Math.pow`, whose last bit differs
 * between engines), so Node, Deno, Bun and browsers give the same bits. The default seed is fixed (42).
 *
 * Distances in the embedding are not distances between customers: read clusters and neighbourhoods from it, not
 * sizes or gaps (see the guide "Seeing segments"). {@link trustworthiness} measures how faithful it is.
 *
 * @example
 * const X = [[0, 0], [0, 1], [1, 0], [1, 1], [10, 10], [10, 11], [11, 10], [11, 11], [10.5, 10.5]];
 * const model = new UMAP({ nNeighbors: 3, seed: 1 }).fit(X);
 * [model.embedding.rows, model.embedding.cols]; // => [9, 2]
 */
export class UMAP extends Estimator<UMAPParams> {
  /**
   * @throws {@link SegmentkitError} `E_PARAM` for an unknown option, a value of the wrong type or range, or
   *   `minDist` above `spread`.
   */
  constructor(params: UMAPParams = {}) {
    super(UMAP_PARAMS, params);
  }

  /**
   * Embed the rows of `X` and return the immutable {@link UMAPModel} (its `embedding` is the result; it keeps
   * the training rows for {@link UMAPModel.transform}).
   *
   * @param X - one row per customer (n × d, n > nNeighbors), finite numbers; scale the features first
   * @param options - `onProgress` (per phase; per epoch of the layout), `signal` (checked every epoch and in every long loop)
   * @throws {@link SegmentkitError} `E_PARAM` (nNeighbors not below the number of rows), `E_NOT_FINITE`,
   *   `E_EMPTY`, `E_SHAPE`, `E_CONVERGENCE` (the layout diverged: lower learningRate), `E_ABORTED`.
   * @example
   * const X = [[0, 0], [0, 1], [1, 0], [5, 5], [5, 6], [6, 5]];
   * const model = new UMAP({ nNeighbors: 2, nEpochs: 50 }).fit(X);
   * model.embedding.data.every(Number.isFinite); // => true
   */
  fit(X: MatrixLike, options: UMAPFitOptions = {}): UMAPModel {
    const { context, m, signal, onProgress } = this.startFit<UMAPProgress>(X, options);
    const { rows: n, cols: d } = m;
    const params: UMAPFittedParams = UMAP_PARAMS.resolve(this.params);
    const k = params.nNeighbors;
    if (k >= n) {
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: nNeighbors (${k}) must be below the number of rows (${n}): each row needs ${k - 1} neighbours other than itself; lower nNeighbors or pass more rows`,
      );
    }
    const nEpochs = resolveEpochs(params.nEpochs, n);
    const dim = params.nComponents;
    // distances of extreme data would overflow: work on it scaled by a power of two (the embedding does not change)
    const data = scaleDown(m.data, rescaleExponent(largestMagnitude(m.data)));
    const rows = metricRows(data, n, d, metricMode(params.metric));
    const rng = createRng(params.seed);

    const exact = n < EXACT_NEIGHBORS_MAX_ROWS;
    const knn = exact
      ? exactNeighbors(rows, k, context, signal, onProgress)
      : nearestNeighborDescent(rows, k, rng, context, signal, onProgress);

    const smooth = smoothKnnDist(knn.distances, n, k, params.localConnectivity);
    const memberships = membershipStrengths(knn.indices, knn.distances, smooth, n, k, true);
    const graph = pruneGraph(fuzzyUnion(knn.indices, memberships, n, k, params.setOpMixRatio, context, signal), nEpochs);
    onProgress?.({ phase: 'graph', done: n, total: n });

    const components = connectedComponents(graph);
    const embedding = new Float64Array(n * dim);
    if (params.init === 'random') {
      for (let e = 0; e < n * dim; e++) embedding[e] = 20 * rng.uniform() - 10;
    } else {
      const layout = spectralLayout(graph, rows.data, d, dim, rng, components, context, signal);
      let largest = 0;
      for (let e = 0; e < layout.length; e++) {
        const magnitude = layout[e]! < 0 ? -layout[e]! : layout[e]!;
        if (magnitude > largest) largest = magnitude;
      }
      const expansion = largest > 0 ? 10 / largest : 1;
      for (let e = 0; e < n * dim; e++) embedding[e] = layout[e]! * expansion + rng.normal(0, 0.0001);
    }
    rescaleColumns(embedding, n, dim);
    onProgress?.({ phase: 'init', done: n, total: n });

    const edges = layoutEdges(graph, nEpochs);
    const curve = fitCurve(params.minDist, params.spread);
    optimizeLayout(
      embedding,
      embedding,
      n,
      edges,
      {
        dim,
        curve,
        gamma: params.repulsionStrength,
        initialAlpha: params.learningRate,
        negativeSampleRate: params.negativeSampleRate,
        nEpochs,
        moveOther: true,
      },
      [rng.nextSeed(), rng.nextSeed(), rng.nextSeed()],
      context,
      signal,
      onProgress === undefined ? undefined : (done, total) => onProgress({ phase: 'layout', done, total }),
    );
    for (let e = 0; e < embedding.length; e++) {
      if (!Number.isFinite(embedding[e]!)) {
        throw new SegmentkitError(
          'E_CONVERGENCE',
          `${context}: the layout diverged (a coordinate became ${embedding[e]}); lower learningRate or repulsionStrength`,
        );
      }
    }
    return new UMAPModel({
      data: m.data,
      embedding,
      nFeatures: d,
      nEpochs,
      curve,
      params: { ...params },
      stats: { neighbors: exact ? 'exact' : 'nnDescent', nEdges: graph.values.length, nGraphComponents: components.count },
    });
  }
}

/** umap-learn's last step before the layout: each coordinate scaled into [0, 10] (a constant one is left as it is). */
function rescaleColumns(embedding: Float64Array, n: number, dim: number): void {
  for (let c = 0; c < dim; c++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const v = embedding[i * dim + c]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const width = hi - lo;
    if (!(width > 0)) continue;
    for (let i = 0; i < n; i++) embedding[i * dim + c] = (10 * (embedding[i * dim + c]! - lo)) / width;
  }
}
