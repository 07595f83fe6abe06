import type { MatrixLike } from '../core/Matrix';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions } from '../core/validateOptions';
import { silhouetteSamples } from '../metrics/silhouetteSamples';
import { sortedLabels } from './plotSegments';
import { asChart, baseSpec, type ChartOptions, checkChartOptions, segmentColor, segmentLabel, type VegaLiteSpec } from './vegaLite';

/** Largest number of rows {@link plotSilhouette} computes silhouettes for: they cost O(n²) distances. */
const MAX_ROWS = 20_000;

/**
 * The classic silhouette plot (Rousseeuw 1987): every customer's silhouette (exact, as scikit-learn's
 * `silhouette_samples`), sorted within its segment and drawn as one bar, segments stacked, with the mean as a
 * dashed rule. Segments with many bars below 0 hold customers closer to another segment.
 *
 * @throws {@link SegmentkitError} `E_PARAM` above 20,000 rows (sample first; silhouettes cost O(n²)), and the
 *   errors of `silhouetteSamples`.
 * @example
 * const spec = plotSilhouette([[0], [0.1], [5], [5.2]], [0, 0, 1, 1]);
 * spec.layer.length; // => 2
 */
export function plotSilhouette(X: MatrixLike, labels: ArrayLike<number>, options: ChartOptions = {}): VegaLiteSpec {
  const context = 'plotSilhouette';
  assertKnownOptions(context, options, ['title', 'width', 'height', 'names']);
  checkChartOptions(context, options);
  if (X !== null && typeof X === 'object' && 'length' in X && (X as ArrayLike<unknown>).length > MAX_ROWS)
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: ${(X as ArrayLike<unknown>).length} rows; at most ${MAX_ROWS} (silhouettes cost O(n²): plot a sample)`,
    );
  if (X !== null && typeof X === 'object' && 'rows' in X && (X as { rows: number }).rows > MAX_ROWS)
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: ${(X as { rows: number }).rows} rows; at most ${MAX_ROWS} (silhouettes cost O(n²): plot a sample)`,
    );
  const values = silhouetteSamples(X, labels);
  const order = sortedLabels(Array.from(labels)).filter((l) => l !== -1);
  const domain = order.map((l) => segmentLabel(options.names, l));
  const rows: { position: number; silhouette: number; segment: string }[] = [];
  let mean = 0;
  for (const label of order) {
    const members: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === label) members.push(values[i]!);
    members.sort((a, b) => b - a);
    for (const s of members) rows.push({ position: rows.length, silhouette: s, segment: segmentLabel(options.names, label) });
  }
  for (const r of rows) mean += r.silhouette;
  mean /= rows.length;
  return asChart({
    ...baseSpec(
      `Silhouettes (mean ${mean.toFixed(3)})`,
      `Silhouette of each of ${rows.length} customers, sorted within segment; mean ${mean.toFixed(3)}.`,
      options,
    ),
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', orient: 'horizontal', height: { band: 1 } },
        encoding: {
          y: { field: 'position', type: 'ordinal', axis: null, sort: null },
          x: { field: 'silhouette', type: 'quantitative', title: 'silhouette', scale: { domain: [-1, 1] } },
          color: segmentColor(domain),
          tooltip: [{ field: 'segment' }, { field: 'silhouette', format: '.3f' }],
        },
      },
      { mark: { type: 'rule', strokeDash: [4, 3], color: '#333333' }, encoding: { x: { datum: mean, type: 'quantitative' } } },
    ],
  });
}
