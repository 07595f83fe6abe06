/**
 * @internal
 * n bounded max-heaps of (key, index, flag) in flat arrays, `size` slots per row: the root (slot 0 of a row) holds
 * the largest key, so a push only has to beat it. Keys start at +Infinity and indices at −1 (empty slots).
 * Nearest-neighbour descent keeps its neighbour lists (key = distance, flag = "new") and candidate lists (key = a
 * random priority) in these.
 */
export interface NeighborHeap {
  /** n × size indices (−1: empty). */
  readonly indices: Int32Array;
  /** n × size keys. */
  readonly keys: Float64Array;
  /** n × size flags (1: new, 0: old). */
  readonly flags: Uint8Array;
  /** Slots per row. */
  readonly size: number;
}

/** @internal An empty heap of `n` rows of `size` slots. */
export function makeHeap(n: number, size: number): NeighborHeap {
  return {
    indices: new Int32Array(n * size).fill(-1),
    keys: new Float64Array(n * size).fill(Number.POSITIVE_INFINITY),
    flags: new Uint8Array(n * size),
    size,
  };
}

/** @internal Empty every row again (candidate lists are rebuilt each iteration). */
export function clearHeap(heap: NeighborHeap): void {
  heap.indices.fill(-1);
  heap.keys.fill(Number.POSITIVE_INFINITY);
}

/**
 * @internal
 * Push (key, index, flag) into row `row`: kept when the key is below the row's largest (strictly: ties keep the
 * entry already there) and the index is not in the row yet. Returns 1 when it was kept, 0 otherwise.
 */
export function heapPush(heap: NeighborHeap, row: number, key: number, index: number, flag: number): number {
  const { indices, keys, flags, size } = heap;
  const base = row * size;
  if (!(key < keys[base]!)) return 0;
  for (let t = 0; t < size; t++) if (indices[base + t] === index) return 0;
  // replace the root and sift it down
  let at = 0;
  for (;;) {
    const left = 2 * at + 1;
    if (left >= size) break;
    const right = left + 1;
    let child = left;
    if (right < size && keys[base + right]! > keys[base + left]!) child = right;
    if (!(keys[base + child]! > key)) break;
    keys[base + at] = keys[base + child]!;
    indices[base + at] = indices[base + child]!;
    flags[base + at] = flags[base + child]!;
    at = child;
  }
  keys[base + at] = key;
  indices[base + at] = index;
  flags[base + at] = flag;
  return 1;
}
