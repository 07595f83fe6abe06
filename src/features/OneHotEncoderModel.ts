import { htmlSummary } from '../core/display';
import { isMatrix, toMatrix, type Matrix, type MatrixLike } from '../core/Matrix';
import { FittedModel } from '../core/FittedModel';
import { checkModel, readModelHeader, readString, type JsonObject } from '../core/modelJson';
import { SegmentkitError } from '../core/SegmentkitError';
import {
  indexCategories,
  inputFeatureNames,
  listCategories,
  listKind,
  readCategoricalTable,
  readCategoryLists,
  unknownCategoryError,
  type CategoricalTable,
} from './categories';
import { describeCategory, type Category, type CategoryKind } from '../core/category';

/**
 * What {@link OneHotEncoderModel.transform} does with a category not seen in fit:
 * `'error'` throws, `'ignore'` encodes it as all zeros, `'infrequent_if_exist'` encodes it as the infrequent
 * group of its column (all zeros when that column has no infrequent categories).
 */
export type OneHotHandleUnknown = 'error' | 'ignore' | 'infrequent_if_exist';

/**
 * Which category's output column to drop: `null` keeps all, `'first'` drops the first category of every input
 * column (a column with one category disappears), `'if_binary'` drops the first of columns with exactly two.
 */
export type OneHotDrop = 'first' | 'if_binary' | null;

/** The JSON form of a {@link OneHotEncoderModel}. */
export interface OneHotEncoderModelJSON {
  /** Always `'OneHotEncoderModel'`. */
  readonly kind: 'OneHotEncoderModel';
  /** Format version. */
  readonly version: 1;
  /** How unknown categories are handled at transform. */
  readonly handleUnknown: OneHotHandleUnknown;
  /** The drop rule. */
  readonly drop: OneHotDrop;
  /** Categories per input column. */
  readonly categories: Category[][];
  /** Per input column, the indices into its categories that form the infrequent group, or `null` for none. */
  readonly infrequentIndices: (number[] | null)[];
}

const KIND = 'OneHotEncoderModel';

/** The name scikit-learn gives the infrequent group (in `featureNames` and `inverseTransform`). */
const INFREQUENT = 'infrequent_sklearn';

export const HANDLE_UNKNOWN: readonly OneHotHandleUnknown[] = ['error', 'ignore', 'infrequent_if_exist'];

export const DROP_CHOICES: readonly Exclude<OneHotDrop, null>[] = ['first', 'if_binary'];

/** Per input column: what fit learned, in the form transform and inverseTransform use. */
interface ColumnCode {
  readonly kind: CategoryKind;
  readonly index: Map<Category, number>;
  /** Category index → position among the grouped categories (frequent ones in order, then the infrequent group). */
  readonly group: Int32Array;
  /** Frequent categories in order, then `'infrequent_sklearn'` if any are infrequent. */
  readonly grouped: readonly Category[];
  readonly nFrequent: number;
  readonly hasInfrequent: boolean;
  /** Position (among `grouped`) of the dropped category, or -1. */
  readonly drop: number;
  /** First output column of this input column. */
  readonly offset: number;
  readonly width: number;
}

/**
 * A fitted {@link OneHotEncoder} (immutable).
 *
 * @example
 * const model = new OneHotEncoder({ handleUnknown: 'ignore' }).fit([['a'], ['b']]);
 * model.transform([['b'], ['z']]).data; // => Float64Array [0, 1, 0, 0]
 */
export class OneHotEncoderModel extends FittedModel {
  /** Number of output columns {@link OneHotEncoderModel.transform} produces. */
  readonly nOutputs: number;
  /** Categories per input column: sorted (or in the order given in the options), including dropped and infrequent ones. */
  readonly categories: readonly (readonly Category[])[];
  /** Per input column, the categories grouped as infrequent (in category order), or `null` if none. */
  readonly infrequentCategories: readonly (readonly Category[] | null)[];
  /**
   * Per input column, the category whose output column is dropped (`'infrequent_sklearn'` if that is the
   * infrequent group), or `null` if none is dropped.
   */
  readonly dropped: readonly (Category | null)[];
  /**
   * Per input column, scikit-learn 1.2's `drop_idx_`: the position of the dropped category among the column's
   * output categories before dropping (frequent categories in order, then the infrequent group), or `null`.
   * With `'first'` and `'if_binary'` it is always 0 or `null`.
   */
  readonly dropIndices: readonly (number | null)[];
  /** How unknown categories are handled at transform. */
  readonly handleUnknown: OneHotHandleUnknown;
  /** The drop rule. */
  readonly drop: OneHotDrop;
  readonly #infrequentIndices: readonly (readonly number[] | null)[];
  readonly #codes: readonly ColumnCode[];

