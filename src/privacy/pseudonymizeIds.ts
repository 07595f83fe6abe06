import { describeValue } from '../core/describeValue';
import { MAX_CELLS } from '../core/sizeLimits';
import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions, requireInteger } from '../core/validateOptions';

// The slice of WebCrypto this file uses. The library compiles without the DOM types, so they are declared here;
// every runtime segmentkit supports (Node ≥ 20, Deno, Bun, browsers) has `globalThis.crypto.subtle`.
interface HmacKeyLike {
  readonly type: string;
}
interface SubtleLike {
  importKey(
    format: 'raw',
    keyData: Uint8Array,
    algorithm: { name: 'HMAC'; hash: 'SHA-256' },
    extractable: boolean,
    usages: readonly 'sign'[],
  ): Promise<HmacKeyLike>;
  sign(algorithm: 'HMAC', key: HmacKeyLike, data: Uint8Array): Promise<ArrayBuffer>;
}
type TextEncoderConstructor = new () => { encode(input: string): Uint8Array };

/** Shortest key {@link pseudonymizeIds} accepts, in bytes (128 bits). */
const MIN_KEY_BYTES = 16;
/** How many signatures run at once: enough to keep WebCrypto busy, few enough to bound memory. */
const BATCH = 1024;

/** Options of {@link pseudonymizeIds}. */
export interface PseudonymizeIdsOptions {
  /**
   * Hex characters kept of each HMAC-SHA-256 (default 64, the whole 256 bits; an even number from 16 to 64).
   * Shorter pseudonyms can collide: among n distinct ids the chance that any two share a pseudonym of b = 4 ·
   * length bits is about n² / 2^(b+1), e.g. 3 · 10⁻⁸ for a million ids at 16 hex characters (64 bits), 1.5 ·
   * 10⁻²⁷ at 32. A collision among the ids of one call is detected and refused (`E_PARAM`), so two customers are
   * never silently merged, but ids pseudonymised in separate calls are not compared.
   */
  readonly length?: number;
}

