import { countContingency } from './contingency';
import { encodeLabelPair, type LabelComparisonOptions } from './encodeLabelPair';
import type { LabelsLike } from './encodeLabels';

/**
 * Fowlkes–Mallows index: the geometric mean of pairwise precision and recall, TP / √((TP + FP)(TP + FN)) over
 * pairs of customers put together. From 0 to 1 (identical up to renaming). scikit-learn's convention: 0 when no
 * pair is together in both (so two all-singleton labellings score 0).
 *
 * @param labelsTrue - one labelling (integers or strings)
 * @param labelsPred - the other, one label per row
 * @throws {@link SegmentkitError} `E_SHAPE`, `E_LABELS`.
 * @example
 * fowlkesMallowsScore([0, 0, 1, 1], [1, 1, 0, 0]); // => 1
 * fowlkesMallowsScore([0, 0, 1], [5, 5, 5]).toFixed(4); // => '0.5774'
 */
export function fowlkesMallowsScore(labelsTrue: LabelsLike, labelsPred: LabelsLike, options: LabelComparisonOptions = {}): number {
  const pair = encodeLabelPair(labelsTrue, labelsPred, 'fowlkesMallowsScore', options);
  const c = countContingency(pair.a.codes, pair.a.classes.length, pair.b.codes, pair.b.classes.length);
  let tk = 0;
  for (const v of c.cellCount) tk += v * v;
  tk -= c.n;
  let pk = 0;
  for (const v of c.colSums) pk += v * v;
  pk -= c.n;
  let qk = 0;
  for (const v of c.rowSums) qk += v * v;
  qk -= c.n;
  return tk !== 0 ? Math.sqrt(tk / pk) * Math.sqrt(tk / qk) : 0;
}
