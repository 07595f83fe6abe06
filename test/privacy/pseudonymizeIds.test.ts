import { createHmac } from 'node:crypto';
import { pseudonymizeIds } from 'segmentkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hmacSha256Hex } from '../../src/privacy/pseudonymizeIds';
import { expectSegmentkitErrorAsync } from '../helpers/expectError';

const bytes = (length: number, value: number): Uint8Array => new Uint8Array(length).fill(value);
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

// RFC 4231, "Identifiers and Test Vectors for HMAC-SHA-224, HMAC-SHA-256, HMAC-SHA-384, and HMAC-SHA-512",
// section 4 (https://www.rfc-editor.org/rfc/rfc4231#section-4), the HMAC-SHA-256 lines of test cases 1–7.
const RFC_4231: { name: string; key: Uint8Array; data: Uint8Array; sha256: string; truncatedTo?: number }[] = [
  {
    name: 'test case 1 (4.2)',
    key: bytes(20, 0x0b),
    data: text('Hi There'),
    sha256: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
  },
  {
    name: 'test case 2 (4.3), a key shorter than the length of the hash',
    key: text('Jefe'),
    data: text('what do ya want for nothing?'),
    sha256: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  },
  {
    name: 'test case 3 (4.4), combined length of key and data larger than 64 bytes',
    key: bytes(20, 0xaa),
    data: bytes(50, 0xdd),
    sha256: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
  },
  {
    name: 'test case 4 (4.5)',
    key: Uint8Array.from({ length: 25 }, (_, i) => i + 1),
    data: bytes(50, 0xcd),
    sha256: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
  },
  {
    name: 'test case 5 (4.6), truncation to 128 bits',
    key: bytes(20, 0x0c),
    data: text('Test With Truncation'),
    sha256: 'a3b6167473100ee06e0c796c2955552b',
    truncatedTo: 32,
  },
  {
    name: 'test case 6 (4.7), a key larger than the block size',
    key: bytes(131, 0xaa),
    data: text('Test Using Larger Than Block-Size Key - Hash Key First'),
    sha256: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
  },
  {
    name: 'test case 7 (4.8), key and data larger than the block size',
    key: bytes(131, 0xaa),
    data: text(
      'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
    ),
    sha256: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  },
];

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('HMAC-SHA-256 through WebCrypto', () => {
  for (const v of RFC_4231) {
    it(`matches RFC 4231 ${v.name}`, async () => {
      const hex = await hmacSha256Hex(v.key, v.data);
      expect(hex.slice(0, v.truncatedTo ?? 64)).toBe(v.sha256);
      // and Node's own implementation agrees (an independent check of the vector as transcribed)
      expect(
        createHmac('sha256', v.key)
          .update(v.data)
          .digest('hex')
          .slice(0, v.truncatedTo ?? 64),
      ).toBe(v.sha256);
    });
  }
});

