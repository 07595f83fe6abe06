import { describeValue } from '../../core/describeValue';
import { formatNumber, htmlSummary } from '../../core/display';
import { FittedModel } from '../../core/FittedModel';
import type { Matrix, MatrixLike } from '../../core/Matrix';
import { centroidTable } from '../shared/centroidTable';
import {
  checkModel,
  readModelHeader,
  readNumberArray,
  readNumberTable,
  readObject,
  readString,
  type JsonObject,
} from '../../core/modelJson';
import { largestMagnitude, rescaleExponent, scaleDown, scaleUp } from '../../core/powerOfTwoScale';
import { SegmentkitError } from '../../core/SegmentkitError';
import { assertKnownOptions, requireInteger, requireNumber } from '../../core/validateOptions';
import type { Linkage } from './agglomerativeParams';
import { MODE_EUCLIDEAN, KDTree } from '../dbscan/KDTree';
import { clustersAtThreshold, cutTree } from './cutTree';
import { clusterSizes } from '../shared/clusterSizes';

/** Where to cut a tree: give exactly one of the two. */
export interface TreeCut {
  /** Number of clusters (1 to the number of rows). */
  readonly nClusters?: number;
  /** Undo every merge at a height ≥ this (scikit-learn's rule); ≥ 0. */
  readonly distanceThreshold?: number;
}

/** The resolved hyper-parameters and cut of an {@link AgglomerativeClusteringModel}. */
export interface AgglomerativeClusteringFittedParams {
  /** The linkage the tree was built with. */
  readonly linkage: Linkage;
  /** The requested number of clusters, or null when cut by distance. */
  readonly nClusters: number | null;
  /** The distance threshold of the cut, or null when cut by number of clusters. */
  readonly distanceThreshold: number | null;
}

/** The JSON form of an {@link AgglomerativeClusteringModel} (`kind: 'AgglomerativeClusteringModel'`, `version: 1`). */
export interface AgglomerativeClusteringModelJSON {
  /** Always `'AgglomerativeClusteringModel'`. */
  readonly kind: 'AgglomerativeClusteringModel';
  /** Format version. */
  readonly version: 1;
  /** Linkage and cut. */
  readonly params: AgglomerativeClusteringFittedParams;
  /** The clusters merged at each step (n − 1 pairs; cluster n + k is made at step k). */
  readonly children: number[][];
  /** Merge heights, non-decreasing. */
  readonly distances: number[];
  /** The training rows (n × d): needed for `centroids`, `predict` and cuts. */
  readonly rows: number[][];
}

/** @internal What a fit produces before the cut. */
export interface FittedTree {
  readonly linkage: Linkage;
  /** 2 ids per merge */
  readonly children: Int32Array;
  readonly heights: Float64Array;
  /** the training rows (owned by the model, never written) */
  readonly rows: Matrix;
}

const KIND = 'AgglomerativeClusteringModel';

/**
 * A fitted hierarchy (immutable): the full merge tree, and flat labels at one cut. `cut` gives the labels at
 * another level without refitting; {@link dendrogramData} gives plot coordinates. Produced by
 * {@link AgglomerativeClustering.fit}.
 *
 * @example
 * const tree = new AgglomerativeClustering({ linkage: 'single', nClusters: 2 }).fit([[0], [1], [5], [6], [20]]);
 * Array.from(tree.labels); // => [0, 0, 0, 0, 1]
 * Array.from(tree.cut({ distanceThreshold: 2 }).labels); // => [2, 2, 0, 0, 1]
 */
export class AgglomerativeClusteringModel extends FittedModel {
  /** Cluster of each training row at this cut, numbered as scikit-learn's `AgglomerativeClustering.labels_`. */
  readonly labels: Int32Array;
  /** Number of clusters at this cut. */
  readonly nClusters: number;
  /** The linkage the tree was built with. */
  readonly linkage: Linkage;
  /**
   * The n − 1 merges, in order of height: merge k joined the two clusters `children[k]` and made cluster
   * n + k (ids below n are rows). Equal to scikit-learn's `children_`.
   */
  readonly children: readonly (readonly [number, number])[];
  /** Height of each merge (scikit-learn's `distances_`, scipy's third linkage column), non-decreasing. */
  readonly distances: Float64Array;
  /** Number of training rows (leaves of the tree). */
  readonly nLeaves: number;
  /** Mean of the training rows of each cluster at this cut (k × d), in the units of X: segment profiles. */
  readonly centroids: readonly (readonly number[])[];
  /** Linkage and cut. */
  readonly params: AgglomerativeClusteringFittedParams;
  readonly #tree: FittedTree;
  readonly #counts: Int32Array;
  #index: KDTree | undefined;

