// Flat labels from a tree, numbered exactly as scikit-learn 1.2's `_hc_cut`: start from the root, split the
// cluster with the largest id (the latest merge) nClusters − 1 times, keeping the clusters in a binary heap of
// negated ids (Python's heapq), and number the final clusters in the heap's array order.

/** Python's heapq._siftdown on a min-heap of numbers. */
function siftDown(heap: number[], start: number, position: number): void {
  const item = heap[position]!;
  while (position > start) {
    const parent = (position - 1) >> 1;
    const above = heap[parent]!;
    if (item < above) {
      heap[position] = above;
      position = parent;
      continue;
    }
    break;
  }
  heap[position] = item;
}

/** Python's heapq._siftup. */
function siftUp(heap: number[], position: number): void {
  const end = heap.length;
  const start = position;
  const item = heap[position]!;
  let child = 2 * position + 1;
  while (child < end) {
    const right = child + 1;
    if (right < end && !(heap[child]! < heap[right]!)) child = right;
    heap[position] = heap[child]!;
    position = child;
    child = 2 * position + 1;
  }
  heap[position] = item;
  siftDown(heap, start, position);
}

/**
 * @internal
 * Labels of the n leaves when the tree is cut into `nClusters` clusters (1 ≤ nClusters ≤ n), with
 * scikit-learn's numbering. `children` holds two ids per merge; merge k made cluster n + k.
 */
export function cutTree(children: Int32Array, n: number, nClusters: number): Int32Array {
  const labels = new Int32Array(n);
  if (n === 1) return labels;
  const heap = [-(2 * n - 2)];
  for (let s = 0; s < nClusters - 1; s++) {
    const merge = -heap[0]! - n;
    // heappush(-children[0]) then heappushpop(-children[1])
    heap.push(-children[2 * merge]!);
    siftDown(heap, 0, heap.length - 1);
    const item = -children[2 * merge + 1]!;
    if (heap[0]! < item) {
      heap[0] = item;
      siftUp(heap, 0);
    }
  }
  const stack: number[] = [];
  heap.forEach((negated, label) => {
    stack.push(-negated);
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node < n) labels[node] = label;
      else stack.push(children[2 * (node - n)]!, children[2 * (node - n) + 1]!);
    }
  });
  return labels;
}

/** @internal Number of clusters scikit-learn keeps for a distance threshold: merges at height ≥ threshold are undone. */
export function clustersAtThreshold(heights: Float64Array, threshold: number): number {
  let count = 0;
  for (const h of heights) if (h >= threshold) count++;
  return count + 1;
}
