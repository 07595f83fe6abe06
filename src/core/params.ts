import { describeValue } from './describeValue';
import { isMatrix, toMatrix, type MatrixLike } from './Matrix';
import { resolveSeed, type Seed } from './createRng';
import { SegmentkitError } from './SegmentkitError';
import { assertKnownOptions, requireInteger, requireNumber, requireOneOf, type NumberBounds } from './validateOptions';

// The estimator kit, part 1: one declarative spec per estimator's hyper-parameters. From it come the known-key
// check, the constructor's validation (types included), the defaults resolved in fit, and the reading of the
// fitted params a model serialises, so no estimator states a default or a key list twice.

/**
 * @internal
 * Check one value and return it typed; throw `E_PARAM` as `${context}: ${name} must be …, got …`.
 */
export type Check<T> = (value: unknown, context: string, name: string) => T;

/** @internal One hyper-parameter: what it means, how it is checked, and its default (if it has one). */
export interface ParamSpec<T, P> {
  /** One line: what the parameter does (for docs, `--help` texts and ARCHITECTURE.md). */
  readonly doc: string;
  /** The type and range check. */
  readonly check: Check<T>;
  /** The default: a value, or a function of the given parameters (a default that depends on another one). */
  readonly default?: T | ((given: Readonly<P>) => T);
  /** Whether the parameter must be given. */
  readonly required?: true;
}

/** @internal The specs of every key of `P`. */
export type ParamSpecs<P> = { readonly [K in keyof P]-?: ParamSpec<Exclude<P[K], undefined>, P> };

/** @internal `P` with the defaulted keys `D` filled in. */
export type Resolved<P, D extends keyof P> = Readonly<Omit<P, D> & { readonly [K in D]-?: Exclude<P[K], undefined> }>;

/**
 * @internal
 * The hyper-parameters of one estimator: `validate` in the constructor, `resolve` in fit, `readFitted` in
 * `fromJSON`. `D` names the keys that have defaults (they are always present after `resolve`).
 */
export class ParamKit<P extends object, D extends keyof P = never> {
  /** The estimator the parameters belong to (`'KMeans'`): the start of every error message. */
  readonly owner: string;
  readonly #owner: string;
  // The specs are given as a function and built on first use: a module-level `new ParamKit(…)` then has no
  // side effects, so a bundle that never uses an estimator drops its spec (and the estimator) entirely.
  readonly #makeSpecs: () => ParamSpecs<P>;
  #specsCache: ParamSpecs<P> | undefined;
  #keysCache: readonly string[] | undefined;
  readonly #crossCheck: ((params: Readonly<P>, owner: string) => void) | undefined;

  constructor(owner: string, specs: () => ParamSpecs<P>, crossCheck?: (params: Readonly<P>, owner: string) => void) {
    this.#owner = owner;
    this.owner = owner;
    this.#makeSpecs = specs;
    this.#crossCheck = crossCheck;
  }

  /** Every known key, in declaration order. */
  get keys(): readonly string[] {
    this.#keysCache ??= Object.freeze(Object.keys(this.#specs));
    return this.#keysCache;
  }

