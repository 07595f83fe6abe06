import { inspect } from 'node:util';
import { type Category, OrdinalEncoder, OrdinalEncoderModel, type OrdinalEncoderParams } from 'segmentkit';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { expectSegmentkitError } from '../helpers/expectError';

import { loadReference } from '../helpers/reference';

interface OrdinalCase {
  name: string;
  /** As stored by encoders.py: `unknownValue: null` stands for NaN (JSON has no NaN). */
  params: { handleUnknown?: 'error' | 'use_encoded_value'; unknownValue?: number | null; categories?: Category[][] };
  new: 'XNew' | 'XKnown';
  categories: Category[][];
  featureNames: string[];
  featureNamesCustom: string[];
  transform: (number | null)[][];
  transformNew: (number | null)[][];
  inverseNew: (Category | null)[][];
}

interface EncoderReference {
  X: Category[][];
  XNew: Category[][];
  XKnown: Category[][];
  inputNames: string[];
  ordinal: OrdinalCase[];
}

const ref = loadReference<EncoderReference>('encoders.json');

/** Codes with NaN written as null in the fixture. */
const codes = (rows: readonly (readonly (number | null)[])[]): number[] => rows.flat().map((v) => (v === null ? NaN : v));

function toParams(params: OrdinalCase['params']): OrdinalEncoderParams {
  const { unknownValue, ...rest } = params;
  return unknownValue === undefined ? rest : { ...rest, unknownValue: unknownValue ?? NaN };
}

describe('OrdinalEncoder matches scikit-learn 1.2 (test/reference/scripts/encoders.py)', () => {
  for (const c of ref.ordinal) {
    it(`${c.name}: categories, feature names, codes and inverse`, () => {
      const model = new OrdinalEncoder(toParams(c.params)).fit(ref.X);
      expect(model.categories).toEqual(c.categories);
      expect(model.featureNames()).toEqual(c.featureNames);
      expect(model.featureNames(ref.inputNames)).toEqual(c.featureNamesCustom);
      expect(Array.from(model.transform(ref.X).data)).toEqual(codes(c.transform));
      const transformed = model.transform(ref[c.new]);
      expect([transformed.rows, transformed.cols]).toEqual([ref[c.new].length, 4]);
      expect(Array.from(transformed.data)).toEqual(codes(c.transformNew));
      expect(model.inverseTransform(transformed)).toEqual(c.inverseNew);
    });
  }
});

