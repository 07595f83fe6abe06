/**
 * The cell texts read as missing by default: `''`, `'NA'`, `'N/A'`, `'NaN'`, `'null'`, `'NULL'` and `'?'`. A cell of
 * only whitespace counts as `''`. {@link parseCsv} turns them into `null`; numeric columns everywhere read them as
 * missing (a number column cannot hold the text `'NA'`), while categorical columns keep text other than the blank
 * cell as a category (`'NA'` may be North America).
 *
 * @example
 * DEFAULT_MISSING_MARKERS.includes('N/A'); // => true
 */
export const DEFAULT_MISSING_MARKERS: readonly string[] = /* @__PURE__ */ Object.freeze(['', 'NA', 'N/A', 'NaN', 'null', 'NULL', '?']);

const DEFAULT_MARKERS: ReadonlySet<string> = /* @__PURE__ */ new Set(DEFAULT_MISSING_MARKERS);

/** @internal Whether text is blank: empty or whitespace only. */
export function isBlankText(text: string): boolean {
  const n = text.length;
  if (n === 0) return true;
  if (text.charCodeAt(0) > 32 || text.charCodeAt(n - 1) > 32) return false;
  return text.trim() === '';
}

/** @internal Whether a cell is missing for a categorical reader: `null`, `undefined`, `NaN`, or blank text. */
export function isMissingValue(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    (typeof value === 'number' && value !== value) ||
    (typeof value === 'string' && isBlankText(value))
  );
}

/** @internal Whether a cell is missing for a numeric reader: {@link isMissingValue} or a default missing marker. */
export function isMissingNumber(value: unknown): boolean {
  return isMissingValue(value) || (typeof value === 'string' && value.length <= 4 && DEFAULT_MARKERS.has(value));
}
