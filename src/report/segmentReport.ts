import { plotChooseK } from '../charts/plotChooseK';
import { plotClv } from '../charts/plotClv';
import { plotDrift } from '../charts/plotDrift';
import { plotProfiles } from '../charts/plotProfiles';
import { plotRfmGrid } from '../charts/plotRfmGrid';
import { plotSegments } from '../charts/plotSegments';
import { plotTransitions } from '../charts/plotTransitions';
import type { VegaLiteSpec } from '../charts/vegaLite';
import type { DateFormat, YearRange } from '../core/dateParser';
import { parseNumericCell } from '../core/parseNumericCell';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireInteger, requireNumber, requireOneOf } from '../core/validateOptions';
import { PCA } from '../decomposition/PCA';
import { driftReport, type DriftReport } from '../drift/driftReport';
import { explainSegments } from '../explain/explainSegments';
import { segmentTransitions, type SegmentTransitions } from '../explain/segmentTransitions';
import { suppressSmallCells } from '../privacy/minSegmentSize';
import { segmentComposition } from '../privacy/segmentComposition';
import { rfmScore, type RfmScoredTable } from '../rfm/rfmScore';
import { rfmSegments } from '../rfm/rfmSegments';
import { rfmSummary } from '../rfm/rfmSummary';
import { rfmTable, type RfmTable } from '../rfm/rfmTable';
import { TransactionFields } from '../rfm/transactionFields';
import { toSvg } from '../svg';
import { BetaGeoFitter } from '../value/betaGeo/BetaGeoFitter';
import { clvSummary, type ClvSummaryRow } from '../value/clvSummary';
import { customerLifetimeValue, type CustomerLifetimeValueResult } from '../value/customerLifetimeValue';
import { GammaGammaFitter } from '../value/gammaGamma/GammaGammaFitter';
import {
  escapeHtml,
  factsHtml,
  figureHtml,
  formatParameter,
  formatShare,
  formatValue,
  noteHtml,
  pageHtml,
  suppressedCell,
  tableHtml,
  type Cell,
} from './html';
import { checkColumns, numericColumns, segmentCustomers, type Segmentation } from './segmentCustomers';
import { SEGMENTKIT_VERSION } from './version';

/** A step of {@link segmentReport}, reported through `onProgress` as it starts. */
export interface ReportProgress {
  /** What is being done, in words (`'RFM segments'`, `'choosing k (chooseK, k = 2…8)'`, …). */
  readonly step: string;
}

/** Options of {@link segmentReport}. */
export interface SegmentReportOptions {
  /**
   * What the input is: `'transactions'` (default; one row per purchase, read as {@link rfmTable} reads it) or
   * `'customers'` (one row per customer; its numeric columns are segmented, RFM needs `recency`, `frequency` and
   * `monetary` columns).
   */
  readonly input?: 'transactions' | 'customers';
  /** Field with the customer id. Default `'customerId'` (a customer table may have none). */
  readonly customerId?: string;
  /** Field with the transaction time (transactions). Default `'timestamp'`. */
  readonly date?: string;
  /** How dates are written (as {@link rfmTable}'s `dateFormat`). Default: ISO 8601 / Date objects. */
  readonly dateFormat?: DateFormat;
  /** Years two-digit dates fall in (as {@link rfmTable}'s `yearRange`). */
  readonly yearRange?: YearRange;
  /** Field with the transaction value (negative = refund). Default `'amount'`, unless `quantity` and `price` are given. */
  readonly amount?: string;
  /** Field with the quantity of a line: with `price`, the amount is quantity × price. */
  readonly quantity?: string;
  /** Field with the unit price of a line: with `quantity`, the amount is quantity × price. */
  readonly price?: string;
  /** Field with an order id: lines of one order count as one purchase (as {@link rfmTable}'s `orderId`). */
  readonly orderId?: string;
  /** Refund rows in the RFM table: `'net'` (default, subtracted from monetary value) or `'exclude'`. The clustering always uses gross purchases. */
  readonly refunds?: 'net' | 'exclude';
  /** Rows without a customer id: `'skip'` (default, counted in the quality notes) or `'error'`. */
  readonly missingCustomerId?: 'skip' | 'error';
  /** Reference date recency is measured to (as {@link rfmTable}'s `asOf`). Default: the day after the last purchase. */
  readonly asOf?: Date | string;
  /** Customer-table columns to segment on (default: every numeric column but the id and identifier-like ones). */
  readonly columns?: readonly string[];
  /** A second, later period of the same kind and fields: drift and transitions compare it with `input`. */
  readonly current?: readonly object[];
  /** Split a transaction log at this date (a Date, ISO text or a value in `dateFormat`): drift and transitions compare before with on-or-after. */
  readonly splitDate?: Date | string;
  /** Seed of every random step (chooseK, k-means, PCA). Default 42. */
  readonly seed?: number;
  /** Number of segments: `'auto'` (default, `chooseK`'s recommendation) or a number ≥ 2. */
  readonly k?: 'auto' | number;
  /** Smallest k chooseK tries. Default 2. */
  readonly kMin?: number;
  /** Largest k chooseK tries. Default 8. */
  readonly kMax?: number;
  /** k-means restarts (the best is kept). Default 10. */
  readonly nInit?: number;
  /** Table cells and chart marks describing fewer customers than this are suppressed (small-cell suppression). Default 10; 0 turns it off. */
  readonly minSegmentSize?: number;
  /** The report's title (its one h1). Default `'Customer segments'`. */
  readonly title?: string;
  /** Where the data came from (a file name), shown in the overview. */
  readonly source?: string;
  /** Rows shown per table. Default 25. */
  readonly maxRows?: number;
  /** Customers drawn in the segment scatter (evenly spaced). Default 1500. */
  readonly maxPoints?: number;
  /** Customer-value horizon in weeks. Default 52. */
  readonly horizon?: number;
  /** Weekly discount rate of customer value. Default 0.002 (about 11 % a year). */
  readonly discountRate?: number;
  /** The time the report says it was made. Default: now. Fix it to make the file byte-for-byte reproducible. */
  readonly generatedAt?: Date | string;
  /** The command line that made the report, shown in the methods section (the CLI sets it). */
  readonly command?: string;
  /** Called as each step starts (for progress output). */
  readonly onProgress?: (progress: ReportProgress) => void;
  /**
   * A sensitive attribute (a field of the customer table, or of the transactions: each customer's first row) to
   * show each segment's make-up by, with representation ratios and the four-fifths check
   * ({@link segmentComposition}). Off by default: name it to audit a segmentation before acting on it.
   */
  readonly sensitiveAttribute?: string;
}

