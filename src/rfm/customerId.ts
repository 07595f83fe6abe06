import { SegmentkitError } from '../core/SegmentkitError';

/** A customer identifier: text or a number. */
export type CustomerId = string | number;

/** @internal Order customer ids: numbers numerically, text by UTF-16 code unit; mixing the two is an error. */
export function compareCustomerIds(a: CustomerId, b: CustomerId, context: string): number {
  if (typeof a !== typeof b) {
    throw new SegmentkitError('E_PARSE', `${context}: customer ids mix numbers (${typeof a === 'number' ? a : b}) and text ('${typeof a === 'string' ? a : b}'); use one type`);
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
