// Plain-text table printing for the examples and the demo (not part of the library API).

export type Cell = string | number;

function formatCell(value: Cell, digits: number): string {
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Render rows as an aligned text table; numbers are right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly Cell[])[], digits = 2): string {
  const cells = rows.map((row) => row.map((value) => formatCell(value, digits)));
  const widths = header.map((h, j) => Math.max(h.length, ...cells.map((row) => row[j]!.length)));
  const numeric = header.map((_, j) => rows.every((row) => typeof row[j] === 'number'));
  const line = (values: readonly string[]): string =>
    values
      .map((v, j) => (numeric[j] ? v.padStart(widths[j]!) : v.padEnd(widths[j]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
