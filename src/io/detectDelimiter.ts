import Papa from 'papaparse';

/** A field separator {@link parseCsv} can detect; any other single character can be given explicitly. */
export type CsvDelimiter = ',' | ';' | '\t' | '|' | 'whitespace';

const CANDIDATES: readonly CsvDelimiter[] = [',', ';', '\t', '|'];
const SAMPLE_LINES = 20;

/** @internal The line break of a text: `\r\n`, `\n` or a lone `\r` (old Mac files), by the first one found. */
export function detectNewline(text: string): '\r\n' | '\n' | '\r' {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (lf === -1 && cr === -1) return '\n';
  if (lf === -1) return '\r';
  if (cr !== -1 && cr === lf - 1) return '\r\n';
  if (cr !== -1 && cr < lf) return '\r';
  return '\n';
}

function splitWhitespace(line: string): string[] {
  return line.trim().split(/[ \t]+/);
}

/**
 * @internal
 * Guess the separator from the first lines: the candidate (`,` `;` tab `|`, tokenised by papaparse so quoted
 * separators do not count) that splits every sampled line into the same number of fields, at least two, the most
 * fields winning; failing that, runs of whitespace when every line splits into the same number (≥ 2) of fields on
 * them and the layout really is whitespace-aligned (lines start with blanks or hold runs of two or more, as in
 * CDNOW); failing that, `,` (a file of one column).
 */
export function detectDelimiter(sample: string, newline: '\r\n' | '\n' | '\r'): CsvDelimiter {
  let best: CsvDelimiter | undefined;
  let bestFields = 1;
  for (const delimiter of CANDIDATES) {
    const rows = (
      new Papa.Parser({ delimiter, newline, preview: SAMPLE_LINES }).parse(sample, 0, false) as { data: string[][] }
    ).data.filter((row) => row.length > 1 || row[0] !== '');
    // a last sampled line may be cut off by the sample's end: judge on the complete ones when there are several
    const judged = rows.length > 2 ? rows.slice(0, -1) : rows;
    if (judged.length === 0) continue;
    const fields = judged[0]!.length;
    if (fields > bestFields && judged.every((row) => row.length === fields)) {
      best = delimiter;
      bestFields = fields;
    }
  }
  if (best !== undefined) return best;
  const lines = sample
    .split(newline)
    .slice(0, SAMPLE_LINES)
    .filter((line) => line.trim() !== '');
  const judged = lines.length > 2 ? lines.slice(0, -1) : lines;
  if (judged.length > 0) {
    const fields = splitWhitespace(judged[0]!).length;
    const aligned = judged.some((line) => /^[ \t]|[ \t]{2}/.test(line));
    if (fields >= 2 && aligned && judged.every((line) => splitWhitespace(line).length === fields)) return 'whitespace';
  }
  return ',';
}
