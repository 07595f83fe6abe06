import type { Seed } from '../../core/createRng';
import { formatNumber, htmlSummary } from '../../core/display';
import type { MatrixLike } from '../../core/Matrix';
import {
  checkModel,
  readBoolean,
  readLabels,
  readModelHeader,
  readNumber,
  readNumberArray,
  readNumberTable,
  readObject,
  readSeed,
} from '../../core/modelJson';
import { CentroidModel } from '../shared/CentroidModel';
import { clusterSizes } from '../shared/clusterSizes';
import { fittedInitCheck, MINI_BATCH_KMEANS_PARAMS } from './kmeansParams';
import { partialFitStep, type MiniBatchKMeansFields } from './miniBatchPartialFit';

/** The resolved hyper-parameters of a {@link MiniBatchKMeansModel}. */
export interface MiniBatchKMeansFittedParams {
  /** Number of clusters. */
  readonly nClusters: number;
  /** `'k-means++'`, `'random'` or `'explicit'`. */
  readonly init: 'k-means++' | 'random' | 'explicit';
  /** Initialisations tried (each on `initSize` random rows, scored on a validation sample). */
  readonly nInit: number;
  /** Maximum passes over the data (epochs) in `fit`. */
  readonly maxIter: number;
  /** Rows per mini-batch. */
  readonly batchSize: number;
  /** Relative tolerance on the centroid change per step; 0 disables it. */
  readonly tol: number;
  /** Steps without improvement of the smoothed batch inertia before `fit` stops; 0 disables it. */
  readonly maxNoImprovement: number;
  /** Rows used for each initialisation. */
  readonly initSize: number;
  /** Centres whose count falls below this share of the largest count are moved to random rows. */
  readonly reassignmentRatio: number;
}

/** The JSON form of a {@link MiniBatchKMeansModel} (`kind: 'MiniBatchKMeansModel'`, `version: 1`). */
export interface MiniBatchKMeansModelJSON {
  /** Always `'MiniBatchKMeansModel'`. */
  readonly kind: 'MiniBatchKMeansModel';
  /** Format version. */
  readonly version: 1;
  /** Resolved hyper-parameters. */
  readonly params: MiniBatchKMeansFittedParams;
  /** Centroids, k × d. */
  readonly centroids: number[][];
  /** Accumulated weight per centroid (its learning-rate denominator). */
  readonly counts: number[];
  /** Labels of the rows last seen. */
  readonly labels: number[];
  /** Inertia of the rows last seen. */
  readonly inertia: number;
  /** Mini-batch steps taken so far. */
  readonly nSteps: number;
  /** Rows seen since the last check for small clusters. */
  readonly nSinceLastReassign: number;
  /** Whether `fit` stopped before its step budget. */
  readonly converged: boolean;
  /** The seed used. */
  readonly seed: Seed;
}

const KIND = 'MiniBatchKMeansModel';
const FITTED_KEYS = ['nClusters', 'init', 'nInit', 'maxIter', 'batchSize', 'tol', 'maxNoImprovement', 'initSize', 'reassignmentRatio'];
const CONTEXT = 'MiniBatchKMeansModel.fromJSON';

/**
 * A fitted mini-batch k-means model (immutable). Predicts like {@link KMeansModel}; `partialFit` returns an
 * updated model, so a model can follow a stream batch by batch without holding the rows.
 *
 * @example
 * const model = new MiniBatchKMeans({ nClusters: 2, batchSize: 4, seed: 1 }).fit([[0], [1], [10], [11], [0.5], [10.5]]);
 * model.predict([[0.2], [10.2]]).length; // => 2
 */
export class MiniBatchKMeansModel extends CentroidModel {
  /** Labels of the rows last seen: all of X after `fit`, the last batch after `partialFit`. */
  readonly labels: Int32Array;
  /** Inertia of the rows last seen (same rows as `labels`). */
  readonly inertia: number;
  /** Mini-batch steps taken so far. */
  readonly nSteps: number;
  /** Whether `fit` stopped early (no improvement, or the centroids settled) rather than at its step budget. */
  readonly converged: boolean;
  /** Accumulated weight per centroid: how much data each centroid has absorbed. */
  readonly counts: readonly number[];
  /** The seed used. */
  readonly seed: Seed;
  /** Resolved hyper-parameters. */
  readonly params: MiniBatchKMeansFittedParams;
  readonly #fields: MiniBatchKMeansFields;

  /** @internal Use {@link MiniBatchKMeans} or {@link MiniBatchKMeansModel.fromJSON}. */
  constructor(fields: MiniBatchKMeansFields) {
    super('MiniBatchKMeansModel', fields.centers, fields.nClusters, fields.nFeatures);
    this.#fields = { ...fields, params: Object.freeze({ ...fields.params }) };
    this.labels = fields.labels;
    this.inertia = fields.inertia;
    this.nSteps = fields.nSteps;
    this.converged = fields.converged;
    this.counts = Object.freeze(Array.from(fields.counts));
    this.seed = fields.seed;
    this.params = this.#fields.params;
    Object.freeze(this);
  }

