// The HTML pieces of the report: escaping, tables, figures and the page frame (inline CSS, no scripts, no
// network). Every string that can come from the user's data goes through `escapeHtml` here.

/** @internal Escape text for HTML content and double-quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** @internal A number for people: thousands separated, at most `digits` decimals, `—` for missing. */
export function formatValue(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const rounded = Math.abs(value) >= 1000 ? Math.round(value) : value;
  return rounded.toLocaleString('en-US', { maximumFractionDigits: Math.abs(value) >= 1000 ? 0 : digits }).replace('-', '−');
}

/** @internal A share 0–1 as a percentage with one decimal. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${(Math.round(share * 1000) / 10).toFixed(1)} %`;
}

/** @internal A table cell: plain text (escaped) or a number (formatted, right-aligned). */
export type Cell = string | number | null | { readonly html: string };

/** @internal What `suppressSmallCells` leaves in a blanked cell, shown to the reader. */
export function suppressedCell(minSegmentSize: number): { html: string } {
  return { html: `<span class="suppressed">suppressed (&lt; ${escapeHtml(minSegmentSize)})</span>` };
}

function cellHtml(cell: Cell): string {
  if (cell === null) return '<td>—</td>';
  if (typeof cell === 'number') return `<td class="num">${escapeHtml(formatValue(cell))}</td>`;
  if (typeof cell === 'object') return `<td>${cell.html}</td>`;
  // shares and other formatted numbers align like numbers
  return /^[−\d.,\s%]+$/.test(cell) && /\d/.test(cell) ? `<td class="num">${escapeHtml(cell)}</td>` : `<td>${escapeHtml(cell)}</td>`;
}

/** @internal A fitted parameter: four significant digits. */
export function formatParameter(value: number): string {
  return Number.isFinite(value) ? Number(value.toPrecision(4)).toString().replace('-', '−') : String(value);
}

/**
 * @internal An accessible table: a caption, column headers with `scope="col"`, the first cell of each row a
 * row header (`scope="row"`), at most `maxRows` rows (the rest counted in the caption), inside a scrolling
 * wrapper so it stays readable on a phone.
 */
export function tableHtml(caption: string, headers: readonly string[], rows: readonly (readonly Cell[])[], maxRows: number): string {
  const shown = rows.slice(0, maxRows);
  const more = rows.length > shown.length ? ` (first ${shown.length} of ${rows.length} rows)` : '';
  const head = headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = shown
    .map((row) => {
      const [first, ...rest] = row;
      const header =
        first !== undefined && typeof first === 'object' && first !== null
          ? `<th scope="row">${first.html}</th>`
          : `<th scope="row">${escapeHtml(first === null || first === undefined ? '—' : typeof first === 'number' ? formatValue(first) : first)}</th>`;
      return `<tr>${header}${rest.map(cellHtml).join('')}</tr>`;
    })
    .join('\n');
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="${escapeHtml(caption)}"><table>
<caption>${escapeHtml(caption + more)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table></div>`;
}

/** @internal A definition list of facts. */
export function factsHtml(facts: readonly (readonly [string, string])[]): string {
  return `<dl class="facts">${facts.map(([term, value]) => `<div><dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd></div>`).join('')}</dl>`;
}

/** @internal A note paragraph (already escaped HTML inside, or plain text). */
export function noteHtml(text: string, kind: 'note' | 'warning' = 'note'): string {
  return `<p class="${kind}">${escapeHtml(text)}</p>`;
}

/**
 * @internal A chart as an accessible inline SVG: `role="img"`, an `aria-labelledby` pointing at a `<title>` and
 * `<desc>` put inside the SVG, and the same text as the figure's caption. `svg` is Vega's output.
 */
export function figureHtml(id: string, builder: string, rendered: string, title: string, description: string): string {
  let svg = rendered;
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  // Vega numbers gradients and clips with a process-wide counter: give each id the figure's prefix instead, so
  // ids are unique in the page and the same on every run
  const ids = [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]!);
  for (const old of new Set(ids)) {
    const fresh = `${id}-${old.replace(/_\d+$/, '')}-${ids.indexOf(old)}`;
    svg = svg.split(`id="${old}"`).join(`id="${fresh}"`).split(`#${old})`).join(`#${fresh})`).split(`"#${old}"`).join(`"#${fresh}"`);
  }
  const open = svg.indexOf('<svg');
  const end = svg.indexOf('>', open);
  if (open === -1 || end === -1) throw new Error(`segmentReport: the ${builder} chart did not render as SVG`);
  // Vega's SVG carries width, height and a viewBox; CSS scales it down on narrow screens
  const tag = svg
    .slice(open, end)
    .replace(/^<svg/, `<svg role="img" aria-labelledby="${titleId} ${descId}" aria-label="${escapeHtml(title)}" focusable="false"`);
  const inner = `<title id="${titleId}">${escapeHtml(title)}</title><desc id="${descId}">${escapeHtml(description)}</desc>`;
  const body = `${tag}>${inner}${svg.slice(end + 1)}`;
  return `<figure class="chart" id="${id}" data-chart="${escapeHtml(builder)}">
${body}
<figcaption>${escapeHtml(title)}. ${escapeHtml(description)}</figcaption>
</figure>`;
}

