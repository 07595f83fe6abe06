import { SegmentkitError } from '../core/SegmentkitError';
import { describeValue } from '../core/describeValue';
import type { AgglomerativeClusteringModel } from '../cluster/agglomerative/AgglomerativeClusteringModel';
import { dendrogramData } from '../cluster/agglomerative/dendrogramData';
import { assertKnownOptions, requireInteger } from '../core/validateOptions';
import { asChart, baseSpec, type ChartOptions, checkChartOptions, SEGMENT_PALETTE, type VegaLiteSpec } from './vegaLite';

/** Options of {@link plotDendrogram}. */
export interface PlotDendrogramOptions extends Omit<ChartOptions, 'names'> {
  /** Show only the last `truncate` merges (scipy's `truncate_mode='lastp'`); leaves then stand for groups. Default 30. */
  readonly truncate?: number;
}

/**
 * The dendrogram of a fitted hierarchy (the merges of {@link dendrogramData}, scipy's layout) as line segments;
 * leaves at the bottom labelled with how many customers each stands for, merge heights on the y axis.
 *
 * @example
 * const model = new AgglomerativeClustering({ nClusters: 2 }).fit([[0], [0.2], [5], [5.1]]);
 * plotDendrogram(model).layer[0].mark.type; // => 'rule'
 */
export function plotDendrogram(model: AgglomerativeClusteringModel, options: PlotDendrogramOptions = {}): VegaLiteSpec {
  const context = 'plotDendrogram';
  assertKnownOptions(context, options, ['title', 'width', 'height', 'truncate']);
  checkChartOptions(context, options);
  const truncate = requireInteger(context, 'truncate', options.truncate ?? 30, { min: 2 });
  if (model === null || typeof model !== 'object' || typeof model.nLeaves !== 'number')
    throw new SegmentkitError('E_PARAM', `${context}: pass a fitted AgglomerativeClusteringModel, got ${describeValue(model)}`);
  const tree = dendrogramData(model, { truncate: Math.min(truncate, model.nLeaves) });
  const segments: { x: number; x2: number; y: number; y2: number }[] = [];
  tree.icoord.forEach((xs, m) => {
    const ys = tree.dcoord[m]!;
    // each merge is a ∩ of three segments: up the left, across, down the right
    for (let s = 0; s < 3; s++) segments.push({ x: xs[s]!, x2: xs[s + 1]!, y: ys[s]!, y2: ys[s + 1]! });
  });
  const leaves = tree.leafSizes.map((size, i) => ({ x: 5 + 10 * i, size: size === 1 ? '1' : `(${size})` }));
  return asChart({
    ...baseSpec(
      'Dendrogram',
      `Hierarchy of ${model.nLeaves} customers: the last ${tree.leaves.length - 1} merges, heights up to ${tree.maxHeight.toPrecision(4)}.`,
      options,
    ),
    layer: [
      {
        data: { values: segments },
        mark: { type: 'rule', color: SEGMENT_PALETTE[0] },
        encoding: {
          x: { field: 'x', type: 'quantitative', axis: null, scale: { domain: [0, 10 * tree.leaves.length] } },
          x2: { field: 'x2' },
          y: { field: 'y', type: 'quantitative', title: 'merge height' },
          y2: { field: 'y2' },
        },
      },
      {
        data: { values: leaves },
        mark: { type: 'text', baseline: 'top', dy: 4, fontSize: 9 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { datum: 0, type: 'quantitative' }, text: { field: 'size' } },
      },
    ],
  });
}
