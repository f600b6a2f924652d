/**
 * The unpadded radix-64 codecs against Node's Buffer (an independent base64),
 * translated into each alphabet; decoding is strict.
 */
import { fc, test } from '@fast-check/vitest';
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import {
  adaptedAlphabet,
  bcryptAlphabet,
  decodeRadix64,
  encodeRadix64,
  standardAlphabet,
} from '../../src/secret/radix64.js';

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BCRYPT = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Buffer's base64 without padding, its digits mapped into another alphabet. */
const reference = (bytes: Uint8Array, digits: string): string =>
  Array.from(Buffer.from(bytes).toString('base64').replace(/=+$/, ''), (c) =>
    digits.charAt(STANDARD.indexOf(c)),
  ).join('');

const alphabets = [
  ['standard', standardAlphabet, STANDARD],
  ['adapted', adaptedAlphabet, STANDARD.replace('+', '.')],
  ['bcrypt', bcryptAlphabet, BCRYPT],
] as const;

describe.each(alphabets)('%s alphabet', (_, alphabet, digits) => {
  test.prop([fc.uint8Array({ maxLength: 80 })])('encodes as Buffer does; decodes back', (bytes) => {
    const text = encodeRadix64(bytes, alphabet);
    expect(text).toBe(reference(bytes, digits));
    expect(decodeRadix64(text, alphabet)).toEqual(E.right(bytes));
  });

  test.prop([fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.nat()])(
    'one accepted spelling: a changed last digit that leaves the bytes alike is refused',
    (bytes, n) => {
      const text = encodeRadix64(bytes, alphabet);
      const unused = text.length % 4 === 2 ? 4 : text.length % 4 === 3 ? 2 : 0;
      fc.pre(unused > 0);
      const last = digits.indexOf(text.charAt(text.length - 1));
      const noise = 1 + (n % ((1 << unused) - 1));
      const other = text.slice(0, -1) + digits.charAt(last | noise);
      expect(E.isLeft(decodeRadix64(other, alphabet))).toBe(true);
    },
  );

  it('refuses a length of 4n + 1, padding, white space and characters outside it', () => {
    for (const text of ['A', 'AAAAA', 'AA==', 'AA A', 'AA\n', 'AAé']) {
      expect(E.isLeft(decodeRadix64(text, alphabet))).toBe(true);
    }
  });
});

describe('the adapted alphabet', () => {
  it('also reads "+" for ".", as passlib and OpenLDAP do', () => {
    expect(decodeRadix64('+/8', adaptedAlphabet)).toEqual(decodeRadix64('./8', adaptedAlphabet));
    expect(encodeRadix64(new Uint8Array([0xfb, 0xff]), adaptedAlphabet)).toBe('./8');
  });
});
