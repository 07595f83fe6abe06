import { describeValue } from '../core/describeValue';
import { isListLike } from '../core/listLike';
import { largestMagnitude, rescaleExponent, scaleUp } from '../core/powerOfTwoScale';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions } from '../core/validateOptions';
import type { Category } from '../core/category';
import { tallyCategories, unionCategories } from './categoryCounts';
import { chiSquareSurvival } from '../core/regularizedGamma';

/** Two samples of categories for {@link chiSquareTest}: the 2 × k table of their counts is tested. */
export interface CategorySamples {
  /** Baseline sample (strings, finite numbers or booleans). */
  readonly reference: ArrayLike<unknown>;
  /** Sample to compare with the baseline. */
  readonly current: ArrayLike<unknown>;
}

/** Options for {@link chiSquareTest}. */
export interface ChiSquareTestOptions {
  /** Yates' continuity correction when there is one degree of freedom (a 2 × 2 table), as scipy. Default `true`. */
  readonly correction?: boolean;
}

/** Result of {@link chiSquareTest}. */
export interface ChiSquareTestResult {
  /** Pearson's statistic Σ (observed − expected)² / expected (after Yates' correction if applied). */
  readonly statistic: number;
  /** P(χ²_dof ≥ statistic): small when rows and columns are not independent (the samples differ). 1 when dof = 0. */
  readonly pValue: number;
  /** Degrees of freedom (r − 1)(c − 1). */
  readonly dof: number;
  /** Expected counts under independence: row total × column total / grand total. */
  readonly expected: number[][];
  /** With samples: the categories, one per column of the table (numbers, then strings, then booleans). */
  readonly categories?: Category[];
  /** With samples: the 2 × k table of counts (row 0 the reference, row 1 the current sample). */
  readonly table?: number[][];
}

const CONTEXT = 'chiSquareTest';

function readTable(input: ReadonlyArray<ArrayLike<number>>): number[][] {
  if (input.length === 0) throw new SegmentkitError('E_EMPTY', `${CONTEXT}: the table has no rows`);
  const first: unknown = input[0];
  if (!isListLike(first)) {
    throw new SegmentkitError(
      'E_SHAPE',
      `${CONTEXT}: table[0] is not a row of counts; pass rows of counts, e.g. [[10, 20], [12, 18]] (one row per sample)`,
    );
  }
  const cols = (first as ArrayLike<number>).length;
  if (cols === 0) throw new SegmentkitError('E_EMPTY', `${CONTEXT}: the table has no columns`);
  return input.map((row, i) => {
    if (!isListLike(row)) {
      throw new SegmentkitError('E_SHAPE', `${CONTEXT}: table[${i}] is not a row of counts; pass one array of counts per sample`);
    }
    if (row.length !== cols) {
      throw new SegmentkitError('E_SHAPE', `${CONTEXT}: the table is ragged: row ${i} has ${row.length} columns but row 0 has ${cols}`);
    }
    return Array.from(row, (value, j) => {
      if (typeof value !== 'number') {
        throw new SegmentkitError(
          'E_PARSE',
          `${CONTEXT}: table[${i}][${j}] is ${describeValue(value)}, not a number; pass counts as numbers`,
        );
      }
      if (!Number.isFinite(value))
        throw new SegmentkitError('E_NOT_FINITE', `${CONTEXT}: table[${i}][${j}] is ${value}; counts must be finite`);
      if (value < 0) throw new SegmentkitError('E_DOMAIN', `${CONTEXT}: table[${i}][${j}] is ${value}; counts must be ≥ 0`);
      return value;
    });
  });
}

