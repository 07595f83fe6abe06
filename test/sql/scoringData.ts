// Shared by the SQL tests: a seeded customer table (numeric columns with missing spend, a channel category)
// and the pipeline + models fitted on it in-process.
import {
  createRng,
  featurePipeline,
  GaussianMixture,
  kmeans,
  LogTransformer,
  MinMaxScaler,
  OneHotEncoder,
  PowerTransformer,
  SimpleImputer,
  StandardScaler,
} from 'segmentkit';

import type { Cell, ColumnType } from '../helpers/warehouses';

export const COLUMNS: { name: string; type: ColumnType }[] = [
  { name: 'id', type: 'BIGINT' },
  { name: 'spend', type: 'DOUBLE' },
  { name: 'visits', type: 'DOUBLE' },
  { name: 'tenure', type: 'DOUBLE' },
  { name: 'channel', type: 'VARCHAR' },
];

export interface Customer {
  id: number;
  spend: number | null;
  visits: number;
  tenure: number;
  channel: string;
}

export function makeCustomerTable(n: number, seed: number): Customer[] {
  const rng = createRng(seed);
  const channels = ['web', 'store', 'app'];
  return Array.from({ length: n }, (_, id) => {
    const group = rng.integer(0, 4);
    return {
      id,
      spend: rng.uniform() < 0.02 ? null : Math.exp(rng.normal(2 + group, 0.4)),
      visits: Math.max(0, rng.normal(3 + 4 * (group % 2), 1.5)),
      tenure: rng.normal(100 * group, 30),
      channel: channels[(group + rng.integer(0, 2)) % 3]!,
    };
  });
}

export function tableRows(customers: readonly Customer[]): Cell[][] {
  return customers.map((c) => [c.id, c.spend, c.visits, c.tenure, c.channel]);
}

export function fitModels(customers: readonly Customer[]) {
  const pipeline = featurePipeline({
    numeric: {
      spend: [new SimpleImputer({ strategy: 'median' }), new LogTransformer(), new StandardScaler()],
      visits: new PowerTransformer(),
      tenure: new MinMaxScaler(),
    },
    categorical: { channel: new OneHotEncoder() },
  }).fit(customers as unknown as Record<string, unknown>[]);
  const X = pipeline.transform(customers as unknown as Record<string, unknown>[]).X;
  const sample = { data: X.data.subarray(0, 5000 * X.cols), rows: 5000, cols: X.cols };
  const kmeansModel = kmeans(X, { nClusters: 6, seed: 3, nInit: 1 });
  const gmm = new GaussianMixture({ nComponents: 4, covarianceType: 'full', seed: 2, regCovar: 1e-3 }).fit(sample);
  return { pipeline, X, kmeansModel, gmm };
}
