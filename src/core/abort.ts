import { describeValue } from './describeValue';
import { SegmentkitError } from './SegmentkitError';

/**
 * The part of an `AbortSignal` segmentkit reads. Structural, so it works with the signal of any runtime
 * (Node, Deno, Bun, browsers) without a DOM type dependency.
 */
export interface AbortSignalLike {
  /** Whether the operation should stop. */
  readonly aborted: boolean;
  /** Why it was aborted; attached as the `cause` of the `E_ABORTED` error. */
  readonly reason?: unknown;
}

/**
 * Execution controls accepted by long-running fits. They are not hyper-parameters and are never serialised.
 * `P` is the progress event the fit reports.
 */
export interface FitControls<P> {
  /** Called after each unit of work (an iteration, a batch) with a progress event. */
  readonly onProgress?: (event: P) => void;
  /** When it fires, the fit stops at the next check and throws `E_ABORTED`; no partial model is returned. */
  readonly signal?: AbortSignalLike;
}

/**
 * Throw `E_ABORTED` if `signal` has fired.
 *
 * @throws {@link SegmentkitError} `E_ABORTED`, with the signal's reason as `cause`.
 * @example
 * const controller = new AbortController();
 * throwIfAborted(controller.signal, 'KMeans.fit'); // no error: not aborted yet
 */
export function throwIfAborted(signal: AbortSignalLike | undefined, context: string): void {
  if (signal?.aborted) {
    throw new SegmentkitError('E_ABORTED', `${context}: aborted by the caller's signal; no partial result is returned`, {
      cause: signal.reason,
    });
  }
}

/**
 * @internal
 * The `signal` and `onProgress` of a call's options, checked: a signal is an object with a boolean `aborted` (an
 * `AbortSignal`), a progress callback a function. Anything else is `E_PARAM` here, not a TypeError halfway through.
 */
export function readFitControls<P>(context: string, options: { readonly signal?: unknown; readonly onProgress?: unknown }): FitControls<P> {
  const { signal, onProgress } = options;
  if (signal !== undefined && (typeof signal !== 'object' || signal === null || typeof (signal as AbortSignalLike).aborted !== 'boolean')) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: signal must be an AbortSignal (an object with a boolean aborted), got ${describeValue(signal)}`,
    );
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new SegmentkitError('E_PARAM', `${context}: onProgress must be a function, got ${describeValue(onProgress)}`);
  }
  return options as FitControls<P>;
}
