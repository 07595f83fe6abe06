import { attachRowsDisplay, formatCell } from '../core/attachDisplay';
import { describeValue } from '../core/describeValue';
import { isListLike } from '../core/listLike';
import { fieldValue, isPrototypeName } from '../core/recordField';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireOneOf } from '../core/validateOptions';
import { sortCustomerIds, type CustomerId } from './customerId';
import { TRANSACTION_FIELD_OPTIONS, TransactionFields, type TransactionFieldOptions } from './transactionFields';

const DAY_MS = 86_400_000;

/** Options for {@link rfmTable}: which fields hold what, and how to count. */
export interface RfmTableOptions extends TransactionFieldOptions {
  /** Field with an order id: lines of the same order count as one transaction. Default: every row is one. */
  readonly orderId?: string;
  /**
   * Reference date recency is measured to (a Date, ISO text, or a value in `dateFormat`); it may not lie before the
   * last purchase. Default: the day after the last purchase (UTC midnight).
   */
  readonly asOf?: Date | number | string;
  /** `'transactions'` (default): purchases (or distinct orders); `'days'`: distinct purchase days (UTC). */
  readonly frequency?: 'transactions' | 'days';
  /**
   * Rows with a negative amount: `'net'` (default) subtracts them from the customer's monetary value;
   * `'exclude'` ignores them; `'error'` throws `E_DOMAIN`. Refunds never count as purchases or move dates.
   */
  readonly refunds?: 'net' | 'exclude' | 'error';
  /** Rows without a customer id: `'error'` (default) or `'skip'` (counted in `report.skippedMissingCustomer`). */
  readonly missingCustomerId?: 'error' | 'skip';
}

/** One customer of an {@link rfmTable}. */
export interface RfmRow {
  /** The customer id, as in the data. */
  readonly customerId: CustomerId;
  /** Whole days from the last purchase to `asOf` (floor of the elapsed time). */
  readonly recency: number;
  /** Purchases (or distinct orders, or distinct purchase days). */
  readonly frequency: number;
  /** Total value of the purchases, net of refunds with `refunds: 'net'`. */
  readonly monetary: number;
  /** `monetary / frequency`. */
  readonly monetaryMean: number;
  /** Time of the first purchase. */
  readonly firstPurchase: Date;
  /** Time of the last purchase. */
  readonly lastPurchase: Date;
  /** Whole days from the first purchase to `asOf`: how long the customer has been known. */
  readonly tenureDays: number;
}

/** What {@link rfmTable} read and set aside; nothing is dropped without being counted here. */
export interface RfmTableReport {
  /** Rows read. */
  readonly rows: number;
  /** Rows with a non-negative amount. */
  readonly purchases: number;
  /** Rows with a negative amount (refunds, cancellations). */
  readonly refunds: number;
  /** Refund rows ignored because of `refunds: 'exclude'`. */
  readonly excludedRefunds: number;
  /** Rows without a customer id, skipped because of `missingCustomerId: 'skip'`. */
  readonly skippedMissingCustomer: number;
  /** Customers with refunds but no purchase: not in the table. */
  readonly refundOnlyCustomers: number;
  /** Customers in the table. */
  readonly customers: number;
  /** The reference date used. */
  readonly asOf: Date;
  /** Whether every purchase time is a UTC midnight: the data holds dates without times of day. */
  readonly dateOnly: boolean;
}

/** The result of {@link rfmTable}: one row per customer, sorted by customer id, with a `report` of the input. */
export type RfmTable = RfmRow[] & {
  /** What was read and set aside (a non-enumerable property of the array). */
  readonly report: RfmTableReport;
};

/** Anything {@link rfmTable} can read synchronously: records, a column object, or an iterable of records or batches. */
export type TransactionInput =
  | ReadonlyArray<object>
  | Readonly<Record<string, ArrayLike<unknown>>>
  | Iterable<object | ReadonlyArray<object>>;

/** An async iterable of records or batches of records (e.g. parsed from a CSV stream). */
export type AsyncTransactionInput = AsyncIterable<object | ReadonlyArray<object>>;

