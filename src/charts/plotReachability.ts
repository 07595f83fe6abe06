import type { OPTICSModel } from '../cluster/optics/OPTICSModel';
import { describeValue } from '../core/describeValue';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireNumber } from '../core/validateOptions';
import { asChart, baseSpec, type ChartOptions, checkChartOptions, segmentColor, segmentLabel, type VegaLiteSpec } from './vegaLite';

/** Options of {@link plotReachability}. */
export interface PlotReachabilityOptions extends ChartOptions {
  /** Draw the cut of `extractDbscan(eps)` as a horizontal line (a number ≥ 0); none by default. */
  readonly eps?: number;
}

/**
 * The reachability plot of an OPTICS model: one bar per customer in the cluster ordering, its height the
 * reachability, coloured by label (noise grey). Valleys are segments, the deeper the denser; an infinite
 * reachability (the first row of a sweep) is drawn at the highest finite one.
 *
 * @example
 * const model = new OPTICS({ minSamples: 2 }).fit([[0], [0.1], [0.2], [5], [5.1], [5.2]]);
 * plotReachability(model, { eps: 1 }).layer.length; // => 2
 */
export function plotReachability(model: OPTICSModel, options: PlotReachabilityOptions = {}): VegaLiteSpec {
  const context = 'plotReachability';
  assertKnownOptions(context, options, ['title', 'width', 'height', 'names', 'eps']);
  checkChartOptions(context, options);
  if (
    model === null ||
    typeof model !== 'object' ||
    !(model.ordering instanceof Int32Array) ||
    !(model.reachability instanceof Float64Array)
  )
    throw new SegmentkitError('E_PARAM', `${context}: pass a fitted OPTICSModel, got ${describeValue(model)}`);
  const eps = options.eps === undefined ? undefined : requireNumber(context, 'eps', options.eps, { min: 0 });
  let finiteMax = 0;
  for (const r of model.reachability) if (Number.isFinite(r) && r > finiteMax) finiteMax = r;
  const top = finiteMax > 0 ? finiteMax : 1;
  const labels = model.labels;
  const domain = [...Array.from({ length: model.nClusters }, (_, j) => segmentLabel(options.names, j)), 'noise'];
  const values = Array.from(model.ordering, (row, k) => ({
    position: k,
    row,
    reachability: Number.isFinite(model.reachability[row]!) ? model.reachability[row]! : top,
    segment: labels[row]! < 0 ? 'noise' : segmentLabel(options.names, labels[row]!),
  }));
  const color = segmentColor(domain);
  const range = (color.scale as { range: string[] }).range;
  range[range.length - 1] = '#BBBBBB';
  const layer: Record<string, unknown>[] = [
    {
      data: { values },
      mark: { type: 'bar', width: { band: 1 } },
      encoding: {
        x: { field: 'position', type: 'ordinal', title: 'cluster ordering', axis: null },
        y: { field: 'reachability', type: 'quantitative', title: 'reachability distance' },
        color,
        tooltip: [
          { field: 'row', type: 'quantitative' },
          { field: 'reachability', type: 'quantitative', format: '.4g' },
          { field: 'segment', type: 'nominal' },
        ],
      },
    },
  ];
  if (eps !== undefined)
    layer.push({
      data: { values: [{}] },
      mark: { type: 'rule', strokeDash: [4, 3], color: '#333333' },
      encoding: { y: { datum: eps, type: 'quantitative' } },
    });
  return asChart({
    ...baseSpec('Reachability plot', `OPTICS reachability of ${values.length} customers in cluster order; valleys are segments.`, options),
    layer,
  });
}
