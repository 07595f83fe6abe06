import { throwIfAborted, type AbortSignalLike } from '../../core/abort';
import type { SamplingRng } from '../../core/createRng';
import { binaryExponent } from '../../core/portableMath';
import { nearestRows, type KnnGraph } from './exactNeighbors';
import { clearHeap, heapPush, makeHeap, type NeighborHeap } from './neighborHeap';
import { randomProjectionTree } from './randomProjectionForest';
import { searchDistance, trueDistance, type MetricRows } from './umapDistances';
import type { UMAPProgress } from './umapParams';

/** Stop when an iteration changes fewer than this share of the n · k entries (umap-learn's delta). */
const DELTA = 0.001;

/** @internal round(log₂ n) for n ≥ 1, from the bits (no logarithm): ⌊log₂ n⌋, plus 1 when n ≥ 2^(⌊log₂ n⌋ + ½). */
export function roundedLog2(n: number): number {
  const floor = binaryExponent(n);
  return n * n >= 2 ** (2 * floor + 1) ? floor + 1 : floor;
}

/** @internal The forest size and iteration count umap-learn gives pynndescent for n rows. */
export function descentSchedule(n: number): { nTrees: number; nIters: number } {
  return { nTrees: Math.min(64, 5 + Math.round(Math.sqrt(n) / 20)), nIters: Math.max(5, roundedLog2(n)) };
}

/**
 * @internal
 * Approximate k nearest neighbours by nearest-neighbour descent (Dong, Moses & Li 2011, as pynndescent runs it
 * for umap-learn): the lists start from the leaves of a forest of random projection trees (every pair in a leaf is
 * a candidate) topped up with random rows; each iteration then samples up to 60 new and old
 * neighbours of every row, forward and reverse, and tries every new–new and new–old pair among them ("a
 * neighbour of a neighbour is likely a neighbour"), until fewer than 0.1 % of the entries change. Every random
 * choice comes from `rng`, and the rows are visited in order, so the graph is the same for a seed everywhere.
 * Entry 0 of each row is the row itself; the others are nearest first, ties by index. A row whose list is still
 * incomplete at the end (possible only for tiny or degenerate data) is completed by an exact search.
 */
export function nearestNeighborDescent(
  rows: MetricRows,
  k: number,
  rng: SamplingRng,
  context: string,
  signal: AbortSignalLike | undefined,
  onProgress: ((event: UMAPProgress) => void) | undefined,
): KnnGraph {
  const { n, mode } = rows;
  const size = k - 1;
  const graph = makeHeap(n, size);
  const { nTrees, nIters } = descentSchedule(n);
  const leafSize = Math.max(10, k);
  for (let tree = 0; tree < nTrees; tree++) {
    throwIfAborted(signal, context);
    const { order, bounds } = randomProjectionTree(rows, leafSize, rng);
    for (let leaf = 0; leaf + 1 < bounds.length; leaf++) {
      const end = bounds[leaf + 1]!;
      for (let s = bounds[leaf]!; s < end; s++) {
        const p = order[s]!;
        for (let t = s + 1; t < end; t++) {
          const q = order[t]!;
          const distance = searchDistance(rows, p, rows, q);
          heapPush(graph, p, distance, q, 1);
          heapPush(graph, q, distance, p, 1);
        }
      }
    }
  }
  // top up incomplete lists with random rows (pynndescent's init_random: as many draws as slots are empty)
  for (let i = 0; i < n; i++) {
    const base = i * size;
    if (graph.indices[base]! >= 0) continue;
    let empty = 0;
    for (let t = 0; t < size; t++) if (graph.indices[base + t]! < 0) empty++;
    for (let draw = 0; draw < empty; draw++) {
      const j = Math.floor(rng.uniform() * n);
      if (j !== i) heapPush(graph, i, searchDistance(rows, i, rows, j), j, 1);
    }
  }
  onProgress?.({ phase: 'neighbors', done: 0, total: nIters });
  // umap-learn gives pynndescent 60 candidates per row, whatever nNeighbors
  const maxCandidates = 60;
  const fresh = makeHeap(n, maxCandidates);
  const old = makeHeap(n, maxCandidates);
  for (let iteration = 0; iteration < nIters; iteration++) {
    throwIfAborted(signal, context);
    buildCandidates(graph, fresh, old, n, rng);
    const changes = localJoin(rows, graph, fresh, old, n, context, signal);
    onProgress?.({ phase: 'neighbors', done: iteration + 1, total: nIters });
    if (changes <= DELTA * size * n) break;
  }
  // sorted lists with the row itself first; exact search for a list that is still incomplete
  const indices = new Int32Array(n * k);
  const distances = new Float64Array(n * k);
  const rowIndices = new Int32Array(size);
  const rowKeys = new Float64Array(size);
  for (let i = 0; i < n; i++) {
    const base = i * size;
    const offset = i * k;
    indices[offset] = i;
    distances[offset] = 0;
    if (graph.indices[base]! < 0) {
      nearestRows(rows, i, rows, size, i, indices, distances, offset + 1);
    } else {
      rowIndices.set(graph.indices.subarray(base, base + size));
      rowKeys.set(graph.keys.subarray(base, base + size));
      sortByKeyThenIndex(rowKeys, rowIndices, size);
      indices.set(rowIndices, offset + 1);
      distances.set(rowKeys, offset + 1);
    }
    for (let e = 1; e < k; e++) distances[offset + e] = trueDistance(mode, distances[offset + e]!);
  }
  return { indices, distances, n, k };
}

