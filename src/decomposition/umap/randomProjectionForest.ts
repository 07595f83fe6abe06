import type { SamplingRng } from '../../core/createRng';
import type { MetricRows } from './umapDistances';

/** A margin this close to the hyperplane picks its side at random (pynndescent's EPS). */
const EPS = 1e-8;

/**
 * @internal
 * The leaves of one random projection tree (pynndescent's `make_euclidean_tree`): each node is split by the
 * hyperplane halfway between two of its rows drawn at random, until at most `leafSize` rows remain; rows on the
 * hyperplane go to a random side, and a split that leaves one side empty halves the node instead. Returns the
 * rows in leaf order (`order`) and the leaf boundaries (`bounds`: leaf t is order[bounds[t] … bounds[t + 1])).
 * For the cosine distance the rows are already of unit length, so the hyperplanes split by angle.
 */
export function randomProjectionTree(rows: MetricRows, leafSize: number, rng: SamplingRng): { order: Int32Array; bounds: number[] } {
  const { data, n, d } = rows;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const scratch = new Int32Array(n);
  const normal = new Float64Array(d);
  const bounds: number[] = [0];
  // depth-first, left before right, so leaves come out in order
  const stack: number[] = [0, n];
  while (stack.length > 0) {
    const end = stack.pop()!;
    const start = stack.pop()!;
    const size = end - start;
    if (size <= leafSize) {
      bounds.push(end);
      continue;
    }
    const pAt = start + Math.floor(rng.uniform() * size);
    let qAt = start + Math.floor(rng.uniform() * (size - 1));
    if (qAt >= pAt) qAt++;
    const p = order[pAt]!;
    const q = order[qAt]!;
    let offset = 0;
    for (let t = 0; t < d; t++) {
      const a = data[p * d + t]!;
      const b = data[q * d + t]!;
      normal[t] = a - b;
      offset -= (a - b) * ((a + b) / 2);
    }
    let left = start;
    let right = end;
    for (let s = start; s < end; s++) {
      const i = order[s]!;
      let margin = offset;
      for (let t = 0; t < d; t++) margin += normal[t]! * data[i * d + t]!;
      const goesLeft = margin > EPS ? true : margin < -EPS ? false : rng.uniform() < 0.5;
      if (goesLeft) scratch[left++] = i;
      else scratch[--right] = i;
    }
    let middle = left;
    if (middle === start || middle === end) middle = start + (size >> 1);
    order.set(scratch.subarray(start, end), start);
    stack.push(middle, end, start, middle);
  }
  return { order, bounds };
}