  /** @internal Use {@link OneHotEncoder.fit} or {@link OneHotEncoderModel.fromJSON}. */
  constructor(fields: Omit<OneHotEncoderModelJSON, 'kind' | 'version'>) {
    super(KIND, fields.categories.length);
    this.handleUnknown = fields.handleUnknown;
    this.drop = fields.drop;
    this.categories = Object.freeze(fields.categories.map((cats) => Object.freeze([...cats])));
    this.#infrequentIndices = Object.freeze(fields.infrequentIndices.map((ix) => (ix === null ? null : Object.freeze([...ix]))));
    let offset = 0;
    this.#codes = this.categories.map((cats, j) => {
      const infrequent = this.#infrequentIndices[j] ?? [];
      const isInfrequent = new Set(infrequent);
      const nFrequent = cats.length - infrequent.length;
      const group = new Int32Array(cats.length);
      const grouped: Category[] = [];
      cats.forEach((c, k) => {
        if (isInfrequent.has(k)) {
          group[k] = nFrequent;
        } else {
          group[k] = grouped.length;
          grouped.push(c);
        }
      });
      if (infrequent.length > 0) grouped.push(INFREQUENT);
      const drop = this.drop === 'first' || (this.drop === 'if_binary' && grouped.length === 2) ? 0 : -1;
      const width = grouped.length - (drop >= 0 ? 1 : 0);
      const code: ColumnCode = {
        kind: listKind(cats),
        index: indexCategories(cats),
        group,
        grouped: Object.freeze(grouped),
        nFrequent,
        hasInfrequent: infrequent.length > 0,
        drop,
        offset,
        width,
      };
      offset += width;
      return code;
    });
    this.nOutputs = offset;
    this.infrequentCategories = Object.freeze(
      this.#infrequentIndices.map((ix, j) => (ix === null ? null : Object.freeze(ix.map((k) => this.categories[j]![k]!)))),
    );
    this.dropped = Object.freeze(this.#codes.map((code) => (code.drop >= 0 ? code.grouped[code.drop]! : null)));
    this.dropIndices = Object.freeze(this.#codes.map((code) => (code.drop >= 0 ? code.drop : null)));
    Object.freeze(this);
  }

  /**
   * One-hot encode rows: a dense 0/1 matrix with {@link OneHotEncoderModel.nOutputs} columns, in the order of
   * {@link OneHotEncoderModel.featureNames}.
   *
   * @throws {@link SegmentkitError} `E_SHAPE` for a wrong column count or ragged rows, `E_PARSE` for a missing
   *   value or a value of another type than in fit, `E_PARAM` for an unknown category when `handleUnknown` is
   *   `'error'` (naming row, column and value).
   * @example
   * new OneHotEncoder({ drop: 'first' }).fit([['a'], ['b'], ['c']]).transform([['a'], ['c']]).data; // => Float64Array [0, 0, 0, 1]
   */
  transform(X: CategoricalTable): Matrix {
    const context = `${KIND}.transform`;
    const table = readCategoricalTable(
      X,
      context,
      this.#codes.map((code) => code.kind),
    );
    const { rows } = table;
    const nOut = this.nOutputs;
    const data = new Float64Array(rows * nOut);
    this.#codes.forEach((code, j) => {
      const column = table.columns[j]!;
      for (let i = 0; i < rows; i++) {
        const k = code.index.get(column[i]!);
        let g: number;
        if (k !== undefined) {
          g = code.group[k]!;
        } else if (this.handleUnknown === 'error') {
          throw unknownCategoryError(
            context,
            i,
            j,
            column[i]!,
            this.categories[j]!,
            "pass handleUnknown: 'ignore' to encode unknown categories as all zeros (or 'infrequent_if_exist' to count them as infrequent)",
          );
        } else if (this.handleUnknown === 'infrequent_if_exist' && code.hasInfrequent) {
          g = code.nFrequent;
        } else {
          continue;
        }
        if (g === code.drop) continue;
        if (code.drop >= 0 && g > code.drop) g--;
        data[i * nOut + code.offset + g] = 1;
      }
    });
    return { data, rows, cols: nOut };
  }

  /**
   * Back to categories: per input column, the category of the largest output (the first on ties). A block of
   * all zeros is the dropped category if the column has one, else `null` (an unknown category that was ignored).
   * The infrequent group comes back as `'infrequent_sklearn'`.
   *
   * @throws {@link SegmentkitError} `E_SHAPE` if Z does not have {@link OneHotEncoderModel.nOutputs} columns,
   *   `E_NOT_FINITE`, `E_DOMAIN` for an all-zero block that cannot be inverted (no dropped category, and
   *   `handleUnknown` is `'error'`, or `'infrequent_if_exist'` with an infrequent group).
   * @example
   * const model = new OneHotEncoder({ handleUnknown: 'ignore' }).fit([['a'], ['b']]);
   * model.inverseTransform([[0, 1], [0, 0]]); // => [['b'], [null]]
   */
  inverseTransform(Z: MatrixLike): (Category | null)[][] {
    const context = `${KIND}.inverseTransform`;
    const m = this.nOutputs === 0 ? rowsWithoutColumns(Z, context) : toMatrix(Z, context, { name: 'Z' });
    if (m.cols !== this.nOutputs) {
      throw new SegmentkitError(
        'E_SHAPE',
        `${context}: Z has ${m.cols} columns but the encoder has ${this.nOutputs} output columns; pass the output of transform`,
      );
    }
    const out: (Category | null)[][] = Array.from({ length: m.rows }, () => new Array<Category | null>(this.nFeatures));
    this.#codes.forEach((code, j) => {
      const kept = code.drop >= 0 ? code.grouped.filter((_, g) => g !== code.drop) : code.grouped;
      const zerosMeanUnknown = this.handleUnknown === 'ignore' || (this.handleUnknown === 'infrequent_if_exist' && !code.hasInfrequent);
      for (let i = 0; i < m.rows; i++) {
        const row = out[i]!;
        if (code.width === 0) {
          row[j] = code.grouped[code.drop]!;
          continue;
        }
        const start = i * m.cols + code.offset;
        let best = 0;
        let sum = 0;
        for (let g = 0; g < code.width; g++) {
          const v = m.data[start + g]!;
          sum += v;
          if (v > m.data[start + best]!) best = g;
        }
        if (sum !== 0) {
          row[j] = kept[best]!;
        } else if (code.drop >= 0) {
          row[j] = code.grouped[code.drop]!;
        } else if (zerosMeanUnknown) {
          row[j] = null;
        } else {
          throw new SegmentkitError(
            'E_DOMAIN',
            `${context}: Z[${i}] has all zeros for input column ${j}, which cannot be inverted: column ${j} has no dropped category and handleUnknown is '${this.handleUnknown}'${code.hasInfrequent ? ' with an infrequent group' : ''}`,
          );
        }
      }
    });
    return out;
  }

  /**
   * Names of the output columns, as scikit-learn's `get_feature_names_out`: `${name}_${category}`, with the
   * infrequent group as `${name}_infrequent_sklearn`.
   *
   * @param inputNames - one name per input column; default `x0, x1, …`
   * @throws {@link SegmentkitError} `E_SHAPE` if `inputNames` has the wrong length.
   * @example
   * new OneHotEncoder().fit([[1, true], [2, false]]).featureNames(); // => ['x0_1', 'x0_2', 'x1_false', 'x1_true']
   */
  featureNames(inputNames?: readonly string[]): string[] {
    const names = inputFeatureNames(`${KIND}.featureNames`, this.nFeatures, inputNames);
    return this.#codes.flatMap((code, j) =>
      code.grouped.filter((_, g) => g !== code.drop).map((category) => `${names[j]!}_${String(category)}`),
    );
  }

  /**
   * The fitted encoder as plain JSON.
   *
   * @example
   * new OneHotEncoder().fit([['b'], ['a']]).toJSON().categories; // => [['a', 'b']]
   */
  toJSON(): OneHotEncoderModelJSON {
    return {
      kind: KIND,
      version: 1,
      handleUnknown: this.handleUnknown,
      drop: this.drop,
      categories: this.categories.map((cats) => [...cats]),
      infrequentIndices: this.#infrequentIndices.map((ix) => (ix === null ? null : [...ix])),
    };
  }

  /**
   * Rebuild from {@link OneHotEncoderModel.toJSON} output, validating every field.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the malformed field.
   * @example
   * OneHotEncoderModel.fromJSON(new OneHotEncoder().fit([['a'], ['b']]).toJSON()).nOutputs; // => 2
   */
  static fromJSON(json: unknown): OneHotEncoderModel {
    const context = `${KIND}.fromJSON`;
    const object = readModelHeader(json, KIND, 1);
    const handleUnknown = readString(object, 'handleUnknown', context, HANDLE_UNKNOWN);
    checkModel(object.drop === null || DROP_CHOICES.includes(object.drop as never), context, "drop must be 'first', 'if_binary' or null");
    const categories = readCategoryLists(object, context);
    const infrequentIndices = readInfrequentIndices(object, context, categories);
    return new OneHotEncoderModel({ handleUnknown, drop: object.drop as OneHotDrop, categories, infrequentIndices });
  }

  /** @internal */
  protected summaryLine(): string {
    return `OneHotEncoderModel { nFeatures: ${this.nFeatures}, nOutputs: ${this.nOutputs}, categories: [${this.categories
      .map((cats) => `[${listCategories(cats, 4)}]`)
      .join(', ')}] }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    return htmlSummary(
      'OneHotEncoderModel',
      [
        ['nFeatures', String(this.nFeatures)],
        ['nOutputs', String(this.nOutputs)],
        ['handleUnknown', this.handleUnknown],
        ['drop', String(this.drop)],
      ],
      {
        header: ['feature', 'categories', 'infrequent', 'dropped'],
        rows: this.categories.map((cats, j) => [
          String(j),
          listCategories(cats, 10),
          this.infrequentCategories[j] === null ? '' : listCategories(this.infrequentCategories[j]!, 10),
          this.dropped[j] === null ? '' : describeCategory(this.dropped[j]),
        ]),
      },
    );
  }
}

/**
 * The input of inverseTransform when every output column was dropped: rows with no columns (what transform
 * returned), which {@link toMatrix} rejects as empty.
 */
function rowsWithoutColumns(Z: MatrixLike, context: string): Matrix {
  const rows = isMatrix(Z)
    ? Z.cols === 0
      ? Z.rows
      : -1
    : Array.isArray(Z) && Z.every((row) => Array.isArray(row) && row.length === 0)
      ? Z.length
      : -1;
  if (rows === 0) throw new SegmentkitError('E_EMPTY', `${context}: Z has no rows; pass at least one row`);
  if (rows < 0) {
    throw new SegmentkitError(
      'E_SHAPE',
      `${context}: Z must have 0 columns, since every output column of this encoder was dropped; pass the output of transform`,
    );
  }
  return { data: new Float64Array(0), rows, cols: 0 };
}

function readInfrequentIndices(object: JsonObject, context: string, categories: readonly Category[][]): (number[] | null)[] {
  const value = object.infrequentIndices;
  checkModel(
    Array.isArray(value) && value.length === categories.length,
    context,
    `infrequentIndices must be an array with one entry per column (${categories.length})`,
  );
  return (value as unknown[]).map((entry, j) => {
    if (entry === null) return null;
    const n = categories[j]!.length;
    const ok =
      Array.isArray(entry) &&
      entry.length > 0 &&
      entry.every(
        (k: unknown, t) => typeof k === 'number' && Number.isInteger(k) && k >= 0 && k < n && (t === 0 || k > (entry[t - 1] as number)),
      );
    checkModel(ok, context, `infrequentIndices[${j}] must be null or increasing category indices in [0, ${n - 1}]`);
    return [...(entry as number[])];
  });
}
