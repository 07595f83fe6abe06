import { Estimator } from '../../core/Estimator';
import type { FitControls } from '../../core/abort';
import type { MatrixLike } from '../../core/Matrix';
import { largestMagnitude, rescaleExponent, scaleDown, scaleUp } from '../../core/powerOfTwoScale';
import { SegmentkitError } from '../../core/SegmentkitError';
import { AGGLOMERATIVE_PARAMS, type AgglomerativeClusteringParams } from './agglomerativeParams';
import { AgglomerativeClusteringModel } from './AgglomerativeClusteringModel';
import {
  condensedChain,
  distanceMatrix,
  FULL_DISTANCE_MATRIX_MAX_ROWS,
  fullMatrixChain,
  finishLinkage,
  primSingle,
  wardChain,
  type MergeControls,
  type RawMerges,
} from './linkageAlgorithms';
import type { AgglomerativeProgress } from './agglomerativeParams';
import { threadPool } from '../../parallel/threadPool';
import { resolveWorkers, type ParallelControls } from '../../parallel/workersOption';
import { releaseDistanceMatrix } from './distanceSimd';

/**
 * Execution options of {@link AgglomerativeClustering.fit} (not hyper-parameters; never serialised). `workers`
 * spreads the pairwise distances of complete and average linkage over threads (default `'auto'`: every core
 * from about 4 million row-pair × feature steps); the tree is bit-identical for every value.
 */
export interface AgglomerativeFitOptions extends FitControls<AgglomerativeProgress>, ParallelControls {}

const FIT_OPTIONS = ['onProgress', 'signal', 'workers'];

/**
 * Largest number of rows for complete and average linkage, which keep every distance (8 bytes each): the full
 * n × n matrix up to 8 192 rows (512 MiB), the n(n − 1)/2 of the condensed matrix above, so 16 384 rows need
 * 1 GiB. Ward and single linkage need O(n) memory and have no limit.
 *
 * @example
 * CONDENSED_LINKAGE_MAX_ROWS; // => 16384
 */
export const CONDENSED_LINKAGE_MAX_ROWS = 16_384;

/**
 * Agglomerative (hierarchical) clustering: every row starts as its own cluster and the two closest clusters
 * merge until one remains. The result is the whole tree (readable as a dendrogram, cut at any level later
 * without refitting) plus flat labels at the requested cut.
 *
 * Merge heights and order equal scipy 1.10's `linkage(X, method)`, and `labels` equal scikit-learn 1.2's
 * `AgglomerativeClustering` (same cluster numbering). Ward runs scipy's nearest-neighbour chain on cluster
 * centroids, so it needs O(n) memory (20 000 rows fit easily) and O(n²) time; single linkage runs Prim's
 * algorithm in O(n) memory; complete and average keep every pairwise distance (computed on every core), up to
 * {@link CONDENSED_LINKAGE_MAX_ROWS} rows.
 *
 * @example
 * const X = [[1, 2], [1, 4], [1, 0], [4, 2], [4, 4], [4, 0]];
 * const tree = new AgglomerativeClustering({ nClusters: 2 }).fit(X);
 * Array.from(tree.labels); // => [1, 1, 1, 0, 0, 0]
 * tree.cut({ nClusters: 3 }).nClusters; // => 3
 */
export class AgglomerativeClustering extends Estimator<AgglomerativeClusteringParams> {
  /**
   * @throws {@link SegmentkitError} `E_PARAM` for an unknown linkage or option, `nClusters` < 1, a negative
   *   `distanceThreshold`, or both `nClusters` and `distanceThreshold`.
   */
  constructor(params: AgglomerativeClusteringParams = {}) {
    super(AGGLOMERATIVE_PARAMS, params);
  }

