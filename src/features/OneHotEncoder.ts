import { describeValue } from '../core/describeValue';
import { Estimator } from '../core/Estimator';
import { SegmentkitError } from '../core/SegmentkitError';
import { check, ParamKit } from '../core/params';
import {
  checkGivenCategories,
  countCategories,
  indexCategories,
  readCategoricalTable,
  readCategoriesOption,
  uniqueWithCounts,
  unknownCategoryError,
  type CategoricalTable,
} from './categories';
import type { Category } from '../core/category';
import { DROP_CHOICES, HANDLE_UNKNOWN, OneHotEncoderModel, type OneHotDrop, type OneHotHandleUnknown } from './OneHotEncoderModel';

/** Options for {@link OneHotEncoder}. */
export interface OneHotEncoderParams {
  /** Unknown categories at transform: `'error'` (default), `'ignore'` or `'infrequent_if_exist'`. */
  readonly handleUnknown?: OneHotHandleUnknown;
  /** Drop one output column per input column: `'first'`, `'if_binary'` or `null` (default, keep all). */
  readonly drop?: OneHotDrop;
  /**
   * Categories seen fewer times than this in fit are grouped into one infrequent category: an integer ≥ 1 is a
   * count, a fraction in (0, 1) is a share of the rows. Default: no minimum.
   */
  readonly minFrequency?: number;
  /**
   * At most this many output columns per input column (the infrequent group counts as one); the least frequent
   * categories are grouped. An integer ≥ 1. Default: no limit.
   */
  readonly maxCategories?: number;
  /**
   * `'auto'` (default): the distinct values seen in fit, sorted. Or one list per column: strings in the order
   * given (that order is the output order), numbers and booleans sorted ascending.
   */
  readonly categories?: 'auto' | ReadonlyArray<ReadonlyArray<Category>>;
}

function readMinFrequency(value: unknown): number {
  const ok = typeof value === 'number' && ((Number.isInteger(value) && value >= 1) || (value > 0 && value < 1));
  if (!ok) {
    throw new SegmentkitError(
      'E_PARAM',
      `OneHotEncoder: minFrequency must be an integer ≥ 1 (a count) or a fraction in (0, 1) of the rows, got ${describeValue(value)}`,
    );
  }
  return value;
}

function readMaxCategories(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new SegmentkitError('E_PARAM', `OneHotEncoder: maxCategories must be an integer ≥ 1, got ${describeValue(value)}`);
  }
  return value;
}

type OneHotDefaults = 'handleUnknown' | 'drop' | 'categories';

/** @internal The spec of {@link OneHotEncoderParams}. */
export const ONE_HOT_ENCODER_PARAMS: ParamKit<OneHotEncoderParams, OneHotDefaults> = /* @__PURE__ */ new ParamKit<
  OneHotEncoderParams,
  OneHotDefaults
>('OneHotEncoder', () => ({
  handleUnknown: {
    doc: "unknown categories at transform: 'error', 'ignore' or 'infrequent_if_exist'",
    check: /* @__PURE__ */ check.oneOf(HANDLE_UNKNOWN),
    default: 'error',
  },
  drop: {
    doc: "drop one output per column: 'first', 'if_binary' or null",
    check: (value, context, name) => (value === null ? null : /* @__PURE__ */ check.oneOf(DROP_CHOICES)(value, context, name)),
    default: null,
  },
  minFrequency: {
    doc: 'categories rarer than this (a count, or a share of rows) are grouped as infrequent',
    check: (value) => readMinFrequency(value),
  },
  maxCategories: { doc: 'at most this many outputs per column', check: (value) => readMaxCategories(value) },
  categories: {
    doc: "'auto' or one list of categories per column",
    check: (value, context) => readCategoriesOption(context, value),
    default: 'auto',
  },
}));

/**
 * scikit-learn's `_identify_infrequent`: categories counted below `minFrequency` are infrequent; then, if more
 * than `maxCategories` outputs would remain (the infrequent group counting as one), the least frequent
 * categories (stable order on ties) are grouped until `maxCategories − 1` frequent ones are left.
 */
