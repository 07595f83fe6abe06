import { formatNumber, htmlSummary, installDisplay } from '../core/display';
import { toMatrix, type Matrix, type MatrixLike } from '../core/Matrix';
import { checkModel, readModelHeader, readNumberArray } from '../core/modelJson';
import { quantileSorted } from '../core/quantile';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireNumber } from '../core/validateOptions';
import { sortedColumn } from './columnValues';
import { mapCells, rowsForTransform } from './fittedColumns';

/** Options for {@link Winsorizer}. */
export interface WinsorizerParams {
  /** Lower and upper quantiles to clip at, in [0, 1]. Default `[0.01, 0.99]`. */
  readonly quantiles?: readonly [number, number];
}

/** The JSON form of a {@link WinsorizerModel}. */
export interface WinsorizerModelJSON {
  /** Always `'WinsorizerModel'`. */
  readonly kind: 'WinsorizerModel';
  /** Format version. */
  readonly version: 1;
  /** Lower clip per column. */
  readonly lower: number[];
  /** Upper clip per column. */
  readonly upper: number[];
}

const KIND = 'WinsorizerModel';

/**
 * Clip every column to quantiles learnt in fit (numpy's 'linear' quantiles), so a handful of extreme customers
 * cannot drag centroids around. Rows are never dropped; values are capped.
 *
 * @example
 * const model = new Winsorizer({ quantiles: [0, 0.75] }).fit([[1], [2], [3], [100]]);
 * model.transform([[100]]).data; // => Float64Array [27.25]
 */
export class Winsorizer {
  /** The options, as given. */
  readonly params: WinsorizerParams;

  /** @throws {@link SegmentkitError} `E_PARAM` for an unknown option or quantiles outside 0 ≤ low < high ≤ 1. */
  constructor(params: WinsorizerParams = {}) {
    assertKnownOptions('Winsorizer', params, ['quantiles']);
    const [low, high] = params.quantiles ?? [0.01, 0.99];
    requireNumber('Winsorizer', 'quantiles[0]', low, { min: 0, max: 1 });
    requireNumber('Winsorizer', 'quantiles[1]', high, { min: 0, max: 1 });
    if (!(low < high)) throw new SegmentkitError('E_PARAM', `Winsorizer: quantiles must be [low, high] with low < high, got [${low}, ${high}]`);
    this.params = Object.freeze({ ...params });
  }

  /**
   * Learn each column's clip limits.
   *
   * @throws {@link SegmentkitError} `E_NOT_FINITE` (impute first), `E_EMPTY`.
   * @example
   * new Winsorizer({ quantiles: [0.25, 0.75] }).fit([[1], [2], [3], [4], [5]]).upper; // => [4]
   */
  fit(X: MatrixLike): WinsorizerModel {
    const m = toMatrix(X, 'Winsorizer.fit');
    const [low, high] = this.params.quantiles ?? [0.01, 0.99];
    const lower: number[] = [];
    const upper: number[] = [];
    for (let j = 0; j < m.cols; j++) {
      const sorted = sortedColumn(m, j);
      lower.push(quantileSorted(sorted, low));
      upper.push(quantileSorted(sorted, high));
    }
    return new WinsorizerModel({ lower, upper });
  }
}

/** A fitted {@link Winsorizer} (immutable). */
export class WinsorizerModel {
  /** Number of columns. */
  readonly nFeatures: number;
  /** Lower clip per column. */
  readonly lower: readonly number[];
  /** Upper clip per column. */
  readonly upper: readonly number[];

  /** @internal Use {@link Winsorizer.fit} or {@link WinsorizerModel.fromJSON}. */
  constructor(fields: Omit<WinsorizerModelJSON, 'kind' | 'version'>) {
    this.nFeatures = fields.lower.length;
    this.lower = Object.freeze([...fields.lower]);
    this.upper = Object.freeze([...fields.upper]);
    Object.freeze(this);
  }

  /**
   * Clip every value to its column's limits.
   *
   * @throws {@link SegmentkitError} `E_SHAPE` for a wrong column count.
   * @example
   * new Winsorizer({ quantiles: [0.25, 0.75] }).fit([[1], [2], [3], [4], [5]]).transform([[0], [9]]).data; // => Float64Array [2, 4]
   */
  transform(X: MatrixLike): Matrix {
    const { lower, upper } = this;
    return mapCells(rowsForTransform(X, this.nFeatures, 'WinsorizerModel.transform'), (v, j) => Math.min(upper[j]!, Math.max(lower[j]!, v)));
  }

  /**
   * The identity: clipped values cannot be recovered (centroids are reported within the clip limits).
   *
   * @example
   * new Winsorizer().fit([[1], [2]]).inverseTransform([[1.5]]).data; // => Float64Array [1.5]
   */
  inverseTransform(X: MatrixLike): Matrix {
    return mapCells(rowsForTransform(X, this.nFeatures, 'WinsorizerModel.inverseTransform'), (v) => v);
  }

  /**
   * The fitted winsorizer as plain JSON.
   *
   * @example
   * new Winsorizer({ quantiles: [0, 1] }).fit([[1], [2]]).toJSON().upper; // => [2]
   */
  toJSON(): WinsorizerModelJSON {
    return { kind: KIND, version: 1, lower: [...this.lower], upper: [...this.upper] };
  }

  /**
   * Rebuild from {@link WinsorizerModel.toJSON} output, validating every field.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the malformed field.
   * @example
   * WinsorizerModel.fromJSON({ kind: 'WinsorizerModel', version: 1, lower: [0], upper: [5] }).upper; // => [5]
   */
  static fromJSON(json: unknown): WinsorizerModel {
    const context = `${KIND}.fromJSON`;
    const object = readModelHeader(json, KIND, 1);
    const lower = readNumberArray(object, 'lower', context);
    const upper = readNumberArray(object, 'upper', context, lower.length);
    checkModel(lower.length > 0 && lower.every((v, j) => v <= upper[j]!), context, 'lower must be non-empty and ≤ upper');
    return new WinsorizerModel({ lower, upper });
  }
}

installDisplay(
  WinsorizerModel.prototype,
  (model) => `WinsorizerModel { nFeatures: ${model.nFeatures}, lower: [${model.lower.map((v) => formatNumber(v)).join(', ')}], upper: [${model.upper.map((v) => formatNumber(v)).join(', ')}] }`,
  (model) =>
    htmlSummary('WinsorizerModel', [['nFeatures', String(model.nFeatures)]], {
      header: ['feature', 'lower', 'upper'],
      rows: model.lower.map((v, j) => [String(j), formatNumber(v), formatNumber(model.upper[j]!)]),
    }),
);
