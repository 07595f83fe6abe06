import type { FittedTransformer } from './Transformer';
import { LogTransformerModel } from './LogTransformerModel';
import { MaxAbsScalerModel } from './MaxAbsScalerModel';
import { MinMaxScalerModel } from './MinMaxScalerModel';
import { PowerTransformerModel } from './PowerTransformerModel';
import { RobustScalerModel } from './RobustScalerModel';
import { SimpleImputerModel } from './SimpleImputerModel';
import { StandardScalerModel } from './StandardScalerModel';
import { WinsorizerModel } from './WinsorizerModel';

/** A function that rebuilds a fitted transformer from its JSON (validating it). */
export type TransformerLoader = (json: unknown) => FittedTransformer;

/**
 * @internal
 * The numeric transformer models {@link FittedFeaturePipeline.fromJSON} reloads by `kind`: the one list to extend
 * when segmentkit gains a transformer (your own kinds go in the `transformers` option of fromJSON).
 */
export const BUILT_IN_TRANSFORMERS: Readonly<Record<string, TransformerLoader>> = /* @__PURE__ */ Object.freeze({
  StandardScalerModel: (json: unknown) => StandardScalerModel.fromJSON(json),
  MinMaxScalerModel: (json: unknown) => MinMaxScalerModel.fromJSON(json),
  RobustScalerModel: (json: unknown) => RobustScalerModel.fromJSON(json),
  MaxAbsScalerModel: (json: unknown) => MaxAbsScalerModel.fromJSON(json),
  LogTransformerModel: (json: unknown) => LogTransformerModel.fromJSON(json),
  PowerTransformerModel: (json: unknown) => PowerTransformerModel.fromJSON(json),
  WinsorizerModel: (json: unknown) => WinsorizerModel.fromJSON(json),
  SimpleImputerModel: (json: unknown) => SimpleImputerModel.fromJSON(json),
});