interface CustomerState {
  id: CustomerId;
  first: number;
  last: number;
  purchases: number;
  monetary: number;
  /** Neumaier's running compensation of `monetary`: the sum is exact to the last bit far more often than a plain one. */
  carry: number;
  days: Set<number> | null;
  orders: Set<unknown> | null;
}

// compensated, so customers whose purchases add up to the same money get the same number (174.1, not
// 174.10000000000002 for one of them), which the tie rule of rfmScore relies on
function addMoney(state: CustomerState, amount: number): void {
  const sum = state.monetary + amount;
  state.carry += Math.abs(state.monetary) >= Math.abs(amount) ? state.monetary - sum + amount : amount - sum + state.monetary;
  state.monetary = sum;
}

const OPTIONS = /* @__PURE__ */ TRANSACTION_FIELD_OPTIONS.concat(['orderId', 'asOf', 'frequency', 'refunds', 'missingCustomerId']);

/** @internal Streaming aggregation shared by the sync and async entry points: memory grows with customers, not rows. */
export class RfmAccumulator {
  readonly #customers = new Map<CustomerId, CustomerState>();
  readonly #fields: TransactionFields;
  readonly #order: string | undefined;
  readonly #frequency: 'transactions' | 'days';
  readonly #refunds: 'net' | 'exclude' | 'error';
  readonly #skipMissing: boolean;
  readonly #asOf: number | undefined;
  readonly #context: string;
  #rows = 0;
  #purchases = 0;
  #refundRows = 0;
  #excluded = 0;
  #skipped = 0;
  #lastPurchase = -Infinity;
  #lastPurchaseRow = -1;
  #lastId: CustomerId | undefined;
  #lastState: CustomerState | undefined;
  /** Whether each field name (id, date, amount, order) is also a member of Object.prototype, decided once. */
  readonly #prototypeNames: readonly [boolean, boolean, boolean, boolean];

