import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions } from '../core/validateOptions';
import type { CustomerLifetimeValueResult } from '../value/customerLifetimeValue';
import {
  asChart,
  baseSpec,
  type ChartOptions,
  checkChartOptions,
  resultEntry,
  resultNumber,
  segmentColor,
  segmentLabel,
  type VegaLiteSpec,
} from './vegaLite';

/**
 * Customer value per segment ({@link customerLifetimeValue} with `labels`): the expected value each segment holds
 * over the horizon, and its value per customer, side by side, in the segments' colours.
 *
 * @throws {@link SegmentkitError} `E_PARAM` without per-segment values (pass `labels` to customerLifetimeValue).
 * @example
 * const clv = customerLifetimeValue({ expectedPurchases: (t) => t / 10 }, { expectedAverageValue: () => 50 }, [{ frequency: 1, recency: 2, T: 5, monetaryValue: 40 }, { frequency: 0, recency: 0, T: 5, monetaryValue: 0 }], { horizon: 10, labels: ['a', 'b'] });
 * plotClv(clv).hconcat.length; // => 2
 */
export function plotClv(
  result: Pick<CustomerLifetimeValueResult, 'perSegment' | 'horizon' | 'period'>,
  options: Omit<ChartOptions, 'height'> = {},
): VegaLiteSpec {
  const context = 'plotClv';
  assertKnownOptions(context, options, ['title', 'width', 'names']);
  checkChartOptions(context, options);
  if (result === null || typeof result !== 'object' || !Array.isArray(result.perSegment) || result.perSegment.length === 0)
    throw new SegmentkitError('E_PARAM', `${context}: pass customerLifetimeValue's result computed with labels (one segment per customer)`);
  const what = "customerLifetimeValue's result";
  const values = result.perSegment.map((s, i) => {
    resultEntry(context, `perSegment[${i}]`, s, what);
    if (typeof s.segment !== 'string' && typeof s.segment !== 'number')
      throw new SegmentkitError('E_PARAM', `${context}: perSegment[${i}].segment is not a segment label; pass ${what} unchanged`);
    return {
      segment: segmentLabel(options.names, s.segment),
      total: resultNumber(context, `perSegment[${i}].total`, s.total, what),
      mean: resultNumber(context, `perSegment[${i}].mean`, s.mean, what),
      customers: resultNumber(context, `perSegment[${i}].customers`, s.customers, what),
    };
  });
  const domain = values.map((v) => v.segment);
  const horizon =
    result.horizon === undefined ? '' : ` over ${result.horizon} ${result.period ?? 'period'}${result.horizon === 1 ? '' : 's'}`;
  const bars = (field: 'total' | 'mean', title: string) => ({
    width: options.width ?? 260,
    height: Math.max(120, 24 * values.length),
    title,
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'segment', type: 'nominal', sort: domain, title: null },
      x: { field, type: 'quantitative', title: null },
      color: { ...segmentColor(domain), legend: null },
      tooltip: [
        { field: 'segment' },
        { field: 'customers' },
        { field: 'total', format: ',.0f' },
        { field: 'mean', format: ',.2f', title: 'per customer' },
      ],
    },
  });
  return asChart({
    ...baseSpec(
      `Expected customer value${horizon}`,
      `Expected discounted value per segment${horizon}, in total and per customer.`,
      options,
      false,
    ),
    data: { values },
    hconcat: [bars('total', 'segment total'), bars('mean', 'per customer')],
  });
}
