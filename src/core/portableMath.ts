import { CENTRE, LOG_CENTRE_HI, LOG_CENTRE_LO, LOG2_HI, LOG2_LO } from './portableLogTable';

// Engine-independent transcendental functions. Math.log, exp, log1p, expm1, pow and sin are
// implementation-defined in the last ulp (V8 versions and JavaScriptCore differ), so every fitted or seeded
// result computes them here instead: only +, −, ×, ÷, exact bit manipulation and table look-ups, which IEEE 754
// makes identical on every runtime.

const LN2_HI = 6.9314718036912381649e-1; // high bits of ln 2, exact in 32 bits of mantissa
const LN2_LO = 1.90821492927058770002e-10; // ln 2 − LN2_HI
const SQRT_HALF = Math.SQRT1_2;
const view = /* @__PURE__ */ new DataView(/* @__PURE__ */ new ArrayBuffer(8));

/**
 * Natural logarithm of a positive finite `x` by a 12-term series, within about 1 ulp of `Math.log`,
 * bit-identical on every JavaScript engine. Returns `-Infinity` for 0 and `NaN` for negative input. The seeded
 * generator's normal and exponential draws use it, so their streams stay the same bits as when they were
 * first published; everything else uses the faster {@link portableLog}.
 * @internal
 */
