// segmentkit/svg: static SVG from any Vega-Lite spec through the real Vega renderer. vega and vega-lite are
// optional peer dependencies, loaded on first use, so the main entry stays free of them.
import { describeValue } from './core/describeValue';
import { SegmentkitError } from './core/SegmentkitError';
import type { VegaLiteSpec } from './charts/vegaLite';

export type { VegaLiteSpec } from './charts/vegaLite';

/** Options of {@link toSvg}. */
export interface ToSvgOptions {
  /** Scale factor of the drawing. Default 1. */
  readonly scale?: number;
}

interface VegaModule {
  parse(spec: unknown): unknown;
  View: new (runtime: unknown, options: { renderer: string }) => { toSVG(scale?: number): Promise<string>; finalize(): void };
}
interface VegaLiteModule {
  compile(spec: unknown): { spec: unknown };
}

let loaded: Promise<[VegaModule, VegaLiteModule]> | undefined;

async function loadVega(): Promise<[VegaModule, VegaLiteModule]> {
  loaded ??= Promise.all([import('vega') as Promise<unknown>, import('vega-lite') as Promise<unknown>]).then(
    ([vega, vegaLite]) => [vega as VegaModule, vegaLite as VegaLiteModule],
    (error: unknown) => {
      loaded = undefined;
      throw new SegmentkitError(
        'E_PARAM',
        `toSvg: could not load vega and vega-lite (${error instanceof Error ? error.message : String(error)}); install them: npm install vega vega-lite`,
      );
    },
  );
  return loaded;
}

/**
 * Render a Vega-Lite spec (from the `plot…` builders, or your own) to a standalone SVG string with Vega's own
 * renderer, headless: for reports, files and terminals without a notebook. Needs the optional peer dependencies
 * `vega` and `vega-lite`.
 *
 * @throws `SegmentkitError` `E_PARAM` when vega or vega-lite cannot be loaded (the message says how to
 *   install them) or the spec does not compile (Vega-Lite's message).
 * @example
 * const svg = await toSvg(plotSegments([[0, 0], [1, 1]], [0, 1]));
 * svg.startsWith('<svg'); // => true
 */
export async function toSvg(spec: VegaLiteSpec, options: ToSvgOptions = {}): Promise<string> {
  if (spec === null || typeof spec !== 'object')
    throw new SegmentkitError('E_PARAM', 'toSvg: pass a Vega-Lite spec (an object), e.g. the result of plotSegments');
  if (options === null || typeof options !== 'object')
    throw new SegmentkitError('E_PARAM', `toSvg: options must be an object such as { scale: 2 }, got ${describeValue(options)}`);
  const scale = options.scale ?? 1;
  if (typeof scale !== 'number' || !(scale > 0) || !Number.isFinite(scale))
    throw new SegmentkitError('E_PARAM', `toSvg: scale must be a number > 0, got ${describeValue(scale)}`);
  const [vega, vegaLite] = await loadVega();
  let compiled: unknown;
  try {
    compiled = vegaLite.compile(spec).spec;
  } catch (error) {
    throw new SegmentkitError('E_PARAM', `toSvg: the spec does not compile: ${error instanceof Error ? error.message : String(error)}`);
  }
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG(scale);
  } finally {
    view.finalize();
  }
}
