import { describeValue } from './describeValue';
import { SegmentkitError } from './SegmentkitError';

// Validation helpers for fromJSON: every field of a serialised model is checked, and anything malformed is
// E_MODEL naming the field, so a corrupted or foreign file never becomes a silently wrong model.

/** @internal */
export type JsonObject = Readonly<Record<string, unknown>>;

function fail(context: string, message: string): never {
  throw new SegmentkitError('E_MODEL', `${context}: ${message}`);
}

/** @internal Check kind and version and return the object. */
export function readModelHeader(json: unknown, kind: string, version: number): JsonObject {
  const context = `${kind}.fromJSON`;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    fail(context, `expected a serialised ${kind} object, got ${json === null ? 'null' : typeof json}`);
  }
  const object = json as JsonObject;
  if (object.kind !== kind)
    fail(context, `expected kind '${kind}', got ${object.kind === undefined ? 'none' : describeValue(object.kind)}`);
  if (object.version !== version) {
    fail(
      context,
      `unsupported version ${object.version === undefined ? 'none' : describeValue(object.version)} (this segmentkit reads version ${version})`,
    );
  }
  return object;
}

/** @internal A finite number field. */
export function readNumber(object: JsonObject, field: string, context: string, bounds: { min?: number; integer?: boolean } = {}): number {
  const value = object[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(context, `${field} must be a finite number`);
  if (bounds.integer && !Number.isInteger(value)) fail(context, `${field} must be an integer`);
  if (bounds.min !== undefined && value < bounds.min) fail(context, `${field} must be ≥ ${bounds.min}`);
  return value;
}

/** @internal A boolean field. */
export function readBoolean(object: JsonObject, field: string, context: string): boolean {
  const value = object[field];
  if (typeof value !== 'boolean') fail(context, `${field} must be true or false`);
  return value;
}

/** @internal A string field, optionally restricted to choices. */
export function readString<T extends string>(object: JsonObject, field: string, context: string, choices?: readonly T[]): T {
  const value = object[field];
  if (typeof value !== 'string') fail(context, `${field} must be a string`);
  if (choices !== undefined && !(choices as readonly string[]).includes(value))
    fail(context, `${field} must be one of ${choices.join(', ')}`);
  return value as T;
}

/** @internal A seed field (finite number or string). */
export function readSeed(object: JsonObject, field: string, context: string): number | string {
  const value = object[field];
  if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return value;
  return fail(context, `${field} must be a finite number or a string`);
}

/** @internal An array of finite numbers (optionally of a given length). */
export function readNumberArray(object: JsonObject, field: string, context: string, length?: number): number[] {
  const value = object[field];
  if (!Array.isArray(value)) fail(context, `${field} must be an array of numbers`);
  if (length !== undefined && value.length !== length) fail(context, `${field} must have ${length} entries, has ${value.length}`);
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'number' || !Number.isFinite(value[i])) fail(context, `${field}[${i}] must be a finite number`);
  }
  return value as number[];
}

/** @internal A rectangular table of finite numbers with the given number of rows and columns (if given). */
export function readNumberTable(object: JsonObject, field: string, context: string, rows?: number, cols?: number): number[][] {
  const value = object[field];
  if (!Array.isArray(value) || value.length === 0) fail(context, `${field} must be a non-empty array of rows`);
  if (rows !== undefined && value.length !== rows) fail(context, `${field} must have ${rows} rows, has ${value.length}`);
  const width = cols ?? (Array.isArray(value[0]) ? (value[0] as unknown[]).length : -1);
  if (width < 1) fail(context, `${field}[0] must be a non-empty row`);
  return value.map((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== width) fail(context, `${field}[${i}] must be a row of ${width} numbers`);
    for (let j = 0; j < width; j++) {
      if (typeof row[j] !== 'number' || !Number.isFinite(row[j])) fail(context, `${field}[${i}][${j}] must be a finite number`);
    }
    return [...(row as number[])];
  });
}

/** @internal An array of integer labels in [min, max]. */
export function readLabels(object: JsonObject, field: string, context: string, min: number, max: number): Int32Array {
  const value = object[field];
  if (!Array.isArray(value)) fail(context, `${field} must be an array of integers`);
  const out = new Int32Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const label = value[i];
    if (typeof label !== 'number' || !Number.isInteger(label) || label < min || label > max) {
      fail(context, `${field}[${i}] must be an integer in [${min}, ${max}]`);
    }
    out[i] = label;
  }
  return out;
}

/** @internal A nested plain object field. */
export function readObject(object: JsonObject, field: string, context: string): JsonObject {
  const value = object[field];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(context, `${field} must be an object`);
  return value as JsonObject;
}

/** @internal Throw `E_MODEL` with `message` unless `ok`. */
export function checkModel(ok: boolean, context: string, message: string): void {
  if (!ok) fail(context, message);
}
