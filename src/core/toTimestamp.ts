import { dateReader, type DateOptions } from './dateParser';
import { assertKnownOptions } from './validateOptions';

/** A point in time as segmentkit accepts it: a `Date`, ISO 8601 text, or (with a `dateFormat`) a number or other text. */
export type DateLike = Date | number | string;

/** Options for {@link toTimestamp}. */
export interface ToTimestampOptions extends DateOptions {
  /** Where the value comes from, for error messages (e.g. `'rfmTable: row 12, InvoiceDate'`). Default `'toTimestamp'`. */
  readonly context?: string;
}

/**
 * Read a {@link DateLike} as epoch milliseconds (UTC).
 *
 * Without a `dateFormat`, a `Date` or ISO 8601 text is accepted: extended (`2024-03-01`, `2024-03-01T14:30:00Z`,
 * `2024-03-01 14:30:00.250+02:00`) or basic (`20240301`, `20240301T143000Z`). A date-time without an offset is UTC,
 * never the machine's local time, so results do not depend on where the code runs. Numbers are refused: pass
 * `dateFormat: 'epoch-ms'`, `'epoch-s'` or a pattern such as `'YYYYMMDD'` to say what they are (see
 * {@link DateFormat}). Calendar fields are checked (no 30 February, no hour 25, offsets within ±14:00) and the year
 * must lie in `yearRange` (default 1900–2200).
 *
 * @throws {@link SegmentkitError} `E_PARSE` naming `context`, the value and the fix; `E_PARAM` for a bad `dateFormat`
 *   or `yearRange`.
 * @example
 * toTimestamp('2024-03-01'); // => 1709251200000
 * toTimestamp('2024-03-01 12:00:00'); // => 1709294400000
 * toTimestamp(19970101, { dateFormat: 'YYYYMMDD' }); // => 852076800000
 * toTimestamp('3/1/2024 9:05', { dateFormat: 'M/D/YYYY H:mm' }); // => 1709283900000
 * toTimestamp(1709251200, { dateFormat: 'epoch-s' }); // => 1709251200000
 */
export function toTimestamp(value: DateLike, options: ToTimestampOptions = {}): number {
  assertKnownOptions('toTimestamp', options, ['dateFormat', 'yearRange', 'context']);
  const context = options.context ?? 'toTimestamp';
  return dateReader(options, context)(value);
}
