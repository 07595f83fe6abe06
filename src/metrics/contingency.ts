// Contingency counts of two encoded labellings, kept as the non-zero cells in row-major order (as scikit-learn's
// sparse contingency matrix lists them) with the row and column totals. Dense counting when the table is small
// next to the row count, a sort of cell keys otherwise, so memory stays O(n) even with thousands of clusters.

/** @internal The non-zero cells of a contingency table, row-major, with its margins. */
export interface Contingency {
  readonly nRows: number;
  readonly nCols: number;
  readonly n: number;
  readonly rowSums: Float64Array;
  readonly colSums: Float64Array;
  readonly cellRow: Int32Array;
  readonly cellCol: Int32Array;
  readonly cellCount: Float64Array;
}

/** @internal Count the pairs (codesA[i], codesB[i]); codes are dense in [0, nRows) and [0, nCols). */
export function countContingency(codesA: Int32Array, nRows: number, codesB: Int32Array, nCols: number): Contingency {
  const n = codesA.length;
  const rowSums = new Float64Array(nRows);
  const colSums = new Float64Array(nCols);
  for (let i = 0; i < n; i++) {
    rowSums[codesA[i]!]! += 1;
    colSums[codesB[i]!]! += 1;
  }
  const cells = nRows * nCols;
  if (cells <= 4 * n + 65_536) {
    const table = new Int32Array(cells);
    for (let i = 0; i < n; i++) table[codesA[i]! * nCols + codesB[i]!]! += 1;
    let nonZero = 0;
    for (let c = 0; c < cells; c++) if (table[c] !== 0) nonZero++;
    const cellRow = new Int32Array(nonZero);
    const cellCol = new Int32Array(nonZero);
    const cellCount = new Float64Array(nonZero);
    let p = 0;
    for (let r = 0; r < nRows; r++) {
      for (let c = 0, offset = r * nCols; c < nCols; c++) {
        const count = table[offset + c]!;
        if (count === 0) continue;
        cellRow[p] = r;
        cellCol[p] = c;
        cellCount[p++] = count;
      }
    }
    return { nRows, nCols, n, rowSums, colSums, cellRow, cellCol, cellCount };
  }
  // keys r·nCols + c are exact integers (cells ≤ n² < 2^53 for any array that fits in memory)
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = codesA[i]! * nCols + codesB[i]!;
  keys.sort();
  let nonZero = 0;
  for (let i = 0; i < n; i++) if (i === 0 || keys[i] !== keys[i - 1]) nonZero++;
  const cellRow = new Int32Array(nonZero);
  const cellCol = new Int32Array(nonZero);
  const cellCount = new Float64Array(nonZero);
  let p = -1;
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    if (i === 0 || key !== keys[i - 1]) {
      p++;
      const r = Math.floor(key / nCols);
      cellRow[p] = r;
      cellCol[p] = key - r * nCols;
    }
    cellCount[p]! += 1;
  }
  return { nRows, nCols, n, rowSums, colSums, cellRow, cellCol, cellCount };
}
