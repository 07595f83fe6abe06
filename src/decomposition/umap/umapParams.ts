import type { Seed } from '../../core/createRng';
import { describeValue } from '../../core/describeValue';
import { check, ParamKit, type Check } from '../../core/params';
import { SegmentkitError } from '../../core/SegmentkitError';
import { MAX_BUCKETS } from '../../core/sizeLimits';

/**
 * Distances {@link UMAP} measures neighbourhoods with: `'euclidean'` (default), `'manhattan'` (sum of absolute
 * differences) or `'cosine'` (1 − cosine similarity; a row of zeros is at distance 1 from every other row and 0
 * from another row of zeros, as umap-learn).
 */
export type UMAPMetric = 'euclidean' | 'manhattan' | 'cosine';

/** How {@link UMAP} places the rows before the layout is optimised: `'spectral'` (default) or `'random'`. */
export type UMAPInit = 'spectral' | 'random';

/** Hyper-parameters of {@link UMAP} (umap-learn's, camelCased). */
export interface UMAPParams {
  /**
   * Size of the neighbourhood each row sees, the row itself counted (umap-learn's `n_neighbors`): small values
   * keep fine local detail, large ones more of the global shape. An integer ≥ 2 and below the number of rows.
   * Default 15.
   */
  readonly nNeighbors?: number;
  /**
   * How tightly rows may be packed in the embedding (the smallest distance of the target curve): small values
   * give dense, clumped segments, large ones an even spread. In [0, `spread`]. Default 0.1.
   */
  readonly minDist?: number;
  /** The scale of the embedded points, with `minDist` (the curve's `a` and `b` come from both). In [0.001, 1000]. Default 1. */
  readonly spread?: number;
  /** Dimensions of the embedding: 2 to plot, more as input to clustering. An integer in [1, 100]. Default 2. */
  readonly nComponents?: number;
  /** Distance between rows. Default `'euclidean'`. */
  readonly metric?: UMAPMetric;
  /**
   * Passes of the layout optimisation. Default `null`: umap-learn's rule, 500 up to 10 000 rows and 200 above.
   * An integer in [1, 100 000].
   */
  readonly nEpochs?: number | null;
  /** Initial step size of the layout optimisation (it decays linearly to 0). In (0, 1000]. Default 1. */
  readonly learningRate?: number;
  /** Random non-neighbours pushed away per neighbour pulled close. An integer in [0, 100]. Default 5. */
  readonly negativeSampleRate?: number;
  /** Weight of the push between non-neighbours against the pull between neighbours. In [0, 1000]. Default 1. */
  readonly repulsionStrength?: number;
  /**
   * How many nearest neighbours of each row are taken as fully connected (the ρ of the paper, may be a
   * fraction). In [0, 1000]. Default 1.
   */
  readonly localConnectivity?: number;
  /**
   * How the two directed neighbourhood graphs are combined: 1 (default) their fuzzy union, 0 their fuzzy
   * intersection, in between a mix. In [0, 1].
   */
  readonly setOpMixRatio?: number;
  /** Starting positions: `'spectral'` (eigenvectors of the graph Laplacian, default) or `'random'` (uniform). */
  readonly init?: UMAPInit;
  /** Random seed (neighbour search, initial positions, negative samples). Default 42: the default is deterministic. */
  readonly seed?: Seed;
}

/** How a {@link UMAPModel} was fitted: every hyper-parameter with its default filled in. */
export interface UMAPFittedParams {
  /** Neighbourhood size, the row itself counted. */
  readonly nNeighbors: number;
  /** Smallest distance of the target curve. */
  readonly minDist: number;
  /** Scale of the target curve. */
  readonly spread: number;
  /** Dimensions of the embedding. */
  readonly nComponents: number;
  /** Distance between rows. */
  readonly metric: UMAPMetric;
  /** Layout passes as given; `null` for umap-learn's rule (the number run is `model.nEpochs`). */
  readonly nEpochs: number | null;
  /** Initial step size. */
  readonly learningRate: number;
  /** Non-neighbours pushed per neighbour pulled. */
  readonly negativeSampleRate: number;
  /** Weight of the push between non-neighbours. */
  readonly repulsionStrength: number;
  /** Neighbours taken as fully connected. */
  readonly localConnectivity: number;
  /** Fuzzy union (1) to intersection (0). */
  readonly setOpMixRatio: number;
  /** Starting positions. */
  readonly init: UMAPInit;
  /** The seed every random step used. */
  readonly seed: Seed;
}

/** Progress of {@link UMAP.fit}, reported to `onProgress`. */
export interface UMAPProgress {
  /**
   * `'neighbors'`: the k-nearest-neighbour graph (done/total: rows for the exact search, iterations for
   * nearest-neighbour descent); `'graph'`: the fuzzy simplicial set (rows); `'init'`: the starting positions;
   * `'layout'`: the optimisation (done/total: epochs).
   */
  readonly phase: 'neighbors' | 'graph' | 'init' | 'layout';
  /** Units done in this phase (epochs in `'layout'`) … */
  readonly done: number;
  /** … out of this many. */
  readonly total: number;
}

