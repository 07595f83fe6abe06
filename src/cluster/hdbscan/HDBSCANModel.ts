import { formatNumber, htmlSummary } from '../../core/display';
import { FittedModel } from '../../core/FittedModel';
import { createMatrix, type Matrix, type MatrixLike } from '../../core/Matrix';
import { checkModel, readLabels, readModelHeader, readNumber, readNumberTable, readObject } from '../../core/modelJson';
import type { Check } from '../../core/params';
import { requireCells } from '../../core/sizeLimits';
import { requireFiniteDistances } from '../dbscan/densityMetric';
import { MODE_EUCLIDEAN, MODE_MANHATTAN } from '../dbscan/KDTree';
import { clusterSizes } from '../shared/clusterSizes';
import type { ClusterFacts } from './clusterSelection';
import { fitHierarchy, type HierarchyFit } from './fitHierarchy';
import { HDBSCAN_PARAMS, type HDBSCANMetric } from './hdbscanParams';
import { attachRows, predictLabels, softMembership, type PredictionState } from './hdbscanPrediction';

/** The resolved hyper-parameters of an {@link HDBSCANModel} (`minSamples` resolved to a number). */
export interface HDBSCANFittedParams {
  /** Fewest rows in a cluster. */
  readonly minClusterSize: number;
  /** Rows (itself included) that make a row core. */
  readonly minSamples: number;
  /** Clusters closer than this were merged (0: off). */
  readonly clusterSelectionEpsilon: number;
  /** Largest cluster `'eom'` could select (`null`: no limit). */
  readonly maxClusterSize: number | null;
  /** Distance. */
  readonly metric: HDBSCANMetric;
  /** Distances were divided by alpha. */
  readonly alpha: number;
  /** How clusters were selected from the condensed tree. */
  readonly clusterSelectionMethod: 'eom' | 'leaf';
  /** Whether the whole data set could be one cluster. */
  readonly allowSingleCluster: boolean;
}

/**
 * The condensed cluster tree, one entry per edge (the hdbscan library's `condensed_tree_`): rows are 0..n−1,
 * clusters n, n + 1, … (the root, all rows, is n). Plot-ready: draw each cluster as a bar from its birth λ
 * (the entry where it is the child) down to where its rows leave, its width the rows still in it.
 */
export interface HDBSCANCondensedTree {
  /** Cluster the child leaves (≥ n). */
  readonly parent: Int32Array;
  /** A row index (< n) or a child cluster (≥ n). */
  readonly child: Int32Array;
  /** λ = 1 / distance at which the child leaves (`Infinity` for distance 0). */
  readonly lambda: Float64Array;
  /** Rows in the child (1 for a row). */
  readonly childSize: Int32Array;
  /** The cluster id (≥ n) behind each label: `selectedClusters[label]`. */
  readonly selectedClusters: Int32Array;
}

/** Labels and strengths of new rows, from {@link HDBSCANModel.approximatePredict}. */
export interface HDBSCANPrediction {
  /** Cluster of each row; -1 for noise. */
  readonly labels: Int32Array;
  /** How firmly each row belongs to its cluster, in [0, 1] (0 for noise), as the training `probabilities`. */
  readonly strengths: Float64Array;
}

/** The JSON form of an {@link HDBSCANModel} (`kind: 'HDBSCANModel'`, `version: 1`). */
export interface HDBSCANModelJSON {
  /** Always `'HDBSCANModel'`. */
  readonly kind: 'HDBSCANModel';
  /** Format version. */
  readonly version: 1;
  /** Resolved hyper-parameters. */
  readonly params: HDBSCANFittedParams;
  /** Number of features. */
  readonly nFeatures: number;
  /** The training rows (prediction and soft membership need them; the fit is rebuilt from them on load). */
  readonly data: number[][];
  /** Training labels (-1 = noise), checked on load against the rebuilt fit. */
  readonly labels: number[];
}

