import { describeEstimatorContract } from './estimatorContract';
import { ESTIMATORS } from './registry';

for (const estimator of ESTIMATORS) describeEstimatorContract(estimator);