/** @internal scipy's chi2_contingency on a validated r × c table of non-negative counts. */
export function chiSquareFromTable(given: readonly (readonly number[])[], correction: boolean): ChiSquareTestResult {
  // counts whose totals pass the largest double (or sink below 2^−400) are tested rescaled by a power of two: the
  // statistic and the expected counts scale with the counts, exactly, and come back by the same power
  let largest = 0;
  for (const row of given) largest = Math.max(largest, largestMagnitude(row));
  const exponent = rescaleExponent(largest);
  const table = exponent === 0 ? given : given.map((row) => Array.from(row, (v) => scaleUp(v, -exponent)));
  const half = scaleUp(0.5, -exponent);
  const rows = table.length;
  const cols = table[0]!.length;
  const rowTotals = table.map((row) => row.reduce((a, b) => a + b, 0));
  const colTotals = Array.from({ length: cols }, (_, j) => table.reduce((sum, row) => sum + row[j]!, 0));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  const expected = rowTotals.map((r) => colTotals.map((c) => (r * c) / total));
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      if (!(expected[i]![j]! > 0)) {
        const which = rowTotals[i] === 0 ? `row ${i}` : `column ${j}`;
        throw new SegmentkitError(
          'E_DOMAIN',
          `${CONTEXT}: ${which} of the table sums to 0, so the expected count at [${i}][${j}] is 0; drop empty rows and columns`,
        );
      }
    }
  }
  const dof = rows * cols - rows - cols + 1;
  const inUnits = (values: number[][]): number[][] =>
    exponent === 0 ? values : values.map((row) => row.map((v) => finiteCount(scaleUp(v, exponent))));
  if (dof === 0) return { statistic: 0, pValue: 1, dof, expected: inUnits(expected) };
  let statistic = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const e = expected[i]![j]!;
      let o = table[i]![j]!;
      if (dof === 1 && correction) {
        // Yates: move each observed count toward its expectation by 0.5, never past it
        const difference = e - o;
        o += Math.sign(difference) * Math.min(half, Math.abs(difference));
      }
      statistic += ((o - e) * (o - e)) / e;
    }
  }
  statistic = finiteCount(scaleUp(statistic, exponent));
  return { statistic, pValue: chiSquareSurvival(statistic, dof), dof, expected: inUnits(expected) };
}

function finiteCount(value: number): number {
  if (value === Infinity) {
    throw new SegmentkitError(
      'E_DOMAIN',
      `${CONTEXT}: the statistic or an expected count exceeds the largest double (the counts are too large); divide the counts by a common factor first`,
    );
  }
  return value;
}

/**
 * Pearson's chi-square test of independence on a contingency table, equal to scipy 1.10
 * `stats.chi2_contingency(table, correction)`: statistic, p-value, degrees of freedom and expected counts.
 * Given `{ reference, current }` samples of categories instead, it tests the 2 × k table of their counts (one
 * column per category seen in either): a homogeneity test of "same category mix?". Yates' correction applies only
 * to 2 × 2 tables (one degree of freedom); a table with one row or column has dof 0, statistic 0 and p-value 1.
 * See https://en.wikipedia.org/wiki/Pearson%27s_chi-squared_test.
 *
 * @param input - an r × c table of non-negative counts (row-major), or two samples of categories
 * @throws {@link SegmentkitError} `E_EMPTY` for an empty table or sample, `E_SHAPE` for a ragged table, `E_DOMAIN`
 *   for a negative count or a row/column summing to 0, `E_NOT_FINITE` / `E_PARSE` for bad cells or missing
 *   categories, `E_PARAM` for an unknown option.
 * @example
 * chiSquareTest([[10, 20], [30, 25]]).pValue; // => 0.0999616…
 * chiSquareTest({ reference: ['a', 'a', 'b'], current: ['b', 'b', 'b'] }).dof; // => 1
 */
export function chiSquareTest(
  input: ReadonlyArray<ArrayLike<number>> | CategorySamples,
  options: ChiSquareTestOptions = {},
): ChiSquareTestResult {
  assertKnownOptions(CONTEXT, options, ['correction']);
  const correction = options.correction ?? true;
  if (typeof correction !== 'boolean') throw new SegmentkitError('E_PARAM', `${CONTEXT}: correction must be true or false`);
  if (Array.isArray(input)) return chiSquareFromTable(readTable(input as ReadonlyArray<ArrayLike<number>>), correction);
  if (input === null || typeof input !== 'object' || !('reference' in input) || !('current' in input)) {
    throw new SegmentkitError('E_SHAPE', `${CONTEXT}: pass a table of counts (number[][]) or { reference, current } samples of categories`);
  }
  const samples = input as CategorySamples;
  for (const name of ['reference', 'current'] as const) {
    if (!isListLike(samples[name])) {
      throw new SegmentkitError('E_PARAM', `${CONTEXT}: ${name} must be an array of categories, got ${describeValue(samples[name])}`);
    }
  }
  const reference = tallyCategories(samples.reference, CONTEXT, 'reference', false);
  const current = tallyCategories(samples.current, CONTEXT, 'current', false);
  if (reference.total === 0 || current.total === 0)
    throw new SegmentkitError('E_EMPTY', `${CONTEXT}: both samples need at least one value`);
  const categories = unionCategories(reference.counts, current.counts);
  const table = [categories.map((c) => reference.counts.get(c) ?? 0), categories.map((c) => current.counts.get(c) ?? 0)];
  return { ...chiSquareFromTable(table, correction), categories, table };
}
