import { fc, test } from '@fast-check/vitest';
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import {
  decodeBase64,
  encodeBase64,
  hashSecret,
  parseHash,
  seededRandom,
  utf8Bytes,
  verifySecret,
} from '../../src/secret/index.js';
import vectors from './vectors.json' with { type: 'json' };

const hexToBytes = (hex: string): Uint8Array =>
  Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));

const isHashAlgorithm = (s: string): s is 'SSHA' | 'SSHA256' => s === 'SSHA' || s === 'SSHA256';

describe('independent slappasswd vectors (test/secret/make-vectors.py)', () => {
  it('covers both algorithms, salt lengths 4/8/16 and non-ASCII passwords', () => {
    const algorithms = new Set(vectors.salted.map((v) => v.algorithm));
    const saltLengths = new Set(vectors.salted.map((v) => v.saltHex.length / 2));
    expect([...algorithms].sort()).toEqual(['SSHA', 'SSHA256']);
    expect([...saltLengths].sort((a, b) => a - b)).toEqual([4, 8, 16]);
    expect(
      vectors.salted.some((v) => [...v.password].some((c) => (c.codePointAt(0) ?? 0) > 127)),
    ).toBe(true);
  });

  for (const v of vectors.salted) {
    it(`hashSecret reproduces ${v.stored}`, () => {
      if (!isHashAlgorithm(v.algorithm)) throw new Error('bad vector');
      expect(hashSecret(v.password, { algorithm: v.algorithm, salt: hexToBytes(v.saltHex) })).toBe(
        v.stored,
      );
      expect(verifySecret(v.password, v.stored)).toEqual(E.right(true));
      expect(verifySecret(`${v.password}x`, v.stored)).toEqual(E.right(false));
    });
  }

  for (const v of vectors.unsalted) {
    it(`verifySecret accepts unsalted ${v.stored}`, () => {
      expect(verifySecret(v.password, v.stored)).toEqual(E.right(true));
      const parsed = parseHash(v.stored);
      expect(E.isRight(parsed) && parsed.right.salt.length).toBe(0);
    });
  }

  it('does not normalise Unicode: NFC and NFD spellings hash differently', () => {
    const nfc = 'p\u00e4ssw\u00f6rd';
    const nfd = nfc.normalize('NFD');
    const stored = hashSecret(nfc, { algorithm: 'SSHA256', salt: new Uint8Array(8) });
    expect(verifySecret(nfd, stored)).toEqual(E.right(false));
  });
});

describe('parseHash', () => {
  const sha1Salted = hashSecret('secret', { algorithm: 'SSHA', salt: hexToBytes('a1b2c3d4') });
  const payload = sha1Salted.slice('{SSHA}'.length);
  const sha256Salted = hashSecret('secret', { algorithm: 'SSHA256', salt: hexToBytes('a1b2') });
  const payload256 = sha256Salted.slice('{SSHA256}'.length);

  it.each(['SSHA', 'SHA', 'SHA1', 'SHA-1', 'ssha', 'Sha-1', 'sHa1'])('%s names SHA-1', (scheme) => {
    const r = parseHash(`{${scheme}}${payload}`);
    expect(E.isRight(r) && r.right.kind === 'ssha' && r.right.digestAlgorithm).toBe('SHA-1');
    expect(verifySecret('secret', `{${scheme}}${payload}`)).toEqual(E.right(true));
    expect(verifySecret('Secret', `{${scheme}}${payload}`)).toEqual(E.right(false));
  });

  it.each(['SSHA256', 'SHA256', 'SHA-256', 'ssha256', 'sha-256'])('%s names SHA-256', (scheme) => {
    const r = parseHash(`{${scheme}}${payload256}`);
    expect(E.isRight(r) && r.right.kind === 'ssha' && r.right.digestAlgorithm).toBe('SHA-256');
    expect(verifySecret('secret', `{${scheme}}${payload256}`)).toEqual(E.right(true));
  });

  it('splits digest and salt by the digest length', () => {
    const r = parseHash(sha1Salted);
    expect(E.isRight(r) && [r.right.digest.length, [...r.right.salt]]).toEqual([
      20,
      [0xa1, 0xb2, 0xc3, 0xd4],
    ]);
  });

  it.each([
    ['no scheme', 'qUqP5cyxm6YcTAhz05Hph5gvu9M=', 'missing-scheme'],
    ['empty', '', 'missing-scheme'],
    ['unclosed scheme', '{SSHA', 'missing-scheme'],
    ['unknown scheme', '{MD5}qUqP5cyxm6YcTAhz05Hph5gvu9M=', 'unknown-scheme'],
    ['crypt scheme', '{CRYPT}$6$abc', 'unknown-scheme'],
    ['Unicode case mapping of ſ', '{ſha}qUqP5cyxm6YcTAhz05Hph5gvu9M=', 'missing-scheme'],
    ['payload shorter than the digest', '{SHA}AAAA', 'payload-too-short'],
    ['empty payload', '{SSHA256}', 'payload-too-short'],
    [
      'SHA-1-length payload under a SHA-256 scheme',
      '{SHA256}qUqP5cyxm6YcTAhz05Hph5gvu9M=',
      'payload-too-short',
    ],
    ['missing padding', '{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9M', 'invalid-base64'],
    ['too much padding', '{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9M==', 'invalid-base64'],
    ['= inside', '{SHA}qUqP5cyx=6YcTAhz05Hph5gvu9M=', 'invalid-base64'],
    ['character outside the alphabet', '{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9-=', 'invalid-base64'],
    ['url-safe alphabet', '{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9_=', 'invalid-base64'],
    ['white space', '{SHA}qUqP5cyxm6YcTAhz 05Hph5gvu9M=', 'invalid-base64'],
    ['trailing newline', '{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9M=\n', 'invalid-base64'],
    ['non-zero bits before padding', '{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9N=', 'invalid-base64'],
    ['non-ASCII in payload', '{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9é=', 'invalid-base64'],
  ])('%s → Left', (_, stored, reason) => {
    const r = parseHash(stored);
    expect(E.isLeft(r) && r.left.reason).toBe(reason);
    expect(E.isLeft(verifySecret('secret', stored))).toBe(true);
    if (E.isLeft(r) && stored.length > 12) expect(r.left.message).not.toContain(stored);
  });

  test.prop([fc.string({ unit: 'binary' })])('never throws on arbitrary input', (s) => {
    expect(() => parseHash(s)).not.toThrow();
    expect(() => verifySecret('x', s)).not.toThrow();
  });

  test.prop([
    fc.constantFrom('SSHA', 'SHA', 'SHA1', 'SHA-1', 'SSHA256', 'SHA256', 'SHA-256', 'MD5', ''),
    fc.string({ unit: fc.constantFrom(...'ABCab09+/=-_ \n'.split('')), maxLength: 80 }),
  ])('never throws on near-miss payloads', (scheme, payload) => {
    const stored = `{${scheme}}${payload}`;
    expect(() => verifySecret('x', stored)).not.toThrow();
  });
});

