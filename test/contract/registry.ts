// Every estimator registers here: one file per module in registrations/, one import line below.
import type { EstimatorContract } from './estimatorContract';

import { fixtureContract } from './registrations/fixture';

import { kmeansContract, miniBatchKMeansContract } from './registrations/kmeans';

import { agglomerativeClusteringContract, dbscanContract } from './registrations/density';

import { gaussianMixtureContract } from './registrations/mixture';

import { pcaContract } from './registrations/pca';
import { transformerContracts } from './registrations/transformers';
import type { TransformerContract } from './transformerContract';
import type { FittedModel } from 'segmentkit';

export const ESTIMATORS: EstimatorContract<any>[] = [
  fixtureContract,
  kmeansContract,
  miniBatchKMeansContract,
  pcaContract,
  gaussianMixtureContract,
  dbscanContract,
  agglomerativeClusteringContract,
];

/** Every transformer (scalers, transforms, the imputer, encoders): one entry per class in registrations/transformers.ts. */
export const TRANSFORMERS: TransformerContract<FittedModel>[] = transformerContracts;
