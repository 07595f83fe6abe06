import { formatNumber, htmlSummary } from '../../core/display';
import { FittedModel } from '../../core/FittedModel';
import type { Matrix, MatrixLike } from '../../core/Matrix';
import { checkModel, readLabels, readModelHeader, readNumber, readObject, readString, type JsonObject } from '../../core/modelJson';
import { DBSCAN_PARAMS } from './dbscanParams';
import { prepareRows, radiusThreshold, type DensityMetric } from './densityMetric';
import { KDTree } from './KDTree';
import type { SpatialIndexKind } from './dbscanParams';
import { clusterSizes } from '../shared/clusterSizes';
import { requireCells } from '../../core/sizeLimits';

/** The resolved hyper-parameters of a {@link DBSCANModel}. */
export interface DBSCANFittedParams {
  /** Neighbourhood radius. */
  readonly eps: number;
  /** Neighbours (the row itself included) that make a core sample. */
  readonly minSamples: number;
  /** Distance. */
  readonly metric: DensityMetric;
  /** The index requested (`'auto'` or a specific one). */
  readonly algorithm: 'auto' | SpatialIndexKind;
}

/** Work done by a DBSCAN fit. */
export interface DBSCANFitStats {
  /** The spatial index that ran (what `'auto'` chose). */
  readonly index: SpatialIndexKind;
  /** Row–row distances computed (all pairs would be n²). */
  readonly distanceEvaluations: number;
}

/** The JSON form of a {@link DBSCANModel} (`kind: 'DBSCANModel'`, `version: 1`). */
export interface DBSCANModelJSON {
  /** Always `'DBSCANModel'`. */
  readonly kind: 'DBSCANModel';
  /** Format version. */
  readonly version: 1;
  /** Resolved hyper-parameters. */
  readonly params: DBSCANFittedParams;
  /** Number of features. */
  readonly nFeatures: number;
  /** Number of clusters. */
  readonly nClusters: number;
  /** Training labels (-1 = noise). */
  readonly labels: number[];
  /** Indices of the core samples, ascending. */
  readonly coreSampleIndices: number[];
  /** The core samples' rows (needed by `predict`). */
  readonly components: number[][];
  /** Work statistics. */
  readonly stats: DBSCANFitStats;
}

const KIND = 'DBSCANModel';
const CONTEXT = 'DBSCANModel.fromJSON';

/**
 * A fitted DBSCAN clustering (immutable): labels with noise as -1, the core samples, and `predict` for new
 * rows. Produced by {@link DBSCAN.fit}.
 *
 * @example
 * const model = new DBSCAN({ eps: 3, minSamples: 2 }).fit([[1, 2], [2, 2], [2, 3], [8, 7], [8, 8], [25, 80]]);
 * model.predict([[0, 0], [9, 8], [50, 50]]); // => Int32Array [0, 1, -1]
 */
export class DBSCANModel extends FittedModel {
  /** Cluster of each training row; -1 for noise. */
  readonly labels: Int32Array;
  /** Indices of the core samples (rows with at least `minSamples` neighbours within eps), ascending. */
  readonly coreSampleIndices: Int32Array;
  /** The core samples' rows (scikit-learn's `components_`), one per entry of `coreSampleIndices`. */
  readonly components: Matrix;
  /** Number of clusters (noise not counted). */
  readonly nClusters: number;
  /** Resolved hyper-parameters. */
  readonly params: DBSCANFittedParams;
  /** What the fit computed. */
  readonly stats: DBSCANFitStats;
  #tree: KDTree | undefined;

