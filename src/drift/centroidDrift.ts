import { attachDisplay, formatCell } from '../core/attachDisplay';
import { htmlSummary } from '../core/display';
import { toMatrix, type Matrix, type MatrixLike } from '../core/Matrix';
import { SegmentkitError } from '../core/SegmentkitError';
import { toVector } from '../core/toVector';
import { assertKnownOptions, requireNumber } from '../core/validateOptions';

/**
 * Any fitted centroid model {@link centroidDrift} can read: centroids and a nearest-centroid `predict`
 * ({@link KMeansModel}, {@link MiniBatchKMeansModel}, or your own).
 */
export interface CentroidModelLike {
  /** One centre per segment (k × d). */
  readonly centroids: ReadonlyArray<ArrayLike<number>>;
  /** The segment of each row, 0 … k − 1. */
  predict(X: MatrixLike): ArrayLike<number>;
}

/** Options for {@link centroidDrift}: the reference spread comes from `reference` rows or is given as `spreads`. */
export interface CentroidDriftOptions {
  /** Reference rows (e.g. the training data): each segment's spread is the RMS distance of its rows to its centroid. */
  readonly reference?: MatrixLike;
  /** Each segment's spread, precomputed (instead of `reference`). */
  readonly spreads?: ArrayLike<number>;
  /** A segment drifts when its centre moved by at least this many spreads. Default 0.25. */
  readonly threshold?: number;
  /**
   * The fitted {@link featurePipeline} that made the model's features: each segment then also reports its centroid,
   * current centre and their difference in the data's own units (days, purchases, money) in `inUnits`.
   */
  readonly pipeline?: PipelineLike;
}

/** What {@link centroidDrift} needs of a fitted pipeline: centres back in original units. */
export interface PipelineLike {
  /** Rows of model features back in the data's own units, one record per row. */
  inverseTransformCentroids(centroids: MatrixLike): Record<string, number | string | boolean | null>[];
}

/** A segment's centre in the data's own units (see {@link CentroidDriftOptions.pipeline}). */
export interface CentroidShiftInUnits {
  /** The fitted centroid, in original units. */
  readonly centroid: Record<string, number | string | boolean | null>;
  /** The current centre, in original units. */
  readonly current: Record<string, number | string | boolean | null>;
  /** current − centroid for every numeric column (categorical columns are left out). */
  readonly change: Record<string, number>;
}

/** How one segment's centre moved. */
export interface SegmentCentroidDrift {
  /** Segment index (row of `model.centroids`). */
  readonly segment: number;
  /** Reference rows assigned to the segment (`null` when `spreads` were given). */
  readonly referenceCount: number | null;
  /** Current rows assigned to the segment. */
  readonly currentCount: number;
  /** Reference spread: RMS distance of the segment's reference rows to its centroid. */
  readonly spread: number;
  /** Mean of the current rows assigned to the segment (`null` if none). */
  readonly currentCentre: number[] | null;
  /** Euclidean distance from the centroid to the current centre (`null` if no current rows). */
  readonly shift: number | null;
  /** shift / spread: how far the centre moved in units of the segment's own spread (`null` if no current rows). */
  readonly relativeShift: number | null;
  /** RMS distance of the current rows to the centroid, over `spread`: above 1 the segment got looser. */
  readonly spreadRatio: number | null;
  /** 1/√currentCount: the relative shift expected from sampling noise alone; read `relativeShift` against it. */
  readonly noise: number | null;
  /** relativeShift ≥ threshold. */
  readonly drifted: boolean;
  /** With `pipeline`: the centroid, the current centre and the change in original units (`null` otherwise or without current rows). */
  readonly inUnits: CentroidShiftInUnits | null;
}

/** Result of {@link centroidDrift}. */
export interface CentroidDriftResult {
  /** One entry per segment. */
  readonly segments: readonly SegmentCentroidDrift[];
  /** Largest relative shift (0 when no segment has current rows). */
  readonly maxRelativeShift: number;
  /** Segments that drifted. */
  readonly nDrifted: number;
  /** The threshold used. */
  readonly threshold: number;
}

