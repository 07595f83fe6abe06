import { SegmentkitError } from '../core/SegmentkitError';
import { CsvReader, LateTextColumn, type CsvOptions, type CsvRecord, type CsvReport } from './CsvReader';

// Text is tokenised in slices of this many characters, so papaparse's row arrays die young instead of being
// promoted with the records (about twice as fast on a 50 MB file as one slice).
const SLICE_CHARS = 1 << 19;

function readAll(text: string, options: CsvOptions, context: string): { records: CsvRecord[]; report: CsvReport } {
  const reader = new CsvReader(options, context, true);
  const records: CsvRecord[] = [];
  for (let at = 0; at < text.length || at === 0; at += SLICE_CHARS) {
    const last = at + SLICE_CHARS >= text.length;
    const batch = reader.push(text.slice(at, at + SLICE_CHARS), last);
    for (let i = 0; i < batch.length; i++) records.push(batch[i]!);
    if (last) break;
  }
  return { records, report: reader.report() };
}

/** The result of {@link parseCsv}: one plain record per line, with a non-enumerable `report`. */
export type CsvRecords = CsvRecord[] & {
  /** The separator, columns, their types and missing counts. */
  readonly report: CsvReport;
};

/**
 * Read CSV text into plain records keyed by the header, ready for {@link rfmTable}, {@link featurePipeline} or
 * {@link driftReport}. Quoted fields (with separators, doubled quotes and line breaks inside), a byte-order mark,
 * CRLF or CR line breaks and blank lines are handled; the separator is detected (`,` `;` tab `|`, or runs of
 * whitespace) unless given. A column whose every non-missing cell is decimal text becomes numbers; missing markers
 * (`''`, `'NA'`, `'N/A'`, `'NaN'`, `'null'`, `'NULL'`, `'?'`, blank cells) become `null`. Dates stay text: give
 * `dateFormat` to the function that reads them. Tokenising is papaparse's.
 *
 * @param text - the whole file as text (for files too big for memory, see {@link csvBatches} and `segmentkit/fs`)
 * @throws {@link SegmentkitError} `E_PARSE` naming the line for a ragged row, an unclosed or misplaced quote, or
 *   text in a column typed `'number'`; `E_PARAM` for bad options (a `types` entry naming no column, with the
 *   closest name); `E_EMPTY` for a file without records.
 * @example
 * const rows = parseCsv('id;spend;city\n1;12,5;NA\n2;"7";Köln\n', { delimiter: ';' });
 * rows; // => [{ id: 1, spend: '12,5', city: null }, { id: 2, spend: '7', city: 'Köln' }]
 * rows.report.types; // => { id: 'number', spend: 'string', city: 'string' }
 * parseCsv(' 00001 19970101  1   11.77\n 00002 19970112  2   12.00', { header: false, columns: ['id', 'date', 'cds', 'dollars'] })[1];
 * // => { id: '00002', date: 19970112, cds: 2, dollars: 12 }
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvRecords {
  const context = 'parseCsv';
  if (typeof text !== 'string')
    throw new SegmentkitError(
      'E_PARAM',
      `parseCsv: text must be a string (the file's contents), got ${text === null ? 'null' : typeof text}`,
    );
  let read: { records: CsvRecord[]; report: CsvReport } | undefined;
  let current = options;
  while (read === undefined) {
    try {
      read = readAll(text, current, context);
    } catch (signal) {
      if (!(signal instanceof LateTextColumn)) throw signal;
      // a column held only numbers in the first slices, then text: it is a text column, so read again as such
      current = { ...current, types: { ...current.types, [signal.column]: 'string' } };
    }
  }
  const { records, report } = read;
  if (records.length === 0)
    throw new SegmentkitError(
      'E_EMPTY',
      `${context}: no records${report.columns.length > 0 ? ` after the header (${report.columns.slice(0, 8).join(', ')})` : ''}`,
    );
  Object.defineProperty(records, 'report', { value: report, enumerable: false });
  return records as CsvRecords;
}
