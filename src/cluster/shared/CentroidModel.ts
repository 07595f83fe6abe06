import { FittedModel } from '../../core/FittedModel';
import type { Matrix, MatrixLike } from '../../core/Matrix';
import { largestMagnitude, rescaleExponent, scaleDown, scaleUp } from '../../core/powerOfTwoScale';
import { SegmentkitError } from '../../core/SegmentkitError';
import { toVector } from '../../core/toVector';
import { assertKnownOptions } from '../../core/validateOptions';
import { nearestCentroid } from './nearestCentroid';
import { centroidScoringSql, type ScoringSqlOptions } from '../../sql/scoringSql';
import type { SqlQuery } from '../../sql/sqlDialect';

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
  /**
   * The rows and centres as the distance kernels should see them: as given, or (when either holds values beyond
   * 2^±400, whose squared distances overflow or underflow) both times the same power of two, `2^−exponent`.
   */
  #comparable(m: Matrix): { m: Matrix; centers: Float64Array; exponent: number } {
    const exponent = rescaleExponent(Math.max(largestMagnitude(m.data), largestMagnitude(this.#centers)));
    if (exponent === 0) return { m, centers: this.#centers, exponent };
    return { m: { data: scaleDown(m.data, exponent), rows: m.rows, cols: m.cols }, centers: scaleDown(this.#centers, exponent), exponent };
  }

  /** @internal The centres, row-major (k × d), for subclasses. */
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
    const { m, centers } = this.#comparable(this.rowsFor(X, 'predict'));
    const labels = new Int32Array(m.rows);
    nearestCentroid(m, centers, this.nClusters, labels);
    return labels;
  }

  /**
   * A SQL query that assigns every row of a warehouse table to its nearest centroid, inside the database: the
   * same squared distances as {@link CentroidModel.predict} (summed in column order), ties to the lowest
   * index, and a NULL segment for a row with a NULL (or non-finite) input. Output columns: the `id` columns,
   * then `segment`. The centroids are written as exact literals; with `pipeline`, the fitted feature steps run
   * in SQL in front of the model (category values as bound `params`). Dialects: `'duckdb'` (default),
   * `'postgres'`, `'bigquery'`, `'snowflake'`, `'spark'`; see the warehouse guide.
   *
   * @throws {@link SegmentkitError} `E_PARAM` for a bad option or identifier, `E_SHAPE` when `columns` (or the
   *   pipeline's outputs) do not number `nFeatures`.
   * @example
   * const model = kmeans([[0], [1], [10], [11]], { nClusters: 2, init: [[0], [10]] });
   * const { sql, params } = model.toSql({ table: 'customers', columns: ['spend'], id: 'customer_id' });
   * sql.includes('"spend"'); // => true
   * params; // => []
   */
  toSql(options: ScoringSqlOptions): SqlQuery {
    return centroidScoringSql(this.#centers, this.nClusters, this.nFeatures, options, `${this.kind}.toSql`);
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
    const { m, centers, exponent } = this.#comparable(this.rowsFor(X, 'transform'));
    const k = this.nClusters;
    const squared = new Float64Array(m.rows * k);
    nearestCentroid(m, centers, k, new Int32Array(m.rows), undefined, squared);
    for (let i = 0; i < squared.length; i++) {
      squared[i] = scaleUp(Math.sqrt(squared[i]!), exponent);
      if (squared[i] === Infinity) {
        throw new SegmentkitError(
          'E_DOMAIN',
          `${this.kind}.transform: the distance from X[${Math.floor(i / k)}] to centroid ${i % k} exceeds the largest double; rescale X (divide it by a power of ten) first`,
        );
      }
    }
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
    assertKnownOptions(`${this.kind}.score`, options, ['sampleWeight']);
    const { m, centers, exponent } = this.#comparable(this.rowsFor(X, 'score'));
    const weights =
      options.sampleWeight === undefined
        ? null
        : toVector(options.sampleWeight, `${this.kind}.score`, { name: 'sampleWeight', length: m.rows });
    const nearest = new Float64Array(m.rows);
    nearestCentroid(m, centers, this.nClusters, new Int32Array(m.rows), nearest);
    let total = 0;
    for (let i = 0; i < m.rows; i++) total += weights === null ? nearest[i]! : weights[i]! * nearest[i]!;
    total = scaleUp(total, 2 * exponent);
    if (!Number.isFinite(total)) {
      throw new SegmentkitError(
        'E_DOMAIN',
        `${this.kind}.score: the weighted sum of squared distances exceeds the largest double; rescale X (or the weights) first`,
      );
    }
    return -total;
  }
}
