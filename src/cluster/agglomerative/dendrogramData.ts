import { assertKnownOptions, requireInteger } from '../../core/validateOptions';
import { describeValue } from '../../core/describeValue';
import { SegmentkitError } from '../../core/SegmentkitError';
import { AgglomerativeClusteringModel } from './AgglomerativeClusteringModel';

/** Options of {@link dendrogramData}. */
export interface DendrogramOptions {
  /**
   * Show only the last `truncate` clusters formed (scipy's `truncate_mode='lastp'`, `p = truncate`): the tree is
   * cut below its last truncate − 1 merges and each cluster there becomes one leaf. Default: every row is a
   * leaf. Values above the number of rows show everything.
   */
  readonly truncate?: number;
}

/**
 * Plot-ready dendrogram coordinates, in scipy's `dendrogram(Z, no_plot=True)` layout: leaves sit at
 * x = 5, 15, 25, … (10 apart) and at height 0; each merge is one ∩-shaped link of four points.
 */
export interface DendrogramData {
  /** x of the four points of each link: [left leg, left top, right top, right leg] (scipy's `icoord`). */
  readonly icoord: number[][];
  /** Heights of the same four points: [left child's height, merge height, merge height, right child's height] (scipy's `dcoord`). */
  readonly dcoord: number[][];
  /**
   * The node shown at each leaf position, left to right (scipy's `leaves`): a row index (< n) or, when
   * truncated, a cluster id (≥ n, the cluster formed at merge id − n).
   */
  readonly leaves: number[];
  /** Number of rows under each leaf (1 for a row). */
  readonly leafSizes: number[];
  /** Largest merge height (the top of the plot). */
  readonly maxHeight: number;
}

/**
 * Coordinates to draw a fitted tree's dendrogram with any plotting library (draw a polyline through
 * `(icoord[k][j], dcoord[k][j])`, j = 0..3, for each link k). Equal to scipy's `dendrogram(Z, no_plot=True)`
 * (and with `truncate_mode='lastp'`), where Z is `tree.linkageMatrix()`: the left child of each merge is the
 * first one in the linkage matrix.
 *
 * @param tree - a fitted {@link AgglomerativeClusteringModel}
 * @throws {@link SegmentkitError} `E_PARAM` for a truncate that is not an integer ≥ 1, or an unknown option.
 * @example
 * const tree = new AgglomerativeClustering({ linkage: 'single', nClusters: 2 }).fit([[0], [1], [5]]);
 * const { icoord, dcoord, leaves } = dendrogramData(tree);
 * leaves; // => [2, 0, 1]
 * icoord; // => [[15, 15, 25, 25], [5, 5, 20, 20]]
 * dcoord; // => [[0, 1, 1, 0], [0, 4, 4, 1]]
 */
export function dendrogramData(tree: AgglomerativeClusteringModel, options: DendrogramOptions = {}): DendrogramData {
  if (!(tree instanceof AgglomerativeClusteringModel)) {
    throw new SegmentkitError(
      'E_PARAM',
      `dendrogramData: tree must be a fitted AgglomerativeClusteringModel (from AgglomerativeClustering.fit or fromJSON), got ${describeValue(tree)}`,
    );
  }
  assertKnownOptions('dendrogramData', options, ['truncate']);
  const n = tree.nLeaves;
  let p = options.truncate === undefined ? n : requireInteger('dendrogramData', 'truncate', options.truncate, { min: 1 });
  if (p > n) p = n;
  const Z = tree.linkageMatrix();
  const icoord: number[][] = [];
  const dcoord: number[][] = [];
  const leaves: number[] = [];
  const leafSizes: number[] = [];
  // iterative version of scipy's _dendrogram_calculate_info: each frame returns (x, width, height)
  interface Frame {
    node: number;
    iv: number;
    state: 0 | 1 | 2;
    left?: [number, number, number];
  }
  const results: [number, number, number][] = [];
  const stack: Frame[] = [{ node: 2 * n - 2, iv: 0, state: 0 }];
  if (n === 1) {
    return { icoord, dcoord, leaves: [0], leafSizes: [1], maxHeight: 0 };
  }
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const { node } = frame;
    if (frame.state === 0) {
      if (node < n || node < 2 * n - p) {
        // a leaf: an original row, or a cluster below the truncation
        leaves.push(node);
        leafSizes.push(node < n ? 1 : Z[node - n]![3]!);
        stack.pop();
        results.push([frame.iv + 5, 10, 0]);
        continue;
      }
      frame.state = 1;
      stack.push({ node: Z[node - n]![0]!, iv: frame.iv, state: 0 });
      continue;
    }
    if (frame.state === 1) {
      frame.left = results.pop()!;
      frame.state = 2;
      stack.push({ node: Z[node - n]![1]!, iv: frame.iv + frame.left[1], state: 0 });
      continue;
    }
    const [xa, wa, ha] = frame.left!;
    const [xb, wb, hb] = results.pop()!;
    const h = Z[node - n]![2]!;
    icoord.push([xa, xa, xb, xb]);
    dcoord.push([ha, h, h, hb]);
    stack.pop();
    results.push([(xa + xb) / 2, wa + wb, h]);
  }
  let maxHeight = 0;
  for (const row of Z) maxHeight = Math.max(maxHeight, row[2]!);
  return { icoord, dcoord, leaves, leafSizes, maxHeight };
}
