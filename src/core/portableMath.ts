// Engine-independent natural logarithm. Math.log is implementation-defined in the last ulp (V8 and
// JavaScriptCore differ), so anything seeded that needs a logarithm (normal and exponential draws) uses this
// instead: only +, −, ×, ÷ and exact bit manipulation, which IEEE 754 makes identical on every runtime.

const LN2_HI = 6.93147180369123816490e-1; // high bits of ln 2, exact in 32 bits of mantissa
const LN2_LO = 1.90821492927058770002e-10; // ln 2 − LN2_HI
const SQRT_HALF = Math.SQRT1_2;
const view = new DataView(new ArrayBuffer(8));

/**
 * Natural logarithm of a positive finite `x`, within about 1 ulp of `Math.log`, bit-identical on every
 * JavaScript engine. Returns `-Infinity` for 0 and `NaN` for negative input.
 * @internal
 */
export function portableLog(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return Infinity;
  let exponentBits: number;
  let mantissa: number;
  view.setFloat64(0, x);
  let high = view.getUint32(0);
  exponentBits = (high >>> 20) & 0x7ff;
  let scaleExponent = 0;
  if (exponentBits === 0) {
    // subnormal: scale up by 2^54 so the exponent field is meaningful
    view.setFloat64(0, x * 18014398509481984);
    high = view.getUint32(0);
    exponentBits = (high >>> 20) & 0x7ff;
    scaleExponent = -54;
  }
  let exponent = exponentBits - 1023 + scaleExponent;
  // put the mantissa in [1, 2) by forcing the biased exponent to 1023
  view.setUint32(0, (high & 0x800fffff) | 0x3ff00000);
  mantissa = view.getFloat64(0);
  if (mantissa > 2 * SQRT_HALF) {
    mantissa *= 0.5;
    exponent += 1;
  }
  // fdlibm's arrangement with f = m − 1 (exact), s = f / (2 + f), log(1 + f) = f − (f²/2 − s(f²/2 + R)),
  // R = Σ 2 s^(2i) / (2i + 1) for i ≥ 1 by Horner's rule (s² ≤ 0.0295, 12 terms reach 1e-19)
  const f = mantissa - 1;
  const s = f / (2 + f);
  const z = s * s;
  let series = 0;
  for (let i = 12; i >= 1; i--) series = z * (2 / (2 * i + 1) + series);
  const halfSquare = 0.5 * f * f;
  return exponent * LN2_HI - (halfSquare - (s * (halfSquare + series) + exponent * LN2_LO) - f);
}

const INV_LN2 = 1.4426950408889634;

/**
 * `e^x`, within about 1 ulp of `Math.exp`, bit-identical on every JavaScript engine (see {@link portableLog}).
 * @internal
 */
export function portableExp(x: number): number {
  if (x !== x) return NaN;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  // x = k ln 2 + r with |r| ≤ ln2 / 2; e^x = 2^k e^r
  const k = Math.round(x * INV_LN2);
  const r = x - k * LN2_HI - k * LN2_LO;
  // e^r − 1 by Horner's rule on the Taylor series (|r| ≤ 0.347, 17 terms reach 1e-19), then + 1 last so the
  // small tail is not rounded against 1 at every step
  let tail = 0;
  for (let i = 17; i >= 1; i--) tail = (r / i) * (1 + tail);
  const sum = 1 + tail;
  // scale by 2^k in two exact steps so neither factor overflows or underflows on its own
  const half = k >> 1;
  return sum * powerOfTwo(half) * powerOfTwo(k - half);
}

function powerOfTwo(k: number): number {
  view.setUint32(0, ((k + 1023) & 0x7ff) << 20);
  view.setUint32(4, 0);
  return view.getFloat64(0);
}
