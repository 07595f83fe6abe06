/** @internal An indexed binary min-heap of row ids keyed (key[id], id); `update` inserts or moves up after a decrease. */
export class IndexedMinHeap {
  readonly #key: Float64Array;
  readonly #heap: Int32Array;
  readonly #position: Int32Array;
  size = 0;

  constructor(key: Float64Array, n: number) {
    this.#key = key;
    this.#heap = new Int32Array(n);
    this.#position = new Int32Array(n).fill(-1);
  }

  #less(a: number, b: number): boolean {
    const ka = this.#key[a]!;
    const kb = this.#key[b]!;
    return ka < kb || (ka === kb && a < b);
  }

  update(id: number): void {
    let i = this.#position[id]!;
    if (i < 0) i = this.size++;
    const heap = this.#heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const other = heap[parent]!;
      if (!this.#less(id, other)) break;
      heap[i] = other;
      this.#position[other] = i;
      i = parent;
    }
    heap[i] = id;
    this.#position[id] = i;
  }

  pop(): number {
    const heap = this.#heap;
    const top = heap[0]!;
    this.#position[top] = -1;
    const last = heap[--this.size]!;
    if (this.size === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const c = r < this.size && this.#less(heap[r]!, heap[l]!) ? r : l;
      if (!this.#less(heap[c]!, last)) break;
      heap[i] = heap[c]!;
      this.#position[heap[i]!] = i;
      i = c;
    }
    heap[i] = last;
    this.#position[last] = i;
    return top;
  }
}
