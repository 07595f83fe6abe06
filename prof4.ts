import { KMeans } from './src/cluster/KMeans';
import { makeBlobs } from './src/datasets/makeBlobs';
const n = 1_000_000, d = 8, k = 8;
const { X } = makeBlobs({ nSamples: n, nFeatures: d, centers: k, clusterStd: 2, seed: 2026 });
const init = { data: Float64Array.from(X.data.subarray(0, k * d)), rows: k, cols: d };
for (let r = 0; r < 3; r++) new KMeans({ nClusters: k, init, tol: 0, algorithm: 'hamerly' }).fit(X);
