import { Estimator } from '../../core/Estimator';
import type { FitControls } from '../../core/abort';
import { throwIfAborted } from '../../core/abort';
import type { MatrixLike } from '../../core/Matrix';
import { SegmentkitError } from '../../core/SegmentkitError';
import { requireFiniteDistances } from '../dbscan/densityMetric';
import { MODE_EUCLIDEAN, MODE_MANHATTAN } from '../dbscan/KDTree';
import { HDBSCAN_PARAMS, type HDBSCANParams, type HDBSCANProgress } from './hdbscanParams';
import { HDBSCANModel, type HDBSCANFittedParams } from './HDBSCANModel';
import { fitHierarchy } from './fitHierarchy';

/**
 * HDBSCAN (Campello, Moulavi & Sander 2013; McInnes, Healy & Astels 2017): density-based clustering over all
 * radii at once, keeping the clusters that persist longest, so there is no `eps` to tune — only the smallest
 * segment worth having (`minClusterSize`). Rows in no dense region are noise (-1). Parameters and defaults are
 * scikit-learn 1.3's `HDBSCAN`; labels equal R's `dbscan::hdbscan(x, minPts)` for `minClusterSize = minSamples
 * = minPts`. Beyond scikit-learn, the model carries GLOSH {@link HDBSCANModel.outlierScores}, membership
 * {@link HDBSCANModel.probabilities}, {@link HDBSCANModel.softMembership}, {@link HDBSCANModel.approximatePredict}
 * for new rows and the {@link HDBSCANModel.condensedTree} for charts.
 *
 * How: the core distance of a row is the distance to its `minSamples`-th nearest row (itself counted); the
 * mutual reachability of two rows is max(core(a), core(b), d(a, b) / α); its minimum spanning tree (Borůvka's
 * algorithm on a k-d tree: O(n) memory, no n × n matrix) gives the single-linkage hierarchy, condensed to the
 * splits where at least two parts have `minClusterSize` rows; `'eom'` picks the clusters of largest stability
 * (excess of mass), `'leaf'` the leaves. Edges of equal weight merge in one step, so the result does not depend
 * on the order of the rows or on which of several equally short trees was found.
 *
 * @example
 * const X = [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.5], [10, 10], [10, 11], [11, 10], [11, 11], [10.5, 10.5], [50, 50]];
 * const model = new HDBSCAN({ minClusterSize: 3 }).fit(X);
 * Array.from(model.labels); // => [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, -1]
 */
export class HDBSCAN extends Estimator<HDBSCANParams> {
  /**
   * @throws {@link SegmentkitError} `E_PARAM` for `minClusterSize` not an integer ≥ 2, `minSamples` not an integer ≥ 1,
   *   a negative `clusterSelectionEpsilon`, `alpha` ≤ 0, an unknown metric, selection method or option.
   */
  constructor(params: HDBSCANParams = {}) {
    super(HDBSCAN_PARAMS, params);
  }

  /**
   * Cluster the rows of `X` and return the immutable {@link HDBSCANModel}.
   *
   * @param X - one row per customer (n × d), finite numbers; scale the features first, distances are in their units
   * @param options - `onProgress` (per phase, and every few thousand rows of the long ones), `signal` (abort)
   * @throws {@link SegmentkitError} `E_NOT_FINITE` (naming the cell), `E_EMPTY`, `E_SHAPE`, `E_PARAM` (`minSamples` or
   *   `minClusterSize` larger than the number of rows), `E_DOMAIN` (values so far apart that a distance would
   *   overflow), `E_ABORTED`.
   * @example
   * const model = new HDBSCAN({ minClusterSize: 2 }).fit([[0], [0.1], [0.2], [5], [5.1], [5.2]]);
   * [model.nClusters, model.nNoise]; // => [2, 0]
   */
  fit(X: MatrixLike, options: FitControls<HDBSCANProgress> = {}): HDBSCANModel {
    const { context, m, signal, onProgress } = this.startFit<HDBSCANProgress>(X, options);
    const { rows: n, cols: d } = m;
    const resolved = HDBSCAN_PARAMS.resolve(this.params);
    const params: HDBSCANFittedParams = { ...resolved, minSamples: resolved.minSamples ?? resolved.minClusterSize };
    for (const [name, value] of [
      ['minClusterSize', params.minClusterSize],
      ['minSamples', params.minSamples],
    ] as const) {
      if (value > n) {
        throw new SegmentkitError(
          'E_PARAM',
          `${context}: ${name} (${value}) must be at most the number of rows (${n}); lower ${name} or pass more rows`,
        );
      }
    }
    const mode = params.metric === 'manhattan' ? MODE_MANHATTAN : MODE_EUCLIDEAN;
    requireFiniteDistances(m.data, n, d, mode === MODE_EUCLIDEAN, context);
    const data = Float64Array.from(m.data);
    const fitted = fitHierarchy(data, n, d, params, context, signal, onProgress);
    throwIfAborted(signal, context);
    return new HDBSCANModel({ ...fitted, data, nFeatures: d, params });
  }
}
