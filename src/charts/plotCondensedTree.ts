import type { HDBSCANModel } from '../cluster/hdbscan/HDBSCANModel';
import { describeValue } from '../core/describeValue';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions } from '../core/validateOptions';
import { asChart, baseSpec, type ChartOptions, checkChartOptions, segmentColor, segmentLabel, type VegaLiteSpec } from './vegaLite';

/** Options of {@link plotCondensedTree}. */
export interface PlotCondensedTreeOptions extends ChartOptions {}

/**
 * The condensed tree of an HDBSCAN model as an icicle plot: each cluster a bar as wide as its rows (children
 * side by side under their parent), from the λ = 1 / distance where it appears (top) to where it splits or
 * empties; the selected clusters, the segments, in their colours (the clusters inside them lighter), the rest
 * grey. A long bar is a persistent
 * cluster. λ grows downwards; an infinite λ (exact duplicates) is drawn at the largest finite one.
 *
 * @example
 * const model = new HDBSCAN({ minClusterSize: 2 }).fit([[0], [0.1], [0.2], [5], [5.1], [5.2]]);
 * plotCondensedTree(model).layer[0].mark.type; // => 'rect'
 */
export function plotCondensedTree(model: HDBSCANModel, options: PlotCondensedTreeOptions = {}): VegaLiteSpec {
  const context = 'plotCondensedTree';
  assertKnownOptions(context, options, ['title', 'width', 'height', 'names']);
  checkChartOptions(context, options);
  if (model === null || typeof model !== 'object' || !(model.labels instanceof Int32Array) || typeof model.condensedTree !== 'object')
    throw new SegmentkitError('E_PARAM', `${context}: pass a fitted HDBSCANModel, got ${describeValue(model)}`);
  const { parent, child, lambda, childSize, selectedClusters } = model.condensedTree;
  const n = model.labels.length;
  let count = 1;
  let finiteMax = 0;
  for (let r = 0; r < child.length; r++) {
    if (child[r]! >= n) count = Math.max(count, child[r]! - n + 1);
    if (Number.isFinite(lambda[r]!) && lambda[r]! > finiteMax) finiteMax = lambda[r]!;
  }
  const top = finiteMax > 0 ? finiteMax : 1;
  const shown = (l: number): number => (Number.isFinite(l) ? l : top);
  const birth = new Float64Array(count);
  const death = new Float64Array(count);
  const size = new Float64Array(count);
  size[0] = n;
  const kids: number[][] = Array.from({ length: count }, () => []);
  const parentOf = new Int32Array(count).fill(-1);
  for (let r = 0; r < child.length; r++) {
    const p = parent[r]! - n;
    death[p] = Math.max(death[p]!, shown(lambda[r]!));
    if (child[r]! >= n) {
      const c = child[r]! - n;
      birth[c] = shown(lambda[r]!);
      size[c] = childSize[r]!;
      kids[p]!.push(c);
      parentOf[c] = p;
    }
  }
  // widths: a cluster spans its rows; its children sit side by side from its left edge, centred in its span
  const left = new Float64Array(count);
  for (let c = 0; c < count; c++) {
    const total = kids[c]!.reduce((s, k) => s + size[k]!, 0);
    let x = left[c]! + (size[c]! - total) / 2;
    for (const k of kids[c]!) {
      left[k] = x;
      x += size[k]!;
    }
  }
  // a selected cluster's descendants are part of its segment: drawn in its colour, lighter
  const labelOf = new Int32Array(count).fill(-1);
  const selected = new Uint8Array(count);
  selectedClusters.forEach((id, label) => {
    labelOf[id - n] = label;
    selected[id - n] = 1;
  });
  for (let c = 1; c < count; c++) if (labelOf[c] === -1) labelOf[c] = labelOf[parentOf[c]!]!;
  const domain = [...Array.from(selectedClusters, (_, label) => segmentLabel(options.names, label)), 'not selected'];
  const bars = Array.from({ length: count }, (_, c) => ({
    x: left[c]!,
    x2: left[c]! + size[c]!,
    y: birth[c]!,
    y2: Math.max(death[c]!, birth[c]!),
    rows: size[c]!,
    cluster: c + n,
    segment: labelOf[c]! >= 0 ? segmentLabel(options.names, labelOf[c]!) : 'not selected',
    selected: selected[c] === 1,
  }));
  const color = segmentColor(domain);
  const range = (color.scale as { range: string[] }).range;
  range[range.length - 1] = '#BBBBBB';
  return asChart({
    ...baseSpec(
      'Condensed cluster tree',
      `HDBSCAN condensed tree of ${n} customers: ${count} clusters, ${selectedClusters.length} selected as segments.`,
      options,
    ),
    layer: [
      {
        data: { values: bars },
        mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: 'customers', scale: { domain: [0, n] } },
          x2: { field: 'x2' },
          y: { field: 'y', type: 'quantitative', title: 'λ = 1 / distance', scale: { reverse: true } },
          y2: { field: 'y2' },
          color,
          opacity: { condition: { test: 'datum.selected', value: 1 }, value: 0.45 },
          tooltip: [
            { field: 'cluster', type: 'quantitative' },
            { field: 'rows', type: 'quantitative' },
            { field: 'segment', type: 'nominal' },
            { field: 'y', type: 'quantitative', title: 'λ birth', format: '.4g' },
            { field: 'y2', type: 'quantitative', title: 'λ end', format: '.4g' },
          ],
        },
      },
    ],
  });
}
