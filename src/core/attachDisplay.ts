// Displays for results that are not class instances (arrays of rows, plain result objects): the same two
// registry symbols Displayable sets, attached to the object itself, non-enumerable, so JSON, spreads and
// equality checks never see them.
import { formatNumber, htmlSummary } from './display';

const INSPECT = /* @__PURE__ */ Symbol.for('nodejs.util.inspect.custom');
const JUPYTER_DISPLAY = /* @__PURE__ */ Symbol.for('Jupyter.display');

/** The Vega-Lite MIME type JupyterLab draws natively. */
const VEGA_LITE_MIME = 'application/vnd.vegalite.v5+json';

/** @internal What a result shows: a one-line REPL summary, an HTML bundle, and optionally a chart. */
export interface DisplaySpec {
  /** The one-line summary (Node and Deno REPL). */
  readonly line: () => string;
  /** `text/html` and `text/plain` for a notebook. */
  readonly html: () => Record<string, string>;
  /** A Vega-Lite spec drawn under the table in JupyterLab, where a chart fits. */
  readonly chart?: () => unknown;
}

/**
 * @internal Give `target` a REPL summary and a notebook display; returns `target`. Objects that are frozen or
 * not extensible are returned unchanged (they cannot take the symbols).
 */
export function attachDisplay<T extends object>(target: T, spec: DisplaySpec): T {
  if (!Object.isExtensible(target)) return target;
  Object.defineProperty(target, INSPECT, { value: spec.line });
  Object.defineProperty(target, JUPYTER_DISPLAY, {
    value: () => {
      const bundle: Record<string, unknown> = spec.html();
      // a chart is a bonus: a result it cannot draw still shows its table
      try {
        if (spec.chart) bundle[VEGA_LITE_MIME] = spec.chart();
      } catch {}
      return bundle;
    },
  });
  return target;
}

/** @internal One cell as text: numbers as the summaries format them, dates as ISO text, null as —. */
export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return formatNumber(value);
  if (value instanceof Date) return value.toISOString().replace('T00:00:00.000Z', '');
  if (Array.isArray(value)) return `[${value.map(formatCell).join(', ')}]`;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * @internal The display of an array of records: a title with facts, the first 20 rows as a table (the columns of
 * the first row), and how many there are.
 */
export function attachRowsDisplay<T extends readonly object[]>(
  rows: T,
  title: string,
  facts: () => (readonly [string, string])[] = () => [],
): T {
  const columns = (): string[] => (rows.length > 0 ? Object.keys(rows[0]!) : []);
  const line = (): string =>
    `${title} { ${rows.length} rows${facts()
      .map(([k, v]) => `, ${k}: ${v}`)
      .join('')} }`;
  return attachDisplay(rows, {
    line,
    html: () => {
      const names = columns();
      const shown = rows.length > 20 ? `${rows.length} (first 20 shown)` : String(rows.length);
      return {
        ...htmlSummary(title, [['rows', shown], ...facts()], {
          header: names,
          rows: rows.slice(0, 20).map((row) => names.map((name) => formatCell((row as Record<string, unknown>)[name]))),
        }),
        'text/plain': line(),
      };
    },
  });
}
