import { portableExp, portableLog } from '../../core/portableMath';

// x^b for the layout's hot loop (a power per attraction and per negative sample, each on the loop's chain of
// dependent operations): 2^(b · log₂ x) with 1024-entry tables, so both polynomials are short (degree 3), and
// with its own tables, so the loop calls one small function of this module. Only +, −, ×, ÷, Math.floor, table
// look-ups and one read of the exponent bits: the same bits on every engine.

const LN2 = 0.6931471805599453;
const LOG2_E = 1.4426950408889634;
const TWO_TO_54 = 18014398509481984;
const TWO_TO_MINUS_54 = 5.551115123125783e-17;
const SIZE = 1024;
// log₂(1 + r) = LOG2_E (r − r²/2 + r³/3) + O(r⁴), |r| ≤ 1/2048
const L1 = LOG2_E;
const L2 = -LOG2_E / 2;
const L3 = LOG2_E / 3;
// 2^g − 1 = g ln2 + (g ln2)²/2 + (g ln2)³/6 + O(g⁴), 0 ≤ g < 1/1024
const E1 = LN2;
const E2 = (LN2 * LN2) / 2;
const E3 = (LN2 * LN2 * LN2) / 6;

const cell = /* @__PURE__ */ new Float64Array(1);
const words = /* @__PURE__ */ wordsOf(cell);
const HIGH = /* @__PURE__ */ highWordIndex();

function wordsOf(array: Float64Array): Uint32Array {
  return new Uint32Array(array.buffer);
}

/** 1 on little-endian hosts (every engine in practice), 0 on big-endian ones. */
function highWordIndex(): 0 | 1 {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
}

/** 1 / c for the centres c = 1 + (i + ½)/1024 of the 1024 intervals of [1, 2). */
function inverseCentres(): Float64Array {
  return Float64Array.from({ length: SIZE }, (_, i) => 1 / (1 + (i + 0.5) / SIZE));
}

/** log₂ of each centre, from the portable logarithm (deterministic, within 2 ulp). */
function log2Centres(): Float64Array {
  return Float64Array.from({ length: SIZE }, (_, i) => portableLog(1 + (i + 0.5) / SIZE) / LN2);
}

/** 2^(j/1024) for j = 0 … 1023, from the portable exponential (deterministic, within 1 ulp). */
function twoToFractions(): Float64Array {
  return Float64Array.from({ length: SIZE }, (_, j) => portableExp((j / SIZE) * LN2));
}

const INVERSE_CENTRE = /* @__PURE__ */ inverseCentres();
const LOG2_CENTRE = /* @__PURE__ */ log2Centres();
const TWO_J = /* @__PURE__ */ twoToFractions();

/** 2^k for k = −1074 … 1023 at index k + 1074, exact (doubling and halving from 1; the subnormal ones too). */
function powersOfTwo(): Float64Array {
  const out = new Float64Array(2098);
  out[1074] = 1;
  for (let k = 1; k <= 1023; k++) out[1074 + k] = out[1074 + k - 1]! * 2;
  for (let k = 1; k <= 1074; k++) out[1074 - k] = out[1074 - k + 1]! / 2;
  return out;
}

const POWER_OF_TWO = /* @__PURE__ */ powersOfTwo();

/**
 * @internal
 * x^b for finite x > 0 and |b| ≤ 16 (the layout's squared distances and the curve's b), bit-identical on every
 * engine and within about 5e-14 relative of the exact value. log₂ x = e + log₂ c + log₂(1 + r), where x = 2^e · m,
 * c is the centre of m's 1/1024 interval and r = m/c − 1 (|r| ≤ 1/2048, series to r³); then 2^y with
 * y = b log₂ x split as 2^k · 2^(j/1024) · 2^g, 0 ≤ g < 1/1024 (series to g³). Powers of two come from a table
 * (exact), so the only bit access is one read of the exponent field. Subnormal x is scaled first (exact);
 * results below the smallest normal double round into the subnormals (to 0 below them), above the largest
 * double they are Infinity.
 *
 * @example
 * umapPow(4, 0.5).toFixed(12); // => '2.000000000000'
 */
export function umapPow(x: number, b: number): number {
  cell[0] = x;
  const high = words[HIGH]!;
  if (high < 0x00100000) return umapPow(x * TWO_TO_54, b) * umapPow(TWO_TO_MINUS_54, b);
  const exponent = (high >>> 20) - 1023;
  const index = (high >>> 10) & 1023;
  const r = x * POWER_OF_TWO[1074 - exponent]! * INVERSE_CENTRE[index]! - 1;
  const y = b * (exponent + (LOG2_CENTRE[index]! + (r * (L1 + r * L2) + r * r * (r * L3))));
  if (y >= 1024) return Number.POSITIVE_INFINITY;
  if (y < -1075) return 0;
  const t = y * SIZE;
  const steps = Math.floor(t);
  const g = (t - steps) * (1 / SIZE);
  const j = steps & 1023;
  const fraction = TWO_J[j]!;
  const mantissa = fraction + fraction * (g * (E1 + g * E2) + g * g * (g * E3));
  const k = (steps - j) / SIZE;
  // below 2^−1022 the one product rounds into the subnormals (correctly rounded, like any product)
  return k < -1074 ? 0 : mantissa * POWER_OF_TWO[k + 1074]!;
}
