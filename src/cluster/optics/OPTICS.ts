import { Estimator } from '../../core/Estimator';
import type { FitControls } from '../../core/abort';
import type { MatrixLike } from '../../core/Matrix';
import { SegmentkitError } from '../../core/SegmentkitError';
import { MODE_EUCLIDEAN, MODE_MANHATTAN } from '../dbscan/KDTree';
import { requireFiniteDistances } from '../dbscan/densityMetric';
import { opticsGraph } from './opticsGraph';
import { OPTICS_PARAMS, resolveCount, type OPTICSParams, type OPTICSProgress } from './opticsParams';
import { OPTICSModel, opticsLabels, type OPTICSFittedParams } from './OPTICSModel';

/**
 * OPTICS (Ordering Points To Identify the Clustering Structure, Ankerst et al. 1999): DBSCAN at every radius
 * at once. It orders the rows so that dense groups sit next to each other and records each row's
 * *reachability* (how far it is from the dense region before it); valleys of the reachability plot are the
 * segments, of any density. Results equal scikit-learn 1.2 `OPTICS(min_samples, max_eps, cluster_method, xi,
 * eps, predecessor_correction, min_cluster_size)` with its default metric (Minkowski p = 2): the same
 * `ordering_`, `predecessor_` and `labels_`, and `reachability_` / `core_distances_` to rounding.
 *
 * Definitions (scikit-learn's): the core distance of a row is the distance to its `minSamples`-th nearest row
 * counting itself (infinite above `maxEps`); processing a core row sets the reachability of every unprocessed
 * row within `maxEps` to min(its reachability, max(core distance, distance)); the next row is the unprocessed
 * one with the smallest reachability, ties to the lowest index (the lowest unprocessed index when all are
 * infinite, which starts a new sweep with reachability `Infinity`). Distances are rounded to 15 decimals, as
 * scikit-learn does. Labels come from the xi-steep areas of the plot (`clusterMethod: 'xi'`, the leaf clusters)
 * or from a cut at `eps` (`'dbscan'`); noise is -1.
 *
 * The queries run on a k-d tree; nothing n × n is stored: memory is O(n).
 *
 * @example
 * const X = [[0, 0], [0, 1], [1, 0], [1, 1], [10, 10], [10, 11], [11, 10], [11, 11], [50, 50]];
 * const model = new OPTICS({ minSamples: 3 }).fit(X);
 * Array.from(model.ordering); // => [0, 1, 2, 3, 4, 5, 6, 7, 8]
 * Array.from(model.extractDbscan(2)); // => [0, 0, 0, 0, 1, 1, 1, 1, -1]
 */
export class OPTICS extends Estimator<OPTICSParams> {
  /**
   * @throws {@link SegmentkitError} `E_PARAM` for `minSamples` or `minClusterSize` neither an integer ≥ 2 nor a
   *   fraction in (0, 1), `maxEps` < 0, `xi` outside [0, 1), `eps` > `maxEps`, an unknown metric or option.
   */
  constructor(params: OPTICSParams = {}) {
    super(OPTICS_PARAMS, params);
  }

  /**
   * Order the rows of `X`, extract the clusters, and return the immutable {@link OPTICSModel}.
   *
   * @param X - one row per customer (n × d), finite numbers; scale the features first, distances are in their units
   * @param options - `onProgress` (every few thousand rows of each phase), `signal` (abort)
   * @throws {@link SegmentkitError} `E_NOT_FINITE` (naming the cell), `E_EMPTY`, `E_SHAPE`, `E_PARAM` (`minSamples`
   *   or `minClusterSize` larger than the number of rows), `E_DOMAIN` (values so far apart that a distance would
   *   overflow), `E_ABORTED`.
   * @example
   * const model = new OPTICS({ minSamples: 2, clusterMethod: 'dbscan', eps: 1.5 }).fit([[0, 0], [0, 1], [1, 0], [9, 9]]);
   * Array.from(model.labels); // => [0, 0, 0, -1]
   */
  fit(X: MatrixLike, options: FitControls<OPTICSProgress> = {}): OPTICSModel {
    const { context, m, signal, onProgress } = this.startFit<OPTICSProgress>(X, options);
    const { rows: n, cols: d } = m;
    const resolved = OPTICS_PARAMS.resolve(this.params);
    const params: OPTICSFittedParams = { ...resolved, eps: resolved.eps ?? null };
    const minSamples = resolveCount(params.minSamples, n);
    if (minSamples > n) {
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: minSamples (${minSamples}) must be at most the number of rows (${n}); lower minSamples or pass more rows`,
      );
    }
    const minClusterSize = params.minClusterSize === null ? minSamples : resolveCount(params.minClusterSize, n);
    if (minClusterSize > n) {
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: minClusterSize (${minClusterSize}) must be at most the number of rows (${n}); lower minClusterSize or pass more rows`,
      );
    }
    const mode = params.metric === 'manhattan' ? MODE_MANHATTAN : MODE_EUCLIDEAN;
    requireFiniteDistances(m.data, n, d, mode === MODE_EUCLIDEAN, context);
    const graph = opticsGraph(m.data, n, d, mode, minSamples, params.maxEps, context, signal, onProgress);
    return new OPTICSModel({ ...graph, labels: opticsLabels(graph, params, n), nFeatures: d, params });
  }
}
