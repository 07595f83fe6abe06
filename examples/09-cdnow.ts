// CDNOW (Fader, Hardie & Lee 2005): a whitespace-aligned file with YYYYMMDD dates, where half the customers
// bought once. Shows why equal customers must share RFM scores.
import { rfmScore, rfmSegments, rfmSummary, rfmTable, type RfmSegmentedRow } from 'segmentkit';
import { readCsv } from 'segmentkit/fs';
import { formatTable } from './lib/formatTable';

const rows = await readCsv('test/data/cdnow/CDNOW_master.txt'); // separator detected: runs of whitespace
console.log(`${rows.length} transactions; separator '${rows.report.delimiter}'; types`, rows.report.types);
// the date column holds numbers such as 19970101: say what they are instead of letting them pass as milliseconds
const table = rfmTable(rows, { customerId: 'customer_id', date: 'date', dateFormat: 'YYYYMMDD', amount: 'dollar_value' });
console.log(`${table.length} customers, as of ${table.report.asOf.toISOString().slice(0, 10)}; dates only: ${table.report.dateOnly}`);

const identical = (segments: RfmSegmentedRow[]): string => {
  const same = segments.filter((s) => s.frequency === 1 && s.recency === 464);
  const counts = new Map<string, number>();
  for (const s of same) counts.set(s.segment, (counts.get(s.segment) ?? 0) + 1);
  return `${same.length} customers who bought once, 464 days ago → ${[...counts].map(([name, n]) => `${n} ${name}`).join(', ')}`;
};
for (const ties of ['first', 'shared'] as const) {
  const scored = rfmScore(table, { ties });
  const segments = rfmSegments(scored);
  const loyalOnce = segments.filter((s) => s.frequency === 1 && s.segment === 'Loyal Customers').length;
  console.log(`\nties: '${ties}': ${identical(segments)}; one-time buyers called Loyal Customers: ${loyalOnce}`);
  console.log(
    `customers per frequency score 1–5: ${scored.report.counts.frequency.join(', ')} (empty levels: ${scored.report.emptyLevels.frequency.join(', ') || 'none'})`,
  );
  console.log(
    formatTable(
      ['segment', 'customers', 'share %', 'days since last purchase', 'purchases', 'spend ($)', 'revenue %'],
      rfmSummary(segments).map((s) => [s.segment, s.customers, 100 * s.share, s.recency, s.frequency, s.monetary, 100 * s.revenueShare]),
      1,
    ),
  );
}
