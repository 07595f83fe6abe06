import { describeValue } from './describeValue';
import { parseDecimal } from './parseDecimal';
import { SegmentkitError } from './SegmentkitError';

/**
 * How date cells are written. Without one, only `Date` objects and ISO 8601 text (extended `2024-03-01T14:30:00Z`
 * or basic `20240301T143000Z`) are read; numbers are refused, because `19970101` may be a calendar date or a
 * count of milliseconds and guessing wrong shifts every recency silently.
 *
 * - a pattern of the tokens `YYYY` (4-digit year), `MM` / `M` (month, 2 digits / 1–2 digits), `DD` / `D` (day),
 *   `HH` / `H` (hour 0–23), `mm` (minute), `ss` (second) and `SSS` (milliseconds), every other character a literal
 *   that must be there: `'YYYYMMDD'`, `'M/D/YYYY H:mm'`, `'DD.MM.YYYY'`. Times are UTC. An integer cell is read
 *   through its digits (`19970101` with `'YYYYMMDD'`).
 * - `'epoch-ms'` / `'epoch-s'`: numbers (or numeric text) counting milliseconds / seconds since 1970-01-01 UTC.
 * - `'iso'`: the default rule, stated explicitly.
 *
 * @example
 * const format: DateFormat = 'DD.MM.YYYY';
 * toTimestamp('01.03.2024', { dateFormat: format }); // => 1709251200000
 */
export type DateFormat = 'iso' | 'epoch-ms' | 'epoch-s' | (string & {});

/**
 * Where dates may fall: `[first year, last year]`, inclusive. Default `[1900, 2200]`: a year outside it is almost
 * always a misread (a two-digit year, a spreadsheet's day zero, seconds read as milliseconds).
 *
 * @example
 * const range: YearRange = [1800, 2100];
 * toTimestamp('1850-06-01', { yearRange: range }); // => -3773779200000
 */
export type YearRange = readonly [number, number];

/**
 * The years accepted when `yearRange` is not given.
 *
 * @example
 * DEFAULT_YEAR_RANGE; // => [1900, 2200]
 */
export const DEFAULT_YEAR_RANGE: YearRange = [1900, 2200];

const DAY_MS = 86_400_000;
const MAX_OFFSET_MINUTES = 14 * 60;

/** @internal Days from 1970-01-01 to a proleptic Gregorian date (Hinnant's days_from_civil; any year, no 19xx mapping). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Calendar fields read from one cell; `why` says what was wrong when the cell is not a valid date. */
interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMinutes: number;
}

/** Milliseconds of valid fields, or a reason the fields are impossible. */
function fieldsToMs(f: Fields): number | string {
  return civilToMs(f.year, f.month, f.day, f.hour, f.minute, f.second, f.millisecond, f.offsetMinutes);
}

/** {@link fieldsToMs} on scalars: the per-row path allocates nothing. */
function civilToMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
  offsetMinutes: number,
): number | string {
  if (month < 1 || month > 12) return `month ${month} is not 1–12`;
  if (day < 1 || (day > 28 && day > daysInMonth(year, month)))
    return `day ${day} does not exist in ${year}-${String(month).padStart(2, '0')}`;
  const endOfDay = hour === 24 && minute === 0 && second === 0 && millisecond === 0;
  if ((hour > 23 && !endOfDay) || minute > 59 || second > 59) return `time ${hour}:${minute}:${second} is not a time of day`;
  if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) return 'the UTC offset is beyond ±14:00';
  const days = daysFromCivil(year, month, day);
  return days * DAY_MS + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millisecond;
}

// ISO 8601, extended (2024-03-01T14:30:00.250+02:00) and basic (20240301T143000Z); a space may stand for T.
const ISO_EXTENDED = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(?:(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?:\d{2})?)?$/;

function parseOffset(zone: string | undefined): number | string {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (minutes > 59) return `the UTC offset ${zone} has ${minutes} minutes`;
  return sign * (hours * 60 + minutes);
}

