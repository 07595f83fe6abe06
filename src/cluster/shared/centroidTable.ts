import { formatNumber } from '../../core/display';

/**
 * @internal
 * The notebook table of a centroid model: one row per cluster with its size, share and (up to 8) centre
 * coordinates.
 */
export function centroidTable(
  centroids: readonly (readonly number[])[],
  sizes: readonly number[],
  rows: number,
  nFeatures: number,
): { header: string[]; rows: string[][] } {
  const shown = Math.min(nFeatures, 8);
  return {
    header: ['cluster', 'size', 'share', ...Array.from({ length: shown }, (_, j) => `x${j}`)],
    rows: centroids.map((c, j) => [
      String(j),
      String(sizes[j]),
      `${((100 * sizes[j]!) / Math.max(1, rows)).toFixed(1)} %`,
      ...c.slice(0, shown).map((v) => formatNumber(v)),
    ]),
  };
}
