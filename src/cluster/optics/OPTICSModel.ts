import { formatNumber, htmlSummary } from '../../core/display';
import { FittedModel } from '../../core/FittedModel';
import { checkModel, readLabels, readModelHeader, readNumber, readObject, type JsonObject } from '../../core/modelJson';
import type { Check } from '../../core/params';
import { requireNumber } from '../../core/validateOptions';
import { clusterSizes } from '../shared/clusterSizes';
import { extractDbscanLabels, extractXiLabels } from './opticsExtract';
import { round15, type OpticsGraph } from './opticsGraph';
import { OPTICS_PARAMS, radiusOrInfinity, resolveCount, type OPTICSMetric } from './opticsParams';

/** The resolved hyper-parameters of an {@link OPTICSModel}. */
export interface OPTICSFittedParams {
  /** Rows (itself included) that make a row core: an integer ≥ 2 or a fraction of the rows. */
  readonly minSamples: number;
  /** Largest neighbourhood radius searched (`Infinity` when unbounded). */
  readonly maxEps: number;
  /** Distance. */
  readonly metric: OPTICSMetric;
  /** How the labels were extracted. */
  readonly clusterMethod: 'xi' | 'dbscan';
  /** Minimum steepness of an xi cluster boundary. */
  readonly xi: number;
  /** The cut of method `'dbscan'`; `null` when not given (then `maxEps`). */
  readonly eps: number | null;
  /** Whether the xi clusters were corrected with the predecessors. */
  readonly predecessorCorrection: boolean;
  /** Fewest rows in an xi cluster (an integer ≥ 2 or a fraction); `null` for `minSamples`. */
  readonly minClusterSize: number | null;
}

/** {@link OPTICSFittedParams} as JSON: `maxEps` `null` when infinite. */
export interface OPTICSFittedParamsJSON extends Omit<OPTICSFittedParams, 'maxEps'> {
  /** Largest neighbourhood radius searched; `null` for `Infinity`. */
  readonly maxEps: number | null;
}

/** The JSON form of an {@link OPTICSModel} (`kind: 'OPTICSModel'`, `version: 1`); `null` stands for `Infinity`. */
export interface OPTICSModelJSON {
  /** Always `'OPTICSModel'`. */
  readonly kind: 'OPTICSModel';
  /** Format version. */
  readonly version: 1;
  /** Resolved hyper-parameters (`maxEps: null` for `Infinity`). */
  readonly params: OPTICSFittedParamsJSON;
  /** Number of features. */
  readonly nFeatures: number;
  /** Row indices in cluster order. */
  readonly ordering: number[];
  /** Reachability of each row (`null` = infinite). */
  readonly reachability: (number | null)[];
  /** Core distance of each row (`null` = infinite). */
  readonly coreDistances: (number | null)[];
  /** The row each row was reached from (-1 for none). */
  readonly predecessor: number[];
  /** Training labels (-1 = noise). */
  readonly labels: number[];
}

const KIND = 'OPTICSModel';
const CONTEXT = 'OPTICSModel.fromJSON';

/** @internal The labels the parameters extract from a graph of `n` rows. */
export function opticsLabels(graph: OpticsGraph, params: OPTICSFittedParams, n: number): Int32Array {
  if (params.clusterMethod === 'dbscan') {
    return extractDbscanLabels(graph.reachability, graph.coreDistances, graph.ordering, params.eps ?? params.maxEps);
  }
  const minSamples = resolveCount(params.minSamples, n);
  const minClusterSize = params.minClusterSize === null ? minSamples : resolveCount(params.minClusterSize, n);
  return extractXiLabels(
    graph.reachability,
    graph.predecessor,
    graph.ordering,
    params.xi,
    minSamples,
    minClusterSize,
    params.predecessorCorrection,
  ).labels;
}

/**
 * A fitted OPTICS clustering (immutable): the cluster ordering with reachability, core distances and
 * predecessors (scikit-learn's `ordering_`, `reachability_`, `core_distances_`, `predecessor_`), the labels
 * (noise -1), and {@link OPTICSModel.extractDbscan} to cut the same ordering at any radius without refitting.
 * Produced by {@link OPTICS.fit}.
 *
 * Reading the reachability plot: draw `reachability[ordering[k]]` against k. Valleys are clusters (the deeper,
 * the denser), peaks separate them, and `Infinity` starts a region no row within `maxEps` reaches.
 *
 * @example
 * const X = [[0, 0], [0, 1], [1, 0], [10, 10], [10, 11], [11, 10]];
 * const model = new OPTICS({ minSamples: 2 }).fit(X);
 * Array.from(model.ordering, (i) => model.reachability[i]); // => [Infinity, 1, 1, 13.45362404707371, 1, 1]
 */
