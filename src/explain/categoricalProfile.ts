import { chiSquareFromTable } from '../drift/chiSquareTest';
import type { CategoricalColumn, SegmentGroups } from './profileInput';
import type { CategoryShare } from './profileTypes';

/** @internal One categorical feature of one segment before the p-values are adjusted. */
export interface RawCategoricalProfile {
  readonly categories: readonly CategoryShare[];
  readonly effectSize: number;
  readonly statistic: number | null;
  readonly pValue: number | null;
}

/** @internal A categorical feature in every segment, and its overall shares. */
export interface CategoricalFeatureResult {
  readonly overall: readonly { category: CategoryShare['category']; share: number }[];
  readonly perGroup: readonly RawCategoricalProfile[];
}

/**
 * @internal
 * Category shares per segment against the overall shares, Cramér's V of segment vs rest, and scipy's
 * `chi2_contingency` on the 2 × c table (segment, rest) × categories (Yates' correction when c = 2, as scipy).
 * `weights` (n × k) makes the counts soft, and then no test is made. Missing values are left out.
 */
export function profileCategoricalFeature(
  column: CategoricalColumn,
  groups: SegmentGroups,
  weights: Float64Array | null,
): CategoricalFeatureResult {
  const k = groups.segments.length;
  const c = column.categories.length;
  const counts = new Float64Array(k * c);
  const overallCounts = new Float64Array(c);
  for (let i = 0; i < column.codes.length; i++) {
    const code = column.codes[i]!;
    if (code < 0) continue;
    overallCounts[code]!++;
    if (weights === null) counts[groups.group[i]! * c + code]!++;
    else for (let g = 0; g < k; g++) counts[g * c + code]! += weights[i * k + g]!;
  }
  let total = 0;
  for (let j = 0; j < c; j++) total += overallCounts[j]!;
  const overall = Array.from(column.categories, (category, j) => ({ category, share: overallCounts[j]! / total })).sort(
    (a, b) => b.share - a.share,
  );
  const perGroup: RawCategoricalProfile[] = [];
  for (let g = 0; g < k; g++) {
    let size = 0;
    for (let j = 0; j < c; j++) size += counts[g * c + j]!;
    const categories: CategoryShare[] = column.categories.map((category, j) => {
      const share = size > 0 ? counts[g * c + j]! / size : 0;
      const overallShare = overallCounts[j]! / total;
      return { category, share, overallShare, lift: share / overallShare };
    });
    categories.sort((a, b) => b.share - a.share || b.overallShare - a.overallShare);
    let effectSize = 0;
    let statistic: number | null = null;
    let pValue: number | null = null;
    const rest = total - size;
    if (size > 0 && rest > 0 && c > 1) {
      const table = [
        Array.from({ length: c }, (_, j) => counts[g * c + j]!),
        Array.from({ length: c }, (_, j) => overallCounts[j]! - counts[g * c + j]!),
      ];
      // categories absent from both rows cannot happen (each was seen), but a soft count can leave a cell at 0
      const uncorrected = chiSquareFromTable(table, false).statistic;
      effectSize = Math.sqrt(uncorrected / total);
      if (weights === null) {
        const result = chiSquareFromTable(table, true);
        statistic = result.statistic;
        pValue = result.pValue;
      }
    }
    perGroup.push({ categories, effectSize, statistic, pValue });
  }
  return { overall, perGroup };
}