function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/**
 * The common layouts `YYYY-MM-DD`, `YYYY-MM-DD HH:mm`, `YYYY-MM-DDTHH:mm:ss` (optionally ending in `Z`) read by
 * char codes: a transaction log has one per row, and the regular expression costs three times as much. Anything
 * else (fractions, offsets, basic format, blanks) returns `undefined` for the full parser.
 */
function parseIsoFast(text: string): number | string | undefined {
  const n = text.length;
  if (n < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 0 || day < 0) return undefined;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let end = 10;
  if (n > 10) {
    const separator = text.charCodeAt(10);
    if ((separator !== 84 && separator !== 32) || n < 16 || text.charCodeAt(13) !== 58) return undefined;
    hour = digitsAt(text, 11, 2);
    minute = digitsAt(text, 14, 2);
    end = 16;
    if (n >= 19 && text.charCodeAt(16) === 58) {
      second = digitsAt(text, 17, 2);
      end = 19;
    }
    if (hour < 0 || minute < 0 || second < 0) return undefined;
  }
  if (end === n - 1 && text.charCodeAt(end) === 90) end++;
  if (end !== n) return undefined;
  return civilToMs(year, month, day, hour, minute, second, 0, 0);
}

function parseIso(text: string): number | string | undefined {
  const fast = parseIsoFast(text);
  if (fast !== undefined) return fast;
  const trimmed = text.trim();
  const match = ISO_EXTENDED.exec(trimmed) ?? ISO_BASIC.exec(trimmed);
  if (match === null) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
  const offsetMinutes = parseOffset(zone);
  if (typeof offsetMinutes === 'string') return offsetMinutes;
  return fieldsToMs({
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
    millisecond: fraction === '' ? 0 : Math.floor(Number(`0.${fraction}`) * 1000),
    offsetMinutes,
  });
}

type TokenName = 'YYYY' | 'MM' | 'M' | 'DD' | 'D' | 'HH' | 'H' | 'mm' | 'ss' | 'SSS';
type Piece = { readonly token: TokenName; readonly min: number; readonly max: number } | { readonly literal: string };

// longest first, so 'MM' is not read as two 'M'
const TOKENS: readonly [TokenName, number, number][] = [
  ['YYYY', 4, 4],
  ['SSS', 3, 3],
  ['MM', 2, 2],
  ['DD', 2, 2],
  ['HH', 2, 2],
  ['mm', 2, 2],
  ['ss', 2, 2],
  ['M', 1, 2],
  ['D', 1, 2],
  ['H', 1, 2],
];

function compilePattern(pattern: string, context: string): readonly Piece[] {
  const pieces: Piece[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < pattern.length; ) {
    const hit = TOKENS.find(([name]) => pattern.startsWith(name, i));
    if (hit === undefined) {
      const last = pieces[pieces.length - 1];
      if (last !== undefined && 'literal' in last) pieces[pieces.length - 1] = { literal: last.literal + pattern[i] };
      else pieces.push({ literal: pattern[i]! });
      i++;
      continue;
    }
    const [token, min, max] = hit;
    const field = token[0]!;
    if (seen.has(field)) throw new SegmentkitError('E_PARAM', `${context}: dateFormat '${pattern}' names the ${token} field twice`);
    seen.add(field);
    const previous = pieces[pieces.length - 1];
    if (previous !== undefined && 'token' in previous && (previous.min !== previous.max || min !== max)) {
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: dateFormat '${pattern}' puts ${previous.token} right before ${token}; a 1–2 digit token needs a separator next to it (use ${previous.token}${previous.token} or add one)`,
      );
    }
    pieces.push({ token, min, max });
    i += token.length;
  }
  if (!seen.has('Y') || !seen.has('M') || !seen.has('D')) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: dateFormat '${pattern}' must contain a year (YYYY), a month (MM or M) and a day (DD or D)`,
    );
  }
  return pieces;
}