  constructor(options: RfmTableOptions, context: string) {
    assertKnownOptions(context, options, OPTIONS);
    this.#context = context;
    this.#fields = new TransactionFields(options, context, { orderId: options.orderId });
    this.#order = options.orderId;
    this.#frequency = requireOneOf(context, 'frequency', options.frequency ?? 'transactions', ['transactions', 'days']);
    this.#refunds = requireOneOf(context, 'refunds', options.refunds ?? 'net', ['net', 'exclude', 'error']);
    this.#skipMissing = requireOneOf(context, 'missingCustomerId', options.missingCustomerId ?? 'error', ['error', 'skip']) === 'skip';
    this.#asOf = options.asOf === undefined ? undefined : this.#fields.referenceDate(options.asOf, 'asOf');
    const f = this.#fields;
    this.#prototypeNames = [
      isPrototypeName(f.id),
      isPrototypeName(f.date),
      isPrototypeName(f.amount),
      isPrototypeName(options.orderId ?? ''),
    ];
  }

  /** Add one transaction given its raw field values. */
  add(rawId: unknown, rawDate: unknown, rawAmount: unknown, rawOrder: unknown): void {
    const row = this.#rows++;
    const context = this.#context;
    const fields = this.#fields;
    const id = fields.customer(rawId, row);
    if (id === null) {
      if (this.#skipMissing) {
        this.#skipped++;
        return;
      }
      throw new SegmentkitError(
        'E_PARSE',
        `${context}: row ${row} has no ${fields.id} (${String(rawId)}); pass missingCustomerId: 'skip' to count and skip such rows`,
      );
    }
    const amount = fields.value(rawAmount, row);
    const time = fields.time(rawDate, row);
    // consecutive lines of one order or customer are common in real logs: skip the hash lookup for them
    let state = id === this.#lastId ? this.#lastState : this.#customers.get(id);
    if (state === undefined) {
      state = { id, first: Infinity, last: -Infinity, purchases: 0, monetary: 0, carry: 0, days: null, orders: null };
      this.#customers.set(id, state);
    }
    this.#lastId = id;
    this.#lastState = state;
    if (amount < 0) {
      this.#refundRows++;
      if (this.#refunds === 'error') {
        throw new SegmentkitError(
          'E_DOMAIN',
          `${context}: row ${row} has a negative ${fields.amount} (${amount}); choose refunds: 'net' or 'exclude'`,
        );
      }
      if (this.#refunds === 'exclude') this.#excluded++;
      else addMoney(state, amount);
      return;
    }
    this.#purchases++;
    addMoney(state, amount);
    if (time < state.first) state.first = time;
    if (time > state.last) state.last = time;
    if (time > this.#lastPurchase) {
      this.#lastPurchase = time;
      this.#lastPurchaseRow = row;
    }
    if (this.#frequency === 'days') (state.days ??= new Set()).add(Math.floor(time / DAY_MS));
    else if (this.#order !== undefined) (state.orders ??= new Set()).add(rawOrder);
    else state.purchases++;
  }

  /** Add a record. */
  addRecord(record: Readonly<Record<string, unknown>>): void {
    if (typeof record !== 'object' || record === null) {
      throw new SegmentkitError('E_PARSE', `${this.#context}: row ${this.#rows} is ${String(record)}, not an object`);
    }
    const f = this.#fields;
    if (this.#rows === 0) f.checkFields(Object.keys(record), 'the first record');
    // a field named like a member of Object.prototype (constructor, toString) is read only from the record itself
    const [id, date, amount, order] = this.#prototypeNames;
    this.add(
      fieldValue(record, f.id, id),
      fieldValue(record, f.date, date),
      fieldValue(record, f.amount, amount),
      this.#order === undefined ? undefined : fieldValue(record, this.#order, order),
    );
  }

  /** Add every row of a column object. */
  addColumns(columns: Readonly<Record<string, ArrayLike<unknown>>>): void {
    const f = this.#fields;
    f.checkFields(Object.keys(columns), 'the column object');
    // checkFields found every field among the object's own keys, so these are its own columns
    const ids = columns[f.id]!;
    const dates = columns[f.date]!;
    const amounts = columns[f.amount]!;
    const orders = this.#order === undefined ? undefined : columns[this.#order]!;
    for (const [name, values] of [
      [f.id, ids],
      [f.date, dates],
      [f.amount, amounts],
      [this.#order, orders],
    ] as const) {
      if (values === undefined) continue;
      if (!isListLike(values)) {
        throw new SegmentkitError('E_PARSE', `${this.#context}: column '${name}' is not an array`);
      }
      if (values.length !== ids.length) {
        throw new SegmentkitError(
          'E_SHAPE',
          `${this.#context}: column '${name}' has ${values.length} values but '${f.id}' has ${ids.length}; columns must be equally long`,
        );
      }
    }
    for (let i = 0; i < ids.length; i++) this.add(ids[i], dates[i], amounts[i], orders?.[i]);
  }

  /** The finished table. */
  finish(): RfmTable {
    const context = this.#context;
    if (this.#rows === 0) throw new SegmentkitError('E_EMPTY', `${context}: no transactions`);
    if (this.#purchases === 0) throw new SegmentkitError('E_EMPTY', `${context}: no purchases (every row is a refund or was skipped)`);
    const asOf = this.#asOf ?? (Math.floor(this.#lastPurchase / DAY_MS) + 1) * DAY_MS;
    if (asOf < this.#lastPurchase) {
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: asOf (${new Date(asOf).toISOString()}) is before the last purchase (${new Date(this.#lastPurchase).toISOString()}, row ${this.#lastPurchaseRow}); recency would be negative: move asOf or drop the later rows`,
      );
    }
    const rows: RfmRow[] = [];
    let refundOnly = 0;
    for (const state of this.#customers.values()) {
      if (state.last === -Infinity) {
        refundOnly++;
        continue;
      }
      const frequency = state.days !== null ? state.days.size : state.orders !== null ? state.orders.size : state.purchases;
      if (!Number.isFinite(state.monetary + state.carry)) {
        throw new SegmentkitError(
          'E_DOMAIN',
          `${context}: the amounts of customer ${describeValue(state.id)} add up past the largest double; rescale the amount column (for example to thousands) first`,
        );
      }
      rows.push({
        customerId: state.id,
        recency: Math.floor((asOf - state.last) / DAY_MS),
        frequency,
        monetary: state.monetary + state.carry,
        monetaryMean: (state.monetary + state.carry) / frequency,
        firstPurchase: new Date(state.first),
        lastPurchase: new Date(state.last),
        tenureDays: Math.floor((asOf - state.first) / DAY_MS),
      });
    }
    sortCustomerIds(rows, (row) => row.customerId, context);
    const report: RfmTableReport = Object.freeze({
      rows: this.#rows,
      purchases: this.#purchases,
      refunds: this.#refundRows,
      excludedRefunds: this.#excluded,
      skippedMissingCustomer: this.#skipped,
      refundOnlyCustomers: refundOnly,
      customers: rows.length,
      asOf: new Date(asOf),
      dateOnly: this.#fields.dateOnly,
    });
    Object.defineProperty(rows, 'report', { value: report, enumerable: false });
    attachRowsDisplay(rows, 'rfmTable', () => [
      ['transactions', String(report.rows)],
      ['refunds', String(report.refunds)],
      ['as of', formatCell(report.asOf)],
    ]);
    return rows as RfmTable;
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
}

function feed(accumulator: RfmAccumulator, item: unknown): void {
  if (Array.isArray(item)) for (const record of item) accumulator.addRecord(record as Record<string, unknown>);
  else accumulator.addRecord(item as Record<string, unknown>);
}

/**
 * Per-customer recency, frequency and monetary value (and first/last purchase, tenure) from a transaction log,
 * sorted by customer id (numbers numerically, text by code unit). Memory grows with the number of customers,
 * not transactions, so an iterable can stream a 10-million-row log through.
 *
 * Pass an async iterable to get a `Promise` of the same table.
 *
 * @param transactions - records, a column object `{ field: values[] }`, or an (async) iterable of records or batches
 * @throws {@link SegmentkitError} `E_PARSE` naming the row for an unparseable date or amount or a missing
 *   customer id (unless skipped), `E_DOMAIN` for a refund with `refunds: 'error'`, `E_EMPTY`, `E_PARAM`.
 * @example
 * const table = rfmTable(
 *   [{ customer: 'a', ts: '2024-01-05', total: 20 }, { customer: 'a', ts: '2024-03-01', total: 30 }, { customer: 'b', ts: '2024-02-10', total: 5 }],
 *   { customerId: 'customer', date: 'ts', amount: 'total' },
 * );
 * table.map((r) => [r.customerId, r.recency, r.frequency, r.monetary]); // => [['a', 1, 2, 50], ['b', 21, 1, 5]]
 */
export function rfmTable(transactions: TransactionInput, options?: RfmTableOptions): RfmTable;
export function rfmTable(transactions: AsyncTransactionInput, options?: RfmTableOptions): Promise<RfmTable>;
export function rfmTable(
  transactions: TransactionInput | AsyncTransactionInput,
  options: RfmTableOptions = {},
): RfmTable | Promise<RfmTable> {
  const context = 'rfmTable';
  const accumulator = new RfmAccumulator(options, context);
  if (typeof transactions !== 'object' || transactions === null) {
    throw new SegmentkitError(
      'E_PARSE',
      `${context}: transactions must be records, a column object or an (async) iterable, got ${transactions === null ? 'null' : typeof transactions}`,
    );
  }
  if (isAsyncIterable(transactions)) {
    return (async () => {
      for await (const item of transactions) feed(accumulator, item);
      return accumulator.finish();
    })();
  }
  if (Array.isArray(transactions)) {
    for (const record of transactions) accumulator.addRecord(record as Record<string, unknown>);
  } else if (typeof (transactions as Iterable<unknown>)[Symbol.iterator] === 'function') {
    for (const item of transactions as Iterable<unknown>) feed(accumulator, item);
  } else {
    accumulator.addColumns(transactions as Readonly<Record<string, ArrayLike<unknown>>>);
  }
  return accumulator.finish();
}
