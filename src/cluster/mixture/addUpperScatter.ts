/**
 * @internal
 * target[a, b] += Σ_i w[i, a]·v[i, b] for b ≥ a, over m rows of two row-major m × d buffers, into the d × d
 * block of `target` at `targetOffset`. Two rows a, a + 1 by four columns at a time, with the row loop
 * innermost, so each output is one register accumulator; the tile also writes a few entries just below the
 * diagonal, which callers ignore (they read the upper triangle only).
 */
export function addUpperScatter(w: Float64Array, v: Float64Array, m: number, d: number, target: Float64Array, targetOffset: number): void {
  let a = 0;
  for (; a + 1 < d; a += 2) {
    let b = a;
    for (; b + 3 < d; b += 4) {
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let i = 0; i < m; i++) {
        const o = i * d;
        const w0 = w[o + a]!;
        const w1 = w[o + a + 1]!;
        const v0 = v[o + b]!;
        const v1 = v[o + b + 1]!;
        const v2 = v[o + b + 2]!;
        const v3 = v[o + b + 3]!;
        s00 += w0 * v0;
        s01 += w0 * v1;
        s02 += w0 * v2;
        s03 += w0 * v3;
        s10 += w1 * v0;
        s11 += w1 * v1;
        s12 += w1 * v2;
        s13 += w1 * v3;
      }
      const first = targetOffset + a * d + b;
      const second = first + d;
      target[first] = target[first]! + s00;
      target[first + 1] = target[first + 1]! + s01;
      target[first + 2] = target[first + 2]! + s02;
      target[first + 3] = target[first + 3]! + s03;
      target[second] = target[second]! + s10;
      target[second + 1] = target[second + 1]! + s11;
      target[second + 2] = target[second + 2]! + s12;
      target[second + 3] = target[second + 3]! + s13;
    }
    for (; b < d; b++) {
      let s0 = 0;
      let s1 = 0;
      for (let i = 0; i < m; i++) {
        const o = i * d;
        const x = v[o + b]!;
        s0 += w[o + a]! * x;
        s1 += w[o + a + 1]! * x;
      }
      target[targetOffset + a * d + b] = target[targetOffset + a * d + b]! + s0;
      target[targetOffset + (a + 1) * d + b] = target[targetOffset + (a + 1) * d + b]! + s1;
    }
  }
  if (a < d) {
    let s = 0;
    for (let i = 0; i < m; i++) s += w[i * d + a]! * v[i * d + a]!;
    target[targetOffset + a * d + a] = target[targetOffset + a * d + a]! + s;
  }
}
