// A real transaction log (UCI Online Retail, 30 000-line sample) from CSV to the RFM table a marketer reads:
// cancellations netted, lines without a customer counted and skipped, invoices as orders.
import { customerFeatures, rfmScore, rfmSegments, rfmSummary, rfmTable, type CsvRecord } from 'segmentkit';
import { readCsv } from 'segmentkit/fs';
import { formatTable } from './lib/formatTable';

const lines = await readCsv('test/data/online_retail/OnlineRetail_sample30k.csv');
console.log(`${lines.length} lines; column types:`, lines.report.types, '; missing:', lines.report.missing);

// one line per product: the line's value is quantity × unit price (cancellations have a negative quantity)
const withValue = lines.map((line): CsvRecord => ({ ...line, Value: (line.Quantity as number) * (line.UnitPrice as number) }));
const table = rfmTable(withValue, {
  customerId: 'CustomerID',
  date: 'InvoiceDate',
  dateFormat: 'YYYY-MM-DD HH:mm:ss',
  amount: 'Value',
  orderId: 'InvoiceNo',
  missingCustomerId: 'skip',
});
const r = table.report;
console.log(
  `${r.customers} customers from ${r.purchases} purchase lines; ${r.refunds} cancellation lines netted; ${r.skippedMissingCustomer} lines without a customer skipped; as of ${r.asOf.toISOString().slice(0, 10)}`,
);

const scored = rfmScore(table);
console.log('empty score levels (ties shared):', scored.report.emptyLevels);
const segments = rfmSegments(scored);
console.log(
  formatTable(
    ['segment', 'customers', 'share %', 'days since last order', 'orders', 'spend (£)', 'revenue %'],
    rfmSummary(segments).map((s) => [s.segment, s.customers, 100 * s.share, s.recency, s.frequency, s.monetary, 100 * s.revenueShare]),
    1,
  ),
);

// when they buy: the log has times of day, so daypart shares are computed (a date-only log would say so)
const features = customerFeatures(
  withValue.filter((line) => line.CustomerID !== null && (line.Value as number) >= 0),
  {
    customerId: 'CustomerID',
    date: 'InvoiceDate',
    dateFormat: 'YYYY-MM-DD HH:mm:ss',
    amount: 'Value',
    category: 'Country',
    topN: 3,
  },
);
const morning = features.filter((f) => (f.daypart_morning as number) > 0.5).length;
console.log(
  `${features.length} customers with behavioural features; ${morning} buy mostly in the morning (UTC); time-of-day features: ${features.report.timeOfDay}`,
);
