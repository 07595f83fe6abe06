import { KMeans, KMeansModel, MiniBatchKMeans, MiniBatchKMeansModel } from 'segmentkit';
import type { EstimatorContract } from '../estimatorContract';

import { CONTRACT_BLOBS } from './data';

export const kmeansContract: EstimatorContract<KMeansModel> = {
  name: 'KMeans',
  create: (seed) => new KMeans({ nClusters: 3, seed }),
  X: CONTRACT_BLOBS,
  apply: (model, X) => ({ labels: Array.from(model.predict(X)), distances: Array.from(model.transform(X).data) }),
  toJSON: (model) => model.toJSON(),
  fromJSON: (json) => KMeansModel.fromJSON(json),
};

export const miniBatchKMeansContract: EstimatorContract<MiniBatchKMeansModel> = {
  name: 'MiniBatchKMeans',
  create: (seed) => new MiniBatchKMeans({ nClusters: 3, batchSize: 32, seed }),
  X: CONTRACT_BLOBS,
  apply: (model, X) => ({ labels: Array.from(model.predict(X)), distances: Array.from(model.transform(X).data) }),
  toJSON: (model) => model.toJSON(),
  fromJSON: (json) => MiniBatchKMeansModel.fromJSON(json),
};
