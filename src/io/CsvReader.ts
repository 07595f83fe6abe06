import { describeValue } from '../core/describeValue';
import Papa from 'papaparse';
import { DEFAULT_MISSING_MARKERS, isBlankText } from '../core/missingCells';
import { parseDecimal, parseNumberText } from '../core/parseDecimal';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, closestName } from '../core/validateOptions';
import { detectDelimiter, detectNewline, type CsvDelimiter } from './detectDelimiter';

/** The type of a CSV column: numbers, text, or (every cell missing) nothing to tell. */
export type CsvColumnType = 'number' | 'string';

/** Options for {@link parseCsv} and the streaming readers. */
export interface CsvOptions {
  /**
   * The field separator: `'auto'` (default) detects `,` `;` tab or `|` from the first lines, or runs of whitespace
   * for aligned files (CDNOW's `  00001 19970101  1   11.77`); or give one character, or `'whitespace'`. Quoting
   * (`"a, b"`, doubled `""` inside) works with every separator except `'whitespace'`.
   */
  readonly delimiter?: 'auto' | CsvDelimiter | (string & {});
  /** Whether the first line names the columns. Default `true`; with `false`, `columns` must name them. */
  readonly header?: boolean;
  /** The column names of a file without a header line (`header: false`), in order. */
  readonly columns?: readonly string[];
  /**
   * Column types by name, overriding inference: `'string'` keeps text (ids with leading zeros, codes such as
   * `'00123'`); `'number'` requires every non-missing cell to be a number. Other columns are numbers when every
   * non-missing cell is decimal text (`'12'`, `'-3.5'`, `'1e5'`), text otherwise; codes padded with leading zeros
   * (`'02134'`, `'00001'`) keep the column as text, since reading them as 2134 and 1 would lose what they say.
   */
  readonly types?: Readonly<Record<string, CsvColumnType>>;
  /**
   * Cell texts read as missing (`null`). Default {@link DEFAULT_MISSING_MARKERS}: `''`, `'NA'`, `'N/A'`, `'NaN'`,
   * `'null'`, `'NULL'`, `'?'`. A cell of only whitespace counts as `''`. Pass `['']` to keep `'NA'` as text.
   */
  readonly missing?: readonly string[];
}

/** A record read from a CSV: a column name → a number, text, or `null` for a missing cell. */
export type CsvRecord = Record<string, string | number | null>;

/** What a CSV reader found: layout, columns, types and missing cells. */
export interface CsvReport {
  /** The separator used (detected or given). */
  readonly delimiter: string;
  /** The line break found: `'\r\n'`, `'\n'` or `'\r'`. */
  readonly newline: string;
  /** The column names, in file order (duplicates renamed `name_2`, `name_3`, …; see `renamed`). */
  readonly columns: readonly string[];
  /** The type of each column; `null` for a column with no value in any row. */
  readonly types: Readonly<Record<string, CsvColumnType | null>>;
  /** Missing cells per column. */
  readonly missing: Readonly<Record<string, number>>;
  /** Records read (blank lines are skipped). */
  readonly rows: number;
  /** Header names that were blank or repeated, and the names they got. */
  readonly renamed: readonly CsvRenamedColumn[];
}

/** A header name {@link parseCsv} had to change: blank (`column4`) or repeated (`amount_2`). */
export interface CsvRenamedColumn {
  /** The name in the file. */
  readonly from: string;
  /** The name in the records. */
  readonly to: string;
  /** Its position in the line, 1-based. */
  readonly column: number;
}

const OPTIONS = ['delimiter', 'header', 'columns', 'types', 'missing'];
/** Longest text held waiting for the end of one record (an unclosed quote would otherwise hold the whole file). */
const MAX_PENDING_CHARS = 1 << 26;

interface ColumnState {
  /** `undefined` until a value is seen (unless forced). */
  type: CsvColumnType | undefined;
  readonly forced: boolean;
  /** The block in which the column became numeric: earlier rows of that block can still be turned back into text. */
  numberSinceBlock: number;
  missing: number;
}

/**
 * @internal
 * Thrown (instead of an error) when a reader that may start over meets text in a column that held only numbers
 * in earlier blocks: {@link parseCsv} then reads the text again with that column as text.
 */
export class LateTextColumn {
  constructor(readonly column: string) {}
}

