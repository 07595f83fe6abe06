import type { CondensedTree } from './condensedTree';
import { UnionFind } from './mutualReachabilityTree';

// Which clusters of the condensed tree become segments, and what follows from the choice: labels,
// membership probabilities, cluster persistence and GLOSH outlier scores, each as scikit-learn 1.3's
// `_tree.pyx` and the hdbscan library compute them (stability, excess of mass with ties to the parent,
// `cluster_selection_epsilon`, `max_cluster_size`, `allow_single_cluster`, the labelling union–find).

/** @internal What the selection needs of the parameters. */
export interface SelectionOptions {
  readonly method: 'eom' | 'leaf';
  readonly allowSingleCluster: boolean;
  readonly clusterSelectionEpsilon: number;
  readonly maxClusterSize: number | null;
}

/** @internal Per-cluster facts of a condensed tree (index = cluster id − n). */
export interface ClusterFacts {
  /** Number of clusters, the root included. */
  readonly count: number;
  /** Parent cluster index (−1 for the root). */
  readonly parent: Int32Array;
  /** λ at which the cluster appears (0 for the root). */
  readonly birth: Float64Array;
  /** Rows in the cluster. */
  readonly size: Int32Array;
  /** Σ over its children (λ − birth) × size. */
  readonly stability: Float64Array;
  /** Largest λ among its direct children. */
  readonly death: Float64Array;
  /** Largest λ anywhere in its subtree. */
  readonly subtreeDeath: Float64Array;
  /** Child clusters of each cluster, CSR (`childStart` has count + 1 entries). */
  readonly childStart: Int32Array;
  readonly children: Int32Array;
  /** Row index → the condensed-tree row where it leaves (every row leaves exactly once). */
  readonly rowOfPoint: Int32Array;
}

/** @internal The facts of a condensed tree of `n` rows. */
export function clusterFacts(tree: CondensedTree, n: number): ClusterFacts {
  const { parent, child, lambda, childSize } = tree;
  let count = 1;
  for (let r = 0; r < child.length; r++) if (child[r]! >= n && child[r]! - n + 1 > count) count = child[r]! - n + 1;
  const clusterParent = new Int32Array(count).fill(-1);
  const birth = new Float64Array(count);
  const size = new Int32Array(count);
  size[0] = n;
  const stability = new Float64Array(count);
  const death = new Float64Array(count);
  const rowOfPoint = new Int32Array(n).fill(-1);
  const childCount = new Int32Array(count + 1);
  for (let r = 0; r < child.length; r++) {
    const c = child[r]!;
    if (c >= n) {
      clusterParent[c - n] = parent[r]! - n;
      birth[c - n] = lambda[r]!;
      size[c - n] = childSize[r]!;
      childCount[parent[r]! - n + 1]!++;
    } else rowOfPoint[c] = r;
  }
  for (let r = 0; r < child.length; r++) {
    const p = parent[r]! - n;
    const l = lambda[r]!;
    // (∞ − ∞) would be NaN: a child leaving at the very λ its cluster was born adds nothing
    const gap = l === birth[p] ? 0 : l - birth[p]!;
    stability[p] = stability[p]! + gap * childSize[r]!;
    if (l > death[p]!) death[p] = l;
  }
  const subtreeDeath = Float64Array.from(death);
  for (let c = count - 1; c > 0; c--) {
    const p = clusterParent[c]!;
    if (subtreeDeath[c]! > subtreeDeath[p]!) subtreeDeath[p] = subtreeDeath[c]!;
  }
  const childStart = new Int32Array(count + 1);
  for (let c = 0; c < count; c++) childStart[c + 1] = childStart[c]! + childCount[c + 1]!;
  const children = new Int32Array(Math.max(0, count - 1));
  const fill = childStart.slice(0, count);
  for (let c = 1; c < count; c++) {
    const p = clusterParent[c]!;
    children[fill[p]!++] = c;
  }
  return { count, parent: clusterParent, birth, size, stability, death, subtreeDeath, childStart, children, rowOfPoint };
}

/** @internal The selected cluster indices (ascending), by excess of mass or leaves, then the epsilon floor. */
export function selectClusters(facts: ClusterFacts, options: SelectionOptions): Int32Array {
  const { count, childStart, children } = facts;
  const selected = new Uint8Array(count);
  const first = options.allowSingleCluster ? 0 : 1;
  const isLeaf = (c: number): boolean => childStart[c + 1] === childStart[c];
  const deselectBelow = (c: number): void => {
    const stack = [c];
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (let k = childStart[v]!; k < childStart[v + 1]!; k++) {
        selected[children[k]!] = 0;
        stack.push(children[k]!);
      }
    }
  };
  if (options.method === 'eom') {
    const stability = Float64Array.from(facts.stability);
    // scikit-learn measures an allowed root by the rows of its child clusters
    const size = Int32Array.from(facts.size);
    if (options.allowSingleCluster) {
      let s = 0;
      for (let k = childStart[0]!; k < childStart[1]!; k++) s += facts.size[children[k]!]!;
      size[0] = s;
    }
    for (let c = first; c < count; c++) selected[c] = 1;
    for (let c = count - 1; c >= first; c--) {
      let subtree = 0;
      for (let k = childStart[c]!; k < childStart[c + 1]!; k++) subtree += stability[children[k]!]!;
      if (subtree > stability[c]! || (options.maxClusterSize !== null && size[c]! > options.maxClusterSize)) {
        selected[c] = 0;
        stability[c] = subtree;
      } else deselectBelow(c);
    }
  } else if (count === 1) selected[0] = 1;
  else for (let c = 1; c < count; c++) if (isLeaf(c)) selected[c] = 1;

  if (options.clusterSelectionEpsilon !== 0 && count > 1) {
    const chosen = new Uint8Array(count);
    const processed = new Uint8Array(count);
    for (let c = 0; c < count; c++) {
      if (selected[c] !== 1) continue;
      const eps = 1 / facts.birth[c]!;
      if (!(eps < options.clusterSelectionEpsilon)) {
        chosen[c] = 1;
        continue;
      }
      if (processed[c] === 1) continue;
      const up = traverseUpwards(facts, c, options);
      chosen[up] = 1;
      const stack = [up];
      while (stack.length > 0) {
        const v = stack.pop()!;
        for (let k = childStart[v]!; k < childStart[v + 1]!; k++) {
          processed[children[k]!] = 1;
          stack.push(children[k]!);
        }
      }
    }
    selected.set(chosen);
  }
  const out: number[] = [];
  for (let c = 0; c < count; c++) if (selected[c] === 1) out.push(c);
  return Int32Array.from(out);
}

