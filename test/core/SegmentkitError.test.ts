import { describe, expect, it } from 'vitest';
import { isSegmentkitError, SEGMENTKIT_ERROR_CODES, SegmentkitError } from 'segmentkit';

describe('SegmentkitError', () => {
  it('carries a stable code, a name and the message', () => {
    const err = new SegmentkitError('E_SHAPE', 'KMeansModel.predict: X has 5 columns but the model was fitted on 3');
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('E_SHAPE');
    expect(err.name).toBe('SegmentkitError');
    expect(err.message).toContain('5 columns');
  });

  it('keeps the cause', () => {
    const cause = new Error('root');
    expect(new SegmentkitError('E_ABORTED', 'stopped', { cause }).cause).toBe(cause);
  });

  it('isSegmentkitError(e) recognises the brand, also on an error from another copy of the package', () => {
    expect(isSegmentkitError(new SegmentkitError('E_PARAM', 'x'))).toBe(true);
    // another copy: a different class whose instances carry the same registry-symbol brand
    const foreign = Object.assign(new Error('x'), { code: 'E_PARAM' });
    Object.defineProperty(foreign, Symbol.for('segmentkit.error'), { value: true });
    expect(isSegmentkitError(foreign)).toBe(true);
  });

  it('isSegmentkitError(e) rejects look-alikes', () => {
    expect(isSegmentkitError(new Error('x'))).toBe(false);
    expect(isSegmentkitError({ code: 'E_PARAM', message: 'x' })).toBe(false);
    expect(isSegmentkitError(null)).toBe(false);
    expect(isSegmentkitError('E_PARAM')).toBe(false);
  });

  it('lists at least the codes the API promises', () => {
    for (const code of ['E_PARAM', 'E_SHAPE', 'E_NOT_FINITE', 'E_EMPTY', 'E_LABELS', 'E_MODEL', 'E_ABORTED', 'E_PARSE']) {
      expect(SEGMENTKIT_ERROR_CODES).toContain(code);
    }
  });
});
