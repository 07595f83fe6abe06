import { columnsSummary, numberList } from '../core/display';
import type { Matrix, MatrixLike } from '../core/Matrix';
import { FittedModel } from '../core/FittedModel';
import { checkModel, readModelHeader, readNumberArray, readString } from '../core/modelJson';
import { mapCells } from './fittedColumns';

/** How {@link SimpleImputer} fills a missing value. */
export type ImputeStrategy = 'mean' | 'median' | 'most_frequent' | 'constant';

/** The JSON form of a {@link SimpleImputerModel}. */
export interface SimpleImputerModelJSON {
  /** Always `'SimpleImputerModel'`. */
  readonly kind: 'SimpleImputerModel';
  /** Format version. */
  readonly version: 1;
  /** The strategy used. */
  readonly strategy: ImputeStrategy;
  /** The fill value per column. */
  readonly statistics: number[];
}

const KIND = 'SimpleImputerModel';
/** @internal The imputation strategies. */
export const STRATEGIES: readonly ImputeStrategy[] = ['mean', 'median', 'most_frequent', 'constant'];

/** @internal Most frequent of sorted values; ties → the smallest. */
export function mostFrequentSorted(sorted: ArrayLike<number>): number {
  let best = sorted[0]!;
  let bestCount = 0;
  let run = 0;
  for (let i = 0; i < sorted.length; i++) {
    run = i > 0 && sorted[i] === sorted[i - 1] ? run + 1 : 1;
    if (run > bestCount) {
      bestCount = run;
      best = sorted[i]!;
    }
  }
  return best;
}

/**
 * A fitted {@link SimpleImputer} (immutable).
 *
 * @example
 * new SimpleImputer().fit([[1], [NaN], [3]]).transform([[NaN]]).data; // => Float64Array [2]
 */
export class SimpleImputerModel extends FittedModel {
  /** Fills missing values (see {@link FittedTransformer.fillsMissing}). */
  readonly fillsMissing: boolean = true;
  /** The strategy used. */
  readonly strategy: ImputeStrategy;
  /** The value each column's missing entries become. */
  readonly statistics: readonly number[];

  /** @internal Use {@link SimpleImputer.fit} or {@link SimpleImputerModel.fromJSON}. */
  constructor(fields: Omit<SimpleImputerModelJSON, 'kind' | 'version'>) {
    super(KIND, fields.statistics.length);
    this.strategy = fields.strategy;
    this.statistics = Object.freeze([...fields.statistics]);
    Object.freeze(this);
  }

  /**
   * Replace every `NaN` with its column's statistic.
   *
   * @throws {@link SegmentkitError} `E_SHAPE` for a wrong column count, `E_NOT_FINITE` for ±Infinity.
   * @example
   * new SimpleImputer({ strategy: 'constant', fillValue: -1 }).fit([[NaN]]).transform([[NaN], [5]]).data; // => Float64Array [-1, 5]
   */
  transform(X: MatrixLike): Matrix {
    const statistics = this.statistics;
    return mapCells(this.rowsFor(X, 'transform', { allowNaN: true }), (v, j) => (Number.isNaN(v) ? statistics[j]! : v));
  }

  /**
   * The identity: which values were imputed cannot be recovered, and imputed values are valid values.
   *
   * @example
   * new SimpleImputer().fit([[1], [3]]).inverseTransform([[2]]).data; // => Float64Array [2]
   */
  inverseTransform(X: MatrixLike): Matrix {
    return mapCells(this.rowsFor(X, 'inverseTransform', { allowNaN: true }), (v) => v);
  }

  /**
   * The fitted imputer as plain JSON.
   *
   * @example
   * new SimpleImputer().fit([[1], [3]]).toJSON().statistics; // => [2]
   */
  toJSON(): SimpleImputerModelJSON {
    return { kind: KIND, version: 1, strategy: this.strategy, statistics: [...this.statistics] };
  }

  /**
   * Rebuild from {@link SimpleImputerModel.toJSON} output, validating every field.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the malformed field.
   * @example
   * SimpleImputerModel.fromJSON({ kind: 'SimpleImputerModel', version: 1, strategy: 'mean', statistics: [2] }).statistics; // => [2]
   */
  static fromJSON(json: unknown): SimpleImputerModel {
    const context = `${KIND}.fromJSON`;
    const object = readModelHeader(json, KIND, 1);
    const statistics = readNumberArray(object, 'statistics', context);
    checkModel(statistics.length > 0, context, 'statistics must be non-empty');
    return new SimpleImputerModel({ strategy: readString(object, 'strategy', context, STRATEGIES), statistics });
  }

  /** @internal */
  protected summaryLine(): string {
    return `SimpleImputerModel { strategy: ${this.strategy}, statistics: ${numberList(this.statistics)} }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    return columnsSummary('SimpleImputerModel', [['strategy', this.strategy]], [['fill value', this.statistics]]);
  }
}
