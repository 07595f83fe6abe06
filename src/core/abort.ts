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
