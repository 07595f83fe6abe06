import { formatNumber, htmlSummary, installDisplay } from '../core/display';
import { toMatrix, type MatrixLike } from '../core/Matrix';
import { checkModel, readModelHeader, readNumberArray } from '../core/modelJson';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireNumber } from '../core/validateOptions';
import { AffineColumnsModel } from './AffineColumnsModel';
import { handleZerosInScale } from './fittedColumns';

/** Options for {@link MinMaxScaler}. */
export interface MinMaxScalerParams {
  /** Target range of every column. Default `[0, 1]`. */
  readonly featureRange?: readonly [number, number];
}

/** The JSON form of a {@link MinMaxScalerModel}. */
export interface MinMaxScalerModelJSON {
  /** Always `'MinMaxScalerModel'`. */
  readonly kind: 'MinMaxScalerModel';
  /** Format version. */
  readonly version: 1;
  /** Target range. */
  readonly featureRange: [number, number];
  /** Column minima seen in fit. */
  readonly dataMin: number[];
  /** Column maxima seen in fit. */
  readonly dataMax: number[];
}

const KIND = 'MinMaxScalerModel';

/**
 * Rescale every column linearly so the fitted minimum maps to `featureRange[0]` and the maximum to
 * `featureRange[1]`, as scikit-learn's `MinMaxScaler`. A constant column maps to `featureRange[0]`.
 * New values outside the fitted range map outside the target range (no clipping).
 *
 * @example
 * new MinMaxScaler().fit([[10], [20]]).transform([[15]]).data; // => Float64Array [0.5]
 */
export class MinMaxScaler {
  /** The options, as given. */
  readonly params: MinMaxScalerParams;

  /** @throws {@link SegmentkitError} `E_PARAM` for an unknown option or a range with min ≥ max. */
  constructor(params: MinMaxScalerParams = {}) {
    assertKnownOptions('MinMaxScaler', params, ['featureRange']);
    const [low, high] = params.featureRange ?? [0, 1];
    requireNumber('MinMaxScaler', 'featureRange[0]', low);
    requireNumber('MinMaxScaler', 'featureRange[1]', high);
    if (!(low < high)) throw new SegmentkitError('E_PARAM', `MinMaxScaler: featureRange must be [min, max] with min < max, got [${low}, ${high}]`);
    this.params = Object.freeze({ ...params });
  }

  /**
   * Learn each column's minimum and maximum.
   *
   * @throws {@link SegmentkitError} `E_NOT_FINITE` (impute first), `E_EMPTY`, `E_SHAPE`.
   * @example
   * new MinMaxScaler().fit([[10], [20]]).dataMax; // => [20]
   */
  fit(X: MatrixLike): MinMaxScalerModel {
    const m = toMatrix(X, 'MinMaxScaler.fit');
    const dataMin = new Array<number>(m.cols).fill(Infinity);
    const dataMax = new Array<number>(m.cols).fill(-Infinity);
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < m.cols; j++) {
        const v = m.data[i * m.cols + j]!;
        if (v < dataMin[j]!) dataMin[j] = v;
        if (v > dataMax[j]!) dataMax[j] = v;
      }
    }
    return new MinMaxScalerModel({ featureRange: [...(this.params.featureRange ?? [0, 1])] as [number, number], dataMin, dataMax });
  }
}

/** A fitted {@link MinMaxScaler} (immutable). */
export class MinMaxScalerModel extends AffineColumnsModel {
  /** Target range. */
  readonly featureRange: readonly [number, number];
  /** Column minima seen in fit. */
  readonly dataMin: readonly number[];
  /** Column maxima seen in fit. */
  readonly dataMax: readonly number[];

  /** @internal Use {@link MinMaxScaler.fit} or {@link MinMaxScalerModel.fromJSON}. */
  constructor(fields: Omit<MinMaxScalerModelJSON, 'kind' | 'version'>) {
    const [low, high] = fields.featureRange;
    const divisors = fields.dataMin.map((min, j) => handleZerosInScale(fields.dataMax[j]! - min) / (high - low));
    super(KIND, fields.dataMin, divisors, fields.dataMin.map(() => low));
    this.featureRange = Object.freeze([low, high]) as readonly [number, number];
    this.dataMin = Object.freeze([...fields.dataMin]);
    this.dataMax = Object.freeze([...fields.dataMax]);
    Object.freeze(this);
  }

  /**
   * The fitted scaler as plain JSON.
   *
   * @example
   * new MinMaxScaler().fit([[10], [20]]).toJSON().dataMin; // => [10]
   */
  toJSON(): MinMaxScalerModelJSON {
    return { kind: KIND, version: 1, featureRange: [...this.featureRange], dataMin: [...this.dataMin], dataMax: [...this.dataMax] };
  }

  /**
   * Rebuild from {@link MinMaxScalerModel.toJSON} output, validating every field.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the malformed field.
   * @example
   * MinMaxScalerModel.fromJSON(new MinMaxScaler().fit([[10], [20]]).toJSON()).dataMax; // => [20]
   */
  static fromJSON(json: unknown): MinMaxScalerModel {
    const context = `${KIND}.fromJSON`;
    const object = readModelHeader(json, KIND, 1);
    const range = readNumberArray(object, 'featureRange', context, 2);
    const dataMin = readNumberArray(object, 'dataMin', context);
    const dataMax = readNumberArray(object, 'dataMax', context, dataMin.length);
    checkModel(range[0]! < range[1]! && dataMin.length > 0 && dataMin.every((v, j) => v <= dataMax[j]!), context, 'featureRange must be increasing and dataMin ≤ dataMax');
    return new MinMaxScalerModel({ featureRange: [range[0]!, range[1]!], dataMin, dataMax });
  }
}

installDisplay(
  MinMaxScalerModel.prototype,
  (model) => `MinMaxScalerModel { nFeatures: ${model.nFeatures}, featureRange: [${model.featureRange.join(', ')}] }`,
  (model) =>
    htmlSummary('MinMaxScalerModel', [['featureRange', `[${model.featureRange.join(', ')}]`]], {
      header: ['feature', 'min', 'max'],
      rows: model.dataMin.map((v, j) => [String(j), formatNumber(v), formatNumber(model.dataMax[j]!)]),
    }),
);