  /** @internal Use {@link DBSCAN.fit} or {@link DBSCANModel.fromJSON}. */
  constructor(fields: {
    labels: Int32Array;
    coreSampleIndices: Int32Array;
    components: Float64Array;
    nFeatures: number;
    nClusters: number;
    params: DBSCANFittedParams;
    stats: DBSCANFitStats;
  }) {
    super(KIND, fields.nFeatures);
    this.labels = fields.labels;
    this.coreSampleIndices = fields.coreSampleIndices;
    this.components = Object.freeze({ data: fields.components, rows: fields.coreSampleIndices.length, cols: fields.nFeatures });
    this.nClusters = fields.nClusters;
    this.params = Object.freeze({ ...fields.params });
    this.stats = Object.freeze({ ...fields.stats });
    Object.freeze(this);
  }

  /** Number of training rows labelled noise (-1). */
  get nNoise(): number {
    let count = 0;
    for (const label of this.labels) if (label < 0) count++;
    return count;
  }

  /** Number of training rows in each cluster (noise not included). */
  get clusterSizes(): number[] {
    return clusterSizes(this.labels, this.nClusters);
  }

  /** @internal */
  protected summaryLine(): string {
    return `DBSCANModel { ${this.#facts()
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}, sizes: [${this.clusterSizes.join(', ')}] }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    const n = Math.max(1, this.labels.length);
    const rows = this.clusterSizes.map((size, j) => [String(j), String(size), `${((100 * size) / n).toFixed(1)} %`]);
    rows.push(['noise', String(this.nNoise), `${((100 * this.nNoise) / n).toFixed(1)} %`]);
    return htmlSummary('DBSCANModel', this.#facts(), { header: ['cluster', 'size', 'share'], rows });
  }

  #facts(): [string, string][] {
    return [
      ['nClusters', String(this.nClusters)],
      ['noise', String(this.nNoise)],
      ['coreSamples', String(this.coreSampleIndices.length)],
      ['rows', String(this.labels.length)],
      ['eps', formatNumber(this.params.eps)],
      ['minSamples', String(this.params.minSamples)],
      ['metric', this.params.metric],
      ['index', this.stats.index],
    ];
  }

  /**
   * Label new rows: the cluster of the nearest core sample within eps (ties → the core sample with the lower
   * training index), or -1 (noise) when no core sample is that close. scikit-learn's DBSCAN has no `predict`;
   * this is the usual extension. On a training row it returns the training label for core samples and noise;
   * a border row gets its nearest core's cluster, which differs from its training label only when it borders
   * two clusters.
   *
   * @throws {@link SegmentkitError} `E_SHAPE` for a wrong column count, `E_NOT_FINITE`, `E_DOMAIN` (an all-zero
   *   row with metric `'cosine'`).
   * @example
   * const model = new DBSCAN({ eps: 1.5, minSamples: 3 }).fit([[0, 0], [0, 1], [1, 0], [9, 9]]);
   * model.predict([[0.5, 0.5], [5, 5]]); // => Int32Array [0, -1]
   */
  predict(X: MatrixLike): Int32Array {
    const context = 'DBSCANModel.predict';
    const m = this.rowsFor(X, 'predict');
    const out = new Int32Array(m.rows).fill(-1);
    if (this.coreSampleIndices.length === 0) return out;
    const { metric, eps } = this.params;
    const rows = prepareRows(m, metric, context);
    this.#tree ??= new KDTree(
      prepareRows(this.components, metric, context, 'components').data,
      this.components.rows,
      this.nFeatures,
      rows.mode,
    );
    const tree = this.#tree;
    const threshold = radiusThreshold(rows.mode, eps);
    const scratch = new Float64Array(1);
    for (let i = 0; i < m.rows; i++) {
      const core = tree.nearestWithin(rows.data, i * this.nFeatures, threshold, scratch);
      if (core >= 0) out[i] = this.labels[this.coreSampleIndices[core]!]!;
    }
    return out;
  }

  /**
   * The model as plain JSON (labels, core samples and their rows: everything `predict` needs).
   *
   * @example
   * new DBSCAN({ eps: 1 }).fit([[0], [0.5], [9]]).toJSON().kind; // => 'DBSCANModel'
   */
  toJSON(): DBSCANModelJSON {
    const d = this.nFeatures;
    const data = this.components.data;
    return {
      kind: KIND,
      version: 1,
      params: { ...this.params },
      nFeatures: d,
      nClusters: this.nClusters,
      labels: Array.from(this.labels),
      coreSampleIndices: Array.from(this.coreSampleIndices),
      components: Array.from({ length: this.components.rows }, (_, c) => Array.from(data.subarray(c * d, (c + 1) * d))),
      stats: { ...this.stats },
    };
  }

  /**
   * Rebuild a model from {@link DBSCANModel.toJSON} output, validating every field (labels in range, core
   * indices ascending and labelled, one row of components per core sample).
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the first malformed field.
   * @example
   * const model = new DBSCAN({ eps: 1, minSamples: 2 }).fit([[0], [0.5], [9]]);
   * Array.from(DBSCANModel.fromJSON(JSON.parse(JSON.stringify(model))).labels); // => [0, 0, -1]
   */
  static fromJSON(json: unknown): DBSCANModel {
    const object = readModelHeader(json, KIND, 1);
    const params = readObject(object, 'params', CONTEXT);
    const fitted = DBSCAN_PARAMS.readFitted<DBSCANFittedParams>(params, CONTEXT);
    const d = readNumber(object, 'nFeatures', CONTEXT, { min: 1, integer: true });
    const k = readNumber(object, 'nClusters', CONTEXT, { min: 0, integer: true });
    const labels = readLabels(object, 'labels', CONTEXT, -1, k - 1);
    const n = labels.length;
    checkModel(k <= n, CONTEXT, `nClusters is ${k} but there are only ${n} labels; every cluster needs a core sample`);
    const cores = readLabels(object, 'coreSampleIndices', CONTEXT, 0, Math.max(0, n - 1));
    const seen = new Uint8Array(k);
    for (let c = 0; c < cores.length; c++) {
      checkModel(c === 0 || cores[c]! > cores[c - 1]!, CONTEXT, 'coreSampleIndices must be strictly ascending');
      const label = labels[cores[c]!]!;
      checkModel(label >= 0, CONTEXT, `core sample ${cores[c]} must not be labelled noise`);
      seen[label] = 1;
    }
    checkModel(
      seen.every((s) => s === 1),
      CONTEXT,
      'every cluster must contain a core sample',
    );
    requireCells(CONTEXT, 'components', cores.length, d);
    const components = readRows(object, 'components', cores.length, d);
    const stats = readObject(object, 'stats', CONTEXT);
    return new DBSCANModel({
      labels,
      coreSampleIndices: cores,
      components,
      nFeatures: d,
      nClusters: k,
      params: fitted,
      stats: {
        index: readString(stats, 'index', CONTEXT, ['grid', 'kd-tree'] as const),
        distanceEvaluations: readNumber(stats, 'distanceEvaluations', CONTEXT, { min: 0, integer: true }),
      },
    });
  }
}

/** A table of exactly `rows` rows of `cols` finite numbers (possibly none), flattened. */
function readRows(object: JsonObject, field: string, rows: number, cols: number): Float64Array {
  const value = object[field];
  checkModel(Array.isArray(value), CONTEXT, `${field} must be an array of rows`);
  const table = value as unknown[];
  checkModel(table.length === rows, CONTEXT, `${field} must have ${rows} rows (one per core sample), has ${table.length}`);
  const out = new Float64Array(rows * cols);
  table.forEach((row, i) => {
    checkModel(Array.isArray(row) && row.length === cols, CONTEXT, `${field}[${i}] must be a row of ${cols} numbers`);
    for (let j = 0; j < cols; j++) {
      const v = (row as unknown[])[j];
      checkModel(typeof v === 'number' && Number.isFinite(v), CONTEXT, `${field}[${i}][${j}] must be a finite number`);
      out[i * cols + j] = v as number;
    }
  });
  return out;
}
