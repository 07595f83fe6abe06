import { describe, expect, it } from 'vitest';
import { toTimestamp } from '../../src/core/toTimestamp';
import { expectSegmentkitError } from '../helpers/expectError';

describe('toTimestamp', () => {
  it('reads Dates, epoch milliseconds and ISO strings', () => {
    expect(toTimestamp(new Date(Date.UTC(2024, 2, 1)), 'f')).toBe(Date.UTC(2024, 2, 1));
    expect(toTimestamp(1_700_000_000_000, 'f')).toBe(1_700_000_000_000);
    expect(toTimestamp('2024-03-01', 'f')).toBe(Date.UTC(2024, 2, 1));
    expect(toTimestamp('2024-03-01T14:30:00Z', 'f')).toBe(Date.UTC(2024, 2, 1, 14, 30));
    expect(toTimestamp('2024-03-01T14:30:00.250+02:00', 'f')).toBe(Date.UTC(2024, 2, 1, 12, 30, 0, 250));
    expect(toTimestamp('2010-12-01 08:26:00', 'f')).toBe(Date.UTC(2010, 11, 1, 8, 26));
  });

  it('reads a date-time without an offset as UTC, whatever the machine time zone', () => {
    expect(toTimestamp('2024-07-01T00:00', 'f')).toBe(Date.UTC(2024, 6, 1));
  });

  it('rejects unparseable and impossible dates with E_PARSE naming the context', () => {
    expectSegmentkitError(() => toTimestamp('03/01/2024', 'rfmTable: transactions[12].ts'), 'E_PARSE', /transactions\[12\]\.ts: "03\/01\/2024" is not a date/);
    expectSegmentkitError(() => toTimestamp('2023-02-29', 'f'), 'E_PARSE');
    expectSegmentkitError(() => toTimestamp('2024-13-01', 'f'), 'E_PARSE');
    expectSegmentkitError(() => toTimestamp(new Date('nope'), 'f'), 'E_PARSE', /invalid Date/);
    expectSegmentkitError(() => toTimestamp(NaN, 'f'), 'E_PARSE');
    expectSegmentkitError(() => toTimestamp(null as never, 'f'), 'E_PARSE');
  });

  it('accepts 29 February in leap years', () => {
    expect(toTimestamp('2024-02-29', 'f')).toBe(Date.UTC(2024, 1, 29));
  });
});