function matchPattern(pieces: readonly Piece[], text: string): number | string | undefined {
  const f: Fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, millisecond: 0, offsetMinutes: 0 };
  let at = 0;
  const end = text.length;
  for (const piece of pieces) {
    if ('literal' in piece) {
      if (!text.startsWith(piece.literal, at)) return undefined;
      at += piece.literal.length;
      continue;
    }
    let value = 0;
    let digits = 0;
    while (digits < piece.max && at < end) {
      const c = text.charCodeAt(at);
      if (c < 48 || c > 57) break;
      value = value * 10 + (c - 48);
      digits++;
      at++;
    }
    if (digits < piece.min) return undefined;
    switch (piece.token) {
      case 'YYYY':
        f.year = value;
        break;
      case 'MM':
      case 'M':
        f.month = value;
        break;
      case 'DD':
      case 'D':
        f.day = value;
        break;
      case 'HH':
      case 'H':
        f.hour = value;
        break;
      case 'mm':
        f.minute = value;
        break;
      case 'ss':
        f.second = value;
        break;
      case 'SSS':
        f.millisecond = value;
        break;
    }
  }
  if (at !== end) return undefined;
  if (f.hour === 24) return `hour 24 is not a time of day`;
  return fieldsToMs(f);
}

function yearOf(ms: number): number {
  return new Date(ms).getUTCFullYear();
}

function show(value: unknown): string {
  return typeof value === 'number' ? `the number ${String(value)}` : describeValue(value);
}

/** A hint for a number offered as a date without a dateFormat: what it most likely is. */
function numberHint(value: number): string {
  if (Number.isInteger(value) && value >= 19000101 && value <= 22001231) {
    return `if it is a calendar date written as digits, pass dateFormat: 'YYYYMMDD'; if it counts time since 1970, pass dateFormat: 'epoch-ms' or 'epoch-s'`;
  }
  if (Math.abs(value) >= 1e11 && Math.abs(value) < 1e14)
    return `it looks like epoch milliseconds: pass dateFormat: 'epoch-ms' (or 'epoch-s' for seconds)`;
  if (Math.abs(value) >= 1e8 && Math.abs(value) < 1e11)
    return `it looks like epoch seconds: pass dateFormat: 'epoch-s' (or 'epoch-ms' for milliseconds)`;
  return `pass dateFormat: 'epoch-ms' or 'epoch-s' if it counts time since 1970, or a pattern such as 'YYYYMMDD'`;
}

/** Options shared by every reader of dates. */
export interface DateOptions {
  /** How date cells are written; see {@link DateFormat}. Default: `Date` objects and ISO 8601 text only. */
  readonly dateFormat?: DateFormat;
  /** Years a date may fall in, inclusive. Default `[1900, 2200]`; see {@link YearRange}. */
  readonly yearRange?: YearRange;
}

/**
 * @internal
 * A compiled date reader: `(value, row)` → epoch milliseconds, or `E_PARSE` naming the place `describe(row)` gives.
 * The place is only put into words on failure, so reading a row allocates nothing.
 */
export type DateReader = (value: unknown, row?: number) => number;

