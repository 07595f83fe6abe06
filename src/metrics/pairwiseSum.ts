// NumPy's summation order for a contiguous float64 array (np.sum, np.mean): plain loop below 8 values, eight
// interleaved partial sums up to 128 values, and recursive halving (at a multiple of 8) beyond. Using the same
// order keeps sums that scikit-learn forms with np.sum equal to the last bit when the terms are equal.

/** @internal Sum of `values[start … start + n)` in NumPy's pairwise order. */
export function pairwiseSum(values: ArrayLike<number>, start = 0, n: number = values.length - start): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += values[start + i]!;
    return res;
  }
  if (n <= 128) {
    let r0 = values[start]!;
    let r1 = values[start + 1]!;
    let r2 = values[start + 2]!;
    let r3 = values[start + 3]!;
    let r4 = values[start + 4]!;
    let r5 = values[start + 5]!;
    let r6 = values[start + 6]!;
    let r7 = values[start + 7]!;
    let i = 8;
    for (const end = n - (n % 8); i < end; i += 8) {
      const p = start + i;
      r0 += values[p]!;
      r1 += values[p + 1]!;
      r2 += values[p + 2]!;
      r3 += values[p + 3]!;
      r4 += values[p + 4]!;
      r5 += values[p + 5]!;
      r6 += values[p + 6]!;
      r7 += values[p + 7]!;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += values[start + i]!;
    return res;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, n - half);
}