function identifyInfrequent(
  counts: readonly number[],
  rows: number,
  minFrequency: number | undefined,
  maxCategories: number | undefined,
): number[] | null {
  const threshold = minFrequency === undefined ? 0 : minFrequency >= 1 ? minFrequency : rows * minFrequency;
  const infrequent = counts.map((c) => c < threshold);
  const nCurrent = counts.length - infrequent.filter(Boolean).length + 1;
  if (maxCategories !== undefined && maxCategories < nCurrent) {
    const order = counts.map((_, k) => k).sort((a, b) => counts[a]! - counts[b]! || a - b);
    // scikit-learn 1.2 slices `[:-max_categories + 1]`, which is empty for maxCategories = 1; every category is
    // grouped here instead (as scikit-learn ≥ 1.3 does).
    for (const k of order.slice(0, counts.length - (maxCategories - 1))) infrequent[k] = true;
  }
  const indices = infrequent.flatMap((flag, k) => (flag ? [k] : []));
  return indices.length > 0 ? indices : null;
}

/**
 * Encode categorical columns as one 0/1 column per category, exactly as scikit-learn 1.2's `OneHotEncoder`
 * (dense output), including infrequent-category grouping (`minFrequency`, `maxCategories`), `drop` and
 * `handleUnknown`.
 *
 * @example
 * const encoder = new OneHotEncoder().fit([['gold', 'EU'], ['silver', 'US'], ['gold', 'US']]);
 * encoder.featureNames(['plan', 'region']); // => ['plan_gold', 'plan_silver', 'region_EU', 'region_US']
 * encoder.transform([['silver', 'EU']]).data; // => Float64Array [0, 1, 1, 0]
 */
export class OneHotEncoder extends Estimator<OneHotEncoderParams> {
  readonly #handleUnknown: OneHotHandleUnknown;
  readonly #drop: OneHotDrop;
  readonly #minFrequency: number | undefined;
  readonly #maxCategories: number | undefined;
  readonly #categories: 'auto' | readonly (readonly Category[])[];

  /**
   * @throws {@link SegmentkitError} `E_PARAM` for an unknown option or an invalid value.
   * @example
   * new OneHotEncoder({ drop: 'first' }).params.drop; // => 'first'
   */
  constructor(params: OneHotEncoderParams = {}) {
    super(ONE_HOT_ENCODER_PARAMS, params);
    const resolved = ONE_HOT_ENCODER_PARAMS.resolve(this.params);
    this.#handleUnknown = resolved.handleUnknown;
    this.#drop = resolved.drop;
    this.#minFrequency = resolved.minFrequency;
    this.#maxCategories = resolved.maxCategories;
    this.#categories = resolved.categories;
  }

  /**
   * Learn the categories of each column (and which are infrequent).
   *
   * @throws {@link SegmentkitError} `E_PARSE` for a missing value or a column mixing types (naming row and
   *   column), `E_EMPTY`, `E_SHAPE` for ragged rows or a `categories` option of the wrong length, `E_PARAM` for
   *   a value outside the given `categories` when `handleUnknown` is `'error'`.
   * @example
   * new OneHotEncoder().fit([[3], [1], [2], [1]]).categories; // => [[1, 2, 3]]
   */
  fit(X: CategoricalTable): OneHotEncoderModel {
    const context = 'OneHotEncoder.fit';
    const table = readCategoricalTable(X, context);
    const given = this.#categories;
    if (given !== 'auto') checkGivenCategories(context, given, table.kinds);
    const grouping = this.#minFrequency !== undefined || this.#maxCategories !== undefined;
    const categories: Category[][] = [];
    const infrequentIndices: (number[] | null)[] = [];
    table.columns.forEach((column, j) => {
      let cats: Category[];
      let counts: number[];
      if (given === 'auto') {
        ({ categories: cats, counts } = uniqueWithCounts(column));
      } else {
        cats = [...given[j]!];
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
                "add it to categories, or pass handleUnknown: 'ignore' to fit without it",
              );
            }
          });
        }
        counts = grouping ? countCategories(column, cats) : [];
      }
      categories.push(cats);
      infrequentIndices.push(grouping ? identifyInfrequent(counts, table.rows, this.#minFrequency, this.#maxCategories) : null);
    });
    return new OneHotEncoderModel({ handleUnknown: this.#handleUnknown, drop: this.#drop, categories, infrequentIndices });
  }
}
