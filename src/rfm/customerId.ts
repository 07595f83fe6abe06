import { SegmentkitError } from '../core/SegmentkitError';

/** A customer identifier: text or a number. */
export type CustomerId = string | number;

/** @internal Order customer ids: numbers numerically, text by UTF-16 code unit; mixing the two is an error. */
export function compareCustomerIds(a: CustomerId, b: CustomerId, context: string): number {
  if (typeof a !== typeof b) {
    throw new SegmentkitError(
      'E_PARSE',
      `${context}: customer ids mix numbers (${typeof a === 'number' ? a : b}) and text ('${typeof a === 'string' ? a : b}'); use one type`,
    );
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * @internal
 * Sort customer ids in place: numbers numerically, text by UTF-16 code unit. The type is checked once over all
 * ids (mixing numbers and text is an error), so the comparisons themselves are plain.
 */
export function sortCustomerIds<T>(items: T[], id: (item: T) => CustomerId, context: string): T[] {
  if (items.length === 0) return items;
  const first = id(items[0]!);
  for (const item of items) {
    const value = id(item);
    if (typeof value !== typeof first) compareCustomerIds(first, value, context);
  }
  if (typeof first === 'number') return items.sort((a, b) => (id(a) as number) - (id(b) as number));
  return items.sort((a, b) => {
    const x = id(a);
    const y = id(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
