// Monitoring drift: a second period of customers arrives with a different archetype mix. Which features moved,
// did the segment shares change, did the segments themselves move, and should the segmentation be retrained?
import {
  DriftMonitor,
  KMeans,
  LogTransformer,
  StandardScaler,
  centroidDrift,
  createRng,
  customerFeatures,
  driftReport,
  featurePipeline,
  makeCustomers,
  makeTransactions,
  rfmTable,
  segmentDrift,
  type CustomerArchetype,
  type Transaction,
} from 'segmentkit';
import { formatTable } from './lib/formatTable';

// Customer rows for one period: RFM, purchase rhythm and refunds (numeric) and the favourite channel (categorical).
function customerRows(log: readonly Transaction[]) {
  const rfm = rfmTable(log, { refunds: 'exclude' });
  const rhythm = new Map(customerFeatures(log).map((row) => [row.customerId, row]));
  const channels = new Map<string, Map<string, number>>();
  for (const t of log) {
    const counts = channels.get(t.customerId) ?? new Map<string, number>();
    counts.set(t.channel, (counts.get(t.channel) ?? 0) + 1);
    channels.set(t.customerId, counts);
  }
  return rfm.map((row) => {
    const features = rhythm.get(row.customerId)!;
    return {
      customerId: row.customerId as string,
      recency: row.recency,
      frequency: row.frequency,
      monetary: row.monetary,
      monetaryMean: row.monetaryMean,
      tenureDays: row.tenureDays,
      interpurchaseDays: features.interpurchaseDaysMean, // null for one-time buyers: a missing value
      refundRate: features.refundRate,
      channel: [...channels.get(row.customerId as string)!].sort((a, b) => b[1] - a[1])[0]![0],
    };
  });
}

// Period 1: the embedded shop. Period 2: a year later, other customers (another seed), and a campaign that
// brought bargain hunters and new customers while fewer loyal high spenders came back.
const period1 = { nCustomers: 2500, seed: 42, start: '2024-01-01', end: '2026-01-01' };
const period2 = { nCustomers: 4000, seed: 2026, start: '2025-01-01', end: '2027-01-01' };
const keep: Record<CustomerArchetype, number> = {
  'loyal-high-spender': 0.25,
  'bargain-hunter': 1,
  'one-time-buyer': 0.6,
  lapsed: 0.4,
  new: 1,
};
const rng = createRng(1);
const kept = new Set(
  makeCustomers(period2)
    .filter((c) => rng.uniform() < keep[c.archetype])
    .map((c) => c.customerId),
);
const rows1 = customerRows(makeTransactions(period1));
const rows2 = customerRows(makeTransactions(period2).filter((t) => kept.has(t.customerId)));
console.log(`period 1: ${rows1.length} customers; period 2: ${rows2.length} customers (archetype mix shifted)\n`);

// 1. Column drift: the customer table of period 2 against period 1 (the id is not a feature)
const columns = ['recency', 'frequency', 'monetary', 'monetaryMean', 'tenureDays', 'interpurchaseDays', 'refundRate', 'channel'];
const report = driftReport(rows1, rows2, { columns });
console.log(
  `driftReport: ${report.nDrifted} of ${report.nColumns} columns drifted (dataset drift: ${report.datasetDrift}); more than 1 000 reference rows, so distances rather than p-values`,
);
console.log(
  formatTable(
    ['column', 'type', 'test', 'statistic', 'threshold', 'PSI', 'band', 'missing Δ', 'drifted'],
    report.columns.map((c) => [
      c.column,
      c.type,
      c.test,
      c.statistic === null ? '—' : c.statistic.toFixed(3),
      c.pValue === null ? `≥ ${c.threshold}` : `p < ${c.threshold}`,
      c.psi === null ? '—' : c.psi.toFixed(3),
      c.psiBand ?? '—',
      `${c.missing.change >= 0 ? '+' : ''}${(100 * c.missing.change).toFixed(1)} pts`,
      c.drifted ? 'yes' : 'no',
    ]),
  ),
);

// 2. Segments fitted on period 1; period 2 customers assigned to them
const pipeline = featurePipeline({
  numeric: {
    recency: new StandardScaler(),
    frequency: [new LogTransformer(), new StandardScaler()],
    monetary: [new LogTransformer(), new StandardScaler()],
    tenureDays: [new LogTransformer(), new StandardScaler()],
  },
}).fit(rows1);
const X1 = pipeline.transform(rows1).X;
const X2 = pipeline.transform(rows2).X;
const model = new KMeans({ nClusters: 5, nInit: 5, seed: 7 }).fit(X1);
const labels2 = model.predict(X2);

const shares = segmentDrift(model.labels, labels2);
console.log(
  `\nsegmentDrift: PSI over segment shares ${shares.psi.toFixed(3)} (${shares.psiBand}), chi-square p = ${shares.chiSquare.pValue.toExponential(1)}`,
);
const moved = centroidDrift(model, X2, { reference: X1 });
console.log(
  formatTable(
    ['segment', 'share then', 'share now', 'change', 'centre moved (spreads)', 'noise', 'spread ratio'],
    shares.segments.map((s) => {
      const c = moved.segments[s.segment as number]!;
      return [
        `#${String(s.segment)}`,
        `${(100 * s.referenceShare).toFixed(1)} %`,
        `${(100 * s.currentShare).toFixed(1)} %`,
        `${s.change >= 0 ? '+' : ''}${(100 * s.change).toFixed(1)} pts`,
        c.relativeShift === null ? '—' : c.relativeShift.toFixed(2),
        c.noise === null ? '—' : c.noise.toFixed(2),
        c.spreadRatio === null ? '—' : c.spreadRatio.toFixed(2),
      ];
    }),
  ),
);

// 3. In production: keep a compact profile of period 1 (no rows), built per shard and merged, and check each new batch
const half = Math.floor(rows1.length / 2);
const shardA = DriftMonitor.fromReference(rows1.slice(0, half), { columns, segments: model.labels.slice(0, half) });
const shardB = DriftMonitor.fromReference(rows1.slice(half), { columns, segments: model.labels.slice(half) });
const monitor = DriftMonitor.merge(shardA, shardB);
const saved = JSON.stringify(monitor);
console.log(
  `\nDriftMonitor: ${monitor.referenceRows} reference rows in ${monitor.partitions} shards → a ${(saved.length / 1024).toFixed(0)} KiB profile`,
);
const restored = DriftMonitor.fromJSON(JSON.parse(saved));
const sameMix = restored.check(rows1.slice(0, 800), { segments: model.labels.slice(0, 800) });
console.log(`a batch from period 1:  ${sameMix.status} — ${sameMix.reason}`);
const check = restored.check(rows2, { segments: labels2 });
console.log(`period 2:               ${check.status} — ${check.reason}`);
