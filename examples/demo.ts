// npm run demo: the segmentkit pipeline, end to end, on the embedded synthetic customers.
// Each stage of the library adds its step here as it lands.
import {
  AgglomerativeClustering,
  CUSTOMER_ARCHETYPES,
  DBSCAN,
  HDBSCAN,
  PCA,
  UMAP,
  plotSegments,
  trustworthiness,
  GaussianMixture,
  chooseK,
  createRng,
  driftReport,
  explainSegments,
  nameSegments,
  profileSegments,
  segmentTransitions,
  segmentDrift,
  BetaGeoFitter,
  GammaGammaFitter,
  clvSummary,
  customerLifetimeValue,
  KMeans,
  LogTransformer,
  StandardScaler,
  featurePipeline,
  makeCustomers,
  makeTransactions,
  rfmScore,
  rfmSegments,
  rfmSummary,
  rfmTable,
  suggestEps,
  type CustomerArchetype,
} from 'segmentkit';
import { formatTable } from './lib/formatTable';

const options = { nCustomers: 2000, seed: 42 };
// every share in every table goes through this one rounding, so the same share always prints the same
const percent = (share: number): string => `${(Math.round(share * 1000) / 10).toFixed(1)} %`;

console.log('segmentkit demo: embedded synthetic customers');
console.log(`makeTransactions(${JSON.stringify(options)})\n`);

// 1. The data: a transaction log drawn from five documented archetypes
const log = makeTransactions(options);
const customers = makeCustomers(options);
const archetypeOf = new Map(customers.map((c) => [c.customerId, c.archetype]));

