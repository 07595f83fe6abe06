import { requireInteger } from '../core/validateOptions';
import { availableThreads } from './threadPool';

/**
 * How many threads a computation may use: `'auto'` (the machine's cores when the work is large enough to pay
 * for them, else 1), or a whole number of threads, the calling one included (`1` runs everything on the
 * calling thread). Results are bit-identical for every value.
 */
export type WorkersOption = number | 'auto';

/** The execution option shared by every computation that can use worker threads. Never serialised. */
export interface ParallelControls {
  /**
   * Threads to use, the calling one included. Default `'auto'`. Where worker threads with shared memory and
   * a blocking wait are not available (the browser build, a runtime without `node:worker_threads`),
   * every value runs on the calling thread, with the same results.
   */
  readonly workers?: WorkersOption;
}

/**
 * @internal
 * The thread count for `option` and a computation of about `work` basic steps (row × centroid × feature for
 * k-means, pairs × features for the silhouette, multiply-adds for PCA). `'auto'` uses every core from
 * {@link AUTO_PARALLEL_WORK} steps on. Measured with `npm run bench -- kmeans`: at 100 000 × 8, k = 8 (6.4 M steps
 * per pass) two threads fit in 29 ms against 38 ms on one; the exact break-even below that was not measured, and the
 * first parallel call of a process also pays for starting the workers (tens of milliseconds).
 *
 * @throws {@link SegmentkitError} `E_PARAM` for anything but `'auto'` or an integer from 1 to 256.
 */
export function resolveWorkers(option: unknown, work: number, context: string): number {
  if (option === undefined || option === 'auto') return work >= AUTO_PARALLEL_WORK ? availableThreads() : 1;
  return requireInteger(context, "workers ('auto' or a number of threads)", option, { min: 1, max: 256 });
}

/** @internal Basic steps from which `'auto'` spreads one computation over every core. */
export const AUTO_PARALLEL_WORK: number = 4_000_000;
