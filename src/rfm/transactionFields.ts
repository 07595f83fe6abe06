import { dateReader, readReferenceDate, type DateOptions, type DateReader } from '../core/dateParser';
import { describeValue } from '../core/describeValue';
import { isBlankText } from '../core/missingCells';
import { parseNumericCell } from '../core/parseNumericCell';
import { SegmentkitError } from '../core/SegmentkitError';
import { closestName } from '../core/validateOptions';
import type { CustomerId } from './customerId';

const DAY_MS = 86_400_000;

/** Where the fields of a transaction are and how its dates are written: shared by every reader of transaction logs. */
export interface TransactionFieldOptions extends DateOptions {
  /** Field with the customer id (string or number). Default `'customerId'`. */
  readonly customerId?: string;
  /** Field with the transaction time (a `Date` or text; numbers need `dateFormat`). Default `'timestamp'`. */
  readonly date?: string;
  /** Field with the transaction value (number or decimal text; negative = refund). Default `'amount'`. */
  readonly amount?: string;
}

/** @internal The option keys of {@link TransactionFieldOptions}. */
export const TRANSACTION_FIELD_OPTIONS: readonly string[] = ['customerId', 'date', 'amount', 'dateFormat', 'yearRange'];

/**
 * @internal
 * Reads the id, time and amount of transactions with messages that name the row and the field, and checks that
 * the fields asked for exist (a misspelt field is named with the closest field the data has, instead of every
 * row looking like it lacks a value).
 */
export class TransactionFields {
  readonly id: string;
  readonly date: string;
  readonly amount: string;
  readonly #extra: readonly (readonly [option: string, field: string])[];
  readonly #context: string;
  readonly #readDate: DateReader;
  readonly #options: TransactionFieldOptions;
  #checked = false;
  /** Whether every time read so far is a UTC midnight: the data carries dates, not times of day. */
  dateOnly = true;

  constructor(options: TransactionFieldOptions, context: string, extra: Readonly<Record<string, string | undefined>> = {}) {
    this.#context = context;
    this.#options = options;
    this.id = requireFieldName(context, 'customerId', options.customerId ?? 'customerId');
    this.date = requireFieldName(context, 'date', options.date ?? 'timestamp');
    this.amount = requireFieldName(context, 'amount', options.amount ?? 'amount');
    this.#extra = Object.entries(extra)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([option, field]) => [option, requireFieldName(context, option, field)] as const);
    this.#readDate = dateReader(options, context, (row) => `${context}: row ${String(row)}, ${this.date}`);
  }

  /** Check, once, that the fields exist in the first record (or column object). */
  checkFields(keys: readonly string[], where: string): void {
    if (this.#checked) return;
    this.#checked = true;
    const wanted: [string, string][] = [
      ['customerId', this.id],
      ['date', this.date],
      ['amount', this.amount],
      ...this.#extra.map(([option, field]) => [option, field] as [string, string]),
    ];
    for (const [option, field] of wanted) {
      if (keys.includes(field)) continue;
      const close = closestName(field, keys);
      const fix =
        close === undefined ? `pass ${option}: '<the field that holds it>'` : `did you mean '${close}'? pass ${option}: '${close}'`;
      throw new SegmentkitError(
        'E_PARSE',
        `${this.#context}: ${where} has no field '${field}' (the ${option} field); ${fix} (fields there: ${keys.slice(0, 12).join(', ')}${keys.length > 12 ? ', …' : ''})`,
      );
    }
  }

  /** The customer id of a row, or `null` when it is missing (`null`, `undefined`, `NaN`, blank text). */
  customer(raw: unknown, row: number): CustomerId | null {
    if (raw === null || raw === undefined) return null;
    if (typeof raw === 'number') {
      if (raw !== raw) return null;
      if (!Number.isFinite(raw))
        throw new SegmentkitError(
          'E_PARSE',
          `${this.#context}: row ${row}, ${this.id} is ${raw}; customer ids must be finite numbers or text`,
        );
      return raw;
    }
    if (typeof raw === 'string') return isBlankText(raw) ? null : raw;
    throw new SegmentkitError(
      'E_PARSE',
      `${this.#context}: row ${row}, ${this.id} is ${describeValue(raw)}; customer ids must be strings or numbers`,
    );
  }

  /** The amount of a row: a finite number. */
  value(raw: unknown, row: number): number {
    const amount = parseNumericCell(raw);
    if (amount === undefined || !Number.isFinite(amount)) {
      const why = amount === undefined ? 'not a number' : amount !== amount ? 'missing' : 'not finite';
      throw new SegmentkitError(
        'E_PARSE',
        `${this.#context}: row ${row}, ${this.amount} is ${describeValue(raw)}, ${why}; clean the column or drop such rows first`,
      );
    }
    return amount;
  }

  /** The time of a row in epoch milliseconds. */
  time(raw: unknown, row: number): number {
    const ms = this.#readDate(raw, row);
    if (this.dateOnly && ms % DAY_MS !== 0) this.dateOnly = false;
    return ms;
  }

  /** A reference date option (`asOf`): a Date or ISO text, or a value in the data's `dateFormat`. */
  referenceDate(value: unknown, option: string): number {
    return readReferenceDate(value, this.#options, `${this.#context}: ${option}`);
  }
}

function requireFieldName(context: string, option: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: ${option} must be the name of a field (a non-empty string), got ${describeValue(value)}`,
    );
  }
  return value;
}
