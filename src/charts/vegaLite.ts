import { describeValue } from '../core/describeValue';
import { SegmentkitError } from '../core/SegmentkitError';
import { requireNumber } from '../core/validateOptions';

/** A Vega-Lite v5 specification: plain JSON that Vega-Lite compiles, JupyterLab draws and `toSvg` (segmentkit/svg) renders. */
export interface VegaLiteSpec {
  /** The Vega-Lite v5 schema URL. */
  readonly $schema: string;
  /** The rest of the specification (data, mark, encoding, layers, …). */
  readonly [key: string]: unknown;
}

/** Options every chart builder takes. */
export interface ChartOptions {
  /** Chart title. Each builder has its own default. */
  readonly title?: string;
  /** Width in pixels of one panel. Default 400 (the builders that draw grids size their cells instead). */
  readonly width?: number;
  /** Height in pixels of one panel. Default 300. */
  readonly height?: number;
  /** Display names of segments, by label: from {@link nameSegments}, an RFM rule table, … */
  readonly names?: ReadonlyMap<number | string, string> | Readonly<Record<string, string>>;
}

/**
 * @internal Check the options every builder shares (after `assertKnownOptions`): a string title, sizes that are
 * finite numbers > 0 (at most 100,000 pixels), names as a Map or a plain object.
 *
 * @throws {@link SegmentkitError} `E_PARAM` naming the builder and the option.
 */
export function checkChartOptions(context: string, options: ChartOptions): void {
  if (options.title !== undefined && typeof options.title !== 'string')
    throw new SegmentkitError('E_PARAM', `${context}: title must be a string, got ${describeValue(options.title)}`);
  for (const name of ['width', 'height'] as const) {
    const size = options[name];
    if (size !== undefined) requireNumber(context, name, size, { min: 0, exclusiveMin: true, max: 100_000 });
  }
  const names = options.names as unknown;
  if (names !== undefined && !(names instanceof Map) && (names === null || typeof names !== 'object' || Array.isArray(names)))
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: names must be a Map or an object of display names by label, got ${describeValue(names)}`,
    );
}

/** @internal An entry of a result's list, checked to be an object (a chart fed a damaged result says where). */
export function resultEntry<T>(context: string, path: string, value: T, what: string): T {
  if (value === null || typeof value !== 'object')
    throw new SegmentkitError('E_PARAM', `${context}: ${path} is ${describeValue(value)}; pass ${what} unchanged`);
  return value;
}

/** @internal A number of a result, checked to be finite (or null where `nullable`). */
export function resultNumber(context: string, path: string, value: unknown, what: string, nullable = false): number {
  if (nullable && value === null) return value as unknown as number;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new SegmentkitError('E_PARAM', `${context}: ${path} is ${describeValue(value)}, not a finite number; pass ${what} unchanged`);
  return value;
}

/** @internal The schema every spec declares. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/**
 * The Okabe–Ito palette (Okabe & Ito 2008): eight colours told apart by people with the common colour-vision
 * deficiencies. Segments beyond eight repeat colours and are told apart by shape.
 *
 * @example
 * SEGMENT_PALETTE.length; // => 8
 */
export const SEGMENT_PALETTE: readonly string[] = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#56B4E9', '#CC79A7', '#F0E442', '#000000'];

/** @internal A diverging scheme readable in colour-blind vision (blue–orange), for signed differences. */
export const DIVERGING_SCHEME = 'blueorange';

/** @internal The display name of a segment label. */
export function segmentLabel(names: ChartOptions['names'], label: number | string): string {
  if (names !== undefined) {
    const name = names instanceof Map ? names.get(label) : (names as Readonly<Record<string, string>>)[String(label)];
    if (typeof name === 'string') return name;
  }
  return typeof label === 'number' ? `segment ${label}` : label;
}

/** @internal The spec's frame: schema, title, description (for screen readers), sizes and a readable config. */
export function baseSpec(
  title: string,
  description: string,
  options: ChartOptions,
  sized = true,
): { $schema: string } & Record<string, unknown> {
  const spec: { $schema: string } & Record<string, unknown> = {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? title,
    description,
    config: { font: 'system-ui, sans-serif', view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12 } },
  };
  if (sized) {
    spec.width = options.width ?? 400;
    spec.height = options.height ?? 300;
  }
  return spec;
}

/** @internal A colour scale over the given segment names in their order, on the palette. */
export function segmentColor(domain: readonly string[], title = 'segment'): Record<string, unknown> {
  return {
    field: 'segment',
    type: 'nominal',
    title,
    sort: domain,
    scale: { domain, range: domain.map((_, i) => SEGMENT_PALETTE[i % SEGMENT_PALETTE.length]!) },
  };
}

/**
 * @internal Let a spec draw itself where it is shown: in a Deno Jupyter notebook the Vega-Lite MIME bundle
 * (JupyterLab renders it), in the REPL its title. Non-enumerable, so the spec stays plain JSON.
 */
export function asChart<T extends VegaLiteSpec>(spec: T): T {
  Object.defineProperty(spec, Symbol.for('Jupyter.display'), {
    value: () => ({ 'application/vnd.vegalite.v5+json': spec, 'text/plain': `Vega-Lite chart: ${String(spec.title)}` }),
  });
  Object.defineProperty(spec, Symbol.for('nodejs.util.inspect.custom'), { value: () => `Vega-Lite chart: ${String(spec.title)}` });
  return spec;
}
