import { htmlSummary } from '../core/display';
import { toMatrix, type Matrix, type MatrixLike } from '../core/Matrix';
import { FittedModel } from '../core/FittedModel';
import { checkModel, readModelHeader, readString } from '../core/modelJson';
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
import type { Category } from '../core/category';

/**
 * What {@link OrdinalEncoderModel.transform} does with a category not seen in fit: `'error'` throws,
 * `'use_encoded_value'` writes `unknownValue`.
 */
export type OrdinalHandleUnknown = 'error' | 'use_encoded_value';

/** The JSON form of an {@link OrdinalEncoderModel}. */
export interface OrdinalEncoderModelJSON {
  /** Always `'OrdinalEncoderModel'`. */
  readonly kind: 'OrdinalEncoderModel';
  /** Format version. */
  readonly version: 1;
  /** How unknown categories are handled at transform. */
  readonly handleUnknown: OrdinalHandleUnknown;
  /** The code for unknown categories (`'NaN'` for NaN, which JSON cannot hold), or `null` with `handleUnknown: 'error'`. */
  readonly unknownValue: number | 'NaN' | null;
  /** Categories per input column, in code order. */
  readonly categories: Category[][];
}

const KIND = 'OrdinalEncoderModel';

export const HANDLE_UNKNOWN: readonly OrdinalHandleUnknown[] = ['error', 'use_encoded_value'];

/** The message for an unknown value that collides with a real code, or `undefined` if it does not. */
export function collision(unknownValue: number, categories: readonly (readonly Category[])[]): string | undefined {
  const j = categories.findIndex((cats) => unknownValue >= 0 && unknownValue < cats.length);
  if (j < 0) return undefined;
  return `unknownValue ${unknownValue} is already the code of ${JSON.stringify(categories[j]![unknownValue])} in column ${j} (codes 0..${categories[j]!.length - 1}); use -1, NaN or a value ≥ ${categories.reduce((max, c) => Math.max(max, c.length), 0)}`;
}

/**
 * A fitted {@link OrdinalEncoder} (immutable).
 *
 * @example
 * const model = new OrdinalEncoder({ handleUnknown: 'use_encoded_value', unknownValue: -1 }).fit([['a'], ['b']]);
 * model.transform([['b'], ['z']]).data; // => Float64Array [1, -1]
 */
export class OrdinalEncoderModel extends FittedModel {
  /** Number of output columns (one code per input column, so equal to `nFeatures`). */
  readonly nOutputs: number;
  /** Categories per input column, in code order: category `categories[j][c]` is encoded as `c`. */
  readonly categories: readonly (readonly Category[])[];
  /** How unknown categories are handled at transform. */
  readonly handleUnknown: OrdinalHandleUnknown;
  /** The code written for unknown categories (an integer or NaN), or `null` with `handleUnknown: 'error'`. */
  readonly unknownValue: number | null;
  readonly #indices: readonly Map<Category, number>[];

  /** @internal Use {@link OrdinalEncoder.fit} or {@link OrdinalEncoderModel.fromJSON}. */
  constructor(fields: { handleUnknown: OrdinalHandleUnknown; unknownValue: number | null; categories: readonly (readonly Category[])[] }) {
    super(KIND, fields.categories.length);
    this.handleUnknown = fields.handleUnknown;
    this.unknownValue = fields.unknownValue;
    this.categories = Object.freeze(fields.categories.map((cats) => Object.freeze([...cats])));
    this.#indices = this.categories.map(indexCategories);
    this.nOutputs = this.nFeatures;
    Object.freeze(this);
  }