/** @internal Check `dateFormat` and `yearRange` once and return a reader for many cells. */
export function dateReader(
  options: DateOptions,
  context: string,
  describe: (row: number | undefined) => string = () => context,
): DateReader {
  const format = options.dateFormat ?? 'iso';
  if (typeof format !== 'string' || format.length === 0) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: dateFormat must be 'iso', 'epoch-ms', 'epoch-s' or a pattern such as 'YYYY-MM-DD HH:mm:ss' (got ${show(format)})`,
    );
  }
  const range = options.yearRange ?? DEFAULT_YEAR_RANGE;
  if (
    !Array.isArray(range) ||
    range.length !== 2 ||
    !range.every((y) => Number.isInteger(y) && y >= -100_000 && y <= 100_000) ||
    range[0] > range[1]
  ) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: yearRange must be [first year, last year], two integers in ascending order (got ${describeValue(range)})`,
    );
  }
  const [firstYear, lastYear] = range;
  const lowest = daysFromCivil(firstYear, 1, 1) * DAY_MS;
  const highest = daysFromCivil(lastYear + 1, 1, 1) * DAY_MS;
  const pieces = format === 'iso' || format === 'epoch-ms' || format === 'epoch-s' ? undefined : compilePattern(format, context);
  const described = format === 'iso' ? 'ISO 8601' : `dateFormat '${format}'`;
  const fail = (value: unknown, where: number | undefined, why: string): never => {
    throw new SegmentkitError('E_PARSE', `${describe(where)}: ${show(value)} ${why}`);
  };
  const inRange = (ms: number, value: unknown, where: number | undefined): number => {
    if (ms >= lowest && ms < highest) return ms;
    const year = Number.isFinite(ms) ? String(yearOf(ms)) : 'out of any calendar';
    return fail(
      value,
      where,
      `falls in year ${year}, outside yearRange [${firstYear}, ${lastYear}]; check the dateFormat, or widen yearRange if the date is real`,
    );
  };
  const readText = (text: string, value: unknown, where: number | undefined): number => {
    const ms = pieces === undefined ? parseIso(text) : matchPattern(pieces, text.trim());
    if (typeof ms === 'number') return inRange(ms, value, where);
    if (typeof ms === 'string') return fail(value, where, `is not a valid date (${ms})`);
    const hint =
      format === 'iso'
        ? `is not an ISO 8601 date such as '2024-03-01' or '2024-03-01T14:30:00Z'; pass dateFormat to read another layout, e.g. 'M/D/YYYY', 'DD.MM.YYYY' or 'YYYY-MM-DD HH:mm'`
        : `does not match ${described}`;
    return fail(value, where, hint);
  };
  // one-entry cache: transaction logs repeat the same timestamp text row after row (empty until a text is read:
  // starting it at '' would read the empty text as the cached NaN)
  let lastText: string | undefined;
  let lastMs = 0;
  return (value, where) => {
    if (value instanceof Date) {
      const ms = value.getTime();
      if (Number.isNaN(ms)) return fail(value, where, 'is not a date');
      return inRange(ms, value, where);
    }
    if (typeof value === 'string') {
      if (value === lastText) return lastMs;
      let ms: number;
      if (format === 'epoch-ms' || format === 'epoch-s') {
        const n = parseDecimal(value);
        if (n === undefined)
          return fail(value, where, `is not a number of ${format === 'epoch-ms' ? 'milliseconds' : 'seconds'} (${described})`);
        ms = inRange(format === 'epoch-s' ? n * 1000 : n, value, where);
      } else {
        ms = readText(value, value, where);
      }
      lastText = value;
      lastMs = ms;
      return ms;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return fail(value, where, 'is not a date');
      if (format === 'epoch-ms') return inRange(value, value, where);
      if (format === 'epoch-s') return inRange(value * 1000, value, where);
      if (pieces !== undefined && Number.isInteger(value) && value >= 0) return readText(String(value), value, where);
      if (pieces !== undefined) return fail(value, where, `cannot be read with ${described}; pass the dates as text`);
      return fail(value, where, `is ambiguous as a date: ${numberHint(value)}`);
    }
    return fail(value, where, `is not a date; pass a Date or text (ISO 8601, or set dateFormat)`);
  };
}

/**
 * @internal
 * Read a reference date given as an option (`asOf`, `start`): a `Date` or ISO text always works; other values are
 * read with the data's `dateFormat` (so `asOf: 19980701` works beside `dateFormat: 'YYYYMMDD'`).
 */
export function readReferenceDate(value: unknown, options: DateOptions, where: string): number {
  const iso = dateReader({ ...(options.yearRange === undefined ? {} : { yearRange: options.yearRange }) }, where);
  if (value instanceof Date || options.dateFormat === undefined || options.dateFormat === 'iso') return iso(value);
  if (typeof value === 'string' && parseIso(value) !== undefined) return iso(value);
  return dateReader(options, where)(value);
}

/** @internal Whether text is an ISO 8601 date or date-time in the extended layout (`2024-03-01`, `2011-10-06 16:20:00`). */
export function isIsoDateText(text: string): boolean {
  return ISO_EXTENDED.test(text.trim()) && typeof parseIso(text) === 'number';
}
