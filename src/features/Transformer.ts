import type { Matrix, MatrixLike } from '../core/Matrix';

/**
 * A fitted numeric transformer: what {@link featurePipeline} needs of a step once fitted. Every scaler and
 * transform model of segmentkit is one; so is your own class with these members.
 *
 * @example
 * const model: FittedTransformer = new StandardScaler().fit([[1], [3]]);
 * model.transform([[3]]).data; // => Float64Array [1]
 */
export interface FittedTransformer {
  /** The model's kind, as in its JSON (the pipeline reloads steps by kind). */
  readonly kind: string;
  /** Number of columns it was fitted on (1 inside a pipeline). */
  readonly nFeatures: number;
  /** Whether the step fills missing values (NaN): only the first step of a column may, and only then may the column hold missing cells. */
  readonly fillsMissing?: boolean;
  /** Apply the fitted transformation. */
  transform(X: MatrixLike): Matrix;
  /** Undo it (back to the input's units). */
  inverseTransform(X: MatrixLike): Matrix;
  /** The fitted state as JSON, with `kind` and `version`. */
  toJSON(): ModelJSONHeader;
}

/** What every serialised model starts with. */
export interface ModelJSONHeader {
  /** The model's kind (`'StandardScalerModel'`, …). */
  readonly kind: string;
  /** Its format version. */
  readonly version: number;
}

/**
 * A numeric transformer: hyper-parameters in the constructor, `fit` on columns returns a {@link FittedTransformer}.
 * {@link featurePipeline} accepts any object of this shape as a numeric step, so a new scaler is one class.
 *
 * @example
 * const step: Transformer = new LogTransformer();
 * step.fit([[0], [9]]).transform([[9]]).data[0].toFixed(4); // => '2.3026'
 */
export interface Transformer<M extends FittedTransformer = FittedTransformer> {
  /** Whether the step fills missing values (NaN); such a step must come first in its column. */
  readonly fillsMissing?: boolean;
  /** Learn from the columns of `X`. */
  fit(X: MatrixLike): M;
}

/**
 * @internal
 * Whether `value` has the shape of a {@link Transformer}: a `fit` method (the pipeline checks what it returns).
 */
export function isTransformer(value: unknown): value is Transformer {
  return typeof value === 'object' && value !== null && typeof (value as { fit?: unknown }).fit === 'function';
}

/** @internal Whether a fitted step has the members the pipeline calls. */
export function isFittedTransformer(value: unknown): value is FittedTransformer {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.kind === 'string' &&
    typeof v.nFeatures === 'number' &&
    typeof v.transform === 'function' &&
    typeof v.inverseTransform === 'function' &&
    typeof v.toJSON === 'function'
  );
}
