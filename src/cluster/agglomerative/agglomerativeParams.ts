import { check, ParamKit } from '../../core/params';
import { SegmentkitError } from '../../core/SegmentkitError';

/** How the distance between two clusters is measured when merging. */
export type Linkage = 'ward' | 'complete' | 'average' | 'single';

/** Hyper-parameters of {@link AgglomerativeClustering} (scikit-learn's, camelCased). */
export interface AgglomerativeClusteringParams {
  /**
   * `'ward'` (default): merge the pair that increases the within-cluster sum of squares least (compact,
   * k-means-like segments); `'complete'`: the largest distance between members; `'average'`: the mean distance
   * between members; `'single'`: the smallest distance (chains through thin bridges: finds odd shapes and
   * isolates outliers). Distances are Euclidean.
   */
  readonly linkage?: Linkage;
  /** Number of clusters for `labels`. Default 2, unless `distanceThreshold` is given (then leave this out). */
  readonly nClusters?: number;
  /**
   * Cut the tree at this height instead: merges at a height ≥ the threshold are undone (scikit-learn's rule;
   * scipy's `fcluster(criterion='distance')` keeps merges at exactly the threshold). ≥ 0.
   */
  readonly distanceThreshold?: number;
}

type Defaults = 'linkage' | 'nClusters';

/** @internal The spec of {@link AgglomerativeClusteringParams}. */
export const AGGLOMERATIVE_PARAMS: ParamKit<AgglomerativeClusteringParams, Defaults> = /* @__PURE__ */ new ParamKit<
  AgglomerativeClusteringParams,
  Defaults
>(
  'AgglomerativeClustering',
  () => ({
    linkage: {
      doc: "merge criterion: 'ward', 'complete', 'average' or 'single'",
      check: /* @__PURE__ */ check.oneOf(['ward', 'complete', 'average', 'single']),
      default: 'ward',
    },
    nClusters: {
      doc: 'clusters at the cut (unless distanceThreshold is given)',
      check: /* @__PURE__ */ check.integer({ min: 1 }),
      default: 2,
    },
    distanceThreshold: { doc: 'cut the tree at this height instead of at nClusters', check: /* @__PURE__ */ check.number({ min: 0 }) },
  }),
  (params, owner) => {
    if (params.nClusters !== undefined && params.distanceThreshold !== undefined) {
      throw new SegmentkitError('E_PARAM', `${owner}: give nClusters or distanceThreshold, not both`);
    }
  },
);

/** Progress of {@link AgglomerativeClustering.fit}. */
export interface AgglomerativeProgress {
  /** `'distances'` (filling the condensed matrix: complete and average only) or `'merging'`. */
  readonly phase: 'distances' | 'merging';
  /** Rows (distances phase) or merges done … */
  readonly done: number;
  /** … out of this many. */
  readonly total: number;
}
