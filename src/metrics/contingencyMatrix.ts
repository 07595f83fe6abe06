import { countContingency } from './contingency';
import { encodeLabelPair, type LabelComparisonOptions } from './encodeLabelPair';
import type { Label, LabelsLike } from './encodeLabels';

/**
 * A contingency table as an array of rows of counts, carrying the labels of its rows and columns as
 * (non-enumerable) properties, so it compares equal to a plain `number[][]`.
 */
export type ContingencyTable = number[][] & {
  /** The distinct labels of `labelsTrue`, sorted: the label of each row. */
  readonly rowLabels: readonly Label[];
  /** The distinct labels of `labelsPred`, sorted: the label of each column. */
  readonly colLabels: readonly Label[];
};

/**
 * Cross-tabulation of two labellings: `table[r][c]` counts the rows with the r-th distinct label of `labelsTrue`
 * and the c-th distinct label of `labelsPred`. Rows and columns follow the sorted distinct labels (numbers
 * ascending, then strings), as scikit-learn's `contingency_matrix`; `table.rowLabels` and `table.colLabels`
 * name them. Use it to see which segment each known group (or previous segmentation) landed in.
 *
 * @param labelsTrue - reference labelling (integers or strings; −1 is an ordinary label unless `noise: 'exclude'`)
 * @param labelsPred - labelling to compare, one label per row
 * @throws {@link SegmentkitError} `E_SHAPE` for labellings of different lengths, `E_LABELS` for a label that is
 *   neither an integer nor a string, `E_PARAM` for an unknown option.
 * @example
 * const table = contingencyMatrix(['a', 'a', 'b'], [1, 0, 0]); // => [[1, 1], [1, 0]]
 * table.rowLabels; // => ['a', 'b']
 */
export function contingencyMatrix(labelsTrue: LabelsLike, labelsPred: LabelsLike, options: LabelComparisonOptions = {}): ContingencyTable {
  const pair = encodeLabelPair(labelsTrue, labelsPred, 'contingencyMatrix', options);
  const nRows = pair.a.classes.length;
  const nCols = pair.b.classes.length;
  const c = countContingency(pair.a.codes, nRows, pair.b.codes, nCols);
  const table = Array.from({ length: nRows }, () => new Array<number>(nCols).fill(0));
  for (let p = 0; p < c.cellCount.length; p++) table[c.cellRow[p]!]![c.cellCol[p]!] = c.cellCount[p]!;
  Object.defineProperty(table, 'rowLabels', { value: Object.freeze(pair.a.classes), enumerable: false });
  Object.defineProperty(table, 'colLabels', { value: Object.freeze(pair.b.classes), enumerable: false });
  return table as ContingencyTable;
}
