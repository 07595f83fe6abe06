import { Displayable } from '../core/Displayable';

import { BUILT_IN_TRANSFORMERS, type TransformerLoader } from './transformerModels';
import { htmlSummary } from '../core/display';
import { toMatrix, type Matrix, type MatrixLike } from '../core/Matrix';
import { checkModel, readModelHeader, type JsonObject } from '../core/modelJson';
import { describeValue } from '../core/describeValue';
import { setField } from '../core/recordField';
import { SegmentkitError } from '../core/SegmentkitError';
import { toVector } from '../core/toVector';
import { assertKnownOptions } from '../core/validateOptions';
import type { Category } from '../core/category';
import { OneHotEncoderModel } from './OneHotEncoderModel';
import { OrdinalEncoderModel } from './OrdinalEncoderModel';
import { readTable, type TableInput } from '../core/readTable';
import { pipelineSql, type PipelineSqlOptions } from '../sql/scoringSql';
import type { SqlQuery, WarehouseDialect } from '../sql/sqlDialect';
import { featureExpressions } from '../sql/featuresSql';
import type { SqlParams } from '../sql/sqlParams';
import { categoricalColumn, inColumn, numericColumn, type CategoricalBlock, type NumericBlock } from './pipelineColumns';

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

/**
 * A fitted feature pipeline (immutable): records → matrix, and centroids back → records in the user's units.
 *
 * @example
 * const fitted = featurePipeline({ numeric: { visits: new StandardScaler() } }).fit([{ visits: 1 }, { visits: 3 }]);
 * fitted.transform([{ visits: 3 }]).X.data; // => Float64Array [1]
 */
export class FittedFeaturePipeline extends Displayable {
  /** Output column names. */
  readonly featureNames: readonly string[];
  readonly #numeric: readonly NumericBlock[];
  readonly #categorical: readonly CategoricalBlock[];
  readonly #passthrough: readonly string[];