const OPTION_KEYS = [
  'input',
  'customerId',
  'date',
  'dateFormat',
  'yearRange',
  'amount',
  'quantity',
  'price',
  'orderId',
  'refunds',
  'missingCustomerId',
  'asOf',
  'columns',
  'current',
  'splitDate',
  'seed',
  'k',
  'kMin',
  'kMax',
  'nInit',
  'minSegmentSize',
  'title',
  'source',
  'maxRows',
  'maxPoints',
  'horizon',
  'discountRate',
  'generatedAt',
  'command',
  'onProgress',
  'sensitiveAttribute',
];

type Row = Readonly<Record<string, unknown>>;

interface Section {
  id: string;
  title: string;
  html: string;
}

interface Resolved {
  input: 'transactions' | 'customers';
  seed: number;
  k: 'auto' | number;
  kMin: number;
  kMax: number;
  nInit: number;
  minSegmentSize: number;
  maxRows: number;
  maxPoints: number;
  horizon: number;
  discountRate: number;
  title: string;
  generatedAt: Date;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function resolve(options: SegmentReportOptions): Resolved {
  const context = 'segmentReport';
  const input = requireOneOf(context, 'input', options.input ?? 'transactions', ['transactions', 'customers']);
  const k = options.k ?? 'auto';
  if (k !== 'auto') requireInteger(context, 'k', k, { min: 2 });
  const generatedAt = options.generatedAt === undefined ? new Date() : new Date(options.generatedAt);
  if (Number.isNaN(generatedAt.getTime())) throw new SegmentkitError('E_PARAM', `${context}: generatedAt must be a Date or ISO text`);
  if (options.title !== undefined && typeof options.title !== 'string')
    throw new SegmentkitError('E_PARAM', `${context}: title must be text`);
  if (options.splitDate !== undefined && options.current !== undefined)
    throw new SegmentkitError('E_PARAM', `${context}: give current or splitDate, not both`);
  if (options.current !== undefined && !Array.isArray(options.current))
    throw new SegmentkitError('E_PARAM', `${context}: current must be an array of records (the later period)`);
  if (options.splitDate !== undefined && input !== 'transactions')
    throw new SegmentkitError('E_PARAM', `${context}: splitDate splits a transaction log; for customer tables pass current`);
  if ((options.quantity === undefined) !== (options.price === undefined))
    throw new SegmentkitError('E_PARAM', `${context}: quantity and price go together (amount = quantity × price)`);
  if (options.quantity !== undefined && options.amount !== undefined)
    throw new SegmentkitError('E_PARAM', `${context}: give amount, or quantity and price, not both`);
  const kMin = requireInteger(context, 'kMin', options.kMin ?? 2, { min: 2 });
  const kMax = requireInteger(context, 'kMax', options.kMax ?? 8, { min: kMin });
  return {
    input,
    seed: requireInteger(context, 'seed', options.seed ?? 42, { min: 0 }),
    k,
    kMin,
    kMax,
    nInit: requireInteger(context, 'nInit', options.nInit ?? 10, { min: 1 }),
    minSegmentSize: requireNumber(context, 'minSegmentSize', options.minSegmentSize ?? 10, { min: 0 }),
    maxRows: requireInteger(context, 'maxRows', options.maxRows ?? 25, { min: 1 }),
    maxPoints: requireInteger(context, 'maxPoints', options.maxPoints ?? 1500, { min: 1 }),
    horizon: requireInteger(context, 'horizon', options.horizon ?? 52, { min: 1, max: 100_000 }),
    discountRate: requireNumber(context, 'discountRate', options.discountRate ?? 0.002, { min: 0 }),
    title: options.title ?? 'Customer segments',
    generatedAt,
  };
}

/** The amount field and the records to read: quantity × price computed into a field of its own when asked. */
function withAmount(records: readonly Row[], options: SegmentReportOptions, context: string): { rows: readonly Row[]; amount: string } {
  if (options.quantity === undefined || options.price === undefined) return { rows: records, amount: options.amount ?? 'amount' };
  const { quantity, price } = options;
  const amount = `${quantity} × ${price}`;
  const first = records[0];
  for (const field of [quantity, price]) {
    if (first !== undefined && !(field in first))
      throw new SegmentkitError(
        'E_PARSE',
        `${context}: the first record has no field '${field}' (fields there: ${Object.keys(first).slice(0, 12).join(', ')})`,
      );
  }
  const rows = records.map((record, i) => {
    const read = (field: string): number => {
      const value = parseNumericCell(record[field]);
      if (value === undefined || !Number.isFinite(value))
        throw new SegmentkitError(
          'E_PARSE',
          `${context}: row ${i}, ${field} is ${JSON.stringify(String(record[field]).slice(0, 40))}, not a number`,
        );
      return value;
    };
    return { ...record, [amount]: read(quantity) * read(price) };
  });
  return { rows, amount };
}

interface Period {
  readonly ids: readonly unknown[] | null;
  readonly rows: readonly Row[];
}

/** Chart → accessible figure, or a note saying why it is missing. */
async function chart(id: string, builder: string, build: () => VegaLiteSpec, fallback: string): Promise<string> {
  try {
    const spec = build();
    const title = typeof spec.title === 'string' ? spec.title : builder;
    const description = typeof spec.description === 'string' ? spec.description : '';
    return figureHtml(id, builder, await toSvg(spec), title, description);
  } catch (error) {
    return noteHtml(`${fallback}: ${errorText(error)}`, 'warning');
  }
}

function dateText(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * A self-contained HTML report of a segmentation, for the people who act on it: one file with its styles and
 * charts inline (SVG through {@link toSvg}; no scripts, fonts or network), accessible (one h1, ordered
 * headings, captioned tables with header scopes, titled and labelled charts, `lang`), printable and readable
 * on a phone.
 *
 * For a transaction log: a data overview with quality notes (rows, customers, dates, refunds, rows without a
 * customer id, as {@link rfmTable} reports them), the RFM segments ({@link rfmSummary}, {@link plotRfmGrid}),
 * the clustering of recency, frequency and monetary value (log and standardise, k from `chooseK` with
 * its evidence in {@link plotChooseK}, k-means, a PCA view in {@link plotSegments}), the named segment profiles
 * (`profileSegments`, `nameSegments`, {@link plotProfiles}) with rules in the data's units
 * ({@link explainSegments}), customer value per segment (BG/NBD and Gamma-Gamma on weekly
 * {@link clvSummary} rows, {@link customerLifetimeValue}, {@link plotClv}), drift and transitions when a second
 * period is given (`current` or `splitDate`: {@link driftReport}, {@link plotDrift},
 * {@link segmentTransitions}, {@link plotTransitions}), and a methods section with the library version and
 * every parameter and seed. A customer table (`input: 'customers'`) gets the same without customer value.
 *
 * Segments and table rows for fewer than `minSegmentSize` customers (default 10) are suppressed with
 * {@link suppressSmallCells} and marked "suppressed (< 10)"; the report lists no individual customer. A model
 * that fails (say BG/NBD on too little history) becomes a note in its section, not a failed report. Every
 * string from the data is escaped. The output is the same for the same data and options (fix `generatedAt`).
 *
 * Needs the optional peer dependencies `vega` and `vega-lite` (for the charts).
 *
 * @param input - transaction records (one per purchase line) or customer records (with `input: 'customers'`)
 * @returns the HTML document as a string
 * @throws `SegmentkitError` `E_PARAM` for bad options; the errors of {@link rfmTable} (naming the row and
 *   field) for unreadable transactions, `E_PARSE` naming the row and column of a customer table value that is
 *   not a number; `E_EMPTY` for no customers.
 * @example
 * const log = makeTransactions({ nCustomers: 120, seed: 1 });
 * const html = await segmentReport(log, { k: 3, generatedAt: '2024-01-01T00:00:00Z' });
 * [html.startsWith('<!DOCTYPE html>'), html.includes('<h1>Customer segments</h1>')]; // => [true, true]
 */
export async function segmentReport(input: readonly object[], options: SegmentReportOptions = {}): Promise<string> {
  const context = 'segmentReport';
  if (options === null || typeof options !== 'object') throw new SegmentkitError('E_PARAM', `${context}: options must be an object`);
  assertKnownOptions(context, options, OPTION_KEYS);
  if (!Array.isArray(input))
    throw new SegmentkitError('E_PARAM', `${context}: input must be an array of records (parseCsv or readCsv output)`);
  if (input.length === 0) throw new SegmentkitError('E_EMPTY', `${context}: input has no rows`);
  const r = resolve(options);
  const step = (text: string): void => options.onProgress?.({ step: text });
  const sections: Section[] = [];
  const notes: string[] = [];
  const methods: [string, string][] = [];
  const records = input as readonly Row[];
  const idField = options.customerId ?? 'customerId';

  // 1. read the input into one row of features per customer
  let table: RfmTable | null = null;
  let gross: RfmTable | null = null;
  let amountField = options.amount ?? 'amount';
  let transactions: readonly Row[] = [];
  let customerRows: readonly Row[];
  let customerIds: readonly unknown[] | null;
  let columns: readonly string[];
  const fieldOptions = {
    customerId: idField,
    date: options.date ?? 'timestamp',
    ...(options.dateFormat === undefined ? {} : { dateFormat: options.dateFormat }),
    ...(options.yearRange === undefined ? {} : { yearRange: options.yearRange }),
  };
  const missingCustomerId = requireOneOf(context, 'missingCustomerId', options.missingCustomerId ?? 'skip', ['skip', 'error']);
  const refunds = requireOneOf(context, 'refunds', options.refunds ?? 'net', ['net', 'exclude']);
  const rfmOptions = () => ({
    ...fieldOptions,
    amount: amountField,
    missingCustomerId,
    ...(options.orderId === undefined ? {} : { orderId: options.orderId }),
  });
  const customerTable = (log: readonly Row[], asOf?: Date | string): RfmTable =>
    rfmTable(log, { ...rfmOptions(), refunds: 'exclude', ...(asOf === undefined ? {} : { asOf }) });
  const features = (t: RfmTable): Row[] => t.map((row) => ({ recency: row.recency, frequency: row.frequency, monetary: row.monetary }));

  if (r.input === 'transactions') {
    step('reading transactions (rfmTable)');
    const prepared = withAmount(records, options, context);
    transactions = prepared.rows;
    amountField = prepared.amount;
    table = rfmTable(transactions, { ...rfmOptions(), refunds, ...(options.asOf === undefined ? {} : { asOf: options.asOf }) });
    gross = refunds === 'exclude' ? table : customerTable(transactions, options.asOf);
    customerRows = features(gross);
    customerIds = gross.map((row) => row.customerId);
    columns = ['recency', 'frequency', 'monetary'];
  } else {
    step('reading the customer table');
    customerRows = records;
    const first = records[0]!;
    customerIds = idField in first ? records.map((row) => row[idField]) : null;
    columns = options.columns ?? numericColumns(records, [idField]);
  }
  if (customerRows.length === 0) throw new SegmentkitError('E_EMPTY', `${context}: no customers to segment (every row was skipped)`);

  // 2. segment
  const segmentation = segmentCustomers(context, customerRows, columns, {
    k: r.k,
    kMin: r.kMin,
    kMax: r.kMax,
    seed: r.seed,
    nInit: r.nInit,
    onStep: step,
  });
  const sizes = segmentation.model.clusterSizes;
  const small = new Set(segmentation.order.filter((label) => sizes[label]! < r.minSegmentSize));

  // overview
  step('overview');
  sections.push(overviewSection(r, options, table, customerRows.length, transactions, fieldOptions, segmentation, notes));

  // RFM
  step('RFM segments');
  sections.push(await rfmSection(r, table, r.input === 'customers' ? customerRows : null));

  // clustering
  step('clustering evidence and the 2-D view');
  sections.push(await clusteringSection(r, segmentation, small));

  // profiles and rules
  step('segment profiles and rules');
  sections.push(await profileSection(r, segmentation, small));

  // composition by a sensitive attribute, when one is named
  if (options.sensitiveAttribute !== undefined) {
    step(`segment composition by ${options.sensitiveAttribute}`);
    const attribute = options.sensitiveAttribute;
    if (typeof attribute !== 'string' || attribute === '')
      throw new SegmentkitError('E_PARAM', `${context}: sensitiveAttribute must be the name of a field, got ${String(attribute)}`);
    let values: unknown[];
    if (r.input === 'customers') {
      if (!(attribute in records[0]!))
        throw new SegmentkitError('E_PARAM', `${context}: sensitiveAttribute '${attribute}' is not a column of the customer table`);
      values = customerRows.map((row) => row[attribute]);
    } else {
      if (!(attribute in records[0]!))
        throw new SegmentkitError('E_PARAM', `${context}: sensitiveAttribute '${attribute}' is not a field of the transactions`);
      const first = new Map<unknown, unknown>();
      for (const row of records) {
        const id = row[idField];
        if (id !== null && id !== undefined && !first.has(String(id))) first.set(String(id), row[attribute]);
      }
      values = (customerIds ?? []).map((id) => first.get(String(id)));
    }
    sections.push(compositionSection(r, segmentation, attribute, values));
  }

  // customer value
  if (r.input === 'transactions' && gross !== null && table !== null) {
    step('customer value (BG/NBD, Gamma-Gamma)');
    sections.push(await valueSection(r, transactions, { ...fieldOptions, amount: amountField }, table, gross, segmentation, methods));
  }

  // drift and transitions
  if (options.current !== undefined || options.splitDate !== undefined) {
    step('drift and transitions');
    sections.push(
      await driftSection(
        r,
        options,
        transactions,
        fieldOptions,
        amountField,
        customerTable,
        features,
        segmentation,
        customerRows,
        customerIds,
        idField,
      ),
    );
  }

  // methods
  sections.push(methodsSection(r, options, segmentation, amountField, methods));
  step('writing the report');
  const source = options.source === undefined ? '' : ` of ${options.source}`;
  const lede = `A segmentation${source}: ${customerRows.length.toLocaleString('en-US')} customers in ${sizes.length} segments. Generated ${r.generatedAt.toISOString()} by segmentkit ${SEGMENTKIT_VERSION}.`;
  return pageHtml(
    r.title,
    lede,
    sections,
    `Made with segmentkit ${SEGMENTKIT_VERSION} on ${r.generatedAt.toISOString()}. Rows for fewer than ${r.minSegmentSize} customers are suppressed. This file loads nothing from the network.`,
  );
}

function overviewSection(
  r: Resolved,
  options: SegmentReportOptions,
  table: RfmTable | null,
  customers: number,
  transactions: readonly Row[],
  fieldOptions: { customerId: string; date: string; dateFormat?: DateFormat },
  segmentation: Segmentation,
  notes: string[],
): Section {
  const facts: [string, string][] = [];
  if (options.source !== undefined) facts.push(['source', options.source]);
  if (table !== null) {
    const report = table.report;
    let first = Infinity;
    let last = -Infinity;
    for (const row of table) {
      first = Math.min(first, row.firstPurchase.getTime());
      last = Math.max(last, row.lastPurchase.getTime());
    }
    facts.push(
      ['rows read', report.rows.toLocaleString('en-US')],
      ['purchase rows', report.purchases.toLocaleString('en-US')],
      ['customers', report.customers.toLocaleString('en-US')],
      ['first purchase', Number.isFinite(first) ? dateText(new Date(first)) : '—'],
      ['last purchase', Number.isFinite(last) ? dateText(new Date(last)) : '—'],
      ['recency measured to', dateText(report.asOf)],
    );
    const refundWord = (options.refunds ?? 'net') === 'net' ? 'netted into the customers’ monetary value' : 'excluded';
    if (report.refunds > 0)
      notes.push(
        `${report.refunds.toLocaleString('en-US')} refund rows (negative amounts), ${refundWord}; the clustering uses gross purchases.`,
      );
    if (report.skippedMissingCustomer > 0)
      notes.push(
        `${report.skippedMissingCustomer.toLocaleString('en-US')} rows without a customer id (${fieldOptions.customerId}) were skipped.`,
      );
    if (report.refundOnlyCustomers > 0)
      notes.push(`${report.refundOnlyCustomers.toLocaleString('en-US')} customers with refunds but no purchase are not in the tables.`);
    if (report.dateOnly) notes.push('The data holds dates without times of day.');
    if (transactions.length > 0 && report.rows !== transactions.length)
      notes.push(`${transactions.length - report.rows} rows were not read.`);
  } else {
    facts.push(['customers', customers.toLocaleString('en-US')], ['columns segmented', segmentation.columns.join(', ')]);
  }
  if (notes.length === 0) notes.push('No rows were set aside.');
  const html = `${factsHtml(facts)}
<h3>Quality notes</h3>
<ul>${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`;
  void r;
  return { id: 'overview', title: 'Data overview', html };
}

async function rfmSection(r: Resolved, table: RfmTable | null, customerRows: readonly Row[] | null): Promise<Section> {
  let scored: RfmScoredTable;
  try {
    if (table !== null) scored = rfmScore(table);
    else {
      const first = customerRows![0]!;
      if (!['recency', 'frequency', 'monetary'].every((c) => c in first)) {
        return {
          id: 'rfm',
          title: 'RFM segments',
          html: noteHtml('RFM segments need a transaction log, or a customer table with recency, frequency and monetary columns.'),
        };
      }
      scored = rfmScore(customerRows as never);
    }
  } catch (error) {
    return { id: 'rfm', title: 'RFM segments', html: noteHtml(`RFM scores could not be computed: ${errorText(error)}`, 'warning') };
  }
  const segmented = rfmSegments(scored);
  const summary = suppressSmallCells(rfmSummary(segmented), { minSegmentSize: r.minSegmentSize });
  const hidden = suppressedCell(r.minSegmentSize);
  const rows: Cell[][] = summary.map((s) => [
    s.segment ?? '—',
    s.customers,
    s.suppressed ? hidden : formatShare(s.share),
    s.suppressed ? hidden : s.recency,
    s.suppressed ? hidden : s.frequency,
    s.suppressed ? hidden : s.monetary,
    s.suppressed ? hidden : formatShare(s.revenueShare),
  ]);
  const tableText = tableHtml(
    'RFM segments (rfmSummary): size and mean recency (days), frequency (purchases) and monetary value',
    ['segment', 'customers', 'share', 'mean days since last purchase', 'mean purchases', 'mean monetary value', 'share of revenue'],
    rows,
    r.maxRows,
  );
  const grid = await chart(
    'chart-rfm-grid',
    'plotRfmGrid',
    () => {
      const spec = plotRfmGrid(scored) as VegaLiteSpec & { data: { values: { customers: number; revenueShare: number | null }[] } };
      // small cells keep their count but not their revenue
      const values = spec.data.values.map((v) => (v.customers < r.minSegmentSize ? { ...v, revenueShare: null } : v));
      return { ...spec, data: { values } };
    },
    'The RFM grid could not be drawn',
  );
  const html = `<p>Each customer gets a recency, frequency and monetary score from 1 to 5 (quintiles, rfmScore), and the
default rule table (rfmSegments) names the segment from the scores.</p>
${tableText}
${grid}
<p class="note">Cells of the grid for fewer than ${escapeHtml(r.minSegmentSize)} customers show their count but not their revenue share.</p>`;
  return { id: 'rfm', title: 'RFM segments', html };
}

async function clusteringSection(r: Resolved, s: Segmentation, small: ReadonlySet<number>): Promise<Section> {
  const parts: string[] = [];
  const k = s.model.clusterSizes.length;
  const logged = s.logColumns.length > 0 ? `log(1 + x) of ${s.logColumns.join(', ')}, then ` : '';
  parts.push(
    `<p>k-means on ${escapeHtml(s.columns.join(', '))} (${escapeHtml(logged)}standardised), ${escapeHtml(k)} segments${
      s.choice === null ? ' (k given)' : ' (k recommended by chooseK)'
    }, ${escapeHtml(s.model.nIter)} iterations, converged: ${s.model.converged ? 'yes' : 'no'}.</p>`,
  );
  if (s.choice !== null) {
    const choice = s.choice;
    parts.push(`<h3>Choosing k</h3>\n${noteHtml(choice.reason)}`);
    parts.push(
      tableHtml(
        'chooseK: every criterion for each k (inertia and Davies–Bouldin lower is better; silhouette, Calinski–Harabasz and gap higher is better; BIC lower is better)',
        ['k', 'inertia', 'silhouette', 'Calinski–Harabasz', 'Davies–Bouldin', 'gap', 'BIC'],
        choice.rows.map((row) => [
          row.k,
          row.inertia ?? null,
          row.silhouette ?? null,
          row.calinskiHarabasz ?? null,
          row.daviesBouldin ?? null,
          row.gap ?? null,
          row.bic ?? null,
        ]),
        r.maxRows,
      ),
    );
    parts.push(await chart('chart-choose-k', 'plotChooseK', () => plotChooseK(choice), 'The chooseK chart could not be drawn'));
  }
  parts.push('<h3>Segments in two dimensions</h3>');
  parts.push(
    await chart(
      'chart-segments',
      'plotSegments',
      () => {
        const pca = new PCA({ nComponents: 2, seed: r.seed }).fit(s.X);
        const points = pca.transform(s.X);
        // customers of suppressed segments are not drawn
        const keep: number[] = [];
        for (let i = 0; i < s.X.rows; i++) if (!small.has(s.model.labels[i]!)) keep.push(i);
        const xy = keep.map((i) => [points.data[2 * i]!, points.data[2 * i + 1]!]);
        const labels = keep.map((i) => s.model.labels[i]!);
        const ratio = pca.explainedVarianceRatio;
        const spec = plotSegments(xy, labels, {
          names: s.displayNames,
          maxPoints: r.maxPoints,
          axisTitles: [`PCA component 1 (${formatShare(ratio[0])} of variance)`, `PCA component 2 (${formatShare(ratio[1])})`],
          title: 'Segments on the first two principal components',
        });
        // one aria label per point would make the file huge; the figure describes the chart as a whole
        return { ...spec, mark: { ...(spec.mark as object), aria: false } };
      },
      'The segment scatter could not be drawn',
    ),
  );
  if (small.size > 0) parts.push(noteHtml(`Customers of segments with fewer than ${r.minSegmentSize} customers are not drawn.`));
  return { id: 'clustering', title: 'Clustering', html: parts.join('\n') };
}

async function profileSection(r: Resolved, s: Segmentation, small: ReadonlySet<number>): Promise<Section> {
  const parts: string[] = [];
  const hidden = suppressedCell(r.minSegmentSize);
  const bySegment = new Map(s.profile.segments.map((seg) => [Number(seg.segment), seg]));
  const rows = s.order.map((label) => {
    const seg = bySegment.get(label)!;
    const medians = s.columns.map((c) => seg.numeric.find((f) => f.feature === c)?.median ?? null);
    const suppressed = small.has(label);
    return { segment: s.displayNames.get(label)!, customers: seg.size, share: seg.share, medians, suppressed, label };
  });
  // suppressSmallCells also blanks the next smallest when only one is small (complementary suppression)
  const checked = suppressSmallCells(
    rows.map(({ segment, customers, share, medians }) => ({ segment, customers, share, medians })),
    { minSegmentSize: r.minSegmentSize },
  );
  const hiddenLabels = new Set(rows.filter((_, i) => checked[i]!.suppressed).map((row) => row.label));
  parts.push(
    tableHtml(
      'Segment profiles (profileSegments): size and median of each feature, in the data’s units',
      ['segment', 'customers', 'share', ...s.columns.map((c) => `median ${c}`)],
      rows.map((row) => {
        const blank = hiddenLabels.has(row.label);
        return [row.segment, row.customers, blank ? hidden : formatShare(row.share), ...row.medians.map((m): Cell => (blank ? hidden : m))];
      }),
      r.maxRows,
    ),
  );
  parts.push('<h3>What sets each segment apart</h3>');
  parts.push(
    await chart(
      'chart-profiles',
      'plotProfiles',
      () =>
        plotProfiles(
          { segments: s.profile.segments.filter((seg) => !hiddenLabels.has(Number(seg.segment))) },
          { names: s.displayNames, title: 'Segment × feature: standardised difference from the other customers' },
        ),
      'The profile chart could not be drawn',
    ),
  );
  parts.push('<h3>Rules</h3>');
  try {
    const explanation = explainSegments(s.X, s.model, { pipeline: s.pipeline });
    parts.push(
      `<p>A threshold tree (explainSegments, IMM) that reproduces the segments in the data’s units: it assigns ${escapeHtml(
        formatShare(explanation.fidelity),
      )} of the customers to their own segment.</p>`,
    );
    const ruleOf = new Map(explanation.segments.map((rule) => [rule.segment, rule]));
    parts.push(
      tableHtml(
        'Rules per segment (explainSegments), in the data’s units',
        ['segment', 'customers', 'rule'],
        s.order.map((label) => [
          s.displayNames.get(label)!,
          sizes(s, label),
          hiddenLabels.has(label) ? hidden : (ruleOf.get(label)?.rules.join(' or ') ?? '—'),
        ]),
        r.maxRows,
      ),
    );
  } catch (error) {
    parts.push(noteHtml(`Rules could not be computed: ${errorText(error)}`, 'warning'));
  }
  return { id: 'profiles', title: 'Segment profiles', html: parts.join('\n') };
}

function compositionSection(r: Resolved, s: Segmentation, attribute: string, values: readonly unknown[]): Section {
  const composition = segmentComposition(s.model.labels, values as never, { attributeName: attribute });
  const hidden = suppressedCell(r.minSegmentSize);
  const byLabel = new Map(composition.segments.map((row) => [Number(row.segment), row]));
  const shown = composition.values.slice(0, 6);
  const parts = [
    `<p>Each segment’s make-up by <strong>${escapeHtml(attribute)}</strong> (segmentComposition): the share of each value in the segment, and the lowest over the highest selection rate (the four-fifths rule flags a ratio below ${escapeHtml(formatShare(composition.threshold))}). Segments for fewer than ${r.minSegmentSize} customers are suppressed.</p>`,
    tableHtml(
      `Segment composition by ${attribute}`,
      ['segment', 'customers', ...shown.map((v) => `${String(v)} share`), 'lowest / highest selection rate', 'four-fifths rule'],
      s.order.map((label) => {
        const row = byLabel.get(label)!;
        if (row.size < r.minSegmentSize) return [s.displayNames.get(label)!, row.size, ...shown.map(() => hidden), hidden, hidden];
        const shareOf = new Map(row.values.map((v) => [v.value, v.share]));
        return [
          s.displayNames.get(label)!,
          row.size,
          ...shown.map((v) => formatShare(shareOf.get(v) ?? 0)),
          formatValue(row.disparateImpactRatio),
          row.fourFifthsViolation ? 'below 4/5' : 'met',
        ];
      }),
      r.maxRows,
    ),
  ];
  if (composition.values.length > shown.length)
    parts.push(noteHtml(`${composition.values.length - shown.length} more values of ${attribute} are counted but not shown as columns.`));
  return { id: 'composition', title: `Segment composition by ${attribute}`, html: parts.join('\n') };
}

function sizes(s: Segmentation, label: number): number {
  return s.model.clusterSizes[label]!;
}

async function valueSection(
  r: Resolved,
  transactions: readonly Row[],
  fieldOptions: { customerId: string; date: string; amount: string; dateFormat?: DateFormat },
  table: RfmTable,
  gross: RfmTable,
  s: Segmentation,
  methods: [string, string][],
): Promise<Section> {
  const id = 'value';
  const title = 'Customer value';
  const parts: string[] = [];
  let weekly: ClvSummaryRow[];
  try {
    const fields = new TransactionFields(fieldOptions, 'segmentReport');
    const withId = transactions.filter((row) => fields.customer(row[fieldOptions.customerId], 0) !== null);
    weekly = clvSummary(withId, { ...fieldOptions, period: 'week', asOf: table.report.asOf });
  } catch (error) {
    return { id, title, html: noteHtml(`Customer value could not be computed: ${errorText(error)}`, 'warning') };
  }
  const segmentOf = new Map(gross.map((row, i) => [row.customerId, s.displayNames.get(s.model.labels[i]!)!]));
  let purchaseModel: ReturnType<BetaGeoFitter['fit']>;
  try {
    purchaseModel = new BetaGeoFitter().fit(weekly);
  } catch (error) {
    return {
      id,
      title,
      html: noteHtml(`The purchase model (BG/NBD) could not be fitted, so there is no customer value: ${errorText(error)}`, 'warning'),
    };
  }
  const repeat = weekly.filter((row) => row.frequency > 0 && row.monetaryValue > 0);
  let spendModel: ReturnType<GammaGammaFitter['fit']>;
  try {
    spendModel = new GammaGammaFitter().fit(repeat);
  } catch (error) {
    return {
      id,
      title,
      html: noteHtml(`The spend model (Gamma-Gamma) could not be fitted, so there is no customer value: ${errorText(error)}`, 'warning'),
    };
  }
  const valued = weekly.filter((row) => row.monetaryValue >= 0 && segmentOf.has(row.customerId));
  let clv: CustomerLifetimeValueResult;
  try {
    clv = customerLifetimeValue(purchaseModel, spendModel, valued, {
      horizon: r.horizon,
      discountRate: r.discountRate,
      period: 'week',
      labels: valued.map((row) => segmentOf.get(row.customerId)!),
    });
  } catch (error) {
    return { id, title, html: noteHtml(`Customer value could not be computed: ${errorText(error)}`, 'warning') };
  }
  const { r: bgR, alpha, a, b } = purchaseModel.params;
  const { p, q, gamma } = spendModel.params;
  methods.push(
    [
      'BG/NBD (BetaGeoFitter)',
      `${weekly.length} weekly summaries; r ${formatParameter(bgR)}, α ${formatParameter(alpha)}, a ${formatParameter(a)}, b ${formatParameter(b)}; converged: ${purchaseModel.fit.converged}`,
    ],
    [
      'Gamma-Gamma (GammaGammaFitter)',
      `${repeat.length} repeat buyers; p ${formatParameter(p)}, q ${formatParameter(q)}, γ ${formatParameter(gamma)}; converged: ${spendModel.fit.converged}`,
    ],
  );
  const order = new Map(s.order.map((label, rank) => [s.displayNames.get(label)!, rank]));
  const perSegment = [...clv.perSegment].sort((x, y) => (order.get(String(x.segment)) ?? 0) - (order.get(String(y.segment)) ?? 0));
  const checked = suppressSmallCells(
    perSegment.map((v) => ({ segment: String(v.segment), customers: v.customers, total: v.total, mean: v.mean })),
    { minSegmentSize: r.minSegmentSize },
  );
  const hidden = suppressedCell(r.minSegmentSize);
  parts.push(
    `<p>Expected value over the next ${escapeHtml(r.horizon)} weeks, discounted ${escapeHtml(formatShare(r.discountRate))} a week: how many more purchases (BG/NBD on weekly purchase histories) times the expected value of each (Gamma-Gamma on the repeat buyers). In all: ${escapeHtml(formatValue(clv.total, 0))}.</p>`,
  );
  if (!purchaseModel.fit.converged || !spendModel.fit.converged)
    parts.push(noteHtml('A value model did not converge; read the values with care.', 'warning'));
  parts.push(
    tableHtml(
      `Customer value per segment over ${r.horizon} weeks (customerLifetimeValue)`,
      ['segment', 'customers', 'expected value', 'per customer', 'share of value'],
      checked.map((v) => [
        v.segment ?? '—',
        v.customers,
        v.suppressed ? hidden : v.total,
        v.suppressed ? hidden : v.mean,
        v.suppressed ? hidden : formatShare(clv.total === 0 ? 0 : (v.total as number) / clv.total),
      ]),
      r.maxRows,
    ),
  );
  const shown = perSegment.filter((_, i) => !checked[i]!.suppressed);
  parts.push(
    shown.length === 0
      ? noteHtml('Every segment is below the minimum size: no chart.')
      : await chart('chart-clv', 'plotClv', () => plotClv({ ...clv, perSegment: shown }), 'The customer value chart could not be drawn'),
  );
  return { id, title, html: parts.join('\n') };
}

async function driftSection(
  r: Resolved,
  options: SegmentReportOptions,
  transactions: readonly Row[],
  fieldOptions: { customerId: string; date: string; dateFormat?: DateFormat },
  amountField: string,
  customerTable: (log: readonly Row[]) => RfmTable,
  features: (t: RfmTable) => Row[],
  s: Segmentation,
  inputRows: readonly Row[],
  customerIds: readonly unknown[] | null,
  idField: string,
): Promise<Section> {
  const id = 'drift';
  const title = 'Drift and transitions';
  const context = 'segmentReport';
  let before: Period;
  let after: Period;
  let describe: string;
  try {
    if (options.splitDate !== undefined) {
      const fields = new TransactionFields({ ...fieldOptions, amount: amountField }, context);
      const split = fields.referenceDate(options.splitDate, 'splitDate');
      const early: Row[] = [];
      const late: Row[] = [];
      transactions.forEach((row, i) => {
        (fields.time(row[fieldOptions.date], i) < split ? early : late).push(row);
      });
      if (early.length === 0 || late.length === 0)
        throw new SegmentkitError('E_EMPTY', `${context}: splitDate ${dateText(new Date(split))} leaves one period without rows`);
      const t1 = customerTable(early);
      const t2 = customerTable(late);
      before = { ids: t1.map((row) => row.customerId), rows: features(t1) };
      after = { ids: t2.map((row) => row.customerId), rows: features(t2) };
      describe = `purchases before ${dateText(new Date(split))} against purchases on or after it`;
    } else {
      const current = options.current as readonly Row[];
      if (current.length === 0) throw new SegmentkitError('E_EMPTY', `${context}: current has no rows`);
      before = { ids: customerIds, rows: inputRows };
      if (r.input === 'transactions') {
        const prepared = withAmount(current, options, `${context} (current)`);
        const t2 = customerTable(prepared.rows);
        after = { ids: t2.map((row) => row.customerId), rows: features(t2) };
      } else {
        const first = current[0]!;
        after = { ids: idField in first ? current.map((row) => row[idField]) : null, rows: current };
      }
      describe = 'the input (earlier period) against current (later period)';
    }
  } catch (error) {
    if (error instanceof SegmentkitError && error.code !== 'E_EMPTY') throw error;
    return { id, title, html: noteHtml(`The periods could not be compared: ${errorText(error)}`, 'warning') };
  }
  const parts: string[] = [`<p>Comparing ${escapeHtml(describe)}, on the features of the clustering.</p>`];
  const refRows = before.rows;
  let drift: DriftReport | null = null;
  try {
    drift = driftReport(
      refRows.map((row) => Object.fromEntries(s.columns.map((c) => [c, row[c]]))),
      after.rows.map((row) => Object.fromEntries(s.columns.map((c) => [c, row[c]]))),
      { columns: s.columns },
    );
  } catch (error) {
    parts.push(noteHtml(`Drift could not be measured: ${errorText(error)}`, 'warning'));
  }
  if (drift !== null) {
    const d = drift;
    parts.push(
      `<h3>Feature drift</h3>\n<p>${escapeHtml(`${d.nDrifted} of ${d.nColumns} features drifted (${d.referenceRows} customers before, ${d.currentRows} after); dataset drift: ${d.datasetDrift ? 'yes' : 'no'}.`)}</p>`,
    );
    parts.push(
      tableHtml(
        'driftReport: each feature’s test, statistic, population stability index and direction',
        ['feature', 'test', 'statistic', 'p-value', 'PSI', 'drifted', 'median before → after'],
        d.columns.map((c) => [
          c.column,
          c.test,
          c.statistic,
          c.pValue === null ? null : c.pValue < 0.001 ? '< 0.001' : formatParameter(c.pValue),
          c.psi,
          c.drifted ? 'yes' : 'no',
          c.referenceMedian === null || c.currentMedian === null
            ? '—'
            : `${formatValue(c.referenceMedian)} → ${formatValue(c.currentMedian)}${c.direction === null ? '' : ` (${c.direction})`}`,
        ]),
        r.maxRows,
      ),
    );
    parts.push(await chart('chart-drift', 'plotDrift', () => plotDrift(d), 'The drift chart could not be drawn'));
  }
  parts.push('<h3>Transitions between segments</h3>');
  try {
    const label = (rows: readonly Row[]): Int32Array | Uint32Array | readonly number[] =>
      s.model.predict(s.pipeline.transform(checkColumns(context, rows, s.columns)).X);
    const beforeIds = before.ids;
    const afterIds = after.ids;
    if (beforeIds === null || afterIds === null)
      throw new SegmentkitError('E_PARAM', `the customer tables have no ${idField} column to follow customers by`);
    const beforeLabels = options.splitDate !== undefined ? label(before.rows) : s.model.labels;
    const afterLabels = label(after.rows);
    const moves: SegmentTransitions = segmentTransitions(
      beforeIds.map((cid, i) => [cid as string | number, s.displayNames.get(beforeLabels[i]!)!] as const),
      afterIds.map((cid, i) => [cid as string | number, s.displayNames.get(afterLabels[i]!)!] as const),
    );
    parts.push(
      `<p>${escapeHtml(
        `${moves.retained} customers are in both periods, ${formatShare(moves.stayed)} of them stayed in their segment; ${moves.newCustomers.total} are new and ${moves.lostCustomers.total} were not seen again.`,
      )}</p>`,
    );
    const segs = moves.segments.map(String);
    parts.push(
      tableHtml(
        'Customers by segment before (rows) and after (columns), segmentTransitions',
        ['before \\ after', ...segs, 'new', 'lost'],
        segs.map((from, i) => [from, ...moves.counts[i]!, moves.newCustomers.perSegment[i]!, moves.lostCustomers.perSegment[i]!]),
        r.maxRows,
      ),
    );
    parts.push(
      await chart('chart-transitions', 'plotTransitions', () => plotTransitions(moves), 'The transitions chart could not be drawn'),
    );
  } catch (error) {
    parts.push(noteHtml(`Transitions could not be computed: ${errorText(error)}`, 'warning'));
  }
  return { id, title, html: parts.join('\n') };
}

function methodsSection(
  r: Resolved,
  options: SegmentReportOptions,
  s: Segmentation,
  amountField: string,
  extra: readonly [string, string][],
): Section {
  const facts: [string, string][] = [
    ['segmentkit', SEGMENTKIT_VERSION],
    ['generated', r.generatedAt.toISOString()],
    ['input', r.input === 'transactions' ? 'transaction log' : 'customer table'],
  ];
  if (r.input === 'transactions') {
    facts.push(
      [
        'fields',
        `customer ${options.customerId ?? 'customerId'}, date ${options.date ?? 'timestamp'}${options.dateFormat === undefined ? '' : ` (${String(options.dateFormat)})`}, amount ${amountField}${options.orderId === undefined ? '' : `, order ${options.orderId}`}`,
      ],
      [
        'RFM',
        `rfmTable (refunds: ${options.refunds ?? 'net'}, missingCustomerId: ${options.missingCustomerId ?? 'skip'}${options.asOf === undefined ? '' : `, asOf: ${String(options.asOf)}`}); rfmScore (5 quantile bins, ties shared); rfmSegments (default rules)`,
      ],
    );
  }
  facts.push(
    [
      'features',
      `${s.columns.join(', ')}; log(1 + x): ${s.logColumns.length === 0 ? 'none' : s.logColumns.join(', ')}; StandardScaler on all`,
    ],
    ['seed', String(r.seed)],
    [
      'k',
      s.choice === null
        ? `${String(r.k)} (given)`
        : `auto: chooseK (kMin ${r.kMin}, kMax ${Math.min(r.kMax, s.X.rows - 1)}, every criterion, seed ${r.seed}) → ${s.choice.recommendedK}`,
    ],
    [
      'k-means',
      `KMeans (nClusters ${s.model.clusterSizes.length}, nInit ${r.nInit}, seed ${r.seed}, k-means++); inertia ${formatValue(s.model.inertia, 4)}`,
    ],
    ['2-D view', `PCA (nComponents 2, seed ${r.seed}); at most ${r.maxPoints} customers drawn`],
    ['profiles', 'profileSegments (Mann–Whitney U vs the rest, Benjamini–Hochberg, alpha 0.05, min effect 0.2); nameSegments (English)'],
    ['rules', 'explainSegments (IMM threshold tree, one leaf per segment)'],
    ['small-cell suppression', `suppressSmallCells, minSegmentSize ${r.minSegmentSize} (complementary)`],
  );
  if (r.input === 'transactions')
    facts.push(['customer value', `clvSummary (weekly), horizon ${r.horizon} weeks, discount ${r.discountRate} a week`]);
  facts.push(...extra);
  if (options.current !== undefined || options.splitDate !== undefined)
    facts.push([
      'drift',
      `driftReport (default tests and thresholds)${options.splitDate === undefined ? '' : `, split at ${String(options.splitDate)}`}`,
    ]);
  const reproduce: Record<string, unknown> = {};
  for (const key of OPTION_KEYS) {
    const value = (options as Record<string, unknown>)[key];
    if (value === undefined || key === 'onProgress' || key === 'current' || key === 'command' || key === 'generatedAt') continue;
    reproduce[key] = value instanceof Date ? value.toISOString() : value;
  }
  reproduce.seed = r.seed;
  reproduce.k = s.choice === null ? r.k : 'auto';
  const rows = facts.map(([term, value]) => [term, value] as Cell[]);
  const html = `<p>Everything needed to make this report again from the same data.</p>
${tableHtml('Methods and parameters', ['step', 'what was used'], rows, 1000)}
<h3>Reproduce</h3>
${options.command === undefined ? '' : `<p>Command line:</p>\n<pre><code>${escapeHtml(options.command)}</code></pre>\n`}<p>From TypeScript (segmentkit ${escapeHtml(SEGMENTKIT_VERSION)}):</p>
<pre><code>${escapeHtml(`import { segmentReport } from 'segmentkit/report';\nconst html = await segmentReport(records, ${JSON.stringify(reproduce, null, 2)});`)}</code></pre>`;
  return { id: 'methods', title: 'Methods', html };
}
