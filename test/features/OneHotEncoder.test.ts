import { inspect } from 'node:util';
import { type Category, type OneHotDrop, OneHotEncoder, OneHotEncoderModel, type OneHotEncoderParams } from 'segmentkit';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { expectSegmentkitError } from '../helpers/expectError';

import { loadReference } from '../helpers/reference';

interface OneHotCase {
  name: string;
  params: OneHotEncoderParams;
  new: 'XNew' | 'XKnown';
  categories: Category[][];
  infrequent: (Category[] | null)[];
  nOutputs: number;
  featureNames: string[];
  featureNamesCustom: string[];
  transform: number[][];
  transformNew: number[][];
  randomZ: number[][];
  inverseRandom: (Category | null)[][];
  inverseNew?: (Category | null)[][];
  inverseNewSklearnQuirk?: (Category | null)[][];
}

interface EncoderReference {
  X: Category[][];
  XNew: Category[][];
  XKnown: Category[][];
  inputNames: string[];
  onehot: OneHotCase[];
}

const ref = loadReference<EncoderReference>('encoders.json');
const BOOLEAN_COLUMN = 2;

/** Python prints booleans as True/False; segmentkit names them as JavaScript does (`${name}_${category}`). */
function jsNames(names: readonly string[], inputNames: readonly string[]): string[] {
  const prefix = `${inputNames[BOOLEAN_COLUMN]}_`;
  return names.map((name) => (name.startsWith(prefix) ? prefix + name.slice(prefix.length).toLowerCase() : name));
}

const flat = (rows: readonly (readonly number[])[]): number[] => rows.flat();

describe('OneHotEncoder matches scikit-learn 1.2 (test/reference/scripts/encoders.py)', () => {
  for (const c of ref.onehot) {
    it(`${c.name}: categories, infrequent groups, feature names, transform and inverse`, () => {
      const model = new OneHotEncoder(c.params).fit(ref.X);
      expect(model.categories).toEqual(c.categories);
      expect(model.infrequentCategories).toEqual(c.infrequent);
      expect(model.nFeatures).toBe(4);
      expect(model.nOutputs).toBe(c.nOutputs);
      expect(model.featureNames()).toEqual(jsNames(c.featureNames, ['x0', 'x1', 'x2', 'x3']));
      expect(model.featureNames(ref.inputNames)).toEqual(jsNames(c.featureNamesCustom, ref.inputNames));
      const train = model.transform(ref.X);
      expect([train.rows, train.cols]).toEqual([ref.X.length, c.nOutputs]);
      expect(Array.from(train.data)).toEqual(flat(c.transform));
      const transformed = model.transform(ref[c.new]);
      expect(Array.from(transformed.data)).toEqual(flat(c.transformNew));
      expect(model.inverseTransform(c.randomZ)).toEqual(c.inverseRandom);
      if (c.inverseNew !== undefined) expect(model.inverseTransform(transformed)).toEqual(c.inverseNew);
    });
  }

  it('ignore + drop + infrequent: an all-zero block inverts to the dropped category, where scikit-learn 1.2 returns categories_[i][0]', () => {
    const c = ref.onehot.find((x) => x.name === 'ignore_min_frequency_drop_first')!;
    const sklearn = c.inverseNewSklearnQuirk!;
    const model = new OneHotEncoder(c.params).fit(ref.X);
    expect(model.dropped).toEqual(['basic', 2, false, 'EU']);
    const ours = model.inverseTransform(c.transformNew);
    let differences = 0;
    ours.forEach((row, i) => {
      row.forEach((value, j) => {
        if (value === sklearn[i]![j]) return;
        differences++;
        // Only where the block is all zeros and sklearn answers the first category (infrequent, never dropped).
        expect(value).toBe(model.dropped[j]);
        expect(sklearn[i]![j]).toBe(model.categories[j]![0]);
        expect(model.infrequentCategories[j]).toContain(model.categories[j]![0]);
      });
    });
    expect(differences).toBeGreaterThan(0);
  });
});