  /** @internal Use {@link AgglomerativeClustering.fit}, {@link AgglomerativeClusteringModel.cut} or {@link AgglomerativeClusteringModel.fromJSON}. */
  constructor(tree: FittedTree, counts: Int32Array, nClusters: number, distanceThreshold: number | null) {
    const { rows, children, heights } = tree;
    const n = rows.rows;
    const d = rows.cols;
    super(KIND, d);
    this.#tree = tree;
    this.#counts = counts;
    this.linkage = tree.linkage;
    this.nLeaves = n;
    this.nClusters = nClusters;
    this.labels = cutTree(children, n, nClusters);
    // a copy: the tree (and its heights) is shared by every model cut() makes from it
    this.distances = heights.slice();
    this.children = Object.freeze(
      Array.from({ length: n - 1 }, (_, k) => Object.freeze([children[2 * k]!, children[2 * k + 1]!] as const)),
    );
    // summed rescaled when the rows are beyond 2^±400 (a sum of values near 1e308 overflows; their mean does not)
    const exponent = rescaleExponent(largestMagnitude(rows.data));
    const data = scaleDown(rows.data, exponent);
    const sums = new Float64Array(nClusters * d);
    const sizes = new Float64Array(nClusters);
    for (let i = 0; i < n; i++) {
      const c = this.labels[i]!;
      sizes[c]!++;
      for (let t = 0; t < d; t++) sums[c * d + t]! += data[i * d + t]!;
    }
    this.centroids = Object.freeze(
      Array.from({ length: nClusters }, (_, c) =>
        Object.freeze(Array.from(sums.subarray(c * d, (c + 1) * d), (v) => scaleUp(v / sizes[c]!, exponent))),
      ),
    );
    this.params = Object.freeze({
      linkage: tree.linkage,
      nClusters: distanceThreshold === null ? nClusters : null,
      distanceThreshold,
    });
    Object.freeze(this);
  }

