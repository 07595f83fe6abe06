import { formatNumber, htmlSummary, installDisplay } from '../core/display';
import { toMatrix, type MatrixLike } from '../core/Matrix';
import { normalQuantile } from '../core/normalQuantile';
import { checkModel, readBoolean, readModelHeader, readNumberArray } from '../core/modelJson';
import { quantileSorted } from '../core/quantile';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireNumber } from '../core/validateOptions';
import { AffineColumnsModel } from './AffineColumnsModel';
import { sortedColumn } from './columnValues';
import { handleZerosInScale } from './fittedColumns';

/** Options for {@link RobustScaler}. */
export interface RobustScalerParams {
  /** Subtract the median. Default `true`. */
  readonly withCentering?: boolean;
  /** Divide by the inter-quantile range. Default `true`. */
  readonly withScaling?: boolean;
  /** The percentiles whose difference is the scale. Default `[25, 75]` (the IQR). */
  readonly quantileRange?: readonly [number, number];
  /** Also divide by the normal distribution's width for that range, so normal data ends with variance 1. Default `false`. */
  readonly unitVariance?: boolean;
}

/** The JSON form of a {@link RobustScalerModel}. */
export interface RobustScalerModelJSON {
  /** Always `'RobustScalerModel'`. */
  readonly kind: 'RobustScalerModel';
  /** Format version. */
  readonly version: 1;
  /** Whether the median is subtracted. */
  readonly withCentering: boolean;
  /** Whether the scale is divided out. */
  readonly withScaling: boolean;
  /** Column medians. */
  readonly center: number[];
  /** Column scales (1 where the range is zero). */
  readonly scale: number[];
}

const KIND = 'RobustScalerModel';

/**
 * Scale with statistics that outliers barely move: subtract the median, divide by the inter-quartile range
 * (numpy 'linear' percentiles), as scikit-learn's `RobustScaler`. A zero range (e.g. a mostly-zero column)
 * gives scale 1. Prefer it to {@link StandardScaler} for spend-like columns with a few huge customers.
 *
 * @example
 * new RobustScaler().fit([[1], [2], [3], [4], [100]]).center; // => [3]
 */
export class RobustScaler {
  /** The options, as given. */
  readonly params: RobustScalerParams;

  /** @throws {@link SegmentkitError} `E_PARAM` for an unknown option or a range outside 0 ≤ low < high ≤ 100. */
  constructor(params: RobustScalerParams = {}) {
    assertKnownOptions('RobustScaler', params, ['withCentering', 'withScaling', 'quantileRange', 'unitVariance']);
    const [low, high] = params.quantileRange ?? [25, 75];
    requireNumber('RobustScaler', 'quantileRange[0]', low, { min: 0, max: 100 });
    requireNumber('RobustScaler', 'quantileRange[1]', high, { min: 0, max: 100 });
    if (!(low < high)) throw new SegmentkitError('E_PARAM', `RobustScaler: quantileRange must be [low, high] with low < high, got [${low}, ${high}]`);
    this.params = Object.freeze({ ...params });
  }

  /**
   * Learn each column's median and inter-quantile range.
   *
   * @throws {@link SegmentkitError} `E_NOT_FINITE` (impute first), `E_EMPTY`, `E_SHAPE`.
   * @example
   * new RobustScaler().fit([[1], [2], [3], [4], [100]]).scale; // => [2]
   */
  fit(X: MatrixLike): RobustScalerModel {
    const m = toMatrix(X, 'RobustScaler.fit');
    const [low, high] = this.params.quantileRange ?? [25, 75];
    const center: number[] = [];
    const scale: number[] = [];
    const normalWidth = this.params.unitVariance ? normalQuantile(high / 100) - normalQuantile(low / 100) : 1;
    for (let j = 0; j < m.cols; j++) {
      const sorted = sortedColumn(m, j);
      center.push(quantileSorted(sorted, 0.5));
      const range = quantileSorted(sorted, high / 100) - quantileSorted(sorted, low / 100);
      scale.push(handleZerosInScale(range) / normalWidth);
    }
    return new RobustScalerModel({
      withCentering: this.params.withCentering ?? true,
      withScaling: this.params.withScaling ?? true,
      center,
      scale,
    });
  }
}

/** A fitted {@link RobustScaler} (immutable): `y = (x − center) / scale`. */
export class RobustScalerModel extends AffineColumnsModel {
  /** Column medians. */
  readonly center: readonly number[];
  /** Column scales (inter-quantile ranges; 1 where the range is zero). */
  readonly scale: readonly number[];
  /** Whether the median is subtracted. */
  readonly withCentering: boolean;
  /** Whether the scale is divided out. */
  readonly withScaling: boolean;

  /** @internal Use {@link RobustScaler.fit} or {@link RobustScalerModel.fromJSON}. */
  constructor(fields: Omit<RobustScalerModelJSON, 'kind' | 'version'>) {
    super(KIND, fields.withCentering ? fields.center : fields.center.map(() => 0), fields.withScaling ? fields.scale : fields.scale.map(() => 1));
    this.center = Object.freeze([...fields.center]);
    this.scale = Object.freeze([...fields.scale]);
    this.withCentering = fields.withCentering;
    this.withScaling = fields.withScaling;
    Object.freeze(this);
  }

  /**
   * The fitted scaler as plain JSON.
   *
   * @example
   * new RobustScaler().fit([[1], [3]]).toJSON().center; // => [2]
   */
  toJSON(): RobustScalerModelJSON {
    return { kind: KIND, version: 1, withCentering: this.withCentering, withScaling: this.withScaling, center: [...this.center], scale: [...this.scale] };
  }

  /**
   * Rebuild from {@link RobustScalerModel.toJSON} output, validating every field.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the malformed field.
   * @example
   * RobustScalerModel.fromJSON(new RobustScaler().fit([[1], [3]]).toJSON()).center; // => [2]
   */
  static fromJSON(json: unknown): RobustScalerModel {
    const context = `${KIND}.fromJSON`;
    const object = readModelHeader(json, KIND, 1);
    const center = readNumberArray(object, 'center', context);
    const scale = readNumberArray(object, 'scale', context, center.length);
    checkModel(center.length > 0 && scale.every((s) => s > 0), context, 'center must be non-empty and every scale > 0');
    return new RobustScalerModel({ withCentering: readBoolean(object, 'withCentering', context), withScaling: readBoolean(object, 'withScaling', context), center, scale });
  }
}

installDisplay(
  RobustScalerModel.prototype,
  (model) => `RobustScalerModel { nFeatures: ${model.nFeatures}, center: [${model.center.map((v) => formatNumber(v)).join(', ')}], scale: [${model.scale.map((v) => formatNumber(v)).join(', ')}] }`,
  (model) =>
    htmlSummary('RobustScalerModel', [['nFeatures', String(model.nFeatures)]], {
      header: ['feature', 'median', 'scale'],
      rows: model.center.map((c, j) => [String(j), formatNumber(c), formatNumber(model.scale[j]!)]),
    }),
);
