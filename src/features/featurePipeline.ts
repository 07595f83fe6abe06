import { htmlSummary, installDisplay } from '../core/display';
import { toMatrix, type Matrix, type MatrixLike } from '../core/Matrix';
import { checkModel, readModelHeader, type JsonObject } from '../core/modelJson';
import { parseNumericCell } from '../core/parseNumericCell';
import { isSegmentkitError, SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions } from '../core/validateOptions';
import { compareCategories, isMissing, type Category } from './categories';
import { LogTransformer, LogTransformerModel } from './LogTransformer';
import { MaxAbsScaler, MaxAbsScalerModel } from './MaxAbsScaler';
import { MinMaxScaler, MinMaxScalerModel } from './MinMaxScaler';
import { OneHotEncoder, OneHotEncoderModel } from './OneHotEncoder';
import { OrdinalEncoder, OrdinalEncoderModel } from './OrdinalEncoder';
import { PowerTransformer, PowerTransformerModel } from './PowerTransformer';
import { readTable, type TableInput } from '../core/readTable';
import { RobustScaler, RobustScalerModel } from './RobustScaler';
import { SimpleImputer, SimpleImputerModel } from './SimpleImputer';
import { StandardScaler, StandardScalerModel } from './StandardScaler';
import { Winsorizer, WinsorizerModel } from './Winsorizer';

/** A numeric transformer a {@link featurePipeline} can apply to one column. */
export type NumericStep = StandardScaler | MinMaxScaler | RobustScaler | MaxAbsScaler | LogTransformer | PowerTransformer | Winsorizer | SimpleImputer;

/** A categorical step: an optional {@link SimpleImputer} (`'most_frequent'` or `'constant'`) followed by one encoder. */
export type CategoricalStep = OneHotEncoder | OrdinalEncoder | SimpleImputer;

/** What to do with each input column; see {@link featurePipeline}. */
export interface FeaturePipelineSpec {
  /** Numeric columns and the transformers applied to each, in order (a single step or a list). */
  readonly numeric?: Readonly<Record<string, NumericStep | readonly NumericStep[]>>;
  /** Categorical columns and their encoder (optionally preceded by an imputer). */
  readonly categorical?: Readonly<Record<string, CategoricalStep | readonly CategoricalStep[]>>;
  /** Numeric columns copied unchanged. */
  readonly passthrough?: readonly string[];
}

/** A fitted numeric step, as stored in the pipeline. */
type NumericModel =
  | StandardScalerModel
  | MinMaxScalerModel
  | RobustScalerModel
  | MaxAbsScalerModel
  | LogTransformerModel
  | PowerTransformerModel
  | WinsorizerModel
  | SimpleImputerModel;

const NUMERIC_LOADERS: Record<string, (json: unknown) => NumericModel> = {
  StandardScalerModel: (json) => StandardScalerModel.fromJSON(json),
  MinMaxScalerModel: (json) => MinMaxScalerModel.fromJSON(json),
  RobustScalerModel: (json) => RobustScalerModel.fromJSON(json),
  MaxAbsScalerModel: (json) => MaxAbsScalerModel.fromJSON(json),
  LogTransformerModel: (json) => LogTransformerModel.fromJSON(json),
  PowerTransformerModel: (json) => PowerTransformerModel.fromJSON(json),
  WinsorizerModel: (json) => WinsorizerModel.fromJSON(json),
  SimpleImputerModel: (json) => SimpleImputerModel.fromJSON(json),
};

interface NumericBlock {
  readonly column: string;
  readonly steps: readonly NumericModel[];
}

interface CategoricalBlock {
  readonly column: string;
  /** The category missing values become, or null when missing values are an error. */
  readonly fill: Category | null;
  readonly encoder: OneHotEncoderModel | OrdinalEncoderModel;
}

