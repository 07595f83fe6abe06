import { describeValue } from '../core/describeValue';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions } from '../core/validateOptions';
import { cteAs, doubleType, quoteName, quoteTable, readColumns, readDialect, type SqlQuery, type WarehouseDialect } from './sqlDialect';
import { sqlNumber } from './sqlNumber';
import { SqlParams } from './sqlParams';

/**
 * What a model's `toSql` reads: a fitted feature pipeline (structurally, so a model does not pull the feature
 * code into its bundle): {@link FittedFeaturePipeline} is one.
 */
export interface SqlPipeline {
  /** The pipeline's output columns; their number must equal the model's `nFeatures`. */
  readonly featureNames: readonly string[];
  /**
   * @internal Its features as SQL expressions over the table's columns (FittedFeaturePipeline translates each
   * fitted step). A method of the pipeline, so a model's `toSql` pulls the feature translation into a bundle only
   * where a pipeline is used.
   */
  sqlFeatures(dialect: WarehouseDialect, params: SqlParams, context: string): string[];
}

/** Options of {@link KMeansModel.toSql} and {@link FittedFeaturePipeline.toSql}. */
export interface ScoringSqlOptions {
  /** Target warehouse. Default `'duckdb'`. */
  readonly dialect?: WarehouseDialect;
  /** The table (or view) to score: a name, or its qualified parts (`['sales', 'customers']`). */
  readonly table: string | readonly string[];
  /**
   * The table columns that are the model's input features, in the model's column order (one per feature).
   * Required without `pipeline`; with a pipeline, its own input column names are read instead.
   */
  readonly columns?: readonly string[];
  /** Column(s) copied to the output unchanged, to join the segments back (for example the customer id). */
  readonly id?: string | readonly string[];
  /** A fitted feature pipeline applied in SQL in front of the model (its input columns are table columns). */
  readonly pipeline?: SqlPipeline;
}

/** Options of {@link GaussianMixtureModel.toSql}. */
export interface GaussianMixtureSqlOptions extends ScoringSqlOptions {
  /** Also output `probability_0 … probability_{k−1}` (the rows of `predictProba`). Default `false`. */
  readonly probabilities?: boolean;
}

/** @internal The parameters of a Gaussian mixture as the E-step reads them (see eStep.ts). */
export interface GaussianSqlParts {
  readonly type: 'full' | 'tied' | 'diag' | 'spherical';
  readonly k: number;
  readonly d: number;
  readonly means: Float64Array;
  readonly precisionCholeskyT: Float64Array;
  /** −½ d log 2π + log det U_c + log w_c, per component, exactly as the E-step computes it. */
  readonly offsets: Float64Array;
}

const OPTIONS = ['dialect', 'table', 'columns', 'id', 'pipeline'];

interface Input {
  readonly dialect: WarehouseDialect;
  readonly params: SqlParams;
  /** `WITH sk_input AS (…)` and the names of its id and feature columns. */
  readonly cte: string;
  readonly ids: { inner: string; outer: string }[];
  readonly features: string[];
}