  /** @internal */
  protected summaryLine(): string {
    return `AgglomerativeClusteringModel { ${this.#facts()
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}, sizes: [${this.clusterSizes.join(', ')}] }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    return htmlSummary(
      'AgglomerativeClusteringModel',
      this.#facts(),
      centroidTable(this.centroids, this.clusterSizes, this.nLeaves, this.nFeatures),
    );
  }

  #facts(): [string, string][] {
    const h = this.distances;
    return [
      ['linkage', this.linkage],
      ['nClusters', String(this.nClusters)],
      ['rows', String(this.nLeaves)],
      ['nFeatures', String(this.nFeatures)],
      ['top merge height', h.length > 0 ? formatNumber(h[h.length - 1]!) : '0'],
      ...(this.params.distanceThreshold === null
        ? []
        : [['distanceThreshold', formatNumber(this.params.distanceThreshold)] as [string, string]]),
    ];
  }

  /** @internal Validate a cut and build the model. */
  static create(tree: FittedTree, cut: TreeCut, context: string): AgglomerativeClusteringModel {
    if (typeof cut !== 'object' || cut === null || Array.isArray(cut)) {
      throw new SegmentkitError('E_PARAM', `${context}: pass { nClusters } or { distanceThreshold }, got ${describeValue(cut)}`);
    }
    assertKnownOptions(context, cut, ['nClusters', 'distanceThreshold']);
    const n = tree.rows.rows;
    const counts = subtreeCounts(tree.children, n);
    if (cut.nClusters !== undefined && cut.distanceThreshold !== undefined) {
      throw new SegmentkitError('E_PARAM', `${context}: give nClusters or distanceThreshold, not both`);
    }
    if (cut.distanceThreshold !== undefined) {
      const threshold = requireNumber(context, 'distanceThreshold', cut.distanceThreshold, { min: 0 });
      return new AgglomerativeClusteringModel(tree, counts, clustersAtThreshold(tree.heights, threshold), threshold);
    }
    if (cut.nClusters === undefined) throw new SegmentkitError('E_PARAM', `${context}: give nClusters or distanceThreshold`);
    const k = requireInteger(context, 'nClusters', cut.nClusters, { min: 1 });
    if (k > n) throw new SegmentkitError('E_PARAM', `${context}: nClusters = ${k} but the tree has only ${n} rows; lower nClusters`);
    return new AgglomerativeClusteringModel(tree, counts, k, null);
  }

  /** Number of training rows in each cluster at this cut. */
  get clusterSizes(): number[] {
    return clusterSizes(this.labels, this.nClusters);
  }

  /**
   * The same tree cut elsewhere: by number of clusters, or at a height (merges at a height ≥ the threshold are
   * undone, as scikit-learn). No refit; labels numbered as scikit-learn's.
   *
   * @throws {@link SegmentkitError} `E_PARAM` unless exactly one of `nClusters` (1 to the rows) and
   *   `distanceThreshold` (≥ 0) is given.
   * @example
   * const tree = new AgglomerativeClustering({ nClusters: 2 }).fit([[0], [1], [10], [11], [30]]);
   * tree.cut({ nClusters: 3 }).clusterSizes; // => [2, 1, 2]
   */
  cut(options: TreeCut): AgglomerativeClusteringModel {
    return AgglomerativeClusteringModel.create(this.#tree, options, 'AgglomerativeClusteringModel.cut');
  }

  /**
   * The tree as scipy's linkage matrix Z: row k is [first child, second child, height, rows in the new
   * cluster], the smaller child id first, new clusters numbered n, n + 1, … (pass it to
   * `scipy.cluster.hierarchy` functions, or to {@link dendrogramData}).
   *
   * @example
   * new AgglomerativeClustering({ linkage: 'complete' }).fit([[0], [2], [3]]).linkageMatrix(); // => [[1, 2, 1, 2], [0, 3, 3, 3]]
   */
  linkageMatrix(): number[][] {
    const children = this.#tree.children;
    return Array.from({ length: this.nLeaves - 1 }, (_, k) => {
      const a = children[2 * k]!;
      const b = children[2 * k + 1]!;
      return [Math.min(a, b), Math.max(a, b), this.#tree.heights[k]!, this.#counts[k]!];
    });
  }

  /**
   * Assign new rows to this cut's clusters: the cluster of the nearest training row (Euclidean; ties → the
   * lower row index). scikit-learn has no `predict` for agglomerative clustering; this is the extension that
   * fits every linkage (a new row would first merge with its nearest neighbour). Training rows get their own
   * labels.
   *
   * @throws {@link SegmentkitError} `E_SHAPE` for a wrong column count, `E_NOT_FINITE`.
   * @example
   * const tree = new AgglomerativeClustering({ nClusters: 2 }).fit([[0], [1], [10], [11]]);
   * tree.predict([[2], [9]]); // => Int32Array [1, 0]
   */
  predict(X: MatrixLike): Int32Array {
    const m = this.rowsFor(X, 'predict');
    const d = this.nFeatures;
    const { rows } = this.#tree;
    // rows or queries beyond 2^±400 are compared rescaled (squared distances of them overflow and would all tie)
    const exponent = rescaleExponent(Math.max(largestMagnitude(rows.data), largestMagnitude(m.data)));
    const index =
      exponent === 0
        ? (this.#index ??= new KDTree(rows.data, rows.rows, d, MODE_EUCLIDEAN))
        : new KDTree(scaleDown(rows.data, exponent), rows.rows, d, MODE_EUCLIDEAN);
    const queries = scaleDown(m.data, exponent);
    const out = new Int32Array(m.rows);
    const scratch = new Float64Array(1);
    for (let i = 0; i < m.rows; i++) out[i] = this.labels[index.nearestWithin(queries, i * d, Infinity, scratch)]!;
    return out;
  }

  /**
   * The model as plain JSON: the tree, the cut and the training rows (labels and centroids are recomputed on
   * load).
   *
   * @example
   * new AgglomerativeClustering().fit([[0], [1], [5]]).toJSON().children; // => [[0, 1], [2, 3]]
   */
  toJSON(): AgglomerativeClusteringModelJSON {
    const { rows } = this.#tree;
    const d = rows.cols;
    return {
      kind: KIND,
      version: 1,
      params: { ...this.params },
      children: this.children.map(([a, b]) => [a, b]),
      distances: Array.from(this.#tree.heights),
      rows: Array.from({ length: rows.rows }, (_, i) => Array.from(rows.data.subarray(i * d, (i + 1) * d))),
    };
  }

  /**
   * Rebuild from {@link AgglomerativeClusteringModel.toJSON} output, validating every field (each cluster merged
   * once and only after it exists, heights finite and non-decreasing, one row per leaf).
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the first malformed field.
   * @example
   * const tree = new AgglomerativeClustering({ nClusters: 2 }).fit([[0], [1], [10]]);
   * Array.from(AgglomerativeClusteringModel.fromJSON(JSON.parse(JSON.stringify(tree))).labels); // => [0, 0, 1]
   */
  static fromJSON(json: unknown): AgglomerativeClusteringModel {
    const context = `${KIND}.fromJSON`;
    const object = readModelHeader(json, KIND, 1);
    const params = readObject(object, 'params', context);
    const linkage = readString(params, 'linkage', context, ['ward', 'complete', 'average', 'single'] as const);
    const table = readNumberTable(object, 'rows', context);
    const n = table.length;
    const d = table[0]!.length;
    checkModel(n >= 2, context, 'rows must have at least 2 rows');
    const distances = readNumberArray(object, 'distances', context, n - 1);
    for (let k = 0; k < n - 1; k++) {
      checkModel(
        distances[k]! >= 0 && (k === 0 || distances[k]! >= distances[k - 1]!),
        context,
        `distances[${k}] must be ≥ 0 and ≥ the previous height`,
      );
    }
    const children = readChildren(object, n, context);
    const tree: FittedTree = {
      linkage,
      children,
      heights: Float64Array.from(distances),
      rows: { data: Float64Array.from(table.flat()), rows: n, cols: d },
    };
    const nClusters = readNullable(params, 'nClusters', context);
    const distanceThreshold = readNullable(params, 'distanceThreshold', context);
    checkModel(
      (nClusters === null) !== (distanceThreshold === null),
      context,
      'params must have exactly one of nClusters and distanceThreshold',
    );
    try {
      return AgglomerativeClusteringModel.create(
        tree,
        nClusters === null ? { distanceThreshold: distanceThreshold! } : { nClusters },
        context,
      );
    } catch (err) {
      throw new SegmentkitError('E_MODEL', `${context}: params do not describe a valid cut (${(err as Error).message})`, { cause: err });
    }
  }
}

function readNullable(object: JsonObject, field: string, context: string): number | null {
  const value = object[field];
  if (value === null) return null;
  checkModel(typeof value === 'number' && Number.isFinite(value), context, `params.${field} must be a finite number or null`);
  return value as number;
}

/** Children pairs: merge k may only use rows and clusters made before it, and each id is merged exactly once. */
function readChildren(object: JsonObject, n: number, context: string): Int32Array {
  const value = object.children;
  checkModel(Array.isArray(value) && value.length === n - 1, context, `children must be an array of ${n - 1} pairs`);
  const out = new Int32Array(2 * (n - 1));
  const used = new Uint8Array(2 * n - 1);
  (value as unknown[]).forEach((pair, k) => {
    checkModel(Array.isArray(pair) && pair.length === 2, context, `children[${k}] must be a pair of cluster ids`);
    for (let j = 0; j < 2; j++) {
      const id = (pair as unknown[])[j];
      checkModel(
        typeof id === 'number' && Number.isInteger(id) && id >= 0 && id < n + k && used[id] === 0,
        context,
        `children[${k}][${j}] must be a row or an earlier cluster (an integer below ${n + k}) not merged before`,
      );
      used[id as number] = 1;
      out[2 * k + j] = id as number;
    }
  });
  return out;
}

/** Rows under each merge. */
function subtreeCounts(children: Int32Array, n: number): Int32Array {
  const counts = new Int32Array(n - 1);
  for (let k = 0; k < n - 1; k++) {
    const a = children[2 * k]!;
    const b = children[2 * k + 1]!;
    counts[k] = (a < n ? 1 : counts[a - n]!) + (b < n ? 1 : counts[b - n]!);
  }
  return counts;
}
