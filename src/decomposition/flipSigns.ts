/**
 * @internal
 * segmentkit's sign convention for singular vectors, in place: each of the `count` rows of length `length` is
 * negated if needed so that its entry of largest absolute value is positive (ties → the lowest index). An
 * eigenvector's sign is arbitrary; this makes it a deterministic function of the vector alone, independent of
 * the solver that produced it.
 */
export function flipSigns(rows: Float64Array, count: number, length: number): void {
  for (let r = 0; r < count; r++) {
    const offset = r * length;
    let best = 0;
    let bestAbs = -1;
    for (let j = 0; j < length; j++) {
      const a = Math.abs(rows[offset + j]!);
      if (a > bestAbs) {
        bestAbs = a;
        best = j;
      }
    }
    if (rows[offset + best]! < 0) for (let j = 0; j < length; j++) rows[offset + j] = -rows[offset + j]!;
  }
}