/** The first ancestor of `leaf` that appears at a distance above the epsilon floor (the root only when allowed). */
function traverseUpwards(facts: ClusterFacts, leaf: number, options: SelectionOptions): number {
  let c = leaf;
  for (;;) {
    const p = facts.parent[c]!;
    if (p === 0) return options.allowSingleCluster ? 0 : c;
    if (1 / facts.birth[p]! > options.clusterSelectionEpsilon) return p;
    c = p;
  }
}

/** @internal Labels (−1 noise; clusters numbered by ascending cluster index) and membership probabilities. */
export function labelRows(
  tree: CondensedTree,
  facts: ClusterFacts,
  selected: Int32Array,
  n: number,
  options: SelectionOptions,
): { labels: Int32Array; probabilities: Float64Array } {
  const { parent, child, lambda } = tree;
  const isSelected = new Uint8Array(facts.count);
  const labelOf = new Int32Array(facts.count).fill(-1);
  selected.forEach((c, k) => {
    isSelected[c] = 1;
    labelOf[c] = k;
  });
  // rows and clusters joined along every edge whose child is not selected: each set holds one top, a selected cluster or the root
  const sets = new UnionFind(n + facts.count);
  for (let r = 0; r < child.length; r++) {
    const c = child[r]!;
    if (c >= n && isSelected[c - n] === 1) continue;
    sets.union(parent[r]!, c);
  }
  const top = new Int32Array(n + facts.count).fill(-1);
  for (let c = 0; c < facts.count; c++) if (c === 0 || isSelected[c] === 1) top[sets.find(n + c)] = c;
  const labels = new Int32Array(n).fill(-1);
  const rootOnly = selected.length === 1 && selected[0] === 0 && options.allowSingleCluster;
  const rootThreshold = options.clusterSelectionEpsilon !== 0 ? 1 / options.clusterSelectionEpsilon : facts.death[0]!;
  for (let i = 0; i < n; i++) {
    const c = top[sets.find(i)]!;
    if (c > 0) labels[i] = labelOf[c]!;
    else if (c === 0 && rootOnly && lambda[facts.rowOfPoint[i]!]! >= rootThreshold) labels[i] = 0;
  }
  const probabilities = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (labels[i]! < 0) continue;
    const maxLambda = facts.death[selected[labels[i]!]!]!;
    const l = lambda[facts.rowOfPoint[i]!]!;
    probabilities[i] = maxLambda === 0 || !Number.isFinite(l) ? 1 : (l < maxLambda ? l : maxLambda) / maxLambda;
  }
  return { labels, probabilities };
}

/** @internal The hdbscan library's cluster persistence: stability / (rows × largest λ), 1 when undefined. */
export function clusterPersistence(facts: ClusterFacts, selected: Int32Array, labels: Int32Array): Float64Array {
  const counts = new Int32Array(selected.length);
  for (const label of labels) if (label >= 0) counts[label]!++;
  return Float64Array.from(selected, (c, k) => {
    const maxLambda = facts.death[c]!;
    if (!Number.isFinite(maxLambda) || maxLambda === 0 || counts[k] === 0) return 1;
    return facts.stability[c]! / (counts[k]! * maxLambda);
  });
}

/**
 * @internal
 * GLOSH (Campello et al. 2015): 1 − λ(x) / λmax, λ(x) where row x leaves its cluster and λmax the largest λ in
 * that cluster's subtree; 0 for the densest rows, near 1 for outliers (1 exactly when the cluster holds exact
 * duplicates, λmax = ∞, and x is not one of them).
 */
export function outlierScores(tree: CondensedTree, facts: ClusterFacts, n: number): Float64Array {
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = facts.rowOfPoint[i]!;
    const l = tree.lambda[r]!;
    const max = facts.subtreeDeath[tree.parent[r]! - n]!;
    if (max === 0 || l === Number.POSITIVE_INFINITY) scores[i] = 0;
    else if (max === Number.POSITIVE_INFINITY) scores[i] = 1;
    else scores[i] = (max - l) / max;
  }
  return scores;
}
