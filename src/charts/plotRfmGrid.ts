import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions } from '../core/validateOptions';
import type { RfmScoredRow } from '../rfm/rfmScore';
import { asChart, baseSpec, type ChartOptions, checkChartOptions, type VegaLiteSpec } from './vegaLite';

/** One cell of the RFM grid. */
interface GridCell {
  recencyScore: number;
  frequencyScore: number;
  customers: number;
  revenue: number;
  revenueShare: number;
}

/**
 * The RFM grid: recency score × frequency score, two heatmaps side by side: how many customers sit in each cell
 * and what share of the revenue they bring. The top-right corner (recent and frequent) is where Champions live;
 * a large, valuable bottom-right (frequent, long ago) is revenue at risk.
 *
 * @param scored - the rows of {@link rfmScore} (or {@link rfmSegments})
 * @throws {@link SegmentkitError} `E_PARAM` for rows without scores.
 * @example
 * const scored = rfmScore(rfmTable([{ customerId: 'a', timestamp: '2024-01-01', amount: 10 }, { customerId: 'b', timestamp: '2024-02-01', amount: 30 }]), { bins: 2 });
 * plotRfmGrid(scored).hconcat.length; // => 2
 */
export function plotRfmGrid(scored: readonly RfmScoredRow[], options: Omit<ChartOptions, 'names'> = {}): VegaLiteSpec {
  const context = 'plotRfmGrid';
  assertKnownOptions(context, options, ['title', 'width', 'height']);
  checkChartOptions(context, options);
  if (!Array.isArray(scored) || scored.length === 0)
    throw new SegmentkitError('E_PARAM', `${context}: pass rfmScore's rows (a non-empty array)`);
  const cells = new Map<string, GridCell>();
  let total = 0;
  scored.forEach((row, i) => {
    if (row === null || typeof row !== 'object' || typeof row.recencyScore !== 'number' || typeof row.frequencyScore !== 'number')
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: row ${i} has no recencyScore / frequencyScore; score the table with rfmScore first`,
      );
    const key = `${row.recencyScore}|${row.frequencyScore}`;
    let cell = cells.get(key);
    if (cell === undefined) {
      cell = { recencyScore: row.recencyScore, frequencyScore: row.frequencyScore, customers: 0, revenue: 0, revenueShare: 0 };
      cells.set(key, cell);
    }
    cell.customers++;
    const monetary = Number.isFinite(row.monetary) ? row.monetary : 0;
    cell.revenue += monetary;
    total += monetary;
  });
  const values = [...cells.values()].sort((a, b) => a.recencyScore - b.recencyScore || a.frequencyScore - b.frequencyScore);
  for (const cell of values) cell.revenueShare = total === 0 ? 0 : cell.revenue / total;
  const size = options.width ?? 260;
  const panel = (field: 'customers' | 'revenueShare', title: string, scheme: string, format: string) => ({
    width: size,
    height: options.height ?? size,
    title,
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          x: { field: 'recencyScore', type: 'ordinal', title: 'recency score (higher = more recent)' },
          y: { field: 'frequencyScore', type: 'ordinal', title: 'frequency score', sort: 'descending' },
          color: { field, type: 'quantitative', title: null, scale: { scheme } },
          tooltip: [
            { field: 'recencyScore' },
            { field: 'frequencyScore' },
            { field: 'customers' },
            { field: 'revenueShare', format: '.1%' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          x: { field: 'recencyScore', type: 'ordinal' },
          y: { field: 'frequencyScore', type: 'ordinal', sort: 'descending' },
          text: { field, type: 'quantitative', format },
        },
      },
    ],
  });
  return asChart({
    ...baseSpec(
      'RFM grid',
      `Recency score by frequency score for ${scored.length} customers: customers and revenue share per cell.`,
      options,
      false,
    ),
    data: { values },
    hconcat: [panel('customers', 'customers', 'blues', 'd'), panel('revenueShare', 'share of revenue', 'oranges', '.0%')],
    resolve: { scale: { color: 'independent' } },
  });
}
