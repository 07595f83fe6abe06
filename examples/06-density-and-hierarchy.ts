// Density and hierarchy on customers: DBSCAN finds the dense groups and flags the unusual customers (noise)
// worth a look; a ward hierarchy shows how the segments nest, cut at any level without refitting.
import {
  AgglomerativeClustering,
  AgglomerativeClusteringModel,
  DBSCAN,
  StandardScaler,
  dendrogramData,
  makeCustomers,
  makeTransactions,
  rfmTable,
  suggestEps,
} from 'segmentkit';

// 1. Customers as log frequency, log spend and recency, standardised (eps is in these units)
const options = { nCustomers: 2000, seed: 42 };
const table = rfmTable(makeTransactions(options));
const archetypeOf = new Map(makeCustomers(options).map((c) => [c.customerId, c.archetype]));
const raw = table.map((row) => [Math.log1p(row.frequency), Math.log1p(Math.max(0, row.monetary)), row.recency]);
const X = new StandardScaler().fit(raw).transform(raw);
console.log(`${X.rows} customers × ${X.cols} features (log frequency, log spend, recency), standardised`);

// 2. Choose eps from the k-distance curve: its knee separates dense customers from sparse ones
const minSamples = 10;
const { eps, distances, kneeIndex } = suggestEps(X, { minSamples });
console.log(
  `suggestEps: knee at ${kneeIndex} of ${distances.length} sorted ${minSamples}-distances → eps ${eps.toFixed(3)} ` +
    `(${((100 * (distances.length - 1 - kneeIndex)) / distances.length).toFixed(1)} % of customers lie beyond it)`,
);

// 3. DBSCAN: dense segments of any shape, and noise (-1)
const model = new DBSCAN({ eps: Number(eps.toFixed(2)), minSamples }).fit(X);
console.log(model); // DBSCANModel { nClusters, noise, … }
const noise = table.filter((_, i) => model.labels[i] === -1);
console.log(`noise customers (${noise.length}): outliers worth a look, by archetype:`);
const byArchetype = new Map<string, number>();
for (const row of noise)
  byArchetype.set(
    String(archetypeOf.get(String(row.customerId))),
    (byArchetype.get(String(archetypeOf.get(String(row.customerId)))) ?? 0) + 1,
  );
console.log(Object.fromEntries([...byArchetype].sort((a, b) => b[1] - a[1])));
const biggest = [...noise].sort((a, b) => b.monetary - a.monetary).slice(0, 3);
console.log(
  'largest spenders among them:',
  biggest
    .map((r) => `${String(r.customerId)} (${r.frequency} order${r.frequency === 1 ? '' : 's'}, ${r.monetary.toFixed(0)} spent)`)
    .join(', '),
);
// a new customer close to a dense group gets its label; one far from every core customer is noise
console.log('new customers →', Array.from(model.predict([Array.from(X.data.subarray(0, 3)), [8, 8, 8]])));

// 4. A ward hierarchy on the same customers: the whole tree, labels at 4 segments, other cuts for free
const tree = new AgglomerativeClustering({ linkage: 'ward', nClusters: 4 }).fit(X);
console.log(tree); // AgglomerativeClusteringModel { linkage: ward, nClusters: 4, … }
tree.centroids.forEach((c, j) => {
  const members = table.filter((_, i) => tree.labels[i] === j);
  const mean = (f: (r: (typeof table)[number]) => number): number => members.reduce((s, r) => s + f(r), 0) / members.length;
  console.log(
    `segment ${j}: ${String(members.length).padStart(4)} customers, ${mean((r) => r.frequency).toFixed(1)} orders, ` +
      `${mean((r) => r.monetary).toFixed(0)} spent, last purchase ${mean((r) => r.recency).toFixed(0)} days ago ` +
      `(standardised centroid ${c.map((v) => v.toFixed(2)).join(', ')})`,
  );
});
const heights = tree.distances;
console.log(
  `top merge heights: ${Array.from(heights.subarray(heights.length - 5))
    .map((h) => h.toFixed(1))
    .join(', ')} (a big jump = a natural cut)`,
);
console.log(
  'cut into 2 instead:',
  tree.cut({ nClusters: 2 }).clusterSizes,
  '· cut at height 20:',
  tree.cut({ distanceThreshold: 20 }).clusterSizes,
);

// 5. Plot-ready dendrogram of the last 8 clusters (draw each link as a polyline through icoord/dcoord)
const dendrogram = dendrogramData(tree, { truncate: 8 });
console.log(
  `dendrogram: ${dendrogram.icoord.length} links over leaves of sizes [${dendrogram.leafSizes.join(', ')}], top at ${dendrogram.maxHeight.toFixed(1)}`,
);

// 6. Both models save as validated JSON (the hierarchy keeps its training rows, for cuts and predict)
const restored = AgglomerativeClusteringModel.fromJSON(JSON.parse(JSON.stringify(tree)));
console.log(
  'restored hierarchy cuts the same:',
  restored.cut({ nClusters: 6 }).labels.every((l, i) => l === tree.cut({ nClusters: 6 }).labels[i]),
);
