import { isFittedTransformer, isTransformer, type FittedTransformer, type Transformer } from './Transformer';
import type { Matrix } from '../core/Matrix';
import { describeValue } from '../core/describeValue';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions } from '../core/validateOptions';
import type { Category } from '../core/category';
import { OneHotEncoder } from './OneHotEncoder';
import { OrdinalEncoder } from './OrdinalEncoder';
import { readTable, type TableInput } from '../core/readTable';
import { SimpleImputer } from './SimpleImputer';
import {
  categoricalColumn,
  inColumn,
  mostFrequentCategory,
  numericColumn,
  type CategoricalBlock,
  type NumericBlock,
} from './pipelineColumns';
import { FittedFeaturePipeline } from './FittedFeaturePipeline';

/**
 * A numeric transformer a {@link featurePipeline} can apply to one column: any {@link Transformer} (the scalers,
 * transforms and imputer of segmentkit, or your own).
 */
export type NumericStep = Transformer;

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

const SPEC_KEYS = ['numeric', 'categorical', 'passthrough'];

function asList<T>(steps: T | readonly T[]): readonly T[] {
  return Array.isArray(steps) ? (steps as readonly T[]) : [steps as T];
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

/**
 * An unfitted feature pipeline; see {@link featurePipeline}.
 *
 * @example
 * const pipeline = featurePipeline({ passthrough: ['age'] });
 * pipeline instanceof FeaturePipeline; // => true
 * pipeline.fit([{ age: 30 }, { age: 40 }]).featureNames; // => ['age']
 */
export class FeaturePipeline {
  /** The declaration, as given. */
  readonly spec: FeaturePipelineSpec;

  /** @throws {@link SegmentkitError} `E_PARAM` for an invalid declaration (see {@link featurePipeline}). */
  constructor(spec: FeaturePipelineSpec) {
    if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
      throw new SegmentkitError(
        'E_PARAM',
        `featurePipeline: the spec must be an object { numeric, categorical, passthrough }, got ${describeValue(spec)}`,
      );
    }
    assertKnownOptions('featurePipeline', spec, SPEC_KEYS);
    for (const part of ['numeric', 'categorical'] as const) {
      const value: unknown = spec[part];
      const proto = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : undefined;
      // a plain object (or one without a prototype): a Date, a Map or an array is not a column → steps table
      if (value !== undefined && proto !== Object.prototype && proto !== null) {
        throw new SegmentkitError('E_PARAM', `featurePipeline: ${part} must be an object { column: steps }, got ${describeValue(value)}`);
      }
    }
    const passthroughOption: unknown = spec.passthrough;
    if (
      passthroughOption !== undefined &&
      (!Array.isArray(passthroughOption) || !passthroughOption.every((c) => typeof c === 'string' && c !== ''))
    ) {
      throw new SegmentkitError(
        'E_PARAM',
        `featurePipeline: passthrough must be a list of column names (non-empty strings), got ${describeValue(passthroughOption)}`,
      );
    }
    const seen = new Set<string>();
    const claim = (column: string): void => {
      if (seen.has(column)) throw new SegmentkitError('E_PARAM', `featurePipeline: column '${column}' is listed twice`);
      seen.add(column);
    };
    for (const [column, steps] of Object.entries(spec.numeric ?? {})) {
      claim(column);
      const list = asList(steps);
      if (list.length === 0)
        throw new SegmentkitError('E_PARAM', `featurePipeline: numeric column '${column}' has no steps (use passthrough to copy it)`);
      list.forEach((step, index) => {
        if (!isTransformer(step) || step instanceof OneHotEncoder || step instanceof OrdinalEncoder) {
          throw new SegmentkitError(
            'E_PARAM',
            `featurePipeline: step ${index} of numeric column '${column}' is not a numeric transformer (an object with fit(X) returning a model with transform and inverseTransform)`,
          );
        }
        if (step.fillsMissing === true && index > 0)
          throw new SegmentkitError('E_PARAM', `featurePipeline: the imputer of column '${column}' must be its first step`);
      });
    }
    for (const [column, steps] of Object.entries(spec.categorical ?? {})) {
      claim(column);
      const list = asList(steps);
      const encoder = list[list.length - 1];
      if (!(encoder instanceof OneHotEncoder || encoder instanceof OrdinalEncoder)) {
        throw new SegmentkitError(
          'E_PARAM',
          `featurePipeline: categorical column '${column}' must end with a OneHotEncoder or OrdinalEncoder`,
        );
      }
      if (list.length > 2 || (list.length === 2 && !(list[0] instanceof SimpleImputer))) {
        throw new SegmentkitError(
          'E_PARAM',
          `featurePipeline: categorical column '${column}' takes an optional SimpleImputer followed by one encoder`,
        );
      }
      const imputer = list.length === 2 ? (list[0] as SimpleImputer) : undefined;
      const strategy = imputer?.params.strategy ?? 'most_frequent';
      if (imputer !== undefined && strategy !== 'most_frequent' && strategy !== 'constant') {
        throw new SegmentkitError(
          'E_PARAM',
          `featurePipeline: categorical column '${column}' can only be imputed with 'most_frequent' or 'constant', not '${strategy}'`,
        );
      }
    }
    for (const column of spec.passthrough ?? []) claim(column);
    if (seen.size === 0)
      throw new SegmentkitError('E_PARAM', 'featurePipeline: declare at least one numeric, categorical or passthrough column');
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
      let values: Matrix = {
        data: numericColumn(table.column(column), column, context, list[0]!.fillsMissing === true),
        rows: table.rows,
        cols: 1,
      };
      const models: FittedTransformer[] = [];
      for (const [index, step] of list.entries()) {
        const model = inColumn(column, context, () => step.fit(values));
        if (!isFittedTransformer(model)) {
          throw new SegmentkitError(
            'E_PARAM',
            `FeaturePipeline.fit: step ${index} of column '${column}' returned no fitted transformer from fit (it needs kind, nFeatures, transform, inverseTransform and toJSON)`,
          );
        }
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
        fill =
          imputer.params.strategy === 'constant' ? (imputer.params.fillValue ?? 'missing') : mostFrequentCategory(values, column, context);
      }
      const encoder = list[list.length - 1] as OneHotEncoder | OrdinalEncoder;
      categorical.push({
        column,
        fill,
        encoder: inColumn(column, context, () => encoder.fit(categoricalColumn(values, fill, column, context))),
      });
    }
    const passthrough = [...(this.spec.passthrough ?? [])];
    for (const column of passthrough) numericColumn(table.column(column), column, context, false);
    return new FittedFeaturePipeline(numeric, categorical, passthrough);
  }
}
