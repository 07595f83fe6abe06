import { readFileSync } from 'node:fs';
import { readCsv, readCsvBatches } from 'segmentkit/fs';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { csvBatches, type CsvRecord, parseCsv, rfmTable } from 'segmentkit';

import { expectSegmentkitErrorAsync } from '../helpers/expectError';

const dataPath = (name: string): string => new URL(`../data/${name}`, import.meta.url).pathname;

async function collect(batches: AsyncIterable<CsvRecord[]>): Promise<{ records: CsvRecord[]; count: number }> {
  const records: CsvRecord[] = [];
  let count = 0;
  for await (const batch of batches) {
    count++;
    records.push(...batch);
  }
  return { records, count };
}

describe('csvBatches streams any source into batches of records', () => {
  const text = readFileSync(dataPath('online_retail/OnlineRetail_sample30k.csv'), 'utf8');
  const bytes = new TextEncoder().encode(text);
  const whole = parseCsv(text, { types: { InvoiceNo: 'string' } });

  it('text, a Blob, a ReadableStream and byte chunks cut anywhere give the records of parseCsv', async () => {
    const options = { types: { InvoiceNo: 'string' }, batchChars: 100_000 } as const;
    const fromText = await collect(csvBatches(text, options));
    expect(fromText.records).toEqual(whole);
    const blob = await collect(csvBatches(new Blob([bytes]), options));
    expect(blob.records).toEqual(whole);
    expect(blob.count).toBeGreaterThan(10);
    const stream = await collect(csvBatches(new Blob([bytes]).stream(), options));
    expect(stream.records).toEqual(whole);
    // chunks cut mid-line, mid-field and inside a multi-byte character
    function* chunks(): Generator<Uint8Array> {
      for (let at = 0; at < bytes.length; at += 7919) yield bytes.subarray(at, at + 7919);
    }
    expect((await collect(csvBatches(chunks(), options))).records).toEqual(whole);
  });

  it('quoted line breaks across chunk boundaries (property)', async () => {
    const source = `id,note\n${Array.from({ length: 300 }, (_, i) => `${i},"line ${i}\nsecond, part ""q"""`).join('\n')}\n`;
    const expected = parseCsv(source);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 2000 }), async (chunk, batchChars) => {
        const pieces = Array.from({ length: Math.ceil(source.length / chunk) }, (_, i) => source.slice(i * chunk, (i + 1) * chunk));
        const { records } = await collect(csvBatches(pieces, { batchChars }));
        expect(records).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('reports the layout; the report is final after iteration', async () => {
    const batches = csvBatches(text, { types: { InvoiceNo: 'string' } });
    await collect(batches);
    expect(batches.report).toMatchObject({ delimiter: ',', rows: 30_000, columns: whole.report.columns });
    expect(batches.report.types).toEqual(whole.report.types);
  });

  it('feeds rfmTable streaming: the same table as from records', async () => {
    const options = { customerId: 'CustomerID', date: 'InvoiceDate', amount: 'UnitPrice', missingCustomerId: 'skip' } as const;
    const streamed = await rfmTable(csvBatches(text, { batchChars: 200_000 }), options);
    expect(streamed).toEqual(rfmTable(parseCsv(text), options));
  });

  it('a later batch that contradicts a column type is an E_PARSE naming the line and the fix', async () => {
    const lines = ['invoice,qty', ...Array.from({ length: 5000 }, (_, i) => `${i + 1},1`), 'C77,1'];
    await expectSegmentkitErrorAsync(
      () => collect(csvBatches(lines.join('\n'), { batchChars: 1000 })),
      'E_PARSE',
      /line 5002, column 'invoice' is "C77", not a number, but the column held only numbers before line \d+ \(a streamed column keeps the type its first batch gave it\); pass types: \{ 'invoice': 'string' \}/,
    );
  });

  it('rejects bytes that are not in the encoding, and reads other encodings when told', async () => {
    const latin1 = readFileSync(dataPath('csv/latin1.csv'));
    await expectSegmentkitErrorAsync(
      () => collect(csvBatches([new Uint8Array(latin1)])),
      'E_PARSE',
      /not valid utf-8; pass encoding: 'windows-1252'/,
    );
    const { records } = await collect(csvBatches([new Uint8Array(latin1)], { encoding: 'windows-1252' }));
    expect(records).toEqual([{ name: 'José', city: 'München' }]);
    await expectSegmentkitErrorAsync(async () => csvBatches('a', { encoding: 'klingon' }), 'E_PARAM', /encoding 'klingon'/);
  });

  it('rejects sources that are not text, Blobs, streams or chunks', async () => {
    await expectSegmentkitErrorAsync(async () => csvBatches(42 as never), 'E_PARAM', /source must be/);
    await expectSegmentkitErrorAsync(() => collect(csvBatches([42 as never])), 'E_PARAM', /chunks must be text or bytes/);
  });
});

describe('segmentkit/fs reads files by path', () => {
  it('readCsv reads a whole file; readCsvBatches streams it', async () => {
    const mall = await readCsv(dataPath('mall_customers/Mall_Customers.csv'));
    expect(mall).toHaveLength(200);
    expect(mall[0]).toEqual({ CustomerID: 1, Gender: 'Male', Age: 19, 'Annual Income (k$)': 15, 'Spending Score (1-100)': 39 });
    const { records } = await collect(readCsvBatches(dataPath('mall_customers/Mall_Customers.csv'), { batchChars: 500 }));
    expect(records).toEqual(mall);
    expect(await readCsv(dataPath('csv/latin1.csv'), { encoding: 'latin1' })).toEqual([{ name: 'José', city: 'München' }]);
  });

  it('streams CDNOW (whitespace-aligned, CRLF) into rfmTable with a YYYYMMDD dateFormat', async () => {
    const table = await rfmTable(readCsvBatches(dataPath('cdnow/CDNOW_master.txt'), { batchChars: 1 << 18 }), {
      customerId: 'customer_id',
      date: 'date',
      dateFormat: 'YYYYMMDD',
      amount: 'dollar_value',
    });
    expect(table).toHaveLength(23_570);
    expect(table.report.dateOnly).toBe(true);
    expect(table[0]).toMatchObject({ customerId: '00001', frequency: 1, monetary: 11.77 });
  });

  it('names a path that cannot be read', async () => {
    await expectSegmentkitErrorAsync(
      () => readCsv('no/such/file.csv'),
      'E_PARAM',
      /cannot read 'no\/such\/file.csv': there is no such file/,
    );
    await expectSegmentkitErrorAsync(() => collect(readCsvBatches('no/such/file.csv')), 'E_PARAM', /there is no such file/);
    await expectSegmentkitErrorAsync(() => readCsv(dataPath('csv/latin1.csv')), 'E_PARSE', /not valid utf-8/);
    await expectSegmentkitErrorAsync(async () => readCsvBatches(null as never), 'E_PARAM', /path must be/);
  });
});
