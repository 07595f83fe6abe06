// The estimator kit, part 2: how every result shows itself. Node's REPL calls the util.inspect symbol, Deno's
// Jupyter kernel the Jupyter.display symbol; both are registry symbols, so nothing needs importing. They are set
// by the constructor, not by a module-level statement, so a bundle keeps only the classes it uses (and the
// public type declarations stay free of symbol-keyed members).

const INSPECT = /* @__PURE__ */ Symbol.for('nodejs.util.inspect.custom');
const JUPYTER_DISPLAY = /* @__PURE__ */ Symbol.for('Jupyter.display');

function inspect(this: Displayable): string {
  return (this as unknown as { summaryLine(): string }).summaryLine();
}

function display(this: Displayable): Record<string, unknown> {
  const self = this as unknown as { summaryHtml(): Record<string, string>; summaryChart?(): unknown };
  const bundle: Record<string, unknown> = { ...self.summaryHtml() };
  if (typeof self.summaryChart === 'function') {
    try {
      // JupyterLab draws this MIME type natively, under the table
      bundle['application/vnd.vegalite.v5+json'] = self.summaryChart();
    } catch {
      // a chart is a bonus: a result it cannot draw still shows its table
    }
  }
  return bundle;
}

/**
 * Anything that prints a one-line summary in the Node and Deno REPL and an HTML table in a Deno Jupyter notebook.
 * Subclasses say what to show; not constructed directly.
 *
 * @example
 * const model = new StandardScaler().fit([[0], [2]]);
 * model instanceof Displayable; // => true
 */
export abstract class Displayable {
  /** @internal */
  protected constructor() {
    Object.defineProperty(this, INSPECT, { value: inspect });
    Object.defineProperty(this, JUPYTER_DISPLAY, { value: display });
  }

  /** @internal The one-line summary the REPL prints. */
  protected abstract summaryLine(): string;

  /** @internal The notebook bundle: `text/html` and `text/plain`. */
  protected abstract summaryHtml(): Record<string, string>;

  /** @internal A Vega-Lite spec shown with the table in JupyterLab, for results a chart fits; none by default. */
  protected summaryChart?(): unknown;
}
