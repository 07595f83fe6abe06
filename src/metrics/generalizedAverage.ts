import { requireOneOf } from '../core/validateOptions';

/** How {@link normalizedMutualInfoScore} and {@link adjustedMutualInfoScore} average the two entropies. */
export type AverageMethod = 'arithmetic' | 'geometric' | 'min' | 'max';

const METHODS: readonly AverageMethod[] = ['arithmetic', 'geometric', 'min', 'max'];

/** @internal Read the `averageMethod` option (default `'arithmetic'`, as scikit-learn). */
export function readAverageMethod(context: string, value: unknown): AverageMethod {
  return value === undefined ? 'arithmetic' : requireOneOf(context, 'averageMethod', value, METHODS);
}

/** @internal scikit-learn's `_generalized_average` of two entropies. */
export function generalizedAverage(u: number, v: number, method: AverageMethod): number {
  switch (method) {
    case 'min':
      return Math.min(u, v);
    case 'geometric':
      return Math.sqrt(u * v);
    case 'arithmetic':
      return (u + v) / 2;
    case 'max':
      return Math.max(u, v);
  }
}