describe('hashSecret / verifySecret', () => {
  test.prop([
    fc.string({ unit: 'grapheme' }),
    fc.constantFrom('SSHA' as const, 'SSHA256' as const),
    fc.uint8Array({ minLength: 1, maxLength: 32 }),
  ])('round trip for arbitrary Unicode and salts', (p, algorithm, salt) => {
    expect(verifySecret(p, hashSecret(p, { algorithm, salt }))).toEqual(E.right(true));
  });

  test.prop([fc.string({ unit: 'binary' }), fc.constantFrom('SSHA' as const, 'SSHA256' as const)])(
    'round trip for full-range code points with a random salt',
    (p, algorithm) => {
      expect(verifySecret(p, hashSecret(p, { algorithm }))).toEqual(E.right(true));
    },
  );

  test.prop([
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'grapheme' }),
    fc.constantFrom('SSHA' as const, 'SSHA256' as const),
    fc.uint8Array({ minLength: 0, maxLength: 16 }),
  ])('a wrong password never verifies', (p, q, algorithm, salt) => {
    fc.pre(p !== q);
    expect(verifySecret(q, hashSecret(p, { algorithm, salt }))).toEqual(E.right(false));
  });

  test.prop([
    fc.string(),
    fc.constantFrom('SSHA', 'SHA', 'SHA1', 'SHA-1', 'ssha', 'sha-1'),
    fc.constantFrom('SSHA256', 'SHA256', 'SHA-256', 'ssha256', 'Sha256'),
    fc.string(),
  ])('every alias of a valid hash verifies the same', (p, alias1, alias256, q) => {
    const s1 = hashSecret(p, { algorithm: 'SSHA', random: seededRandom(1) }).slice(6);
    const s256 = hashSecret(p, { algorithm: 'SSHA256', random: seededRandom(2) }).slice(9);
    expect(verifySecret(q, `{${alias1}}${s1}`)).toEqual(E.right(p === q));
    expect(verifySecret(q, `{${alias256}}${s256}`)).toEqual(E.right(p === q));
  });

  it('draws an 8-byte salt from the random source by default', () => {
    const stored = hashSecret('x', { algorithm: 'SSHA256', random: seededRandom(9) });
    const r = parseHash(stored);
    expect(E.isRight(r) && r.right.salt.length).toBe(8);
    expect(hashSecret('x', { algorithm: 'SSHA256', random: seededRandom(9) })).toBe(stored);
    expect(hashSecret('x', { algorithm: 'SSHA256' })).not.toBe(
      hashSecret('x', { algorithm: 'SSHA256' }),
    );
  });

  it('emits {SSHA} and {SSHA256}', () => {
    expect(hashSecret('x', { algorithm: 'SSHA' })).toMatch(/^\{SSHA\}[A-Za-z0-9+/]+=*$/);
    expect(hashSecret('x', { algorithm: 'SSHA256' })).toMatch(/^\{SSHA256\}[A-Za-z0-9+/]+=*$/);
  });
});

describe('base64 and UTF-8', () => {
  test.prop([fc.uint8Array({ maxLength: 100 })])('base64 round trip, same as btoa', (bytes) => {
    const text = encodeBase64(bytes);
    expect(text).toBe(btoa(String.fromCharCode(...bytes)));
    expect(decodeBase64(text)).toEqual(E.right(bytes));
  });

  // utf8Bytes is TextEncoder; Node's Buffer is an independent UTF-8 encoder.
  test.prop([fc.string({ unit: 'binary' })])('UTF-8 matches an independent encoder', (s) => {
    expect(utf8Bytes(s)).toEqual(new Uint8Array(Buffer.from(s, 'utf8')));
  });

  test.prop([
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
  ])('lone surrogates become U+FFFD', (s) => {
    expect(utf8Bytes(s)).toEqual(new Uint8Array(Buffer.from(s, 'utf8')));
  });

  test('examples: ASCII, two-, three- and four-byte characters, a lone surrogate', () => {
    expect([...utf8Bytes('aé€😀')]).toEqual([
      0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80,
    ]);
    expect([...utf8Bytes('\ud800x')]).toEqual([0xef, 0xbf, 0xbd, 0x78]);
  });
});