describe('OneHotEncoder', () => {
  const X = [
    ['gold', 2, true],
    ['silver', 10, false],
    ['gold', 9, true],
    ['bronze', 2, true],
  ];

  it('sorts categories: numbers numerically, strings by UTF-16 code unit, false before true; -0 is 0', () => {
    const model = new OneHotEncoder().fit([
      ['b', 10, true],
      ['Z', 9, false],
      ['é', -0, true],
      ['a', 0, false],
    ]);
    expect(model.categories).toEqual([
      ['Z', 'a', 'b', 'é'],
      [0, 9, 10],
      [false, true],
    ]);
    expect(Object.is(model.categories[1]![0], 0)).toBe(true);
    expect(model.featureNames(['s', 'n', 'b'])).toEqual(['s_Z', 's_a', 's_b', 's_é', 'n_0', 'n_9', 'n_10', 'b_false', 'b_true']);
  });

  it('keeps string categories in the order given, and reports numeric ones that are not sorted', () => {
    const model = new OneHotEncoder({ categories: [['low', 'mid', 'high']] }).fit([['high'], ['low']]);
    expect(model.categories).toEqual([['low', 'mid', 'high']]);
    expect(Array.from(model.transform([['mid']]).data)).toEqual([0, 1, 0]);
    expectSegmentkitError(() => new OneHotEncoder({ categories: [[3, 1, 2]] }), 'E_PARAM', /categories\[0\] must be sorted ascending/);
    expectSegmentkitError(() => new OneHotEncoder({ categories: [[true, false]] }), 'E_PARAM', /sorted ascending/);
  });

  it('drop: first removes a one-category column entirely; if_binary only drops two-category columns', () => {
    const data = [
      ['a', 'x', 'p'],
      ['b', 'x', 'q'],
      ['c', 'x', 'p'],
    ];
    const first = new OneHotEncoder({ drop: 'first' }).fit(data);
    expect(first.featureNames()).toEqual(['x0_b', 'x0_c', 'x2_q']);
    expect(first.dropped).toEqual(['a', 'x', 'p']);
    expect(first.dropIndices).toEqual([0, 0, 0]);
    expect(first.inverseTransform(first.transform(data))).toEqual(data);
    const binary = new OneHotEncoder({ drop: 'if_binary' }).fit(data);
    expect(binary.featureNames()).toEqual(['x0_a', 'x0_b', 'x0_c', 'x1_x', 'x2_q']);
    expect(binary.dropIndices).toEqual([null, null, 0]);
    expect(binary.inverseTransform(binary.transform(data))).toEqual(data);
  });

  it('maxCategories: 1 groups every category (scikit-learn 1.2 ignores it, ≥ 1.3 groups)', () => {
    const model = new OneHotEncoder({ maxCategories: 1 }).fit([['a'], ['b'], ['b']]);
    expect(model.infrequentCategories).toEqual([['a', 'b']]);
    expect(model.featureNames()).toEqual(['x0_infrequent_sklearn']);
    expect(Array.from(model.transform([['a'], ['b']]).data)).toEqual([1, 1]);
    expect(model.inverseTransform([[1]])).toEqual([['infrequent_sklearn']]);
  });

  it('drop applies after grouping: the first frequent category is dropped, and if_binary counts the infrequent group as one', () => {
    const first = new OneHotEncoder({ minFrequency: 2, drop: 'first' }).fit([
      ['a', 'p', 'u'],
      ['b', 'p', 'v'],
      ['b', 'q', 'v'],
    ]);
    expect(first.featureNames()).toEqual(['x0_infrequent_sklearn', 'x1_infrequent_sklearn', 'x2_infrequent_sklearn']);
    expect(first.dropped).toEqual(['b', 'p', 'v']);
    const binary = new OneHotEncoder({ minFrequency: 5, drop: 'if_binary' }).fit([
      ['a', 'p'],
      ['b', 'q'],
    ]);
    expect(binary.featureNames()).toEqual(['x0_infrequent_sklearn', 'x1_infrequent_sklearn']);
    expect(binary.dropped).toEqual([null, null]);
    // a given category never seen in fit counts 0, so minFrequency 1 makes it infrequent
    const given = new OneHotEncoder({
      categories: [
        ['a', 'b'],
        ['x', 'y'],
      ],
      minFrequency: 1,
      drop: 'first',
      handleUnknown: 'ignore',
    }).fit([
      ['a', 'x'],
      ['a', 'y'],
    ]);
    expect(given.infrequentCategories).toEqual([['b'], null]);
    expect(given.featureNames()).toEqual(['x0_infrequent_sklearn', 'x1_y']);
  });

  it('a column whose only output is dropped has no outputs and inverts to that category (the infrequent group if all are infrequent)', () => {
    const none = new OneHotEncoder({ minFrequency: 3, drop: 'first' }).fit([
      ['a', 'p'],
      ['b', 'p'],
      ['c', 'q'],
    ]);
    expect(none.nOutputs).toBe(0);
    expect(none.featureNames()).toEqual([]);
    const empty = none.transform([
      ['a', 'q'],
      ['b', 'p'],
    ]);
    expect([empty.rows, empty.cols]).toEqual([2, 0]);
    expect(none.inverseTransform(empty)).toEqual([
      ['infrequent_sklearn', 'infrequent_sklearn'],
      ['infrequent_sklearn', 'infrequent_sklearn'],
    ]);
    expect(none.inverseTransform([[]])).toEqual([['infrequent_sklearn', 'infrequent_sklearn']]);
    expectSegmentkitError(() => none.inverseTransform([[1]]), 'E_SHAPE', /Z must have 0 columns/);
    expectSegmentkitError(() => none.inverseTransform([]), 'E_EMPTY');
    const model = new OneHotEncoder({ minFrequency: 3, drop: 'first' }).fit([
      ['a', 'x'],
      ['b', 'x'],
      ['b', 'x'],
      ['c', 'y'],
    ]);
    expect(model.infrequentCategories).toEqual([['a', 'b', 'c'], ['y']]);
    expect(model.featureNames()).toEqual(['x1_infrequent_sklearn']);
    expect(model.dropped).toEqual(['infrequent_sklearn', 'x']);
    // scikit-learn 1.2 answers categories_[0][0] ('a') for column 0; the column stands for the infrequent group
    expect(model.inverseTransform([[0], [1]])).toEqual([
      ['infrequent_sklearn', 'x'],
      ['infrequent_sklearn', 'infrequent_sklearn'],
    ]);
  });

  it('handleUnknown: ignore encodes unseen categories as zeros and inverts them to null', () => {
    const model = new OneHotEncoder({ handleUnknown: 'ignore' }).fit(X);
    const Z = model.transform([['platinum', 2, true]]);
    expect(Array.from(Z.data)).toEqual([0, 0, 0, 1, 0, 0, 0, 1]);
    expect(model.inverseTransform(Z)).toEqual([[null, 2, true]]);
  });

  it('handleUnknown: infrequent_if_exist maps unseen categories to the infrequent group', () => {
    const model = new OneHotEncoder({ handleUnknown: 'infrequent_if_exist', minFrequency: 2 }).fit(X);
    expect(model.featureNames()).toEqual([
      'x0_gold',
      'x0_infrequent_sklearn',
      'x1_2',
      'x1_infrequent_sklearn',
      'x2_true',
      'x2_infrequent_sklearn',
    ]);
    expect(model.infrequentCategories).toEqual([['bronze', 'silver'], [9, 10], [false]]);
    const Z = model.transform([['platinum', 11, true]]);
    expect(Array.from(Z.data)).toEqual([0, 1, 0, 1, 1, 0]);
    expect(model.inverseTransform(Z)).toEqual([['infrequent_sklearn', 'infrequent_sklearn', true]]);
  });

  it('minFrequency as a fraction compares counts with the fraction of the rows', () => {
    // 4 rows × 0.5 = 2: gold (2) stays, bronze and silver (1) are grouped
    const model = new OneHotEncoder({ minFrequency: 0.5 }).fit(X);
    expect(model.infrequentCategories[0]).toEqual(['bronze', 'silver']);
    expect(new OneHotEncoder({ minFrequency: 0.51 }).fit(X).infrequentCategories[0]).toEqual(['bronze', 'gold', 'silver']);
  });

  it('round-trips through JSON, is frozen and never mutates its input', () => {
    const copy = structuredClone(X);
    const model = new OneHotEncoder({ handleUnknown: 'infrequent_if_exist', minFrequency: 2, drop: 'if_binary' }).fit(X);
    const restored = OneHotEncoderModel.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(restored.toJSON()).toEqual(model.toJSON());
    expect(restored.transform(X)).toEqual(model.transform(X));
    expect(restored.featureNames()).toEqual(model.featureNames());
    expect(restored.inverseTransform(model.transform(X))).toEqual(model.inverseTransform(model.transform(X)));
    model.inverseTransform(model.transform(X));
    expect(X).toEqual(copy);
    expect(Object.isFrozen(model)).toBe(true);
    expect(Object.isFrozen(model.categories)).toBe(true);
    expect(Object.isFrozen(model.categories[0])).toBe(true);
    expect(Object.isFrozen(model.infrequentCategories[0])).toBe(true);
    expect(Object.isFrozen(model.dropped)).toBe(true);
    expect(() => {
      (model.categories as Category[][])[0]!.push('x');
    }).toThrow();
  });

  it('copies the categories option, so later changes by the caller do not leak in', () => {
    const given: Category[][] = [['b', 'a']];
    const encoder = new OneHotEncoder({ categories: given });
    given[0]!.push('c');
    expect(encoder.fit([['a']]).categories).toEqual([['b', 'a']]);
    expect(Object.isFrozen(encoder.params)).toBe(true);
  });

  it('prints a summary in the REPL and a table in Jupyter', () => {
    const model = new OneHotEncoder().fit(X);
    expect(inspect(model)).toBe(
      'OneHotEncoderModel { nFeatures: 3, nOutputs: 8, categories: [["bronze", "gold", "silver"], [2, 9, 10], [false, true]] }',
    );
    const display = (model as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for('Jupyter.display')]!();
    expect(display['text/html']).toContain('<table>');
  });

  describe('errors', () => {
    it('unknown or invalid options are E_PARAM', () => {
      expectSegmentkitError(() => new OneHotEncoder({ handleUnknow: 'ignore' } as never), 'E_PARAM', /did you mean 'handleUnknown'/);
      expectSegmentkitError(() => new OneHotEncoder({ handleUnknown: 'skip' } as never), 'E_PARAM', /handleUnknown must be one of/);
      expectSegmentkitError(() => new OneHotEncoder({ drop: 'last' } as never), 'E_PARAM', /drop must be one of/);
      for (const minFrequency of [0, -1, 1.5, 1.0000001, NaN, Infinity]) {
        expectSegmentkitError(
          () => new OneHotEncoder({ minFrequency }),
          'E_PARAM',
          /minFrequency must be an integer ≥ 1 \(a count\) or a fraction in \(0, 1\)/,
        );
      }
      for (const maxCategories of [0, 2.5, -3]) {
        expectSegmentkitError(() => new OneHotEncoder({ maxCategories }), 'E_PARAM', /maxCategories must be an integer ≥ 1/);
      }
      expectSegmentkitError(() => new OneHotEncoder({ categories: 'sorted' } as never), 'E_PARAM', /categories must be 'auto'/);
      expectSegmentkitError(() => new OneHotEncoder({ categories: [[]] }), 'E_PARAM', /categories\[0\] must be a non-empty array/);
      expectSegmentkitError(() => new OneHotEncoder({ categories: [['a', 1]] }), 'E_PARAM', /categories\[0\]\[1\].*one type per column/);
      expectSegmentkitError(() => new OneHotEncoder({ categories: [['a', 'a']] }), 'E_PARAM', /repeats the category "a"/);
      expectSegmentkitError(() => new OneHotEncoder({ categories: [['a', null]] } as never), 'E_PARAM', /categories\[0\]\[1\].*missing/);
    });

    it('missing values are E_PARSE naming row and column, with the fix', () => {
      for (const missing of [null, undefined, NaN, '']) {
        expectSegmentkitError(
          () =>
            new OneHotEncoder().fit([
              ['a', 1],
              ['b', missing],
            ]),
          'E_PARSE',
          /OneHotEncoder\.fit: X\[1\]\[1\] \(row 1, column 1\) is .*missing value; impute first: SimpleImputer\(\{ strategy: 'most_frequent' \}\) or 'constant'/,
        );
      }
      const model = new OneHotEncoder().fit(X);
      expectSegmentkitError(
        () => model.transform([['gold', null, true]]),
        'E_PARSE',
        /transform: X\[0\]\[1\] \(row 0, column 1\).*impute first/,
      );
    });

    it('a column mixing types, or a value that is not a category, is E_PARSE naming row and column', () => {
      expectSegmentkitError(
        () => new OneHotEncoder().fit([['a'], [1]]),
        'E_PARSE',
        /X\[1\]\[0\] \(row 1, column 0\) is the number 1 but column 0 holds strings/,
      );
      expectSegmentkitError(() => new OneHotEncoder().fit([[true], ['true']]), 'E_PARSE', /row 1, column 0.*holds booleans/);
      expectSegmentkitError(() => new OneHotEncoder().fit([[{}]]), 'E_PARSE', /X\[0\]\[0\].*not a category/);
      expectSegmentkitError(() => new OneHotEncoder().fit([[new Date(0)]]), 'E_PARSE', /String\(value\)/);
      expectSegmentkitError(() => new OneHotEncoder().fit([[Infinity]]), 'E_NOT_FINITE', /X\[0\]\[0\]/);
      const model = new OneHotEncoder({ handleUnknown: 'ignore' }).fit(X);
      expectSegmentkitError(
        () => model.transform([['gold', '2', true]]),
        'E_PARSE',
        /X\[0\]\[1\].*the string "2" but column 1 holds numbers \(the encoder was fitted on them\).*Number\(value\)/,
      );
    });

    it('shapes: ragged, empty and wrong column counts', () => {
      expectSegmentkitError(() => new OneHotEncoder().fit([['a', 'b'], ['c']]), 'E_SHAPE', /ragged: row 1 has 1 columns but row 0 has 2/);
      expectSegmentkitError(() => new OneHotEncoder().fit([]), 'E_EMPTY');
      expectSegmentkitError(() => new OneHotEncoder().fit([[]]), 'E_EMPTY');
      expectSegmentkitError(() => new OneHotEncoder().fit('abc' as never), 'E_SHAPE', /array of rows/);
      expectSegmentkitError(() => new OneHotEncoder().fit(['abc'] as never), 'E_SHAPE', /X\[0\].*not a row/);
      const model = new OneHotEncoder().fit(X);
      expectSegmentkitError(() => model.transform([['gold', 2]]), 'E_SHAPE', /X has 2 columns but the encoder was fitted on 3/);
      expectSegmentkitError(() => model.transform([]), 'E_EMPTY');
      expectSegmentkitError(() => model.inverseTransform([[1, 0, 0]]), 'E_SHAPE', /Z has 3 columns but the encoder has 8 output columns/);
      expectSegmentkitError(() => model.featureNames(['a']), 'E_SHAPE', /one name per input column \(3\)/);
      expectSegmentkitError(
        () => new OneHotEncoder({ categories: [['a']] }).fit([['a', 'b']]),
        'E_SHAPE',
        /categories has 1 lists but X has 2 columns/,
      );
      expectSegmentkitError(
        () => new OneHotEncoder({ categories: [[1, 2]] }).fit([['a']]),
        'E_PARAM',
        /categories\[0\] holds numbers but column 0 of X holds strings/,
      );
    });

    it('an unseen category with handleUnknown error is E_PARAM naming row, column, value and the fix', () => {
      const model = new OneHotEncoder().fit(X);
      expectSegmentkitError(
        () =>
          model.transform([
            ['gold', 2, true],
            ['platinum', 2, true],
          ]),
        'E_PARAM',
        /OneHotEncoderModel\.transform: X\[1\]\[0\] \(row 1, column 0\) is "platinum", a category unknown to column 0 \(known: "bronze", "gold", "silver"\); pass handleUnknown: 'ignore'/,
      );
      expectSegmentkitError(
        () => new OneHotEncoder({ categories: [['a', 'b']] }).fit([['a'], ['c']]),
        'E_PARAM',
        /fit: X\[1\]\[0\] \(row 1, column 0\) is "c".*handleUnknown: 'ignore'/,
      );
      expect(new OneHotEncoder({ categories: [['a', 'b']], handleUnknown: 'ignore' }).fit([['a'], ['c']]).categories).toEqual([['a', 'b']]);
    });

    it('an all-zero block that cannot be inverted is E_DOMAIN', () => {
      const model = new OneHotEncoder().fit(X);
      expectSegmentkitError(
        () => model.inverseTransform([[0, 0, 0, 1, 0, 0, 0, 1]]),
        'E_DOMAIN',
        /Z\[0\] has all zeros for input column 0/,
      );
      const grouped = new OneHotEncoder({ handleUnknown: 'infrequent_if_exist', minFrequency: 2 }).fit(X);
      expectSegmentkitError(() => grouped.inverseTransform([[0, 0, 1, 0, 0, 1]]), 'E_DOMAIN', /infrequent group/);
      expectSegmentkitError(() => model.inverseTransform([[NaN, 0, 0, 1, 0, 0, 0, 1]]), 'E_NOT_FINITE');
    });

    it('fromJSON rejects malformed models with E_MODEL naming the field', () => {
      const json = new OneHotEncoder({ minFrequency: 2 }).fit(X).toJSON();
      expectSegmentkitError(() => OneHotEncoderModel.fromJSON({ ...json, kind: 'OrdinalEncoderModel' }), 'E_MODEL', /kind/);
      expectSegmentkitError(() => OneHotEncoderModel.fromJSON({ ...json, version: 2 }), 'E_MODEL', /version/);
      expectSegmentkitError(() => OneHotEncoderModel.fromJSON({ ...json, handleUnknown: 'skip' }), 'E_MODEL', /handleUnknown/);
      expectSegmentkitError(() => OneHotEncoderModel.fromJSON({ ...json, drop: 'last' }), 'E_MODEL', /drop/);
      expectSegmentkitError(() => OneHotEncoderModel.fromJSON({ ...json, categories: [] }), 'E_MODEL', /categories/);
      expectSegmentkitError(
        () => OneHotEncoderModel.fromJSON({ ...json, categories: [['a', 1], [1], [true]] }),
        'E_MODEL',
        /categories\[0\]\[1\]/,
      );
      expectSegmentkitError(
        () => OneHotEncoderModel.fromJSON({ ...json, categories: [['a'], [2, 1], [true]] }),
        'E_MODEL',
        /categories\[1\] must be sorted/,
      );
      expectSegmentkitError(() => OneHotEncoderModel.fromJSON({ ...json, infrequentIndices: [null] }), 'E_MODEL', /infrequentIndices/);
      expectSegmentkitError(
        () => OneHotEncoderModel.fromJSON({ ...json, infrequentIndices: [[5], null, null] }),
        'E_MODEL',
        /infrequentIndices\[0\]/,
      );
      expectSegmentkitError(
        () => OneHotEncoderModel.fromJSON({ ...json, infrequentIndices: [[1, 0], null, null] }),
        'E_MODEL',
        /increasing/,
      );
      expectSegmentkitError(
        () => OneHotEncoderModel.fromJSON({ ...json, infrequentIndices: [[], null, null] }),
        'E_MODEL',
        /infrequentIndices\[0\]/,
      );
      expectSegmentkitError(() => OneHotEncoderModel.fromJSON(null), 'E_MODEL');
    });
  });

  describe('properties', () => {
    const category = fc.constantFrom('a', 'b', 'c', 'd', 'B', 'é', 'zz');
    const table = fc
      .integer({ min: 1, max: 4 })
      .chain((cols) => fc.array(fc.array(category, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 30 }));

    it('without drop and without unknowns, every input column contributes exactly one 1 per row', () => {
      fc.assert(
        fc.property(table, (rows) => {
          const model = new OneHotEncoder().fit(rows);
          const Z = model.transform(rows);
          for (let i = 0; i < Z.rows; i++) {
            let sum = 0;
            for (let k = 0; k < Z.cols; k++) sum += Z.data[i * Z.cols + k]!;
            expect(sum).toBe(rows[0]!.length);
          }
        }),
      );
    });

    it('the fitted model and the encoding of each row do not depend on row order', () => {
      fc.assert(
        fc.property(
          table,
          fc.constantFrom<OneHotEncoderParams>({}, { drop: 'first' }, { maxCategories: 2 }, { minFrequency: 2 }),
          (rows, params) => {
            const reversed = [...rows].reverse();
            const a = new OneHotEncoder({ ...params }).fit(rows);
            const b = new OneHotEncoder({ ...params }).fit(reversed);
            expect(b.toJSON()).toEqual(a.toJSON());
            const za = a.transform(rows);
            const zb = b.transform(reversed);
            for (let i = 0; i < rows.length; i++) {
              const j = rows.length - 1 - i;
              expect(Array.from(zb.data.subarray(j * zb.cols, (j + 1) * zb.cols))).toEqual(
                Array.from(za.data.subarray(i * za.cols, (i + 1) * za.cols)),
              );
            }
          },
        ),
      );
    });

    it('inverseTransform(transform(X)) gives X back when nothing is grouped, with or without drop', () => {
      fc.assert(
        fc.property(table, fc.constantFrom<OneHotDrop>(null, 'first', 'if_binary'), (rows, drop) => {
          const model = new OneHotEncoder(drop === null ? {} : { drop }).fit(rows);
          expect(model.inverseTransform(model.transform(rows))).toEqual(rows);
        }),
      );
    });
  });
});