const KIND = 'HDBSCANModel';
const CONTEXT = 'HDBSCANModel.fromJSON';

/**
 * A fitted HDBSCAN clustering (immutable): labels (noise -1), membership probabilities, GLOSH outlier scores,
 * cluster persistence, the condensed tree, soft membership vectors and prediction for new rows. Produced by
 * {@link HDBSCAN.fit}. The model keeps the training rows (prediction needs them), so its JSON grows with n.
 *
 * @example
 * const X = [[0, 0], [0, 1], [1, 0], [1, 1], [10, 10], [10, 11], [11, 10], [11, 11], [30, 30]];
 * const model = new HDBSCAN({ minClusterSize: 3 }).fit(X);
 * [model.nClusters, model.nNoise, model.outlierScores[8] > 0.9]; // => [2, 1, true]
 */
export class HDBSCANModel extends FittedModel {
  /** Cluster of each training row; -1 for noise. */
  readonly labels: Int32Array;
  /**
   * How firmly each row belongs to its cluster, in [0, 1] (scikit-learn's `probabilities_`): the λ at which it
   * leaves, relative to the largest λ of its cluster; 0 for noise.
   */
  readonly probabilities: Float64Array;
  /**
   * GLOSH outlier score of each row (Campello et al. 2015), in [0, 1]: 1 − λ(row) / λmax of the cluster it
   * leaves; near 0 in the densest part of a cluster, near 1 for a row far from any (noise rows included).
   */
  readonly outlierScores: Float64Array;
  /** Persistence of each cluster (the hdbscan library's `cluster_persistence_`): stability / (rows × largest λ), in [0, 1]. */
  readonly clusterPersistence: Float64Array;
  /** Distance of each row to its `minSamples`-th nearest row, itself counted. */
  readonly coreDistances: Float64Array;
  /** Number of clusters (noise not counted). */
  readonly nClusters: number;
  /** Resolved hyper-parameters. */
  readonly params: HDBSCANFittedParams;
  readonly #data: Float64Array;
  readonly #fit: HierarchyFit;
  #condensed: HDBSCANCondensedTree | undefined;

