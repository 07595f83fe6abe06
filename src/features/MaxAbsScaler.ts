import { formatNumber, htmlSummary, installDisplay } from '../core/display';
import { toMatrix, type MatrixLike } from '../core/Matrix';
import { checkModel, readModelHeader, readNumberArray } from '../core/modelJson';
import { assertKnownOptions } from '../core/validateOptions';
import { AffineColumnsModel } from './AffineColumnsModel';
import { handleZerosInScale } from './fittedColumns';

/** The JSON form of a {@link MaxAbsScalerModel}. */
export interface MaxAbsScalerModelJSON {
  /** Always `'MaxAbsScalerModel'`. */
  readonly kind: 'MaxAbsScalerModel';
  /** Format version. */
  readonly version: 1;
  /** Largest absolute value per column. */
  readonly maxAbs: number[];
}

const KIND = 'MaxAbsScalerModel';

/**
 * Divide every column by its largest absolute value, so values land in [−1, 1] and zeros stay zeros (as
 * scikit-learn's `MaxAbsScaler`). An all-zero column is left as is.
 *
 * @example
 * new MaxAbsScaler().fit([[-4], [2]]).transform([[2]]).data; // => Float64Array [0.5]
 */
export class MaxAbsScaler {
  /** @throws {@link SegmentkitError} `E_PARAM` for any option (it has none). */
  constructor(params: Record<string, never> = {}) {
    assertKnownOptions('MaxAbsScaler', params, []);
  }

  /**
   * Learn each column's largest absolute value.
   *
   * @throws {@link SegmentkitError} `E_NOT_FINITE` (impute first), `E_EMPTY`, `E_SHAPE`.
   * @example
   * new MaxAbsScaler().fit([[-4], [2]]).maxAbs; // => [4]
   */
  fit(X: MatrixLike): MaxAbsScalerModel {
    const m = toMatrix(X, 'MaxAbsScaler.fit');
    const maxAbs = new Array<number>(m.cols).fill(0);
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < m.cols; j++) maxAbs[j] = Math.max(maxAbs[j]!, Math.abs(m.data[i * m.cols + j]!));
    }
    return new MaxAbsScalerModel({ maxAbs });
  }
}

/** A fitted {@link MaxAbsScaler} (immutable): `y = x / maxAbs`. */
export class MaxAbsScalerModel extends AffineColumnsModel {
  /** Largest absolute value per column. */
  readonly maxAbs: readonly number[];

  /** @internal Use {@link MaxAbsScaler.fit} or {@link MaxAbsScalerModel.fromJSON}. */
  constructor(fields: Omit<MaxAbsScalerModelJSON, 'kind' | 'version'>) {
    super(KIND, fields.maxAbs.map(() => 0), fields.maxAbs.map((v) => handleZerosInScale(v)));
    this.maxAbs = Object.freeze([...fields.maxAbs]);
    Object.freeze(this);
  }

  /**
   * The fitted scaler as plain JSON.
   *
   * @example
   * new MaxAbsScaler().fit([[-4], [2]]).toJSON().maxAbs; // => [4]
   */
  toJSON(): MaxAbsScalerModelJSON {
    return { kind: KIND, version: 1, maxAbs: [...this.maxAbs] };
  }

  /**
   * Rebuild from {@link MaxAbsScalerModel.toJSON} output, validating every field.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the malformed field.
   * @example
   * MaxAbsScalerModel.fromJSON({ kind: 'MaxAbsScalerModel', version: 1, maxAbs: [4] }).maxAbs; // => [4]
   */
  static fromJSON(json: unknown): MaxAbsScalerModel {
    const context = `${KIND}.fromJSON`;
    const maxAbs = readNumberArray(readModelHeader(json, KIND, 1), 'maxAbs', context);
    checkModel(maxAbs.length > 0 && maxAbs.every((v) => v >= 0), context, 'maxAbs must be non-empty and ≥ 0');
    return new MaxAbsScalerModel({ maxAbs });
  }
}

installDisplay(
  MaxAbsScalerModel.prototype,
  (model) => `MaxAbsScalerModel { nFeatures: ${model.nFeatures}, maxAbs: [${model.maxAbs.map((v) => formatNumber(v)).join(', ')}] }`,
  (model) => htmlSummary('MaxAbsScalerModel', [['nFeatures', String(model.nFeatures)]], { header: ['feature', 'max |x|'], rows: model.maxAbs.map((v, j) => [String(j), formatNumber(v)]) }),
);
