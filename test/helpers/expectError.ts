import { expect } from 'vitest';
import { isSegmentkitError, type SegmentkitErrorCode } from 'segmentkit';

/** Run `fn` and assert it throws a SegmentkitError with `code` whose message matches `message` (if given). */
export function expectSegmentkitError(fn: () => unknown, code: SegmentkitErrorCode, message?: RegExp | string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown, 'expected a SegmentkitError to be thrown').toBeDefined();
  expect(isSegmentkitError(thrown), `expected a SegmentkitError, got ${String(thrown)}`).toBe(true);
  const error = thrown as { code: string; message: string };
  expect(error.code, error.message).toBe(code);
  if (message !== undefined) expect(error.message).toMatch(message);
}

/** Async variant of {@link expectSegmentkitError}. */
export async function expectSegmentkitErrorAsync(
  fn: () => Promise<unknown>,
  code: SegmentkitErrorCode,
  message?: RegExp | string,
): Promise<void> {
  let thrown: unknown;
  try {
    await fn();
  } catch (err) {
    thrown = err;
  }
  expect(isSegmentkitError(thrown), `expected a SegmentkitError, got ${String(thrown)}`).toBe(true);
  const error = thrown as { code: string; message: string };
  expect(error.code, error.message).toBe(code);
  if (message !== undefined) expect(error.message).toMatch(message);
}
