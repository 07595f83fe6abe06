import { columnsSummary, numberList } from '../core/display';
import { checkModel, readBoolean, readModelHeader, readNumber, readNumberArray } from '../core/modelJson';
import { AffineColumnsModel } from './AffineColumnsModel';

/** The JSON form of a {@link StandardScalerModel}. */
export interface StandardScalerModelJSON {
  /** Always `'StandardScalerModel'`. */
  readonly kind: 'StandardScalerModel';
  /** Format version. */
  readonly version: 1;
  /** Whether the mean is subtracted. */
  readonly withMean: boolean;
  /** Whether the scale is divided out. */
  readonly withStd: boolean;
  /** Column means. */
  readonly mean: number[];
  /** Column variances (ddof 0). */
  readonly var: number[];
  /** Column scales (standard deviations; 1 for constant columns). */
  readonly scale: number[];
  /** Rows seen in fit. */
  readonly nSamplesSeen: number;
}

const KIND = 'StandardScalerModel';

/**
 * A fitted {@link StandardScaler} (immutable): `z = (x − mean) / scale`.
 *
 * @example
 * new StandardScaler().fit([[0], [4]]).transform([[4]]).data; // => Float64Array [1]
 */
export class StandardScalerModel extends AffineColumnsModel {
  /** Column means (what is subtracted when `withMean`). */
  readonly mean: readonly number[];
  /** Column variances (ddof 0). */
  readonly var: readonly number[];
  /** Column scales: standard deviations, 1 for constant columns (what is divided out when `withStd`). */
  readonly scale: readonly number[];
  /** Rows seen in fit. */
  readonly nSamplesSeen: number;
  /** Whether the mean is subtracted. */
  readonly withMean: boolean;
  /** Whether the scale is divided out. */
  readonly withStd: boolean;

  /** @internal Use {@link StandardScaler.fit} or {@link StandardScalerModel.fromJSON}. */
  constructor(fields: Omit<StandardScalerModelJSON, 'kind' | 'version'>) {
    super(KIND, fields.withMean ? fields.mean : fields.mean.map(() => 0), fields.withStd ? fields.scale : fields.scale.map(() => 1));
    this.mean = Object.freeze([...fields.mean]);
    this.var = Object.freeze([...fields.var]);
    this.scale = Object.freeze([...fields.scale]);
    this.nSamplesSeen = fields.nSamplesSeen;
    this.withMean = fields.withMean;
    this.withStd = fields.withStd;
    Object.freeze(this);
  }

  /**
   * The fitted scaler as plain JSON.
   *
   * @example
   * new StandardScaler().fit([[0], [2]]).toJSON().scale; // => [1]
   */
  toJSON(): StandardScalerModelJSON {
    return {
      kind: KIND,
      version: 1,
      withMean: this.withMean,
      withStd: this.withStd,
      mean: [...this.mean],
      var: [...this.var],
      scale: [...this.scale],
      nSamplesSeen: this.nSamplesSeen,
    };
  }

  /**
   * Rebuild from {@link StandardScalerModel.toJSON} output, validating every field.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the malformed field.
   * @example
   * StandardScalerModel.fromJSON(new StandardScaler().fit([[0], [2]]).toJSON()).mean; // => [1]
   */
  static fromJSON(json: unknown): StandardScalerModel {
    const context = `${KIND}.fromJSON`;
    const object = readModelHeader(json, KIND, 1);
    const mean = readNumberArray(object, 'mean', context);
    const d = mean.length;
    const scale = readNumberArray(object, 'scale', context, d);
    checkModel(d > 0 && scale.every((s) => s > 0), context, 'mean must be non-empty and every scale > 0');
    return new StandardScalerModel({
      withMean: readBoolean(object, 'withMean', context),
      withStd: readBoolean(object, 'withStd', context),
      mean,
      var: readNumberArray(object, 'var', context, d),
      scale,
      nSamplesSeen: readNumber(object, 'nSamplesSeen', context, { min: 1, integer: true }),
    });
  }

  /** @internal */
  protected summaryLine(): string {
    return `StandardScalerModel { nFeatures: ${this.nFeatures}, mean: ${numberList(this.mean)}, scale: ${numberList(this.scale)} }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    return columnsSummary(
      'StandardScalerModel',
      [['nFeatures', String(this.nFeatures)]],
      [
        ['mean', this.mean],
        ['scale', this.scale],
      ],
    );
  }
}
