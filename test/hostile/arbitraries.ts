// The hostile values of the sweep, as fixed pools (every one is tried at least once) and as fast-check
// arbitraries (random mixtures: a hostile cell at a random place of a valid table, a random option set to a
// random hostile value, …). Every value is made fresh by a function, so a call that mutates it is caught.
import fc from 'fast-check';

/** An error thrown by a caller's callback: segmentkit must let it through unchanged (it is not segmentkit's to type). */
export class CallerError extends Error {
  override readonly name = 'CallerError';
}

/** What an argument position holds; it decides which hostile values are tried there (see {@link hostilePool}). */
export type Slot =
  | 'matrix'
  | 'labels'
  | 'vector'
  | 'number'
  | 'integer'
  | 'string'
  | 'options'
  | 'records'
  | 'table'
  | 'categories'
  | 'json'
  | 'function'
  | 'source'
  | 'any';

/** Numbers that break arithmetic: non-finite, extreme, denormal, negative zero, fractional, huge counts. */
export const HOSTILE_NUMBERS: readonly number[] = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  5e-324,
  -5e-324,
  1e-310,
  -0,
  0,
  -1,
  0.5,
  2.5,
  1e15,
  5e9,
  2 ** 53,
  1e20,
];

/** Values of the wrong type for any position. */
export function wrongTypes(): unknown[] {
  return [
    undefined,
    null,
    true,
    '',
    'abc',
    '1',
    42,
    {},
    [],
    Symbol('hostile'),
    10n,
    () => 1,
    new Date(Number.NaN),
    new Map([['a', 1]]),
    Object.create(null),
  ];
}

/** Keys named after members of `Object.prototype` (and `__proto__` as an own key, as `JSON.parse` makes it). */
export const PROTOTYPE_KEYS: readonly string[] = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

/** An object with an own `__proto__` key holding an object, as `JSON.parse` builds it: a pollution attempt. */
export function protoPayload(): Record<string, unknown> {
  return JSON.parse('{"__proto__": {"polluted": "yes"}}') as Record<string, unknown>;
}

/** Tables of numbers that are malformed (wrong shape, wrong cells) or numerically extreme. */
export function hostileMatrices(): unknown[] {
  const n = Number.NaN;
  return [
    [],
    [[]],
    [[], []],
    [[1, 2], [3]],
    [[1], null],
    [[1], 'ab'],
    [[1], [n]],
    [[Number.POSITIVE_INFINITY], [1]],
    [[null], [1]],
    [['1'], [2]],
    [[1, undefined]],
    // biome-ignore lint/suspicious/noSparseArray: a hole is a hostile cell
    [[1, , 3]],
    Float64Array.of(1, 2, 3, 4),
    { data: new Float64Array(2), rows: 1e15, cols: 1 },
    { data: new Float64Array(2), rows: 2.5, cols: 1 },
    { data: new Float64Array(2), rows: -2, cols: -1 },
    { data: [1, 2], rows: 2, cols: 1 },
    { data: new Float64Array([1, n]), rows: 2, cols: 1 },
    [[1e308], [1e308], [-1e308], [-1e308]],
    [
      [1e308, 1],
      [-1e308, 2],
      [1e308, 3],
      [0, 4],
    ],
    [[1e200], [1.1e200], [-1e200], [-1.1e200]],
    [
      [1e200, 0],
      [-1e200, 1],
      [0, 2],
      [5e199, 3],
    ],
    [
      [1e154, 1],
      [-1e154, 2],
      [0, 3],
      [2e154, 4],
    ],
    [[5e-324], [1e-323], [0], [1.5e-323]],
    [
      [1e-300, 2e-300],
      [3e-300, 1e-300],
      [-1e-300, 0],
      [0, -2e-300],
    ],
    [[-0], [0], [-0], [0]],
    [
      [7, 7],
      [7, 7],
      [7, 7],
      [7, 7],
    ],
    [[1, 2]],
  ];
}

/** Label lists that are malformed or degenerate. */
export function hostileLabels(): unknown[] {
  return [
    [],
    [Number.NaN, 0],
    [1.5, 0],
    [null, 0],
    [undefined, 0],
    [Number.POSITIVE_INFINITY, 0],
    [true, false],
    [{}, 0],
    ['a', 1],
    'abc',
    { length: 3 },
    { length: 1e15 },
    { length: -1 },
    { length: Number.NaN },
    new Float64Array([0.5, 1]),
    [1e15, 0, 1],
    [2 ** 31, 0],
    [-1, -1, -1],
    [0, 0, 0],
  ];
}

/** One-dimensional numeric inputs that are malformed or extreme. */
export function hostileVectors(): unknown[] {
  return [
    [],
    [Number.NaN],
    [Number.POSITIVE_INFINITY, 1],
    [null, 1],
    ['1', 2],
    [1e308, 1e308],
    [-1e308, 1e308],
    [5e-324, 1e-323],
    [-0, 0],
    [1, 2, 3],
    { length: 1e15 },
    'abc',
    Float64Array.of(1, Number.NaN),
  ];
}

/** Option objects that are not option objects, misspelt, or prototype-named. */
export function hostileOptionObjects(): unknown[] {
  return [
    null,
    42,
    'abc',
    [],
    true,
    () => 1,
    { notAnOption: 1 },
    protoPayload(),
    { constructor: 1 },
    { toString: 1 },
    { hasOwnProperty: 1 },
    Object.create({ inherited: 1 }),
  ];
}

