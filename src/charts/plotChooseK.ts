import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions } from '../core/validateOptions';
import type { ChooseKResult } from '../metrics/chooseK';
import {
  asChart,
  baseSpec,
  type ChartOptions,
  checkChartOptions,
  resultEntry,
  resultNumber,
  SEGMENT_PALETTE,
  type VegaLiteSpec,
} from './vegaLite';

const CRITERIA = [
  ['inertia', 'inertia (elbow)', 'lower, look for the bend'],
  ['silhouette', 'silhouette', 'higher is better'],
  ['calinskiHarabasz', 'Calinski–Harabasz', 'higher is better'],
  ['daviesBouldin', 'Davies–Bouldin', 'lower is better'],
  ['gap', 'gap statistic', 'higher is better'],
  ['bic', 'BIC', 'lower is better'],
] as const;

/**
 * The evidence of {@link chooseK} in one picture: one small panel per criterion it computed (inertia with its
 * elbow, silhouette, Calinski–Harabasz, Davies–Bouldin, gap, BIC) against k, each saying which way is better,
 * the recommended k marked by a vertical rule in every panel.
 *
 * @throws {@link SegmentkitError} `E_PARAM` for something that is not a chooseK result.
 * @example
 * const result = { rows: [{ k: 2, sizes: [5, 5], inertia: 10, silhouette: 0.5 }, { k: 3, sizes: [4, 3, 3], inertia: 4, silhouette: 0.7 }], recommendedK: 3 };
 * plotChooseK(result).facet.field; // => 'criterion'
 */
export function plotChooseK(result: Pick<ChooseKResult, 'rows' | 'recommendedK'>, options: Omit<ChartOptions, 'names'> = {}): VegaLiteSpec {
  const context = 'plotChooseK';
  assertKnownOptions(context, options, ['title', 'width', 'height']);
  checkChartOptions(context, options);
  if (result === null || typeof result !== 'object' || !Array.isArray(result.rows) || result.rows.length === 0)
    throw new SegmentkitError('E_PARAM', `${context}: pass chooseK's result (with its rows)`);
  const values: { k: number; criterion: string; value: number }[] = [];
  const present: string[] = [];
  for (const [key, name, direction] of CRITERIA) {
    const label = `${name}: ${direction}`;
    for (const [i, row] of result.rows.entries()) {
      resultEntry(context, `rows[${i}]`, row, "chooseK's result");
      resultNumber(context, `rows[${i}].k`, row.k, "chooseK's result");
      const value = (row as unknown as Record<string, number | undefined>)[key];
      if (typeof value === 'number' && Number.isFinite(value)) {
        values.push({ k: row.k, criterion: label, value });
        if (!present.includes(label)) present.push(label);
      }
    }
  }
  const spec = baseSpec(
    `Choosing k: ${result.recommendedK} recommended`,
    `Each criterion of chooseK against the number of segments k; the recommended k = ${result.recommendedK} is marked.`,
    options,
    false,
  );
  return asChart({
    ...spec,
    data: { values },
    facet: { field: 'criterion', type: 'nominal', sort: present, title: null, header: { labelFontSize: 12 } },
    columns: Math.min(3, present.length),
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: options.width ?? 220,
      height: options.height ?? 160,
      layer: [
        {
          mark: { type: 'line', point: true, color: SEGMENT_PALETTE[0] },
          encoding: {
            x: { field: 'k', type: 'quantitative', axis: { tickMinStep: 1, format: 'd' }, scale: { zero: false } },
            y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false } },
            tooltip: [{ field: 'k' }, { field: 'value', format: '.4~g' }],
          },
        },
        {
          mark: { type: 'rule', color: SEGMENT_PALETTE[3], strokeDash: [4, 3] },
          encoding: { x: { datum: result.recommendedK, type: 'quantitative' } },
        },
      ],
    },
  } as VegaLiteSpec);
}
