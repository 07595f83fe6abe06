import { AgglomerativeClustering, AgglomerativeClusteringModel, DBSCAN, DBSCANModel } from 'segmentkit';
import type { EstimatorContract } from '../estimatorContract';

import { CONTRACT_BLOBS } from './data';

// Neither estimator draws random numbers: the seed is ignored and determinism holds trivially.

/** eps 1.5 finds the three blobs of CONTRACT_BLOBS with a few noise rows. */
export const dbscanContract: EstimatorContract<DBSCANModel> = {
  name: 'DBSCAN',
  create: () => new DBSCAN({ eps: 1.5, minSamples: 5 }),
  X: CONTRACT_BLOBS,
  apply: (model, X) => Array.from(model.predict(X)),
  toJSON: (model) => model.toJSON(),
  fromJSON: (json) => DBSCANModel.fromJSON(json),
};

export const agglomerativeClusteringContract: EstimatorContract<AgglomerativeClusteringModel> = {
  name: 'AgglomerativeClustering',
  create: () => new AgglomerativeClustering({ linkage: 'ward', nClusters: 3 }),
  X: CONTRACT_BLOBS,
  apply: (model, X) => ({ labels: Array.from(model.cut({ nClusters: 3 }).labels), predicted: Array.from(model.predict(X)) }),
  toJSON: (model) => model.toJSON(),
  fromJSON: (json) => AgglomerativeClusteringModel.fromJSON(json),
};
