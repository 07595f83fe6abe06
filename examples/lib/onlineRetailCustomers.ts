// The Online Retail customers several examples start from (not part of the library API): the 30 000-line
// sample read from CSV, lines without a customer dropped (`purchases`), one RFM row per customer, and the three
// columns log-transformed and standardised by a fitted feature pipeline.
import { featurePipeline, LogTransformer, rfmTable, StandardScaler, type CsvRecord } from 'segmentkit';
import { readCsv } from 'segmentkit/fs';

/** The log's columns, as rfmTable and lifecycleStages read them (each line's value is quantity × unit price). */
export const ONLINE_RETAIL_FIELDS = {
  customerId: 'CustomerID',
  date: 'InvoiceDate',
  dateFormat: 'YYYY-MM-DD HH:mm:ss',
  amount: 'Value',
  orderId: 'InvoiceNo',
} as const;

export async function onlineRetailCustomers() {
  const lines = await readCsv('test/data/online_retail/OnlineRetail_sample30k.csv');
  const purchases = lines
    .map((line): CsvRecord => ({ ...line, Value: (line.Quantity as number) * (line.UnitPrice as number) }))
    .filter((line) => line.CustomerID !== null);
  const table = rfmTable(purchases, { ...ONLINE_RETAIL_FIELDS, refunds: 'exclude' });
  const customers = table.map((row) => ({ recency: row.recency, frequency: row.frequency, monetary: row.monetary }));
  const pipeline = featurePipeline({
    numeric: {
      recency: [new LogTransformer(), new StandardScaler()],
      frequency: [new LogTransformer(), new StandardScaler()],
      monetary: [new LogTransformer(), new StandardScaler()],
    },
  }).fit(customers);
  return { purchases, table, customers, pipeline, X: pipeline.transform(customers).X };
}
