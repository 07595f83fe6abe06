// HDBSCAN on a real log (UCI Online Retail, 30 000-line sample): segments of any density without choosing eps,
// the customers that fit no segment (noise) ranked by GLOSH outlier score and shown in pounds and days, soft
// membership for a borderline customer, and new customers placed without refitting.
import { HDBSCAN, HDBSCANModel, profileSegments } from 'segmentkit';
import { formatTable } from './lib/formatTable';
import { onlineRetailCustomers } from './lib/onlineRetailCustomers';

const { table, customers, pipeline, X } = await onlineRetailCustomers();
console.log(`${X.rows} customers × 3 features (log recency, log frequency, log spend), standardised`);

// 1. one parameter: the smallest segment worth having (here 3 % of the customers)
const model = new HDBSCAN({ minClusterSize: Math.round(0.03 * X.rows), minSamples: 10 }).fit(X);
console.log(model); // HDBSCANModel { nClusters, noise, … }
console.log(
  'persistence of each segment (1 = as stable as can be):',
  Array.from(model.clusterPersistence, (p) => p.toFixed(2)),
);

// 2. the segments in the data's units (noise profiled as its own group, -1)
const profile = profileSegments(customers, model.labels);
console.log(profile);

// 3. the most unusual customers: highest GLOSH scores, in pounds and days
const order = Array.from(model.outlierScores.keys()).sort((a, b) => model.outlierScores[b]! - model.outlierScores[a]! || a - b);
console.log('most unusual customers (GLOSH):');
console.log(
  formatTable(
    ['customer', 'score', 'label', 'orders', 'spent £', 'days since last'],
    order
      .slice(0, 6)
      .map((i) => [
        String(table[i]!.customerId),
        model.outlierScores[i]!.toFixed(3),
        String(model.labels[i]),
        String(table[i]!.frequency),
        table[i]!.monetary.toFixed(0),
        String(table[i]!.recency),
      ]),
  ),
);

// 4. soft membership: a noise customer still leans towards some segments
const borderline = order.find((i) => model.labels[i] === -1 && model.outlierScores[i]! < 0.6) ?? order[0]!;
const soft = model.softMembership([Array.from(X.data.subarray(borderline * 3, borderline * 3 + 3))]);
console.log(
  `customer ${String(table[borderline]!.customerId)} (noise, GLOSH ${model.outlierScores[borderline]!.toFixed(2)}) membership:`,
  Array.from(soft.data, (v) => v.toFixed(3)),
);

// 5. new customers, placed in the fitted tree (no refit): a lapsed one-time buyer and an extreme regular
const fresh = pipeline.transform([
  { recency: 150, frequency: 1, monetary: 60 },
  { recency: 1, frequency: 400, monetary: 250000 },
]).X;
const placed = model.approximatePredict(fresh);
console.log(
  'new customers →',
  Array.from(placed.labels),
  'strengths',
  Array.from(placed.strengths, (s) => s.toFixed(2)),
);

// 6. saved as JSON (the rows travel with it; loading rebuilds the tree and checks the labels)
const restored = HDBSCANModel.fromJSON(JSON.parse(JSON.stringify(model)));
console.log(
  'restored model, same labels:',
  restored.labels.every((l, i) => l === model.labels[i]),
);
