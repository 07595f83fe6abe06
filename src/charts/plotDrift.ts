import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions } from '../core/validateOptions';
import type { DriftReport } from '../drift/driftReport';
import {
  asChart,
  baseSpec,
  type ChartOptions,
  checkChartOptions,
  resultEntry,
  resultNumber,
  SEGMENT_PALETTE,
  type VegaLiteSpec,
} from './vegaLite';

/**
 * A {@link driftReport} at a glance: one bar per column, its population stability index (the one statistic
 * comparable across numeric and categorical columns), the usual 0.1 and 0.25 bands as rules, drifted columns
 * (by their own test) in a second colour; the test, its statistic, p-value and which way the column moved in the
 * tooltip.
 *
 * @throws {@link SegmentkitError} `E_PARAM` for something that is not a drift report.
 * @example
 * const report = driftReport({ spend: [1, 2, 3, 4, 5, 6, 7, 8] }, { spend: [5, 6, 7, 8, 9, 10, 11, 12] });
 * plotDrift(report).data.values[0].column; // => 'spend'
 */
export function plotDrift(report: Pick<DriftReport, 'columns'>, options: Omit<ChartOptions, 'names'> = {}): VegaLiteSpec {
  const context = 'plotDrift';
  assertKnownOptions(context, options, ['title', 'width', 'height']);
  checkChartOptions(context, options);
  if (report === null || typeof report !== 'object' || !Array.isArray(report.columns))
    throw new SegmentkitError('E_PARAM', `${context}: pass driftReport's result`);
  const what = "driftReport's result";
  const values = report.columns.map((c, i) => {
    resultEntry(context, `columns[${i}]`, c, what);
    return {
      column: c.column,
      psi: resultNumber(context, `columns[${i}].psi`, c.psi ?? 0, what),
      drifted: c.drifted ? 'drifted' : 'stable',
      test: c.test,
      statistic: resultNumber(context, `columns[${i}].statistic`, c.statistic, what, true),
      pValue: resultNumber(context, `columns[${i}].pValue`, c.pValue, what, true),
      threshold: resultNumber(context, `columns[${i}].threshold`, c.threshold, what, true),
      direction: c.direction ?? '—',
    };
  });
  const drifted = values.filter((v) => v.drifted === 'drifted').length;
  return asChart({
    ...baseSpec(
      `Drift: ${drifted} of ${values.length} columns`,
      `Population stability index per column (${values.length} columns), ${drifted} drifted by their tests; rules at PSI 0.1 and 0.25.`,
      options,
      false,
    ),
    width: options.width ?? 400,
    height: options.height ?? Math.max(120, 22 * values.length),
    data: { values },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'column', type: 'nominal', sort: '-x', title: null },
          x: { field: 'psi', type: 'quantitative', title: 'population stability index' },
          color: {
            field: 'drifted',
            type: 'nominal',
            title: null,
            scale: { domain: ['stable', 'drifted'], range: [SEGMENT_PALETTE[4], SEGMENT_PALETTE[3]] },
          },
          tooltip: [
            { field: 'column' },
            { field: 'test' },
            { field: 'statistic', format: '.4~g' },
            { field: 'pValue', format: '.3~g', title: 'p-value' },
            { field: 'threshold' },
            { field: 'psi', format: '.3f', title: 'PSI' },
            { field: 'direction', title: 'which way' },
          ],
        },
      },
      {
        data: { values: [{ band: 0.1 }, { band: 0.25 }] },
        mark: { type: 'rule', strokeDash: [4, 3], color: '#555555' },
        encoding: { x: { field: 'band', type: 'quantitative' } },
      },
    ],
  });
}