/** The JSON form of a {@link FittedFeaturePipeline}. */
export interface FittedFeaturePipelineJSON {
  /** Always `'FittedFeaturePipeline'`. */
  readonly kind: 'FittedFeaturePipeline';
  /** Format version. */
  readonly version: 1;
  /** Numeric columns with their fitted steps. */
  readonly numeric: {
    /** Input column name. */
    column: string;
    /** The fitted steps' JSON, in order. */
    steps: unknown[];
  }[];
  /** Categorical columns with their fill value (or null) and fitted encoder. */
  readonly categorical: {
    /** Input column name. */
    column: string;
    /** The category missing values become, or null when they are an error. */
    fill: Category | null;
    /** The fitted encoder's JSON. */
    encoder: unknown;
  }[];
  /** Passthrough columns. */
  readonly passthrough: string[];
}

/** The output of {@link FittedFeaturePipeline.transform}. */
export interface FeatureMatrix {
  /** One row per input row, columns in `featureNames` order. */
  readonly X: Matrix;
  /** Output column names: numeric columns, then encoder outputs (`channel_online`, …), then passthrough. */
  readonly featureNames: string[];
}

/** A row brought back to the user's units: numbers for numeric columns, categories for categorical ones. */
export type OriginalUnitsRow = Record<string, number | Category | null>;

const SPEC_KEYS = ['numeric', 'categorical', 'passthrough'];

function asList<T>(steps: T | readonly T[]): readonly T[] {
  return Array.isArray(steps) ? (steps as readonly T[]) : [steps as T];
}

function numericColumn(values: ArrayLike<unknown>, name: string, context: string, allowMissing: boolean): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = parseNumericCell(values[i]);
    if (value === undefined) {
      throw new SegmentkitError('E_PARSE', `${context}: row ${i}, column '${name}' is ${JSON.stringify(values[i]) ?? String(values[i])}, not a number; if that text marks a missing value, make it null (parseCsv's missing option does this for a file), or if the column holds categories, list it under categorical`);
    }
    if (Number.isNaN(value) && !allowMissing) {
      throw new SegmentkitError('E_NOT_FINITE', `${context}: row ${i}, column '${name}' is missing; start its steps with new SimpleImputer(...)`);
    }
    if (value === Infinity || value === -Infinity) throw new SegmentkitError('E_NOT_FINITE', `${context}: row ${i}, column '${name}' is ${value}`);
    out[i] = value;
  }
  return out;
}

function categoricalColumn(values: ArrayLike<unknown>, fill: Category | null, name: string, context: string): unknown[][] {
  const out: unknown[][] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (isMissing(value)) {
      if (fill === null) {
        throw new SegmentkitError('E_PARSE', `${context}: row ${i}, column '${name}' is missing; put new SimpleImputer({ strategy: 'most_frequent' }) before its encoder`);
      }
      out[i] = [fill];
    } else out[i] = [value];
  }
  return out;
}

/**
 * Run one step on a single column and, if it refuses a cell, say which column: the steps see a one-column
 * matrix, so their messages speak of `X[i][0]` and `column 0`; the user's data calls it by its name.
 */
function inColumn<T>(column: string, context: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (!isSegmentkitError(error)) throw error;
    const message = error.message
      .replace(/^[\w.]+: /, `${context}: `)
      .replace(/X\[(\d+)\]\[0\] \(row \d+, column 0\)/g, `row $1, column '${column}'`)
      .replace(/X\[(\d+)\]\[0\]/g, `row $1, column '${column}'`)
      .replace(/\bcolumn 0\b/g, `column '${column}'`);
    throw new SegmentkitError(error.code, message, { cause: error });
  }
}

function mostFrequentCategory(values: ArrayLike<unknown>, name: string, context: string): Category {
  const counts = new Map<Category, number>();
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (isMissing(value)) continue;
    counts.set(value as Category, (counts.get(value as Category) ?? 0) + 1);
  }
  if (counts.size === 0) throw new SegmentkitError('E_EMPTY', `${context}: column '${name}' has no values to learn the most frequent category from`);
  // ties → the smallest category in sort order, as scikit-learn
  return [...counts].sort((a, b) => b[1] - a[1] || compareCategories(a[0], b[0]))[0]![0];
}

