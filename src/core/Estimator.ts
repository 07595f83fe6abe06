import { readFitControls, throwIfAborted, type AbortSignalLike, type FitControls } from './abort';
import { toMatrix, type Matrix, type MatrixLike } from './Matrix';
import type { ParamKit } from './params';
import { assertKnownOptions } from './validateOptions';

/** @internal What every fit starts from: its error context, the rows as a checked matrix, the controls. */
export interface FitStart<Progress> {
  /** `'KMeans.fit'`: the start of every error message of the fit. */
  readonly context: string;
  /** The rows, finite (or NaN where allowed), at least one row and one column. */
  readonly m: Matrix;
  /** The caller's abort signal. */
  readonly signal: AbortSignalLike | undefined;
  /** The caller's progress callback. */
  readonly onProgress: ((event: Progress) => void) | undefined;
}

/** @internal How {@link Estimator.startFit} reads its input. */
export interface FitStartOptions {
  /** The method name in error messages. Default `'fit'`. */
  readonly method?: string;
  /** The execution options the method accepts. Default `onProgress` and `signal`. */
  readonly knownOptions?: readonly string[];
  /** Accept NaN cells (an imputer's input). Default `false`. */
  readonly allowNaN?: boolean;
  /** The argument's name in error messages. Default `'X'`. */
  readonly name?: string;
}

const FIT_CONTROLS: readonly string[] = ['onProgress', 'signal'];

/**
 * The base of every estimator (the estimator kit, part 2): it validates the hyper-parameters once, in the
 * constructor, against the estimator's parameter spec (`params` is that validated, frozen copy), and starts
 * every fit the same way: the execution options checked, the signal checked, the rows read as a matrix.
 *
 * @example
 * const scaler = new StandardScaler({ withMean: false });
 * [scaler instanceof Estimator, scaler.params.withMean]; // => [true, false]
 */
export abstract class Estimator<P extends object> {
  /** The hyper-parameters, as given (validated and frozen; defaults are filled in at fit). */
  readonly params: Readonly<P>;
  readonly #owner: string;

  /**
   * @internal
   * @throws {@link SegmentkitError} `E_PARAM` for an unknown option or a value of the wrong type or range.
   */
  protected constructor(kit: Pick<ParamKit<P>, 'validate' | 'owner'>, params: P | undefined) {
    this.params = kit.validate(params);
    this.#owner = kit.owner;
  }

  /**
   * @internal
   * Check the execution options, stop if the signal has fired, and read `X` (a copy is never needed: fits do
   * not write to it).
   */
  protected startFit<Progress>(X: MatrixLike, options: FitControls<Progress> | object = {}, how: FitStartOptions = {}): FitStart<Progress> {
    const context = `${this.#owner}.${how.method ?? 'fit'}`;
    assertKnownOptions(context, options, how.knownOptions ?? FIT_CONTROLS);
    const { signal, onProgress } = readFitControls<Progress>(context, options as FitControls<Progress>);
    throwIfAborted(signal, context);
    const m = toMatrix(X, context, { allowNaN: how.allowNaN ?? false, name: how.name ?? 'X' });
    return { context, m, signal, onProgress };
  }
}
