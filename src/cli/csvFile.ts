// Reading a CSV file for the CLI: the records, and where each record starts in the file, so an error about
// "row 17" of the records can name the file's line.
import { parseCsv, type CsvRecords } from '../io/parseCsv';
import type { CsvOptions } from '../io/CsvReader';
import { SegmentkitError } from '../core/SegmentkitError';
import type { NodeFsPromises } from './node';

/** @internal A CSV file read by the CLI. */
export interface CsvFile {
  readonly path: string;
  readonly records: CsvRecords;
  /** The 1-based line each data record starts on (record 0 is the first after the header). */
  readonly lines: readonly number[];
}

/** @internal An error about user input, with the file (and line, column) it is about, as one line. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/**
 * @internal Start lines of the data records of CSV text, as parseCsv reads it: a newline inside quotes belongs to
 * the field, and blank (whitespace-only) lines are skipped. The header is the first non-blank record.
 */
export function recordLines(text: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let start = 1;
  let quoted = false;
  let blank = true;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text[i] : '\n';
    if (c === '"') {
      quoted = !quoted;
      blank = false;
    } else if ((c === '\n' || c === '\r') && !quoted) {
      if (!blank) starts.push(start);
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      start = line;
      blank = true;
      if (i >= text.length) break;
    } else {
      if (c === '\n') line++;
      if (c !== ' ' && c !== '\t' && c !== '\r') blank = false;
    }
  }
  return starts.slice(1);
}

/** @internal Read and parse a CSV file; errors name the file. */
export async function readCsvFile(fs: NodeFsPromises, path: string, options: CsvOptions = {}): Promise<CsvFile> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : String((error as Error).message);
    throw new InputError(`${path}: cannot read the file: ${why}`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${path}: the file is not UTF-8 text; convert it to UTF-8 first`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    const records = parseCsv(text, options);
    return { path, records, lines: recordLines(text) };
  } catch (error) {
    throw locate(error, { path, lines: [], columns: [] });
  }
}

/**
 * @internal Turn a library error about a file's records into one line naming the file, the line and the column:
 * `file.csv, line 19, column 'InvoiceDate': rfmTable: row 17, InvoiceDate is "x", …`.
 */
export function locate(error: unknown, file: { path: string; lines: readonly number[]; columns: readonly string[] }): unknown {
  if (!(error instanceof SegmentkitError)) return error;
  const message = error.message.replace(/\s*\n\s*/g, ' ');
  // parseCsv already names the line and column
  if (/^parseCsv: line \d+/.test(message)) return new InputError(`${file.path}: ${message.replace(/^parseCsv: /, '')}`);
  const match = /\brow (\d+)(?:, )?/.exec(message);
  if (match === null) return new InputError(`${file.path}: ${message}`);
  const row = Number(match[1]);
  const line = file.lines[row];
  const rest = message.slice(match.index + match[0].length);
  let column: string | undefined;
  for (const name of file.columns) {
    if ((rest.startsWith(name) || rest.startsWith(`column '${name}'`)) && (column === undefined || name.length > column.length))
      column = name;
  }
  const where = [line === undefined ? `record ${row + 1}` : `line ${line}`, ...(column === undefined ? [] : [`column '${column}'`])].join(
    ', ',
  );
  return new InputError(`${file.path}, ${where}: ${message}`);
}
