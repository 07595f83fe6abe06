import { createRng, type Seed } from '../../core/createRng';
import { formatNumber, htmlSummary } from '../../core/display';
import { FittedModel } from '../../core/FittedModel';
import type { Matrix, MatrixLike } from '../../core/Matrix';
import { checkModel, readModelHeader, readNumber, readNumberTable, readObject, readString } from '../../core/modelJson';
import { largestMagnitude, rescaleExponent, SAFE_EXPONENT, scaleDown } from '../../core/powerOfTwoScale';
import { SegmentkitError } from '../../core/SegmentkitError';
import { nearestRows } from './exactNeighbors';
import { fitCurve, type UMAPCurve } from './fitCurve';
import { membershipStrengths, smoothKnnDist } from './fuzzySimplicialSet';
import { layoutEdges, optimizeLayout, pruneGraph } from './optimizeLayout';
import { metricMode, metricRows, trueDistance, type MetricRows } from './umapDistances';
import { EXACT_NEIGHBORS_MAX_ROWS, resolveEpochs, transformEpochs, UMAP_PARAMS, type UMAPFittedParams } from './umapParams';

/** What {@link UMAP.fit} built on the way to the embedding. */
export interface UMAPFitStats {
  /** How the k-nearest-neighbour graph was found: `'exact'` (brute force, below 4096 rows) or `'nnDescent'`. */
  readonly neighbors: 'exact' | 'nnDescent';
  /** Stored entries (both directions) of the fuzzy graph the layout sampled. */
  readonly nEdges: number;
  /**
   * Connected components of that graph. Above 1, the groups share no neighbours: their positions relative to
   * each other come from their centroids, not from the optimisation, so read nothing into the gaps between them.
   */
  readonly nGraphComponents: number;
}

/**
 * The JSON form of a {@link UMAPModel} (`kind: 'UMAPModel'`, `version: 1`). It holds the training rows (for
 * transform), so it grows with n × (nFeatures + nComponents).
 */
export interface UMAPModelJSON {
  /** Always `'UMAPModel'`. */
  readonly kind: 'UMAPModel';
  /** Format version. */
  readonly version: 1;
  /** Resolved hyper-parameters. */
  readonly params: UMAPFittedParams;
  /** Number of features. */
  readonly nFeatures: number;
  /** Layout epochs run. */
  readonly nEpochs: number;
  /** The curve's `a` (from minDist and spread). */
  readonly a: number;
  /** The curve's `b`. */
  readonly b: number;
  /** The training rows, n × nFeatures. */
  readonly data: number[][];
  /** Their embedding, n × nComponents. */
  readonly embedding: number[][];
  /** What the fit built. */
  readonly stats: UMAPFitStats;
}

const KIND = 'UMAPModel';
const CONTEXT = 'UMAPModel.fromJSON';
/** New rows beyond 2^(SAFE_EXPONENT + 100) of the training scale would overflow a squared distance. */
const TRANSFORM_MAX_MAGNITUDE = 2 ** (SAFE_EXPONENT + 100);

/** The negative-sampling seeds of a transform: fixed by the model's seed, so a transform is deterministic. */
function transformSeeds(seed: Seed): [number, number, number] {
  const rng = createRng(`UMAPModel.transform ${String(seed)}`);
  return [rng.nextSeed(), rng.nextSeed(), rng.nextSeed()];
}

/**
 * A fitted UMAP embedding (immutable), from {@link UMAP.fit}: `embedding` holds the training rows' coordinates;
 * {@link UMAPModel.transform} places new rows among them. The model keeps the training rows (transform searches
 * their neighbours), so it and its JSON grow with the data.
 *
 * @example
 * const X = [[0, 0], [0, 1], [1, 0], [1, 1], [10, 10], [10, 11], [11, 10], [11, 11], [10.5, 10.5]];
 * const model = new UMAP({ nNeighbors: 3 }).fit(X);
 * [model.nSamples, model.nEpochs, model.stats.neighbors]; // => [9, 500, 'exact']
 */
