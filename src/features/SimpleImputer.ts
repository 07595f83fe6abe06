import { formatNumber, htmlSummary, installDisplay } from '../core/display';
import { toMatrix, type Matrix, type MatrixLike } from '../core/Matrix';
import { checkModel, readModelHeader, readNumberArray, readString } from '../core/modelJson';
import { quantileSorted } from '../core/quantile';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireNumber, requireOneOf } from '../core/validateOptions';
import { sortedColumn } from './columnValues';
import { mapCells, rowsForTransform } from './fittedColumns';

/** How {@link SimpleImputer} fills a missing value. */
export type ImputeStrategy = 'mean' | 'median' | 'most_frequent' | 'constant';

/** Options for {@link SimpleImputer}. */
export interface SimpleImputerParams {
  /** Default `'mean'`. `'most_frequent'` breaks ties towards the smallest value, as scikit-learn. */
  readonly strategy?: ImputeStrategy;
  /** The value for `'constant'` (numeric columns; for categories in a {@link featurePipeline} any category). Default 0 (or `'missing'` for categories). */
  readonly fillValue?: number | string;
}

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
const STRATEGIES: readonly ImputeStrategy[] = ['mean', 'median', 'most_frequent', 'constant'];

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
 * Fill missing values (`NaN` in a matrix; `null`, `undefined`, `''` or `NaN` in records passed through
 * {@link featurePipeline}) with a per-column statistic learnt in fit, as scikit-learn's `SimpleImputer`.
 * Unlike scikit-learn, a column with no values at all is an error (for strategies other than `'constant'`)
 * rather than silently dropped, so the output always has the input's columns.
 *
 * @example
 * new SimpleImputer({ strategy: 'median' }).fit([[1], [NaN], [3], [10]]).transform([[NaN]]).data; // => Float64Array [3]
 */
export class SimpleImputer {
  /** The options, as given. */
  readonly params: SimpleImputerParams;

  /** @throws {@link SegmentkitError} `E_PARAM` for an unknown option or strategy, or a non-numeric `fillValue` outside a pipeline's categories. */
  constructor(params: SimpleImputerParams = {}) {
    assertKnownOptions('SimpleImputer', params, ['strategy', 'fillValue']);
    if (params.strategy !== undefined) requireOneOf('SimpleImputer', 'strategy', params.strategy, STRATEGIES);
    if (params.fillValue !== undefined && typeof params.fillValue !== 'string') requireNumber('SimpleImputer', 'fillValue', params.fillValue);
    this.params = Object.freeze({ ...params });
  }

  /**
   * Learn the fill value of every column from its non-missing values.
   *
   * @throws {@link SegmentkitError} `E_EMPTY` naming a column with no values, `E_NOT_FINITE` for ±Infinity,
   *   `E_PARAM` for a text `fillValue` on numeric columns.
   * @example
   * new SimpleImputer().fit([[1, NaN], [3, 4]]).statistics; // => [2, 4]
   */
  fit(X: MatrixLike): SimpleImputerModel {
    const strategy = this.params.strategy ?? 'mean';
    const m = toMatrix(X, 'SimpleImputer.fit', { allowNaN: true });
    if (strategy === 'constant' && typeof this.params.fillValue === 'string') {
      throw new SegmentkitError('E_PARAM', `SimpleImputer.fit: fillValue '${this.params.fillValue}' is text but the columns are numeric; pass a number`);
    }
    const statistics: number[] = [];
    for (let j = 0; j < m.cols; j++) {
      if (strategy === 'constant') {
        statistics.push((this.params.fillValue as number | undefined) ?? 0);
        continue;
      }
      const values = sortedColumn(m, j);
      if (values.length === 0) {
        throw new SegmentkitError('E_EMPTY', `SimpleImputer.fit: column ${j} has no values to learn a ${strategy} from; drop it or use strategy 'constant'`);
      }
      if (strategy === 'mean') {
        let sum = 0;
        for (const v of values) sum += v;
        statistics.push(sum / values.length);
      } else if (strategy === 'median') statistics.push(quantileSorted(values, 0.5));
      else statistics.push(mostFrequentSorted(values));
    }
    return new SimpleImputerModel({ strategy, statistics });
  }
}

/** A fitted {@link SimpleImputer} (immutable). */
export class SimpleImputerModel {
  /** Number of columns. */
  readonly nFeatures: number;
  /** The strategy used. */
  readonly strategy: ImputeStrategy;
  /** The value each column's missing entries become. */
  readonly statistics: readonly number[];

  /** @internal Use {@link SimpleImputer.fit} or {@link SimpleImputerModel.fromJSON}. */
  constructor(fields: Omit<SimpleImputerModelJSON, 'kind' | 'version'>) {
    this.nFeatures = fields.statistics.length;
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
    return mapCells(rowsForTransform(X, this.nFeatures, 'SimpleImputerModel.transform', true), (v, j) => (Number.isNaN(v) ? statistics[j]! : v));
  }

  /**
   * The identity: which values were imputed cannot be recovered, and imputed values are valid values.
   *
   * @example
   * new SimpleImputer().fit([[1], [3]]).inverseTransform([[2]]).data; // => Float64Array [2]
   */
  inverseTransform(X: MatrixLike): Matrix {
    return mapCells(rowsForTransform(X, this.nFeatures, 'SimpleImputerModel.inverseTransform', true), (v) => v);
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
}

installDisplay(
  SimpleImputerModel.prototype,
  (model) => `SimpleImputerModel { strategy: ${model.strategy}, statistics: [${model.statistics.map((v) => formatNumber(v)).join(', ')}] }`,
  (model) =>
    htmlSummary('SimpleImputerModel', [['strategy', model.strategy]], { header: ['feature', 'fill value'], rows: model.statistics.map((v, j) => [String(j), formatNumber(v)]) }),
);
