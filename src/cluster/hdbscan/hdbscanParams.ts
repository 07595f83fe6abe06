import { describeValue } from '../../core/describeValue';
import { check, ParamKit, type Check } from '../../core/params';
import { SegmentkitError } from '../../core/SegmentkitError';

/** Distances {@link HDBSCAN} accepts: `'euclidean'` (the default) or `'manhattan'`. */
export type HDBSCANMetric = 'euclidean' | 'manhattan';

/** Hyper-parameters of {@link HDBSCAN} (scikit-learn 1.3's, camelCased, with its defaults). */
export interface HDBSCANParams {
  /** Fewest rows a group needs to count as a cluster (an integer ≥ 2). Default 5. */
  readonly minClusterSize?: number;
  /**
   * Rows (the row itself included) within whose distance a row is core: its core distance is the distance to
   * its `minSamples`-th nearest row. An integer ≥ 1; default `null`: `minClusterSize`. Larger is more
   * conservative (more rows are noise).
   */
  readonly minSamples?: number | null;
  /**
   * Clusters closer than this distance are merged (a floor under the hierarchy, as scikit-learn's
   * `cluster_selection_epsilon`); 0 (default) turns it off.
   */
  readonly clusterSelectionEpsilon?: number;
  /** Largest cluster `'eom'` may select (an integer ≥ 2); default `null`: no limit. Ignored by `'leaf'`. */
  readonly maxClusterSize?: number | null;
  /** `'euclidean'` (default) or `'manhattan'`. */
  readonly metric?: HDBSCANMetric;
  /** Distances are divided by `alpha` (> 0) before the mutual reachability; default 1. */
  readonly alpha?: number;
  /**
   * `'eom'` (default, excess of mass: the most persistent clusters, any depth of the tree) or `'leaf'` (the
   * leaves of the condensed tree: many small, homogeneous clusters).
   */
  readonly clusterSelectionMethod?: 'eom' | 'leaf';
  /** Allow the whole data set as one cluster (default `false`: the root is never selected). */
  readonly allowSingleCluster?: boolean;
}

type Defaults =
  | 'minClusterSize'
  | 'minSamples'
  | 'clusterSelectionEpsilon'
  | 'maxClusterSize'
  | 'metric'
  | 'alpha'
  | 'clusterSelectionMethod'
  | 'allowSingleCluster';

const positive: Check<number> = (value, context, name) => {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  throw new SegmentkitError('E_PARAM', `${context}: ${name} must be a finite number > 0, got ${describeValue(value)}`);
};

/** @internal The spec of {@link HDBSCANParams}. */
export const HDBSCAN_PARAMS: ParamKit<HDBSCANParams, Defaults> = /* @__PURE__ */ new ParamKit<HDBSCANParams, Defaults>('HDBSCAN', () => ({
  minClusterSize: { doc: 'fewest rows in a cluster', check: /* @__PURE__ */ check.integer({ min: 2 }), default: 5 },
  minSamples: {
    doc: 'rows (itself included) that make a row core; null for minClusterSize',
    check: (value, context, name) => (value === null ? null : check.integer({ min: 1 })(value, context, name)),
    default: null,
  },
  clusterSelectionEpsilon: {
    doc: 'clusters closer than this are merged; 0 turns it off',
    check: /* @__PURE__ */ check.number({ min: 0 }),
    default: 0,
  },
  maxClusterSize: {
    doc: "largest cluster 'eom' may select; null for no limit",
    check: (value, context, name) => (value === null ? null : check.integer({ min: 2 })(value, context, name)),
    default: null,
  },
  metric: {
    doc: "distance: 'euclidean' or 'manhattan'",
    check: /* @__PURE__ */ check.oneOf(['euclidean', 'manhattan']),
    default: 'euclidean',
  },
  alpha: { doc: 'distances are divided by alpha', check: positive, default: 1 },
  clusterSelectionMethod: {
    doc: "'eom' (most persistent clusters) or 'leaf' (the leaves)",
    check: /* @__PURE__ */ check.oneOf(['eom', 'leaf']),
    default: 'eom',
  },
  allowSingleCluster: { doc: 'allow the whole data set as one cluster', check: check.boolean, default: false },
}));

/** Progress of {@link HDBSCAN.fit}: reported per phase, and every few thousand rows of the long ones. */
export interface HDBSCANProgress {
  /**
   * `'index'` (spatial index built), `'core'` (core distances), `'tree'` (the minimum spanning tree; `done`
   * counts its edges) or `'condense'` (the condensed tree and the clusters).
   */
  readonly phase: 'index' | 'core' | 'tree' | 'condense';
  /** Units done in this phase … */
  readonly done: number;
  /** … out of this many. */
  readonly total: number;
}