  /** Number of rows in each cluster among the rows last seen. */
  get clusterSizes(): number[] {
    return clusterSizes(this.labels, this.nClusters);
  }

  /** @internal */
  protected summaryLine(): string {
    return `MiniBatchKMeansModel { nClusters: ${this.nClusters}, nFeatures: ${this.nFeatures}, nSteps: ${this.nSteps}, inertia: ${formatNumber(this.inertia)}, converged: ${this.converged}, sizes: [${this.clusterSizes.join(', ')}] }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    const sizes = this.clusterSizes;
    const shown = Math.min(this.nFeatures, 8);
    return htmlSummary(
      'MiniBatchKMeansModel',
      [
        ['nClusters', String(this.nClusters)],
        ['nFeatures', String(this.nFeatures)],
        ['nSteps', String(this.nSteps)],
        ['inertia', formatNumber(this.inertia)],
        ['converged', String(this.converged)],
      ],
      {
        header: ['cluster', 'size (last rows)', 'count', ...Array.from({ length: shown }, (_, j) => `x${j}`)],
        rows: this.centroids.map((c, j) => [
          String(j),
          String(sizes[j]),
          formatNumber(this.counts[j]!),
          ...c.slice(0, shown).map((v) => formatNumber(v)),
        ]),
      },
    );
  }

  /**
   * One more mini-batch step on `batch` (all its rows at once, as scikit-learn's `partial_fit`); returns the
   * updated model and leaves this one unchanged.
   *
   * @throws {@link SegmentkitError} `E_SHAPE` for a wrong column count, `E_NOT_FINITE`, `E_EMPTY`.
   * @example
   * const model = new MiniBatchKMeans({ nClusters: 2, seed: 0 }).partialFit([[0], [1], [10], [11]]);
   * model.partialFit([[0.5], [10.5]]).nSteps; // => 2
   */
  partialFit(batch: MatrixLike, options: { sampleWeight?: ArrayLike<number> } = {}): MiniBatchKMeansModel {
    return new MiniBatchKMeansModel(partialFitStep(this.#fields, batch, options, 'MiniBatchKMeansModel.partialFit'));
  }

  /**
   * The model as plain JSON, including what `partialFit` needs to continue.
   *
   * @example
   * new MiniBatchKMeans({ nClusters: 1, seed: 0 }).partialFit([[0], [2]]).toJSON().kind; // => 'MiniBatchKMeansModel'
   */
  toJSON(): MiniBatchKMeansModelJSON {
    const f = this.#fields;
    return {
      kind: KIND,
      version: 1,
      params: { ...f.params },
      centroids: this.centroids.map((row) => [...row]),
      counts: Array.from(f.counts),
      labels: Array.from(f.labels),
      inertia: f.inertia,
      nSteps: f.nSteps,
      nSinceLastReassign: f.nSinceLastReassign,
      converged: f.converged,
      seed: f.seed,
    };
  }

  /**
   * Rebuild a model from {@link MiniBatchKMeansModel.toJSON} output, validating every field.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the first malformed field.
   * @example
   * const model = new MiniBatchKMeans({ nClusters: 1, seed: 0 }).partialFit([[0], [2]]);
   * MiniBatchKMeansModel.fromJSON(JSON.parse(JSON.stringify(model))).centroids; // => [[1]]
   */
  static fromJSON(json: unknown): MiniBatchKMeansModel {
    const object = readModelHeader(json, KIND, 1);
    const params = readObject(object, 'params', CONTEXT);
    const k = readNumber(params, 'nClusters', CONTEXT, { min: 1, integer: true });
    const centroids = readNumberTable(object, 'centroids', CONTEXT, k);
    const counts = readNumberArray(object, 'counts', CONTEXT, k);
    checkModel(
      counts.every((c) => c >= 0),
      CONTEXT,
      'counts must be ≥ 0',
    );
    return new MiniBatchKMeansModel({
      centers: Float64Array.from(centroids.flat()),
      counts: Float64Array.from(counts),
      nClusters: k,
      nFeatures: centroids[0]!.length,
      labels: readLabels(object, 'labels', CONTEXT, 0, k - 1),
      inertia: readNumber(object, 'inertia', CONTEXT, { min: 0 }),
      nSteps: readNumber(object, 'nSteps', CONTEXT, { min: 0, integer: true }),
      nSinceLastReassign: readNumber(object, 'nSinceLastReassign', CONTEXT, { min: 0, integer: true }),
      converged: readBoolean(object, 'converged', CONTEXT),
      seed: readSeed(object, 'seed', CONTEXT),
      params: MINI_BATCH_KMEANS_PARAMS.readFitted<MiniBatchKMeansFittedParams>(params, CONTEXT, { init: fittedInitCheck }, FITTED_KEYS),
    });
  }
}
