import type { EstimatorContract } from '../estimatorContract';

import { CenteringEstimator, CenteringModel } from '../fixtures/CenteringEstimator';

import { CONTRACT_BLOBS } from './data';

/** Proves the suite itself works, independent of any real estimator. */
export const fixtureContract: EstimatorContract<CenteringModel> = {
  name: 'CenteringEstimator (contract self-check fixture)',
  create: (seed) => new CenteringEstimator(seed),
  X: CONTRACT_BLOBS,
  apply: (model, X) => model.transform(X),
  toJSON: (model) => model.toJSON(),
  fromJSON: (json) => CenteringModel.fromJSON(json),
};
