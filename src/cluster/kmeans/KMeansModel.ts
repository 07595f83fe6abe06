import { formatNumber, htmlSummary } from '../../core/display';
import {
  readBoolean,
  readLabels,
  readModelHeader,
  readNumber,
  readNumberTable,
  readObject,
  readSeed,
  readString,
} from '../../core/modelJson';
import type { Seed } from '../../core/createRng';
import { CentroidModel } from '../shared/CentroidModel';
import { centroidTable } from '../shared/centroidTable';
import { fittedInitCheck, KMEANS_PARAMS } from './kmeansParams';
import { clusterSizes } from '../shared/clusterSizes';
import type { KMeansAlgorithm } from './kmeansParams';

/** How a {@link KMeansModel} was fitted: the resolved hyper-parameters (an explicit init is not repeated here). */
export interface KMeansFittedParams {
  /** Number of clusters. */
  readonly nClusters: number;
  /** `'k-means++'`, `'random'` or `'explicit'` (centroids given by the caller). */
  readonly init: 'k-means++' | 'random' | 'explicit';
  /** Number of initialisations run; the best inertia won. */
  readonly nInit: number;
  /** Iteration cap per run. */
  readonly maxIter: number;
  /** Relative tolerance on the centroid shift. */
  readonly tol: number;
  /** The algorithm requested (`'auto'` or a specific one). */
  readonly algorithm: 'auto' | KMeansAlgorithm;
}

/** Work done by the fit, to see what the bounds saved. */
export interface KMeansFitStats {
  /** The assignment strategy that ran (what `'auto'` chose). */
  readonly algorithm: KMeansAlgorithm;
  /** Row–centroid distances computed in the winning run. */
  readonly distanceEvaluations: number;
  /** What Lloyd's algorithm would have computed for the same passes (passes × n × k). */
  readonly lloydDistanceEvaluations: number;
}

/** The JSON form of a {@link KMeansModel} (`kind: 'KMeansModel'`, `version: 1`). */
export interface KMeansModelJSON {
  /** Always `'KMeansModel'`. */
  readonly kind: 'KMeansModel';
  /** Format version. */
  readonly version: 1;
  /** Resolved hyper-parameters. */
  readonly params: KMeansFittedParams;
  /** Centroids, k × d. */
  readonly centroids: number[][];
  /** Training labels. */
  readonly labels: number[];
  /** Training inertia. */
  readonly inertia: number;
  /** Update steps of the winning run. */
  readonly nIter: number;
  /** False only if the iteration cap was hit. */
  readonly converged: boolean;
  /** The seed used. */
  readonly seed: Seed;
  /** Work statistics. */
  readonly stats: KMeansFitStats;
}

const KIND = 'KMeansModel';
const FITTED_KEYS = ['nClusters', 'init', 'nInit', 'maxIter', 'tol', 'algorithm'];
const CONTEXT = 'KMeansModel.fromJSON';

/**
 * A fitted k-means model (immutable). Produced by {@link KMeans.fit}; predicts the nearest centroid for new
 * rows and serialises to JSON.
 *
 * @example
 * const model = new KMeans({ nClusters: 2, seed: 0 }).fit([[0, 0], [0, 1], [10, 10], [10, 11]]);
 * model.predict([[0, 0.4], [9, 9]]); // => Int32Array [1, 0] (cluster numbering depends on the seed)
 */
export class KMeansModel extends CentroidModel {
  /** Cluster of each training row. */
  readonly labels: Int32Array;
  /** Sum of (weighted) squared distances of training rows to their centroid. */
  readonly inertia: number;
  /** Update steps of the winning run (scikit-learn's `n_iter_`). */
  readonly nIter: number;
  /** False only when `maxIter` was reached before the labels or centroids settled. */
  readonly converged: boolean;
  /** The seed actually used (drawn at random when none was given, so the fit can be repeated). */
  readonly seed: Seed;
  /** Resolved hyper-parameters. */
  readonly params: KMeansFittedParams;
  /** What the fit computed, and what the bounds saved. */
  readonly stats: KMeansFitStats;

