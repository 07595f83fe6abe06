import { columnsSummary } from '../core/display';
import { checkModel, readModelHeader, readNumberArray } from '../core/modelJson';
import { AffineColumnsModel } from './AffineColumnsModel';
import { handleZerosInScale } from './fittedColumns';

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
 * A fitted {@link MinMaxScaler} (immutable).
 *
 * @example
 * new MinMaxScaler().fit([[0], [10]]).transform([[5]]).data; // => Float64Array [0.5]
 */
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
    super(
      KIND,
      fields.dataMin,
      divisors,
      fields.dataMin.map(() => low),
    );
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
    checkModel(
      range[0]! < range[1]! && dataMin.length > 0 && dataMin.every((v, j) => v <= dataMax[j]!),
      context,
      'featureRange must be increasing and dataMin ≤ dataMax',
    );
    return new MinMaxScalerModel({ featureRange: [range[0]!, range[1]!], dataMin, dataMax });
  }

  /** @internal */
  protected summaryLine(): string {
    return `MinMaxScalerModel { nFeatures: ${this.nFeatures}, featureRange: [${this.featureRange.join(', ')}] }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    return columnsSummary(
      'MinMaxScalerModel',
      [['featureRange', `[${this.featureRange.join(', ')}]`]],
      [
        ['min', this.dataMin],
        ['max', this.dataMax],
      ],
    );
  }
}
