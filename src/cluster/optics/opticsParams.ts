import { describeValue } from '../../core/describeValue';
import { check, ParamKit, type Check } from '../../core/params';
import { SegmentkitError } from '../../core/SegmentkitError';

/** Distances {@link OPTICS} accepts: `'euclidean'` (scikit-learn's default Minkowski p = 2) or `'manhattan'`. */
export type OPTICSMetric = 'euclidean' | 'manhattan';

/** Hyper-parameters of {@link OPTICS} (scikit-learn's, camelCased). */
export interface OPTICSParams {
  /**
   * Rows (the row itself included) within whose distance a row is core: its core distance is the distance to
   * its `minSamples`-th nearest row. An integer ≥ 2, or a fraction in (0, 1) of the rows (then
   * max(2, ⌊minSamples × n⌋), as scikit-learn). Default 5.
   */
  readonly minSamples?: number;
  /** Largest neighbourhood radius searched (≥ 0, `Infinity` allowed); smaller is faster. Default `Infinity`. */
  readonly maxEps?: number;
  /** `'euclidean'` (default) or `'manhattan'` (sum of absolute differences). */
  readonly metric?: OPTICSMetric;
  /** How `labels` are extracted from the reachability plot: `'xi'` (default, steep areas) or `'dbscan'` (a cut at `eps`). */
  readonly clusterMethod?: 'xi' | 'dbscan';
  /** Minimum steepness, in [0, 1), of a cluster boundary in the reachability plot (method `'xi'`). Default 0.05. */
  readonly xi?: number;
  /** The cut for method `'dbscan'` (finite, ≥ 0, at most `maxEps`). Default: `maxEps`. */
  readonly eps?: number;
  /** Correct the xi clusters with the predecessors (Schubert & Gertz 2018), as scikit-learn. Default `true`. */
  readonly predecessorCorrection?: boolean;
  /**
   * Fewest rows in an xi cluster: an integer ≥ 2 or a fraction in (0, 1) of the rows (then
   * max(2, ⌊minClusterSize × n⌋)). Default `null`: `minSamples`.
   */
  readonly minClusterSize?: number | null;
}

type Defaults = 'minSamples' | 'maxEps' | 'metric' | 'clusterMethod' | 'xi' | 'predecessorCorrection' | 'minClusterSize';

/** @internal An integer ≥ 2 or a fraction strictly between 0 and 1. */
export const countOrFraction: Check<number> = (value, context, name) => {
  if (typeof value === 'number' && Number.isFinite(value) && ((Number.isInteger(value) && value >= 2) || (value > 0 && value < 1)))
    return value;
  throw new SegmentkitError(
    'E_PARAM',
    `${context}: ${name} must be an integer ≥ 2 or a fraction of the rows in (0, 1), got ${describeValue(value)}`,
  );
};

/** @internal A number ≥ 0, `Infinity` allowed. */
export const radiusOrInfinity: Check<number> = (value, context, name) => {
  if (typeof value === 'number' && !Number.isNaN(value) && value >= 0) return value;
  throw new SegmentkitError('E_PARAM', `${context}: ${name} must be a number ≥ 0 (Infinity allowed), got ${describeValue(value)}`);
};

const xiCheck: Check<number> = (value, context, name) => {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 1) return value;
  throw new SegmentkitError('E_PARAM', `${context}: ${name} must be a number in [0, 1), got ${describeValue(value)}`);
};

/** @internal The spec of {@link OPTICSParams}. */
export const OPTICS_PARAMS: ParamKit<OPTICSParams, Defaults> = /* @__PURE__ */ new ParamKit<OPTICSParams, Defaults>(
  'OPTICS',
  () => ({
    minSamples: { doc: 'rows (itself included) that make a row core; an integer ≥ 2 or a fraction', check: countOrFraction, default: 5 },
    maxEps: { doc: 'largest neighbourhood radius searched', check: radiusOrInfinity, default: Number.POSITIVE_INFINITY },
    metric: {
      doc: "distance: 'euclidean' or 'manhattan'",
      check: /* @__PURE__ */ check.oneOf(['euclidean', 'manhattan']),
      default: 'euclidean',
    },
    clusterMethod: { doc: "label extraction: 'xi' or 'dbscan'", check: /* @__PURE__ */ check.oneOf(['xi', 'dbscan']), default: 'xi' },
    xi: { doc: 'minimum steepness of a cluster boundary', check: xiCheck, default: 0.05 },
    eps: { doc: "the cut of clusterMethod 'dbscan' (default maxEps)", check: /* @__PURE__ */ check.number({ min: 0 }) },
    predecessorCorrection: { doc: 'correct xi clusters with the predecessors', check: check.boolean, default: true },
    minClusterSize: {
      doc: 'fewest rows in an xi cluster; an integer ≥ 2, a fraction, or null for minSamples',
      check: (value, context, name) => (value === null ? null : countOrFraction(value, context, name)),
      default: null,
    },
  }),
  (params, owner) => {
    if (params.eps !== undefined && params.maxEps !== undefined && params.eps > params.maxEps) {
      throw new SegmentkitError(
        'E_PARAM',
        `${owner}: eps (${params.eps}) must be at most maxEps (${params.maxEps}); raise maxEps or lower eps`,
      );
    }
  },
);

/** Progress of {@link OPTICS.fit}: reported every few thousand rows of each phase. */
export interface OPTICSProgress {
  /** `'index'` (spatial index built), `'core'` (core distances) or `'order'` (the reachability ordering). */
  readonly phase: 'index' | 'core' | 'order';
  /** Rows done in this phase … */
  readonly done: number;
  /** … out of this many. */
  readonly total: number;
}

/** @internal `minSamples` / `minClusterSize` as a count for `n` rows (scikit-learn's rule for fractions). */
export function resolveCount(value: number, n: number): number {
  return value < 1 ? Math.max(2, Math.trunc(value * n)) : value;
}
