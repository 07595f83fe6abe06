import { describeValue } from './describeValue';

/**
 * Stable error codes. Callers branch on `err.code`; messages may be reworded between versions, codes may not.
 *
 * - `E_PARAM`: a hyper-parameter or option is invalid or unknown.
 * - `E_SHAPE`: dimensions disagree (ragged rows, wrong column count, labels of the wrong length).
 * - `E_NOT_FINITE`: a NaN or ±Infinity where a finite number is required.
 * - `E_EMPTY`: no rows (or no columns) where some are required.
 * - `E_LABELS`: a labelling is unusable (for example a metric that needs at least two clusters).
 * - `E_MODEL`: a serialised model is malformed or of another kind.
 * - `E_ABORTED`: the caller's `AbortSignal` fired; no partial result is returned.
 * - `E_PARSE`: a value could not be read as the type required (non-numeric text, unparseable date).
 * - `E_CONVERGENCE`: an iterative algorithm could not produce a usable result (for example a collapsed component).
 * - `E_DOMAIN`: a value outside what an operation accepts (a log of a value below −1, Box–Cox of a non-positive
 *   value, a negative amount where refunds are not allowed).
 */
export type SegmentkitErrorCode =
  | 'E_PARAM'
  | 'E_SHAPE'
  | 'E_NOT_FINITE'
  | 'E_EMPTY'
  | 'E_LABELS'
  | 'E_MODEL'
  | 'E_ABORTED'
  | 'E_PARSE'
  | 'E_CONVERGENCE'
  | 'E_DOMAIN';

/**
 * Every code {@link SegmentkitError} can carry, for exhaustive handling and documentation.
 *
 * @example
 * SEGMENTKIT_ERROR_CODES.includes('E_PARSE'); // => true
 */
export const SEGMENTKIT_ERROR_CODES: readonly SegmentkitErrorCode[] = [
  'E_PARAM',
  'E_SHAPE',
  'E_NOT_FINITE',
  'E_EMPTY',
  'E_LABELS',
  'E_MODEL',
  'E_ABORTED',
  'E_PARSE',
  'E_CONVERGENCE',
  'E_DOMAIN',
];

// A registry symbol, not a class identity check, so the brand survives two copies of segmentkit in one app
// (say ESM and CJS builds loaded side by side).
const BRAND = /* @__PURE__ */ Symbol.for('segmentkit.error');

/**
 * The one error class segmentkit throws. `code` is stable; the message names the function, the argument,
 * the offending row/column and the fix.
 *
 * @example
 * try {
 *   toMatrix([[1, NaN]], 'example');
 * } catch (err) {
 *   isSegmentkitError(err) && err.code; // => 'E_NOT_FINITE'
 * }
 */
export class SegmentkitError extends Error {
  /** Stable machine-readable code; see {@link SegmentkitErrorCode}. */
  readonly code: SegmentkitErrorCode;

  /**
   * @throws {@link SegmentkitError} `E_PARAM` when `code` is not one of {@link SEGMENTKIT_ERROR_CODES} or `message` is
   *   not a string (a code callers cannot branch on would break the promise of stable codes).
   */
  constructor(code: SegmentkitErrorCode, message: string, options?: { cause?: unknown }) {
    // a message that is not text (a Symbol, an object without toString) must not make the error itself throw
    super(typeof message === 'string' ? message : describeValue(message), options);
    if (!(SEGMENTKIT_ERROR_CODES as readonly unknown[]).includes(code) || typeof message !== 'string') {
      throw new SegmentkitError(
        'E_PARAM',
        `SegmentkitError: code must be one of ${SEGMENTKIT_ERROR_CODES.join(', ')} and message a string, got code ${describeValue(code)} and message ${describeValue(message)}`,
      );
    }
    this.name = 'SegmentkitError';
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * Whether `value` is a {@link SegmentkitError}, also when it was thrown by another copy of the package.
 *
 * @example
 * isSegmentkitError(new SegmentkitError('E_PARAM', 'bad')); // => true
 * isSegmentkitError(new Error('bad')); // => false
 */
export function isSegmentkitError(value: unknown): value is SegmentkitError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
