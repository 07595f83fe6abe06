import type { Category } from '../core/category';
import { SegmentkitError } from '../core/SegmentkitError';
import type { FittedFeaturePipelineJSON } from '../features/FittedFeaturePipeline';
import { doubleType, quoteName, type WarehouseDialect } from './sqlDialect';
import { sqlNumber } from './sqlNumber';
import type { SqlParams } from './sqlParams';

// Every fitted step of a FittedFeaturePipeline as a SQL expression over the raw table columns, read from the
// pipeline's JSON (the same validated numbers its transform uses), with the same IEEE operations where the step
// is arithmetic: the scalers are `(x − shift) / divisor + offset` exactly as AffineColumnsModel, the imputer a
// COALESCE, the winsorizer a clip. Log and power transforms use the engine's LN / EXP, which may differ from
// segmentkit's portable functions in the last bit. Category values (one-hot, ordinal, fill values) are bound
// parameters. What transform would refuse (a missing value without an imputer, an unknown category with
// handleUnknown 'error', log1p of a value ≤ −1) becomes NULL, and a NULL feature gives a NULL segment.

/** Number.EPSILON as a literal (no property read at module level). */
const EPS = 2.220446049250313e-16;

/** @internal The feature expressions of a pipeline, in `featureNames` order. */
export interface FeatureExpressions {
  readonly names: string[];
  readonly expressions: string[];
}

type Json = Record<string, unknown>;

const numbers = (value: unknown): number[] => value as number[];

function handleZerosInScale(scale: number): number {
  return scale < 10 * EPS ? 1 : scale;
}

function affine(v: string, shift: number, divisor: number, offset: number, dialect: WarehouseDialect): string {
  let e = v;
  if (shift !== 0) e = `(${e} - ${sqlNumber(shift, dialect)})`;
  if (divisor !== 1) e = `(${e} / ${sqlNumber(divisor, dialect)})`;
  if (offset !== 0) e = `(${e} + ${sqlNumber(offset, dialect)})`;
  return e;
}

function standardScaler(v: string, step: Json, dialect: WarehouseDialect): string {
  const mean = numbers(step.mean)[0]!;
  const scale = numbers(step.scale)[0]!;
  return affine(v, step.withMean === true ? mean : 0, step.withStd === true ? scale : 1, 0, dialect);
}

function yeoJohnson(v: string, lambda: number, dialect: WarehouseDialect): string {
  const n = (x: number): string => sqlNumber(x, dialect);
  const positive = Math.abs(lambda) < EPS ? `LN(1 + ${v})` : `((EXP(${n(lambda)} * LN(1 + ${v})) - 1) / ${n(lambda)})`;
  const negative = Math.abs(lambda - 2) > EPS ? `(-(EXP(${n(2 - lambda)} * LN(1 - ${v})) - 1) / ${n(2 - lambda)})` : `(-LN(1 - ${v}))`;
  return `(CASE WHEN ${v} >= 0 THEN ${positive} ELSE ${negative} END)`;
}

function boxCox(v: string, lambda: number, dialect: WarehouseDialect): string {
  const n = (x: number): string => sqlNumber(x, dialect);
  const value = Math.abs(lambda) < 1e-19 ? `LN(${v})` : `((EXP(${n(lambda)} * LN(${v})) - 1) / ${n(lambda)})`;
  return `(CASE WHEN ${v} > 0 THEN ${value} END)`;
}