export function seriesLog(x: number): number {
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
 * `e^x` by a 17-term series, within about 1 ulp of `Math.exp`, bit-identical on every JavaScript engine. The
 * seeded transaction generator uses it, so its data stay the same bits as when first published; everything
 * else uses the faster {@link portableExp}.
 * @internal
 */
export function seriesExp(x: number): number {
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

// 2^(−i/32) for i = 0…31, each the double nearest the exact value (from 50-digit decimal arithmetic)
const TWO_TO_MINUS_I_OVER_32 = /* @__PURE__ */ new Float64Array([
  1.0, 0.9785720620877001, 0.9576032806985737, 0.93708381705515, 0.9170040432046712, 0.8973545375015536, 0.8781260801866497,
  0.859309649061239, 0.8408964152537145, 0.8228777390769825, 0.8052451659746271, 0.7879904225539432, 0.7711054127039704, 0.7545822137967114,
  0.7384130729697497, 0.7225904034885233, 0.7071067811865476, 0.691954940981916, 0.6771277734684463, 0.6626183215798707, 0.6484197773255048,
  0.6345254785958666, 0.620928906036742, 0.6076236799902345, 0.5946035575013605, 0.5818624293887887, 0.5693943173783458, 0.5571933712979462,
  0.5452538663326288, 0.5335702003384118, 0.5221368912137069, 0.5109485743270583,
]);
// 2^(−j) for j = 0…63, exact
const TWO_TO_MINUS_J = /* @__PURE__ */ Float64Array.from({ length: 64 }, (_, j) => 1 / 2 ** j);
const STEPS_PER_UNIT = 46.16624130844683; // 32 / ln 2
const STEP_HI = 0.02166084938653512; // ln 2 / 32 to 32 significant bits, so steps · STEP_HI is exact
const STEP_LO = 5.9631716539705866e-12; // ln 2 / 32 − STEP_HI
// adding 1.5·2^52 rounds a double below 2^51 to an integer (ties to even); much faster than Math.round in V8
const ROUNDING_SHIFTER = 6755399441055744;

/**
 * `e^x` for −44 ≤ x ≤ 0 (the log-ratios the mixture EM exponentiates), within 1 ulp of the exact value and
 * bit-identical on every JavaScript engine; about twice as fast as `Math.exp` in V8 because it is inlined.
 * x = −s·ln2/32 + r with |r| ≤ ln2/64; e^x = 2^(−⌊s/32⌋) · 2^(−(s mod 32)/32) · e^r, with e^r − 1 from its
 * Taylor series to r⁶ (the next term is below 3.5·10⁻¹⁸ relative). `x = 0` gives exactly 1. Outside the
 * domain the result is wrong, so callers clamp or branch first.
 * @internal
 */
export function expSmallNegative(x: number): number {
  return expSmallNegativeWith(x, TWO_TO_MINUS_I_OVER_32, TWO_TO_MINUS_J);
}

/**
 * @internal
 * {@link expSmallNegative} with its two tables passed in ({@link EXP_SMALL_NEGATIVE_TABLES}), so it reads no
 * module constant: the form a thread-pool kernel can import (it travels as source text).
 */
export function expSmallNegativeWith(x: number, fractions: Float64Array, powers: Float64Array): number {
  // the constants of expSmallNegative written out (a kernel reads no module constant)
  const steps = -x * 46.16624130844683 + 6755399441055744 - 6755399441055744; // STEPS_PER_UNIT, ROUNDING_SHIFTER
  const index = steps | 0;
  const r = x + steps * 0.02166084938653512 + steps * 5.9631716539705866e-12; // STEP_HI, STEP_LO
  const r2 = r * r;
  // Estrin's scheme: shorter dependency chains than Horner's
  const tail =
    r + r2 * (0.5 + r * 0.16666666666666666) + r2 * r2 * (0.041666666666666664 + r * 0.008333333333333333 + r2 * 0.001388888888888889);
  const fraction = fractions[index & 31]!;
  // fraction + fraction·tail rounds once on the large part, which keeps the error under 1 ulp
  return powers[index >> 5]! * (fraction + fraction * tail);
}

/** @internal The tables of {@link expSmallNegativeWith}: 2^(−i/32) for i < 32 and 2^(−j) for j < 64. */
export const EXP_SMALL_NEGATIVE_TABLES: { readonly fractions: Float64Array; readonly powers: Float64Array } = {
  fractions: TWO_TO_MINUS_I_OVER_32,
  powers: TWO_TO_MINUS_J,
};

// Bit access for the fast functions: a Float64Array and a Uint32Array over the same 8 bytes (faster than a
// DataView in every engine); HIGH is the index of the word holding the sign, exponent and top of the mantissa.
const cell = /* @__PURE__ */ new Float64Array(1);
const words = /* @__PURE__ */ wordsOf(cell);

function wordsOf(array: Float64Array): Uint32Array {
  return new Uint32Array(array.buffer);
}
const HIGH = /* @__PURE__ */ highWordIndex();

const TWO_TO_54 = 18014398509481984;
const INVERSE_CENTRE = /* @__PURE__ */ CENTRE.map((c) => 1 / c);

/** 1 on little-endian hosts (every engine in practice), 0 on big-endian ones. */
function highWordIndex(): 0 | 1 {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
}

/**
 * Natural logarithm, within 1 ulp of the exact value, bit-identical on every JavaScript engine and about as fast
 * as `Math.log`. x = 2^e · m with m in [1, 2); m falls in one of 128 intervals with centre c (a table of
 * log c to 60 digits in two parts, made by `test/reference/scripts/portable_log_table.py`); r = (m − c) / c
 * (one rounding, |r| ≤ 1/128) and log(1 + r) by its series to r⁹. e·ln2 + log c is exact, so the rounding
 * happens once at the end. Returns `-Infinity` for 0, `NaN` for negative or NaN input, `Infinity` for Infinity.
 * @internal
 */
export function portableLog(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return Infinity;
  cell[0] = x;
  let high = words[HIGH]!;
  let exponent = (high >>> 20) - 1023;
  if (high < 0x00100000) {
    // subnormal: scale into the normal range first (exact)
    cell[0] = x * TWO_TO_54;
    high = words[HIGH]!;
    exponent = (high >>> 20) - 1023 - 54;
  }
  const index = (high >>> 13) & 127;
  words[HIGH] = (high & 0x000fffff) | 0x3ff00000;
  const m = cell[0]!;
  const centre = CENTRE[index]!;
  const r = (m - centre) * INVERSE_CENTRE[index]!;
  // log(1 + r) − r = −r²/2 + r³/3 − … to r⁹ (r⁹/9 < 2⁻⁶⁶ relative to r), by Estrin's scheme: short chains
  const r2 = r * r;
  const r4 = r2 * r2;
  const tail =
    r2 *
    (-0.5 +
      r * 0.3333333333333333 +
      r2 * (-0.25 + r * 0.2) +
      r4 * (-0.16666666666666666 + r * 0.14285714285714285 + r2 * (-0.125 + r * 0.1111111111111111)));
  const hi = exponent * LOG2_HI + LOG_CENTRE_HI[index]!;
  return hi + (r + (tail + (exponent * LOG2_LO + LOG_CENTRE_LO[index]!)));
}

/**
 * `log(1 + x)`, accurate for small `x`, bit-identical on every engine: with u = 1 + x rounded,
 * log(u) · x / (u − 1) corrects the rounding of u (Goldberg's method).
 * @internal
 */
export function portableLog1p(x: number): number {
  if (!(x > -1)) return x === -1 ? -Infinity : NaN;
  if (x === Infinity) return Infinity;
  const u = 1 + x;
  if (u === 1) return x;
  const um1 = u - 1;
  // for large x, u − 1 = x exactly and the correction is 1
  return um1 === x ? portableLog(u) : (portableLog(u) * x) / um1;
}

/**
 * `e^x − 1`, accurate for small `x`, bit-identical on every engine: with u = e^x rounded,
 * (u − 1) · x / log(u) corrects the rounding of u (Kahan's method).
 * @internal
 */
export function portableExpm1(x: number): number {
  if (x !== x) return NaN;
  if (x > 709.782712893384) return Infinity;
  if (x < -40) return -1; // e^x < 4.3e-18 is below half an ulp of 1
  if (x === 0) return x; // keeps −0
  const u = portableExp(x);
  if (u === 1) return x;
  const um1 = u - 1;
  // away from 0 the subtraction loses at most a bit or two, and the correction would overflow for large x
  if (x >= 1 || x <= -1) return um1;
  return (um1 * x) / portableLog(u);
}

/**
 * `x^y` for finite `x ≥ 0` (and negative `x` with an integer `y`), bit-identical on every engine. An integer
 * part of `y` is raised by repeated squaring (a few roundings), the rest as e^(f·log x) with |f| ≤ 1/2, which
 * keeps the error within a few ulp for the exponents feature transforms use (|y| ≤ 16); larger exponents go
 * through e^(y·log x), whose error grows with |y·log x| (at most a few hundred ulp where the result is normal).
 * @internal
 */
export function portablePow(x: number, y: number): number {
  if (y === 0) return 1;
  if (x !== x || y !== y) return NaN;
  if (y === 1) return x;
  const whole = Math.round(y);
  if (x < 0) {
    if (whole !== y) return NaN;
    const magnitude = portablePow(-x, y);
    return whole % 2 === 0 ? magnitude : -magnitude;
  }
  if (x === 0) return y > 0 ? 0 : Infinity;
  if (x === Infinity) return y > 0 ? Infinity : 0;
  if (y === Infinity) return x > 1 ? Infinity : x === 1 ? NaN : 0;
  if (y === -Infinity) return x < 1 ? Infinity : x === 1 ? NaN : 0;
  // y = n + f with −1/2 < f ≤ 1/2 (a half goes up, so x^1.5 is x·√x)
  let n = Math.floor(y);
  let fraction = y - n;
  if (fraction > 0.5) {
    n += 1;
    fraction -= 1;
  }
  // repeated squaring multiplies the relative error by the exponent, e^(y·log x) by |y·log x|: small integer
  // parts go the first way, large ones (0.999^8000, where |y·log x| = 8) the second
  if (Math.abs(n) <= 16) {
    const integerPart = integerPower(x, n);
    // where the integer part over- or underflows on its own, fall back to the single exponential below
    if (integerPart !== 0 && integerPart !== Infinity && integerPart >= 2.2250738585072014e-308) {
      if (fraction === 0) return integerPart;
      // half-integer exponents (x^1.5 in the Kolmogorov branch rule) through the correctly rounded square root
      if (fraction === 0.5) return integerPart * Math.sqrt(x);
      return integerPart * portableExp(fraction * portableLog(x));
    }
  }
  return portableExp(y * portableLog(x));
}

function integerPower(x: number, n: number): number {
  let base = n < 0 ? 1 / x : x;
  let remaining = Math.abs(n);
  let result = 1;
  while (remaining > 0) {
    if (remaining & 1) result *= base;
    remaining >>>= 1;
    if (remaining > 0) base *= base;
  }
  return result;
}

/**
 * `sin x` for |x| ≤ π/2 by its Taylor series to x²⁵ (the next term is below 2⁻⁶⁰ relative), bit-identical on
 * every engine. Outside that range the result is wrong, so callers clamp first.
 * @internal
 */
export function portableSinSmall(x: number): number {
  const x2 = x * x;
  // sin x = x (1 − x²/(2·3) (1 − x²/(4·5) (1 − …))); `series` carries that product minus 1, so the last step
  // adds a small correction to x instead of rounding against 1
  let series = 0;
  for (let i = 12; i >= 1; i--) series = -(x2 / (2 * i * (2 * i + 1))) * (1 + series);
  return x + x * series;
}

/**
 * The binary exponent of a positive finite `x`: ⌊log₂ x⌋, exactly (from the bits, never from a logarithm).
 * @internal
 */
export function binaryExponent(x: number): number {
  cell[0] = x;
  const high = words[HIGH]!;
  if (high < 0x00100000) {
    cell[0] = x * TWO_TO_54;
    return (words[HIGH]! >>> 20) - 1023 - 54;
  }
  return (high >>> 20) - 1023;
}

const LOW = /* @__PURE__ */ lowWordIndex();

function lowWordIndex(): 0 | 1 {
  return highWordIndex() === 1 ? 0 : 1;
}

/** 2^k for −1022 ≤ k ≤ 1023, from the bits. */
function twoTo(k: number): number {
  words[HIGH] = (k + 1023) << 20;
  words[LOW] = 0;
  return cell[0]!;
}

/**
 * `e^x`, within 1 ulp of the exact value, bit-identical on every JavaScript engine, and about as fast as
 * `Math.exp`: the method of {@link expSmallNegative} over the whole range (x = −s·ln2/32 + r, a 32-entry table
 * of 2^(−i/32), e^r − 1 to r⁶), with the power of two applied in two steps where the result is subnormal.
 * @internal
 */
export function portableExp(x: number): number {
  if (x !== x) return NaN;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  const steps = -x * STEPS_PER_UNIT + ROUNDING_SHIFTER - ROUNDING_SHIFTER;
  const index = steps | 0;
  const r = x + steps * STEP_HI + steps * STEP_LO;
  const r2 = r * r;
  const tail =
    r + r2 * (0.5 + r * 0.16666666666666666) + r2 * r2 * (0.041666666666666664 + r * 0.008333333333333333 + r2 * 0.001388888888888889);
  const fraction = TWO_TO_MINUS_I_OVER_32[index & 31]!;
  const mantissa = fraction + fraction * tail;
  const whole = -(index >> 5);
  if (whole >= -1022 && whole <= 1023) return mantissa * twoTo(whole);
  const half = whole >> 1;
  return mantissa * twoTo(half) * twoTo(whole - half);
}
