import { describeValue } from '../core/describeValue';
import { SegmentkitError } from '../core/SegmentkitError';
import { toTimestamp, type DateLike } from '../core/toTimestamp';
import { assertKnownOptions, requireInteger, requireOneOf } from '../core/validateOptions';
import type { RfmThresholds } from './rfmScore';
import type { RfmSegmentRule } from './rfmSegments';
import { readSqlSegments, readSqlThresholds, segmentSql, thresholdScoreSql } from './rfmSqlScores';

/** SQL dialects {@link rfmSql} writes. */
export type SqlDialect = 'duckdb' | 'postgres' | 'ansi';

/** Options for {@link rfmSql}. */
export interface RfmSqlOptions {
  /** The transactions table: a name, or its qualified parts (`['sales', 'transactions']`). */
  readonly table: string | readonly string[];
  /** Column with the customer id. */
  readonly customerId: string;
  /** Column with the transaction time (a timestamp or something castable to one). */
  readonly date: string;
  /** Column with the amount (negative = refund). */
  readonly amount: string;
  /** Column with an order id: frequency counts distinct orders. Default: every row is a transaction. */
  readonly orderId?: string;
  /** Reference date, passed as a bound parameter. Default: the day after the last purchase. */
  readonly asOf?: DateLike;
  /** `'transactions'` (default) or `'days'` (distinct purchase days, UTC). */
  readonly frequency?: 'transactions' | 'days';
  /** `'net'` (default) or `'exclude'` (refunds are ignored). */
  readonly refunds?: 'net' | 'exclude';
  /** Quantile score levels (2–9); 0 leaves the scores out. Default 5. Not with `method: 'thresholds'`. */
  readonly bins?: number;
  /**
   * Equal values under `'quantile'`: `'shared'` (default) or `'first'`, exactly as {@link RfmScoreOptions.ties} in
   * rfmScore. Not with `method: 'thresholds'` (threshold scores always give equal values the same score).
   */
  readonly ties?: 'shared' | 'first';
  /**
   * How the scores are computed, as {@link RfmScoreOptions.method}: `'quantile'` (default; `bins` and `ties`) or
   * `'thresholds'` (your own cut points in `thresholds`).
   */
  readonly method?: 'quantile' | 'thresholds';
  /**
   * Ascending cut points per dimension for `method: 'thresholds'`, as {@link RfmScoreOptions.thresholds}: k cut
   * points give scores 1…k + 1, intervals closed on the right, recency reversed. Written into the SQL as exact
   * round-trip number literals.
   */
  readonly thresholds?: RfmThresholds;
  /**
   * Add a `segment` column, as {@link rfmSegments} on the scores: `true` for {@link DEFAULT_RFM_SEGMENT_RULES}
   * (made for 1–5 scores), or your own rule table (first match wins). Segment names are bound parameters, never
   * part of the SQL text; each is at most 1,000 characters and without NUL. Needs scores (not `bins: 0`).
   * Default: no segment column.
   */
  readonly segments?: boolean | readonly RfmSegmentRule[];
  /** With `segments`: the name for customers no rule matches, as rfmSegments' `otherSegment`. Default `'Other'`. */
  readonly otherSegment?: string;
  /** Default `'duckdb'`. `'ansi'` avoids vendor functions (it uses EXTRACT(EPOCH …), which most engines support). */
  readonly dialect?: SqlDialect;
}

/** The query of {@link rfmSql} and its parameters (bind them; nothing user-supplied is spliced into the text). */
export interface RfmSqlQuery {
  /** One SELECT statement. */
  readonly sql: string;
  /**
   * Positional parameters for its parameter markers (`?` for DuckDB and ANSI, `$1`, `$2`, … for Postgres): the
   * `asOf` timestamp (or `null`), then with `segments` each rule's segment name in rule order and `otherSegment`.
   */
  readonly params: (string | null)[];
}

const IDENTIFIER_LIMIT = 128;

/** @internal Quote one identifier: double quotes, embedded quotes doubled; reject what no engine accepts. */
export function quoteIdentifier(name: unknown, what: string): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > IDENTIFIER_LIMIT || name.includes('\u0000')) {
    throw new SegmentkitError(
      'E_PARAM',
      `rfmSql: ${what} must be a non-empty name of at most ${IDENTIFIER_LIMIT} characters without NUL, got ${describeValue(name)}`,
    );
  }
  return `"${name.replace(/"/g, '""')}"`;
}