const CSS = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --rule: #d0d0d0; --accent: #0072B2; --warn: #D55E00; --bg-alt: #f5f7f9; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
header { border-bottom: 2px solid var(--accent); margin-bottom: 1.5rem; }
h1 { font-size: 1.8rem; margin: 0.5rem 0; }
h2 { font-size: 1.4rem; margin-top: 2.5rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
p, li { max-width: 46rem; }
nav ol { columns: 2; padding-left: 1.4rem; }
a { color: var(--accent); }
.lede { color: var(--muted); }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 0.5rem 1rem; margin: 1rem 0; }
.facts div { background: var(--bg-alt); padding: 0.5rem 0.75rem; border-radius: 4px; }
.facts dt { font-size: 0.85rem; color: var(--muted); }
.facts dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
.table-wrap { overflow-x: auto; max-width: 100%; margin: 1rem 0; }
.table-wrap:focus { outline: 2px solid var(--accent); }
table { border-collapse: collapse; font-size: 0.92rem; min-width: 20rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; caption-side: top; }
th, td { padding: 0.3rem 0.6rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); white-space: nowrap; }
tbody th { font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.suppressed { color: var(--muted); font-style: italic; white-space: nowrap; }
.note { color: var(--muted); }
.warning { border-left: 4px solid var(--warn); padding-left: 0.75rem; }
figure.chart { margin: 1.5rem 0; overflow-x: auto; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 0.9rem; color: var(--muted); margin-top: 0.4rem; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.88rem; }
pre { background: var(--bg-alt); padding: 0.75rem; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
footer { margin-top: 3rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.85rem; }
@media (max-width: 40rem) {
  body { padding: 0.6rem; font-size: 15px; }
  h1 { font-size: 1.45rem; }
  nav ol { columns: 1; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav, .skip { display: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-before: auto; break-after: avoid; }
  h3 { break-after: avoid; }
  figure.chart, table, .facts div { break-inside: avoid; }
  .table-wrap, figure.chart { overflow: visible; }
  figure.chart svg { max-width: 100%; }
}
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: 0.5rem; }
`;

/** @internal The whole page: lang, charset, viewport, inline styles, one h1, a table of contents. */
export function pageHtml(
  title: string,
  lede: string,
  sections: readonly { id: string; title: string; html: string }[],
  footer: string,
): string {
  const toc = sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('');
  const body = sections
    .map((s) => `<section id="${s.id}" aria-labelledby="${s.id}-h">\n<h2 id="${s.id}-h">${escapeHtml(s.title)}</h2>\n${s.html}\n</section>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="segmentkit">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the report</a>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="lede">${escapeHtml(lede)}</p>
</header>
<nav aria-label="Contents"><ol>${toc}</ol></nav>
<main id="main">
${body}
</main>
<footer><p>${escapeHtml(footer)}</p></footer>
</body>
</html>
`;
}
