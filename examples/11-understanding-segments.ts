// Understanding segments on a real log (UCI Online Retail, 30 000-line sample): k-means segments of customer
// behaviour, profiled in pounds and days, named in plain words, explained as rules, with lifecycle stages and
// the movement between the first and the second half of the year.
import { explainSegments, KMeans, lifecycleStages, nameSegments, profileSegments, rfmTable, segmentTransitions } from 'segmentkit';
import { formatTable } from './lib/formatTable';
import { ONLINE_RETAIL_FIELDS as fields, onlineRetailCustomers } from './lib/onlineRetailCustomers';

// behaviour per customer, then segments on logged and standardised features
const { purchases, table, customers, pipeline, X } = await onlineRetailCustomers();
const model = new KMeans({ nClusters: 4, nInit: 5, seed: 3 }).fit(X);

// 1. profiles in the data's units, with the tests that say what sets each segment apart
const profile = profileSegments(customers, model.labels);
const names = nameSegments(profile);
console.log(`${table.length} customers in ${profile.segments.length} segments (as of ${table.report.asOf.toISOString().slice(0, 10)}):`);
console.log(
  formatTable(
    ['segment', 'name', 'customers', 'share %', 'median days since', 'median orders', 'median spend (£)'],
    profile.segments.map((s, g) => {
      const stat = (feature: string) => s.numeric.find((f) => f.feature === feature)!.median;
      return [s.segment, names[g]!.name, s.size, 100 * s.share, stat('recency'), stat('frequency'), stat('monetary')];
    }),
    1,
  ),
);

// 2. rules that reproduce the segments, in days, orders and pounds
const explanation = explainSegments(X, model, { pipeline });
console.log(`\nRules (fidelity ${(100 * explanation.fidelity).toFixed(1)} %, cost ratio ${explanation.costRatio!.toFixed(3)}):`);
for (const s of explanation.segments) console.log(`  ${names[s.segment]!.name}: ${s.rules.join(' or ')}`);

// 3. lifecycle stages judged against each customer's own rhythm, per segment
const { orderId: _orders, ...transactionFields } = fields;
const stages = lifecycleStages(purchases, transactionFields);
const bySegment = stages.perSegment(table.map((row, i) => [row.customerId, names[model.labels[i]!]!.name] as const));
console.log('\nLifecycle stages per segment:');
console.log(
  formatTable(
    ['segment', ...bySegment.stages],
    bySegment.segments.map((s, i) => [s, ...bySegment.rows[i]!]),
  ),
);

// 4. who moved where: the same model applied to the first and the second half of the year
const halfway = Date.UTC(2011, 6, 1);
const period = (keep: (time: number) => boolean) => {
  const part = purchases.filter((line) => keep(new Date(`${String(line.InvoiceDate).replace(' ', 'T')}Z`).getTime()));
  const rows = rfmTable(part, { ...fields, refunds: 'exclude' });
  const labels = model.predict(
    pipeline.transform(rows.map((r) => ({ recency: r.recency, frequency: r.frequency, monetary: r.monetary }))).X,
  );
  return new Map(rows.map((r, i) => [r.customerId, names[labels[i]!]!.name]));
};
const moves = segmentTransitions(
  period((t) => t < halfway),
  period((t) => t >= halfway),
);
console.log(
  `\nFirst half → second half: ${moves.retained} customers in both, ${(100 * moves.stayed).toFixed(1)} % stayed; ${moves.newCustomers.total} new, ${moves.lostCustomers.total} lost`,
);
console.log(
  formatTable(
    ['from \\ to', ...moves.segments.map(String)],
    moves.segments.map((s, i) => [s, ...moves.counts[i]!]),
  ),
);
