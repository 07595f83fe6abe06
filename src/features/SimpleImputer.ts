import { Estimator } from '../core/Estimator';
import { check, ParamKit } from '../core/params';
import type { MatrixLike } from '../core/Matrix';
import { interpolateSorted } from '../core/quantile';
import { SegmentkitError } from '../core/SegmentkitError';
import { sortedColumn } from './columnValues';
import { STRATEGIES, SimpleImputerModel, mostFrequentSorted, type ImputeStrategy } from './SimpleImputerModel';

/** Options for {@link SimpleImputer}. */
export interface SimpleImputerParams {
  /** Default `'mean'`. `'most_frequent'` breaks ties towards the smallest value, as scikit-learn. */
  readonly strategy?: ImputeStrategy;
  /** The value for `'constant'` (numeric columns; for categories in a {@link featurePipeline} any category). Default 0 (or `'missing'` for categories). */
  readonly fillValue?: number | string;
}

/** @internal The spec of {@link SimpleImputerParams}. */
export const SIMPLE_IMPUTER_PARAMS: ParamKit<SimpleImputerParams, 'strategy'> = /* @__PURE__ */ new ParamKit<
  SimpleImputerParams,
  'strategy'
>('SimpleImputer', () => ({
  strategy: { doc: "'mean', 'median', 'most_frequent' or 'constant'", check: /* @__PURE__ */ check.oneOf(STRATEGIES), default: 'mean' },
  fillValue: {
    doc: "the value for 'constant' (a number, or any category in a featurePipeline)",
    check: /* @__PURE__ */ check.either(check.text, /* @__PURE__ */ check.number()),
  },
}));

/**
 * Fill missing values (`NaN` in a matrix; `null`, `undefined`, `''` or `NaN` in records passed through
 * {@link featurePipeline}) with a per-column statistic learnt in fit, as scikit-learn's `SimpleImputer`.
 * Unlike scikit-learn, a column with no values at all is an error (for strategies other than `'constant'`)
 * rather than silently dropped, so the output always has the input's columns.
 *
 * @example
 * new SimpleImputer({ strategy: 'median' }).fit([[1], [NaN], [3], [10]]).transform([[NaN]]).data; // => Float64Array [3]
 */
export class SimpleImputer extends Estimator<SimpleImputerParams> {
  /** Fills missing values: in a {@link featurePipeline} it comes first, and its column may hold missing cells. */
  readonly fillsMissing: boolean = true;

  /** @throws {@link SegmentkitError} `E_PARAM` for an unknown option or strategy, or a non-numeric `fillValue` outside a pipeline's categories. */
  constructor(params: SimpleImputerParams = {}) {
    super(SIMPLE_IMPUTER_PARAMS, params);
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
    const { strategy } = SIMPLE_IMPUTER_PARAMS.resolve(this.params);
    const { m } = this.startFit(X, {}, { allowNaN: true });
    if (strategy === 'constant' && typeof this.params.fillValue === 'string') {
      throw new SegmentkitError(
        'E_PARAM',
        `SimpleImputer.fit: fillValue '${this.params.fillValue}' is text but the columns are numeric; pass a number`,
      );
    }
    const statistics: number[] = [];
    for (let j = 0; j < m.cols; j++) {
      if (strategy === 'constant') {
        statistics.push((this.params.fillValue as number | undefined) ?? 0);
        continue;
      }
      const values = sortedColumn(m, j);
      if (values.length === 0) {
        throw new SegmentkitError(
          'E_EMPTY',
          `SimpleImputer.fit: column ${j} has no values to learn a ${strategy} from; drop it or use strategy 'constant'`,
        );
      }
      if (strategy === 'mean') {
        let sum = 0;
        for (const v of values) sum += v;
        // values near ±1e308 can sum past the largest double: then sum them times 2^−k with 2^k ≥ 2n (exact
        // scaling: the scaled sum stays below half the largest double), so the mean always fits
        if (sum - sum !== 0) {
          const k = Math.ceil(Math.log2(values.length)) + 1;
          const factor = 2 ** -k;
          sum = 0;
          for (const v of values) sum += v * factor;
          statistics.push((sum / values.length) * 2 ** k);
        } else statistics.push(sum / values.length);
      } else if (strategy === 'median') statistics.push(interpolateSorted(values, 0.5));
      else statistics.push(mostFrequentSorted(values));
    }
    return new SimpleImputerModel({ strategy, statistics });
  }
}
