import {
  LogTransformer,
  LogTransformerModel,
  MaxAbsScaler,
  MaxAbsScalerModel,
  MinMaxScaler,
  MinMaxScalerModel,
  OneHotEncoder,
  OneHotEncoderModel,
  OrdinalEncoder,
  OrdinalEncoderModel,
  PowerTransformer,
  PowerTransformerModel,
  RobustScaler,
  RobustScalerModel,
  SimpleImputer,
  SimpleImputerModel,
  StandardScaler,
  StandardScalerModel,
  Winsorizer,
  WinsorizerModel,
  type FittedModel,
  type MatrixLike,
} from 'segmentkit';
import type { TransformerContract } from '../transformerContract';
import { CONTRACT_BLOBS } from './data';

// positive rows, so the log and Box–Cox domains hold
const POSITIVE = CONTRACT_BLOBS.map((row) => row.map((v) => Math.abs(v) + 1));
const numericApply = (model: FittedModel, X: readonly (readonly unknown[])[]): number[] => Array.from((model as unknown as { transform(X: MatrixLike): { data: Float64Array } }).transform(X as MatrixLike).data);
const CATEGORIES = Array.from({ length: 30 }, (_, i) => [['gold', 'silver', 'bronze'][i % 3]!, ['web', 'app'][i % 2]!, i % 5]);

export const transformerContracts: TransformerContract<FittedModel>[] = [
  { name: 'StandardScaler', create: () => new StandardScaler(), construct: (o) => new StandardScaler(o as never), badOptions: [{ withMean: 'no' }, { withMeen: true }], X: CONTRACT_BLOBS, apply: numericApply, fromJSON: (j) => StandardScalerModel.fromJSON(j), missing: 'reject', invertible: true },
  { name: 'MinMaxScaler', create: () => new MinMaxScaler(), construct: (o) => new MinMaxScaler(o as never), badOptions: [{ featureRange: [1, 0] }, { range: [0, 1] }], X: CONTRACT_BLOBS, apply: numericApply, fromJSON: (j) => MinMaxScalerModel.fromJSON(j), missing: 'reject', invertible: true },
  { name: 'RobustScaler', create: () => new RobustScaler(), construct: (o) => new RobustScaler(o as never), badOptions: [{ withCentering: 0 }, { quantileRange: [80, 20] }], X: CONTRACT_BLOBS, apply: numericApply, fromJSON: (j) => RobustScalerModel.fromJSON(j), missing: 'reject', invertible: true },
  { name: 'MaxAbsScaler', create: () => new MaxAbsScaler(), construct: (o) => new MaxAbsScaler(o as never), badOptions: [{ copy: true }], X: CONTRACT_BLOBS, apply: numericApply, fromJSON: (j) => MaxAbsScalerModel.fromJSON(j), missing: 'reject', invertible: true },
  { name: 'LogTransformer', create: () => new LogTransformer(), construct: (o) => new LogTransformer(o as never), badOptions: [{ base: 10 }], X: POSITIVE, apply: numericApply, fromJSON: (j) => LogTransformerModel.fromJSON(j), missing: 'reject', invertible: true },
  { name: 'PowerTransformer', create: () => new PowerTransformer(), construct: (o) => new PowerTransformer(o as never), badOptions: [{ standardize: 'yes' }, { method: 'log' }], X: POSITIVE, apply: numericApply, fromJSON: (j) => PowerTransformerModel.fromJSON(j), missing: 'reject', invertible: true },
  { name: 'Winsorizer', create: () => new Winsorizer(), construct: (o) => new Winsorizer(o as never), badOptions: [{ quantiles: [0.9, 0.1] }, { limits: [0, 1] }], X: CONTRACT_BLOBS, apply: numericApply, fromJSON: (j) => WinsorizerModel.fromJSON(j), missing: 'reject' },
  { name: 'SimpleImputer', create: () => new SimpleImputer({ strategy: 'median' }), construct: (o) => new SimpleImputer(o as never), badOptions: [{ strategy: 'mode' }, { fillValue: {} }, { fill: 0 }], X: CONTRACT_BLOBS, apply: numericApply, fromJSON: (j) => SimpleImputerModel.fromJSON(j), missing: 'fill' },
  {
    name: 'OneHotEncoder',
    create: () => new OneHotEncoder(),
    construct: (o) => new OneHotEncoder(o as never),
    badOptions: [{ handleUnknown: 'skip' }, { sparse: false }],
    X: CATEGORIES,
    apply: (model, X) => Array.from((model as OneHotEncoderModel).transform(X).data),
    fromJSON: (j) => OneHotEncoderModel.fromJSON(j),
  },
  {
    name: 'OrdinalEncoder',
    create: () => new OrdinalEncoder(),
    construct: (o) => new OrdinalEncoder(o as never),
    badOptions: [{ handleUnknown: 'use_encoded_value' }, { unknownValue: -1 }],
    X: CATEGORIES,
    apply: (model, X) => Array.from((model as OrdinalEncoderModel).transform(X).data),
    fromJSON: (j) => OrdinalEncoderModel.fromJSON(j),
  },
];
