import { SegmentkitError } from '../../core/SegmentkitError';
import { assertKnownOptions } from '../../core/validateOptions';
import { requireEncoding } from '../csvBatches';
import type { CsvOptions } from '../CsvReader';
import { parseCsv, type CsvRecords } from '../parseCsv';
import { fileError, nodeFs, requirePath } from './nodeFs';

/** Options for {@link readCsv}: those of `parseCsv` plus the file's text encoding. */
export interface ReadCsvOptions extends CsvOptions {
  /** Text encoding of the file (a WHATWG label: `'utf-8'`, `'windows-1252'`, …). Default `'utf-8'`. */
  readonly encoding?: string;
}

type TextDecoderConstructor = new (label?: string, options?: { fatal?: boolean }) => { decode(input: Uint8Array): string };

/**
 * Read a whole CSV file into records with `parseCsv` (Node, Deno with `--allow-read`, Bun). For files too big
 * for memory, use {@link readCsvBatches}.
 *
 * @param path - the file (relative paths start at the working directory)
 * @throws `SegmentkitError` `E_PARAM` when the file cannot be read or `encoding` is unknown, `E_PARSE` for
 *   bytes that are not in `encoding`, and the errors of `parseCsv`.
 * @example
 * import { readCsv } from 'segmentkit/fs';
 * const mall = await readCsv('test/data/mall_customers/Mall_Customers.csv');
 * [mall.length, mall[0]]; // => [200, { CustomerID: 1, Gender: 'Male', Age: 19, 'Annual Income (k$)': 15, 'Spending Score (1-100)': 39 }]
 */
export async function readCsv(path: string, options: ReadCsvOptions = {}): Promise<CsvRecords> {
  const context = 'readCsv';
  requirePath(context, path);
  assertKnownOptions(context, options, ['delimiter', 'header', 'columns', 'types', 'missing', 'encoding']);
  const { encoding = 'utf-8', ...csvOptions } = options;
  requireEncoding(context, encoding);
  const fs = await nodeFs();
  let bytes: Uint8Array;
  try {
    bytes = await fs.promises.readFile(path);
  } catch (error) {
    throw fileError(context, path, error);
  }
  const Decoder = (globalThis as { TextDecoder?: TextDecoderConstructor }).TextDecoder!;
  let text: string;
  try {
    text = new Decoder(encoding, { fatal: true }).decode(bytes);
  } catch (error) {
    if (error instanceof RangeError)
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: encoding '${encoding}' is not a text encoding this runtime knows; use e.g. 'utf-8' or 'windows-1252'`,
      );
    throw new SegmentkitError(
      'E_PARSE',
      `${context}: '${path}' is not valid ${encoding} text; pass encoding: 'windows-1252' (or the file's encoding), or convert it to UTF-8`,
    );
  }
  return parseCsv(text, csvOptions);
}