/** Insertion sort of (key, index) pairs by key, then index (lists are short). */
function sortByKeyThenIndex(keys: Float64Array, indices: Int32Array, size: number): void {
  for (let s = 1; s < size; s++) {
    const key = keys[s]!;
    const index = indices[s]!;
    let t = s;
    while (t > 0 && (keys[t - 1]! > key || (keys[t - 1] === key && indices[t - 1]! > index))) {
      keys[t] = keys[t - 1]!;
      indices[t] = indices[t - 1]!;
      t--;
    }
    keys[t] = key;
    indices[t] = index;
  }
}

/**
 * pynndescent's `new_build_candidates`: every neighbour j of i, with a random priority, joins i's and j's
 * candidate lists (new or old by its flag), keeping the lowest priorities; the new neighbours that made it into
 * i's list are flagged old.
 */
function buildCandidates(graph: NeighborHeap, fresh: NeighborHeap, old: NeighborHeap, n: number, rng: SamplingRng): void {
  clearHeap(fresh);
  clearHeap(old);
  const { indices, flags, size } = graph;
  for (let i = 0; i < n; i++) {
    const base = i * size;
    for (let t = 0; t < size; t++) {
      const j = indices[base + t]!;
      if (j < 0) continue;
      const priority = rng.uniform();
      const target = flags[base + t] === 1 ? fresh : old;
      heapPush(target, i, priority, j, 0);
      heapPush(target, j, priority, i, 0);
    }
  }
  const c = fresh.size;
  for (let i = 0; i < n; i++) {
    const base = i * size;
    for (let t = 0; t < size; t++) {
      if (flags[base + t] !== 1) continue;
      const j = indices[base + t]!;
      for (let s = 0; s < c; s++) {
        if (fresh.indices[i * c + s] === j) {
          flags[base + t] = 0;
          break;
        }
      }
    }
  }
}

/** Try every new–new and new–old candidate pair of every row; the number of list entries that changed. */
function localJoin(
  rows: MetricRows,
  graph: NeighborHeap,
  fresh: NeighborHeap,
  old: NeighborHeap,
  n: number,
  context: string,
  signal: AbortSignalLike | undefined,
): number {
  const c = fresh.size;
  const newIndices = fresh.indices;
  const oldIndices = old.indices;
  const keys = graph.keys;
  const size = graph.size;
  let changes = 0;
  for (let i = 0; i < n; i++) {
    if ((i & 4095) === 4095) throwIfAborted(signal, context);
    const base = i * c;
    for (let s = 0; s < c; s++) {
      const p = newIndices[base + s]!;
      if (p < 0) continue;
      for (let t = s + 1; t < c; t++) {
        const q = newIndices[base + t]!;
        if (q < 0) continue;
        const distance = searchDistance(rows, p, rows, q);
        if (distance < keys[p * size]! || distance < keys[q * size]!) {
          changes += heapPush(graph, p, distance, q, 1) + heapPush(graph, q, distance, p, 1);
        }
      }
      for (let t = 0; t < c; t++) {
        const q = oldIndices[base + t]!;
        if (q < 0 || q === p) continue;
        const distance = searchDistance(rows, p, rows, q);
        if (distance < keys[p * size]! || distance < keys[q * size]!) {
          changes += heapPush(graph, p, distance, q, 1) + heapPush(graph, q, distance, p, 1);
        }
      }
    }
  }
  return changes;
}
