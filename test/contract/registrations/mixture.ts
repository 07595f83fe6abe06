import { GaussianMixture, GaussianMixtureModel } from 'segmentkit';
import type { EstimatorContract } from '../estimatorContract';

import { CONTRACT_BLOBS } from './data';

export const gaussianMixtureContract: EstimatorContract<GaussianMixtureModel> = {
  name: 'GaussianMixture',
  create: (seed) => new GaussianMixture({ nComponents: 3, seed }),
  X: CONTRACT_BLOBS,
  apply: (model, X) => Array.from(model.predictProba(X).data),
  toJSON: (model) => model.toJSON(),
  fromJSON: (json) => GaussianMixtureModel.fromJSON(json),
};
