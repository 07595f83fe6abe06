// Every core, the same segments: Online Retail customers (30 000-line sample) clustered with one worker thread
// and with two. The models are compared bit for bit, and so are the silhouette and a mini-batch fit. 'auto' (the
// default) only spreads work that pays for handing it out: these 3 000-odd customers stay on one thread.
import { KMeans, MiniBatchKMeans, silhouetteScore, startWorkerThreads } from 'segmentkit';
import { onlineRetailCustomers } from './lib/onlineRetailCustomers';

// in Node, Deno and Bun workers also start on first use; in a browser Worker this call is what starts them
const threads = await startWorkerThreads(2);
console.log(`worker threads available: ${threads}`);

const { X } = await onlineRetailCustomers();
console.log(`${X.rows} customers × 3 features (log recency, log frequency, log spend), standardised`);

const bits = (values: ArrayLike<number>): string => Array.from(new BigInt64Array(Float64Array.from(values).buffer), String).join(',');
const fitOn = (workers: number | 'auto') => new KMeans({ nClusters: 5, seed: 7 }).fit(X, { workers });
const one = fitOn(1);
for (const workers of [2, 'auto'] as const) {
  const other = fitOn(workers);
  const same =
    bits(other.centroids.flat()) === bits(one.centroids.flat()) &&
    other.inertia === one.inertia &&
    other.labels.every((v, i) => v === one.labels[i]);
  console.log(`KMeans, workers ${workers}: the model of one thread, bit for bit: ${same ? 'yes' : 'NO'}`);
  if (!same) process.exit(1);
}
console.log('segment sizes:', one.clusterSizes.join(', '));

const silhouette = silhouetteScore(X, one.labels, { workers: 1 });
const silhouetteTwo = silhouetteScore(X, one.labels, { workers: 2 });
console.log(`silhouette ${silhouette.toFixed(4)} on one thread, the same bits on two: ${silhouette === silhouetteTwo ? 'yes' : 'NO'}`);

const mini = (workers: number) => new MiniBatchKMeans({ nClusters: 5, seed: 7, batchSize: 256 }).fit(X, { workers });
const miniOne = mini(1);
const miniTwo = mini(2);
console.log(
  `MiniBatchKMeans (labelling on threads): the same labels and inertia on two threads: ${miniOne.inertia === miniTwo.inertia && miniOne.labels.every((v, i) => v === miniTwo.labels[i]) ? 'yes' : 'NO'}`,
);
if (silhouette !== silhouetteTwo || miniOne.inertia !== miniTwo.inertia) process.exit(1);