/** The interior quantile edge k of bins over ranks 1…n, in SQL with the same IEEE operations as quantileScores. */
function edgeSql(k: number, bins: number): string {
  const q = k * (1 / bins);
  const h = `(CAST(n - 1 AS DOUBLE PRECISION) * CAST('${String(q)}' AS DOUBLE PRECISION))`;
  return `CASE WHEN ${h} >= n - 1 THEN CAST(n AS DOUBLE PRECISION) WHEN ${h} - FLOOR(${h}) >= 0.5 THEN FLOOR(${h}) + 2 - (1 - (${h} - FLOOR(${h}))) ELSE FLOOR(${h}) + 1 + (${h} - FLOOR(${h})) END`;
}

function scoreSql(rank: string, bins: number, reversed: boolean): string {
  const terms = Array.from({ length: bins - 1 }, (_, k) => `CASE WHEN ${edgeSql(k + 1, bins)} < ${rank} THEN 1 ELSE 0 END`);
  const score = `(1 + ${terms.join(' + ')})`;
  return reversed ? `(${bins + 1} - ${score})` : score;
}

/**
 * One SQL query that computes {@link rfmTable}, (optionally) {@link rfmScore} and {@link rfmSegments} inside the
 * database, so the transaction log never leaves the warehouse. Identifiers are validated and quoted; `asOf` and
 * segment names are bound parameters. The quantile scores reproduce rfmScore exactly: ranks by value with ties in
 * customer-id order (numbers numerically, text in byte order: Postgres uses COLLATE "C"), the same floating-point
 * quantile edges, and the same tie rule (with `ties: 'shared'`, equal values take the worse score of their run,
 * through a window over the value). Threshold scores (`method: 'thresholds'`) count the cut points below the value, as rfmScore; segments
 * are a CASE over the rule table in order, first match wins, as rfmSegments.
 *
 * Output columns, the JS row fields in snake case: customer_id, recency, frequency, monetary, monetary_mean,
 * first_purchase, last_purchase, tenure_days; with scores (the default; not with `bins: 0`) recency_score,
 * frequency_score, monetary_score, rfm_code; with `segments` also segment. Ordered by customer_id. The scores
 * equal rfmScore's when the database's monetary sums equal rfmTable's to the last bit: decimal amounts (0.1, 0.2)
 * summed in another order can differ there, and a tie rfmTable sees may then be none in the database.
 *
 * @throws {@link SegmentkitError} `E_PARAM` for a bad identifier or option; `E_PARSE` for an unreadable `asOf`.
 * @example
 * const { sql, params } = rfmSql({ table: 'orders', customerId: 'customer', date: 'ts', amount: 'total' });
 * sql.startsWith('WITH tx AS'); // => true
 * params; // => [null]
 * const named = rfmSql({ table: 'orders', customerId: 'customer', date: 'ts', amount: 'total', bins: 5, segments: true });
 * named.sql.includes('AS segment'); // => true
 * named.params.slice(0, 3); // => [null, 'Champions', 'Loyal Customers']
 * named.params.at(-1); // => 'Other'
 */