function setField(record: CsvRecord, name: string, value: string | number | null, safe: boolean): void {
  if (safe) record[name] = value;
  else Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A function that builds one record from the values of a line. An object literal with every field at once is
 * what engines build fastest (about twice as fast as adding the fields one by one, and half the garbage), so the
 * literal is compiled once per file, as d3-dsv does; where code generation is forbidden (a strict Content Security
 * Policy) the fields are added one by one. `__proto__` is a computed key, so it is a field, never the prototype.
 */
function recordMaker(names: readonly string[]): (values: readonly (string | number | null)[]) => CsvRecord {
  const safe = !names.includes('__proto__');
  try {
    const fields = names.map((name, j) => `${name === '__proto__' ? `[${JSON.stringify(name)}]` : JSON.stringify(name)}: v[${j}]`);
    return new Function('v', `return { ${fields.join(', ')} };`) as (values: readonly (string | number | null)[]) => CsvRecord;
  } catch {
    return (values) => {
      const record: CsvRecord = {};
      for (let j = 0; j < names.length; j++) setField(record, names[j]!, values[j]!, safe);
      return record;
    };
  }
}

/**
 * @internal
 * Incremental CSV reading: text goes in block by block (`push`), typed records come out for every complete line.
 * Tokenising is papaparse's `Parser` (quotes, doubled quotes, embedded line breaks); this class adds what a
 * segmentation library needs on top: delimiter detection, a header, column types that cannot change silently
 * between blocks, missing markers, and errors that name the line.
 */
export class CsvReader {
  readonly #context: string;
  readonly #options: CsvOptions;
  readonly #missing: ReadonlySet<string>;
  readonly #blankIsMissing: boolean;
  #pending = '';
  /** Line number (1-based) of the first character of `#pending`. */
  #line = 1;
  #delimiter: string | undefined;
  #newline: '\r\n' | '\n' | '\r' = '\n';
  #names: string[] | undefined;
  #makeRecord: ((values: readonly (string | number | null)[]) => CsvRecord) | undefined;
  #safeNames = true;
  #columns: ColumnState[] = [];
  #block = 0;
  #rows = 0;
  #renamed: CsvRenamedColumn[] = [];
  #done = false;

  readonly #restartOnLateText: boolean;

  constructor(options: CsvOptions, context: string, restartOnLateText = false) {
    this.#restartOnLateText = restartOnLateText;
    assertKnownOptions(context, options, OPTIONS);
    this.#context = context;
    this.#options = options;
    const { delimiter = 'auto', header = true, columns, types, missing = DEFAULT_MISSING_MARKERS } = options;
    if (
      typeof delimiter !== 'string' ||
      (delimiter !== 'auto' &&
        delimiter !== 'whitespace' &&
        (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r'))
    ) {
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: delimiter must be 'auto', 'whitespace' or one character other than a quote or line break, got ${describeValue(delimiter)}`,
      );
    }
    if (typeof header !== 'boolean')
      throw new SegmentkitError('E_PARAM', `${context}: header must be true or false, got ${describeValue(header)}`);
    if (columns !== undefined) {
      if (header)
        throw new SegmentkitError(
          'E_PARAM',
          `${context}: columns names the fields of a file without a header line; pass header: false with it`,
        );
      if (!Array.isArray(columns) || columns.length === 0 || !columns.every((c) => typeof c === 'string' && c !== '')) {
        throw new SegmentkitError('E_PARAM', `${context}: columns must be a non-empty list of non-empty names`);
      }
      const seen = new Set<string>();
      for (const name of columns) {
        if (seen.has(name)) throw new SegmentkitError('E_PARAM', `${context}: columns lists '${name}' twice`);
        seen.add(name);
      }
    } else if (!header) {
      throw new SegmentkitError('E_PARAM', `${context}: header: false needs columns: [...] naming every field of a line, in order`);
    }
    if (types !== undefined && (typeof types !== 'object' || types === null || Array.isArray(types))) {
      throw new SegmentkitError('E_PARAM', `${context}: types must be an object of column name → 'number' | 'string'`);
    }
    for (const [name, type] of Object.entries(types ?? {})) {
      if (type !== 'number' && type !== 'string')
        throw new SegmentkitError('E_PARAM', `${context}: types.${name} must be 'number' or 'string', got ${describeValue(type)}`);
    }
    if (!Array.isArray(missing) || !missing.every((m) => typeof m === 'string')) {
      throw new SegmentkitError('E_PARAM', `${context}: missing must be a list of cell texts, e.g. ['', 'NA']`);
    }
    this.#missing = new Set(missing);
    this.#blankIsMissing = this.#missing.has('');
    if (delimiter !== 'auto') this.#delimiter = delimiter;
    if (columns !== undefined) this.#setNames([...columns]);
  }

  /** Append text; with `last`, the text is complete. Returns the records of every complete line so far. */
  push(text: string, last: boolean): CsvRecord[] {
    if (this.#done) throw new Error('CsvReader: push after the last block');
    this.#pending = this.#pending.length === 0 ? text : this.#pending + text;
    if (last) this.#done = true;
    if (this.#delimiter === undefined || this.#block === 0) {
      if (this.#pending.length === 0 && !last) return [];
      if (this.#pending.charCodeAt(0) === 0xfeff) this.#pending = this.#pending.slice(1);
      this.#newline = detectNewline(this.#pending);
      this.#delimiter ??= detectDelimiter(this.#pending.slice(0, 1 << 16), this.#newline);
    }
    const block = this.#pending;
    let rows: string[][];
    let consumed: number;
    if (this.#delimiter === 'whitespace') {
      const lastBreak = block.lastIndexOf(this.#newline);
      consumed = last ? block.length : lastBreak === -1 ? 0 : lastBreak + this.#newline.length;
      const lines = block.slice(0, consumed).split(this.#newline);
      if (!last || lines[lines.length - 1] === '') lines.pop();
      rows = lines.map((line) => (line.trim() === '' ? [''] : line.trim().split(/[ \t]+/)));
    } else {
      const result = new Papa.Parser({ delimiter: this.#delimiter, newline: this.#newline, quoteChar: '"' }).parse(block, 0, !last) as {
        data: string[][];
        errors: { code: string; row: number; index?: number }[];
        meta: { cursor: number };
      };
      for (const error of result.errors) {
        const at = error.index ?? 0;
        const line = this.#line + this.#countNewlines(block, 0, at);
        const what =
          error.code === 'MissingQuotes'
            ? 'a quoted field is never closed'
            : 'a quote is misplaced (text after a closing quote, or a quote inside an unquoted field)';
        throw new SegmentkitError(
          'E_PARSE',
          `${this.#context}: line ${line}: ${what}; quote fields as "…" and double quotes inside them ("")`,
        );
      }
      rows = result.data;
      consumed = last ? block.length : result.meta.cursor;
    }
    if (!last && consumed === 0 && block.length > MAX_PENDING_CHARS) {
      throw new SegmentkitError(
        'E_PARSE',
        `${this.#context}: line ${this.#line}: no complete record within ${MAX_PENDING_CHARS} characters; a quoted field is probably never closed`,
      );
    }
    const records = this.#type(block, rows);
    if (!last) this.#line += this.#countNewlines(block, 0, consumed);
    this.#pending = block.slice(consumed);
    this.#block++;
    return records;
  }

  /** What was read so far. */
  report(): CsvReport {
    const names = this.#names ?? [];
    const types: Record<string, CsvColumnType | null> = {};
    const missing: Record<string, number> = {};
    names.forEach((name, j) => {
      setField(types as CsvRecord, name, this.#columns[j]!.type ?? null, this.#safeNames);
      setField(missing as CsvRecord, name, this.#columns[j]!.missing, this.#safeNames);
    });
    return Object.freeze({
      delimiter: this.#delimiter ?? ',',
      newline: this.#newline,
      columns: Object.freeze([...names]),
      types: Object.freeze(types),
      missing: Object.freeze(missing),
      rows: this.#rows,
      renamed: Object.freeze([...this.#renamed]),
    });
  }

  #countNewlines(text: string, from: number, to: number): number {
    const newline = this.#newline === '\r' ? '\r' : '\n';
    let count = 0;
    for (let i = text.indexOf(newline, from); i !== -1 && i < to; i = text.indexOf(newline, i + 1)) count++;
    return count;
  }

  #setNames(raw: string[]): void {
    const names: string[] = [];
    const seen = new Set<string>();
    raw.forEach((original, j) => {
      let name = original.trim() === '' ? `column${j + 1}` : original;
      if (seen.has(name)) {
        let k = 2;
        while (seen.has(`${name}_${k}`)) k++;
        name = `${name}_${k}`;
      }
      if (name !== original) this.#renamed.push({ from: original, to: name, column: j + 1 });
      seen.add(name);
      names.push(name);
    });
    const types = this.#options.types ?? {};
    for (const name of Object.keys(types)) {
      if (!seen.has(name)) {
        const close = closestName(name, names);
        throw new SegmentkitError(
          'E_PARAM',
          `${this.#context}: types names '${name}', which is not a column${close === undefined ? '' : `; did you mean '${close}'?`} (columns: ${names.slice(0, 12).join(', ')})`,
        );
      }
    }
    this.#names = names;
    this.#safeNames = !names.includes('__proto__');
    this.#makeRecord = recordMaker(names);
    this.#columns = names.map((name) => {
      const forced = Object.hasOwn(types, name) ? types[name] : undefined;
      return { type: forced, forced: forced !== undefined, numberSinceBlock: -1, missing: 0 };
    });
  }

  /** Line number of row `r` of `rows` parsed from `block` (slow path: errors only). */
  #lineOf(block: string, r: number): number {
    if (this.#delimiter === 'whitespace' || block.indexOf('"') === -1) return this.#line + r;
    let start = 0;
    let seen = 0;
    if (r > 0) {
      const parser: { parse(input: string, base: number, ignoreLast: boolean): unknown; abort(): void } = new Papa.Parser({
        delimiter: this.#delimiter,
        newline: this.#newline,
        quoteChar: '"',
        step: (result: { meta: { cursor: number } }) => {
          seen++;
          if (seen === r) {
            start = result.meta.cursor;
            parser.abort();
          }
        },
      } as never);
      parser.parse(block, 0, false);
    }
    return this.#line + this.#countNewlines(block, 0, start);
  }

  #raggedRow(block: string, r: number, row: readonly string[], d: number): never {
    const line = this.#lineOf(block, r);
    const separator = this.#delimiter === 'whitespace' ? ' ' : this.#delimiter!;
    const fix =
      row.length > d
        ? `quote fields that contain '${separator === '\t' ? '\\t' : separator}'`
        : 'fill the missing fields (an empty field is a missing value)';
    throw new SegmentkitError(
      'E_PARSE',
      `${this.#context}: line ${line} has ${row.length} field${row.length === 1 ? '' : 's'} but ${this.#options.header === false ? 'columns names' : 'the header has'} ${d}; ${fix} (line starts: ${JSON.stringify(row.join(separator).slice(0, 60))})`,
    );
  }

  #notANumber(block: string, r: number, name: string, text: string, forced: boolean): never {
    const line = this.#lineOf(block, r);
    const why = forced
      ? "is typed 'number'"
      : `held only numbers before line ${this.#line} (a streamed column keeps the type its first batch gave it)`;
    throw new SegmentkitError(
      'E_PARSE',
      `${this.#context}: line ${line}, column '${name}' is ${JSON.stringify(text.slice(0, 40))}, not a number, but the column ${why}; pass types: { '${name}': 'string' } to read it as text, or add ${JSON.stringify(text.slice(0, 40))} to missing if it marks a missing value`,
    );
  }

  #type(block: string, rows: string[][]): CsvRecord[] {
    let first = 0;
    if (this.#names === undefined) {
      while (first < rows.length && rows[first]!.length === 1 && rows[first]![0]!.trim() === '') first++;
      if (first === rows.length) return [];
      this.#setNames(rows[first]!);
      first++;
    }
    const names = this.#names!;
    const columns = this.#columns;
    const d = names.length;
    const safe = this.#safeNames;
    const block_ = this.#block;
    const markers = this.#missing;
    const longestMarker = Math.max(0, ...[...markers].map((m) => m.length));
    const blankIsMissing = this.#blankIsMissing;
    // the hot loop reads the column types from a plain array; the column states are brought up to date after it
    const types = columns.map((c) => c.type);
    const missingCounts = new Float64Array(d);
    const values = new Array<string | number | null>(d).fill(null);
    const make = this.#makeRecord!;
    const out: CsvRecord[] = [];
    // the row in `rows` of every record in `out`, to turn a column back into text within this block
    const rowOf: number[] = [];
    for (let r = first; r < rows.length; r++) {
      const row = rows[r]!;
      // a blank line is no record (also in a one-column file, as pandas' skip_blank_lines)
      if (row.length === 1 && row[0]!.trim() === '') continue;
      if (row.length !== d) this.#raggedRow(block, r, row, d);
      for (let j = 0; j < d; j++) {
        const text = row[j]!;
        const length = text.length;
        if (
          length === 0
            ? blankIsMissing
            : (length <= longestMarker && markers.has(text)) || (blankIsMissing && text.charCodeAt(0) <= 32 && isBlankText(text))
        ) {
          missingCounts[j]!++;
          values[j] = null;
          continue;
        }
        let value: string | number = text;
        if (types[j] !== 'string') {
          const number = types[j] === 'number' && columns[j]!.forced ? parseDecimal(text) : parseNumberText(text);
          if (number !== undefined) {
            if (types[j] === undefined) {
              types[j] = 'number';
              columns[j]!.numberSinceBlock = block_;
            }
            value = number;
          } else {
            const column = columns[j]!;
            if (column.forced || (types[j] === 'number' && column.numberSinceBlock !== block_)) {
              if (!column.forced && this.#restartOnLateText) throw new LateTextColumn(names[j]!);
              this.#notANumber(block, r, names[j]!, text, column.forced);
            }
            // the column turned out to hold text: give this block's earlier rows their text back
            types[j] = 'string';
            for (let k = 0; k < out.length; k++) {
              const earlier = rows[rowOf[k]!]![j]!;
              if (typeof out[k]![names[j]!] === 'number') setField(out[k]!, names[j]!, earlier, safe);
            }
          }
        }
        values[j] = value;
      }
      out.push(make(values));
      rowOf.push(r);
    }
    columns.forEach((column, j) => {
      column.type = types[j];
      column.missing += missingCounts[j]!;
    });
    this.#rows += out.length;
    return out;
  }
}
