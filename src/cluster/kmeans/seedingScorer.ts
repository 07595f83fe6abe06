import { float64Buffer, int32Buffer, runCalls, threadCalls } from '../../parallel/rowBlocks';
import type { ThreadPool } from '../../parallel/threadPool';
import { CHUNK_ROWS } from './assignmentKernels';
import { SEEDING_KERNELS } from './seedingKernels';

/** @internal Each row's squared distance to its closest centre, and each chunk's potential Σ w·D² (in row order). */
export interface Scored {
  readonly distances: Float64Array;
  readonly potentials: Float64Array;
}

/**
 * @internal
 * The row passes of k-means++ (kmeansPlusPlus.ts) over one set of rows: the scalar kernel's
 * ({@link scalarSeedingScorer}) or the SIMD kernel's (seedingSimd.ts), which give the same bits.
 */
export interface SeedingScorer {
  /** Distances and potentials for one set of centres (kmeansPlusPlus takes four and rotates them). */
  scored(): Scored;
  /**
   * Score the candidate centres rows `a` and `b` (the same row twice when one is scored alone) against `closest`:
   * `one` and `two` get min(closest, D² to the candidate) per row and their chunk potentials.
   */
  score(a: number, b: number, closest: Scored, one: Scored, two: Scored): void;
}

/**
 * @internal
 * The scalar kernel of seedingKernels.ts on the threads of `pool` (then `data` and `weights` must live in shared
 * memory), or on the calling thread when it is null.
 */
export function scalarSeedingScorer(
  data: Float64Array,
  n: number,
  d: number,
  weights: Float64Array | null,
  pool: ThreadPool | null,
): SeedingScorer {
  const shared = pool !== null;
  const claim = int32Buffer(1, shared);
  return {
    scored: () => ({ distances: float64Buffer(n, shared), potentials: float64Buffer(Math.ceil(n / CHUNK_ROWS), shared) }),
    score(a, b, closest, one, two) {
      claim[0] = 0;
      const call = [
        data,
        weights,
        a * d,
        b * d,
        d,
        closest.distances,
        one.distances,
        two.distances,
        one.potentials,
        two.potentials,
        CHUNK_ROWS,
        n,
        claim,
      ];
      runCalls(pool, SEEDING_KERNELS, 0, threadCalls(pool, call));
    },
  };
}
