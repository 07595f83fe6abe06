import { IndexedMinHeap } from '../../core/IndexedMinHeap';
import { UnionFind, type SpanningTree } from './mutualReachabilityTree';

// The single-linkage hierarchy of the spanning tree, condensed as Campello, Moulavi & Sander (2013) and the
// hdbscan library define it: walking down from the whole data set, a split at distance h (λ = 1 / h) where at
// least two parts have minClusterSize rows creates new clusters; parts smaller than that are rows "falling out"
// of the cluster at λ; a cluster that only sheds small parts continues under the same id.
//
// Merges are binary, one per edge, in the order R's `dbscan::hdbscan` and scikit-learn make them: by weight,
// ties in the order Prim's algorithm started from row 0 adds the edges (smallest key first, ties to the lowest
// row). Ties matter: a row whose core distance is exactly the distance at which two clusters join bridges
// them, and which cluster keeps it depends on which of the tied merges comes first; following Prim's order
// gives R's labels there too (and, like R's, they can change when rows are reordered). Children of a split
// are visited by their smallest row index, and clusters are numbered n, n + 1, … breadth first from the
// root, n, as in the hdbscan library.

/** @internal The condensed tree as parallel arrays (the hdbscan library's `condensed_tree_`, one row per edge). */
export interface CondensedTree {
  /** Cluster id (≥ n; the root is n) the child leaves. */
  readonly parent: Int32Array;
  /** A row index (< n) or a cluster id (≥ n). */
  readonly child: Int32Array;
  /** 1 / distance at which the child leaves the parent (`Infinity` for distance 0). */
  readonly lambda: Float64Array;
  /** Rows in the child (1 for a row). */
  readonly childSize: Int32Array;
}

/** @internal Build the condensed tree of `n` rows from their spanning tree. */
export function condensedTree(tree: SpanningTree, n: number, minClusterSize: number): CondensedTree {
  const { from, to, weight } = tree;
  const m = from.length;
  const edgeOrder = mergeOrder(tree, n);
  // n-ary dendrogram: leaves 0..n-1 are the rows, internal nodes n.. with children in CSR form
  const maxNodes = 2 * n;
  const height = new Float64Array(maxNodes);
  const size = new Int32Array(maxNodes);
  const minRow = new Int32Array(maxNodes);
  const childStart = new Int32Array(maxNodes + 1);
  const children = new Int32Array(maxNodes);
  for (let i = 0; i < n; i++) {
    size[i] = 1;
    minRow[i] = i;
  }
  const sets = new UnionFind(n);
  const nodeOf = new Int32Array(n); // union-find root → its dendrogram node
  for (let i = 0; i < n; i++) nodeOf[i] = i;
  const mark = new Int32Array(n).fill(-1);
  const captured = new Int32Array(n);
  const capturedNode = new Int32Array(n);
  const groupRoot = new Int32Array(n);
  let nodes = n;
  let childCount = 0;
  for (let g = 0; g < m; ) {
    const w = weight[edgeOrder[g]!]!;
    // one edge per merge (binary, as R and scikit-learn); the code below also takes groups of edges
    const h = g + 1;
    // the components the group's edges touch, captured before any of them is joined
    let k = 0;
    for (let q = g; q < h; q++) {
      const e = edgeOrder[q]!;
      for (let end = 0; end < 2; end++) {
        const r = sets.find(end === 0 ? from[e]! : to[e]!);
        if (mark[r] !== g) {
          mark[r] = g;
          captured[k] = r;
          capturedNode[k++] = nodeOf[r]!;
        }
      }
    }
    for (let q = g; q < h; q++) sets.union(from[edgeOrder[q]!]!, to[edgeOrder[q]!]!);
    // one new node per joined component, its children the captured components inside it, by smallest row
    for (let c = 0; c < k; c++) groupRoot[c] = sets.find(captured[c]!);
    const byRow = Array.from({ length: k }, (_, c) => c).sort(
      (a, b) => groupRoot[a]! - groupRoot[b]! || minRow[capturedNode[a]!]! - minRow[capturedNode[b]!]!,
    );
    for (let s = 0; s < k; ) {
      const root = groupRoot[byRow[s]!]!;
      let t = s;
      const node = nodes++;
      childStart[node] = childCount;
      height[node] = w;
      let total = 0;
      let low = n;
      while (t < k && groupRoot[byRow[t]!] === root) {
        const child = capturedNode[byRow[t]!]!;
        children[childCount++] = child;
        total += size[child]!;
        if (minRow[child]! < low) low = minRow[child]!;
        t++;
      }
      childStart[node + 1] = childCount;
      size[node] = total;
      minRow[node] = low;
      nodeOf[root] = node;
      s = t;
    }
    g = h;
  }
  childStart[nodes] = childCount;

  const parentOut: number[] = [];
  const childOut: number[] = [];
  const lambdaOut: number[] = [];
  const sizeOut: number[] = [];
  const emit = (p: number, c: number, l: number, s: number): void => {
    parentOut.push(p);
    childOut.push(c);
    lambdaOut.push(l);
    sizeOut.push(s);
  };
  if (n === 1) return pack(parentOut, childOut, lambdaOut, sizeOut);
  const root = nodes - 1;
  // breadth first over (dendrogram node, cluster id)
  const queueNode = new Int32Array(nodes);
  const queueCluster = new Int32Array(nodes);
  let head = 0;
  let tail = 0;
  queueNode[tail] = root;
  queueCluster[tail++] = n;
  let nextCluster = n + 1;
  const pointStack = new Int32Array(nodes);
  const fallOut = (node: number, cluster: number, lambda: number): void => {
    let sp = 0;
    pointStack[sp++] = node;
    while (sp > 0) {
      const v = pointStack[--sp]!;
      if (v < n) {
        emit(cluster, v, lambda, 1);
        continue;
      }
      for (let c = childStart[v + 1]! - 1; c >= childStart[v]!; c--) pointStack[sp++] = children[c]!;
    }
  };
  while (head < tail) {
    const v = queueNode[head]!;
    const cluster = queueCluster[head++]!;
    const lambda = height[v]! > 0 ? 1 / height[v]! : Number.POSITIVE_INFINITY;
    let big = 0;
    for (let c = childStart[v]!; c < childStart[v + 1]!; c++) if (size[children[c]!]! >= minClusterSize) big++;
    for (let c = childStart[v]!; c < childStart[v + 1]!; c++) {
      const child = children[c]!;
      if (size[child]! < minClusterSize) fallOut(child, cluster, lambda);
      else if (big >= 2) {
        const id = nextCluster++;
        emit(cluster, id, lambda, size[child]!);
        queueNode[tail] = child;
        queueCluster[tail++] = id;
      } else {
        queueNode[tail] = child;
        queueCluster[tail++] = cluster;
      }
    }
  }
  return pack(parentOut, childOut, lambdaOut, sizeOut);
}