export class UMAPModel extends FittedModel {
  /** The embedding of the training rows, nSamples × nComponents (row i is row i of the training data). */
  readonly embedding: Matrix;
  /** Number of training rows. */
  readonly nSamples: number;
  /** Dimensions of the embedding. */
  readonly nComponents: number;
  /** Layout epochs run (the rule's value when `params.nEpochs` is `null`). */
  readonly nEpochs: number;
  /** The curve's `a`: embedded rows at distance d have membership 1 / (1 + a d^(2b)). */
  readonly a: number;
  /** The curve's `b`. */
  readonly b: number;
  /** Resolved hyper-parameters. */
  readonly params: UMAPFittedParams;
  /** What the fit built. */
  readonly stats: UMAPFitStats;
  readonly #data: Float64Array;
  readonly #exponent: number;
  readonly #rows: MetricRows;

  /** @internal Use {@link UMAP.fit} or {@link UMAPModel.fromJSON}. */
  constructor(fields: {
    data: Float64Array;
    embedding: Float64Array;
    nFeatures: number;
    nEpochs: number;
    curve: UMAPCurve;
    params: UMAPFittedParams;
    stats: UMAPFitStats;
  }) {
    super(KIND, fields.nFeatures);
    const d = fields.nFeatures;
    const n = fields.data.length / d;
    this.#data = fields.data;
    this.#exponent = rescaleExponent(largestMagnitude(fields.data));
    this.#rows = metricRows(scaleDown(fields.data, this.#exponent), n, d, metricMode(fields.params.metric));
    this.nSamples = n;
    this.nComponents = fields.params.nComponents;
    this.embedding = Object.freeze({ data: fields.embedding, rows: n, cols: fields.params.nComponents });
    this.nEpochs = fields.nEpochs;
    this.a = fields.curve.a;
    this.b = fields.curve.b;
    this.params = Object.freeze({ ...fields.params });
    this.stats = Object.freeze({ ...fields.stats });
    Object.freeze(this);
  }