  get #specs(): ParamSpecs<P> {
    this.#specsCache ??= this.#makeSpecs();
    return this.#specsCache;
  }

  /** Check the given parameters (unknown keys, types, ranges, required keys, cross-checks); a frozen copy. */
  validate(params: P | undefined): Readonly<P> {
    const owner = this.#owner;
    if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
      throw new SegmentkitError(
        'E_PARAM',
        `${owner}: the parameters must be an object such as { ${this.#example()} }, got ${params === null ? 'null' : Array.isArray(params) ? 'an array' : typeof params}`,
      );
    }
    const given = (params ?? {}) as Record<string, unknown>;
    assertKnownOptions(owner, given, this.keys);
    const out: Record<string, unknown> = {};
    for (const key of this.keys) {
      const spec = (this.#specs as Record<string, ParamSpec<unknown, P>>)[key]!;
      const value = given[key];
      if (value === undefined) {
        if (spec.required) throw new SegmentkitError('E_PARAM', `${owner}: ${key} is required (${spec.doc}); pass { ${this.#example()} }`);
        continue;
      }
      out[key] = spec.check(value, owner, key);
    }
    this.#crossCheck?.(out as Readonly<P>, owner);
    return Object.freeze(out) as Readonly<P>;
  }

  /** The validated parameters with every default filled in. */
  resolve(params: Readonly<P>): Resolved<P, D> {
    const out: Record<string, unknown> = { ...params };
    for (const key of this.keys) {
      const spec = (this.#specs as Record<string, ParamSpec<unknown, P>>)[key]!;
      if (out[key] !== undefined || spec.default === undefined) continue;
      out[key] = typeof spec.default === 'function' ? (spec.default as (given: Readonly<P>) => unknown)(params) : spec.default;
    }
    return out as Resolved<P, D>;
  }

  /**
   * Read serialised (fitted) parameters back: every key present and passing its check (`overrides` replace the
   * checks of keys whose fitted form differs, such as an explicit `init` saved as `'explicit'`). Problems are
   * `E_MODEL` naming the field.
   */
  readFitted<F>(
    json: unknown,
    context: string,
    overrides: Readonly<Record<string, Check<unknown>>> = {},
    keys: readonly string[] = this.keys,
  ): F {
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      throw new SegmentkitError('E_MODEL', `${context}: params must be an object`);
    const object = json as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const check = overrides[key] ?? (this.#specs as Record<string, ParamSpec<unknown, P>>)[key]!.check;
      try {
        out[key] = check(object[key], context, `params.${key}`);
      } catch (error) {
        throw new SegmentkitError('E_MODEL', (error as Error).message);
      }
    }
    return out as F;
  }

  #example(): string {
    const required = this.keys.filter((key) => (this.#specs as Record<string, ParamSpec<unknown, P>>)[key]!.required);
    return (required.length > 0 ? required : this.keys.slice(0, 1)).map((key) => `${key}: …`).join(', ');
  }
}

/** @internal The checks the specs are built from. */
export interface Checks {
  integer(bounds?: NumberBounds): Check<number>;
  number(bounds?: NumberBounds): Check<number>;
  oneOf<T extends string>(choices: readonly T[]): Check<T>;
  readonly boolean: Check<boolean>;
  readonly text: Check<string>;
  readonly seed: Check<Seed>;
  readonly table: Check<MatrixLike>;
  range(bounds?: NumberBounds & { allowEqual?: boolean; labels?: readonly [string, string] }): Check<readonly [number, number]>;
  either<A, B>(first: Check<A>, second: Check<B>): Check<A | B>;
  any<T>(): Check<T>;
}

/** @internal The checks the specs are built from. */
export const check: Checks = {
  /** An integer within bounds. */
  integer(bounds: NumberBounds = {}): Check<number> {
    return (value, context, name) => requireInteger(context, name, value, bounds);
  },
  /** A finite number within bounds. */
  number(bounds: NumberBounds = {}): Check<number> {
    return (value, context, name) => requireNumber(context, name, value, bounds);
  },
  /** One of the given strings. */
  oneOf<T extends string>(choices: readonly T[]): Check<T> {
    return (value, context, name) => requireOneOf(context, name, value, choices);
  },
  /** `true` or `false` (not a truthy stand-in such as `'yes'` or `0`). */
  boolean: ((value, context, name) => {
    if (typeof value !== 'boolean')
      throw new SegmentkitError('E_PARAM', `${context}: ${name} must be true or false, got ${describeValue(value)}`);
    return value;
  }) as Check<boolean>,
  /** A non-empty string. */
  text: ((value, context, name) => {
    if (typeof value !== 'string' || value.length === 0)
      throw new SegmentkitError('E_PARAM', `${context}: ${name} must be a non-empty string, got ${describeValue(value)}`);
    return value;
  }) as Check<string>,
  /** A seed: a finite number or a string. */
  seed: ((value, context, name) => {
    if (typeof value !== 'number' && typeof value !== 'string')
      throw new SegmentkitError('E_PARAM', `${context}: ${name} must be a number or a string, got ${describeValue(value)}`);
    resolveSeed(value);
    return value;
  }) as Check<Seed>,
  /** A table of finite numbers (rows or a {@link Matrix}); its shape is checked against the data in fit. */
  table: ((value, context, name) => {
    if (!Array.isArray(value) && !isMatrix(value))
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: ${name} must be a table of numbers (an array of rows or a Matrix), got ${describeValue(value)}`,
      );
    toMatrix(value as MatrixLike, context, { name });
    return value as MatrixLike;
  }) as Check<MatrixLike>,
  /** A pair `[low, high]` of numbers with low < high (or ≤ with `allowEqual`). */
  range(bounds: NumberBounds & { allowEqual?: boolean; labels?: readonly [string, string] } = {}): Check<readonly [number, number]> {
    const [a, b] = bounds.labels ?? ['low', 'high'];
    const numberBounds: NumberBounds = {
      ...(bounds.min === undefined ? {} : { min: bounds.min }),
      ...(bounds.max === undefined ? {} : { max: bounds.max }),
    };
    return (value, context, name) => {
      if (!Array.isArray(value) || value.length !== 2)
        throw new SegmentkitError('E_PARAM', `${context}: ${name} must be a pair [${a}, ${b}], got ${describeValue(value)}`);
      const low = requireNumber(context, `${name}[0]`, value[0], numberBounds);
      const high = requireNumber(context, `${name}[1]`, value[1], numberBounds);
      if (bounds.allowEqual ? low > high : low >= high)
        throw new SegmentkitError(
          'E_PARAM',
          `${context}: ${name} must be [${a}, ${b}] with ${a} ${bounds.allowEqual ? '≤' : '<'} ${b}, got [${low}, ${high}]`,
        );
      return [low, high] as const;
    };
  },
  /** The first of several checks that accepts the value (e.g. a name or a table); the last one's error otherwise. */
  either<A, B>(first: Check<A>, second: Check<B>): Check<A | B> {
    return (value, context, name) => {
      try {
        return first(value, context, name);
      } catch {
        return second(value, context, name);
      }
    };
  },
  /** Any value, checked by the estimator itself (say, against the data in fit). */
  any<T>(): Check<T> {
    return (value) => value as T;
  },
};
