import { describeValue } from '../core/describeValue';
import { attachRowsDisplay } from '../core/attachDisplay';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireInteger } from '../core/validateOptions';
import type { CalibrationHoldoutRow } from './calibrationHoldout';
import type { PurchaseModel } from './customerLifetimeValue';

/** Options of {@link holdoutComparison}. */
export interface HoldoutComparisonOptions {
  /** Calibration frequencies above this are pooled into one last group. Default 7 (as the BG/NBD paper's Figure 4). */
  readonly maxFrequency?: number;
}

/** One group of {@link holdoutComparison}: customers with the same calibration frequency. */
export interface HoldoutGroup {
  /** The calibration frequency (the last group holds every frequency ≥ this). */
  readonly frequency: number;
  /** Whether this is the pooled last group. */
  readonly pooled: boolean;
  /** Customers in the group. */
  readonly customers: number;
  /** Mean purchases they made in the holdout window. */
  readonly actual: number;
  /** Mean purchases the model expected of them there. */
  readonly predicted: number;
}

/**
 * The out-of-sample check of a transaction model, plot-ready: customers grouped by their calibration frequency,
 * each group's mean holdout purchases against the model's conditional expectation over the same window (the
 * BG/NBD paper's Figure 4; lifetimes' `plot_calibration_purchases_vs_holdout_purchases`). Fit the model on the
 * calibration columns of {@link calibrationHoldout} first.
 *
 * @throws {@link SegmentkitError} `E_PARAM` for a model without `expectedPurchases` or rows that are not
 *   calibrationHoldout's.
 * @example
 * const model = { expectedPurchases: (t: number, c?: { frequency: number }) => (c ? c.frequency * t / 10 : 0) };
 * const rows = [
 *   { customerId: 'a', frequency: 0, recency: 0, T: 10, monetaryValue: 0, frequencyHoldout: 0, monetaryValueHoldout: 0, durationHoldout: 10 },
 *   { customerId: 'b', frequency: 2, recency: 8, T: 10, monetaryValue: 5, frequencyHoldout: 3, monetaryValueHoldout: 5, durationHoldout: 10 },
 * ];
 * holdoutComparison(model, rows, { maxFrequency: 1 }).map((g) => [g.frequency, g.actual, g.predicted]); // => [[0, 0, 0], [1, 3, 2]]
 */
export function holdoutComparison(
  model: PurchaseModel,
  rows: readonly CalibrationHoldoutRow[],
  options: HoldoutComparisonOptions = {},
): HoldoutGroup[] {
  const context = 'holdoutComparison';
  if (model === null || typeof model !== 'object' || typeof model.expectedPurchases !== 'function')
    throw new SegmentkitError('E_PARAM', `${context}: pass a fitted transaction model (BetaGeoFitter().fit(...) and the like)`);
  if (!Array.isArray(rows) || rows.length === 0)
    throw new SegmentkitError('E_PARAM', `${context}: pass the rows of calibrationHoldout (a non-empty array)`);
  assertKnownOptions(context, options, ['maxFrequency']);
  const maxFrequency = requireInteger(context, 'maxFrequency', options.maxFrequency ?? 7, { min: 0, max: 1_000_000 });
  const count = new Float64Array(maxFrequency + 1);
  const actual = new Float64Array(maxFrequency + 1);
  const predicted = new Float64Array(maxFrequency + 1);
  rows.forEach((row, i) => {
    if (row === null || typeof row !== 'object' || typeof row.frequencyHoldout !== 'number' || typeof row.durationHoldout !== 'number')
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: row ${i} has no frequencyHoldout / durationHoldout; pass calibrationHoldout's rows`,
      );
    for (const field of ['frequency', 'frequencyHoldout'] as const) {
      const value = row[field];
      if (!Number.isInteger(value) || value < 0 || value > Number.MAX_SAFE_INTEGER)
        throw new SegmentkitError(
          'E_PARSE',
          `${context}: row ${i}, ${field} is ${describeValue(value)}; it must be a whole number ≥ 0 (a count of purchase periods)`,
        );
    }
    const group = Math.min(row.frequency, maxFrequency);
    count[group]!++;
    actual[group]! += row.frequencyHoldout;
    const expected = model.expectedPurchases(row.durationHoldout, row);
    if (typeof expected !== 'number' || !Number.isFinite(expected))
      throw new SegmentkitError(
        'E_NOT_FINITE',
        `${context}: the model expects ${describeValue(expected)} purchases of row ${i}; pass a model whose expectedPurchases gives finite numbers`,
      );
    predicted[group]! += expected;
  });
  const groups: HoldoutGroup[] = [];
  for (let f = 0; f <= maxFrequency; f++) {
    if (count[f] === 0) continue;
    groups.push({
      frequency: f,
      pooled: f === maxFrequency,
      customers: count[f]!,
      actual: actual[f]! / count[f]!,
      predicted: predicted[f]! / count[f]!,
    });
  }
  return attachRowsDisplay(groups, 'holdoutComparison', () => [['customers', String(rows.length)]]);
}
