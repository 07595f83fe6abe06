import { readFitControls, throwIfAborted, type FitControls } from '../core/abort';
import { createRng, resolveSeed, type Seed } from '../core/createRng';
import { describeValue } from '../core/describeValue';
import type { MatrixLike } from '../core/Matrix';
import { SegmentkitError } from '../core/SegmentkitError';
import { MAX_ITERATIONS } from '../core/sizeLimits';
import { assertKnownOptions, requireInteger, requireNumber } from '../core/validateOptions';
import type { KMeansProgress } from '../cluster/kmeans/kmeansParams';
import { KMeansModel } from '../cluster/kmeans/KMeansModel';
import { kmeansPlusPlus } from '../cluster/kmeans/kmeansPlusPlus';
import { readInitialCentroids } from '../cluster/kmeans/readInitialCentroids';
import { argBest, squaredDistanceSql } from './scoringSql';
import {
  cteAs,
  doubleType,
  quoteName,
  quoteTable,
  readColumns,
  readDialect,
  textType,
  type SqlValue,
  type WarehouseDialect,
} from './sqlDialect';
import { sqlInteger } from './sqlNumber';
import { SqlParams } from './sqlParams';

/**
 * Runs one SQL statement with its positional parameters and returns the result rows as objects keyed by
 * column name (numbers may come back as numbers, bigints or numeric strings). Wrap your driver: DuckDB's
 * `connection.runAndReadAll(sql, params)`, `pg`'s `client.query(sql, params)`, BigQuery's `query({ query,
 * params })`, …
 */
export type SqlExecutor = (
  sql: string,
  params: SqlValue[],
) => Promise<readonly Record<string, unknown>[]> | readonly Record<string, unknown>[];

/** Options of {@link fitKMeansSql}. */
export interface FitKMeansSqlOptions extends FitControls<KMeansProgress> {
  /** The table (or view) holding the rows: a name, or its qualified parts (`['sales', 'customers']`). */
  readonly table: string | readonly string[];
  /** The feature columns, in model order. Rows with a NULL in any of them are left out. */
  readonly columns: readonly string[];
  /** Number of clusters k. Required. */
  readonly nClusters: number;
  /**
   * `'k-means++'` (default: greedy k-means++, as {@link KMeans}, on a seeded sample of `sampleSize` rows pulled
   * from the table) or the k × d initial centroids (then the fit is Lloyd's iteration of {@link KMeans} from them).
   */
  readonly init?: 'k-means++' | MatrixLike;
  /** Maximum update steps (one aggregate query each). Default 300. */
  readonly maxIter?: number;
  /** Stop when the total squared centroid shift is ≤ tol × the mean per-feature variance (as KMeans). Default 1e-4. */
  readonly tol?: number;
  /** Target warehouse. Default `'duckdb'`. */
  readonly dialect?: WarehouseDialect;
  /** Seed of the sample and of k-means++. Default: drawn at random and reported as `model.seed`. */
  readonly seed?: Seed;
  /** Rows in the k-means++ sample (at least nClusters). Default 10 000. */
  readonly sampleSize?: number;
  /**
   * A column that orders the rows (unique, for example the customer id): the sample is the rows with the
   * smallest hash of (seed, id), and `model.labels` are in id order. Without it the hash is of the row's feature
   * values and labels come in the engine's scan order.
   */
  readonly id?: string;
  /**
   * Fetch the training labels (one integer per row) after the fit, so `model.labels` matches KMeans. Default
   * `true`; `false` keeps every row in the database (`model.labels` is then empty; score with `model.toSql`).
   */
  readonly labels?: boolean;
}

const OPTIONS = [
  'table',
  'columns',
  'nClusters',
  'init',
  'maxIter',
  'tol',
  'dialect',
  'seed',
  'sampleSize',
  'id',
  'labels',
  'onProgress',
  'signal',
];
const CONTEXT = 'fitKMeansSql';

interface Query {
  readonly dialect: WarehouseDialect;
  readonly d: number;
  /** `WITH sk_input AS (…)`: sk_x0 … (and sk_id), rows with a NULL feature left out. */
  readonly input: string;
  readonly features: string[];
  readonly hasId: boolean;
}

