import { Estimator } from '../../core/Estimator';
import { throwIfAborted, type FitControls } from '../../core/abort';
import type { MatrixLike } from '../../core/Matrix';
import { SegmentkitError } from '../../core/SegmentkitError';
import { DBSCAN_PARAMS, type DBSCANParams } from './dbscanParams';
import { dbscanLabels, type NeighbourIndex } from './dbscanLabels';
import type { DBSCANProgress } from './dbscanParams';
import { prepareRows, radiusThreshold } from './densityMetric';
import { KDTree, type DistanceMode } from './KDTree';
import { GRID_CELLS_PER_ROW, GRID_HARD_MAX_DIMENSIONS, GRID_MAX_DIMENSIONS, GridIndex, kdTreeNeighbours } from './neighbourIndex';
import type { SpatialIndexKind } from './dbscanParams';
import { DBSCANModel, type DBSCANFittedParams } from './DBSCANModel';
import { threadPool } from '../../parallel/threadPool';
import { resolveWorkers, type ParallelControls } from '../../parallel/workersOption';

/**
 * Execution options of {@link DBSCAN.fit} (not hyper-parameters; never serialised). `workers` spreads the core
 * test (the neighbour count of every row, on the k-d tree) over threads (default `'auto'`: every core from
 * about 4 million steps, n · d · minSamples · 8); the model is the same for every value.
 */
export interface DBSCANFitOptions extends FitControls<DBSCANProgress>, ParallelControls {}

const FIT_OPTIONS = ['onProgress', 'signal', 'workers'];

/**
 * @internal
 * The work of DBSCAN's core test as `'auto'` counts it (see resolveWorkers): n rows × d features × an estimate of
 * the rows each search reads, 8 · minSamples (it stops at minSamples neighbours, after reading several times as
 * many: 157–574 per row at minSamples 5 in bench/dbscan.bench.ts).
 */
export function dbscanCoreWork(n: number, d: number, minSamples: number): number {
  return n * d * minSamples * 8;
}

/** @internal Build the neighbour index DBSCAN runs on, following the documented choice rule. */
export function buildNeighbourIndex(
  data: Float64Array,
  n: number,
  d: number,
  mode: DistanceMode,
  eps: number,
  algorithm: 'auto' | SpatialIndexKind,
  context: string,
): { index: NeighbourIndex; kind: SpatialIndexKind } {
  const threshold = radiusThreshold(mode, eps);
  if (algorithm === 'grid' && d > GRID_HARD_MAX_DIMENSIONS) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: algorithm 'grid' supports up to ${GRID_HARD_MAX_DIMENSIONS} features (3^d neighbouring cells per query) but X has ${d}; use 'kd-tree' or 'auto'`,
    );
  }
  if (algorithm === 'grid' || (algorithm === 'auto' && d <= GRID_MAX_DIMENSIONS)) {
    const grid = GridIndex.create(data, n, d, mode, threshold, eps);
    if (grid !== null) return { index: grid, kind: 'grid' };
    if (algorithm === 'grid') {
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: a grid with cells of side eps = ${eps} over this data would need more than ${GRID_CELLS_PER_ROW} cells per row; use algorithm 'kd-tree' or 'auto'`,
      );
    }
  }
  return { index: kdTreeNeighbours(new KDTree(data, n, d, mode), threshold), kind: 'kd-tree' };
}

/**
 * Density-based clustering (DBSCAN): clusters are regions where rows are dense, of any shape; rows in sparse
 * regions are noise (label -1), for customers the unusual ones worth a look. Results equal scikit-learn 1.2
 * `DBSCAN(eps, min_samples, metric)` label for label.
 *
 * A row is a *core sample* when at least `minSamples` rows (itself included) lie within `eps`. Clusters are
 * numbered in the order of their lowest-index core sample, each expanded completely before the next starts;
 * a *border* row (not core, within eps of a core) reachable from several clusters joins the first one expanded.
 * "Within eps" is exactly scikit-learn's test: Σ (x − y)² ≤ eps² for Euclidean (what its k-d and ball trees
 * compare), Σ |x − y| ≤ eps for Manhattan, 1 − x̂·ŷ ≤ eps for cosine.
 *
 * The neighbourhood queries run on a spatial index (a grid or a k-d tree, see `algorithm`), never on all
 * pairs, and no neighbourhood is stored: memory is O(n).
 *
 * @example
 * const X = [[1, 2], [2, 2], [2, 3], [8, 7], [8, 8], [25, 80]];
 * const model = new DBSCAN({ eps: 3, minSamples: 2 }).fit(X);
 * Array.from(model.labels); // => [0, 0, 0, 1, 1, -1]
 * Array.from(model.coreSampleIndices); // => [0, 1, 2, 3, 4]
 */
export class DBSCAN extends Estimator<DBSCANParams> {
  /**
   * @throws {@link SegmentkitError} `E_PARAM` for `eps` ≤ 0 or not finite, `minSamples` < 1 or not an
   *   integer, an unknown metric, algorithm or option.
   */
  constructor(params: DBSCANParams = {}) {
    super(DBSCAN_PARAMS, params);
  }

  /**
   * Cluster the rows of `X` and return the immutable {@link DBSCANModel}.
   *
   * @param X - one row per customer (n × d), finite numbers; scale the features first, eps is in their units
   * @param options - `onProgress` (every few thousand rows of each phase), `signal` (abort), `workers`
   *   (threads for the core test on the k-d tree; the grid's runs on one thread)
   * @throws {@link SegmentkitError} `E_NOT_FINITE` (naming the cell), `E_EMPTY`, `E_SHAPE`, `E_DOMAIN` (an
   *   all-zero row with metric `'cosine'`), `E_PARAM` (a forced grid that does not fit, a bad `workers`),
   *   `E_ABORTED`.
   * @example
   * const model = new DBSCAN({ eps: 1.5, minSamples: 3 }).fit([[0, 0], [0, 1], [1, 0], [9, 9]]);
   * [model.nClusters, model.labels[3]]; // => [1, -1]
   */
  fit(X: MatrixLike, options: DBSCANFitOptions = {}): DBSCANModel {
    const { context, m, signal, onProgress } = this.startFit(X, options, { knownOptions: FIT_OPTIONS });
    const { rows: n, cols: d } = m;
    const params: DBSCANFittedParams = DBSCAN_PARAMS.resolve(this.params);
    const threads = resolveWorkers(options.workers, dbscanCoreWork(n, d, params.minSamples), context);
    const prepared = prepareRows(m, params.metric, context);
    const { index, kind } = buildNeighbourIndex(prepared.data, n, d, prepared.mode, params.eps, params.algorithm, context);
    throwIfAborted(signal, context);
    onProgress?.({ phase: 'index', done: n, total: n });
    const { labels, core, nClusters } = dbscanLabels(index, n, params.minSamples, context, signal, onProgress, threadPool(threads));
    let nCore = 0;
    for (let i = 0; i < n; i++) nCore += core[i]!;
    const coreSampleIndices = new Int32Array(nCore);
    const components = new Float64Array(nCore * d);
    for (let i = 0, c = 0; i < n; i++) {
      if (core[i] === 0) continue;
      coreSampleIndices[c] = i;
      components.set(m.data.subarray(i * d, (i + 1) * d), c * d);
      c++;
    }
    return new DBSCANModel({
      labels,
      coreSampleIndices,
      components,
      nFeatures: d,
      nClusters,
      params,
      stats: { index: kind, distanceEvaluations: index.distanceEvaluations },
    });
  }
}