  /**
   * Build the tree over the rows of `X` and return the immutable {@link AgglomerativeClusteringModel}.
   *
   * @param X - one row per customer (n ≥ 2 rows × d), finite numbers
   * @param options - `onProgress` (every 1024 rows of distances, every 1024 merges), `signal` (abort), `workers`
   *   (threads for the distances of complete and average linkage; the same tree for every value)
   * @throws {@link SegmentkitError} `E_PARAM` (nClusters > rows; complete or average linkage on more than
   *   {@link CONDENSED_LINKAGE_MAX_ROWS} rows; a bad `workers`), `E_SHAPE` (a single row), `E_NOT_FINITE`,
   *   `E_EMPTY`, `E_ABORTED`.
   * @example
   * const tree = new AgglomerativeClustering({ linkage: 'average', nClusters: 2 }).fit([[0], [1], [10]]);
   * tree.linkageMatrix(); // => [[0, 1, 1, 2], [2, 3, 9.5, 3]]
   */
  fit(X: MatrixLike, options: AgglomerativeFitOptions = {}): AgglomerativeClusteringModel {
    const { context, m, signal, onProgress } = this.startFit(X, options, { knownOptions: FIT_OPTIONS });
    const { rows: n, cols: d } = m;
    if (n < 2) throw new SegmentkitError('E_SHAPE', `${context}: X has 1 row; a hierarchy needs at least 2`);
    const { linkage, distanceThreshold, nClusters: wanted } = AGGLOMERATIVE_PARAMS.resolve(this.params);
    const nClusters = distanceThreshold === undefined ? wanted : undefined;
    if (nClusters !== undefined && nClusters > n) {
      throw new SegmentkitError('E_PARAM', `${context}: nClusters = ${nClusters} but X has only ${n} rows; lower nClusters`);
    }
    if ((linkage === 'complete' || linkage === 'average') && n > CONDENSED_LINKAGE_MAX_ROWS) {
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: ${linkage} linkage keeps all n(n − 1)/2 distances and is limited to ${CONDENSED_LINKAGE_MAX_ROWS} rows (1 GiB), X has ${n}; use linkage 'ward' or 'single' (O(n) memory), or cluster a sample`,
      );
    }
    // a private copy: the model keeps the rows (for centroids and predict), the caller's buffer may change
    const data = Float64Array.from(m.data);
    const controls: MergeControls = { context, signal, onProgress };
    // checked for every linkage; complete, average and single have work for threads (their n(n − 1)/2 distances),
    // ward's chain on a k-d tree has none
    const threads = resolveWorkers(options.workers, linkage === 'ward' ? 0 : (n * n * d) / 2, context);
    // values beyond 2^±400 are merged rescaled by a power of two (the same merges, exactly), so squared distances
    // neither overflow (they would all tie at Infinity) nor underflow; the heights come back in the data's units
    const exponent = rescaleExponent(largestMagnitude(data));
    const work = scaleDown(data, exponent);
    let raw: RawMerges;
    if (linkage === 'ward') raw = wardChain(work, n, d, controls);
    else if (linkage === 'single') raw = primSingle(work, n, d, threadPool(threads), controls);
    else {
      const full = n <= FULL_DISTANCE_MATRIX_MAX_ROWS;
      const pool = threadPool(threads);
      const D = distanceMatrix(work, n, d, full, pool, controls);
      try {
        raw = full ? fullMatrixChain(D, n, linkage, pool, controls) : condensedChain(D, n, linkage, controls);
      } finally {
        releaseDistanceMatrix(D);
      }
    }
    if (exponent !== 0) {
      for (let k = 0; k < n - 1; k++) {
        raw.height[k] = scaleUp(raw.height[k]!, exponent);
        if (raw.height[k] === Infinity) {
          throw new SegmentkitError(
            'E_DOMAIN',
            `${context}: a merge height exceeds the largest double (the rows are too far apart); rescale X (divide it by a power of ten) first`,
          );
        }
      }
    }
    const tree = finishLinkage(raw, n, linkage === 'single' ? 'as-found' : 'sorted');
    return AgglomerativeClusteringModel.create(
      { linkage, children: tree.children, heights: tree.heights, rows: { data, rows: n, cols: d } },
      nClusters === undefined ? { distanceThreshold: distanceThreshold! } : { nClusters },
      context,
    );
  }
}