/** Values tried for one option key at a time. */
export function hostileOptionValues(): unknown[] {
  return [
    ...HOSTILE_NUMBERS,
    '',
    'abc',
    '__proto__',
    null,
    true,
    false,
    {},
    [],
    [Number.NaN],
    Symbol('option'),
    10n,
    () => 1,
    new Date(Number.NaN),
  ];
}

/** Records (tables of objects) that are malformed or have prototype-named columns. */
export function hostileRecords(): unknown[] {
  return [
    [],
    [null],
    [42],
    ['abc'],
    [[1, 2]],
    [{}],
    [{}, {}],
    {},
    { a: 42 },
    { a: [1], b: [1, 2] },
    { a: [] },
    JSON.parse('[{"__proto__": 1, "constructor": 2, "toString": 3}, {"__proto__": 4, "constructor": 5, "toString": 6}]'),
    JSON.parse('{"__proto__": [1, 2], "constructor": [3, 4]}'),
    [{ constructor: 'x' }, { constructor: 'y' }],
    [{ a: 1 }, Object.create({ a: 2 })],
    [{ a: Number.NaN }, { a: Number.POSITIVE_INFINITY }],
    [{ a: 1e308 }, { a: -1e308 }, { a: 1e308 }],
  ];
}

/** Categorical tables that are malformed. */
export function hostileCategoryTables(): unknown[] {
  return [
    [],
    [[]],
    [['a'], ['b', 'c']],
    [[null], ['a']],
    [[Number.NaN], [1]],
    [[Number.POSITIVE_INFINITY], [1]],
    [[{}], ['a']],
    [['a'], [1]],
    [[true], ['true']],
    [['__proto__'], ['constructor'], ['toString']],
    [[-0], [0]],
    'abc',
  ];
}

/** Chunk sources for the CSV readers and the streaming fits. */
export function hostileSources(): unknown[] {
  return [
    null,
    42,
    {},
    [null],
    [42],
    [{}],
    { [Symbol.iterator]: () => ({ next: () => ({ done: false, value: 42 }) }) },
    'a,b\n1,2\n3,"4',
    '\uFEFF',
  ];
}

/** The pool for a slot: wrong types for every slot, plus the slot's own malformed values. */
export function hostilePool(slot: Slot): unknown[] {
  const common = wrongTypes();
  switch (slot) {
    case 'matrix':
      return [...common, ...hostileMatrices()];
    case 'labels':
      return [...common, ...hostileLabels()];
    case 'vector':
      return [...common, ...hostileVectors()];
    case 'number':
    case 'integer':
      return [...common, ...HOSTILE_NUMBERS];
    case 'string':
      return [...common, '', ' ', '\u0000', 'x'.repeat(10_000), ...PROTOTYPE_KEYS];
    case 'options':
      return [...common, ...hostileOptionObjects()];
    case 'records':
    case 'table':
      return [...common, ...hostileRecords()];
    case 'categories':
      return [...common, ...hostileCategoryTables()];
    case 'json':
      return [...common, protoPayload(), { kind: '__proto__', version: 1 }];
    case 'function':
      return [
        ...common,
        () => undefined,
        () => Number.NaN,
        () => 'abc',
        () => {
          throw new CallerError('thrown by the caller');
        },
      ];
    case 'source':
      return [...common, ...hostileSources()];
    case 'any':
      return common;
  }
}

/** fast-check: one hostile number. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.double({ noNaN: false }),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
);

/** fast-check: any value of a wrong type, or a hostile number. */
export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  hostileNumber,
  fc.constantFrom<unknown>(undefined, null, true, false, '', 'abc', '__proto__', 'constructor', 10n),
  fc.string({ maxLength: 6 }),
  fc.constant({}),
  fc.constant([]),
);

/** fast-check: a valid table (rows × cols of ordinary numbers) with one cell replaced by a hostile value. */
export function tableWithHostileCell(base: () => number[][]): fc.Arbitrary<unknown[][]> {
  const rows = base().length;
  const cols = base()[0]!.length;
  return fc.record({ i: fc.nat({ max: rows - 1 }), j: fc.nat({ max: cols - 1 }), value: hostileScalar }).map(({ i, j, value }) => {
    const table: unknown[][] = base();
    table[i]![j] = value;
    return table;
  });
}

/** fast-check: a valid table scaled by a power of two far outside the ordinary range (exact: no rounding). */
export function scaledTable(base: () => number[][]): fc.Arbitrary<{ exponent: number; table: number[][] }> {
  return fc
    .constantFrom(-1060, -900, -700, -540, 460, 600, 800, 1000)
    .map((exponent) => ({ exponent, table: base().map((row) => row.map((v) => v * 2 ** exponent)) }));
}

/** fast-check: a random option key of `keys` set to a random hostile value. */
export function hostileOption(keys: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      key: fc.constantFrom(...keys, 'notAnOption', ...PROTOTYPE_KEYS),
      value: fc.oneof(hostileScalar, fc.constantFrom(...hostileOptionValues())),
    })
    .map(({ key, value }) => {
      const options: Record<string, unknown> = {};
      Object.defineProperty(options, key, { value, enumerable: true, writable: true, configurable: true });
      return options;
    });
}
