import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions } from '../core/validateOptions';
import type { SegmentTransitions } from '../explain/segmentTransitions';
import {
  asChart,
  baseSpec,
  type ChartOptions,
  checkChartOptions,
  resultEntry,
  resultNumber,
  segmentLabel,
  type VegaLiteSpec,
} from './vegaLite';

/**
 * Flows between two periods ({@link segmentTransitions}) as a from × to matrix: each cell coloured by the share
 * of the earlier segment that went there (rows sum to 100 %), labelled with the customer count; the diagonal is
 * who stayed.
 *
 * @throws {@link SegmentkitError} `E_PARAM` for something that is not a transitions result.
 * @example
 * const moves = segmentTransitions({ a: 1, b: 1, c: 2 }, { a: 1, b: 2, c: 2 });
 * plotTransitions(moves).data.values.length; // => 4
 */
export function plotTransitions(
  transitions: Pick<SegmentTransitions, 'segments' | 'counts' | 'shares'>,
  options: Omit<ChartOptions, 'width'> = {},
): VegaLiteSpec {
  const context = 'plotTransitions';
  assertKnownOptions(context, options, ['title', 'height', 'names']);
  checkChartOptions(context, options);
  if (transitions === null || typeof transitions !== 'object' || !Array.isArray(transitions.segments) || !Array.isArray(transitions.counts))
    throw new SegmentkitError('E_PARAM', `${context}: pass segmentTransitions' result`);
  const names = transitions.segments.map((s) => segmentLabel(options.names, s));
  const values: { from: string; to: string; customers: number; share: number }[] = [];
  const what = "segmentTransitions' result";
  names.forEach((from, i) => {
    const counts = resultEntry(context, `counts[${i}]`, transitions.counts[i], what) as readonly number[];
    const shares = resultEntry(
      context,
      `shares[${i}]`,
      Array.isArray(transitions.shares) ? transitions.shares[i] : undefined,
      what,
    ) as readonly number[];
    names.forEach((to, j) =>
      values.push({
        from,
        to,
        customers: resultNumber(context, `counts[${i}][${j}]`, counts[j], what),
        share: resultNumber(context, `shares[${i}][${j}]`, shares[j], what),
      }),
    );
  });
  const cell = 44;
  return asChart({
    ...baseSpec(
      'Transitions between periods',
      `Customers moving between ${names.length} segments from the earlier to the later period.`,
      options,
      false,
    ),
    width: cell * names.length,
    height: options.height ?? cell * names.length,
    data: { values },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          x: { field: 'to', type: 'nominal', sort: names, title: 'now', axis: { labelAngle: -40 } },
          y: { field: 'from', type: 'nominal', sort: names, title: 'before' },
          color: { field: 'share', type: 'quantitative', title: 'share of row', scale: { scheme: 'blues', domain: [0, 1] } },
          tooltip: [{ field: 'from' }, { field: 'to' }, { field: 'customers' }, { field: 'share', format: '.1%' }],
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          x: { field: 'to', type: 'nominal', sort: names },
          y: { field: 'from', type: 'nominal', sort: names },
          text: { field: 'customers', type: 'quantitative' },
          color: { condition: { test: 'datum.share > 0.5', value: 'white' }, value: 'black' },
        },
      },
    ],
  });
}