function pack(parent: number[], child: number[], lambda: number[], childSize: number[]): CondensedTree {
  return {
    parent: Int32Array.from(parent),
    child: Int32Array.from(child),
    lambda: Float64Array.from(lambda),
    childSize: Int32Array.from(childSize),
  };
}

/**
 * The spanning tree's edges in merge order: Prim's algorithm over the tree from row 0 (next the row with the
 * smallest key, ties to the lowest row; a key improves only when strictly smaller), then a stable sort by weight.
 */
function mergeOrder(tree: SpanningTree, n: number): Int32Array {
  const { from, to, weight } = tree;
  const m = from.length;
  const degree = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    degree[from[e]! + 1]!++;
    degree[to[e]! + 1]!++;
  }
  for (let i = 0; i < n; i++) degree[i + 1] = degree[i + 1]! + degree[i]!;
  const adjacency = new Int32Array(2 * m);
  const fill = degree.slice(0, n);
  for (let e = 0; e < m; e++) {
    adjacency[fill[from[e]!]!++] = e;
    adjacency[fill[to[e]!]!++] = e;
  }
  const key = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const via = new Int32Array(n).fill(-1);
  const inTree = new Uint8Array(n);
  const heap = new IndexedMinHeap(key, n);
  const prim = new Int32Array(m);
  let added = 0;
  let next = n > 0 ? 0 : -1;
  while (next >= 0) {
    const v = next;
    inTree[v] = 1;
    if (via[v]! >= 0) prim[added++] = via[v]!;
    for (let a = degree[v]!; a < degree[v + 1]!; a++) {
      const e = adjacency[a]!;
      const u = from[e] === v ? to[e]! : from[e]!;
      if (inTree[u] === 1 || !(weight[e]! < key[u]!)) continue;
      key[u] = weight[e]!;
      via[u] = e;
      heap.update(u);
    }
    next = heap.size > 0 ? heap.pop() : -1;
  }
  const rank = new Int32Array(m);
  for (let k = 0; k < m; k++) rank[prim[k]!] = k;
  const order = Int32Array.from(prim);
  order.sort((a, b) => weight[a]! - weight[b]! || rank[a]! - rank[b]!);
  return order;
}
