import { describeValue } from '../core/describeValue';
import { Estimator } from '../core/Estimator';
import { SegmentkitError } from '../core/SegmentkitError';
import { check, ParamKit } from '../core/params';
import {
  checkGivenCategories,
  indexCategories,
  readCategoricalTable,
  readCategoriesOption,
  uniqueWithCounts,
  unknownCategoryError,
  type CategoricalTable,
} from './categories';
import type { Category } from '../core/category';
import { HANDLE_UNKNOWN, OrdinalEncoderModel, collision, type OrdinalHandleUnknown } from './OrdinalEncoderModel';

/** Options for {@link OrdinalEncoder}. */
export interface OrdinalEncoderParams {
  /** Unknown categories at transform: `'error'` (default) or `'use_encoded_value'`. */
  readonly handleUnknown?: OrdinalHandleUnknown;
  /**
   * The code written for unknown categories: an integer or `NaN`. Required with
   * `handleUnknown: 'use_encoded_value'` (and only allowed then); it must not be the code of a real category,
   * so use a negative integer (such as -1), `NaN`, or an integer ≥ the number of categories.
   */
  readonly unknownValue?: number;
  /**
   * `'auto'` (default): the distinct values seen in fit, sorted. Or one list per column: strings in the order
   * given (their codes follow that order, e.g. `['low', 'medium', 'high']`), numbers and booleans sorted ascending.
   */
  readonly categories?: 'auto' | ReadonlyArray<ReadonlyArray<Category>>;
}

type OrdinalDefaults = 'handleUnknown' | 'categories';

/** @internal The spec of {@link OrdinalEncoderParams}. */
export const ORDINAL_ENCODER_PARAMS: ParamKit<OrdinalEncoderParams, OrdinalDefaults> = /* @__PURE__ */ new ParamKit<
  OrdinalEncoderParams,
  OrdinalDefaults
>(
  'OrdinalEncoder',
  () => ({
    handleUnknown: {
      doc: "unknown categories at transform: 'error' or 'use_encoded_value'",
      check: /* @__PURE__ */ check.oneOf(HANDLE_UNKNOWN),
      default: 'error',
    },
    unknownValue: { doc: "the code of unknown categories with 'use_encoded_value': an integer or NaN", check: check.any<number>() },
    categories: {
      doc: "'auto' or one list of categories per column",
      check: (value, context) => readCategoriesOption(context, value),
      default: 'auto',
    },
  }),
  (params, owner) => {
    const unknownValue: unknown = params.unknownValue;
    if (params.handleUnknown === 'use_encoded_value') {
      if (typeof unknownValue !== 'number' || !(Number.isInteger(unknownValue) || Number.isNaN(unknownValue))) {
        throw new SegmentkitError(
          'E_PARAM',
          `${owner}: handleUnknown 'use_encoded_value' needs unknownValue, an integer or NaN (for example -1), got ${describeValue(unknownValue)}`,
        );
      }
    } else if (unknownValue !== undefined) {
      throw new SegmentkitError(
        'E_PARAM',
        `${owner}: unknownValue is only used with handleUnknown: 'use_encoded_value'; pass that too, or drop unknownValue`,
      );
    }
  },
);

/**
 * Encode categorical columns as integer codes 0, 1, … (one output column per input column), exactly as
 * scikit-learn 1.2's `OrdinalEncoder`. Codes follow the sorted categories, or the order given in `categories`.
 *
 * @example
 * const encoder = new OrdinalEncoder({ categories: [['low', 'medium', 'high']] }).fit([['high'], ['low']]);
 * encoder.transform([['medium'], ['high']]).data; // => Float64Array [1, 2]
 */
export class OrdinalEncoder extends Estimator<OrdinalEncoderParams> {
  readonly #handleUnknown: OrdinalHandleUnknown;
  readonly #unknownValue: number | null;
  readonly #categories: 'auto' | readonly (readonly Category[])[];

  /**
   * @throws {@link SegmentkitError} `E_PARAM` for an unknown option, an invalid value, a missing `unknownValue`
   *   with `'use_encoded_value'`, or an `unknownValue` without it.
   * @example
   * new OrdinalEncoder({ handleUnknown: 'use_encoded_value', unknownValue: -1 }).params.unknownValue; // => -1
   */
  constructor(params: OrdinalEncoderParams = {}) {
    super(ORDINAL_ENCODER_PARAMS, params);
    const resolved = ORDINAL_ENCODER_PARAMS.resolve(this.params);
    this.#handleUnknown = resolved.handleUnknown;
    this.#unknownValue = resolved.unknownValue ?? null;
    this.#categories = resolved.categories;
  }

  /**
   * Learn the categories of each column.
   *
   * @throws {@link SegmentkitError} `E_PARSE` for a missing value or a column mixing types (naming row and
   *   column), `E_EMPTY`, `E_SHAPE` for ragged rows or a `categories` option of the wrong length, `E_PARAM` for
   *   a value outside the given `categories` when `handleUnknown` is `'error'`, or an `unknownValue` that is the
   *   code of a real category.
   * @example
   * new OrdinalEncoder().fit([['b'], ['a'], ['c']]).categories; // => [['a', 'b', 'c']]
   */
  fit(X: CategoricalTable): OrdinalEncoderModel {
    const context = 'OrdinalEncoder.fit';
    const table = readCategoricalTable(X, context);
    const given = this.#categories;
    if (given !== 'auto') checkGivenCategories(context, given, table.kinds);
    const categories = table.columns.map((column, j) => {
      if (given === 'auto') return uniqueWithCounts(column).categories;
      const cats = [...given[j]!];
      if (this.#handleUnknown === 'error') {
        const index = indexCategories(cats);
        column.forEach((value, i) => {
          if (!index.has(value)) {
            throw unknownCategoryError(
              context,
              i,
              j,
              value,
              cats,
              "add it to categories, or pass handleUnknown: 'use_encoded_value' with an unknownValue",
            );
          }
        });
      }
      return cats;
    });
    if (this.#unknownValue !== null) {
      const problem = collision(this.#unknownValue, categories);
      if (problem !== undefined) throw new SegmentkitError('E_PARAM', `${context}: ${problem}`);
    }
    return new OrdinalEncoderModel({ handleUnknown: this.#handleUnknown, unknownValue: this.#unknownValue, categories });
  }
}
