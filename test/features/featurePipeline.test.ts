import { describe, expect, it } from 'vitest';
import {
  featurePipeline,
  FittedFeaturePipeline,
  KMeans,
  LogTransformer,
  OneHotEncoder,
  OrdinalEncoder,
  RobustScaler,
  SimpleImputer,
  StandardScaler,
} from 'segmentkit';

import { expectSegmentkitError } from '../helpers/expectError';

const customers = [
  { id: 'a', spend: 120, visits: 4, channel: 'web', tier: 'gold', age: 31 },
  { id: 'b', spend: null, visits: 9, channel: 'store', tier: 'silver', age: 45 },
  { id: 'c', spend: '40.5', visits: 2, channel: 'web', tier: 'bronze', age: 22 },
  { id: 'd', spend: 3000, visits: 30, channel: 'app', tier: 'gold', age: 52 },
  { id: 'e', spend: 75, visits: undefined, channel: null, tier: 'silver', age: 38 },
];

const spec = () => ({
  numeric: {
    spend: [new SimpleImputer({ strategy: 'median' }), new LogTransformer(), new StandardScaler()],
    visits: [new SimpleImputer({ strategy: 'mean' }), new RobustScaler()],
  },
  categorical: {
    channel: [new SimpleImputer({ strategy: 'most_frequent' }), new OneHotEncoder()],
    tier: new OrdinalEncoder({ categories: [['bronze', 'silver', 'gold']] }),
  },
  passthrough: ['age'],
});

describe('featurePipeline', () => {
  const fitted = featurePipeline(spec()).fit(customers);

  it('names the output columns: numeric, encoder outputs, passthrough', () => {
    expect(fitted.featureNames).toEqual(['spend', 'visits', 'channel_app', 'channel_store', 'channel_web', 'tier', 'age']);
  });

  it('applies each chain in order, equal to running the steps by hand', () => {
    const { X } = fitted.transform(customers);
    const spend = [120, 97.5, 40.5, 3000, 75]; // median of the four known values fills row b
    const logged = spend.map(Math.log1p);
    const scaler = new StandardScaler().fit(logged.map((v) => [v]));
    const expected = scaler.transform(logged.map((v) => [v])).data;
    for (let i = 0; i < 5; i++) expect(X.data[i * 7]!).toBeCloseTo(expected[i]!, 12);
    // the missing channel of row e becomes the most frequent one, 'web'
    expect(Array.from(X.data.subarray(4 * 7 + 2, 4 * 7 + 5))).toEqual([0, 0, 1]);
    expect(X.data[3 * 7 + 5]).toBe(2); // gold is code 2 in the given order
    expect(X.data[3 * 7 + 6]).toBe(52);
  });

  it('accepts a column object as well as records, with the same result', () => {
    const columns = {
      spend: customers.map((c) => c.spend),
      visits: customers.map((c) => c.visits),
      channel: customers.map((c) => c.channel),
      tier: customers.map((c) => c.tier),
      age: Float64Array.from(customers.map((c) => c.age)),
    };
    expect(featurePipeline(spec()).fit(columns).transform(columns).X).toEqual(fitted.transform(customers).X);
  });

  it('brings rows and centroids back to the user units', () => {
    const { X } = fitted.transform(customers);
    const back = fitted.inverseTransformRow(X.data.subarray(3 * 7, 4 * 7));
    expect(back.spend as number).toBeCloseTo(3000, 9);
    expect(back.visits as number).toBeCloseTo(30, 12);
    expect(back).toMatchObject({ channel: 'app', tier: 'gold', age: 52 });
    // a centroid holds category shares: the largest share wins
    const centroid = Array.from({ length: 7 }, (_, j) => (X.data[0 * 7 + j]! + X.data[2 * 7 + j]! + X.data[1 * 7 + j]!) / 3);
    expect(fitted.inverseTransformCentroids([centroid])[0]!.channel).toBe('web');
  });

  it('feeds k-means and reports centroids in original units', () => {
    const { X } = fitted.transform(customers);
    const model = new KMeans({ nClusters: 2, seed: 1 }).fit(X);
    const centroids = fitted.inverseTransformCentroids(model.centroids);
    expect(centroids).toHaveLength(2);
    for (const c of centroids) expect(typeof c.spend).toBe('number');
  });

  it('round-trips through JSON and does not mutate the records', () => {
    const before = structuredClone(customers);
    const restored = FittedFeaturePipeline.fromJSON(JSON.parse(JSON.stringify(fitted)));
    expect(restored.transform(customers)).toEqual(fitted.transform(customers));
    expect(customers).toEqual(before);
    expect(Object.isFrozen(fitted)).toBe(true);
  });

  describe('errors name the row and column', () => {
    it('in the data', () => {
      expectSegmentkitError(
        () => featurePipeline({ numeric: { income: new StandardScaler() } }).fit(customers),
        'E_PARSE',
        /column 'income' is not in the data/,
      );
      expectSegmentkitError(
        () => featurePipeline({ numeric: { id: new StandardScaler() } }).fit(customers),
        'E_PARSE',
        /row 0, column 'id' is "a", not a number/,
      );
      expectSegmentkitError(
        () => featurePipeline({ numeric: { spend: new StandardScaler() } }).fit(customers),
        'E_NOT_FINITE',
        /row 1, column 'spend' is missing; start its steps with new SimpleImputer/,
      );
      expectSegmentkitError(
        () => featurePipeline({ categorical: { channel: new OneHotEncoder() } }).fit(customers),
        'E_PARSE',
        /row 4, column 'channel' is missing/,
      );
      expectSegmentkitError(() => fitted.transform([{ ...customers[0]!, channel: 'phone' }]), 'E_PARAM', /phone/);
      expectSegmentkitError(() => featurePipeline({ passthrough: ['age'] }).fit({ age: [1, 2], x: [1] }), 'E_SHAPE', /equally long/);
      expectSegmentkitError(() => fitted.inverseTransformRow([1, 2]), 'E_SHAPE', /2 values but the pipeline makes 7/);
    });

    it('in the declaration', () => {
      expectSegmentkitError(() => featurePipeline({}), 'E_PARAM', /at least one/);
      expectSegmentkitError(() => featurePipeline({ numeric: { a: new StandardScaler() }, passthrough: ['a'] }), 'E_PARAM', /listed twice/);
      expectSegmentkitError(
        () => featurePipeline({ numeric: { a: [new StandardScaler(), new SimpleImputer()] } }),
        'E_PARAM',
        /must be its first step/,
      );
      expectSegmentkitError(
        () => featurePipeline({ categorical: { c: new StandardScaler() as never } }),
        'E_PARAM',
        /must end with a OneHotEncoder/,
      );
      expectSegmentkitError(
        () => featurePipeline({ categorical: { c: [new SimpleImputer({ strategy: 'mean' }), new OneHotEncoder()] } }),
        'E_PARAM',
        /'most_frequent' or 'constant'/,
      );
      expectSegmentkitError(() => featurePipeline({ numerics: {} } as never), 'E_PARAM', /did you mean 'numeric'/);
    });

    it('in a serialised pipeline', () => {
      const json = fitted.toJSON();
      expectSegmentkitError(
        () => FittedFeaturePipeline.fromJSON({ ...json, numeric: [{ column: 'x', steps: [{ kind: 'Nope' }] }] }),
        'E_MODEL',
        /unknown kind/,
      );
      expectSegmentkitError(() => FittedFeaturePipeline.fromJSON({ ...json, passthrough: ['spend'] }), 'E_MODEL', /distinct/);
    });
  });
});
