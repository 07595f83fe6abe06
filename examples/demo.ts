// npm run demo: the segmentkit pipeline, end to end, on the embedded synthetic customers.
// Each stage of the library adds its step here as it lands.
import {
  CUSTOMER_ARCHETYPES,
  KMeans,
  LogTransformer,
  StandardScaler,
  columnMoments,
  featurePipeline,
  fromRecords,
  makeCustomers,
  makeTransactions,
  quantile,
  type CustomerArchetype,
} from 'segmentkit';
import { formatTable } from './lib/formatTable';

const options = { nCustomers: 2000, seed: 42 };
const DAY = 86_400_000;

console.log('segmentkit demo: embedded synthetic customers');
console.log(`makeTransactions(${JSON.stringify(options)})\n`);

// 1. The data: a transaction log drawn from five documented archetypes
const log = makeTransactions(options);
const customers = makeCustomers(options);
const archetypeOf = new Map(customers.map((c) => [c.customerId, c.archetype]));
const refunds = log.filter((t) => t.amount < 0).length;
const first = log[0]!.timestamp.toISOString().slice(0, 10);
const last = log[log.length - 1]!.timestamp.toISOString().slice(0, 10);
console.log(`${log.length.toLocaleString('en-US')} transactions from ${customers.length} customers, ${first} … ${last}, ${((100 * refunds) / log.length).toFixed(1)} % refunds\n`);

// 2. Per-customer behaviour, computed by hand for now (the RFM module will take this over)
interface CustomerSummary {
  customerId: string;
  orders: number;
  spend: number;
  daysSinceLast: number;
  tenureDays: number;
  averageBasket: number;
}
const asOf = Math.floor(log[log.length - 1]!.timestamp.getTime() / DAY) * DAY + DAY;
const byCustomer = new Map<string, { orders: number; spend: number; firstTime: number; lastTime: number }>();
for (const t of log) {
  const time = t.timestamp.getTime();
  const entry = byCustomer.get(t.customerId) ?? { orders: 0, spend: 0, firstTime: time, lastTime: time };
  entry.spend += t.amount;
  if (t.amount > 0) {
    entry.orders += 1;
    entry.lastTime = Math.max(entry.lastTime, time);
  }
  byCustomer.set(t.customerId, entry);
}
const summaries: CustomerSummary[] = [...byCustomer].map(([customerId, e]) => ({
  customerId,
  orders: e.orders,
  spend: Math.round(e.spend * 100) / 100,
  daysSinceLast: Math.floor((asOf - e.lastTime) / DAY),
  tenureDays: Math.floor((e.lastTime - e.firstTime) / DAY),
  averageBasket: e.orders > 0 ? Math.max(0, Math.round((e.spend / e.orders) * 100) / 100) : 0,
}));

// 3. The ground truth, per archetype, so later segmentations can be checked against it
const archetypes = Object.keys(CUSTOMER_ARCHETYPES) as CustomerArchetype[];
console.log('Archetypes (the truth the segments should recover):');
console.log(
  formatTable(
    ['archetype', 'customers', 'orders / cust.', 'spend / cust.', 'median days since last', 'description'],
    archetypes.map((name) => {
      const members = summaries.filter((s) => archetypeOf.get(s.customerId) === name);
      return [
        name,
        members.length,
        members.reduce((a, s) => a + s.orders, 0) / members.length,
        members.reduce((a, s) => a + s.spend, 0) / members.length,
        quantile(members.map((s) => s.daysSinceLast), 0.5),
        CUSTOMER_ARCHETYPES[name].description,
      ];
    }),
    1,
  ),
);

// 4. Into the numeric core: one row per customer, validated once
const columns = ['orders', 'spend', 'daysSinceLast', 'tenureDays', 'averageBasket'];
const { X, featureNames } = fromRecords(summaries as unknown as Record<string, unknown>[], columns);
const { means, variances } = columnMoments(X, 1);
console.log(`\nFeature matrix: ${X.rows} customers × ${X.cols} features (row-major Float64Array)`);
console.log(
  formatTable(
    ['feature', 'mean', 'std', 'p10', 'median', 'p90'],
    featureNames.map((name, j) => {
      const column = Array.from({ length: X.rows }, (_, i) => X.data[i * X.cols + j]!);
      const [p10, p50, p90] = quantile(column, [0.1, 0.5, 0.9]);
      return [name, means[j]!, Math.sqrt(variances[j]!), p10!, p50!, p90!];
    }),
  ),
);
console.log('\nSpend is heavily right-skewed (mean far above the median): log it, then standardise, before clustering.');


// 5. Features through a pipeline (log the heavy tails, standardise), k-means, centroids back in original units
const pipeline = featurePipeline({
  numeric: {
    orders: [new LogTransformer(), new StandardScaler()],
    spend: [new LogTransformer(), new StandardScaler()],
    daysSinceLast: new StandardScaler(),
    tenureDays: [new LogTransformer(), new StandardScaler()],
    averageBasket: [new LogTransformer(), new StandardScaler()],
  },
}).fit(summaries as unknown as Record<string, unknown>[]);
const features = pipeline.transform(summaries as unknown as Record<string, unknown>[]);
const model = new KMeans({ nClusters: 5, nInit: 5, seed: 7 }).fit(features.X);
const typical = pipeline.inverseTransformCentroids(model.centroids);
console.log(`\nk-means, 5 segments on ${features.featureNames.join(', ')} (featurePipeline: log1p + standardise; ${model.nIter} iterations, converged: ${model.converged})`);
const sizes = model.clusterSizes;
const order = sizes.map((_, j) => j).sort((a, b) => (typical[b]!.spend as number) - (typical[a]!.spend as number));
console.log(
  formatTable(
    ['segment', 'customers', 'share', 'orders', 'spend', 'days since last', 'tenure days', 'avg basket', 'mostly'],
    order.map((j, rank) => {
      const counts = new Map<string, number>();
      summaries.forEach((s, i) => {
        if (model.labels[i] === j) counts.set(archetypeOf.get(s.customerId)!, (counts.get(archetypeOf.get(s.customerId)!) ?? 0) + 1);
      });
      const [top, topCount] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
      const t = typical[j]!;
      return [
        `#${rank + 1}`,
        sizes[j]!,
        `${((100 * sizes[j]!) / X.rows).toFixed(1)} %`,
        t.orders as number,
        t.spend as number,
        t.daysSinceLast as number,
        t.tenureDays as number,
        t.averageBasket as number,
        `${top} (${((100 * topCount) / sizes[j]!).toFixed(0)} %)`,
      ];
    }),
    1,
  ),
);
