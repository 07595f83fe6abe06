import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions } from '../core/validateOptions';
import type { SegmentProfile } from '../explain/profileSegments';
import {
  asChart,
  baseSpec,
  type ChartOptions,
  checkChartOptions,
  DIVERGING_SCHEME,
  resultEntry,
  resultNumber,
  segmentLabel,
  type VegaLiteSpec,
} from './vegaLite';

/**
 * A segment × feature heatmap of {@link profileSegments}: each cell the standardised difference (Cohen's d) of the
 * segment against the rest, on a diverging colour-blind-safe scale clipped at ±2, with the segment's mean in the
 * feature's own units in the tooltip. Rows carry the segment names when given.
 *
 * @throws {@link SegmentkitError} `E_PARAM` for something that is not a profile.
 * @example
 * const profile = profileSegments([{ spend: 1 }, { spend: 2 }, { spend: 9 }, { spend: 10 }], [0, 0, 1, 1]);
 * plotProfiles(profile, { names: { 0: 'Low', 1: 'High' } }).data.values.map((v) => v.segment); // => ['Low', 'High']
 */
export function plotProfiles(profile: Pick<SegmentProfile, 'segments'>, options: Omit<ChartOptions, 'width'> = {}): VegaLiteSpec {
  const context = 'plotProfiles';
  assertKnownOptions(context, options, ['title', 'height', 'names']);
  checkChartOptions(context, options);
  if (profile === null || typeof profile !== 'object' || !Array.isArray(profile.segments))
    throw new SegmentkitError('E_PARAM', `${context}: pass profileSegments' result`);
  const values: { segment: string; feature: string; difference: number | null; mean: number; size: number }[] = [];
  const features: string[] = [];
  const segments: string[] = [];
  const what = "profileSegments' result";
  for (const [i, s] of profile.segments.entries()) {
    resultEntry(context, `segments[${i}]`, s, what);
    if (!Array.isArray(s.numeric))
      throw new SegmentkitError('E_PARAM', `${context}: segments[${i}].numeric is not a list; pass ${what} unchanged`);
    const name = s.isNoise ? 'noise' : segmentLabel(options.names, s.segment);
    segments.push(name);
    const size = resultNumber(context, `segments[${i}].size`, s.size, what);
    for (const [j, f] of s.numeric.entries()) {
      const path = `segments[${i}].numeric[${j}]`;
      resultEntry(context, path, f, what);
      if (!features.includes(f.feature)) features.push(f.feature);
      values.push({
        segment: name,
        feature: f.feature,
        difference: resultNumber(context, `${path}.standardizedDifference`, f.standardizedDifference, what, true),
        mean: resultNumber(context, `${path}.mean`, f.mean, what),
        size,
      });
    }
  }
  const cell = 36;
  return asChart({
    ...baseSpec(
      'Segment profiles',
      `Standardised difference (Cohen's d) of each of ${segments.length} segments against the rest on ${features.length} features.`,
      options,
      false,
    ),
    width: cell * features.length,
    height: options.height ?? cell * segments.length,
    data: { values },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          x: { field: 'feature', type: 'nominal', sort: features, title: null, axis: { labelAngle: -40 } },
          y: { field: 'segment', type: 'nominal', sort: segments, title: null },
          color: {
            field: 'difference',
            type: 'quantitative',
            title: "Cohen's d",
            scale: { scheme: DIVERGING_SCHEME, domain: [-2, 2], clamp: true },
          },
          tooltip: [
            { field: 'segment' },
            { field: 'feature' },
            { field: 'mean', format: '.4~g', title: 'segment mean' },
            { field: 'difference', format: '.2f', title: "Cohen's d" },
            { field: 'size', title: 'customers' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 9 },
        encoding: {
          x: { field: 'feature', type: 'nominal', sort: features },
          y: { field: 'segment', type: 'nominal', sort: segments },
          text: { field: 'difference', type: 'quantitative', format: '+.1f' },
        },
      },
    ],
  });
}
