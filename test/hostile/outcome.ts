// How one hostile call ended, and the checks behind the verdict: a SegmentkitError with a stable code, or a
// result without NaN/±Infinity (nor an invalid Date) anywhere in it, with the caller's arguments unchanged.
import { isSegmentkitError, SEGMENTKIT_ERROR_CODES } from 'segmentkit';
import { CallerError } from './arbitraries';

/** How a call ended. `ok`, `typed` and `propagated` (the caller's own error let through) are the acceptable outcomes. */
export type Outcome =
  | { readonly kind: 'ok'; readonly value: unknown }
  | { readonly kind: 'typed'; readonly code: string; readonly message: string }
  | { readonly kind: 'propagated'; readonly message: string }
  | { readonly kind: 'raw'; readonly error: string }
  | { readonly kind: 'non-finite'; readonly path: string; readonly value: string }
  | { readonly kind: 'mutated'; readonly argument: number }
  | { readonly kind: 'bad-message'; readonly message: string };

/** Make the call and say how it ended (the promise of an async call is awaited). */
export async function outcomeOf(
  run: (...args: unknown[]) => unknown,
  args: readonly unknown[],
  allowNonFinite: (path: string) => boolean = () => false,
  mutates: readonly number[] = [],
): Promise<Outcome> {
  const before = args.map(snapshot);
  let value: unknown;
  try {
    value = run(...args);
    if (value instanceof Promise) value = await value;
  } catch (error) {
    return errorOutcome(error);
  }
  const changed = args.findIndex((arg, i) => !mutates.includes(i) && !sameSnapshot(before[i], snapshot(arg)));
  if (changed >= 0) return { kind: 'mutated', argument: changed };
  const bad = nonFinitePath(value, allowNonFinite);
  if (bad !== undefined) return { kind: 'non-finite', ...bad };
  return { kind: 'ok', value };
}

/** The outcome of a thrown value. */
export function errorOutcome(error: unknown): Outcome {
  if (error instanceof CallerError) return { kind: 'propagated', message: error.message };
  if (!isSegmentkitError(error)) return { kind: 'raw', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  const { code, message } = error;
  if (!(SEGMENTKIT_ERROR_CODES as readonly string[]).includes(code)) return { kind: 'raw', error: `unknown code ${code}: ${message}` };
  // every message starts with the function that failed: `Owner.method: …` or `function: …`
  if (!/^[\w$#.() [\]'-]+?: \S/.test(message) || /\[object Object\]|undefined: /.test(message)) return { kind: 'bad-message', message };
  return { kind: 'typed', code, message };
}

/** The first NaN, ±Infinity or invalid Date in a result, with its path (`$.rows[2].bic`), unless allowed. */
export function nonFinitePath(value: unknown, allow: (path: string) => boolean): { path: string; value: string } | undefined {
  const seen = new Set<unknown>();
  const visit = (v: unknown, path: string, depth: number): { path: string; value: string } | undefined => {
    if (typeof v === 'number') return Number.isFinite(v) || allow(path) ? undefined : { path, value: String(v) };
    if (typeof v !== 'object' || v === null || seen.has(v) || depth > 8) return undefined;
    seen.add(v);
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? { path, value: 'Invalid Date' } : undefined;
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const list = v as unknown as ArrayLike<number>;
      for (let i = 0; i < list.length; i++) {
        const bad = visit(list[i], `${path}[${i}]`, depth + 1);
        if (bad !== undefined) return bad;
      }
      return undefined;
    }
    if (v instanceof Map) {
      for (const [key, entry] of v) {
        const bad = visit(entry, `${path}.get(${String(key)})`, depth + 1);
        if (bad !== undefined) return bad;
      }
      return undefined;
    }
    for (const key of Object.getOwnPropertyNames(v)) {
      if (Array.isArray(v) && key === 'length') continue;
      const descriptor = Object.getOwnPropertyDescriptor(v, key)!;
      if (!('value' in descriptor)) continue;
      const bad = visit(descriptor.value, Array.isArray(v) ? `${path}[${key}]` : `${path}.${key}`, depth + 1);
      if (bad !== undefined) return bad;
    }
    return undefined;
  };
  return visit(value, '$', 0);
}

/** A deep copy of the parts of a value a call could write to: arrays, typed arrays, plain objects, dates. */
export function snapshot(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null || depth > 8) return value;
  if (value instanceof Date) return { date: value.getTime() };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return { typed: Array.from(value as unknown as ArrayLike<number>) };
  if (Array.isArray(value)) return value.map((v) => snapshot(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value; // a class instance (a model): compared by identity
  const out: Record<string, unknown> = {};
  for (const key of Object.getOwnPropertyNames(value))
    Object.defineProperty(out, key, { value: snapshot((value as Record<string, unknown>)[key], depth + 1), enumerable: true });
  return out;
}

/** Whether two snapshots are equal (NaN equals NaN, −0 differs from 0). */
export function sameSnapshot(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.getOwnPropertyNames(a);
  const keysB = Object.getOwnPropertyNames(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => sameSnapshot((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** The own keys of the built-in prototypes, to check that nothing was added to them. */
export function prototypeKeys(): string[] {
  return [Object.prototype, Array.prototype, Function.prototype].flatMap((proto) => Reflect.ownKeys(proto).map(String));
}

/** Every path of a JSON value and a copy of it with that path set to `replacement` (or deleted). */
export function* jsonMutations(json: unknown, replacements: readonly unknown[], limit = 400): Generator<{ path: string; json: unknown }> {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]): void => {
    if (paths.length >= limit) return;
    if (path.length > 0) paths.push(path);
    if (Array.isArray(v)) v.slice(0, 4).forEach((item, i) => walk(item, [...path, i]));
    else if (typeof v === 'object' && v !== null)
      for (const key of Object.keys(v)) walk((v as Record<string, unknown>)[key], [...path, key]);
  };
  walk(json, []);
  for (const path of paths) {
    for (const replacement of [...replacements, DELETE]) {
      const copy = JSON.parse(JSON.stringify(json)) as unknown;
      let target = copy as Record<string | number, unknown>;
      for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
      const last = path[path.length - 1]!;
      if (replacement === DELETE) {
        if (Array.isArray(target)) continue;
        delete target[last];
      } else target[last] = replacement;
      yield { path: `${path.join('.')} = ${replacement === DELETE ? '(deleted)' : describe(replacement)}`, json: copy };
    }
  }
}

const DELETE = Symbol('delete');

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