describe('OrdinalEncoder', () => {
  const X = [
    ['gold', 2, true],
    ['silver', 10, false],
    ['gold', 9, true],
    ['bronze', 2, true],
  ];

  it('codes follow the sorted categories: numbers numerically, strings by UTF-16 code unit, false before true', () => {
    const model = new OrdinalEncoder().fit([
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
    expect(Array.from(model.transform([['é', 10, false]]).data)).toEqual([3, 2, 0]);
  });

  it('given string categories keep their order (low < medium < high)', () => {
    const model = new OrdinalEncoder({ categories: [['low', 'medium', 'high']] }).fit([['high'], ['low']]);
    expect(Array.from(model.transform([['low'], ['medium'], ['high']]).data)).toEqual([0, 1, 2]);
    expect(model.inverseTransform([[2], [1]])).toEqual([['high'], ['medium']]);
  });

  it('use_encoded_value writes unknownValue for unseen categories and inverts it to null (NaN too)', () => {
    for (const unknownValue of [-1, NaN, 7]) {
      const model = new OrdinalEncoder({ handleUnknown: 'use_encoded_value', unknownValue }).fit(X);
      const Z = model.transform([['platinum', 2, true]]);
      expect(Array.from(Z.data)).toEqual([unknownValue, 0, 1]);
      expect(model.inverseTransform(Z)).toEqual([[null, 2, true]]);
    }
  });

  it('round-trips through JSON (NaN unknownValue included), is frozen and never mutates its input', () => {
    const copy = structuredClone(X);
    for (const params of [
      {},
      { handleUnknown: 'use_encoded_value', unknownValue: NaN },
      { handleUnknown: 'use_encoded_value', unknownValue: -1 },
    ] as OrdinalEncoderParams[]) {
      const model = new OrdinalEncoder(params).fit(X);
      const restored = OrdinalEncoderModel.fromJSON(JSON.parse(JSON.stringify(model)));
      expect(restored.toJSON()).toEqual(model.toJSON());
      expect(restored.unknownValue).toEqual(model.unknownValue);
      expect(restored.transform(X)).toEqual(model.transform(X));
      expect(restored.inverseTransform(model.transform(X))).toEqual(X);
      expect(Object.isFrozen(model)).toBe(true);
      expect(Object.isFrozen(model.categories[0])).toBe(true);
    }
    expect(new OrdinalEncoder({ handleUnknown: 'use_encoded_value', unknownValue: NaN }).fit(X).toJSON().unknownValue).toBe('NaN');
    expect(X).toEqual(copy);
  });

  it('copies the categories option, so later changes by the caller do not leak in', () => {
    const given: Category[][] = [['b', 'a']];
    const encoder = new OrdinalEncoder({ categories: given });
    given[0]!.reverse();
    expect(encoder.fit([['a']]).categories).toEqual([['b', 'a']]);
    expect(Object.isFrozen(encoder.params)).toBe(true);
  });

  it('prints a summary in the REPL and a table in Jupyter', () => {
    const model = new OrdinalEncoder().fit(X);
    expect(inspect(model)).toBe(
      'OrdinalEncoderModel { nFeatures: 3, categories: [["bronze", "gold", "silver"], [2, 9, 10], [false, true]] }',
    );
    const display = (model as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for('Jupyter.display')]!();
    expect(display['text/html']).toContain('<table>');
  });

  describe('errors', () => {
    it('unknown or invalid options are E_PARAM', () => {
      expectSegmentkitError(() => new OrdinalEncoder({ unknownvalue: -1 } as never), 'E_PARAM', /did you mean 'unknownValue'/);
      expectSegmentkitError(
        () => new OrdinalEncoder({ handleUnknown: 'ignore' } as never),
        'E_PARAM',
        /handleUnknown must be one of 'error', 'use_encoded_value'/,
      );
      expectSegmentkitError(
        () => new OrdinalEncoder({ handleUnknown: 'use_encoded_value' }),
        'E_PARAM',
        /needs unknownValue, an integer or NaN/,
      );
      expectSegmentkitError(() => new OrdinalEncoder({ handleUnknown: 'use_encoded_value', unknownValue: 1.5 }), 'E_PARAM', /got 1.5/);
      expectSegmentkitError(() => new OrdinalEncoder({ handleUnknown: 'use_encoded_value', unknownValue: Infinity }), 'E_PARAM');
      expectSegmentkitError(() => new OrdinalEncoder({ unknownValue: -1 }), 'E_PARAM', /only used with handleUnknown: 'use_encoded_value'/);
      expectSegmentkitError(() => new OrdinalEncoder({ categories: [[2, 1]] }), 'E_PARAM', /sorted ascending/);
    });

    it('an unknownValue that is the code of a real category is E_PARAM at fit', () => {
      expectSegmentkitError(
        () => new OrdinalEncoder({ handleUnknown: 'use_encoded_value', unknownValue: 2 }).fit(X),
        'E_PARAM',
        /unknownValue 2 is already the code of "silver" in column 0 \(codes 0\.\.2\); use -1, NaN or a value ≥ 3/,
      );
      expect(new OrdinalEncoder({ handleUnknown: 'use_encoded_value', unknownValue: 3 }).fit(X).unknownValue).toBe(3);
    });

    it('missing values and mixed columns are E_PARSE naming row and column', () => {
      for (const missing of [null, undefined, NaN, '']) {
        expectSegmentkitError(
          () => new OrdinalEncoder().fit([['a'], [missing]]),
          'E_PARSE',
          /X\[1\]\[0\] \(row 1, column 0\).*impute first: SimpleImputer/,
        );
      }
      expectSegmentkitError(
        () => new OrdinalEncoder().fit([[1], ['1']]),
        'E_PARSE',
        /X\[1\]\[0\] \(row 1, column 0\) is the string "1" but column 0 holds numbers/,
      );
      const model = new OrdinalEncoder().fit(X);
      expectSegmentkitError(() => model.transform([['gold', 2, 'true']]), 'E_PARSE', /X\[0\]\[2\].*holds booleans/);
    });

    it('shapes: ragged, empty and wrong column counts', () => {
      expectSegmentkitError(() => new OrdinalEncoder().fit([['a', 'b'], ['c']]), 'E_SHAPE', /ragged/);
      expectSegmentkitError(() => new OrdinalEncoder().fit([]), 'E_EMPTY');
      const model = new OrdinalEncoder().fit(X);
      expectSegmentkitError(() => model.transform([['gold']]), 'E_SHAPE', /X has 1 columns but the encoder was fitted on 3/);
      expectSegmentkitError(() => model.inverseTransform([[0]]), 'E_SHAPE', /Z has 1 columns but the encoder was fitted on 3/);
      expectSegmentkitError(() => model.featureNames(['a', 'b']), 'E_SHAPE');
      expectSegmentkitError(() => new OrdinalEncoder({ categories: [['a'], ['b']] }).fit([['a']]), 'E_SHAPE', /categories has 2 lists/);
    });

    it('an unseen category with handleUnknown error is E_PARAM naming row, column, value and the fix', () => {
      const model = new OrdinalEncoder().fit(X);
      expectSegmentkitError(
        () => model.transform([['gold', 3, true]]),
        'E_PARAM',
        /X\[0\]\[1\] \(row 0, column 1\) is 3, a category unknown to column 1 \(known: 2, 9, 10\); pass handleUnknown: 'use_encoded_value' with unknownValue: -1/,
      );
      expectSegmentkitError(() => new OrdinalEncoder({ categories: [['a']] }).fit([['b']]), 'E_PARAM', /"b".*add it to categories/);
    });

    it('inverseTransform rejects values that are not codes with E_DOMAIN', () => {
      const model = new OrdinalEncoder().fit(X);
      for (const bad of [1.5, 3, -1, NaN]) {
        expectSegmentkitError(
          () => model.inverseTransform([[bad, 0, 0]]),
          'E_DOMAIN',
          /Z\[0\]\[0\] is .*, not a code of column 0 \(integers 0\.\.2\)/,
        );
      }
      const lenient = new OrdinalEncoder({ handleUnknown: 'use_encoded_value', unknownValue: -1 }).fit(X);
      expectSegmentkitError(() => lenient.inverseTransform([[NaN, 0, 0]]), 'E_DOMAIN', /or the unknownValue -1/);
    });

    it('fromJSON rejects malformed models with E_MODEL naming the field', () => {
      const json = new OrdinalEncoder({ handleUnknown: 'use_encoded_value', unknownValue: -1 }).fit(X).toJSON();
      expectSegmentkitError(() => OrdinalEncoderModel.fromJSON({ ...json, kind: 'OneHotEncoderModel' }), 'E_MODEL', /kind/);
      expectSegmentkitError(() => OrdinalEncoderModel.fromJSON({ ...json, handleUnknown: 'ignore' }), 'E_MODEL', /handleUnknown/);
      expectSegmentkitError(() => OrdinalEncoderModel.fromJSON({ ...json, unknownValue: 1 }), 'E_MODEL', /already the code/);
      expectSegmentkitError(
        () => OrdinalEncoderModel.fromJSON({ ...json, unknownValue: null }),
        'E_MODEL',
        /unknownValue must be an integer or 'NaN'/,
      );
      expectSegmentkitError(() => OrdinalEncoderModel.fromJSON({ ...json, unknownValue: 0.5 }), 'E_MODEL', /unknownValue/);
      expectSegmentkitError(
        () => OrdinalEncoderModel.fromJSON({ ...json, handleUnknown: 'error' }),
        'E_MODEL',
        /unknownValue must be null/,
      );
      expectSegmentkitError(() => OrdinalEncoderModel.fromJSON({ ...json, categories: [['a', 'a'], [1], [true]] }), 'E_MODEL', /repeats/);
      expectSegmentkitError(() => OrdinalEncoderModel.fromJSON({ ...json, categories: 'auto' }), 'E_MODEL', /categories/);
      expectSegmentkitError(() => OrdinalEncoderModel.fromJSON([]), 'E_MODEL');
    });
  });

  describe('properties', () => {
    const category = fc.oneof(fc.constantFrom('a', 'b', 'B', 'é', 'zz'), fc.integer({ min: -3, max: 3 }).map(String));
    const table = fc
      .integer({ min: 1, max: 4 })
      .chain((cols) => fc.array(fc.array(category, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 30 }));

    it('inverseTransform(transform(X)) gives X back', () => {
      fc.assert(
        fc.property(table, (rows) => {
          const model = new OrdinalEncoder().fit(rows);
          expect(model.inverseTransform(model.transform(rows))).toEqual(rows);
        }),
      );
    });

    it('codes do not depend on row order and preserve the category order', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 40 }), (values) => {
          const rows = values.map((v) => [v]);
          const a = new OrdinalEncoder().fit(rows);
          const b = new OrdinalEncoder().fit([...rows].reverse());
          expect(b.toJSON()).toEqual(a.toJSON());
          const z = a.transform(rows).data;
          for (let i = 0; i < values.length; i++) {
            for (let k = 0; k < values.length; k++) expect(Math.sign(z[i]! - z[k]!)).toBe(Math.sign(values[i]! - values[k]!));
          }
        }),
      );
    });
  });
});