  /** @internal Use {@link FeaturePipeline.fit} or {@link FittedFeaturePipeline.fromJSON}. */
  constructor(numeric: readonly NumericBlock[], categorical: readonly CategoricalBlock[], passthrough: readonly string[]) {
    super();
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
      let values: Matrix = {
        data: numericColumn(table.column(block.column), block.column, context, block.steps[0]!.fillsMissing === true),
        rows: table.rows,
        cols: 1,
      };
      for (const model of block.steps) values = inColumn(block.column, context, () => model.transform(values));
      blocks.push(values);
    }
    for (const block of this.#categorical) {
      blocks.push(
        inColumn(block.column, context, () =>
          block.encoder.transform(categoricalColumn(table.column(block.column), block.fill, block.column, context)),
        ),
      );
    }
    for (const column of this.#passthrough)
      blocks.push({ data: numericColumn(table.column(column), column, context, false), rows: table.rows, cols: 1 });
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
   * The pipeline as one SQL SELECT over a warehouse table: the `id` columns, then one column per
   * {@link FittedFeaturePipeline.featureNames} entry, computed in the database (scalers with the fitted numbers
   * as exact literals, imputers as COALESCE, log and power transforms with LN/EXP, one-hot and ordinal codes
   * with the categories as bound `params`). A value transform would refuse (a missing value without an
   * imputer, an unknown category with `handleUnknown: 'error'`, log1p of a value ≤ −1) gives NULL. To score,
   * pass the pipeline to a model's `toSql` instead ({@link KMeansModel.toSql}).
   *
   * @throws {@link SegmentkitError} `E_PARAM` for a bad option or identifier, or a custom step with no SQL form.
   * @example
   * const fitted = featurePipeline({ numeric: { visits: new StandardScaler() } }).fit([{ visits: 1 }, { visits: 3 }]);
   * fitted.toSql({ table: 'customers', id: 'id' }).sql.includes('AS "visits"'); // => true
   */
  toSql(options: PipelineSqlOptions): SqlQuery {
    return pipelineSql(this, options, 'FittedFeaturePipeline.toSql');
  }

  /** @internal The features as SQL expressions (what a model's `toSql` puts in front of its scoring). */
  sqlFeatures(dialect: WarehouseDialect, params: SqlParams, context: string): string[] {
    return featureExpressions(this.toJSON(), dialect, params, context).expressions;
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
    const values = toVector(row, 'FittedFeaturePipeline.inverseTransformRow', { name: 'row' });
    return this.#inverseTransformRow(values);
  }

  #inverseTransformRow(row: Float64Array): OriginalUnitsRow {
    if (row.length !== this.featureNames.length) {
      throw new SegmentkitError(
        'E_SHAPE',
        `FittedFeaturePipeline.inverseTransformRow: the row has ${row.length} values but the pipeline makes ${this.featureNames.length} columns`,
      );
    }
    const out: OriginalUnitsRow = {};
    let offset = 0;
    for (const block of this.#numeric) {
      let value: Matrix = { data: Float64Array.of(row[offset]!), rows: 1, cols: 1 };
      for (let s = block.steps.length - 1; s >= 0; s--) value = block.steps[s]!.inverseTransform(value);
      setField(out, block.column, value.data[0]!);
      offset += 1;
    }
    for (const block of this.#categorical) {
      const width = block.encoder.featureNames([block.column]).length;
      setField(
        out,
        block.column,
        decodeBlock(
          block.encoder,
          Array.from({ length: width }, (_, j) => row[offset + j]!),
        ),
      );
      offset += width;
    }
    for (const column of this.#passthrough) setField(out, column, row[offset++]!);
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
    return Array.from({ length: m.rows }, (_, i) => this.#inverseTransformRow(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
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
  static fromJSON(
    json: unknown,
    options: { readonly transformers?: Readonly<Record<string, TransformerLoader>> } = {},
  ): FittedFeaturePipeline {
    const context = 'FittedFeaturePipeline.fromJSON';
    assertKnownOptions(context, options, ['transformers']);
    const custom: unknown = options.transformers;
    if (
      custom !== undefined &&
      (typeof custom !== 'object' ||
        custom === null ||
        Array.isArray(custom) ||
        !Object.values(custom).every((load) => typeof load === 'function'))
    ) {
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: transformers must be an object { kind: fromJSON } of loader functions, got ${describeValue(custom)}`,
      );
    }
    const loaders: Readonly<Record<string, TransformerLoader>> = { ...BUILT_IN_TRANSFORMERS, ...options.transformers };
    const object = readModelHeader(json, 'FittedFeaturePipeline', 1);
    const list = (field: string): JsonObject[] => {
      const value = object[field];
      checkModel(
        Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null),
        context,
        `${field} must be an array of objects`,
      );
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
        const load = typeof kind === 'string' && Object.hasOwn(loaders, kind) ? loaders[kind] : undefined;
        checkModel(
          load !== undefined,
          context,
          `numeric column '${column}' has a step of unknown kind ${describeValue(kind)} (pass transformers: { ${typeof kind === 'string' ? JSON.stringify(kind) : "'MyModel'"}: MyModel.fromJSON } for your own)`,
        );
        const model = load!(step);
        checkModel(model.nFeatures === 1, context, `numeric column '${column}' has a step fitted on ${model.nFeatures} columns`);
        return model;
      });
      return { column, steps };
    });
    const categorical = list('categorical').map((entry): CategoricalBlock => {
      const column = columnName(entry, 'categorical');
      const fill = entry.fill;
      checkModel(
        fill === null || ['string', 'number', 'boolean'].includes(typeof fill),
        context,
        `categorical column '${column}' has an invalid fill value`,
      );
      const kind = (entry.encoder as { kind?: unknown } | null)?.kind;
      checkModel(
        kind === 'OneHotEncoderModel' || kind === 'OrdinalEncoderModel',
        context,
        `categorical column '${column}' needs a OneHotEncoderModel or OrdinalEncoderModel`,
      );
      const encoder =
        kind === 'OneHotEncoderModel' ? OneHotEncoderModel.fromJSON(entry.encoder) : OrdinalEncoderModel.fromJSON(entry.encoder);
      checkModel(encoder.nFeatures === 1, context, `categorical column '${column}' has an encoder fitted on ${encoder.nFeatures} columns`);
      return { column, fill: fill as Category | null, encoder };
    });
    const passthrough = object.passthrough;
    checkModel(
      Array.isArray(passthrough) && passthrough.every((c) => typeof c === 'string'),
      context,
      'passthrough must be an array of column names',
    );
    const columns = [...numeric.map((b) => b.column), ...categorical.map((b) => b.column), ...(passthrough as string[])];
    checkModel(columns.length > 0 && new Set(columns).size === columns.length, context, 'columns must be non-empty and distinct');
    return new FittedFeaturePipeline(numeric, categorical, passthrough as string[]);
  }

  /** @internal */
  protected summaryLine(): string {
    return `FittedFeaturePipeline { inputs: ${this.nInputColumns}, outputs: ${this.featureNames.length}, featureNames: [${this.featureNames.slice(0, 8).join(', ')}${this.featureNames.length > 8 ? ', …' : ''}] }`;
  }

  /** @internal */
  protected summaryHtml(): Record<string, string> {
    return htmlSummary(
      'FittedFeaturePipeline',
      [
        ['inputs', String(this.nInputColumns)],
        ['outputs', String(this.featureNames.length)],
      ],
      {
        header: ['output column'],
        rows: this.featureNames.map((name) => [name]),
      },
    );
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
