import { SegmentkitError } from '../core/SegmentkitError';
import { categoryKind, compareCategories, describeCategory, isMissing, type Category } from '../core/category';

// Counting category values for the categorical tests (PSI, chi-square, segment shares) and the drift reports.

const KIND_RANK = { number: 0, string: 1, boolean: 2 } as const;

/** @internal Numbers ascending, then strings (UTF-16 order), then false, true: the order categories are reported in. */
export function compareMixedCategories(a: Category, b: Category): number {
  const ka = KIND_RANK[typeof a as 'number' | 'string' | 'boolean'];
  const kb = KIND_RANK[typeof b as 'number' | 'string' | 'boolean'];
  return ka !== kb ? ka - kb : compareCategories(a, b);
}

/** @internal Counts per category, and the number of missing cells (null, undefined, '' or NaN). */
export interface CategoryTally {
  readonly counts: Map<Category, number>;
  readonly missing: number;
  /** Non-missing cells. */
  readonly total: number;
}

/**
 * @internal
 * Count the categories of `values`. Missing cells are counted when `allowMissing`, else `E_PARSE`; anything that is
 * not a string, finite number or boolean is `E_PARSE` (`E_NOT_FINITE` for ±Infinity).
 */
export function tallyCategories(values: ArrayLike<unknown>, context: string, name: string, allowMissing: boolean): CategoryTally {
  const counts = new Map<Category, number>();
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (isMissing(value)) {
      if (!allowMissing) {
        throw new SegmentkitError(
          'E_PARSE',
          `${context}: ${name}[${i}] is ${describeCategory(value)}, a missing value; drop missing values first (driftReport counts them for you)`,
        );
      }
      missing++;
      continue;
    }
    const kind = categoryKind(value);
    if (kind === undefined) {
      throw new SegmentkitError(
        'E_PARSE',
        `${context}: ${name}[${i}] is ${describeCategory(value)}, not a category; pass strings, finite numbers or booleans`,
      );
    }
    if (kind === 'number' && !Number.isFinite(value)) {
      throw new SegmentkitError('E_NOT_FINITE', `${context}: ${name}[${i}] is ${String(value)}; replace infinite values first`);
    }
    counts.set(value as Category, (counts.get(value as Category) ?? 0) + 1);
  }
  return { counts, missing, total: values.length - missing };
}

/** @internal The categories seen in either tally, in report order. */
export function unionCategories(a: ReadonlyMap<Category, number>, b: ReadonlyMap<Category, number>): Category[] {
  const all = new Set<Category>(a.keys());
  for (const key of b.keys()) all.add(key);
  return [...all].sort(compareMixedCategories);
}