export function rfmSql(options: RfmSqlOptions): RfmSqlQuery {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new SegmentkitError('E_PARAM', `rfmSql: pass options { table, customerId, date, amount }, got ${describeValue(options)}`);
  }
  assertKnownOptions('rfmSql', options, [
    'table',
    'customerId',
    'date',
    'amount',
    'orderId',
    'asOf',
    'frequency',
    'refunds',
    'bins',
    'ties',
    'method',
    'thresholds',
    'segments',
    'otherSegment',
    'dialect',
  ]);
  const method = requireOneOf('rfmSql', 'method', options.method ?? 'quantile', ['quantile', 'thresholds']);
  const ties = requireOneOf('rfmSql', 'ties', options.ties ?? 'shared', ['shared', 'first']);
  const dialect = requireOneOf('rfmSql', 'dialect', options.dialect ?? 'duckdb', ['duckdb', 'postgres', 'ansi']);
  const frequency = requireOneOf('rfmSql', 'frequency', options.frequency ?? 'transactions', ['transactions', 'days']);
  const refunds = requireOneOf('rfmSql', 'refunds', options.refunds ?? 'net', ['net', 'exclude']);
  let bins = 0;
  let thresholds: ReturnType<typeof readSqlThresholds> | null = null;
  if (method === 'quantile') {
    if (options.thresholds !== undefined) {
      throw new SegmentkitError('E_PARAM', "rfmSql: thresholds are only used with method: 'thresholds'; add it or drop thresholds");
    }
    bins = requireInteger('rfmSql', 'bins', options.bins ?? 5, { min: 0, max: 9 });
    if (bins === 1) throw new SegmentkitError('E_PARAM', 'rfmSql: bins must be 0 (no scores) or 2–9, got 1');
  } else {
    if (options.bins !== undefined) {
      throw new SegmentkitError('E_PARAM', "rfmSql: bins follows from the thresholds with method 'thresholds'; drop it");
    }
    if (options.ties !== undefined) {
      throw new SegmentkitError(
        'E_PARAM',
        "rfmSql: ties applies to method 'quantile'; threshold scores always give equal values the same score, so drop it",
      );
    }
    thresholds = readSqlThresholds(options.thresholds);
  }
  const segments = readSqlSegments(options.segments, options.otherSegment);
  if (segments !== null && method === 'quantile' && bins === 0) {
    throw new SegmentkitError('E_PARAM', 'rfmSql: segments are named from the scores; drop bins: 0 (or drop segments)');
  }
  const tableOption: unknown = options.table;
  if (tableOption !== undefined && typeof tableOption !== 'string' && !Array.isArray(tableOption)) {
    throw new SegmentkitError(
      'E_PARAM',
      `rfmSql: table must be a table name or its parts (['schema', 'table']), got ${describeValue(tableOption)}`,
    );
  }
  const parts: unknown[] = typeof tableOption === 'string' ? [tableOption] : [...(tableOption ?? [])];
  if (parts.length === 0) throw new SegmentkitError('E_PARAM', 'rfmSql: table is required');
  const table = parts.map((p, i) => quoteIdentifier(p, `table part ${i}`)).join('.');
  const id = quoteIdentifier(options.customerId, 'customerId');
  const date = quoteIdentifier(options.date, 'date');
  const amount = quoteIdentifier(options.amount, 'amount');
  const order = options.orderId === undefined ? undefined : quoteIdentifier(options.orderId, 'orderId');
  // 'YYYY-MM-DD HH:MM:SS.sss' (UTC, no zone suffix) casts to TIMESTAMP the same way in every dialect
  const asOf =
    options.asOf === undefined
      ? null
      : new Date(toTimestamp(options.asOf, { context: 'rfmSql: asOf' })).toISOString().replace('T', ' ').replace('Z', '');
  const parameterMarker = dialect === 'postgres' ? '$1' : '?';
  const timestamp = 'TIMESTAMP';
  const millis = (t: string): string => (dialect === 'duckdb' ? `epoch_ms(${t})` : `(EXTRACT(EPOCH FROM ${t}) * 1000)`);
  const days = (from: string, to: string): string => `CAST(FLOOR((${millis(to)} - ${millis(from)}) / 86400000.0) AS BIGINT)`;
  // the customer-id order of rfmTable: numbers numerically, text in byte order. Postgres sorts text by the
  // database's collation unless told COLLATE "C", which a number column refuses, so its key is two columns:
  // the id as a number (numeric types only) and the id as text in byte order (every other type)
  const numericId = `pg_typeof(customer_id) IN (${['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision'].map((t) => `'${t}'::regtype`).join(', ')})`;
  const idOrder =
    dialect === 'postgres'
      ? `CASE WHEN ${numericId} THEN CAST(customer_id AS NUMERIC) END, CASE WHEN ${numericId} THEN NULL ELSE CAST(customer_id AS TEXT) END COLLATE "C"`
      : 'customer_id';
  const frequencyExpr =
    frequency === 'days'
      ? `COUNT(DISTINCT CASE WHEN amount >= 0 THEN CAST(ts AS DATE) END)`
      : order !== undefined
        ? `COUNT(DISTINCT CASE WHEN amount >= 0 THEN order_id END)`
        : `COUNT(CASE WHEN amount >= 0 THEN 1 END)`;
  const monetaryExpr = refunds === 'net' ? 'SUM(amount)' : 'SUM(CASE WHEN amount >= 0 THEN amount ELSE 0 END)';
  const lines = [
    `WITH tx AS (`,
    `  SELECT ${id} AS customer_id, CAST(${date} AS ${timestamp}) AS ts, CAST(${amount} AS DOUBLE PRECISION) AS amount${order !== undefined ? `, ${order} AS order_id` : ''}`,
    `  FROM ${table}`,
    `  WHERE ${id} IS NOT NULL`,
    `),`,
    `agg AS (`,
    `  SELECT customer_id,`,
    `    MIN(CASE WHEN amount >= 0 THEN ts END) AS first_purchase,`,
    `    MAX(CASE WHEN amount >= 0 THEN ts END) AS last_purchase,`,
    `    ${frequencyExpr} AS frequency,`,
    `    ${monetaryExpr} AS monetary`,
    `  FROM tx`,
    `  GROUP BY customer_id`,
    `  HAVING COUNT(CASE WHEN amount >= 0 THEN 1 END) > 0`,
    `),`,
    `reference AS (`,
    `  SELECT COALESCE(CAST(${parameterMarker} AS ${timestamp}), CAST(CAST(MAX(last_purchase) AS DATE) AS ${timestamp}) + INTERVAL '1' DAY) AS as_of FROM agg`,
    `),`,
    `measured AS (`,
    `  SELECT agg.customer_id, ${days('agg.last_purchase', 'reference.as_of')} AS recency, agg.frequency, agg.monetary,`,
    `    agg.monetary / agg.frequency AS monetary_mean, agg.first_purchase, agg.last_purchase,`,
    `    ${days('agg.first_purchase', 'reference.as_of')} AS tenure_days`,
    `  FROM agg CROSS JOIN reference`,
    `)`,
  ];
  const params: (string | null)[] = [asOf];
  // the text is built in order, so `?` markers and params agree; Postgres numbers them
  const bind = (value: string): string => {
    params.push(value);
    return dialect === 'postgres' ? `$${params.length}` : '?';
  };
  if (thresholds === null && bins === 0) {
    lines.push(`SELECT * FROM measured ORDER BY ${idOrder}`);
  } else {
    if (thresholds !== null) {
      lines.push(
        `, scored AS (`,
        `  SELECT measured.*,`,
        `    ${thresholdScoreSql('recency', thresholds.recency, true)} AS recency_score,`,
        `    ${thresholdScoreSql('frequency', thresholds.frequency, false)} AS frequency_score,`,
        `    ${thresholdScoreSql('monetary', thresholds.monetary, false)} AS monetary_score`,
        `  FROM measured`,
        `)`,
      );
    } else {
      lines.push(
        `, ranked AS (`,
        `  SELECT measured.*, COUNT(*) OVER () AS n,`,
        `    ROW_NUMBER() OVER (ORDER BY recency, ${idOrder}) AS recency_rank,`,
        `    ROW_NUMBER() OVER (ORDER BY frequency, ${idOrder}) AS frequency_rank,`,
        `    ROW_NUMBER() OVER (ORDER BY monetary, ${idOrder}) AS monetary_rank`,
        `  FROM measured`,
        `), ${ties === 'shared' ? 'by_rank' : 'scored'} AS (`,
        `  SELECT customer_id, recency, frequency, monetary, monetary_mean, first_purchase, last_purchase, tenure_days,`,
        `    ${scoreSql('recency_rank', bins, true)} AS recency_score,`,
        `    ${scoreSql('frequency_rank', bins, false)} AS frequency_score,`,
        `    ${scoreSql('monetary_rank', bins, false)} AS monetary_score`,
        `  FROM ranked`,
        `)`,
        ...(ties === 'shared'
          ? [
              // equal values share the worse (lower) score of their run, as rfmScore's ties: 'shared'
              `, scored AS (`,
              `  SELECT customer_id, recency, frequency, monetary, monetary_mean, first_purchase, last_purchase, tenure_days,`,
              `    MIN(recency_score) OVER (PARTITION BY recency) AS recency_score,`,
              `    MIN(frequency_score) OVER (PARTITION BY frequency) AS frequency_score,`,
              `    MIN(monetary_score) OVER (PARTITION BY monetary) AS monetary_score`,
              `  FROM by_rank`,
              `)`,
            ]
          : []),
      );
    }
    lines.push(
      `SELECT scored.*, CAST(recency_score AS VARCHAR(1)) || CAST(frequency_score AS VARCHAR(1)) || CAST(monetary_score AS VARCHAR(1)) AS rfm_code${segments === null ? '' : ','}`,
      ...(segments === null ? [] : [`${segmentSql(segments, bind)} AS segment`]),
      `FROM scored ORDER BY ${idOrder}`,
    );
  }
  return { sql: lines.join('\n'), params };
}