type Defaults =
  | 'nNeighbors'
  | 'minDist'
  | 'spread'
  | 'nComponents'
  | 'metric'
  | 'nEpochs'
  | 'learningRate'
  | 'negativeSampleRate'
  | 'repulsionStrength'
  | 'localConnectivity'
  | 'setOpMixRatio'
  | 'init'
  | 'seed';

/** @internal Default `minDist` (also read by the cross-check, which sees only the given parameters). */
export const DEFAULT_MIN_DIST = 0.1;
/** @internal Default `spread`. */
export const DEFAULT_SPREAD = 1;
/** @internal Default `seed`: a fixed number, so that a default fit is deterministic. */
export const DEFAULT_SEED = 42;
/** @internal The most layout epochs. */
export const MAX_EPOCHS = 100_000;

/** @internal `nEpochs`: `null` (umap-learn's rule) or an integer in [1, MAX_EPOCHS]. */
export const epochsCheck: Check<number | null> = (value, context, name) => {
  if (value === null) return null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_EPOCHS) return value;
  throw new SegmentkitError(
    'E_PARAM',
    `${context}: ${name} must be null (umap-learn's rule) or an integer in [1, ${MAX_EPOCHS}], got ${describeValue(value)}`,
  );
};

/** @internal The spec of {@link UMAPParams}. */
export const UMAP_PARAMS: ParamKit<UMAPParams, Defaults> = /* @__PURE__ */ new ParamKit<UMAPParams, Defaults>(
  'UMAP',
  () => ({
    nNeighbors: {
      doc: 'neighbourhood size, the row itself counted (below the number of rows)',
      check: /* @__PURE__ */ check.integer({ min: 2, max: MAX_BUCKETS }),
      default: 15,
    },
    minDist: {
      doc: 'smallest distance of the target curve, in [0, spread]',
      check: /* @__PURE__ */ check.number({ min: 0 }),
      default: DEFAULT_MIN_DIST,
    },
    spread: {
      doc: 'scale of the target curve',
      check: /* @__PURE__ */ check.number({ min: 0.001, max: 1000 }),
      default: DEFAULT_SPREAD,
    },
    nComponents: { doc: 'dimensions of the embedding', check: /* @__PURE__ */ check.integer({ min: 1, max: 100 }), default: 2 },
    metric: {
      doc: "distance: 'euclidean', 'manhattan' or 'cosine'",
      check: /* @__PURE__ */ check.oneOf(['euclidean', 'manhattan', 'cosine']),
      default: 'euclidean',
    },
    nEpochs: { doc: "layout epochs, or null for umap-learn's rule (500 up to 10 000 rows, else 200)", check: epochsCheck, default: null },
    learningRate: {
      doc: 'initial step size of the layout',
      check: /* @__PURE__ */ check.number({ min: 0, exclusiveMin: true, max: 1000 }),
      default: 1,
    },
    negativeSampleRate: {
      doc: 'non-neighbours pushed per neighbour pulled',
      check: /* @__PURE__ */ check.integer({ min: 0, max: 100 }),
      default: 5,
    },
    repulsionStrength: {
      doc: 'weight of the push between non-neighbours',
      check: /* @__PURE__ */ check.number({ min: 0, max: 1000 }),
      default: 1,
    },
    localConnectivity: {
      doc: 'nearest neighbours taken as fully connected',
      check: /* @__PURE__ */ check.number({ min: 0, max: 1000 }),
      default: 1,
    },
    setOpMixRatio: {
      doc: 'fuzzy union (1) to fuzzy intersection (0)',
      check: /* @__PURE__ */ check.number({ min: 0, max: 1 }),
      default: 1,
    },
    init: {
      doc: "starting positions: 'spectral' or 'random'",
      check: /* @__PURE__ */ check.oneOf(['spectral', 'random']),
      default: 'spectral',
    },
    seed: {
      doc: 'random seed of the neighbour search, the initial positions and the negative samples',
      check: check.seed,
      default: DEFAULT_SEED,
    },
  }),
  (params, owner) => {
    const minDist = params.minDist ?? DEFAULT_MIN_DIST;
    const spread = params.spread ?? DEFAULT_SPREAD;
    if (minDist > spread) {
      throw new SegmentkitError(
        'E_PARAM',
        `${owner}: minDist (${minDist}) must be at most spread (${spread}); lower minDist or raise spread`,
      );
    }
  },
);

/** @internal Fewer rows than this: exact neighbours by brute force (umap-learn's rule); from it on: nearest-neighbour descent. */
export const EXACT_NEIGHBORS_MAX_ROWS = 4096;

/** @internal The epochs of a fit on `n` rows: as given, or umap-learn's rule (500 up to 10 000 rows, else 200). */
export function resolveEpochs(nEpochs: number | null, n: number): number {
  return nEpochs ?? (n <= 10_000 ? 500 : 200);
}

/** @internal The epochs of a transform of `m` new rows: a third of the fit's, or umap-learn's rule (100 up to 10 000 rows, else 30). */
export function transformEpochs(nEpochs: number | null, m: number): number {
  return nEpochs === null ? (m <= 10_000 ? 100 : 30) : Math.max(1, Math.floor(nEpochs / 3));
}