  /** @internal Use {@link KMeans.fit} or {@link KMeansModel.fromJSON}. */
  constructor(fields: {
    centers: Float64Array;
    nClusters: number;
    nFeatures: number;
    labels: Int32Array;
    inertia: number;
    nIter: number;
    converged: boolean;
    seed: Seed;
    params: KMeansFittedParams;
    stats: KMeansFitStats;
  }) {
    super('KMeansModel', fields.centers, fields.nClusters, fields.nFeatures);
    this.labels = fields.labels;
    this.inertia = fields.inertia;
    this.nIter = fields.nIter;
    this.converged = fields.converged;
    this.seed = fields.seed;
    this.params = Object.freeze({ ...fields.params });
    this.stats = Object.freeze({ ...fields.stats });
    Object.freeze(this);
  }

  /** Number of training rows in each cluster. */
  get clusterSizes(): number[] {
    return clusterSizes(this.labels, this.nClusters);
  }

  /** @internal */
  protected summaryLine(): string {
    return `KMeansModel { ${this.#facts()
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}, sizes: [${this.clusterSizes.join(', ')}] }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    return htmlSummary('KMeansModel', this.#facts(), centroidTable(this.centroids, this.clusterSizes, this.labels.length, this.nFeatures));
  }

  #facts(): [string, string][] {
    return [
      ['nClusters', String(this.nClusters)],
      ['nFeatures', String(this.nFeatures)],
      ['rows', String(this.labels.length)],
      ['inertia', formatNumber(this.inertia)],
      ['nIter', String(this.nIter)],
      ['converged', String(this.converged)],
      ['algorithm', this.stats.algorithm],
    ];
  }

  /**
   * The model as plain JSON (all fields needed to predict and to reproduce the summary).
   *
   * @example
   * const json = kmeans([[0], [10]], { nClusters: 2, init: [[0], [10]] }).toJSON();
   * json.kind; // => 'KMeansModel'
   */
  toJSON(): KMeansModelJSON {
    return {
      kind: KIND,
      version: 1,
      params: { ...this.params },
      centroids: this.centroids.map((row) => [...row]),
      labels: Array.from(this.labels),
      inertia: this.inertia,
      nIter: this.nIter,
      converged: this.converged,
      seed: this.seed,
      stats: { ...this.stats },
    };
  }

  /**
   * Rebuild a model from {@link KMeansModel.toJSON} output, validating every field.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the first malformed field.
   * @example
   * const model = kmeans([[0], [10]], { nClusters: 2, init: [[0], [10]] });
   * KMeansModel.fromJSON(JSON.parse(JSON.stringify(model))).centroids; // => [[0], [10]]
   */
  static fromJSON(json: unknown): KMeansModel {
    const object = readModelHeader(json, KIND, 1);
    const params = readObject(object, 'params', CONTEXT);
    const k = readNumber(params, 'nClusters', CONTEXT, { min: 1, integer: true });
    const centroids = readNumberTable(object, 'centroids', CONTEXT, k);
    const d = centroids[0]!.length;
    const stats = readObject(object, 'stats', CONTEXT);
    const fittedParams = KMEANS_PARAMS.readFitted<KMeansFittedParams>(params, CONTEXT, { init: fittedInitCheck }, FITTED_KEYS);
    return new KMeansModel({
      centers: Float64Array.from(centroids.flat()),
      nClusters: k,
      nFeatures: d,
      labels: readLabels(object, 'labels', CONTEXT, 0, k - 1),
      inertia: readNumber(object, 'inertia', CONTEXT, { min: 0 }),
      nIter: readNumber(object, 'nIter', CONTEXT, { min: 0, integer: true }),
      converged: readBoolean(object, 'converged', CONTEXT),
      seed: readSeed(object, 'seed', CONTEXT),
      params: fittedParams,
      stats: {
        algorithm: readString(stats, 'algorithm', CONTEXT, ['lloyd', 'elkan', 'hamerly'] as const),
        distanceEvaluations: readNumber(stats, 'distanceEvaluations', CONTEXT, { min: 0, integer: true }),
        lloydDistanceEvaluations: readNumber(stats, 'lloydDistanceEvaluations', CONTEXT, { min: 0, integer: true }),
      },
    });
  }
}
