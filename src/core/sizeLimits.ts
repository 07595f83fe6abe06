import { SegmentkitError } from './SegmentkitError';

// Sizes a caller can declare (a count option, a field of a model's JSON, the shape of a matrix) are checked against
// these limits before anything is allocated, so a typo such as `bins: 5e9` is an E_PARAM naming the limit instead of
// a RangeError or an exhausted heap halfway through.

/** @internal The most cells (rows × columns) of one dense matrix segmentkit allocates: 2^27 doubles, 1 GiB. */
export const MAX_CELLS: number = 134_217_728; // 2^27

/** @internal The most bins, levels, clusters or other buckets a count may ask for. */
export const MAX_BUCKETS: number = 100_000;

/**
 * @internal
 * Check that a table of `rows × cols` cells fits in {@link MAX_CELLS}; `E_PARAM` naming the limit otherwise.
 */
export function requireCells(context: string, what: string, rows: number, cols: number): void {
  if (rows * cols > MAX_CELLS) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: ${what} would have ${rows} × ${cols} = ${rows * cols} cells, more than the limit of ${MAX_CELLS} (2^27, 1 GiB of doubles); ask for fewer rows or columns, or work in batches`,
    );
  }
}

/** @internal The most restarts, resamples or reference sets a count may ask for (each is a whole fit). */
export const MAX_REPEATS: number = 1000;

/** @internal The most iterations an iteration cap may allow (a cap of 1e308 would never be reached, nor end). */
export const MAX_ITERATIONS: number = 1_000_000;
