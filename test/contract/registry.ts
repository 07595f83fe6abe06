// Every estimator registers here; contract.test.ts runs the shared suite over the list.
import { makeBlobs } from '../../src/datasets/makeBlobs';
import { matrixToArrays } from '../../src/core/Matrix';
import { KMeans } from '../../src/cluster/KMeans';
import { KMeansModel } from '../../src/cluster/KMeansModel';
import { MiniBatchKMeans } from '../../src/cluster/MiniBatchKMeans';
import { MiniBatchKMeansModel } from '../../src/cluster/MiniBatchKMeansModel';
import type { EstimatorContract } from './estimatorContract';
import { CenteringEstimator, CenteringModel } from './fixtures/CenteringEstimator';

const blobs = matrixToArrays(makeBlobs({ nSamples: 120, centers: 3, nFeatures: 3, seed: 42 }).X);

export const ESTIMATORS: EstimatorContract<any>[] = [
  {
    name: 'CenteringEstimator (contract self-check fixture)',
    create: (seed) => new CenteringEstimator(seed),
    X: blobs,
    apply: (model: CenteringModel, X) => model.transform(X),
    toJSON: (model: CenteringModel) => model.toJSON(),
    fromJSON: (json) => CenteringModel.fromJSON(json),
  } satisfies EstimatorContract<CenteringModel>,
  {
    name: 'KMeans',
    create: (seed) => new KMeans({ nClusters: 3, seed }),
    X: blobs,
    apply: (model: KMeansModel, X) => ({ labels: Array.from(model.predict(X)), distances: Array.from(model.transform(X).data) }),
    toJSON: (model: KMeansModel) => model.toJSON(),
    fromJSON: (json) => KMeansModel.fromJSON(json),
  } satisfies EstimatorContract<KMeansModel>,
  {
    name: 'MiniBatchKMeans',
    create: (seed) => new MiniBatchKMeans({ nClusters: 3, batchSize: 32, seed }),
    X: blobs,
    apply: (model: MiniBatchKMeansModel, X) => ({ labels: Array.from(model.predict(X)), distances: Array.from(model.transform(X).data) }),
    toJSON: (model: MiniBatchKMeansModel) => model.toJSON(),
    fromJSON: (json) => MiniBatchKMeansModel.fromJSON(json),
  } satisfies EstimatorContract<MiniBatchKMeansModel>,
];
