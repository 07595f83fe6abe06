import { attachRowsDisplay, formatCell } from '../core/attachDisplay';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireNumber, requireOneOf } from '../core/validateOptions';
import { compareCustomerIds } from '../rfm/customerId';
import { TRANSACTION_FIELD_OPTIONS, TransactionFields, type TransactionFieldOptions } from '../rfm/transactionFields';
import { periodIndex, readPurchasePeriods, summaryRow, type ClvPeriod, type ClvSummaryRow } from './clvSummary';

/** Options of {@link calibrationHoldout}. */
export interface CalibrationHoldoutOptions extends TransactionFieldOptions {
  /**
   * The last moment of the calibration window (the models are fitted on purchases up to it). Required. A date
   * without a time is its midnight: purchases later that day fall in the holdout, as in lifetimes.
   */
  readonly calibrationEnd: Date | number | string;
  /** The end of the holdout window. Default: the day after the last transaction. */
  readonly observationEnd?: Date | number | string;
  /** As {@link ClvSummaryOptions.period}. Default `'day'`. */
  readonly period?: ClvPeriod;
  /** As {@link ClvSummaryOptions.unit}. Default 1. */
  readonly unit?: number;
  /** As {@link ClvSummaryOptions.refunds}. Default `'net'`. */
  readonly refunds?: 'net' | 'exclude';
}

/** One customer's calibration summary and what they did in the holdout window. */
export interface CalibrationHoldoutRow extends ClvSummaryRow {
  /** Purchase periods in the holdout window. */
  readonly frequencyHoldout: number;
  /** Mean value of the holdout purchase periods; 0 without any. */
  readonly monetaryValueHoldout: number;
  /** Length of the holdout window: observationEnd's period − calibrationEnd's period, in `unit`s. */
  readonly durationHoldout: number;
}

const DAY_MS = 86_400_000;

/**
 * Split a transaction log at `calibrationEnd` for an out-of-sample check, in lifetimes' conventions
 * (`calibration_and_holdout_data`): the {@link clvSummary} of the purchases up to `calibrationEnd` (its T counted
 * to `calibrationEnd`), plus each customer's purchase periods (`frequencyHoldout`), their mean value and the
 * window's length in the holdout (`calibrationEnd`, `observationEnd`]. Customers whose first purchase is in the
 * holdout are left out: the models know nothing of them. Fit on the calibration columns, then compare
 * `model.expectedPurchases(row.durationHoldout, row)` with `frequencyHoldout` ({@link holdoutComparison}).
 *
 * @param transactions - records (or an iterable of records) with a customer id, a time and an amount
 * @throws {@link SegmentkitError} `E_PARAM` for a missing `calibrationEnd` or one not before `observationEnd`,
 *   `E_PARSE` naming the row and field, `E_EMPTY` without purchases in the calibration window.
 * @example
 * const log = [
 *   { customerId: 'a', timestamp: '2024-01-01', amount: 10 },
 *   { customerId: 'a', timestamp: '2024-01-08', amount: 30 },
 *   { customerId: 'a', timestamp: '2024-02-03', amount: 20 },
 *   { customerId: 'b', timestamp: '2024-02-10', amount: 5 },
 * ];
 * calibrationHoldout(log, { calibrationEnd: '2024-01-31', observationEnd: '2024-02-29' }); // => [{ customerId: 'a', frequency: 1, recency: 7, T: 30, monetaryValue: 30, frequencyHoldout: 1, monetaryValueHoldout: 20, durationHoldout: 29 }]
 */
export function calibrationHoldout(transactions: Iterable<object>, options: CalibrationHoldoutOptions): CalibrationHoldoutRow[] {
  const context = 'calibrationHoldout';
  if (options === null || typeof options !== 'object')
    throw new SegmentkitError('E_PARAM', `${context}: pass options with at least calibrationEnd, e.g. { calibrationEnd: '1997-09-30' }`);
  assertKnownOptions(context, options, [...TRANSACTION_FIELD_OPTIONS, 'calibrationEnd', 'observationEnd', 'period', 'unit', 'refunds']);
  const period = requireOneOf(context, 'period', options.period ?? 'day', ['day', 'week', 'month']);
  // a unit below 1e-6 periods would make recency and T overflow (or mean nothing): refuse it
  const unit = requireNumber(context, 'unit', options.unit ?? 1, { min: 1e-6 });
  const refunds = requireOneOf(context, 'refunds', options.refunds ?? 'net', ['net', 'exclude']);
  if (options.calibrationEnd === undefined)
    throw new SegmentkitError('E_PARAM', `${context}: calibrationEnd is required: the last moment the models may see`);
  const fields = new TransactionFields(options, context);
  const calibrationEnd = fields.referenceDate(options.calibrationEnd, 'calibrationEnd');
  // one pass may be all a stream allows: keep the records to read the two windows from
  const records = Array.isArray(transactions) ? transactions : readAll(transactions, context);
  const calibration = readPurchasePeriods(records, fields, period, refunds, context, (time) => time <= calibrationEnd);
  if (calibration.customers.size === 0)
    throw new SegmentkitError(
      'E_EMPTY',
      `${context}: no purchases on or before calibrationEnd in ${calibration.rows} rows; move calibrationEnd later`,
    );
  const everything = readPurchasePeriods(records, fields, period, refunds, context);
  const observationEnd =
    options.observationEnd === undefined
      ? (Math.floor(everything.last / DAY_MS) + 1) * DAY_MS
      : fields.referenceDate(options.observationEnd, 'observationEnd');
  if (!(observationEnd > calibrationEnd))
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: observationEnd (${new Date(observationEnd).toISOString()}) must be after calibrationEnd (${new Date(calibrationEnd).toISOString()})`,
    );
  const holdout = readPurchasePeriods(records, fields, period, refunds, context, (time) => time > calibrationEnd && time <= observationEnd);
  const calibrationPeriod = periodIndex(calibrationEnd, period);
  const durationHoldout = (periodIndex(observationEnd, period) - calibrationPeriod) / unit;
  const rows = [...calibration.customers.keys()]
    .sort((a, b) => compareCustomerIds(a, b, context))
    .map((id) => {
      const later = holdout.customers.get(id);
      let value = 0;
      if (later !== undefined) for (const v of later.values()) value += v;
      const frequencyHoldout = later?.size ?? 0;
      return {
        ...summaryRow(id, calibration.customers.get(id)!, calibrationPeriod, unit),
        frequencyHoldout,
        monetaryValueHoldout: frequencyHoldout > 0 ? value / frequencyHoldout : 0,
        durationHoldout,
      };
    });
  return attachRowsDisplay(rows, 'calibrationHoldout', () => [
    ['calibration end', formatCell(new Date(calibrationEnd))],
    ['holdout', `${durationHoldout} ${unit === 1 ? period : `× ${unit} ${period}`}s`],
  ]);
}

function readAll(transactions: Iterable<object>, context: string): object[] {
  if (transactions === null || typeof transactions !== 'object' || !(Symbol.iterator in transactions)) {
    throw new SegmentkitError(
      'E_PARSE',
      `${context}: transactions must be an array (or iterable) of records, got ${transactions === null ? 'null' : typeof transactions}`,
    );
  }
  return Array.from(transactions);
}