/** Sum of squared distances of each segment's rows to its centroid, and the row counts. */
function segmentMoments(
  m: Matrix,
  labels: ArrayLike<number>,
  centroids: Float64Array,
  k: number,
  context: string,
): { counts: number[]; squares: number[]; sums: Float64Array } {
  const d = m.cols;
  const counts = new Array<number>(k).fill(0);
  const squares = new Array<number>(k).fill(0);
  const sums = new Float64Array(k * d);
  for (let i = 0; i < m.rows; i++) {
    const label = labels[i]!;
    if (!(Number.isInteger(label) && label >= 0 && label < k)) {
      throw new SegmentkitError('E_LABELS', `${context}: model.predict returned ${label} for row ${i}; expected a segment in 0 … ${k - 1}`);
    }
    counts[label]!++;
    let squared = 0;
    for (let j = 0; j < d; j++) {
      const x = m.data[i * d + j]!;
      const diff = x - centroids[label * d + j]!;
      squared += diff * diff;
      sums[label * d + j]! += x;
    }
    squares[label]! += squared;
  }
  return { counts, squares, sums };
}

function inUnits(pipeline: PipelineLike, centroid: Float64Array, centre: number[]): CentroidShiftInUnits {
  const [before, after] = pipeline.inverseTransformCentroids([Array.from(centroid), centre]) as [
    CentroidShiftInUnits['centroid'],
    CentroidShiftInUnits['current'],
  ];
  const change: Record<string, number> = {};
  for (const key of Object.keys(before)) {
    const a = before[key];
    const b = after[key];
    if (typeof a === 'number' && typeof b === 'number')
      Object.defineProperty(change, key, { value: b - a, enumerable: true, writable: true, configurable: true });
  }
  return { centroid: before, current: after, change };
}

/**
 * How far each segment's centre has moved, in units of its own spread. Current rows are assigned with
 * `model.predict`; each segment's current centre is the mean of its rows, and its shift is the Euclidean distance
 * from the fitted centroid, divided by the segment's reference spread (the RMS distance of its reference rows to
 * the centroid, from `options.reference` or given as `options.spreads`). A relative shift of 0.25 means the centre
 * moved a quarter of a typical member's distance: the segment's profile has changed even if its size has not
 * (see {@link segmentDrift} for sizes). Rows must be in the model's feature space (transform them first); with
 * the fitted `pipeline`, every segment also reports the move in the data's own units (`inUnits`).
 *
 * @param model - a fitted centroid model ({@link KMeansModel}, {@link MiniBatchKMeansModel}, …)
 * @param current - current rows (n × d, same features as the model)
 * @param options - `reference` rows or `spreads` (one is required), and the drift `threshold`
 * @throws {@link SegmentkitError} `E_PARAM` without `reference` or `spreads` or with bad options, `E_SHAPE` for a
 *   wrong column count or spread count, `E_NOT_FINITE` / `E_EMPTY` for bad rows, `E_LABELS` if `predict` returns a
 *   label outside 0 … k − 1.
 * @example
 * const model = kmeans([[0], [2], [10], [12]], { nClusters: 2, init: [[1], [11]] });
 * const result = centroidDrift(model, [[1.5], [2.5], [11]], { reference: [[0], [2], [10], [12]] });
 * result.segments.map((s) => s.relativeShift); // => [1, 0]
 */