function value(row: Record<string, unknown> | undefined, key: string): number {
  const v = row?.[key];
  const n = typeof v === 'number' ? v : typeof v === 'bigint' || typeof v === 'string' ? Number(v) : Number.NaN;
  if (Number.isNaN(n) && v !== 'NaN') {
    throw new SegmentkitError('E_PARSE', `${CONTEXT}: the executor returned ${describeValue(v)} for column '${key}', not a number`);
  }
  return n;
}

function distances(q: Query, centers: Float64Array, k: number, prefix: string): string[] {
  return Array.from(
    { length: k },
    (_, j) => `${squaredDistanceSql(q.features, centers.subarray(j * q.d, (j + 1) * q.d), q.dialect)} AS ${prefix}${j}`,
  );
}

function scores(k: number, prefix: string): string[] {
  return Array.from({ length: k }, (_, j) => `${prefix}${j}`);
}

/** The CTEs up to `sk_assigned`: each row with its distances to `centers` and its label `sk_label`. */
function assigned(q: Query, centers: Float64Array, k: number, previous: Float64Array | null): string {
  const passThrough = [...q.features, ...(q.hasId ? ['sk_id'] : [])];
  const columns = [...passThrough, ...distances(q, centers, k, 'sk_d'), ...(previous === null ? [] : distances(q, previous, k, 'sk_p'))];
  const labels = [`${argBest(scores(k, 'sk_d'), '<=')} AS sk_label`];
  if (previous !== null) labels.push(`${argBest(scores(k, 'sk_p'), '<=')} AS sk_previous`);
  return [
    `${q.input},`,
    `sk_distances ${cteAs(q.dialect)} (`,
    `  SELECT ${columns.join(',\n    ')}`,
    `  FROM sk_input`,
    `),`,
    `sk_assigned ${cteAs(q.dialect)} (`,
    `  SELECT ${[...passThrough, ...scores(k, 'sk_d'), ...labels].join(', ')}`,
    `  FROM sk_distances`,
    `)`,
  ].join('\n');
}

/**
 * k-means trained inside the warehouse: every Lloyd iteration is one aggregate query (nearest centroid per row,
 * then per-cluster counts and column sums, and how many labels changed) sent through your executor, so the
 * rows never leave the database; only k × d sums come back. From the same initial centroids (`init` as a
 * matrix) it follows {@link KMeans} with `algorithm: 'lloyd'` step for step: the same squared distances (the
 * centroids are exact literals, distances summed in column order, ties to the lowest index), the same
 * stopping rule (no label changed, or the squared centroid shift ≤ tol × mean variance), scikit-learn's
 * empty-cluster relocation (one extra query that fetches the farthest rows), so the labels are the same and
 * the centroids agree to rounding (the database sums in its own order).
 *
 * The default init is k-means++ (seeded) on a deterministic sample: the `sampleSize` rows with the smallest
 * MD5 of (seed, id) — or of (seed, the row's values) without `id` — read in that order, in every dialect;
 * the same seed and data give the same sample whatever the engine's threads or storage layout. Queries (one
 * statistics query, the sample, the iterations, the inertia, the labels) are returned as one real
 * {@link KMeansModel}. The seed is a bound parameter; the only literals are the centroids and limits.
 *
 * @throws {@link SegmentkitError} `E_PARAM` for a bad option (k larger than the rows), `E_SHAPE` for initial
 *   centroids of the wrong width, `E_NOT_FINITE` when a feature holds NaN or ±Infinity, `E_EMPTY` for no rows,
 *   `E_ABORTED` when `signal` fires (checked before every query).
 * @example
 * const queries: string[] = [];
 * const run = (sql: string) => {
 *   queries.push(sql);
 *   if (sql.includes('VAR_POP')) return [{ n: 4, finite: 4, v0: 25 }];
 *   if (sql.includes('GROUP BY')) return [{ label: 0, count: 2, sum0: 1, changed: 2 }, { label: 1, count: 2, sum0: 21, changed: 2 }];
 *   return [{ inertia: 1 }];
 * };
 * const model = await fitKMeansSql(run, { table: 't', columns: ['x'], nClusters: 2, init: [[0], [10]], labels: false });
 * model.centroids; // => [[0.5], [10.5]]
 */
