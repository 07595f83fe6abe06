import { FittedModel } from '../../core/FittedModel';
import type { Matrix, MatrixLike } from '../../core/Matrix';
import { toVector } from '../../core/toVector';
import { nearestCentroid } from './nearestCentroid';

/**
 * What every centroid-based model (k-means, mini-batch k-means) can do with new rows: assign them to the
 * nearest centroid, measure distances, and score. Not constructed directly; see {@link KMeansModel} and
 * {@link MiniBatchKMeansModel}.
 *
 * @example
 * kmeans([[0], [10]], { nClusters: 2, init: [[0], [10]] }) instanceof CentroidModel; // => true
 */
export abstract class CentroidModel extends FittedModel {
  /** Centroids, one row per cluster (k × d). */
  readonly centroids: number[][];
  /** Number of clusters. */
  readonly nClusters: number;
  readonly #centers: Float64Array;

  /** @internal */
  protected constructor(kind: string, centers: Float64Array, nClusters: number, nFeatures: number) {
    super(kind, nFeatures);
    this.#centers = centers;
    this.nClusters = nClusters;
    this.centroids = Object.freeze(
      Array.from(
        { length: nClusters },
        (_, j) => Object.freeze(Array.from(centers.subarray(j * nFeatures, (j + 1) * nFeatures))) as number[],
      ),
    ) as number[][];
  }

  /** @internal The centroids as one row-major buffer (not a copy; never write to it). */
  protected get centerData(): Float64Array {
    return this.#centers;
  }

  /**
   * The nearest centroid of each row (ties → lowest cluster index).
   *
   * @throws {@link SegmentkitError} `E_SHAPE` for a wrong column count, `E_NOT_FINITE` for NaN/±Infinity.
   * @example
   * const model = kmeans([[0], [1], [10], [11]], { nClusters: 2, init: [[0], [10]] });
   * model.predict([[2], [12]]); // => Int32Array [0, 1]
   */
  predict(X: MatrixLike): Int32Array {
    const m = this.rowsFor(X, 'predict');
    const labels = new Int32Array(m.rows);
    nearestCentroid(m, this.#centers, this.nClusters, labels);
    return labels;
  }

  /**
   * Euclidean distance from each row to each centroid (rows × k), as scikit-learn's `transform`.
   *
   * @throws {@link SegmentkitError} `E_SHAPE` for a wrong column count.
   * @example
   * const model = kmeans([[0], [1], [10], [11]], { nClusters: 2, init: [[0], [10]] });
   * Array.from(model.transform([[3]]).data); // => [2.5, 7.5]
   */
  transform(X: MatrixLike): Matrix {
    const m = this.rowsFor(X, 'transform');
    const k = this.nClusters;
    const squared = new Float64Array(m.rows * k);
    nearestCentroid(m, this.#centers, k, new Int32Array(m.rows), undefined, squared);
    for (let i = 0; i < squared.length; i++) squared[i] = Math.sqrt(squared[i]!);
    return { data: squared, rows: m.rows, cols: k };
  }

  /**
   * Opposite of the (weighted) inertia of `X` under this model: higher is better, as scikit-learn's `score`.
   *
   * @param options.sampleWeight - optional weight per row
   * @example
   * const model = kmeans([[0], [2]], { nClusters: 1, init: [[1]] });
   * model.score([[0], [2]]); // => -2
   */
  score(X: MatrixLike, options: { sampleWeight?: ArrayLike<number> } = {}): number {
    const m = this.rowsFor(X, 'score');
    const weights =
      options.sampleWeight === undefined
        ? null
        : toVector(options.sampleWeight, `${this.kind}.score`, { name: 'sampleWeight', length: m.rows });
    const nearest = new Float64Array(m.rows);
    nearestCentroid(m, this.#centers, this.nClusters, new Int32Array(m.rows), nearest);
    let total = 0;
    for (let i = 0; i < m.rows; i++) total += weights === null ? nearest[i]! : weights[i]! * nearest[i]!;
    return -total;
  }
}
