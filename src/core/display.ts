// Formatting shared by the REPL summaries and notebook tables of every result (see Displayable).

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** @internal Compact number formatting for summaries. */
export function formatNumber(value: number, digits = 4): string {
  if (Number.isInteger(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e6 || magnitude < 1e-3)) return value.toExponential(digits - 1);
  return String(Number(value.toPrecision(digits)));
}

/**
 * @internal
 * The summary of a model with one fitted vector per feature (a scaler's means and scales): one table row per
 * feature, one column per vector, numbers shown as {@link formatNumber} does.
 */
export function columnsSummary(
  title: string,
  facts: readonly (readonly [string, string])[],
  columns: readonly (readonly [string, readonly number[]])[],
): { 'text/html': string; 'text/plain': string } {
  const header = ['feature', ...columns.map(([name]) => name)];
  const rows = columns[0]![1].map((_, j) => [String(j), ...columns.map(([, values]) => formatNumber(values[j]!))]);
  return htmlSummary(title, facts, { header, rows });
}

/** @internal `[1.5, 2]`: numbers as the one-line REPL summaries show them. */
export function numberList(values: readonly number[]): string {
  return `[${values.map((v) => formatNumber(v)).join(', ')}]`;
}

/** @internal An HTML block: a title line, key/value facts, and an optional table. */
export function htmlSummary(
  title: string,
  facts: readonly (readonly [string, string])[],
  table?: { header: readonly string[]; rows: readonly (readonly string[])[] },
): { 'text/html': string; 'text/plain': string } {
  const factHtml = facts.map(([k, v]) => `<b>${escapeHtml(k)}</b>: ${escapeHtml(v)}`).join(' · ');
  let tableHtml = '';
  if (table) {
    const head = table.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
    const body = table.rows
      .map((row) => `<tr>${row.map((c) => `<td style="text-align:right">${escapeHtml(c)}</td>`).join('')}</tr>`)
      .join('');
    tableHtml = `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
  }
  const plain = `${title} { ${facts.map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
  return { 'text/html': `<div><div><b>${escapeHtml(title)}</b></div><div>${factHtml}</div>${tableHtml}</div>`, 'text/plain': plain };
}