/**
 * Declare how raw customer records become a numeric matrix: per-column chains of numeric transformers,
 * categorical encoders, and passthrough columns. Call `.fit(records)` on the result.
 *
 * @throws {@link SegmentkitError} `E_PARAM` for an empty spec, a column listed twice, a step of the wrong kind
 *   or in the wrong place (an imputer not first, a categorical chain not ending in an encoder).
 * @example
 * const pipeline = featurePipeline({
 *   numeric: { spend: [new SimpleImputer({ strategy: 'median' }), new LogTransformer(), new StandardScaler()] },
 *   categorical: { channel: new OneHotEncoder() },
 * }).fit([{ spend: 120, channel: 'web' }, { spend: null, channel: 'store' }, { spend: 40, channel: 'web' }]);
 * pipeline.featureNames; // => ['spend', 'channel_store', 'channel_web']
 */
export function featurePipeline(spec: FeaturePipelineSpec): FeaturePipeline {
  return new FeaturePipeline(spec);
}

/** An unfitted feature pipeline; see {@link featurePipeline}. */
export class FeaturePipeline {
  /** The declaration, as given. */
  readonly spec: FeaturePipelineSpec;

  /** @throws {@link SegmentkitError} `E_PARAM` for an invalid declaration (see {@link featurePipeline}). */
  constructor(spec: FeaturePipelineSpec) {
    assertKnownOptions('featurePipeline', spec, SPEC_KEYS);
    const seen = new Set<string>();
    const claim = (column: string): void => {
      if (seen.has(column)) throw new SegmentkitError('E_PARAM', `featurePipeline: column '${column}' is listed twice`);
      seen.add(column);
    };
    for (const [column, steps] of Object.entries(spec.numeric ?? {})) {
      claim(column);
      const list = asList(steps);
      if (list.length === 0) throw new SegmentkitError('E_PARAM', `featurePipeline: numeric column '${column}' has no steps (use passthrough to copy it)`);
      list.forEach((step, index) => {
        const known = [StandardScaler, MinMaxScaler, RobustScaler, MaxAbsScaler, LogTransformer, PowerTransformer, Winsorizer, SimpleImputer].some((type) => step instanceof type);
        if (!known) throw new SegmentkitError('E_PARAM', `featurePipeline: step ${index} of numeric column '${column}' is not a numeric transformer`);
        if (step instanceof SimpleImputer && index > 0) throw new SegmentkitError('E_PARAM', `featurePipeline: the SimpleImputer of column '${column}' must be its first step`);
      });
    }
    for (const [column, steps] of Object.entries(spec.categorical ?? {})) {
      claim(column);
      const list = asList(steps);
      const encoder = list[list.length - 1];
      if (!(encoder instanceof OneHotEncoder || encoder instanceof OrdinalEncoder)) {
        throw new SegmentkitError('E_PARAM', `featurePipeline: categorical column '${column}' must end with a OneHotEncoder or OrdinalEncoder`);
      }
      if (list.length > 2 || (list.length === 2 && !(list[0] instanceof SimpleImputer))) {
        throw new SegmentkitError('E_PARAM', `featurePipeline: categorical column '${column}' takes an optional SimpleImputer followed by one encoder`);
      }
      const imputer = list.length === 2 ? (list[0] as SimpleImputer) : undefined;
      const strategy = imputer?.params.strategy ?? 'most_frequent';
      if (imputer !== undefined && strategy !== 'most_frequent' && strategy !== 'constant') {
        throw new SegmentkitError('E_PARAM', `featurePipeline: categorical column '${column}' can only be imputed with 'most_frequent' or 'constant', not '${strategy}'`);
      }
    }
    for (const column of spec.passthrough ?? []) claim(column);
    if (seen.size === 0) throw new SegmentkitError('E_PARAM', 'featurePipeline: declare at least one numeric, categorical or passthrough column');
    this.spec = spec;
    Object.freeze(this);
  }