/** @internal Read the options and write the CTE that reads the table: ids, then features sk_x0 … sk_x{d−1}. */
export function scoringInput(
  options: ScoringSqlOptions,
  nFeatures: number,
  context: string,
  extra: readonly string[] = [],
  outputs: readonly string[] = ['segment'],
): Input {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: pass options { table, columns } (or { table, pipeline }), got ${describeValue(options)}`,
    );
  }
  assertKnownOptions(context, options, [...OPTIONS, ...extra]);
  const dialect = readDialect(context, options.dialect);
  const table = quoteTable(options.table, dialect, context);
  const params = new SqlParams();
  const idOption: unknown = options.id;
  const idNames = idOption === undefined ? [] : typeof idOption === 'string' ? [idOption] : readColumns(context, 'id', idOption);
  for (const name of idNames) {
    if (outputs.includes(name)) {
      throw new SegmentkitError('E_PARAM', `${context}: id column '${name}' has the name of an output column; rename it in a view first`);
    }
  }
  const ids = idNames.map((name, i) => ({ inner: `sk_id${i}`, outer: quoteName(name, dialect, context, 'id') }));
  let expressions: string[];
  const pipeline: unknown = options.pipeline;
  if (pipeline !== undefined) {
    if (typeof pipeline !== 'object' || pipeline === null || typeof (pipeline as SqlPipeline).sqlFeatures !== 'function') {
      throw new SegmentkitError('E_PARAM', `${context}: pipeline must be a FittedFeaturePipeline, got ${describeValue(pipeline)}`);
    }
    if (options.columns !== undefined) {
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: pass columns or pipeline, not both (with a pipeline the table columns are the pipeline's input columns)`,
      );
    }
    expressions = (pipeline as SqlPipeline).sqlFeatures(dialect, params, context);
    if (expressions.length !== nFeatures) {
      throw new SegmentkitError(
        'E_SHAPE',
        `${context}: the pipeline makes ${expressions.length} columns but the model was fitted on ${nFeatures}; pass the pipeline the model was fitted after`,
      );
    }
  } else {
    if (options.columns === undefined) {
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: columns is required (the ${nFeatures} input columns, in model order) unless a pipeline is given`,
      );
    }
    const columns = readColumns(context, 'columns', options.columns);
    if (columns.length !== nFeatures) {
      throw new SegmentkitError(
        'E_SHAPE',
        `${context}: columns lists ${columns.length} columns but the model was fitted on ${nFeatures}; list one column per feature, in model order`,
      );
    }
    const double = doubleType(dialect);
    expressions = columns.map((c) => `CAST(${quoteName(c, dialect, context, 'a column')} AS ${double})`);
  }
  const features = expressions.map((_, j) => `sk_x${j}`);
  const select = [...ids.map((id) => `${id.outer} AS ${id.inner}`), ...expressions.map((e, j) => `${e} AS ${features[j]}`)];
  return {
    dialect,
    params,
    cte: `WITH sk_input ${cteAs(dialect)} (\n  SELECT ${select.join(',\n    ')}\n  FROM ${table}\n)`,
    ids,
    features,
  };
}

/** `x·0 = 0` holds exactly for finite x: false for NaN and ±Infinity, NULL for NULL. */
function finiteGuard(features: readonly string[]): string {
  return features.map((f) => `${f} * 0 = 0`).join(' AND ');
}

/**
 * @internal
 * The index of the best score, ties → the lowest index (as predict): score j wins when it beats every earlier
 * one strictly, which the CASE order gives for free, and is at least as good as every later one. NULL → NULL.
 */
export function argBest(scores: readonly string[], better: '<=' | '>='): string {
  const k = scores.length;
  if (k === 1) return `CASE WHEN ${scores[0]} IS NULL THEN NULL ELSE 0 END`;
  const whens = scores.slice(0, -1).map((s, j) => {
    const conditions = scores.slice(j + 1).map((other) => `${s} ${better} ${other}`);
    return `WHEN ${conditions.join(' AND ')} THEN ${j}`;
  });
  return `CASE WHEN ${scores[0]} IS NULL THEN NULL ${whens.join(' ')} ELSE ${k - 1} END`;
}

/** @internal Squared Euclidean distance of sk_x… to one centroid, summed in column order as the kernels. */
export function squaredDistanceSql(features: readonly string[], center: ArrayLike<number>, dialect: WarehouseDialect): string {
  return features
    .map((f, t) => {
      const a = `(${f} - ${sqlNumber(center[t]!, dialect)})`;
      return `${a} * ${a}`;
    })
    .join(' + ');
}

function outputIds(input: Input): string[] {
  return input.ids.map((id) => `${id.inner} AS ${id.outer}`);
}

/** @internal The nearest centroid of each row (ties → lowest index; NULL or non-finite input → NULL). */
export function centroidScoringSql(centers: Float64Array, k: number, d: number, options: ScoringSqlOptions, context: string): SqlQuery {
  const input = scoringInput(options, d, context);
  const { dialect, features } = input;
  const guard = finiteGuard(features);
  const distances = Array.from(
    { length: k },
    (_, j) => `CASE WHEN ${guard} THEN ${squaredDistanceSql(features, centers.subarray(j * d, (j + 1) * d), dialect)} END AS sk_d${j}`,
  );
  const scores = Array.from({ length: k }, (_, j) => `sk_d${j}`);
  const text = [
    `${input.cte},`,
    `sk_distances ${cteAs(dialect)} (`,
    `  SELECT ${[...input.ids.map((id) => id.inner), ...distances].join(',\n    ')}`,
    `  FROM sk_input`,
    `)`,
    `SELECT ${[...outputIds(input), `${argBest(scores, '<=')} AS ${quoteName('segment', dialect, context, 'output')}`].join(', ')}`,
    `FROM sk_distances`,
  ].join('\n');
  return input.params.finish(text, dialect);
}

/** @internal The most probable mixture component of each row, optionally with every probability. */
export function gaussianScoringSql(parts: GaussianSqlParts, options: GaussianMixtureSqlOptions, context: string): SqlQuery {
  const { type, k, d, means, precisionCholeskyT: factor, offsets } = parts;
  const probabilities = options?.probabilities ?? false;
  if (typeof probabilities !== 'boolean') {
    throw new SegmentkitError('E_PARAM', `${context}: probabilities must be true or false, got ${describeValue(probabilities)}`);
  }
  const outputNames = ['segment', ...Array.from({ length: k }, (_, c) => `probability_${c}`)];
  const input = scoringInput(options, d, context, ['probabilities'], outputNames);
  const { dialect, features } = input;
  const n = (x: number): string => sqlNumber(x, dialect);
  const guard = finiteGuard(features);
  const ids = input.ids.map((id) => id.inner);
  // y = Uᵀ(x − μ) per component (full/tied: lower-triangular rows summed in column order; diag: scaled
  // differences; spherical: plain differences, the precision applied to the sum), as the E-step
  const projections: string[] = [];
  for (let c = 0; c < k; c++) {
    const mean = (t: number): string => `(${features[t]} - ${n(means[c * d + t]!)})`;
    for (let j = 0; j < d; j++) {
      let y: string;
      if (type === 'full' || type === 'tied') {
        const block = type === 'full' ? c * d * d : 0;
        y = Array.from({ length: j + 1 }, (_, s) => `${n(factor[block + j * d + s]!)} * ${mean(s)}`).join(' + ');
      } else if (type === 'diag') {
        y = `${mean(j)} * ${n(factor[c * d + j]!)}`;
      } else {
        y = mean(j);
      }
      projections.push(`CASE WHEN ${guard} THEN ${y} END AS sk_y${c}_${j}`);
    }
  }
  const logDensities = Array.from({ length: k }, (_, c) => {
    let squared = Array.from({ length: d }, (_, j) => `sk_y${c}_${j} * sk_y${c}_${j}`).join(' + ');
    if (type === 'spherical') squared = `(${squared}) * ${n(factor[c]! * factor[c]!)}`;
    return `${n(offsets[c]!)} - ${n(0.5)} * (${squared}) AS sk_l${c}`;
  });
  const scores = Array.from({ length: k }, (_, c) => `sk_l${c}`);
  const segment = quoteName('segment', dialect, context, 'output');
  const lines = [
    `${input.cte},`,
    `sk_projected ${cteAs(dialect)} (`,
    `  SELECT ${[...ids, ...projections].join(',\n    ')}`,
    `  FROM sk_input`,
    `),`,
    `sk_scored ${cteAs(dialect)} (`,
    `  SELECT ${[...ids, ...logDensities].join(',\n    ')}`,
    `  FROM sk_projected`,
    `),`,
    `sk_labelled ${cteAs(dialect)} (`,
    `  SELECT ${[...ids, ...scores, `${argBest(scores, '>=')} AS sk_segment`].join(', ')}`,
    `  FROM sk_scored`,
    `)`,
  ];
  if (!probabilities) {
    lines.push(`SELECT ${[...outputIds(input), `sk_segment AS ${segment}`].join(', ')}`, `FROM sk_labelled`);
    return input.params.finish(lines.join('\n'), dialect);
  }
  // responsibilities exp(l_c − max) / Σ exp(l_j − max), the maximum being the winner's log-density; terms
  // below e^−708 are 0 (Postgres raises an underflow error instead of returning a subnormal)
  const best = `CASE sk_segment ${scores.map((s, c) => `WHEN ${c} THEN ${s}`).join(' ')} END`;
  const exps = scores.map((s, c) => `CASE WHEN ${s} - sk_max < -708 THEN ${n(0)} ELSE EXP(${s} - sk_max) END AS sk_e${c}`);
  const total = scores.map((_, c) => `sk_e${c}`).join(' + ');
  lines[lines.length - 1] = `),`;
  lines.push(
    `sk_maxed ${cteAs(dialect)} (`,
    `  SELECT ${[...ids, ...scores, 'sk_segment', `${best} AS sk_max`].join(', ')}`,
    `  FROM sk_labelled`,
    `),`,
    `sk_exponentiated ${cteAs(dialect)} (`,
    `  SELECT ${[...ids, 'sk_segment', ...exps].join(', ')}`,
    `  FROM sk_maxed`,
    `)`,
    `SELECT ${[
      ...outputIds(input),
      `sk_segment AS ${segment}`,
      ...scores.map((_, c) => `sk_e${c} * (${n(1)} / (${total})) AS ${quoteName(`probability_${c}`, dialect, context, 'output')}`),
    ].join(', ')}`,
    `FROM sk_exponentiated`,
  );
  return input.params.finish(lines.join('\n'), dialect);
}

/** Options of {@link FittedFeaturePipeline.toSql}. */
export interface PipelineSqlOptions {
  /** Target warehouse. Default `'duckdb'`. */
  readonly dialect?: WarehouseDialect;
  /** The table (or view) holding the pipeline's input columns: a name, or its qualified parts. */
  readonly table: string | readonly string[];
  /** Column(s) copied to the output unchanged, before the features. */
  readonly id?: string | readonly string[];
}

/** @internal The pipeline's features as one SELECT: the id columns, then one column per feature name. */
export function pipelineSql(pipeline: SqlPipeline, options: PipelineSqlOptions, context: string): SqlQuery {
  const names = pipeline.featureNames;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new SegmentkitError('E_PARAM', `${context}: pass options { table }, got ${describeValue(options)}`);
  }
  assertKnownOptions(context, options, ['dialect', 'table', 'id']);
  const input = scoringInput({ ...options, pipeline }, names.length, context, [], names);
  const { dialect, features } = input;
  const columns = [...outputIds(input), ...features.map((f, j) => `${f} AS ${quoteName(names[j], dialect, context, 'a feature name')}`)];
  return input.params.finish(`${input.cte}\nSELECT ${columns.join(', ')}\nFROM sk_input`, dialect);
}