export async function fitKMeansSql(run: SqlExecutor, options: FitKMeansSqlOptions): Promise<KMeansModel> {
  if (typeof run !== 'function') {
    throw new SegmentkitError('E_PARAM', `${CONTEXT}: run must be a function (sql, params) => rows, got ${describeValue(run)}`);
  }
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new SegmentkitError('E_PARAM', `${CONTEXT}: pass options { table, columns, nClusters }, got ${describeValue(options)}`);
  }
  assertKnownOptions(CONTEXT, options, OPTIONS);
  const { signal, onProgress } = readFitControls<KMeansProgress>(CONTEXT, options);
  throwIfAborted(signal, CONTEXT);
  const dialect = readDialect(CONTEXT, options.dialect);
  const table = quoteTable(options.table, dialect, CONTEXT);
  const columns = readColumns(CONTEXT, 'columns', options.columns);
  const d = columns.length;
  const k = requireInteger(CONTEXT, 'nClusters', options.nClusters, { min: 1 });
  const maxIter = requireInteger(CONTEXT, 'maxIter', options.maxIter ?? 300, { min: 1, max: MAX_ITERATIONS });
  const tol = requireNumber(CONTEXT, 'tol', options.tol ?? 1e-4, { min: 0 });
  const sampleSize = requireInteger(CONTEXT, 'sampleSize', options.sampleSize ?? 10_000, { min: 1, max: 10_000_000 });
  const wantLabels = options.labels ?? true;
  if (typeof wantLabels !== 'boolean')
    throw new SegmentkitError('E_PARAM', `${CONTEXT}: labels must be true or false, got ${describeValue(wantLabels)}`);
  const init: unknown = options.init ?? 'k-means++';
  if (typeof init === 'string' && init !== 'k-means++') {
    throw new SegmentkitError('E_PARAM', `${CONTEXT}: init must be 'k-means++' or a k × d table of centroids, got ${describeValue(init)}`);
  }
  const explicit = typeof init === 'string' ? null : readInitialCentroids(init as MatrixLike, k, d, CONTEXT);
  const seed = resolveSeed(options.seed, CONTEXT);
  const id = options.id === undefined ? null : quoteName(options.id, dialect, CONTEXT, 'id');
  const double = doubleType(dialect);
  const features = columns.map((_, j) => `sk_x${j}`);
  const quoted = columns.map((c) => quoteName(c, dialect, CONTEXT, 'a column'));
  const inputSelect = [...quoted.map((c, j) => `CAST(${c} AS ${double}) AS ${features[j]}`), ...(id === null ? [] : [`${id} AS sk_id`])];
  const q: Query = {
    dialect,
    d,
    features,
    hasId: id !== null,
    input: `WITH sk_input ${cteAs(dialect)} (\n  SELECT ${inputSelect.join(', ')}\n  FROM ${table}\n  WHERE ${quoted.map((c) => `${c} IS NOT NULL`).join(' AND ')}\n)`,
  };
  const name = (alias: string): string => quoteName(alias, dialect, CONTEXT, 'alias');
  const execute = async (text: string, params: SqlParams = new SqlParams()): Promise<readonly Record<string, unknown>[]> => {
    throwIfAborted(signal, CONTEXT);
    const query = params.finish(text, dialect);
    const rows = await run(query.sql, query.params);
    if (!Array.isArray(rows))
      throw new SegmentkitError('E_PARAM', `${CONTEXT}: run must return an array of rows, got ${describeValue(rows)}`);
    return rows;
  };

  const finite = features.map((f) => `${f} * 0 = 0`).join(' AND ');
  // 1. size, finiteness and the variances the tolerance is relative to (as KMeans: tol × mean column variance)
  const statistics = (
    await execute(
      [
        q.input,
        `SELECT COUNT(*) AS ${name('n')}, COUNT(CASE WHEN ${finite} THEN 1 END) AS ${name('finite')}, ${features
          .map((f, j) => `VAR_POP(CASE WHEN ${finite} THEN ${f} END) AS ${name(`v${j}`)}`)
          .join(', ')}`,
        `FROM sk_input`,
      ].join('\n'),
    )
  )[0];
  const n = value(statistics, 'n');
  if (n === 0) throw new SegmentkitError('E_EMPTY', `${CONTEXT}: the table has no rows without NULL in the columns ${columns.join(', ')}`);
  if (value(statistics, 'finite') !== n) {
    throw new SegmentkitError(
      'E_NOT_FINITE',
      `${CONTEXT}: ${n - value(statistics, 'finite')} rows hold NaN or ±Infinity in the columns; filter them out in a view first`,
    );
  }
  if (k > n) throw new SegmentkitError('E_PARAM', `${CONTEXT}: nClusters = ${k} but the table has only ${n} rows; lower nClusters`);
  let varianceSum = 0;
  for (let j = 0; j < d; j++) varianceSum += value(statistics, `v${j}`);
  const tolerance = tol === 0 ? 0 : tol * (varianceSum / d);

  // 2. initial centroids: given, or k-means++ on the rows with the smallest hash of (seed, key)
  let centers: Float64Array;
  if (explicit !== null) centers = explicit;
  else {
    if (sampleSize < k)
      throw new SegmentkitError('E_PARAM', `${CONTEXT}: sampleSize = ${sampleSize} is below nClusters = ${k}; raise sampleSize`);
    const params = new SqlParams();
    const text = textType(dialect);
    const seedText = params.bind(String(seed));
    const key =
      id !== null ? `CAST(sk_id AS ${text})` : features.map((f) => `CAST(${f} AS ${text})`).join(` || CAST(${seedText} AS ${text}) || `);
    const digest = `CAST(${seedText} AS ${text}) || ${key}`;
    const hash = dialect === 'bigquery' ? `TO_HEX(MD5(${digest}))` : `MD5(${digest})`;
    const rows = await execute(
      [
        `${q.input},`,
        `sk_hashed ${cteAs(dialect)} (SELECT ${features.join(', ')}, ${hash} AS sk_hash FROM sk_input)`,
        `SELECT ${features.map((f, j) => `${f} AS ${name(`x${j}`)}`).join(', ')}`,
        `FROM sk_hashed`,
        `ORDER BY sk_hash${dialect === 'postgres' ? ' COLLATE "C"' : ''}, ${features.join(', ')}`,
        `LIMIT ${sqlInteger(sampleSize)}`,
      ].join('\n'),
      params,
    );
    const sample = new Float64Array(rows.length * d);
    rows.forEach((row, i) => {
      for (let j = 0; j < d; j++) sample[i * d + j] = value(row, `x${j}`);
    });
    centers = kmeansPlusPlus(sample, rows.length, d, k, null, createRng(seed), CONTEXT);
  }

  // 3. Lloyd's iterations, one aggregate query each (runKMeans' stopping rule)
  let previous: Float64Array | null = null;
  let assignedWith = centers;
  let iteration = 0;
  let passes = 0;
  let strict = false;
  let stoppedEarly = false;
  while (iteration < maxIter) {
    const groups = await execute(
      [
        assigned(q, centers, k, previous),
        `SELECT sk_label AS ${name('label')}, COUNT(*) AS ${name('count')}, ${features.map((f, j) => `SUM(${f}) AS ${name(`sum${j}`)}`).join(', ')}, ${
          previous === null ? 'COUNT(*)' : 'SUM(CASE WHEN sk_label = sk_previous THEN 0 ELSE 1 END)'
        } AS ${name('changed')}`,
        `FROM sk_assigned`,
        `GROUP BY sk_label`,
      ].join('\n'),
    );
    passes++;
    const sums = new Float64Array(k * d);
    const weights = new Float64Array(k);
    let changed = 0;
    for (const row of groups) {
      const label = value(row, 'label');
      weights[label] = value(row, 'count');
      changed += value(row, 'changed');
      for (let t = 0; t < d; t++) sums[label * d + t] = value(row, `sum${t}`);
    }
    const empty: number[] = [];
    for (let j = 0; j < k; j++) if (weights[j] === 0) empty.push(j);
    if (empty.length > 0) {
      // scikit-learn's relocation: the e-th empty cluster takes the e-th farthest row from its own centroid
      const own = `CASE sk_label ${scores(k, 'sk_d')
        .map((s, j) => `WHEN ${j} THEN ${s}`)
        .join(' ')} END`;
      const far = await execute(
        [
          assigned(q, centers, k, null),
          `SELECT sk_label AS ${name('label')}, ${features.map((f, j) => `${f} AS ${name(`x${j}`)}`).join(', ')}, ${own} AS ${name('distance')}`,
          `FROM sk_assigned`,
          `ORDER BY ${name('distance')} DESC, ${q.hasId ? 'sk_id' : features.join(', ')}`,
          `LIMIT ${sqlInteger(empty.length)}`,
        ].join('\n'),
      );
      far.forEach((row, e) => {
        const target = empty[e]!;
        const source = value(row, 'label');
        for (let t = 0; t < d; t++) {
          const x = value(row, `x${t}`);
          sums[source * d + t] = sums[source * d + t]! - x;
          sums[target * d + t] = x;
        }
        weights[target] = 1;
        weights[source] = weights[source]! - 1;
      });
    }
    const next = new Float64Array(k * d);
    let centerShift = 0;
    for (let j = 0; j < k; j++) {
      let shift = 0;
      for (let t = 0; t < d; t++) {
        const v = weights[j]! > 0 ? sums[j * d + t]! / weights[j]! : sums[j * d + t]!;
        next[j * d + t] = v;
        const diff = v - centers[j * d + t]!;
        shift += diff * diff;
      }
      const distance = Math.sqrt(shift);
      centerShift += distance * distance;
    }
    assignedWith = centers;
    previous = centers;
    centers = next;
    iteration++;
    onProgress?.({ run: 0, nRuns: 1, iteration, changed, centerShift, distanceEvaluations: passes * n * k });
    if (changed === 0) {
      strict = true;
      stoppedEarly = true;
      break;
    }
    if (centerShift <= tolerance) {
      stoppedEarly = true;
      break;
    }
  }
  // labels: from the last assignment when it changed nothing, else relabelled with the final centroids
  if (!strict) {
    assignedWith = centers;
    passes++;
  }
  const finalDistances = distances(q, centers, k, 'sk_f');
  const own = `CASE sk_label ${scores(k, 'sk_f')
    .map((s, j) => `WHEN ${j} THEN ${s}`)
    .join(' ')} END`;
  const inertiaRows = await execute(
    [
      `${assigned(q, assignedWith, k, null)},`,
      `sk_final ${cteAs(dialect)} (SELECT sk_label, ${finalDistances.join(', ')} FROM sk_assigned)`,
      `SELECT SUM(${own}) AS ${name('inertia')} FROM sk_final`,
    ].join('\n'),
  );
  const inertia = value(inertiaRows[0], 'inertia');
  let labels = new Int32Array(0);
  if (wantLabels) {
    const rows = await execute(
      [assigned(q, assignedWith, k, null), `SELECT sk_label AS ${name('label')} FROM sk_assigned${q.hasId ? ' ORDER BY sk_id' : ''}`].join(
        '\n',
      ),
    );
    labels = Int32Array.from(rows, (row) => value(row, 'label'));
  }
  return new KMeansModel({
    centers,
    nClusters: k,
    nFeatures: d,
    labels,
    inertia,
    nIter: iteration,
    converged: stoppedEarly,
    seed,
    params: { nClusters: k, init: explicit === null ? 'k-means++' : 'explicit', nInit: 1, maxIter, tol, algorithm: 'lloyd' },
    stats: { algorithm: 'lloyd', distanceEvaluations: passes * n * k, lloydDistanceEvaluations: passes * n * k },
  });
}
