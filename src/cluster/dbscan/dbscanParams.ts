import { check, ParamKit } from '../../core/params';
import { DENSITY_METRICS, type DensityMetric } from './densityMetric';

/** Hyper-parameters of {@link DBSCAN} (scikit-learn's, camelCased). */
export interface DBSCANParams {
  /**
   * Neighbourhood radius: rows at distance ≤ eps are neighbours (a row is its own neighbour). Default 0.5, as
   * scikit-learn; see {@link suggestEps} to choose it from the data.
   */
  readonly eps?: number;
  /** Neighbours (the row itself included) that make a row a core sample. Default 5. */
  readonly minSamples?: number;
  /**
   * `'euclidean'` (default), `'manhattan'` (sum of absolute differences) or `'cosine'` (1 − cosine similarity,
   * for direction rather than size, e.g. spend shares; eps is then between 0 and 2).
   */
  readonly metric?: DensityMetric;
  /**
   * The spatial index for the neighbourhood queries; labels are identical either way. `'auto'` (default): a
   * uniform grid of cells about eps wide for up to 3 features (when it needs at most 16 cells per row), a k-d
   * tree otherwise. `'grid'` (up to 6 features) or `'kd-tree'` force one.
   */
  readonly algorithm?: 'auto' | SpatialIndexKind;
}

type Defaults = 'eps' | 'minSamples' | 'metric' | 'algorithm';

/** @internal The spec of {@link DBSCANParams}. */
export const DBSCAN_PARAMS: ParamKit<DBSCANParams, Defaults> = /* @__PURE__ */ new ParamKit<DBSCANParams, Defaults>('DBSCAN', () => ({
  eps: { doc: 'neighbourhood radius', check: /* @__PURE__ */ check.number({ min: 0, exclusiveMin: true }), default: 0.5 },
  minSamples: {
    doc: 'neighbours (the row itself included) that make a row a core sample',
    check: /* @__PURE__ */ check.integer({ min: 1 }),
    default: 5,
  },
  metric: {
    doc: "distance: 'euclidean', 'manhattan' or 'cosine'",
    check: /* @__PURE__ */ check.oneOf(DENSITY_METRICS),
    default: 'euclidean',
  },
  algorithm: {
    doc: "spatial index: 'auto', 'grid' or 'kd-tree'",
    check: /* @__PURE__ */ check.oneOf(['auto', 'grid', 'kd-tree']),
    default: 'auto',
  },
}));

/** Progress of {@link DBSCAN.fit}: reported every few thousand rows of each phase. */
export interface DBSCANProgress {
  /** `'index'` (spatial index built), `'core'` (finding core samples) or `'expand'` (growing clusters). */
  readonly phase: 'index' | 'core' | 'expand';
  /** Rows done in this phase … */
  readonly done: number;
  /** … out of this many. */
  readonly total: number;
}

/** The spatial indexes DBSCAN chooses between (reported as `model.stats.index`). */
export type SpatialIndexKind = 'grid' | 'kd-tree';