describe('pseudonymizeIds', () => {
  it('gives the RFC 4231 HMAC of a text id under a byte key (test cases 1, 5, 6, 7)', async () => {
    const [tc1] = await pseudonymizeIds(['Hi There'], bytes(20, 0x0b));
    expect(tc1).toBe(RFC_4231[0]!.sha256);
    const [tc5] = await pseudonymizeIds(['Test With Truncation'], bytes(20, 0x0c), { length: 32 });
    expect(tc5).toBe(RFC_4231[4]!.sha256);
    const long = await pseudonymizeIds(
      [new TextDecoder().decode(RFC_4231[5]!.data), new TextDecoder().decode(RFC_4231[6]!.data)],
      bytes(131, 0xaa),
    );
    expect(long).toEqual([RFC_4231[5]!.sha256, RFC_4231[6]!.sha256]);
  });

  it("equals Node's createHmac('sha256', key) on text, unicode and numeric ids, with string and byte keys", async () => {
    const ids: (string | number)[] = ['7590-VHVEG', '5575-GNVDE', '', 'Zoë Ångström 東京 🎉', 42, 1.5, -0, -7, 1e21, 0.1 + 0.2, '42'];
    const stringKey = 'correct horse battery staple';
    const byteKey = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256);
    const expected = (key: string | Uint8Array): string[] =>
      ids.map((id) => createHmac('sha256', key).update(String(id), 'utf8').digest('hex'));
    expect(await pseudonymizeIds(ids, stringKey)).toEqual(expected(stringKey));
    expect(await pseudonymizeIds(ids, byteKey)).toEqual(expected(byteKey));
    const out = await pseudonymizeIds(ids, stringKey);
    for (const p of out) expect(p).toMatch(/^[0-9a-f]{64}$/);
    // numbers are written as String(n): 42 and '42' share a pseudonym, -0 is '0', 1e21 is '1e+21'
    expect(out[4]).toBe(out[10]);
    expect(out[6]).toBe(createHmac('sha256', stringKey).update('0').digest('hex'));
    expect(out[8]).toBe(createHmac('sha256', stringKey).update('1e+21').digest('hex'));
  });

  it('is stable: the same id and key give the same pseudonym, another key another one', async () => {
    const key = 'a stable secret key';
    const a = await pseudonymizeIds(['x', 'y', 'x'], key);
    const b = await pseudonymizeIds(['y', 'x'], key);
    expect(a[0]).toBe(a[2]);
    expect(b).toEqual([a[1], a[0]]);
    const other = await pseudonymizeIds(['x'], 'another stable secret');
    expect(other[0]).not.toBe(a[0]);
  });

  it('truncates to the requested number of hex characters', async () => {
    const key = 'sixteen bytes!!!';
    const full = await pseudonymizeIds(['a', 'b'], key);
    const short = await pseudonymizeIds(['a', 'b'], key, { length: 16 });
    expect(short).toEqual(full.map((p) => p.slice(0, 16)));
  });

  it('handles many ids (more than one batch of signatures) in order', async () => {
    const ids = Array.from({ length: 2500 }, (_, i) => `C${i % 2100}`);
    const key = 'batching key, 16+ bytes';
    const out = await pseudonymizeIds(ids, key);
    expect(out).toEqual(ids.map((id) => createHmac('sha256', key).update(id).digest('hex')));
  });

  it('accepts a key of exactly 16 bytes and does not change its inputs', async () => {
    const key = Uint8Array.from({ length: 16 }, (_, i) => i);
    const ids = Object.freeze(['a', 1]);
    await expect(pseudonymizeIds(ids, key)).resolves.toHaveLength(2);
    expect(Array.from(key)).toEqual(Array.from({ length: 16 }, (_, i) => i));
  });

  it('refuses empty, short and non-key keys (E_PARAM)', async () => {
    await expectSegmentkitErrorAsync(() => pseudonymizeIds(['a'], ''), 'E_PARAM', /pseudonymizeIds: key is empty/);
    await expectSegmentkitErrorAsync(() => pseudonymizeIds(['a'], 'Jefe'), 'E_PARAM', /key is 4 bytes.*at least 16 bytes/);
    await expectSegmentkitErrorAsync(() => pseudonymizeIds(['a'], new Uint8Array(15)), 'E_PARAM', /15 bytes/);
    await expectSegmentkitErrorAsync(() => pseudonymizeIds(['a'], 12345 as never), 'E_PARAM', /string or a Uint8Array/);
    await expectSegmentkitErrorAsync(() => pseudonymizeIds(['a'], undefined as never), 'E_PARAM', /key/);
  });

  it('refuses missing and non-finite ids with E_PARSE naming the index', async () => {
    const key = 'a secret of 16+ bytes';
    await expectSegmentkitErrorAsync(() => pseudonymizeIds(['a', NaN], key), 'E_PARSE', /ids\[1\] is NaN/);
    await expectSegmentkitErrorAsync(() => pseudonymizeIds(['a', 'b', null as never], key), 'E_PARSE', /ids\[2\] is null/);
    await expectSegmentkitErrorAsync(() => pseudonymizeIds([undefined as never], key), 'E_PARSE', /ids\[0\] is undefined/);
    await expectSegmentkitErrorAsync(() => pseudonymizeIds([Infinity], key), 'E_PARSE', /ids\[0\] is Infinity/);
    await expectSegmentkitErrorAsync(() => pseudonymizeIds([{} as never], key), 'E_PARSE', /ids\[0\] is a value of type object/);
    await expectSegmentkitErrorAsync(() => pseudonymizeIds('abc' as never, key), 'E_PARAM', /ids must be an array/);
  });

  it('validates the options', async () => {
    const key = 'a secret of 16+ bytes';
    await expectSegmentkitErrorAsync(() => pseudonymizeIds(['a'], key, { length: 15 }), 'E_PARAM', /length/);
    await expectSegmentkitErrorAsync(() => pseudonymizeIds(['a'], key, { length: 17 }), 'E_PARAM', /even/);
    await expectSegmentkitErrorAsync(() => pseudonymizeIds(['a'], key, { length: 66 }), 'E_PARAM', /length/);
    await expectSegmentkitErrorAsync(() => pseudonymizeIds(['a'], key, { lenght: 16 } as never), 'E_PARAM', /did you mean 'length'/);
  });

  it('refuses to merge two customers whose shortened pseudonyms collide', async () => {
    // a WebCrypto whose signatures are all zero: every id collides
    vi.stubGlobal('crypto', {
      subtle: {
        importKey: async () => ({ type: 'secret' }),
        sign: async () => new ArrayBuffer(32),
      },
    });
    await expect(pseudonymizeIds(['a', 'a'], 'a secret of 16+ bytes')).resolves.toEqual(['0'.repeat(64), '0'.repeat(64)]);
    await expectSegmentkitErrorAsync(
      () => pseudonymizeIds(['a', 'b'], 'a secret of 16+ bytes', { length: 16 }),
      'E_PARAM',
      /ids "a" and "b" share the 16-character pseudonym; use a longer length/,
    );
  });

  it('says so when the runtime has no WebCrypto', async () => {
    vi.stubGlobal('crypto', undefined);
    await expectSegmentkitErrorAsync(() => pseudonymizeIds(['a'], 'a secret of 16+ bytes'), 'E_PARAM', /no WebCrypto/);
  });
});
