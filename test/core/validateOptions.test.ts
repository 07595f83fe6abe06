// Unit tests of internals too: assertKnownOptions, requireInteger, requireNumber, requireOneOf (imported from src/, not part of the public API).
import { describe, expect, it } from 'vitest';

import { assertKnownOptions, requireInteger, requireNumber, requireOneOf } from '../../src/core/validateOptions';
import { expectSegmentkitError } from '../helpers/expectError';

describe('option validation', () => {
  it('assertKnownOptions rejects a typo and suggests the closest known option', () => {
    expectSegmentkitError(
      () => assertKnownOptions('KMeans', { nCluster: 3 }, ['nClusters', 'seed']),
      'E_PARAM',
      /unknown option 'nCluster'; did you mean 'nClusters'\?/,
    );
    expectSegmentkitError(() => assertKnownOptions('KMeans', { zzz: 1 }, ['nClusters']), 'E_PARAM', /known options: nClusters/);
    expectSegmentkitError(() => assertKnownOptions('KMeans', [] as never, ['a']), 'E_PARAM', /plain object/);
  });

  it('assertKnownOptions accepts known keys, undefined values and no options', () => {
    expect(() => assertKnownOptions('KMeans', { nClusters: 3, other: undefined }, ['nClusters'])).not.toThrow();
    expect(() => assertKnownOptions('KMeans', undefined, ['nClusters'])).not.toThrow();
  });

  it('requireInteger / requireNumber check type and bounds, naming the parameter', () => {
    expect(requireInteger('f', 'k', 3, { min: 1 })).toBe(3);
    expectSegmentkitError(() => requireInteger('f', 'k', 2.5, { min: 1 }), 'E_PARAM', /f: k must be an integer ≥ 1, got 2.5/);
    expectSegmentkitError(() => requireInteger('f', 'k', 0, { min: 1, max: 5 }), 'E_PARAM', /in \[1, 5\]/);
    expectSegmentkitError(() => requireNumber('f', 'eps', 0, { min: 0, exclusiveMin: true }), 'E_PARAM', /> 0/);
    expectSegmentkitError(() => requireNumber('f', 'tol', NaN), 'E_PARAM');
    expectSegmentkitError(() => requireNumber('f', 'tol', '1' as never), 'E_PARAM', /got "1"/);
  });

  it('requireOneOf lists the choices', () => {
    expect(requireOneOf('f', 'algorithm', 'lloyd', ['lloyd', 'elkan'])).toBe('lloyd');
    expectSegmentkitError(() => requireOneOf('f', 'algorithm', 'fast', ['lloyd', 'elkan']), 'E_PARAM', /'lloyd', 'elkan'/);
  });
});
