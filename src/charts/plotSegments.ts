import { describeValue } from '../core/describeValue';
import { toMatrix, type MatrixLike } from '../core/Matrix';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireInteger } from '../core/validateOptions';
import { asChart, baseSpec, type ChartOptions, checkChartOptions, segmentColor, segmentLabel, type VegaLiteSpec } from './vegaLite';

/** Options of {@link plotSegments}. */
export interface PlotSegmentsOptions extends ChartOptions {
  /** Axis titles. Default `['component 1', 'component 2']`. */
  readonly axisTitles?: readonly [string, string];
  /** At most this many points are drawn (an evenly spaced subset, every segment kept); the description says so. Default 5,000. */
  readonly maxPoints?: number;
}

const OPTIONS = ['title', 'width', 'height', 'names', 'axisTitles', 'maxPoints'];

/** @internal Label order: numbers ascending, then names; noise (−1) last. */
export function sortedLabels(labels: Iterable<number | string>): (number | string)[] {
  return [...new Set(labels)].sort((a, b) => {
    if (a === -1) return 1;
    if (b === -1) return -1;
    if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/**
 * A scatter of a 2-D projection of the customers (PCA's first two components, UMAP, two features), coloured by
 * segment with the colour-blind-safe palette, shaped too beyond eight segments; noise (label −1) in grey.
 *
 * @param points2d - one `[x, y]` row per customer (a matrix with two columns)
 * @param labels - one segment per row
 * @throws {@link SegmentkitError} `E_SHAPE` when points are not two columns or labels have another length.
 * @example
 * const spec = plotSegments([[0, 0], [1, 1], [5, 5]], [0, 0, 1], { names: { 0: 'Loyal', 1: 'New' } });
 * [spec.mark, spec.data.values[2].segment]; // => [{ type: 'point', filled: true, opacity: 0.7 }, 'New']
 */
export function plotSegments(points2d: MatrixLike, labels: ArrayLike<number | string>, options: PlotSegmentsOptions = {}): VegaLiteSpec {
  const context = 'plotSegments';
  assertKnownOptions(context, options, OPTIONS);
  checkChartOptions(context, options);
  const X = toMatrix(points2d, context);
  if (X.cols !== 2)
    throw new SegmentkitError('E_SHAPE', `${context}: points2d must have 2 columns (x, y), got ${X.cols}; project first (PCA)`);
  if (labels === null || typeof labels !== 'object' || labels.length !== X.rows)
    throw new SegmentkitError('E_SHAPE', `${context}: labels must have one segment per point (${X.rows})`);
  const maxPoints = requireInteger(context, 'maxPoints', options.maxPoints ?? 5000, { min: 1 });
  const step = X.rows > maxPoints ? X.rows / maxPoints : 1;
  const domainLabels = sortedLabels(Array.from(labels));
  const domain = domainLabels.map((l) => (l === -1 ? 'noise' : segmentLabel(options.names, l)));
  const values: { x: number; y: number; segment: string }[] = [];
  for (let k = 0; k < Math.min(X.rows, maxPoints); k++) {
    const i = Math.floor(k * step);
    const label = labels[i]!;
    values.push({ x: X.data[2 * i]!, y: X.data[2 * i + 1]!, segment: label === -1 ? 'noise' : segmentLabel(options.names, label) });
  }
  const axisTitles = options.axisTitles ?? ['component 1', 'component 2'];
  if (!Array.isArray(axisTitles) || axisTitles.length !== 2 || !axisTitles.every((t) => typeof t === 'string'))
    throw new SegmentkitError('E_PARAM', `${context}: axisTitles must be two strings [x, y], got ${describeValue(axisTitles)}`);
  const [xTitle, yTitle] = axisTitles;
  const color = segmentColor(domain);
  if (domain.includes('noise')) {
    const range = (color.scale as { range: string[] }).range;
    range[domain.indexOf('noise')] = '#BBBBBB';
  }
  const shown = values.length < X.rows ? `${values.length} of ${X.rows} customers (evenly spaced)` : `${X.rows} customers`;
  return asChart({
    ...baseSpec('Segments', `Scatter of ${shown} on two axes, coloured by segment (${domain.join(', ')}).`, options),
    data: { values },
    mark: { type: 'point', filled: true, opacity: 0.7 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: xTitle },
      y: { field: 'y', type: 'quantitative', title: yTitle },
      color,
      ...(domain.length > 8 ? { shape: { field: 'segment', type: 'nominal', sort: domain, legend: null } } : {}),
      tooltip: [{ field: 'segment' }, { field: 'x', format: '.3~g' }, { field: 'y', format: '.3~g' }],
    },
  } as VegaLiteSpec);
}