  /**
   * Fit every step on its column, in order.
   *
   * @param data - records (`[{ spend: 12, channel: 'web' }, …]`) or columns (`{ spend: [...], channel: [...] }`)
   * @throws {@link SegmentkitError} `E_PARSE` (missing column, text in a numeric column, a missing category
   *   without imputer), `E_NOT_FINITE` (a missing number without imputer), `E_EMPTY`, and the steps' own errors.
   * @example
   * featurePipeline({ numeric: { visits: new StandardScaler() } }).fit([{ visits: 1 }, { visits: 3 }]).featureNames; // => ['visits']
   */
  fit(data: TableInput): FittedFeaturePipeline {
    const context = 'FeaturePipeline.fit';
    const table = readTable(data, context);
    const numeric: NumericBlock[] = [];
    for (const [column, steps] of Object.entries(this.spec.numeric ?? {})) {
      const list = asList(steps);
      let values: Matrix = { data: numericColumn(table.column(column), column, context, list[0] instanceof SimpleImputer), rows: table.rows, cols: 1 };
      const models: NumericModel[] = [];
      for (const step of list) {
        const model = inColumn(column, context, () => (step as { fit(X: MatrixLike): NumericModel }).fit(values));
        values = inColumn(column, context, () => model.transform(values));
        models.push(model);
      }
      numeric.push({ column, steps: models });
    }
    const categorical: CategoricalBlock[] = [];
    for (const [column, steps] of Object.entries(this.spec.categorical ?? {})) {
      const list = asList(steps);
      const imputer = list.length === 2 ? (list[0] as SimpleImputer) : undefined;
      const values = table.column(column);
      let fill: Category | null = null;
      if (imputer !== undefined) {
        fill = imputer.params.strategy === 'constant' ? (imputer.params.fillValue ?? 'missing') : mostFrequentCategory(values, column, context);
      }
      const encoder = list[list.length - 1] as OneHotEncoder | OrdinalEncoder;
      categorical.push({ column, fill, encoder: inColumn(column, context, () => encoder.fit(categoricalColumn(values, fill, column, context))) });
    }
    const passthrough = [...(this.spec.passthrough ?? [])];
    for (const column of passthrough) numericColumn(table.column(column), column, context, false);
    return new FittedFeaturePipeline(numeric, categorical, passthrough);
  }
}

/** A fitted feature pipeline (immutable): records → matrix, and centroids back → records in the user's units. */
export class FittedFeaturePipeline {
  /** Output column names. */
  readonly featureNames: readonly string[];
  readonly #numeric: readonly NumericBlock[];
  readonly #categorical: readonly CategoricalBlock[];
  readonly #passthrough: readonly string[];

  /** @internal Use {@link FeaturePipeline.fit} or {@link FittedFeaturePipeline.fromJSON}. */
  constructor(numeric: readonly NumericBlock[], categorical: readonly CategoricalBlock[], passthrough: readonly string[]) {
    this.#numeric = numeric;
    this.#categorical = categorical;
    this.#passthrough = passthrough;
    this.featureNames = Object.freeze([
      ...numeric.map((block) => block.column),
      ...categorical.flatMap((block) => block.encoder.featureNames([block.column])),
      ...passthrough,
    ]);
    Object.freeze(this);
  }

  /** Number of input columns used. */
  get nInputColumns(): number {
    return this.#numeric.length + this.#categorical.length + this.#passthrough.length;
  }

