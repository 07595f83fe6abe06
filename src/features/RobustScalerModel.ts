import { columnsSummary, numberList } from '../core/display';
import { checkModel, readBoolean, readModelHeader, readNumberArray } from '../core/modelJson';
import { AffineColumnsModel } from './AffineColumnsModel';

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
 * A fitted {@link RobustScaler} (immutable): `y = (x − center) / scale`.
 *
 * @example
 * new RobustScaler().fit([[1], [2], [3], [4], [100]]).transform([[3]]).data; // => Float64Array [0]
 */
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
    super(
      KIND,
      fields.withCentering ? fields.center : fields.center.map(() => 0),
      fields.withScaling ? fields.scale : fields.scale.map(() => 1),
    );
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
    return {
      kind: KIND,
      version: 1,
      withCentering: this.withCentering,
      withScaling: this.withScaling,
      center: [...this.center],
      scale: [...this.scale],
    };
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
    return new RobustScalerModel({
      withCentering: readBoolean(object, 'withCentering', context),
      withScaling: readBoolean(object, 'withScaling', context),
      center,
      scale,
    });
  }

  /** @internal */
  protected summaryLine(): string {
    return `RobustScalerModel { nFeatures: ${this.nFeatures}, center: ${numberList(this.center)}, scale: ${numberList(this.scale)} }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    return columnsSummary(
      'RobustScalerModel',
      [['nFeatures', String(this.nFeatures)]],
      [
        ['median', this.center],
        ['scale', this.scale],
      ],
    );
  }
}
