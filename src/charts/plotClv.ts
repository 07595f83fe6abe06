import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions } from '../core/validateOptions';
import type { CustomerLifetimeValueResult } from '../value/customerLifetimeValue';
import { asChart, baseSpec, segmentColor, segmentLabel, type ChartOptions, type VegaLiteSpec } from './vegaLite';

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
  if (result === null || typeof result !== 'object' || !Array.isArray(result.perSegment) || result.perSegment.length === 0)
    throw new SegmentkitError('E_PARAM', `${context}: pass customerLifetimeValue's result computed with labels (one segment per customer)`);
  const values = result.perSegment.map((s) => ({
    segment: segmentLabel(options.names, s.segment),
    total: s.total,
    mean: s.mean,
    customers: s.customers,
  }));
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
