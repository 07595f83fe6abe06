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
  // log(m) = 2 atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.1716 for m in [√½, √2)
  const s = (mantissa - 1) / (mantissa + 1);
  const s2 = s * s;
  let term = s;
  let sum = s;
  for (let k = 3; k <= 41; k += 2) {
    term *= s2;
    const next = sum + term / k;
    if (next === sum) break;
    sum = next;
  }
  return exponent * LN2_HI + (2 * sum + exponent * LN2_LO);
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
  let term = 1;
  let sum = 1;
  for (let i = 1; i < 30; i++) {
    term *= r / i;
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  // scale by 2^k in two exact steps so neither factor overflows or underflows on its own
  const half = k >> 1;
  return sum * powerOfTwo(half) * powerOfTwo(k - half);
}

function powerOfTwo(k: number): number {
  view.setUint32(0, ((k + 1023) & 0x7ff) << 20);
  view.setUint32(4, 0);
  return view.getFloat64(0);
}
