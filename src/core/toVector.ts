import { describeValue } from './describeValue';
import { SegmentkitError } from './SegmentkitError';
import { assertKnownOptions } from './validateOptions';

/** Options for {@link toVector}. */
export interface ToVectorOptions {
  /** Name of the argument in error messages. Default `'values'`. */
  readonly name?: string;
  /** Required length; `E_SHAPE` when it differs. Default: any length. */
  readonly length?: number;
  /** Accept `NaN` entries (missing values). Default `false`. */
  readonly allowNaN?: boolean;
  /** Accept an empty vector. Default `false`. */
  readonly allowEmpty?: boolean;
}

/**
 * Validate a one-dimensional list of numbers and copy it into a `Float64Array`.
 *
 * @param values - numbers (array or typed array)
 * @param context - the calling function, used in error messages
 * @throws {@link SegmentkitError} `E_EMPTY`, `E_SHAPE` (wrong length), `E_PARSE` (non-number), `E_NOT_FINITE`.
 * @example
 * Array.from(toVector([1, 2, 3], 'example')); // => [1, 2, 3]
 */
export function toVector(values: ArrayLike<number>, context: string, options: ToVectorOptions = {}): Float64Array {
  const where = typeof context === 'string' && context !== '' ? context : 'toVector';
  assertKnownOptions(where, options, ['name', 'length', 'allowNaN', 'allowEmpty']);
  const { name = 'values', length, allowNaN = false, allowEmpty = false } = options;
  if (
    typeof name !== 'string' ||
    (length !== undefined && !(Number.isInteger(length) && length >= 0)) ||
    typeof allowNaN !== 'boolean' ||
    typeof allowEmpty !== 'boolean'
  ) {
    throw new SegmentkitError(
      'E_PARAM',
      `${where}: toVector options must be { name: string, length: integer ≥ 0, allowNaN: boolean, allowEmpty: boolean }`,
    );
  }
  if (!Array.isArray(values) && !(ArrayBuffer.isView(values) && !(values instanceof DataView))) {
    throw new SegmentkitError('E_SHAPE', `${where}: ${name} must be an array of numbers, got ${describeValue(values)}`);
  }
  const n = values.length;
  if (n === 0 && !allowEmpty) throw new SegmentkitError('E_EMPTY', `${where}: ${name} is empty`);
  if (length !== undefined && n !== length) {
    throw new SegmentkitError('E_SHAPE', `${where}: ${name} has ${n} entries but ${length} are needed (one per row)`);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (typeof value !== 'number') {
      throw new SegmentkitError('E_PARSE', `${where}: ${name}[${i}] is ${describeValue(value)}, not a number`);
    }
    if (value - value !== 0 && !(allowNaN && Number.isNaN(value))) {
      throw new SegmentkitError(
        'E_NOT_FINITE',
        `${where}: ${name}[${i}] is ${value}; ${Number.isNaN(value) ? 'impute or drop missing values first' : 'replace infinite values first'}`,
      );
    }
    out[i] = value;
  }
  return out;
}
