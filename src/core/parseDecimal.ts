const POWERS_OF_TEN = /* @__PURE__ */ Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * @internal
 * The value of decimal text (`'12'`, `' -3.50 '`, `'1e5'`, `'.5'`), or `undefined` when the text is anything else
 * (`'12a'`, `'1,5'`, `'0x10'`, `'Infinity'`, `''`). Surrounding whitespace is allowed. The result equals
 * `Number(text)` bit for bit: short mantissas take Clinger's fast path (an integer below 2^53 divided by an exact
 * power of ten is correctly rounded); everything else goes through `Number`.
 */
export function parseDecimal(text: string): number | undefined {
  const n = text.length;
  let i = 0;
  let c = text.charCodeAt(0);
  while (i < n && c <= 32) c = text.charCodeAt(++i);
  let negative = false;
  if (c === 45) {
    negative = true;
    c = text.charCodeAt(++i);
  } else if (c === 43) c = text.charCodeAt(++i);
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  while (c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    digits++;
    c = text.charCodeAt(++i);
  }
  if (c === 46) {
    c = text.charCodeAt(++i);
    while (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      fraction++;
      c = text.charCodeAt(++i);
    }
  }
  if (digits === 0) return undefined;
  let exact = digits <= 15 && fraction <= 22;
  if (c === 101 || c === 69) {
    c = text.charCodeAt(++i);
    if (c === 43 || c === 45) c = text.charCodeAt(++i);
    let exponentDigits = 0;
    while (c >= 48 && c <= 57) {
      exponentDigits++;
      c = text.charCodeAt(++i);
    }
    if (exponentDigits === 0) return undefined;
    exact = false;
  }
  while (i < n && c <= 32) c = text.charCodeAt(++i);
  if (i !== n) return undefined;
  if (!exact) return Number(text);
  const value = fraction === 0 ? mantissa : mantissa / POWERS_OF_TEN[fraction]!;
  return negative ? -value : value;
}

/**
 * @internal
 * The rule that decides whether text in an untyped column is a number ({@link parseCsv}, `driftReport`): decimal
 * text as {@link parseDecimal}, except codes padded with leading zeros (`'02134'`, `'00001'`), which stay text
 * because reading them as 2134 and 1 loses what they say.
 */
export function parseNumberText(text: string): number | undefined {
  const value = parseDecimal(text);
  if (value === undefined || (value < 1 && value > -1)) return value;
  let i = 0;
  while (text.charCodeAt(i) <= 32) i++;
  const c = text.charCodeAt(i);
  if (c === 43 || c === 45) i++;
  return text.charCodeAt(i) === 48 ? undefined : value;
}
