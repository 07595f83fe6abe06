// Unit tests of internals too: daysFromCivil (imported from src/, not part of the public API).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { toTimestamp } from 'segmentkit';

import { daysFromCivil } from '../../src/core/dateParser';
import { expectSegmentkitError } from '../helpers/expectError';

describe('toTimestamp without a dateFormat: Dates and ISO 8601 only', () => {
  it('reads Dates and ISO 8601 text, extended and basic', () => {
    expect(toTimestamp(new Date(Date.UTC(2024, 2, 1)))).toBe(Date.UTC(2024, 2, 1));
    expect(toTimestamp('2024-03-01')).toBe(Date.UTC(2024, 2, 1));
    expect(toTimestamp('2024-03-01T14:30:00Z')).toBe(Date.UTC(2024, 2, 1, 14, 30));
    expect(toTimestamp('2024-03-01T14:30:00.250+02:00')).toBe(Date.UTC(2024, 2, 1, 12, 30, 0, 250));
    expect(toTimestamp('2010-12-01 08:26:00')).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(toTimestamp('20240301')).toBe(Date.UTC(2024, 2, 1));
    expect(toTimestamp('20240301T143000Z')).toBe(Date.UTC(2024, 2, 1, 14, 30));
    expect(toTimestamp('20240301T1430-0130')).toBe(Date.UTC(2024, 2, 1, 16, 0));
    expect(toTimestamp('2024-03-01T14:30+05')).toBe(Date.UTC(2024, 2, 1, 9, 30));
  });

  it('reads a date-time without an offset as UTC, whatever the machine time zone', () => {
    expect(toTimestamp('2024-07-01T00:00')).toBe(Date.UTC(2024, 6, 1));
  });

  it('refuses numbers, naming the value and the dateFormat choices', () => {
    expectSegmentkitError(() => toTimestamp(19970101), 'E_PARSE', /the number 19970101 is ambiguous.*dateFormat: 'YYYYMMDD'.*'epoch-ms'/);
    expectSegmentkitError(() => toTimestamp(1_700_000_000_000), 'E_PARSE', /looks like epoch milliseconds: pass dateFormat: 'epoch-ms'/);
    expectSegmentkitError(() => toTimestamp(1_700_000_000), 'E_PARSE', /looks like epoch seconds/);
    expectSegmentkitError(() => toTimestamp(1e20), 'E_PARSE', /dateFormat/);
  });

  it('rejects unparseable and impossible dates with E_PARSE naming the context', () => {
    expectSegmentkitError(
      () => toTimestamp('03/01/2024', { context: 'rfmTable: row 12, ts' }),
      'E_PARSE',
      /row 12, ts: "03\/01\/2024" is not an ISO 8601 date.*dateFormat/,
    );
    expectSegmentkitError(() => toTimestamp('2023-02-29'), 'E_PARSE', /day 29 does not exist in 2023-02/);
    expectSegmentkitError(() => toTimestamp('2020-02-30'), 'E_PARSE', /day 30/);
    expectSegmentkitError(() => toTimestamp('2024-13-01'), 'E_PARSE', /month 13/);
    expectSegmentkitError(() => toTimestamp('2024-03-01T10:00+99:99'), 'E_PARSE', /99 minutes/);
    expectSegmentkitError(() => toTimestamp('2024-03-01T10:00+15:00'), 'E_PARSE', /±14:00/);
    expectSegmentkitError(() => toTimestamp(new Date('nope')), 'E_PARSE', /invalid Date/);
    expectSegmentkitError(() => toTimestamp(NaN), 'E_PARSE');
    expectSegmentkitError(() => toTimestamp(null as never), 'E_PARSE');
  });

  it('never reads a 4-digit year as 19xx, and keeps years within 1900–2200 unless told', () => {
    expectSegmentkitError(() => toTimestamp('0024-03-01'), 'E_PARSE', /year 24, outside yearRange \[1900, 2200\]/);
    expect(toTimestamp('0024-03-01', { yearRange: [1, 3000] })).toBe(new Date('0024-03-01T00:00:00Z').getTime());
    expect(new Date(toTimestamp('0024-03-01', { yearRange: [1, 3000] })).getUTCFullYear()).toBe(24);
    expectSegmentkitError(() => toTimestamp('2201-01-01'), 'E_PARSE', /yearRange/);
    expectSegmentkitError(() => toTimestamp(new Date(Date.UTC(1899, 11, 30))), 'E_PARSE', /year 1899/);
    expectSegmentkitError(() => toTimestamp('2024-01-01', { yearRange: [2030, 2020] }), 'E_PARAM', /ascending/);
  });

  it('accepts 29 February in leap years', () => {
    expect(toTimestamp('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(toTimestamp('2000-02-29')).toBe(Date.UTC(2000, 1, 29));
    expectSegmentkitError(() => toTimestamp('1900-02-29'), 'E_PARSE');
  });
});

describe('toTimestamp with a dateFormat', () => {
  it('reads patterns of YYYY MM M DD D HH H mm ss SSS with literal separators', () => {
    expect(toTimestamp('19970101', { dateFormat: 'YYYYMMDD' })).toBe(Date.UTC(1997, 0, 1));
    expect(toTimestamp(19970101, { dateFormat: 'YYYYMMDD' })).toBe(Date.UTC(1997, 0, 1));
    expect(toTimestamp('12/1/2010 8:26', { dateFormat: 'M/D/YYYY H:mm' })).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(toTimestamp('1/12/2010 18:26', { dateFormat: 'D/M/YYYY H:mm' })).toBe(Date.UTC(2010, 11, 1, 18, 26));
    expect(toTimestamp('01.03.2024', { dateFormat: 'DD.MM.YYYY' })).toBe(Date.UTC(2024, 2, 1));
    expect(toTimestamp('2024-03-01T10:11:12.345', { dateFormat: 'YYYY-MM-DDTHH:mm:ss.SSS' })).toBe(Date.UTC(2024, 2, 1, 10, 11, 12, 345));
    expect(toTimestamp(' 2024/3/1 ', { dateFormat: 'YYYY/M/D' })).toBe(Date.UTC(2024, 2, 1));
  });

  it('rejects cells that do not match, and impossible calendar fields', () => {
    expectSegmentkitError(
      () => toTimestamp('2024-03-01', { dateFormat: 'DD.MM.YYYY' }),
      'E_PARSE',
      /does not match dateFormat 'DD.MM.YYYY'/,
    );
    expectSegmentkitError(() => toTimestamp('31.04.2024', { dateFormat: 'DD.MM.YYYY' }), 'E_PARSE', /day 31 does not exist/);
    expectSegmentkitError(() => toTimestamp('1/1/2024 24:00', { dateFormat: 'M/D/YYYY H:mm' }), 'E_PARSE', /hour 24/);
    expectSegmentkitError(() => toTimestamp('1/1/2024 10:60', { dateFormat: 'M/D/YYYY H:mm' }), 'E_PARSE', /not a time of day/);
    expectSegmentkitError(() => toTimestamp(1021997, { dateFormat: 'DDMMYYYY' }), 'E_PARSE', /does not match/);
    expectSegmentkitError(() => toTimestamp(2.5, { dateFormat: 'YYYYMMDD' }), 'E_PARSE', /cannot be read/);
  });

  it('rejects ambiguous or incomplete patterns up front', () => {
    expectSegmentkitError(() => toTimestamp('1', { dateFormat: 'MDYYYY' }), 'E_PARAM', /separator/);
    expectSegmentkitError(() => toTimestamp('1', { dateFormat: 'YYYY-MM' }), 'E_PARAM', /a day/);
    expectSegmentkitError(() => toTimestamp('1', { dateFormat: 'YYYY-MM-DD-DD' }), 'E_PARAM', /twice/);
    expectSegmentkitError(() => toTimestamp('1', { dateFormat: '' }), 'E_PARAM', /dateFormat/);
    expectSegmentkitError(() => toTimestamp('1', { dateformat: 'YYYY' } as never), 'E_PARAM', /did you mean 'dateFormat'/);
  });

  it("reads epoch counts with 'epoch-ms' and 'epoch-s', within the year range", () => {
    expect(toTimestamp(1_709_251_200_000, { dateFormat: 'epoch-ms' })).toBe(Date.UTC(2024, 2, 1));
    expect(toTimestamp('1709251200', { dateFormat: 'epoch-s' })).toBe(Date.UTC(2024, 2, 1));
    expectSegmentkitError(() => toTimestamp(1e20, { dateFormat: 'epoch-ms' }), 'E_PARSE', /outside yearRange/);
    expectSegmentkitError(() => toTimestamp(1_709_251_200_000, { dateFormat: 'epoch-s' }), 'E_PARSE', /outside yearRange/);
    expectSegmentkitError(() => toTimestamp('soon', { dateFormat: 'epoch-s' }), 'E_PARSE', /not a number of seconds/);
  });

  it('agrees with Date.UTC on every valid date from 1900 to 2200 (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2200 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (y, m, d, h, mi) => {
          const expected = Date.UTC(y, m - 1, d, h, mi);
          const valid = new Date(expected).getUTCDate() === d;
          const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')} ${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`;
          const pattern = `${d}/${m}/${y} ${h}:${String(mi).padStart(2, '0')}`;
          if (valid) {
            expect(toTimestamp(text)).toBe(expected);
            expect(toTimestamp(pattern, { dateFormat: 'D/M/YYYY H:mm' })).toBe(expected);
          } else {
            expectSegmentkitError(() => toTimestamp(text), 'E_PARSE');
            expectSegmentkitError(() => toTimestamp(pattern, { dateFormat: 'D/M/YYYY H:mm' }), 'E_PARSE');
          }
        },
      ),
    );
  });

  it('daysFromCivil counts days from 1970-01-01 in the proleptic Gregorian calendar (internal)', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1)).toBe(11017);
    expect(daysFromCivil(1, 1, 1)).toBe(-719162);
  });
});

describe('toTimestamp fast path', () => {
  it('agrees with the full ISO parser on every layout it takes (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.constantFrom('T', ' '),
        fc.boolean(),
        fc.boolean(),
        (date, separator, seconds, zulu) => {
          const iso = date.toISOString();
          const text = `${iso.slice(0, 10)}${separator}${iso.slice(11, seconds ? 19 : 16)}${zulu ? 'Z' : ''}`;
          const expected = Date.UTC(
            date.getUTCFullYear(),
            date.getUTCMonth(),
            date.getUTCDate(),
            date.getUTCHours(),
            date.getUTCMinutes(),
            seconds ? date.getUTCSeconds() : 0,
          );
          expect(toTimestamp(text)).toBe(expected);
          // a fraction or an offset takes the regular-expression path: the same instant
          expect(toTimestamp(`${text.replace('Z', '')}${seconds ? '.000' : ''}+00:00`)).toBe(expected);
        },
      ),
    );
  });
});
