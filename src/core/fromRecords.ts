import { describeValue } from './describeValue';
import { SegmentkitError } from './SegmentkitError';
import type { Matrix } from './Matrix';
import { parseNumericCell } from './parseNumericCell';
import { fieldValue, hasField, isPrototypeName } from './recordField';
import { assertKnownOptions } from './validateOptions';

/** Options for {@link fromRecords}. */
export interface FromRecordsOptions {
  /** Read `null`, `undefined`, `''` and `NaN` as missing (`NaN` in the matrix) instead of throwing. Default `false`. */
  readonly allowMissing?: boolean;
}

/** The result of {@link fromRecords}. */
export interface RecordsMatrix {
  /** One row per record, one column per requested field, row-major. */
  readonly X: Matrix;
  /** The column names, in column order. */
  readonly featureNames: string[];
}

/**
 * Turn an array of plain objects into a numeric {@link Matrix} with one column per field in `columns`.
 *
 * Numbers are taken as they are; strings that are entirely a decimal number (as read from a CSV, e.g.
 * `' 12.50'`) are converted; anything else is an error naming the row and the field.
 *
 * @param rows - the records
 * @param columns - the numeric fields to extract, in order
 * @throws {@link SegmentkitError} `E_EMPTY` for no rows or no columns, `E_PARSE` for a missing field or
 *   non-numeric text, `E_NOT_FINITE` for ±Infinity or (unless `allowMissing`) a missing value.
 * @example
 * const { X, featureNames } = fromRecords([{ spend: 10, visits: '3' }, { spend: 25.5, visits: 4 }], ['spend', 'visits']);
 * [X.rows, X.cols, X.data[1], featureNames]; // => [2, 2, 3, ['spend', 'visits']]
 */
export function fromRecords(rows: ReadonlyArray<object>, columns: readonly string[], options: FromRecordsOptions = {}): RecordsMatrix {
  assertKnownOptions('fromRecords', options, ['allowMissing']);
  const { allowMissing = false } = options;
  if (typeof allowMissing !== 'boolean')
    throw new SegmentkitError('E_PARAM', `fromRecords: allowMissing must be true or false, got ${describeValue(allowMissing)}`);
  if (!Array.isArray(rows))
    throw new SegmentkitError('E_PARAM', `fromRecords: rows must be an array of objects, got ${describeValue(rows)}`);
  if (rows.length === 0) throw new SegmentkitError('E_EMPTY', 'fromRecords: rows is empty; pass at least one record');
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string' && c !== '')) {
    throw new SegmentkitError(
      'E_PARAM',
      `fromRecords: columns must be an array of field names (non-empty strings), got ${describeValue(columns)}`,
    );
  }
  if (columns.length === 0) throw new SegmentkitError('E_EMPTY', 'fromRecords: columns is empty; name at least one field');
  const n = rows.length;
  const d = columns.length;
  const prototypeNames = columns.map(isPrototypeName);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const record = rows[i] as Readonly<Record<string, unknown>> | null | undefined;
    if (typeof record !== 'object' || record === null) {
      throw new SegmentkitError('E_PARSE', `fromRecords: rows[${i}] is ${describeValue(record)}, not an object`);
    }
    for (let j = 0; j < d; j++) {
      const field = columns[j]!;
      const value = fieldValue(record, field, prototypeNames[j]);
      const number = parseNumericCell(value);
      if (number !== undefined && Number.isFinite(number)) {
        data[i * d + j] = number;
        continue;
      }
      if (number !== undefined && Number.isNaN(number)) {
        if (value === undefined && !hasField(record, field, prototypeNames[j])) {
          throw new SegmentkitError(
            'E_PARSE',
            `fromRecords: rows[${i}] has no field '${field}'; check the column name (fields of that row: ${Object.keys(record).slice(0, 10).join(', ')})`,
          );
        }
        if (allowMissing) {
          data[i * d + j] = NaN;
          continue;
        }
        throw new SegmentkitError(
          'E_NOT_FINITE',
          `fromRecords: rows[${i}].${field} is missing (${describeValue(value)}); impute it (see SimpleImputer) or pass { allowMissing: true }`,
        );
      }
      if (typeof value === 'number') {
        throw new SegmentkitError('E_NOT_FINITE', `fromRecords: rows[${i}].${field} is ${value}; replace or clip infinite values first`);
      }
      throw new SegmentkitError(
        'E_PARSE',
        `fromRecords: rows[${i}].${field} is ${describeValue(value)}, not a number; convert or encode this column (see OneHotEncoder for categories)`,
      );
    }
  }
  return { X: { data, rows: n, cols: d }, featureNames: [...columns] };
}
