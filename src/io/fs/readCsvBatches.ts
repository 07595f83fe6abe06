import { batchesFromChunks, type CsvBatches, type CsvBatchesOptions } from '../csvBatches';
import { fileError, nodeFs, requirePath } from './nodeFs';

/**
 * Stream a CSV file as batches of records (the rules of `parseCsv`, one batch in memory at a time), for
 * files too big to read whole: feed the result to `rfmTable`, `customerFeatures` or `MiniBatchKMeans.fitStream`.
 * Works in Node, Deno (`--allow-read`) and Bun; in browsers use `csvBatches(file)` from the main entry.
 *
 * @param path - the file (relative paths start at the working directory)
 * @throws `SegmentkitError` during iteration: `E_PARAM` when the file cannot be read, and the errors of `csvBatches`.
 * @example
 * import { rfmTable } from 'segmentkit';
 * import { readCsvBatches } from 'segmentkit/fs';
 * const table = await rfmTable(readCsvBatches('test/data/cdnow/CDNOW_master.txt', { types: { customer_id: 'string' } }), {
 *   customerId: 'customer_id', date: 'date', dateFormat: 'YYYYMMDD', amount: 'dollar_value',
 * });
 * [table.length, table[0].customerId, table[0].frequency]; // => [23570, '00001', 1]
 */
export function readCsvBatches(path: string, options: CsvBatchesOptions = {}): CsvBatches {
  const context = 'readCsvBatches';
  requirePath(context, path);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    const fs = await nodeFs();
    const stream = fs.createReadStream(path, { highWaterMark: 1 << 20 });
    try {
      for await (const chunk of stream) yield chunk;
    } catch (error) {
      throw fileError(context, path, error);
    } finally {
      stream.destroy();
    }
  }
  return batchesFromChunks(chunks, options, context);
}
