// rfmSql's scores and segments on real engines (DuckDB embedded, a throwaway PostgreSQL server) against
// rfmSegments(rfmScore(rfmTable(rows))), row for row: both tie rules on tie-heavy logs, bins 2–9, threshold
// scores, the default and custom rule tables (names bound, never spliced), numeric and text customer ids.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import {
  type RfmSegmentRule,
  type RfmSqlOptions,
  type RfmThresholds,
  rfmScore,
  rfmSegments,
  rfmSql,
  rfmTable,
  type RfmSegmentedRow,
} from 'segmentkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { expectSegmentkitError } from '../helpers/expectError';
import { startPostgres, type PostgresServer } from '../helpers/postgres';
import {
  type Cell,
  type ColumnType,
  duckdbExecutor,
  type Executor,
  loadDuckdb,
  loadPostgres,
  num,
  postgresExecutor,
} from '../helpers/warehouses';

interface Tx {
  customer: number | string;
  ts: number;
  amount: number;
}

const DAY = 86_400_000;
const END = Date.UTC(2024, 5, 30);

/** A deterministic generator (no dependence on Math.random). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A log where ties are everywhere: most customers bought once, last purchases on a few days, amounts in
 * multiples of 5 (so every sum is exact in any order) and some refunds; groups of customers are identical.
 */
