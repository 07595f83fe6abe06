import { PCA, PCAModel } from 'segmentkit';
import type { EstimatorContract } from '../estimatorContract';

import { CONTRACT_BLOBS } from './data';

// The randomized solver, so the seed matters (the sketch is drawn from it).
export const pcaContract: EstimatorContract<PCAModel> = {
  name: 'PCA',
  create: (seed) => new PCA({ nComponents: 2, svdSolver: 'randomized', seed }),
  X: CONTRACT_BLOBS,
  apply: (model, X) => Array.from(model.transform(X).data),
  toJSON: (model) => model.toJSON(),
  fromJSON: (json) => PCAModel.fromJSON(json),
};
