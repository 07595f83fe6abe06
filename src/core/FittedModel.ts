import { Displayable } from './Displayable';
import { toMatrix, type Matrix, type MatrixLike } from './Matrix';
import { SegmentkitError } from './SegmentkitError';

/**
 * The base of every fitted model (the estimator kit, part 3): its kind, the number of features it was fitted on,
 * the one check every method that takes rows makes (finite numbers, the fitted column count), and the REPL and
 * notebook display. Models are immutable: subclasses freeze themselves at the end of their constructor.
 *
 * @example
 * const model = new StandardScaler().fit([[1, 2], [3, 4]]);
 * [model instanceof FittedModel, model.kind, model.nFeatures]; // => [true, 'StandardScalerModel', 2]
 */
export abstract class FittedModel extends Displayable {
  /** The model's kind, as in its JSON (`'KMeansModel'`, `'StandardScalerModel'`, …). */
  readonly kind: string;
  /** Number of features (columns) the model was fitted on. */
  readonly nFeatures: number;

  /** @internal */
  protected constructor(kind: string, nFeatures: number) {
    super();
    this.kind = kind;
    this.nFeatures = nFeatures;
  }

  /**
   * @internal
   * Validate rows for `method`: finite numbers (NaN too with `allowNaN`) and the fitted column count.
   */
  protected rowsFor(X: MatrixLike, method: string, options: { allowNaN?: boolean; name?: string } = {}): Matrix {
    const context = `${this.kind}.${method}`;
    const name = options.name ?? 'X';
    const m = toMatrix(X, context, { allowNaN: options.allowNaN ?? false, name });
    if (m.cols !== this.nFeatures) {
      throw new SegmentkitError(
        'E_SHAPE',
        `${context}: ${name} has ${m.cols} columns but the model was fitted on ${this.nFeatures}; pass the same features in the same order`,
      );
    }
    return m;
  }
}
