import { throwIfAborted, type AbortSignalLike } from '../../core/abort';
import type { DBSCANProgress } from './dbscanParams';
import type { ThreadPool } from '../../parallel/threadPool';

/**
 * @internal
 * What DBSCAN needs from a spatial index over its own rows: count the neighbours of row i (stopping at a
 * limit), list the neighbours of row i not yet removed, remove a row. "Neighbour" is the exact per-row rule
 * (distance ≤ eps, the row itself included).
 */
export interface NeighbourIndex {
  countNeighbours(i: number, limit: number): number;
  /**
   * The core flags of every row (at least `minSamples` neighbours) on the threads of `pool`, the same flags
   * as {@link NeighbourIndex.countNeighbours}; absent when the index has no thread-pool kernel (the grid).
   */
  coreFlags?(minSamples: number, pool: ThreadPool, report: (done: number) => void): Uint8Array;
  collectLiveNeighbours(i: number, out: Int32Array): number;
  remove(i: number): void;
  readonly distanceEvaluations: number;
}

/** @internal */
export interface DBSCANResult {
  readonly labels: Int32Array;
  readonly core: Uint8Array;
  readonly nClusters: number;
}

const CHUNK = 4096;

/**
 * @internal
 * scikit-learn's `dbscan_inner` without storing any neighbourhood: a row is core when at least `minSamples`
 * rows (itself included) are within eps; clusters are started from the unlabelled core rows in increasing
 * index order and each is expanded completely before the next starts, so a border row reachable from several
 * clusters joins the first one expanded. Expansion only looks for rows not yet labelled: each row is labelled
 * once and removed from the index, so dense regions cost little.
 */
export function dbscanLabels(
  index: NeighbourIndex,
  n: number,
  minSamples: number,
  context: string,
  signal: AbortSignalLike | undefined,
  onProgress: ((event: DBSCANProgress) => void) | undefined,
  pool: ThreadPool | null = null,
): DBSCANResult {
  const reportCore = (done: number): void => {
    throwIfAborted(signal, context);
    onProgress?.({ phase: 'core', done, total: n });
  };
  let core: Uint8Array;
  if (pool !== null && minSamples > 1 && index.coreFlags !== undefined) core = index.coreFlags(minSamples, pool, reportCore);
  else {
    core = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (i % CHUNK === 0 && i > 0) reportCore(i);
      if (minSamples <= 1 || index.countNeighbours(i, minSamples) >= minSamples) core[i] = 1;
    }
  }
  throwIfAborted(signal, context);
  onProgress?.({ phase: 'core', done: n, total: n });

  const labels = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const found = new Int32Array(n);
  let cluster = 0;
  let labelled = 0;
  let reported = 0;
  for (let i = 0; i < n; i++) {
    if (core[i] === 0 || labels[i] !== -1) continue;
    labels[i] = cluster;
    index.remove(i);
    labelled++;
    let top = 0;
    stack[top++] = i;
    while (top > 0) {
      const p = stack[--top]!;
      const k = index.collectLiveNeighbours(p, found);
      for (let j = 0; j < k; j++) {
        const q = found[j]!;
        labels[q] = cluster;
        index.remove(q);
        if (core[q] !== 0) stack[top++] = q;
      }
      labelled += k;
      if (labelled - reported >= CHUNK) {
        reported = labelled;
        throwIfAborted(signal, context);
        onProgress?.({ phase: 'expand', done: labelled, total: n });
      }
    }
    cluster++;
  }
  onProgress?.({ phase: 'expand', done: n, total: n });
  return { labels, core, nClusters: cluster };
}