// 2. RFM: per-customer recency, frequency, monetary value → quintile scores → named segments
const table = rfmTable(log);
const { report } = table;
console.log(
  `rfmTable: ${report.rows.toLocaleString('en-US')} transactions (${report.refunds} refunds netted) → ${report.customers} customers, ` +
    `recency measured to ${report.asOf.toISOString().slice(0, 10)}\n`,
);
const segments = rfmSegments(rfmScore(table));
const mainArchetype = (members: { customerId: unknown }[]): string => {
  const counts = new Map<string, number>();
  for (const m of members)
    counts.set(archetypeOf.get(m.customerId as string)!, (counts.get(archetypeOf.get(m.customerId as string)!) ?? 0) + 1);
  const [name, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  return `${name} (${((100 * count) / members.length).toFixed(0)} %)`;
};
console.log('RFM segments (rfmSegments with the default rule table; "mostly" is the hidden truth):');
console.log(
  formatTable(
    ['segment', 'customers', 'share', 'days since last', 'purchases', 'spend', 'revenue share', 'mostly'],
    rfmSummary(segments).map((s) => [
      s.segment,
      s.customers,
      percent(s.share),
      s.recency,
      s.frequency,
      s.monetary,
      percent(s.revenueShare),
      mainArchetype(segments.filter((row) => row.segment === s.segment)),
    ]),
    1,
  ),
);

// 3. The ground truth, per archetype
const archetypes = Object.keys(CUSTOMER_ARCHETYPES) as CustomerArchetype[];
console.log('\nArchetypes (the truth the segments should recover):');
console.log(
  formatTable(
    ['archetype', 'customers', 'description'],
    archetypes.map((name) => [name, customers.filter((c) => c.archetype === name).length, CUSTOMER_ARCHETYPES[name].description]),
  ),
);

// 4. Behavioural features (gross spend, and how long each customer stayed active) through a pipeline that logs
//    the heavy tails and standardises, then k-means; centroids reported back in the original units
const gross = rfmTable(log, { refunds: 'exclude' });
const behaviour = gross.map((row) => ({
  ...row,
  activeDays: (row.lastPurchase.getTime() - row.firstPurchase.getTime()) / 86_400_000,
}));
const pipeline = featurePipeline({
  numeric: {
    frequency: [new LogTransformer(), new StandardScaler()],
    monetary: [new LogTransformer(), new StandardScaler()],
    recency: new StandardScaler(),
    activeDays: [new LogTransformer(), new StandardScaler()],
    monetaryMean: [new LogTransformer(), new StandardScaler()],
  },
}).fit(behaviour);
const features = pipeline.transform(behaviour);

// 5. How many segments? chooseK scores k = 2…8 with every criterion and votes
const choice = chooseK(features.X, { kMin: 2, kMax: 8, seed: 7 });
console.log('\nchooseK (k-means on the pipeline features):');
console.log(
  formatTable(
    ['k', 'inertia', 'silhouette', 'Calinski–Harabasz', 'Davies–Bouldin', 'gap', 'BIC'],
    choice.rows.map((r) => [
      r.k,
      r.inertia ?? NaN,
      r.silhouette ?? NaN,
      r.calinskiHarabasz ?? NaN,
      r.daviesBouldin ?? NaN,
      r.gap ?? NaN,
      r.bic ?? NaN,
    ]),
    3,
  ),
);
console.log(`recommended k = ${choice.recommendedK}: ${choice.reason}`);

const model = new KMeans({ nClusters: choice.recommendedK, nInit: 5, seed: 7 }).fit(features.X);
const typical = pipeline.inverseTransformCentroids(model.centroids);
console.log(
  `\nk-means, ${choice.recommendedK} segments on ${features.featureNames.join(', ')} (${model.nIter} iterations, converged: ${model.converged}); centroids in original units:`,
);
const sizes = model.clusterSizes;
// one numbering for every table below: segments #1, #2, … by typical spend, highest first, each with the name
// nameSegments gives it from its profile (in the data's units, tested against the rest of the customers)
const order = sizes.map((_, j) => j).sort((a, b) => (typical[b]!.monetary as number) - (typical[a]!.monetary as number));
const names = nameSegments(
  profileSegments(behaviour, model.labels, { columns: ['frequency', 'monetary', 'recency', 'activeDays', 'monetaryMean'] }),
);
const segmentName = (label: number): string => `#${order.indexOf(label) + 1} ${names[label]!.name}`;
console.log(
  formatTable(
    ['segment', 'customers', 'share', 'purchases', 'spend', 'days since last', 'active days', 'avg basket', 'mostly'],
    order.map((j) => {
      const t = typical[j]!;
      return [
        segmentName(j),
        sizes[j]!,
        percent(sizes[j]! / table.length),
        t.frequency as number,
        t.monetary as number,
        t.recency as number,
        t.activeDays as number,
        t.monetaryMean as number,
        mainArchetype(behaviour.filter((_, i) => model.labels[i] === j)),
      ];
    }),
    1,
  ),
);

// the rules that reproduce the segments (an IMM threshold tree on the same features), in the original units
const explanation = explainSegments(features.X, model, { pipeline });
console.log(
  `rules (explainSegments: fidelity ${(100 * explanation.fidelity).toFixed(1)} %, cost ratio ${explanation.costRatio!.toFixed(3)}):`,
);
for (const j of order) console.log(`  ${segmentName(j)}: ${explanation.segments[j]!.rules.join(' or ')}`);

// 6. Soft segments: a Gaussian mixture on the same features; how many members of each segment are borderline?
const gm = new GaussianMixture({ nComponents: 5, covarianceType: 'full', seed: 7 }).fit(features.X);
const gmLabels = gm.predict(features.X);
const uncertainty = gm.uncertainty(features.X);
const gmTypical = pipeline.inverseTransformCentroids(gm.means.map((row) => [...row]));
console.log(
  `\nGaussian mixture, 5 components (full covariance, ${gm.nIter} EM iterations, converged: ${gm.converged}); uncertain = 1 − max probability > 0.2;`,
);
console.log('components lettered by typical spend, highest first; "k-means segment" is where most of their members are:');
const gmOrder = gm.means.map((_, c) => c).sort((a, b) => (gmTypical[b]!.monetary as number) - (gmTypical[a]!.monetary as number));
const mostlyIn = (c: number): string => {
  const counts = new Map<number, number>();
  model.labels.forEach((label, i) => {
    if (gmLabels[i] === c) counts.set(label, (counts.get(label) ?? 0) + 1);
  });
  const best = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  return best === undefined ? '—' : segmentName(best[0]);
};
console.log(
  formatTable(
    ['component', 'weight', 'customers', 'uncertain members', 'spend', 'days since last', 'k-means segment', 'mostly'],
    gmOrder.map((c, rank) => {
      const members = behaviour.filter((_, i) => gmLabels[i] === c);
      const uncertain = Array.from(uncertainty).filter((u, i) => gmLabels[i] === c && u > 0.2).length;
      return [
        String.fromCharCode(65 + rank),
        gm.weights[c]!.toFixed(3),
        members.length,
        percent(members.length === 0 ? 0 : uncertain / members.length),
        gmTypical[c]!.monetary as number,
        gmTypical[c]!.recency as number,
        mostlyIn(c),
        members.length === 0 ? '—' : mainArchetype(members),
      ];
    }),
    1,
  ),
);

// 7. Density and hierarchy: DBSCAN flags customers in no dense group (outliers worth a look); a ward tree
//    shows how the segments nest
const eps = suggestEps(features.X, { minSamples: 10 }).eps;
const density = new DBSCAN({ eps, minSamples: 10 }).fit(features.X);
const noise = behaviour.filter((_, i) => density.labels[i] === -1);
console.log(
  `\nDBSCAN (eps ${eps.toFixed(3)} from suggestEps, minSamples 10): ${density.nClusters} dense groups, ${noise.length} noise customers${noise.length > 0 ? `, mostly ${mainArchetype(noise)}` : ''}`,
);
// HDBSCAN needs no eps: segments of any density, and every customer scored by how unusual it is (GLOSH)
const hdbscan = new HDBSCAN({ minClusterSize: 40, minSamples: 10 }).fit(features.X);
const unusual = Array.from(hdbscan.outlierScores.keys())
  .sort((a, b) => hdbscan.outlierScores[b]! - hdbscan.outlierScores[a]! || a - b)
  .slice(0, 5);
console.log(`HDBSCAN (minClusterSize 40): ${hdbscan.nClusters} segments, ${hdbscan.nNoise} noise customers; the 5 most unusual (GLOSH):`);
console.log(
  formatTable(
    ['customer', 'score', 'archetype', 'orders', 'spend', 'days since last'],
    unusual.map((i) => [
      String(gross[i]!.customerId),
      hdbscan.outlierScores[i]!.toFixed(3),
      String(archetypeOf.get(String(gross[i]!.customerId))),
      String(gross[i]!.frequency),
      gross[i]!.monetary.toFixed(0),
      String(gross[i]!.recency),
    ]),
  ),
);
// a 2-D view of the k-means segments: UMAP (seeded, same picture on every runtime) against PCA, judged by how
// well each keeps every customer's nearest neighbours (trustworthiness, 1 = all kept)
const umapView = new UMAP({ seed: 7 }).fit(features.X).embedding;
const pcaView = new PCA({ nComponents: 2 }).fit(features.X).transform(features.X);
const view = plotSegments(umapView, model.labels, { title: 'k-means segments, UMAP view' });
console.log(
  `2-D views: UMAP trustworthiness ${trustworthiness(features.X, umapView).toFixed(3)}, PCA ${trustworthiness(features.X, pcaView).toFixed(3)}; ${String(view.title)} (${(view.data as { values: unknown[] }).values.length} points, a Vega-Lite chart)`,
);
const tree = new AgglomerativeClustering({ linkage: 'ward', nClusters: choice.recommendedK }).fit(features.X);
const heights = tree
  .linkageMatrix()
  .slice(-4)
  .map((row) => row[2]!.toFixed(1));
console.log(
  `ward hierarchy: the last merges happen at heights ${heights.join(', ')}; cut into ${choice.recommendedK}: sizes [${tree.clusterSizes.join(', ')}]`,
);

// 8. Monitoring: a second period with a shifted customer mix (a campaign brought bargain hunters and new
//    customers; fewer loyal high spenders came back). Which features drifted, and did the segment shares move?
const nextPeriod = { nCustomers: 2000, seed: 2026 };
const keepShare: Record<CustomerArchetype, number> = {
  'loyal-high-spender': 0.3,
  'bargain-hunter': 1,
  'one-time-buyer': 0.7,
  lapsed: 0.5,
  new: 1,
};
const keepRng = createRng(1);
const kept = new Set(
  makeCustomers(nextPeriod)
    .filter((c) => keepRng.uniform() < keepShare[c.archetype])
    .map((c) => c.customerId),
);
const nextBehaviour = rfmTable(
  makeTransactions(nextPeriod).filter((t) => kept.has(t.customerId)),
  { refunds: 'exclude' },
).map((row) => ({
  ...row,
  activeDays: (row.lastPurchase.getTime() - row.firstPurchase.getTime()) / 86_400_000,
}));
const driftColumns = ['frequency', 'monetary', 'recency', 'activeDays', 'monetaryMean'];
const drift = driftReport(behaviour, nextBehaviour, { columns: driftColumns });
console.log(
  `\nNext period: ${nextBehaviour.length} customers. driftReport: ${drift.nDrifted} of ${drift.nColumns} features drifted (dataset drift: ${drift.datasetDrift})`,
);
console.log(
  formatTable(
    ['feature', 'test', 'statistic', 'threshold', 'PSI', 'drifted', 'which way (median then → now)'],
    drift.columns.map((c) => [
      c.column,
      c.test,
      c.statistic === null ? '—' : c.statistic.toFixed(3),
      c.threshold,
      c.psi === null ? '—' : c.psi.toFixed(3),
      c.drifted ? 'yes' : 'no',
      c.direction === null ? '—' : `${c.direction}: ${c.referenceMedian!.toFixed(1)} → ${c.currentMedian!.toFixed(1)}`,
    ]),
    3,
  ),
);
const nextLabels = model.predict(pipeline.transform(nextBehaviour).X);
const shares = segmentDrift(model.labels, nextLabels);
// who moved where: the same customers half a year ago and now (the log cut six months before its end, through
// the same pipeline and model), segment then → segment now
const sixMonthsEarlier = table.report.asOf.getTime() - 182 * 86_400_000;
const earlier = rfmTable(
  log.filter((t) => t.timestamp.getTime() < sixMonthsEarlier),
  { refunds: 'exclude' },
).map((row) => ({ ...row, activeDays: (row.lastPurchase.getTime() - row.firstPurchase.getTime()) / 86_400_000 }));
const earlierLabels = model.predict(pipeline.transform(earlier).X);
const moves = segmentTransitions(
  new Map(earlier.map((row, i) => [row.customerId, segmentName(earlierLabels[i]!)])),
  new Map(behaviour.map((row, i) => [row.customerId, segmentName(model.labels[i]!)])),
);
console.log(`segmentDrift: PSI over segment shares ${shares.psi.toFixed(3)}, chi-square p = ${shares.chiSquare.pValue.toExponential(2)}`);
console.log(
  formatTable(
    ['segment', 'share then', 'share now', 'change'],
    [...shares.segments]
      .sort((a, b) => order.indexOf(Number(a.segment)) - order.indexOf(Number(b.segment)))
      .map((s) => [
        segmentName(Number(s.segment)),
        percent(s.referenceShare),
        percent(s.currentShare),
        `${(100 * s.change).toFixed(1)} pts`,
      ]),
  ),
);
console.log(
  `\nsegmentTransitions, six months ago → now (same customers, same model): ${moves.retained} customers in both, ${percent(moves.stayed)} stayed in their segment; ${moves.newCustomers.total} new since`,
);
const moveOrder = [...moves.segments.keys()].sort((a, b) =>
  String(moves.segments[a]).localeCompare(String(moves.segments[b]), 'en', { numeric: true }),
);
console.log(
  formatTable(
    ['six months ago \\ now', ...moveOrder.map((j) => String(moves.segments[j]).split(' ')[0]!)],
    moveOrder.map((i) => [String(moves.segments[i]), ...moveOrder.map((j) => moves.counts[i]![j]!)]),
  ),
);

// 8. Customer value: BG/NBD for how many more purchases, Gamma-Gamma for how much each, discounted over the next
//    52 weeks; summed per k-means segment. Then the RFM "At Risk" customers: how likely is each still a customer?
const weekly = clvSummary(log, { period: 'week', asOf: table.report.asOf });
const purchaseModel = new BetaGeoFitter().fit(weekly);
const repeatBuyers = weekly.filter((row) => row.frequency > 0 && row.monetaryValue > 0);
const spendModel = new GammaGammaFitter().fit(repeatBuyers);
const segmentOf = new Map(behaviour.map((row, i) => [row.customerId, segmentName(model.labels[i]!)]));
const valued = weekly.filter((row) => row.monetaryValue >= 0 && segmentOf.has(row.customerId));
const clv = customerLifetimeValue(purchaseModel, spendModel, valued, {
  horizon: 52,
  discountRate: 0.002, // a week: about 11 % a year
  period: 'week',
  labels: valued.map((row) => segmentOf.get(row.customerId)!),
});
const { r, alpha, a, b } = purchaseModel.params;
console.log(
  `
Customer value: BG/NBD on ${weekly.length} weekly summaries (r ${r.toFixed(3)}, α ${alpha.toFixed(2)}, a ${a.toFixed(3)}, b ${b.toFixed(3)}; converged: ${purchaseModel.fit.converged}), ` +
    `Gamma-Gamma on ${repeatBuyers.length} repeat buyers; expected value over the next 52 weeks, discounted 0.2 % a week: ${clv.total.toFixed(0)} in all`,
);
console.log(
  formatTable(
    ['segment', 'customers', 'expected value', 'per customer', 'share of value'],
    [...clv.perSegment]
      .sort((x, y) => String(x.segment).localeCompare(String(y.segment), 'en', { numeric: true }))
      .map((s) => [String(s.segment), s.customers, s.total.toFixed(0), s.mean.toFixed(2), percent(s.total / clv.total)]),
  ),
);
const weeklyOf = new Map(weekly.map((row) => [row.customerId, row]));
const atRisk = segments.filter((s) => s.segment === 'At Risk').map((s) => weeklyOf.get(s.customerId)!);
const alive = atRisk.map((row) => purchaseModel.probabilityAlive(row)).sort((x, y) => x - y);
const quantileOf = (q: number): string => alive[Math.min(alive.length - 1, Math.floor(q * alive.length))]!.toFixed(2);
console.log(
  `RFM "At Risk" (${atRisk.length} customers): P(alive) median ${quantileOf(0.5)}, quartiles ${quantileOf(0.25)}–${quantileOf(0.75)}; ` +
    `${alive.filter((p) => p < 0.5).length} are more likely gone than not`,
);
