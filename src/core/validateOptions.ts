import { describeValue } from './describeValue';
import { SegmentkitError } from './SegmentkitError';

function editDistance(a: string, b: string): number {
  const previous = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/**
 * Reject option keys that are not in `allowed` (a typo must not be silently ignored), suggesting the closest
 * known key. Keys whose value is `undefined` are ignored.
 *
 * @throws {@link SegmentkitError} `E_PARAM` naming the unknown option.
 * @example
 * assertKnownOptions('KMeans', { nClusters: 3 }, ['nClusters', 'seed']); // no error
 */
export function assertKnownOptions(context: string, options: object | undefined, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new SegmentkitError('E_PARAM', `${context}: options must be a plain object, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (allowed.includes(key) || (options as Record<string, unknown>)[key] === undefined) continue;
    const best = closestName(key, allowed);
    const hint = best === undefined ? '' : `; did you mean '${best}'?`;
    throw new SegmentkitError('E_PARAM', `${context}: unknown option '${key}'${hint} (known options: ${allowed.join(', ')})`);
  }
}

/**
 * @internal
 * The name in `candidates` closest to `name` (case-insensitive edit distance, and a case-insensitive or
 * separator-insensitive equal name first: `customer_id` for `customerId`), or `undefined` when none is close.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const squash = (s: string): string => s.toLowerCase().replace(/[\s_\-.]/g, '');
  const exact = candidates.find((c) => squash(c) === squash(name));
  if (exact !== undefined) return exact;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** Bounds for {@link requireInteger} and {@link requireNumber}. */
export interface NumberBounds {
  /** Smallest allowed value (inclusive). */
  readonly min?: number;
  /** Largest allowed value (inclusive). */
  readonly max?: number;
  /** Whether `min` itself is excluded. Default `false`. */
  readonly exclusiveMin?: boolean;
}

function describeRange(bounds: NumberBounds): string {
  const { min, max, exclusiveMin = false } = bounds;
  if (min !== undefined && max !== undefined) return `in ${exclusiveMin ? '(' : '['}${min}, ${max}]`;
  if (min !== undefined) return exclusiveMin ? `> ${min}` : `≥ ${min}`;
  if (max !== undefined) return `≤ ${max}`;
  return 'finite';
}

/**
 * Check that `value` is a finite number within `bounds` and return it.
 *
 * @throws {@link SegmentkitError} `E_PARAM` naming the parameter and the allowed range.
 * @example
 * requireNumber('KMeans', 'tol', 1e-4, { min: 0 }); // => 0.0001
 */
export function requireNumber(context: string, name: string, value: unknown, bounds: NumberBounds = {}): number {
  return requireInRange(context, name, value, bounds, false);
}

/**
 * Check that `value` is an integer within `bounds` and return it.
 *
 * @throws {@link SegmentkitError} `E_PARAM` naming the parameter and the allowed range.
 * @example
 * requireInteger('KMeans', 'nClusters', 4, { min: 1 }); // => 4
 */
export function requireInteger(context: string, name: string, value: unknown, bounds: NumberBounds = {}): number {
  return requireInRange(context, name, value, bounds, true);
}

function requireInRange(context: string, name: string, value: unknown, bounds: NumberBounds, integer: boolean): number {
  const { min, max, exclusiveMin = false } = bounds;
  if (
    typeof value !== 'number' ||
    !(integer ? Number.isInteger(value) : Number.isFinite(value)) ||
    (min !== undefined && (exclusiveMin ? value <= min : value < min)) ||
    (max !== undefined && value > max)
  ) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: ${name} must be ${integer ? 'an integer' : 'a number'} ${describeRange(bounds)}, got ${describeValue(value)}`,
    );
  }
  return value;
}

/**
 * Check that `value` is one of `choices` and return it.
 *
 * @throws {@link SegmentkitError} `E_PARAM` listing the choices.
 * @example
 * requireOneOf('KMeans', 'algorithm', 'lloyd', ['auto', 'lloyd', 'elkan'] as const); // => 'lloyd'
 */
export function requireOneOf<T extends string>(context: string, name: string, value: unknown, choices: readonly T[]): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: ${name} must be one of ${choices.map((c) => `'${c}'`).join(', ')}, got ${describeValue(value)}`,
    );
  }
  return value as T;
}
