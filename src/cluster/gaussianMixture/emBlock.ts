import { expSmallNegative, portableLog } from '../../core/portableMath';

/**
 * @internal
 * Rows per block in the EM pass: the log-densities of a block (rows × k) and its M-step gathers stay in the
 * first-level cache, and the M-step sums run over a block's rows with accumulators held in registers.
 */
export const EM_BLOCK_ROWS = 128;

/**
 * @internal
 * Inside EM, a responsibility below e^-40 of the row's largest one (≈ 4·10⁻¹⁸, under 2⁻⁵⁷) is set to 0
 * without taking its exponential: it is far below the rounding unit of the row's total (≥ 1 after scaling
 * by the largest term), so the log-likelihood is unchanged to the last bit or two, and its weight in any
 * M-step sum is below what double precision resolves next to the rows that own the component. Skipping it
 * saves the exponential and, for well-separated segments, most of the M-step work.
 * `predictProba` and `scoreSamples` do not use this cut-off.
 */
export const NEGLIGIBLE_LOG_RATIO = -40;

/**
 * @internal
 * A block's non-negligible responsibilities as one list per component (component-major, `EM_BLOCK_ROWS`
 * slots each, in row order): `counts[c]` entries, the block-local row of each in `rows` and its term
 * e^(log p − row max) in `values`; the responsibility is `values[slot] * inverses[rows[slot]]`, computed by the
 * M-step as it gathers the component's rows (one pass instead of two). Nothing scans the rows a component
 * does not own.
 */
export interface BlockResponsibilities {
  readonly counts: Int32Array;
  readonly rows: Int32Array;
  readonly values: Float64Array;
  /** 1 / (the row's sum of terms), per block row. */
  readonly inverses: Float64Array;
}

/** @internal Buffers for {@link blockResponsibilities}, allocated once per EM pass. */
export function createBlockResponsibilities(k: number): BlockResponsibilities {
  return {
    counts: new Int32Array(k),
    rows: new Int32Array(k * EM_BLOCK_ROWS),
    values: new Float64Array(k * EM_BLOCK_ROWS),
    inverses: new Float64Array(EM_BLOCK_ROWS),
  };
}

/**
 * @internal
 * Turn a block's weighted log-densities (rows × k) into responsibilities, dropping those below
 * {@link NEGLIGIBLE_LOG_RATIO}, and list them per component in `out` (see {@link BlockResponsibilities});
 * returns the sum of the rows' log-likelihoods (log-sum-exp). Each row is scaled by its largest term, whose exponential is exactly 1;
 * the others use {@link expSmallNegative}, which is exact to 1 ulp on this range and the same on every engine.
 * The one branch per term decides both the cut-off and the list entry, so it is taken once.
 */
export function blockResponsibilities(logProb: Float64Array, rows: number, k: number, out: BlockResponsibilities): number {
  const { counts, rows: listRows, values, inverses } = out;
  counts.fill(0);
  let logLikelihood = 0;
  for (let i = 0; i < rows; i++) {
    const offset = i * k;
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (logProb[offset + c]! > max) max = logProb[offset + c]!;
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const delta = logProb[offset + c]! - max;
      if (delta < NEGLIGIBLE_LOG_RATIO) continue;
      const e = expSmallNegative(delta);
      sum += e;
      const slot = c * EM_BLOCK_ROWS + counts[c]!;
      listRows[slot] = i;
      values[slot] = e;
      counts[c] = counts[c]! + 1;
    }
    // a row owned by one component alone (sum exactly 1) is already normalised, and log 1 = 0
    if (sum === 1) {
      inverses[i] = 1;
      logLikelihood += max;
    } else {
      inverses[i] = 1 / sum;
      logLikelihood += max + portableLog(sum);
    }
  }
  return logLikelihood;
}
