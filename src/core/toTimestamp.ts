import { SegmentkitError } from './SegmentkitError';

/** A point in time as segmentkit accepts it: a `Date`, epoch milliseconds, or an ISO 8601 string. */
export type DateLike = Date | number | string;

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function parseIso(text: string): number {
  const match = ISO_PATTERN.exec(text.trim());
  if (match === null) return NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1]!)) return NaN;
  if (hour > 24 || minute > 59 || second > 59 || (hour === 24 && (minute > 0 || second > 0))) return NaN;
  const milliseconds = fraction === '' ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, milliseconds) - offsetMinutes * 60000;
}

/**
 * Read a {@link DateLike} as epoch milliseconds.
 *
 * Strings must be ISO 8601: `YYYY-MM-DD`, optionally followed by `T` or a space, `HH:MM[:SS[.fff]]` and a
 * `Z` or `±HH:MM` offset. A date-time without an offset is read as UTC, never as the machine's local time,
 * so results do not depend on where the code runs. Anything else is rejected rather than guessed.
 *
 * @param value - a `Date`, epoch milliseconds, or an ISO string
 * @param context - where the value comes from, for the error message (e.g. `'rfmTable: transactions[12].ts'`)
 * @throws {@link SegmentkitError} `E_PARSE` naming `context` for an invalid `Date`, a non-finite number or an unparseable string.
 * @example
 * toTimestamp('2024-03-01', 'example'); // => 1709251200000
 * toTimestamp('2024-03-01 12:00:00', 'example'); // => 1709294400000
 */
export function toTimestamp(value: DateLike, context: string): number {
  let ms = NaN;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = value;
  else if (typeof value === 'string') ms = parseIso(value);
  if (Number.isFinite(ms)) return ms;
  const shown = value instanceof Date ? 'an invalid Date' : JSON.stringify(value) ?? String(value);
  throw new SegmentkitError(
    'E_PARSE',
    `${context}: ${shown} is not a date; pass a Date, epoch milliseconds, or an ISO 8601 string such as '2024-03-01' or '2024-03-01T14:30:00Z'`,
  );
}