  /** @internal Use {@link HDBSCAN.fit} or {@link HDBSCANModel.fromJSON}. */
  constructor(fields: HierarchyFit & { data: Float64Array; nFeatures: number; params: HDBSCANFittedParams }) {
    super(KIND, fields.nFeatures);
    this.labels = fields.labels;
    this.probabilities = fields.probabilities;
    this.outlierScores = fields.outlierScores;
    this.clusterPersistence = fields.clusterPersistence;
    this.coreDistances = fields.coreDistances;
    this.nClusters = fields.selected.length;
    this.params = Object.freeze({ ...fields.params });
    this.#data = fields.data;
    this.#fit = fields;
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
   * The condensed tree (a fresh copy of its arrays on first use, then the same frozen object).
   *
   * @example
   * const model = new HDBSCAN({ minClusterSize: 2 }).fit([[0], [0.1], [5], [5.1]]);
   * Array.from(model.condensedTree.selectedClusters); // => [5, 6]
   */
  get condensedTree(): HDBSCANCondensedTree {
    if (this.#condensed === undefined) {
      const { tree, selected } = this.#fit;
      const n = this.labels.length;
      this.#condensed = Object.freeze({
        parent: Int32Array.from(tree.parent),
        child: Int32Array.from(tree.child),
        lambda: Float64Array.from(tree.lambda),
        childSize: Int32Array.from(tree.childSize),
        selectedClusters: Int32Array.from(selected, (c) => c + n),
      });
    }
    return this.#condensed;
  }

  #state(): PredictionState {
    const { coreDistances, tree, facts, selected } = this.#fit;
    return {
      data: this.#data,
      n: this.labels.length,
      d: this.nFeatures,
      mode: this.params.metric === 'manhattan' ? MODE_MANHATTAN : MODE_EUCLIDEAN,
      alpha: this.params.alpha,
      minSamples: this.params.minSamples,
      coreDistances,
      tree,
      facts: facts as ClusterFacts,
      selected,
    };
  }

  /**
   * Labels and strengths for new rows, after the hdbscan library's `approximate_predict`: each row is attached
   * to its nearest training row under mutual reachability (its own core distance from the training rows) and
   * placed in the condensed tree at the level it reaches; it gets the selected cluster there, or -1. The tree
   * is not changed (refit to let new rows shape the clusters). A training row passed back usually gets its own
   * label.
   *
   * @throws {@link SegmentkitError} `E_SHAPE` for a wrong column count, `E_NOT_FINITE`.
   * @example
   * const model = new HDBSCAN({ minClusterSize: 3 }).fit([[0], [0.1], [0.2], [0.3], [5], [5.1], [5.2], [5.3]]);
   * Array.from(model.approximatePredict([[0.15], [5.15], [40]]).labels); // => [0, 1, -1]
   */
  approximatePredict(X: MatrixLike): HDBSCANPrediction {
    const m = this.rowsFor(X, 'approximatePredict');
    const state = this.#state();
    return predictLabels(state, attachRows(state, m.data, m.rows));
  }

  /**
   * Labels of new rows: `approximatePredict(X).labels`.
   *
   * @throws {@link SegmentkitError} `E_SHAPE` for a wrong column count, `E_NOT_FINITE`.
   * @example
   * const model = new HDBSCAN({ minClusterSize: 3 }).fit([[0], [0.1], [0.2], [0.3], [5], [5.1], [5.2], [5.3]]);
   * model.predict([[5.05]]); // => Int32Array [1]
   */
  predict(X: MatrixLike): Int32Array {
    return this.approximatePredict(X).labels;
  }

  /**
   * Soft membership of rows in every cluster (n × nClusters), after the hdbscan library's
   * `all_points_membership_vectors` / `membership_vector`: a distance part (inverse distance to each cluster's
   * exemplars, the rows of its leaves that persist longest) times an outlier part (how deep into each cluster's
   * density the row reaches, softmax-weighted), scaled so that each row sums to its probability of being in some
   * cluster (≤ 1). A noise row can so still lean towards a cluster. Without arguments: the training rows.
   *
   * @param X - new rows; default the training rows
   * @throws {@link SegmentkitError} `E_SHAPE` for a wrong column count, `E_NOT_FINITE`.
   * @example
   * const model = new HDBSCAN({ minClusterSize: 3 }).fit([[0], [0.1], [0.2], [0.3], [5], [5.1], [5.2], [5.3]]);
   * const soft = model.softMembership([[0.1], [5.2]]);
   * [soft.rows, soft.cols, soft.data[0] > soft.data[1], soft.data[3] > soft.data[2]]; // => [2, 2, true, true]
   */
  softMembership(X?: MatrixLike): Matrix {
    const state = this.#state();
    const k = this.nClusters;
    if (X === undefined) {
      const n = this.labels.length;
      const { tree, facts } = this.#fit;
      const place = new Int32Array(n);
      const lambda = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const r = facts.rowOfPoint[i]!;
        place[i] = tree.parent[r]! - n;
        lambda[i] = tree.lambda[r]!;
      }
      return createMatrix(softMembership(state, this.#data, n, place, lambda), n, k);
    }
    const m = this.rowsFor(X, 'softMembership');
    const attachment = attachRows(state, m.data, m.rows);
    return createMatrix(softMembership(state, m.data, m.rows, attachment.place, attachment.lambda), m.rows, k);
  }

  /** @internal */
  protected summaryLine(): string {
    return `HDBSCANModel { ${this.#facts()
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}, sizes: [${this.clusterSizes.join(', ')}] }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    const n = Math.max(1, this.labels.length);
    const rows = this.clusterSizes.map((size, j) => [
      String(j),
      String(size),
      `${((100 * size) / n).toFixed(1)} %`,
      formatNumber(this.clusterPersistence[j]!),
    ]);
    rows.push(['noise', String(this.nNoise), `${((100 * this.nNoise) / n).toFixed(1)} %`, '']);
    return htmlSummary('HDBSCANModel', this.#facts(), { header: ['cluster', 'size', 'share', 'persistence'], rows });
  }

  #facts(): [string, string][] {
    const { params } = this;
    return [
      ['nClusters', String(this.nClusters)],
      ['noise', String(this.nNoise)],
      ['rows', String(this.labels.length)],
      ['minClusterSize', String(params.minClusterSize)],
      ['minSamples', String(params.minSamples)],
      ['metric', params.metric],
      ['selection', params.clusterSelectionMethod],
    ];
  }

  /**
   * The model as plain JSON: the parameters, the training rows and their labels (the rest is rebuilt on load).
   *
   * @example
   * new HDBSCAN({ minClusterSize: 2 }).fit([[0], [0.1], [5], [5.1]]).toJSON().labels; // => [0, 0, 1, 1]
   */
  toJSON(): HDBSCANModelJSON {
    const d = this.nFeatures;
    const data = this.#data;
    return {
      kind: KIND,
      version: 1,
      params: { ...this.params },
      nFeatures: d,
      data: Array.from({ length: this.labels.length }, (_, i) => Array.from(data.subarray(i * d, (i + 1) * d))),
      labels: Array.from(this.labels),
    };
  }

  /**
   * Rebuild a model from {@link HDBSCANModel.toJSON} output. The parameters and rows are validated, the
   * hierarchy is recomputed from them (the fit is deterministic, so this costs one fit), and the stored labels
   * must equal the recomputed ones.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the first malformed field.
   * @example
   * const model = new HDBSCAN({ minClusterSize: 2 }).fit([[0], [0.1], [5], [5.1]]);
   * Array.from(HDBSCANModel.fromJSON(JSON.parse(JSON.stringify(model))).labels); // => [0, 0, 1, 1]
   */
  static fromJSON(json: unknown): HDBSCANModel {
    const object = readModelHeader(json, KIND, 1);
    const params = HDBSCAN_PARAMS.readFitted<HDBSCANFittedParams>(readObject(object, 'params', CONTEXT), CONTEXT, {
      minSamples: ((value, context, name) => {
        if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
        checkModel(false, context, `${name} must be an integer ≥ 1`);
        return 1;
      }) as Check<unknown>,
    });
    const d = readNumber(object, 'nFeatures', CONTEXT, { min: 1, integer: true });
    const raw = object.data;
    checkModel(Array.isArray(raw) && raw.length > 0, CONTEXT, 'data must be a non-empty array of rows');
    const n = (raw as unknown[]).length;
    requireCells(CONTEXT, 'data', n, d);
    const data = Float64Array.from(readNumberTable(object, 'data', CONTEXT, n, d).flat());
    checkModel(params.minSamples <= n, CONTEXT, `params.minSamples (${params.minSamples}) must be at most the number of rows (${n})`);
    checkModel(
      params.minClusterSize <= n,
      CONTEXT,
      `params.minClusterSize (${params.minClusterSize}) must be at most the number of rows (${n})`,
    );
    requireFiniteDistances(data, n, d, params.metric === 'euclidean', CONTEXT);
    const labels = readLabels(object, 'labels', CONTEXT, -1, n - 1);
    checkModel(labels.length === n, CONTEXT, `labels must have ${n} entries, has ${labels.length}`);
    const fitted = fitHierarchy(data, n, d, params, CONTEXT);
    for (let i = 0; i < n; i++) {
      checkModel(
        labels[i] === fitted.labels[i],
        CONTEXT,
        `labels[${i}] is ${labels[i]} but the rows and params give ${fitted.labels[i]}; the labels do not belong to these rows`,
      );
    }
    return new HDBSCANModel({ ...fitted, data, nFeatures: d, params });
  }
}