  /**
   * Place new rows in the embedding, as umap-learn's `transform`: each new row's `nNeighbors` nearest training
   * rows (an exact search, O(n · d) per row), their fuzzy memberships (σ and ρ as in the fit, with
   * localConnectivity − 1), a start at the membership-weighted mean of those neighbours' positions, then a short
   * layout (a third of the fit's epochs; 100, or 30 above 10 000 new rows, by default) at a quarter of the
   * learning rate, with the training embedding held fixed. New rows do not move each other or the training rows.
   * Deterministic: the same rows give the same positions.
   *
   * @returns rows × nComponents
   * @throws {@link SegmentkitError} `E_SHAPE` for a wrong column count, `E_NOT_FINITE` for NaN/±Infinity, `E_DOMAIN`
   *   for rows so far from the training rows that their distances overflow.
   * @example
   * const X = [[0, 0], [0, 1], [1, 0], [1, 1], [10, 10], [10, 11], [11, 10], [11, 11], [10.5, 10.5]];
   * const model = new UMAP({ nNeighbors: 3 }).fit(X);
   * const p = model.transform([[10.2, 10.4]]).data;
   * const e = model.embedding.data;
   * const gap = (i: number) => Math.hypot(p[0]! - e[2 * i]!, p[1]! - e[2 * i + 1]!);
   * gap(8) < gap(0); // => true (it lands by the second group, not the first)
   */
  transform(X: MatrixLike): Matrix {
    const context = `${KIND}.transform`;
    const m = this.rowsFor(X, 'transform');
    const { rows: count, cols: d } = m;
    const k = this.params.nNeighbors;
    const dim = this.nComponents;
    const scaled = scaleDown(m.data, this.#exponent);
    if (largestMagnitude(scaled) > TRANSFORM_MAX_MAGNITUDE) {
      throw new SegmentkitError(
        'E_DOMAIN',
        `${context}: X holds values so far beyond the training rows' range that distances overflow; rescale X as the training rows were`,
      );
    }
    const query = metricRows(scaled, count, d, this.#rows.mode);
    const indices = new Int32Array(count * k);
    const distances = new Float64Array(count * k);
    for (let i = 0; i < count; i++) {
      nearestRows(query, i, this.#rows, k, -1, indices, distances, i * k);
      for (let e = i * k; e < (i + 1) * k; e++) distances[e] = trueDistance(this.#rows.mode, distances[e]!);
    }
    const smooth = smoothKnnDist(distances, count, k, Math.max(0, this.params.localConnectivity - 1));
    const memberships = membershipStrengths(indices, distances, smooth, count, k, false);
    // the start: the membership-weighted mean of the neighbours' positions (uniform when every weight is 0)
    const embedding = this.embedding.data;
    const out = new Float64Array(count * dim);
    for (let i = 0; i < count; i++) {
      let total = 0;
      for (let e = i * k; e < (i + 1) * k; e++) total += memberships[e]!;
      for (let e = i * k; e < (i + 1) * k; e++) {
        const w = total > 0 ? memberships[e]! / total : 1 / k;
        const at = indices[e]! * dim;
        for (let c = 0; c < dim; c++) out[i * dim + c] = out[i * dim + c]! + w * embedding[at + c]!;
      }
    }
    const nEpochs = transformEpochs(this.params.nEpochs, count);
    const rowStart = new Int32Array(count + 1);
    for (let i = 0; i <= count; i++) rowStart[i] = i * k;
    const graph = pruneGraph({ n: count, m: this.nSamples, rowStart, columns: indices, values: memberships }, nEpochs);
    optimizeLayout(
      out,
      embedding,
      this.nSamples,
      layoutEdges(graph, nEpochs),
      {
        dim,
        curve: { a: this.a, b: this.b },
        gamma: this.params.repulsionStrength,
        initialAlpha: this.params.learningRate / 4,
        negativeSampleRate: this.params.negativeSampleRate,
        nEpochs,
        moveOther: false,
      },
      transformSeeds(this.params.seed),
      context,
      undefined,
      undefined,
    );
    for (let e = 0; e < out.length; e++) {
      if (!Number.isFinite(out[e]!)) {
        throw new SegmentkitError(
          'E_DOMAIN',
          `${context}: a position became ${out[e]}; the model's embedding holds coordinates too large to compute with (was it edited?)`,
        );
      }
    }
    return { data: out, rows: count, cols: dim };
  }

  /** @internal */
  protected summaryLine(): string {
    return `UMAPModel { ${this.#facts()
      .map(([key, value]) => `${key}: ${value}`)
      .join(', ')} }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    const { data, rows, cols } = this.embedding;
    const table = Array.from({ length: cols }, (_, c) => {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < rows; i++) {
        const v = data[i * cols + c]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      return [String(c), formatNumber(lo), formatNumber(hi)];
    });
    return htmlSummary('UMAPModel', this.#facts(), { header: ['component', 'min', 'max'], rows: table });
  }

  #facts(): [string, string][] {
    const { params, stats } = this;
    return [
      ['rows', String(this.nSamples)],
      ['nFeatures', String(this.nFeatures)],
      ['nComponents', String(this.nComponents)],
      ['nNeighbors', String(params.nNeighbors)],
      ['minDist', formatNumber(params.minDist)],
      ['metric', params.metric],
      ['nEpochs', String(this.nEpochs)],
      ['neighbors', stats.neighbors],
      ['graphComponents', String(stats.nGraphComponents)],
    ];
  }

  /**
   * The model as plain JSON: the parameters, the curve, the training rows and their embedding (everything
   * transform needs; it grows with the data).
   *
   * @example
   * const model = new UMAP({ nNeighbors: 2, nEpochs: 20 }).fit([[0], [1], [2], [10], [11], [12]]);
   * [model.toJSON().kind, model.toJSON().data.length]; // => ['UMAPModel', 6]
   */
  toJSON(): UMAPModelJSON {
    const d = this.nFeatures;
    const dim = this.nComponents;
    const n = this.nSamples;
    return {
      kind: KIND,
      version: 1,
      params: { ...this.params },
      nFeatures: d,
      nEpochs: this.nEpochs,
      a: this.a,
      b: this.b,
      data: Array.from({ length: n }, (_, i) => Array.from(this.#data.subarray(i * d, (i + 1) * d))),
      embedding: Array.from({ length: n }, (_, i) => Array.from(this.embedding.data.subarray(i * dim, (i + 1) * dim))),
      stats: { ...this.stats },
    };
  }

  /**
   * Rebuild a model from {@link UMAPModel.toJSON} output, validating every field: the parameters (ranges,
   * minDist ≤ spread, nNeighbors below the number of rows), the training rows and the embedding (finite, of the
   * right shapes), nEpochs and the curve's a and b equal to what the parameters give, and the statistics.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the first malformed field.
   * @example
   * const model = new UMAP({ nNeighbors: 2, nEpochs: 20 }).fit([[0], [1], [2], [10], [11], [12]]);
   * UMAPModel.fromJSON(JSON.parse(JSON.stringify(model))).embedding.rows; // => 6
   */
  static fromJSON(json: unknown): UMAPModel {
    const object = readModelHeader(json, KIND, 1);
    const params = UMAP_PARAMS.readFitted<UMAPFittedParams>(readObject(object, 'params', CONTEXT), CONTEXT);
    checkModel(
      params.minDist <= params.spread,
      CONTEXT,
      `params.minDist (${params.minDist}) must be at most params.spread (${params.spread})`,
    );
    const d = readNumber(object, 'nFeatures', CONTEXT, { min: 1, integer: true });
    const rows = readNumberTable(object, 'data', CONTEXT, undefined, d);
    const n = rows.length;
    checkModel(params.nNeighbors < n, CONTEXT, `params.nNeighbors (${params.nNeighbors}) must be below the number of training rows (${n})`);
    const embedding = readNumberTable(object, 'embedding', CONTEXT, n, params.nComponents);
    const nEpochs = readNumber(object, 'nEpochs', CONTEXT, { min: 1, integer: true });
    checkModel(
      nEpochs === resolveEpochs(params.nEpochs, n),
      CONTEXT,
      `nEpochs must be ${resolveEpochs(params.nEpochs, n)} for params.nEpochs ${params.nEpochs} and ${n} rows, got ${nEpochs}`,
    );
    const curve = fitCurve(params.minDist, params.spread);
    for (const key of ['a', 'b'] as const) {
      const value = readNumber(object, key, CONTEXT);
      checkModel(
        value === curve[key],
        CONTEXT,
        `${key} must be ${curve[key]} (the curve of params.minDist and params.spread), got ${value}`,
      );
    }
    const stats = readObject(object, 'stats', CONTEXT);
    // named with their path in the messages
    const field = (key: string) => ({ [`stats.${key}`]: stats[key] });
    const neighbors = readString(field('neighbors'), 'stats.neighbors', CONTEXT, ['exact', 'nnDescent'] as const);
    const expected = n < EXACT_NEIGHBORS_MAX_ROWS ? 'exact' : 'nnDescent';
    checkModel(neighbors === expected, CONTEXT, `stats.neighbors must be '${expected}' for ${n} rows, got '${neighbors}'`);
    const nEdges = readNumber(field('nEdges'), 'stats.nEdges', CONTEXT, { min: 0, integer: true });
    checkModel(
      nEdges <= 2 * n * (params.nNeighbors - 1),
      CONTEXT,
      `stats.nEdges must be at most 2 n (nNeighbors − 1) = ${2 * n * (params.nNeighbors - 1)}`,
    );
    const nGraphComponents = readNumber(field('nGraphComponents'), 'stats.nGraphComponents', CONTEXT, { min: 1, integer: true });
    checkModel(nGraphComponents <= n, CONTEXT, `stats.nGraphComponents must be at most the number of rows (${n})`);
    return new UMAPModel({
      data: Float64Array.from(rows.flat()),
      embedding: Float64Array.from(embedding.flat()),
      nFeatures: d,
      nEpochs,
      curve,
      params,
      stats: { neighbors, nEdges, nGraphComponents },
    });
  }
}