  /**
   * Replace each category by its code.
   *
   * @throws {@link SegmentkitError} `E_SHAPE` for a wrong column count or ragged rows, `E_PARSE` for a missing
   *   value or a value of another type than in fit, `E_PARAM` for an unknown category when `handleUnknown` is
   *   `'error'` (naming row, column and value).
   * @example
   * new OrdinalEncoder().fit([['a', 1], ['b', 5]]).transform([['b', 1]]).data; // => Float64Array [1, 0]
   */
  transform(X: CategoricalTable): Matrix {
    const context = `${KIND}.transform`;
    const table = readCategoricalTable(X, context, this.categories.map(listKind));
    const { rows, cols } = table;
    const data = new Float64Array(rows * cols);
    this.#indices.forEach((index, j) => {
      const column = table.columns[j]!;
      for (let i = 0; i < rows; i++) {
        const code = index.get(column[i]!);
        if (code !== undefined) {
          data[i * cols + j] = code;
        } else if (this.unknownValue !== null) {
          data[i * cols + j] = this.unknownValue;
        } else {
          throw unknownCategoryError(
            context,
            i,
            j,
            column[i]!,
            this.categories[j]!,
            "pass handleUnknown: 'use_encoded_value' with unknownValue: -1 (or NaN) to encode unknown categories",
          );
        }
      }
    });
    return { data, rows, cols };
  }

  /**
   * Back to categories; `unknownValue` becomes `null`.
   *
   * @throws {@link SegmentkitError} `E_SHAPE` for a wrong column count, `E_DOMAIN` for a value that is neither a
   *   code of its column (an integer in 0..n−1) nor `unknownValue`.
   * @example
   * new OrdinalEncoder().fit([['a'], ['b']]).inverseTransform([[1], [0]]); // => [['b'], ['a']]
   */
  inverseTransform(Z: MatrixLike): (Category | null)[][] {
    const context = `${KIND}.inverseTransform`;
    const m = toMatrix(Z, context, { name: 'Z', allowNaN: true });
    if (m.cols !== this.nFeatures) {
      throw new SegmentkitError(
        'E_SHAPE',
        `${context}: Z has ${m.cols} columns but the encoder was fitted on ${this.nFeatures}; pass the output of transform`,
      );
    }
    const unknown = this.unknownValue;
    const out: (Category | null)[][] = new Array(m.rows);
    for (let i = 0; i < m.rows; i++) {
      const row = new Array<Category | null>(m.cols);
      for (let j = 0; j < m.cols; j++) {
        const v = m.data[i * m.cols + j]!;
        const cats = this.categories[j]!;
        if (unknown !== null && (v === unknown || (Number.isNaN(v) && Number.isNaN(unknown)))) {
          row[j] = null;
        } else if (Number.isInteger(v) && v >= 0 && v < cats.length) {
          row[j] = cats[v]!;
        } else {
          const accepted = unknown === null ? '' : ` or the unknownValue ${unknown}`;
          throw new SegmentkitError(
            'E_DOMAIN',
            `${context}: Z[${i}][${j}] is ${v}, not a code of column ${j} (integers 0..${cats.length - 1}${accepted}); pass the output of transform`,
          );
        }
      }
      out[i] = row;
    }
    return out;
  }

  /**
   * Names of the output columns: the input names (one output per input), as scikit-learn's
   * `get_feature_names_out`.
   *
   * @param inputNames - one name per input column; default `x0, x1, …`
   * @throws {@link SegmentkitError} `E_SHAPE` if `inputNames` has the wrong length.
   * @example
   * new OrdinalEncoder().fit([['a', 1]]).featureNames(['plan', 'tier']); // => ['plan', 'tier']
   */
  featureNames(inputNames?: readonly string[]): string[] {
    return inputFeatureNames(`${KIND}.featureNames`, this.nFeatures, inputNames);
  }

  /**
   * The fitted encoder as plain JSON.
   *
   * @example
   * new OrdinalEncoder().fit([['b'], ['a']]).toJSON().categories; // => [['a', 'b']]
   */
  toJSON(): OrdinalEncoderModelJSON {
    const u = this.unknownValue;
    return {
      kind: KIND,
      version: 1,
      handleUnknown: this.handleUnknown,
      unknownValue: u === null ? null : Number.isNaN(u) ? 'NaN' : u,
      categories: this.categories.map((cats) => [...cats]),
    };
  }

  /**
   * Rebuild from {@link OrdinalEncoderModel.toJSON} output, validating every field.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the malformed field.
   * @example
   * OrdinalEncoderModel.fromJSON(new OrdinalEncoder().fit([['a'], ['b']]).toJSON()).categories; // => [['a', 'b']]
   */
  static fromJSON(json: unknown): OrdinalEncoderModel {
    const context = `${KIND}.fromJSON`;
    const object = readModelHeader(json, KIND, 1);
    const handleUnknown = readString(object, 'handleUnknown', context, HANDLE_UNKNOWN);
    const categories = readCategoryLists(object, context);
    const raw = object.unknownValue;
    let unknownValue: number | null = null;
    if (handleUnknown === 'use_encoded_value') {
      checkModel(
        raw === 'NaN' || (typeof raw === 'number' && Number.isInteger(raw)),
        context,
        "unknownValue must be an integer or 'NaN' with handleUnknown 'use_encoded_value'",
      );
      unknownValue = raw === 'NaN' ? NaN : (raw as number);
      const problem = collision(unknownValue, categories);
      checkModel(problem === undefined, context, problem ?? '');
    } else {
      checkModel(raw === null, context, "unknownValue must be null with handleUnknown 'error'");
    }
    return new OrdinalEncoderModel({ handleUnknown, unknownValue, categories });
  }

  /** @internal */
  protected summaryLine(): string {
    return `OrdinalEncoderModel { nFeatures: ${this.nFeatures}, categories: [${this.categories.map((cats) => `[${listCategories(cats, 4)}]`).join(', ')}] }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    return htmlSummary(
      'OrdinalEncoderModel',
      [
        ['nFeatures', String(this.nFeatures)],
        ['handleUnknown', this.handleUnknown],
        ['unknownValue', String(this.unknownValue)],
      ],
      {
        header: ['feature', 'categories (code order)'],
        rows: this.categories.map((cats, j) => [String(j), listCategories(cats, 10)]),
      },
    );
  }
}