function tiedLog(nCustomers: number, seed: number, id: (i: number) => number | string): Tx[] {
  const random = lcg(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const out: Tx[] = [];
  for (let i = 0; i < nCustomers; i++) {
    const customer = id(i);
    const purchases = pick([1, 1, 1, 1, 1, 2, 2, 3, 4, 6]);
    const lastDaysAgo = pick([0, 3, 3, 30, 30, 30, 90, 180, 365]);
    const spend = pick([10, 10, 10, 25, 40, 100]);
    for (let p = 0; p < purchases; p++) out.push({ customer, ts: END - (lastDaysAgo + p * 7) * DAY, amount: spend + 5 * (p % 2) });
    if (random() < 0.1) out.push({ customer, ts: END - lastDaysAgo * DAY, amount: -5 });
  }
  return out;
}

// numeric ids out of insertion order; text ids with upper and lower case, digits of different lengths and
// non-ASCII letters (byte order = UTF-16 code-unit order for these)
const numericLog = tiedLog(700, 1, (i) => (i * 7919) % 100_003);
const textLog = tiedLog(500, 2, (i) => `${['c', 'C', 'Ä', 'b', 'é', 'Z'][i % 6]}${i}`);

const columns = (idType: ColumnType) =>
  [
    { name: 'customer id', type: idType },
    { name: 'when', type: 'VARCHAR' as const },
    { name: 'total "net"', type: 'DOUBLE' as const },
  ] as const;
const cells = (log: readonly Tx[]): Cell[][] =>
  log.map((t) => [t.customer, new Date(t.ts).toISOString().replace('T', ' ').replace('Z', ''), t.amount]);
const base = { customerId: 'customer id', date: 'when', amount: 'total "net"' } as const;

let duck: DuckDBConnection;
let postgres: PostgresServer | null = null;

beforeAll(async () => {
  duck = await (await DuckDBInstance.create(':memory:')).connect();
  await loadDuckdb(duck, 'numeric', columns('BIGINT'), cells(numericLog));
  await loadDuckdb(duck, 'text', columns('VARCHAR'), cells(textLog));
  postgres = await startPostgres();
  if (postgres !== null) {
    await loadPostgres(postgres.client, 'numeric', columns('BIGINT'), cells(numericLog));
    await loadPostgres(postgres.client, 'text', columns('VARCHAR'), cells(textLog));
  }
}, 120_000);
afterAll(async () => {
  duck?.closeSync();
  await postgres?.stop();
});

const engines: { name: 'duckdb' | 'postgres'; run: () => Executor }[] = [
  { name: 'duckdb', run: () => duckdbExecutor(duck) },
  { name: 'postgres', run: () => postgresExecutor(postgres!.client) },
];

type ScoreOptions = Pick<RfmSqlOptions, 'bins' | 'ties' | 'method' | 'thresholds'>;
type SegmentOptions = { segments?: true | readonly RfmSegmentRule[]; otherSegment?: string };

function expected(log: readonly Tx[], scores: ScoreOptions, segments: SegmentOptions): RfmSegmentedRow[] {
  const table = rfmTable(log, { customerId: 'customer', date: 'ts', amount: 'amount', dateFormat: 'epoch-ms' });
  const scored = rfmScore(table, scores as never);
  return rfmSegments(scored, {
    ...(Array.isArray(segments.segments) ? { rules: segments.segments } : {}),
    ...(segments.otherSegment === undefined ? {} : { otherSegment: segments.otherSegment }),
  });
}

/** A driver's TIMESTAMP as UTC milliseconds (pg reads TIMESTAMP without time zone as local time). */
function utcMillis(value: unknown, engine: 'duckdb' | 'postgres'): number {
  const date = value as Date;
  return engine === 'postgres' ? date.getTime() - date.getTimezoneOffset() * 60_000 : date.getTime();
}

function expectRows(
  rows: Record<string, unknown>[],
  want: readonly RfmSegmentedRow[],
  engine: 'duckdb' | 'postgres',
  segments: boolean,
): void {
  expect(rows).toHaveLength(want.length);
  const got = rows.map((row) => ({
    customerId: typeof want[0]!.customerId === 'number' ? num(row.customer_id) : row.customer_id,
    recency: num(row.recency),
    frequency: num(row.frequency),
    monetary: num(row.monetary),
    monetaryMean: num(row.monetary_mean),
    firstPurchase: utcMillis(row.first_purchase, engine),
    lastPurchase: utcMillis(row.last_purchase, engine),
    tenureDays: num(row.tenure_days),
    recencyScore: num(row.recency_score),
    frequencyScore: num(row.frequency_score),
    monetaryScore: num(row.monetary_score),
    rfmCode: row.rfm_code,
    ...(segments ? { segment: row.segment } : {}),
  }));
  const wanted = want.map((r) => ({
    customerId: r.customerId,
    recency: r.recency,
    frequency: r.frequency,
    monetary: r.monetary,
    monetaryMean: r.monetaryMean,
    firstPurchase: r.firstPurchase.getTime(),
    lastPurchase: r.lastPurchase.getTime(),
    tenureDays: r.tenureDays,
    recencyScore: r.recencyScore,
    frequencyScore: r.frequencyScore,
    monetaryScore: r.monetaryScore,
    rfmCode: r.rfmCode,
    ...(segments ? { segment: r.segment } : {}),
  }));
  // compare in chunks so a failure shows the first differing rows, not 700
  for (let start = 0; start < wanted.length; start += 50) expect(got.slice(start, start + 50)).toEqual(wanted.slice(start, start + 50));
}

const THRESHOLDS: RfmThresholds = { recency: [3, 30, 90, 180], frequency: [1, 2, 3], monetary: [10, 25.5, 50, 100, 200] };
// hostile names: quotes, a statement terminator, a comment, a placeholder look-alike, a backslash and non-ASCII
const RULES: RfmSegmentRule[] = [
  { segment: "Champions'; DROP TABLE numeric; --", recency: [4, 5], frequency: [3, 9] },
  { segment: 'Loyal "quoted" $1 ?', frequency: [2, 9] },
  { segment: 'back\\slash /* not a comment */', recency: [3, 9], monetary: [3, 9] },
  { segment: 'Någon gång', recency: [1, 2] },
  { segment: 'unreachable', recency: [20, 30] },
];

describe.each(engines)('rfmSql scores and segments in $name equal rfmSegments(rfmScore(rfmTable(rows)))', ({ name, run }) => {
  const skip = (): boolean => {
    if (name === 'postgres' && postgres === null) {
      console.warn('PostgreSQL part skipped: no server binary available');
      return true;
    }
    return false;
  };
  const check = async (table: 'numeric' | 'text', scores: ScoreOptions, segments: SegmentOptions = {}): Promise<void> => {
    const query = rfmSql({ ...base, table, dialect: name, ...scores, ...segments });
    const rows = await run()(query.sql, query.params);
    expectRows(rows, expected(table === 'numeric' ? numericLog : textLog, scores, segments), name, segments.segments !== undefined);
  };

  it.each(['shared', 'first'] as const)(
    "quantile scores for bins 2–9, ties: '%s', numeric and text ids, default segments",
    async (ties) => {
      if (skip()) return;
      for (const table of ['numeric', 'text'] as const) {
        for (let bins = 2; bins <= 9; bins++) await check(table, { bins, ties }, { segments: true });
      }
    },
  );

  it('the tie rules differ on these logs (the test data really has ties across quantile edges)', () => {
    const shared = expected(numericLog, { bins: 5 }, {}).map((r) => r.rfmCode);
    const first = expected(numericLog, { bins: 5, ties: 'first' }, {}).map((r) => r.rfmCode);
    expect(shared).not.toEqual(first);
  });

  it('threshold scores, with default and custom segments', async () => {
    if (skip()) return;
    for (const table of ['numeric', 'text'] as const) {
      await check(table, { method: 'thresholds', thresholds: THRESHOLDS });
      await check(table, { method: 'thresholds', thresholds: THRESHOLDS }, { segments: true });
      await check(table, { method: 'thresholds', thresholds: THRESHOLDS }, { segments: RULES, otherSegment: "O'ther" });
    }
  });

  it('custom rules with hostile names are bound parameters, in rule order, and match rfmSegments', async () => {
    if (skip()) return;
    const query = rfmSql({ ...base, table: 'numeric', dialect: name, bins: 4, segments: RULES, otherSegment: 'rest' });
    expect(query.params).toEqual([null, ...RULES.map((r) => r.segment), 'rest']);
    for (const rule of RULES) expect(query.sql).not.toContain(rule.segment);
    if (name === 'postgres') expect(query.sql).toContain('$7');
    await check('numeric', { bins: 4 }, { segments: RULES, otherSegment: 'rest' });
    await check('text', { bins: 3, ties: 'first' }, { segments: RULES });
  });
});

describe('rfmSql scores in DuckDB on random tie-heavy logs (property)', () => {
  const log = fc.array(
    fc.record({
      customer: fc.integer({ min: 1, max: 40 }),
      daysAgo: fc.constantFrom(0, 1, 1, 7, 30, 30, 200),
      amount: fc.constantFrom(5, 10, 10, 20, 50, -5),
    }),
    { minLength: 1, maxLength: 120 },
  );
  it('equals rfmSegments(rfmScore(rfmTable)) for any bins 2–9, either tie rule', async () => {
    await fc.assert(
      fc.asyncProperty(
        log,
        fc.integer({ min: 2, max: 9 }),
        fc.constantFrom('shared' as const, 'first' as const),
        async (entries, bins, ties) => {
          // the first transaction is a purchase, so there is at least one customer
          const txs: Tx[] = entries.map((e, i) => ({ customer: e.customer, ts: END - e.daysAgo * DAY, amount: i === 0 ? 10 : e.amount }));
          const want = expected(txs, { bins, ties }, { segments: true });
          await loadDuckdb(duck, 'random', columns('BIGINT'), cells(txs));
          const query = rfmSql({ ...base, table: 'random', bins, ties, segments: true });
          expectRows(await duckdbExecutor(duck)(query.sql, query.params), want, 'duckdb', true);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('rfmSql score and segment options', () => {
  const t = { ...base, table: 't' } as const;
  it('writes cut points as exact round-trip literals and no segment column unless asked', () => {
    const { sql, params } = rfmSql({ ...t, method: 'thresholds', thresholds: { recency: [30], frequency: [2], monetary: [0.1 + 0.2] } });
    expect(sql).toContain('CAST(3.0000000000000004e-1 AS DOUBLE PRECISION)');
    expect(sql).not.toContain('segment');
    expect(params).toEqual([null]);
    expect(rfmSql({ ...t, dialect: 'postgres', segments: true }).sql).toContain('$12');
  });

  it('rejects bad combinations and values with E_PARAM naming the option', () => {
    expectSegmentkitError(() => rfmSql({ ...t, method: 'cuts' as never }), 'E_PARAM', /method must be one of 'quantile', 'thresholds'/);
    expectSegmentkitError(() => rfmSql({ ...t, method: 'thresholds' }), 'E_PARAM', /method 'thresholds' needs thresholds/);
    expectSegmentkitError(() => rfmSql({ ...t, thresholds: THRESHOLDS }), 'E_PARAM', /thresholds are only used with method: 'thresholds'/);
    expectSegmentkitError(
      () => rfmSql({ ...t, method: 'thresholds', thresholds: THRESHOLDS, bins: 5 }),
      'E_PARAM',
      /bins follows from the thresholds/,
    );
    expectSegmentkitError(() => rfmSql({ ...t, method: 'thresholds', thresholds: THRESHOLDS, ties: 'first' }), 'E_PARAM', /ties applies/);
    expectSegmentkitError(
      () => rfmSql({ ...t, method: 'thresholds', thresholds: { ...THRESHOLDS, frequency: [2, 1] } }),
      'E_PARAM',
      /thresholds\.frequency must be strictly ascending.*index 1/,
    );
    expectSegmentkitError(
      () => rfmSql({ ...t, method: 'thresholds', thresholds: { ...THRESHOLDS, monetary: [Number.NaN] } }),
      'E_PARAM',
      /thresholds\.monetary/,
    );
    expectSegmentkitError(
      () => rfmSql({ ...t, method: 'thresholds', thresholds: { ...THRESHOLDS, recency: [] } }),
      'E_PARAM',
      /thresholds\.recency must be 1 to 8/,
    );
    expectSegmentkitError(
      () => rfmSql({ ...t, method: 'thresholds', thresholds: { ...THRESHOLDS, recncy: [1] } as never }),
      'E_PARAM',
      /unknown option 'recncy'/,
    );
    expectSegmentkitError(() => rfmSql({ ...t, bins: 0, segments: true }), 'E_PARAM', /segments are named from the scores; drop bins: 0/);
    expectSegmentkitError(() => rfmSql({ ...t, otherSegment: 'x' }), 'E_PARAM', /otherSegment .* pass segments too/);
    expectSegmentkitError(() => rfmSql({ ...t, segments: true, otherSegment: '' }), 'E_PARAM', /otherSegment must be a segment name/);
    expectSegmentkitError(() => rfmSql({ ...t, segments: [] }), 'E_PARAM', /segments must be true .* or a rule table/);
    expectSegmentkitError(() => rfmSql({ ...t, segments: 'default' as never }), 'E_PARAM', /segments must be true/);
    expectSegmentkitError(() => rfmSql({ ...t, segments: [null as never] }), 'E_PARAM', /segments\[0\] must be a rule/);
    expectSegmentkitError(() => rfmSql({ ...t, segments: [{ segment: '' }] }), 'E_PARAM', /segments\[0\]\.segment must be a segment name/);
    expectSegmentkitError(() => rfmSql({ ...t, segments: [{ segment: 'a\u0000b' }] }), 'E_PARAM', /without NUL/);
    expectSegmentkitError(
      () => rfmSql({ ...t, segments: [{ segment: 'a' }, { segment: 'b', recency: [3, 1] }] }),
      'E_PARAM',
      /segments\[1\]\.recency must be \[min, max\] integer scores/,
    );
    expectSegmentkitError(() => rfmSql({ ...t, segments: [{ segment: 'a', recency: [1.5, 2] }] }), 'E_PARAM', /segments\[0\]\.recency/);
    expectSegmentkitError(
      () => rfmSql({ ...t, segments: [{ segment: 'a', frequncy: [1, 2] } as never] }),
      'E_PARAM',
      /did you mean 'frequency'/,
    );
    // a sparse rule table is refused, not skipped
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    expectSegmentkitError(() => rfmSql({ ...t, segments: [{ segment: 'a' }, , { segment: 'b' }] as never }), 'E_PARAM', /segments\[1\]/);
  });
});