  /**
   * Records (or columns) → the numeric matrix.
   *
   * @throws {@link SegmentkitError} as {@link FeaturePipeline.fit}; `E_PARAM` for a category unseen in fit with `handleUnknown: 'error'`.
   * @example
   * const fitted = featurePipeline({ numeric: { visits: new StandardScaler() } }).fit([{ visits: 1 }, { visits: 3 }]);
   * fitted.transform([{ visits: 5 }]).X.data; // => Float64Array [3]
   */
  transform(data: TableInput): FeatureMatrix {
    const context = 'FittedFeaturePipeline.transform';
    const table = readTable(data, context);
    const blocks: Matrix[] = [];
    for (const block of this.#numeric) {
      let values: Matrix = { data: numericColumn(table.column(block.column), block.column, context, block.steps[0] instanceof SimpleImputerModel), rows: table.rows, cols: 1 };
      for (const model of block.steps) values = inColumn(block.column, context, () => model.transform(values));
      blocks.push(values);
    }
    for (const block of this.#categorical) {
      blocks.push(inColumn(block.column, context, () => block.encoder.transform(categoricalColumn(table.column(block.column), block.fill, block.column, context))));
    }
    for (const column of this.#passthrough) blocks.push({ data: numericColumn(table.column(column), column, context, false), rows: table.rows, cols: 1 });
    const cols = this.featureNames.length;
    const out = new Float64Array(table.rows * cols);
    let offset = 0;
    for (const block of blocks) {
      for (let i = 0; i < table.rows; i++) {
        for (let j = 0; j < block.cols; j++) out[i * cols + offset + j] = block.data[i * block.cols + j]!;
      }
      offset += block.cols;
    }
    return { X: { data: out, rows: table.rows, cols }, featureNames: [...this.featureNames] };
  }

  /**
   * One transformed row (a centroid, a customer) back in the user's units: numeric columns through their
   * steps' inverses (a log-scaled spend comes back as spend), categorical columns as the category with the
   * largest value in their block (a centroid's one-hot block holds category shares), passthrough as is.
   *
   * @throws {@link SegmentkitError} `E_SHAPE` when the row's length differs from `featureNames.length`.
   * @example
   * const fitted = featurePipeline({ numeric: { spend: [new LogTransformer(), new StandardScaler()] } }).fit([{ spend: 9 }, { spend: 99 }]);
   * fitted.inverseTransformRow([0]).spend.toFixed(2); // => '30.62'
   */
  inverseTransformRow(row: ArrayLike<number>): OriginalUnitsRow {
    if (row.length !== this.featureNames.length) {
      throw new SegmentkitError('E_SHAPE', `FittedFeaturePipeline.inverseTransformRow: the row has ${row.length} values but the pipeline makes ${this.featureNames.length} columns`);
    }
    const out: OriginalUnitsRow = {};
    let offset = 0;
    for (const block of this.#numeric) {
      let value: Matrix = { data: Float64Array.of(row[offset]!), rows: 1, cols: 1 };
      for (let s = block.steps.length - 1; s >= 0; s--) value = block.steps[s]!.inverseTransform(value);
      out[block.column] = value.data[0]!;
      offset += 1;
    }
    for (const block of this.#categorical) {
      const width = block.encoder.featureNames([block.column]).length;
      out[block.column] = decodeBlock(block.encoder, Array.from({ length: width }, (_, j) => row[offset + j]!));
      offset += width;
    }
    for (const column of this.#passthrough) out[column] = row[offset++]!;
    return out;
  }

  /**
   * Every centroid (or row) of a model back in the user's units; see {@link FittedFeaturePipeline.inverseTransformRow}.
   *
   * @example
   * const fitted = featurePipeline({ numeric: { visits: new StandardScaler() } }).fit([{ visits: 1 }, { visits: 3 }]);
   * fitted.inverseTransformCentroids([[-1], [1]]); // => [{ visits: 1 }, { visits: 3 }]
   */
  inverseTransformCentroids(centroids: MatrixLike): OriginalUnitsRow[] {
    const m = toMatrix(centroids, 'FittedFeaturePipeline.inverseTransformCentroids', { name: 'centroids' });
    return Array.from({ length: m.rows }, (_, i) => this.inverseTransformRow(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  }

  /**
   * The fitted pipeline as plain JSON (every step's fitted state).
   *
   * @example
   * featurePipeline({ passthrough: ['age'] }).fit([{ age: 30 }]).toJSON().passthrough; // => ['age']
   */
  toJSON(): FittedFeaturePipelineJSON {
    return {
      kind: 'FittedFeaturePipeline',
      version: 1,
      numeric: this.#numeric.map((block) => ({ column: block.column, steps: block.steps.map((step) => step.toJSON()) })),
      categorical: this.#categorical.map((block) => ({ column: block.column, fill: block.fill, encoder: block.encoder.toJSON() })),
      passthrough: [...this.#passthrough],
    };
  }

  /**
   * Rebuild from {@link FittedFeaturePipeline.toJSON} output, validating every step.
   *
   * @throws {@link SegmentkitError} `E_MODEL` naming the malformed part.
   * @example
   * const json = featurePipeline({ passthrough: ['age'] }).fit([{ age: 30 }]).toJSON();
   * FittedFeaturePipeline.fromJSON(json).featureNames; // => ['age']
   */
  static fromJSON(json: unknown): FittedFeaturePipeline {
    const context = 'FittedFeaturePipeline.fromJSON';
    const object = readModelHeader(json, 'FittedFeaturePipeline', 1);
    const list = (field: string): JsonObject[] => {
      const value = object[field];
      checkModel(Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null), context, `${field} must be an array of objects`);
      return value as JsonObject[];
    };
    const columnName = (entry: JsonObject, field: string): string => {
      checkModel(typeof entry.column === 'string' && entry.column !== '', context, `every ${field} entry needs a column name`);
      return entry.column as string;
    };
    const numeric = list('numeric').map((entry): NumericBlock => {
      const column = columnName(entry, 'numeric');
      checkModel(Array.isArray(entry.steps) && entry.steps.length > 0, context, `numeric column '${column}' needs steps`);
      const steps = (entry.steps as unknown[]).map((step) => {
        const kind = (step as { kind?: unknown } | null)?.kind;
        const load = typeof kind === 'string' ? NUMERIC_LOADERS[kind] : undefined;
        checkModel(load !== undefined, context, `numeric column '${column}' has a step of unknown kind ${JSON.stringify(kind)}`);
        const model = load!(step);
        checkModel(model.nFeatures === 1, context, `numeric column '${column}' has a step fitted on ${model.nFeatures} columns`);
        return model;
      });
      return { column, steps };
    });
    const categorical = list('categorical').map((entry): CategoricalBlock => {
      const column = columnName(entry, 'categorical');
      const fill = entry.fill;
      checkModel(fill === null || ['string', 'number', 'boolean'].includes(typeof fill), context, `categorical column '${column}' has an invalid fill value`);
      const kind = (entry.encoder as { kind?: unknown } | null)?.kind;
      checkModel(kind === 'OneHotEncoderModel' || kind === 'OrdinalEncoderModel', context, `categorical column '${column}' needs a OneHotEncoderModel or OrdinalEncoderModel`);
      const encoder = kind === 'OneHotEncoderModel' ? OneHotEncoderModel.fromJSON(entry.encoder) : OrdinalEncoderModel.fromJSON(entry.encoder);
      checkModel(encoder.nFeatures === 1, context, `categorical column '${column}' has an encoder fitted on ${encoder.nFeatures} columns`);
      return { column, fill: fill as Category | null, encoder };
    });
    const passthrough = object.passthrough;
    checkModel(Array.isArray(passthrough) && passthrough.every((c) => typeof c === 'string'), context, 'passthrough must be an array of column names');
    const columns = [...numeric.map((b) => b.column), ...categorical.map((b) => b.column), ...(passthrough as string[])];
    checkModel(columns.length > 0 && new Set(columns).size === columns.length, context, 'columns must be non-empty and distinct');
    return new FittedFeaturePipeline(numeric, categorical, passthrough as string[]);
  }
}

/** The category a block of encoder outputs stands for: the largest one-hot value (dropped category = 1 − sum), or the nearest ordinal code. */
function decodeBlock(encoder: OneHotEncoderModel | OrdinalEncoderModel, values: number[]): Category | null {
  if (encoder instanceof OrdinalEncoderModel) {
    const count = encoder.categories[0]!.length;
    const code = Math.min(count - 1, Math.max(0, Math.round(values[0]!)));
    return encoder.inverseTransform([[code]])[0]![0]!;
  }
  let best = -1;
  let bestValue = -Infinity;
  values.forEach((v, j) => {
    if (v > bestValue) [best, bestValue] = [j, v];
  });
  const rest = 1 - values.reduce((a, b) => a + b, 0);
  const oneHot = values.map((_, j) => (j === best ? 1 : 0));
  // with a dropped category, its implicit share is what the others leave
  if (encoder.dropIndices.some((d) => d !== null) && rest > bestValue) oneHot.fill(0);
  return encoder.inverseTransform([oneHot])[0]![0] ?? null;
}

installDisplay(
  FittedFeaturePipeline.prototype,
  (model) => `FittedFeaturePipeline { inputs: ${model.nInputColumns}, outputs: ${model.featureNames.length}, featureNames: [${model.featureNames.slice(0, 8).join(', ')}${model.featureNames.length > 8 ? ', …' : ''}] }`,
  (model) =>
    htmlSummary('FittedFeaturePipeline', [['inputs', String(model.nInputColumns)], ['outputs', String(model.featureNames.length)]], {
      header: ['output column'],
      rows: model.featureNames.map((name) => [name]),
    }),
);