export class OPTICSModel extends FittedModel {
  /** Row indices in the order OPTICS visited them (scikit-learn's `ordering_`). */
  readonly ordering: Int32Array;
  /** Reachability distance of each row, by row index (`Infinity` for the first row of each sweep). */
  readonly reachability: Float64Array;
  /** Distance of each row to its `minSamples`-th nearest row, itself counted (`Infinity` above `maxEps`). */
  readonly coreDistances: Float64Array;
  /** The row each row's reachability came from, by row index; -1 where the reachability is infinite. */
  readonly predecessor: Int32Array;
  /** Cluster of each training row; -1 for noise. */
  readonly labels: Int32Array;
  /** Number of clusters (noise not counted). */
  readonly nClusters: number;
  /** Resolved hyper-parameters. */
  readonly params: OPTICSFittedParams;

  /** @internal Use {@link OPTICS.fit} or {@link OPTICSModel.fromJSON}. */
  constructor(fields: OpticsGraph & { labels: Int32Array; nFeatures: number; params: OPTICSFittedParams }) {
    super(KIND, fields.nFeatures);
    this.ordering = fields.ordering;
    this.reachability = fields.reachability;
    this.coreDistances = fields.coreDistances;
    this.predecessor = fields.predecessor;
    this.labels = fields.labels;
    let k = 0;
    for (const label of fields.labels) if (label + 1 > k) k = label + 1;
    this.nClusters = k;
    this.params = Object.freeze({ ...fields.params });
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

  /**
   * DBSCAN labels at radius `eps` from this ordering (scikit-learn's `cluster_optics_dbscan`): a new cluster
   * starts at each row of the ordering whose reachability exceeds `eps` and whose core distance does not; rows
   * with both above `eps` are noise (-1). Close to `DBSCAN({ eps, minSamples })` when eps is near `maxEps`.
   *
   * @param eps - the cut, a number ≥ 0 (`Infinity` allowed); meaningful up to `maxEps`
   * @throws {@link SegmentkitError} `E_PARAM` for a negative or NaN eps.
   * @example
   * const model = new OPTICS({ minSamples: 2 }).fit([[0, 0], [0, 1], [1, 0], [9, 9], [9, 10]]);
   * [Array.from(model.extractDbscan(1.5)), Array.from(model.extractDbscan(20))]; // => [[0, 0, 0, 1, 1], [0, 0, 0, 0, 0]]
   */
  extractDbscan(eps: number): Int32Array {
    const value = radiusOrInfinity(eps, 'OPTICSModel.extractDbscan', 'eps');
    return extractDbscanLabels(this.reachability, this.coreDistances, this.ordering, value);
  }

  /** @internal */
  protected summaryLine(): string {
    return `OPTICSModel { ${this.#facts()
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}, sizes: [${this.clusterSizes.join(', ')}] }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    const n = Math.max(1, this.labels.length);
    const rows = this.clusterSizes.map((size, j) => [String(j), String(size), `${((100 * size) / n).toFixed(1)} %`]);
    rows.push(['noise', String(this.nNoise), `${((100 * this.nNoise) / n).toFixed(1)} %`]);
    return htmlSummary('OPTICSModel', this.#facts(), { header: ['cluster', 'size', 'share'], rows });
  }

  #facts(): [string, string][] {
    const { params } = this;
    const facts: [string, string][] = [
      ['nClusters', String(this.nClusters)],
      ['noise', String(this.nNoise)],
      ['rows', String(this.labels.length)],
      ['minSamples', formatNumber(params.minSamples)],
      ['maxEps', params.maxEps === Number.POSITIVE_INFINITY ? '∞' : formatNumber(params.maxEps)],
      ['metric', params.metric],
      ['clusterMethod', params.clusterMethod],
    ];
    if (params.clusterMethod === 'xi') facts.push(['xi', formatNumber(params.xi)]);
    else facts.push(['eps', params.eps === null ? 'maxEps' : formatNumber(params.eps)]);
    return facts;
  }

  /**
   * The model as plain JSON (`Infinity` written as `null`).
   *
   * @example
   * new OPTICS({ minSamples: 2 }).fit([[0], [0.5], [9]]).toJSON().reachability; // => [null, 0.5, 8.5]
   */
  toJSON(): OPTICSModelJSON {
    const finite = (v: number): number | null => (v === Number.POSITIVE_INFINITY ? null : v);
    return {
      kind: KIND,
      version: 1,
      params: { ...this.params, maxEps: finite(this.params.maxEps) },
      nFeatures: this.nFeatures,
      ordering: Array.from(this.ordering),
      reachability: Array.from(this.reachability, finite),
      coreDistances: Array.from(this.coreDistances, finite),
      predecessor: Array.from(this.predecessor),
      labels: Array.from(this.labels),
    };
  }

  /**
   * Rebuild a model from {@link OPTICSModel.toJSON} output, validating every field: the ordering a
   * permutation, distances ≥ 0 (and at most maxEps), each predecessor visited before its row with a
   * reachability consistent with its core distance, and the labels exactly those the parameters extract.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the first malformed field.
   * @example
   * const model = new OPTICS({ minSamples: 2 }).fit([[0], [0.5], [9]]);
   * Array.from(OPTICSModel.fromJSON(JSON.parse(JSON.stringify(model))).ordering); // => [0, 1, 2]
   */
  static fromJSON(json: unknown): OPTICSModel {
    const object = readModelHeader(json, KIND, 1);
    const params = OPTICS_PARAMS.readFitted<OPTICSFittedParams>(readObject(object, 'params', CONTEXT), CONTEXT, {
      maxEps: ((value, context, name) =>
        value === null ? Number.POSITIVE_INFINITY : requireNumber(context, name, value, { min: 0 })) as Check<unknown>,
      eps: ((value, context, name) => (value === null ? null : requireNumber(context, name, value, { min: 0 }))) as Check<unknown>,
    });
    checkModel(params.eps === null || params.eps <= params.maxEps, CONTEXT, 'params.eps must be at most params.maxEps');
    const d = readNumber(object, 'nFeatures', CONTEXT, { min: 1, integer: true });
    const raw = object.ordering;
    checkModel(Array.isArray(raw) && raw.length > 0, CONTEXT, 'ordering must be a non-empty array of row indices');
    const n = (raw as unknown[]).length;
    const ordering = readLabels(object, 'ordering', CONTEXT, 0, n - 1);
    const rank = new Int32Array(n).fill(-1);
    for (let k = 0; k < n; k++) {
      checkModel(rank[ordering[k]!] === -1, CONTEXT, `ordering must be a permutation of 0..${n - 1} (row ${ordering[k]} appears twice)`);
      rank[ordering[k]!] = k;
    }
    const minSamples = resolveCount(params.minSamples, n);
    checkModel(minSamples <= n, CONTEXT, `params.minSamples (${minSamples}) must be at most the number of rows (${n})`);
    const minClusterSize = params.minClusterSize === null ? minSamples : resolveCount(params.minClusterSize, n);
    checkModel(minClusterSize <= n, CONTEXT, `params.minClusterSize (${minClusterSize}) must be at most the number of rows (${n})`);
    const reachability = readDistances(object, 'reachability', n, params.maxEps);
    const coreDistances = readDistances(object, 'coreDistances', n, params.maxEps);
    const predecessor = readLabels(object, 'predecessor', CONTEXT, -1, n - 1);
    checkModel(predecessor.length === n, CONTEXT, `predecessor must have ${n} entries, has ${predecessor.length}`);
    for (let i = 0; i < n; i++) {
      const p = predecessor[i]!;
      const infinite = reachability[i] === Number.POSITIVE_INFINITY;
      checkModel(infinite === (p === -1), CONTEXT, `predecessor[${i}] must be -1 exactly when reachability[${i}] is null`);
      if (p === -1) continue;
      checkModel(rank[p]! < rank[i]!, CONTEXT, `predecessor[${i}] (${p}) must come before row ${i} in the ordering`);
      checkModel(
        coreDistances[p]! <= reachability[i]!,
        CONTEXT,
        `reachability[${i}] must be at least the core distance of its predecessor ${p}`,
      );
    }
    const labels = readLabels(object, 'labels', CONTEXT, -1, n - 1);
    checkModel(labels.length === n, CONTEXT, `labels must have ${n} entries, has ${labels.length}`);
    const graph = { ordering, reachability, coreDistances, predecessor };
    const expected = opticsLabels(graph, params, n);
    for (let i = 0; i < n; i++) {
      checkModel(
        labels[i] === expected[i],
        CONTEXT,
        `labels[${i}] is ${labels[i]} but the reachability graph and params give ${expected[i]}; the labels do not belong to this graph`,
      );
    }
    return new OPTICSModel({ ...graph, labels, nFeatures: d, params });
  }
}

/** `n` distances ≥ 0 and ≤ maxEps, `null` read as `Infinity`. */
function readDistances(object: JsonObject, field: string, n: number, maxEps: number): Float64Array {
  const value = object[field];
  checkModel(Array.isArray(value) && value.length === n, CONTEXT, `${field} must be an array of ${n} numbers or nulls`);
  const out = new Float64Array(n);
  // distances are rounded to 15 decimals after the maxEps test, so they may round up to round15(maxEps)
  const limit = round15(maxEps);
  (value as unknown[]).forEach((v, i) => {
    if (v === null) {
      out[i] = Number.POSITIVE_INFINITY;
      return;
    }
    checkModel(
      typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= limit,
      CONTEXT,
      `${field}[${i}] must be null or a finite number in [0, maxEps]`,
    );
    out[i] = v as number;
  });
  return out;
}