function numericStep(v: string, step: Json, dialect: WarehouseDialect, column: string, context: string): string {
  const n = (x: number): string => sqlNumber(x, dialect);
  switch (step.kind) {
    case 'SimpleImputerModel':
      return `COALESCE(${v}, ${n(numbers(step.statistics)[0]!)})`;
    case 'StandardScalerModel':
      return standardScaler(v, step, dialect);
    case 'RobustScalerModel':
      return affine(
        v,
        step.withCentering === true ? numbers(step.center)[0]! : 0,
        step.withScaling === true ? numbers(step.scale)[0]! : 1,
        0,
        dialect,
      );
    case 'MinMaxScalerModel': {
      const [low, high] = numbers(step.featureRange) as [number, number];
      const min = numbers(step.dataMin)[0]!;
      const max = numbers(step.dataMax)[0]!;
      return affine(v, min, handleZerosInScale(max - min) / (high - low), low, dialect);
    }
    case 'MaxAbsScalerModel':
      return affine(v, 0, handleZerosInScale(numbers(step.maxAbs)[0]!), 0, dialect);
    case 'WinsorizerModel': {
      const lower = n(numbers(step.lower)[0]!);
      const upper = n(numbers(step.upper)[0]!);
      return `(CASE WHEN ${v} < ${lower} THEN ${lower} WHEN ${v} > ${upper} THEN ${upper} ELSE ${v} END)`;
    }
    case 'LogTransformerModel':
      return `(CASE WHEN ${v} > -1 THEN LN(1 + ${v}) END)`;
    case 'PowerTransformerModel': {
      const lambda = numbers(step.lambdas)[0]!;
      const transformed = step.method === 'box-cox' ? boxCox(v, lambda, dialect) : yeoJohnson(v, lambda, dialect);
      return step.scaler === null ? transformed : standardScaler(transformed, step.scaler as Json, dialect);
    }
    default:
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: the step ${String(step.kind)} of column '${column}' has no SQL form; score in-process with transform + predict, or use the built-in scalers, imputer, winsorizer, log and power transforms`,
      );
  }
}

function oneOf(v: string, categories: readonly Category[], params: SqlParams): string {
  if (categories.length === 1) return `${v} = ${params.bind(categories[0]!)}`;
  return `${v} IN (${categories.map((c) => params.bind(c)).join(', ')})`;
}

function oneHot(v: string, encoder: Json, column: string, dialect: WarehouseDialect, params: SqlParams): FeatureExpressions {
  const categories = (encoder.categories as Category[][])[0]!;
  const infrequentIndices = new Set((encoder.infrequentIndices as (number[] | null)[])[0] ?? []);
  const frequent = categories.filter((_, k) => !infrequentIndices.has(k));
  const infrequent = categories.filter((_, k) => infrequentIndices.has(k));
  const groups: { name: string; members: Category[] | null }[] = frequent.map((c) => ({ name: `${column}_${String(c)}`, members: [c] }));
  if (infrequent.length > 0) groups.push({ name: `${column}_infrequent_sklearn`, members: null });
  const drop = encoder.drop === 'first' || (encoder.drop === 'if_binary' && groups.length === 2) ? 0 : -1;
  const one = sqlNumber(1, dialect);
  const zero = sqlNumber(0, dialect);
  const handleUnknown = encoder.handleUnknown;
  const names: string[] = [];
  const expressions: string[] = [];
  groups.forEach((group, g) => {
    if (g === drop) return;
    names.push(group.name);
    const hit = group.members === null ? oneOf(v, infrequent, params) : oneOf(v, group.members, params);
    // an unknown category: an error (NULL here) with 'error', all zeros with 'ignore', the infrequent group with
    // 'infrequent_if_exist' when the column has one
    const unknown = handleUnknown === 'error' ? 'NULL' : handleUnknown === 'infrequent_if_exist' && group.members === null ? one : zero;
    const known = unknown === zero ? '' : ` WHEN ${oneOf(v, categories, params)} THEN ${zero}`;
    expressions.push(`(CASE WHEN ${v} IS NULL THEN NULL WHEN ${hit} THEN ${one}${known} ELSE ${unknown} END)`);
  });
  return { names, expressions };
}

function ordinal(v: string, encoder: Json, dialect: WarehouseDialect, params: SqlParams): string {
  const categories = (encoder.categories as Category[][])[0]!;
  const unknownValue = encoder.unknownValue;
  const otherwise = typeof unknownValue === 'number' ? sqlNumber(unknownValue, dialect) : 'NULL';
  const cases = categories.map((c, k) => ` WHEN ${v} = ${params.bind(c)} THEN ${sqlNumber(k, dialect)}`).join('');
  return `(CASE WHEN ${v} IS NULL THEN NULL${cases} ELSE ${otherwise} END)`;
}

/** @internal The pipeline's output columns as SQL expressions over `source` (a quoted relation alias, or ''). */
export function featureExpressions(
  json: FittedFeaturePipelineJSON,
  dialect: WarehouseDialect,
  params: SqlParams,
  context: string,
  source = '',
): FeatureExpressions {
  const names: string[] = [];
  const expressions: string[] = [];
  const column = (name: string): string => `${source === '' ? '' : `${source}.`}${quoteName(name, dialect, context, 'a pipeline column')}`;
  const double = doubleType(dialect);
  for (const block of json.numeric) {
    let v = `CAST(${column(block.column)} AS ${double})`;
    for (const step of block.steps) v = numericStep(v, step as Json, dialect, block.column, context);
    names.push(block.column);
    expressions.push(v);
  }
  for (const block of json.categorical) {
    const raw = column(block.column);
    const v = block.fill === null ? raw : `COALESCE(${raw}, ${params.bind(block.fill)})`;
    const encoder = block.encoder as Json;
    if (encoder.kind === 'OneHotEncoderModel') {
      const encoded = oneHot(v, encoder, block.column, dialect, params);
      names.push(...encoded.names);
      expressions.push(...encoded.expressions);
    } else {
      names.push(block.column);
      expressions.push(ordinal(v, encoder, dialect, params));
    }
  }
  for (const name of json.passthrough) {
    names.push(name);
    expressions.push(`CAST(${column(name)} AS ${double})`);
  }
  return { names, expressions };
}