export function centroidDrift(model: CentroidModelLike, current: MatrixLike, options: CentroidDriftOptions): CentroidDriftResult {
  const context = 'centroidDrift';
  if (typeof options !== 'object' || options === null) {
    throw new SegmentkitError('E_PARAM', `${context}: pass options with reference (reference rows) or spreads (each segment's spread)`);
  }
  assertKnownOptions(context, options, ['reference', 'spreads', 'threshold', 'pipeline']);
  const pipeline = options.pipeline;
  if (
    pipeline !== undefined &&
    (typeof pipeline !== 'object' || pipeline === null || typeof pipeline.inverseTransformCentroids !== 'function')
  ) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: pipeline must be the fitted feature pipeline (featurePipeline(...).fit(rows)) that made the model's features`,
    );
  }
  const threshold = requireNumber(context, 'threshold', options.threshold ?? 0.25, { min: 0 });
  if (typeof model !== 'object' || model === null || !Array.isArray(model.centroids) || typeof model.predict !== 'function') {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: model must be a fitted centroid model (with centroids and predict), e.g. a KMeansModel`,
    );
  }
  const centroidMatrix = toMatrix(model.centroids, context, { name: 'model.centroids' });
  const k = centroidMatrix.rows;
  const d = centroidMatrix.cols;
  const currentMatrix = toMatrix(current, context, { name: 'current' });
  if (currentMatrix.cols !== d) {
    throw new SegmentkitError(
      'E_SHAPE',
      `${context}: current has ${currentMatrix.cols} columns but the model has ${d} features; pass rows in the model's feature space`,
    );
  }
  let spreads: number[];
  let referenceCounts: (number | null)[];
  if (options.reference !== undefined) {
    const referenceMatrix = toMatrix(options.reference, context, { name: 'reference' });
    if (referenceMatrix.cols !== d) {
      throw new SegmentkitError('E_SHAPE', `${context}: reference has ${referenceMatrix.cols} columns but the model has ${d} features`);
    }
    const moments = segmentMoments(referenceMatrix, model.predict(referenceMatrix), centroidMatrix.data, k, context);
    spreads = moments.squares.map((s, j) => (moments.counts[j] === 0 ? NaN : Math.sqrt(s / moments.counts[j]!)));
    referenceCounts = moments.counts;
  } else if (options.spreads !== undefined) {
    const given = toVector(options.spreads, context, { name: 'spreads', length: k });
    given.forEach((s, j) => {
      if (s < 0) throw new SegmentkitError('E_PARAM', `${context}: spreads[${j}] is ${s}; spreads must be ≥ 0`);
    });
    spreads = Array.from(given);
    referenceCounts = new Array<null>(k).fill(null);
  } else {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: pass options.reference (reference rows) or options.spreads (each segment's spread) to measure shifts in units of spread`,
    );
  }
  const now = segmentMoments(currentMatrix, model.predict(currentMatrix), centroidMatrix.data, k, context);
  const segments: SegmentCentroidDrift[] = spreads.map((spread, j) => {
    const n = now.counts[j]!;
    if (n === 0) {
      return {
        segment: j,
        referenceCount: referenceCounts[j]!,
        currentCount: 0,
        spread,
        currentCentre: null,
        shift: null,
        relativeShift: null,
        spreadRatio: null,
        noise: null,
        drifted: false,
        inUnits: null,
      };
    }
    const centre = Array.from(now.sums.subarray(j * d, (j + 1) * d), (s) => s / n);
    let squared = 0;
    for (let c = 0; c < d; c++) squared += (centre[c]! - centroidMatrix.data[j * d + c]!) ** 2;
    const shift = Math.sqrt(squared);
    if (shift === Infinity || now.squares[j] === Infinity || centre.some((v) => v - v !== 0)) {
      throw new SegmentkitError(
        'E_DOMAIN',
        `${context}: segment ${j}'s current rows are so far from its centroid that the shift or spread exceeds the largest double; pass rows in the units the model was fitted on (or rescale them)`,
      );
    }
    const relative = (value: number): number | null =>
      Number.isNaN(spread) ? null : spread === 0 ? (value === 0 ? 0 : Infinity) : value / spread;
    const relativeShift = relative(shift);
    return {
      segment: j,
      referenceCount: referenceCounts[j]!,
      currentCount: n,
      spread,
      currentCentre: centre,
      shift,
      relativeShift,
      spreadRatio: relative(Math.sqrt(now.squares[j]! / n)),
      noise: 1 / Math.sqrt(n),
      drifted: relativeShift !== null && relativeShift >= threshold,
      inUnits: pipeline === undefined ? null : inUnits(pipeline, centroidMatrix.data.subarray(j * d, (j + 1) * d), centre),
    };
  });
  const shifts = segments.flatMap((s) => (s.relativeShift === null ? [] : [s.relativeShift]));
  const result: CentroidDriftResult = {
    segments,
    maxRelativeShift: shifts.reduce((max, shift) => Math.max(max, shift), 0),
    nDrifted: segments.filter((s) => s.drifted).length,
    threshold,
  };
  return attachDisplay(result, {
    line: () =>
      `centroidDrift { ${result.nDrifted} of ${segments.length} segments drifted, max relative shift ${formatCell(result.maxRelativeShift)} }`,
    html: () =>
      htmlSummary(`centroidDrift: ${result.nDrifted} of ${segments.length} segments drifted`, [['threshold', formatCell(threshold)]], {
        header: ['segment', 'customers then', 'now', 'shift', 'relative shift', 'drifted'],
        rows: segments.map((s) => [
          String(s.segment),
          formatCell(s.referenceCount),
          String(s.currentCount),
          formatCell(s.shift),
          formatCell(s.relativeShift),
          s.drifted ? 'yes' : 'no',
        ]),
      }),
  });
}
