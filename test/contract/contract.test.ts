import { describeEstimatorContract } from './estimatorContract';
import { ESTIMATORS, TRANSFORMERS } from './registry';
import { describeTransformerContract } from './transformerContract';

for (const estimator of ESTIMATORS) describeEstimatorContract(estimator);
for (const transformer of TRANSFORMERS) describeTransformerContract(transformer);