function subtleCrypto(context: string): SubtleLike {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleLike } }).crypto?.subtle;
  if (subtle === undefined) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: this runtime has no WebCrypto (globalThis.crypto.subtle); use Node ≥ 20, Deno, Bun or a browser page served over https`,
    );
  }
  return subtle;
}

function utf8(text: string): Uint8Array {
  const Encoder = (globalThis as { TextEncoder?: TextEncoderConstructor }).TextEncoder;
  if (Encoder === undefined) throw new SegmentkitError('E_PARAM', 'pseudonymizeIds: this runtime has no TextEncoder');
  return new Encoder().encode(text);
}

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += bytes[i]!.toString(16).padStart(2, '0');
  return out;
}

/**
 * @internal
 * HMAC-SHA-256 of `message` under `key` through WebCrypto, as lowercase hex (no key-length rule: the RFC 4231
 * vectors include a 4-byte key).
 *
 * @example
 * await hmacSha256Hex(new TextEncoder().encode('Jefe'), new TextEncoder().encode('what do ya want for nothing?')); // => '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'
 */
export async function hmacSha256Hex(key: Uint8Array, message: Uint8Array): Promise<string> {
  const subtle = subtleCrypto('hmacSha256Hex');
  const cryptoKey = await subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return toHex(new Uint8Array(await subtle.sign('HMAC', cryptoKey, message)));
}

function readKey(key: unknown, context: string): Uint8Array {
  let bytes: Uint8Array;
  if (typeof key === 'string') bytes = utf8(key);
  else if (key instanceof Uint8Array)
    bytes = new Uint8Array(key); // a copy: the caller may reuse the buffer
  else {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: key must be a string or a Uint8Array, got ${key === null ? 'null' : typeof key}; pass a secret of at least ${MIN_KEY_BYTES} bytes`,
    );
  }
  if (bytes.length < MIN_KEY_BYTES) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: key is ${bytes.length === 0 ? 'empty' : `${bytes.length} bytes`}; use a secret of at least ${MIN_KEY_BYTES} bytes (32 random bytes, e.g. crypto.getRandomValues(new Uint8Array(32)), kept in a secret store)`,
    );
  }
  return bytes;
}

function readId(id: unknown, index: number, context: string): string {
  if (typeof id === 'string') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  const shown = typeof id === 'number' || id === null || id === undefined ? String(id) : `a value of type ${typeof id}`;
  throw new SegmentkitError(
    'E_PARSE',
    `${context}: ids[${index}] is ${shown}; ids are strings or finite numbers (drop or fill missing ids before pseudonymising)`,
  );
}

/**
 * Replace customer ids by keyed pseudonyms: the HMAC-SHA-256 of each id under a secret key, as lowercase hex,
 * computed with WebCrypto (`globalThis.crypto.subtle`, on Node ≥ 20, Deno, Bun and browsers). The same id and
 * key always give the same pseudonym, so tables pseudonymised separately still join; without the key nobody can
 * recompute a pseudonym from an id (unlike a plain hash, which anyone can apply to every plausible id).
 *
 * Ids are strings or finite numbers; a number is first written as `String(n)` (so `42` and `'42'` share a
 * pseudonym, `1e21` is `'1e+21'` and `-0` is `'0'`), then encoded as UTF-8. Keep the key secret and stable:
 * a new key gives every customer a new pseudonym (unlinkable to the old ones), a leaked key lets anyone test
 * guesses of ids. Pseudonymous data is still personal data where re-identification is possible by other means
 * (GDPR Recital 26): this removes the identifier, not the person.
 *
 * @param ids - customer ids, one per row (repeats get the same pseudonym)
 * @param key - the secret: a string (UTF-8) or bytes, at least 16 bytes
 * @returns one pseudonym per id, in order
 * @throws {@link SegmentkitError} `E_PARAM` for a missing, empty or short key, an invalid `length`, or a collision
 *   of shortened pseudonyms; `E_PARSE` naming the index of an id that is `null`, `undefined`, `NaN`, infinite or
 *   not a string or number.
 * @example
 * const ids = await pseudonymizeIds(['C-1001', 42, 'C-1001'], 'a secret of 16+ bytes');
 * [ids.length, ids[0] === ids[2], ids[0].length]; // => [3, true, 64]
 * (await pseudonymizeIds([42], 'a secret of 16+ bytes', { length: 16 }))[0] === ids[1].slice(0, 16); // => true
 */
export async function pseudonymizeIds(
  ids: ArrayLike<string | number>,
  key: string | Uint8Array,
  options: PseudonymizeIdsOptions = {},
): Promise<string[]> {
  const context = 'pseudonymizeIds';
  assertKnownOptions(context, options, ['length']);
  const length = options.length ?? 64;
  requireInteger(context, 'length', length, { min: 16, max: 64 });
  if (length % 2 !== 0) throw new SegmentkitError('E_PARAM', `${context}: length must be even (whole bytes), got ${length}`);
  if (ids === null || typeof ids !== 'object' || typeof ids.length !== 'number') {
    throw new SegmentkitError('E_PARAM', `${context}: ids must be an array of strings or numbers, one per customer`);
  }
  const keyBytes = readKey(key, context);
  if (!Number.isInteger(ids.length) || ids.length < 0 || ids.length > MAX_CELLS)
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: ids.length is ${describeValue(ids.length)}; pass an array of at most ${MAX_CELLS} ids`,
    );
  const texts = Array.from({ length: ids.length }, (_, i) => readId(ids[i], i, context));
  const distinct = [...new Set(texts)];
  const subtle = subtleCrypto(context);
  const cryptoKey = await subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const pseudonymOf = new Map<string, string>();
  const owner = new Map<string, string>();
  for (let start = 0; start < distinct.length; start += BATCH) {
    const batch = distinct.slice(start, start + BATCH);
    const signatures = await Promise.all(batch.map((text) => subtle.sign('HMAC', cryptoKey, utf8(text))));
    batch.forEach((text, j) => {
      const pseudonym = toHex(new Uint8Array(signatures[j]!)).slice(0, length);
      const previous = owner.get(pseudonym);
      if (previous !== undefined) {
        throw new SegmentkitError(
          'E_PARAM',
          `${context}: ids ${JSON.stringify(previous)} and ${JSON.stringify(text)} share the ${length}-character pseudonym; use a longer length (64 keeps the whole HMAC)`,
        );
      }
      owner.set(pseudonym, text);
      pseudonymOf.set(text, pseudonym);
    });
  }
  return texts.map((text) => pseudonymOf.get(text)!);
}
