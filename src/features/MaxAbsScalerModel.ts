import { columnsSummary, numberList } from '../core/display';
import { checkModel, readModelHeader, readNumberArray } from '../core/modelJson';
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
 * A fitted {@link MaxAbsScaler} (immutable): `y = x / maxAbs`.
 *
 * @example
 * new MaxAbsScaler().fit([[-4], [2]]).transform([[2]]).data; // => Float64Array [0.5]
 */
export class MaxAbsScalerModel extends AffineColumnsModel {
  /** Largest absolute value per column. */
  readonly maxAbs: readonly number[];

  /** @internal Use {@link MaxAbsScaler.fit} or {@link MaxAbsScalerModel.fromJSON}. */
  constructor(fields: Omit<MaxAbsScalerModelJSON, 'kind' | 'version'>) {
    super(
      KIND,
      fields.maxAbs.map(() => 0),
      fields.maxAbs.map((v) => handleZerosInScale(v)),
    );
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

  /** @internal */
  protected summaryLine(): string {
    return `MaxAbsScalerModel { nFeatures: ${this.nFeatures}, maxAbs: ${numberList(this.maxAbs)} }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    return columnsSummary('MaxAbsScalerModel', [['nFeatures', String(this.nFeatures)]], [['max |x|', this.maxAbs]]);
  }
}
