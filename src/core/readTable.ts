import { describeValue } from './describeValue';
import { isListLike } from './listLike';
import { fieldValue, hasField, isPrototypeName } from './recordField';
import { SegmentkitError } from './SegmentkitError';

/**
 * Tabular input for {@link featurePipeline}: an array of plain objects (one per customer), or a column
 * object whose values are equally long arrays (`{ spend: Float64Array, channel: string[] }`).
 */
export type TableInput = ReadonlyArray<object> | Readonly<Record<string, ArrayLike<unknown>>>;

/** @internal Uniform access to either layout. */
export interface TableReader {
  readonly rows: number;
  /** Values of one column, in row order. */
  column(name: string): ArrayLike<unknown>;
}

/** @internal Read records or a column object; `E_EMPTY` / `E_SHAPE` / `E_PARSE` with the fix. */
export function readTable(data: TableInput, context: string): TableReader {
  if (Array.isArray(data)) {
    const records = data as ReadonlyArray<Readonly<Record<string, unknown>>>;
    if (records.length === 0) throw new SegmentkitError('E_EMPTY', `${context}: no rows; pass at least one record`);
    records.forEach((record, i) => {
      if (typeof record !== 'object' || record === null)
        throw new SegmentkitError('E_PARSE', `${context}: row ${i} is ${describeValue(record)}, not an object`);
    });
    return {
      rows: records.length,
      column(name) {
        const prototypeName = isPrototypeName(name);
        if (!records.some((record) => hasField(record, name, prototypeName))) {
          const known = Object.keys(records[0]!).slice(0, 12).join(', ');
          throw new SegmentkitError('E_PARSE', `${context}: column '${name}' is not in the data (first row has: ${known})`);
        }
        return records.map((record) => fieldValue(record, name, prototypeName));
      },
    };
  }
  if (typeof data !== 'object' || data === null) {
    throw new SegmentkitError('E_PARSE', `${context}: data must be an array of records or an object of equally long columns`);
  }
  const columns = data as Readonly<Record<string, ArrayLike<unknown>>>;
  const names = Object.keys(columns);
  if (names.length === 0) throw new SegmentkitError('E_EMPTY', `${context}: the column object has no columns`);
  let rows = -1;
  for (const name of names) {
    const values = columns[name];
    if (!isListLike(values)) {
      throw new SegmentkitError('E_PARSE', `${context}: column '${name}' is not an array`);
    }
    if (rows === -1) rows = values.length;
    else if (values.length !== rows) {
      throw new SegmentkitError(
        'E_SHAPE',
        `${context}: column '${name}' has ${values.length} values but '${names[0]}' has ${rows}; columns must be equally long`,
      );
    }
  }
  if (rows === 0) throw new SegmentkitError('E_EMPTY', `${context}: the columns are empty`);
  return {
    rows,
    column(name) {
      if (!Object.hasOwn(columns, name))
        throw new SegmentkitError('E_PARSE', `${context}: column '${name}' is not in the data (columns: ${names.slice(0, 12).join(', ')})`);
      return columns[name]!;
    },
  };
}
