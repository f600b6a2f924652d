/**
 * Unpadded radix-64 text in the three alphabets stored password hashes use:
 * standard base64 (PHC strings such as Argon2id), the "adapted" base64 of
 * passlib and OpenLDAP's pbkdf2 module (`.` in place of `+`), and bcrypt's own
 * (`./A–Za–z0–9`). All three put the bits in the same order as RFC 4648; only
 * the alphabet differs. Decoding is strict: no padding, no white space, a
 * length that is not 1 more than a multiple of 4, and zero bits after the
 * last byte, so every byte string has one accepted spelling.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';

/** A radix-64 alphabet: the 64 digits, and the character codes each one is read from. */
export interface Radix64Alphabet {
  readonly digits: readonly string[];
  /** Character code (< 128) → six-bit value, or -1. */
  readonly values: Int16Array;
}

const alphabet = (digits: string, alsoRead: Readonly<Record<string, number>> = {}) => {
  const values = new Int16Array(128).fill(-1);
  for (let i = 0; i < digits.length; i++) values[digits.charCodeAt(i)] = i;
  for (const [c, v] of Object.entries(alsoRead)) values[c.charCodeAt(0)] = v;
  return { digits: Array.from(digits), values };
};

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';

/** RFC 4648 base64 (`+/`), as PHC strings write it without padding. */
export const standardAlphabet: Radix64Alphabet = alphabet(`${UPPER}${LOWER}${DIGITS}+/`);

/**
 * passlib's adapted base64: `.` for `+`. Both passlib's and OpenLDAP's readers
 * also take `+`, and so does this one.
 */
export const adaptedAlphabet: Radix64Alphabet = alphabet(`${UPPER}${LOWER}${DIGITS}./`, {
  '+': 62,
});

/** bcrypt's alphabet: `./` first, then upper case, lower case, digits. */
export const bcryptAlphabet: Radix64Alphabet = alphabet(`./${UPPER}${LOWER}${DIGITS}`);

/** Encodes bytes as unpadded radix-64 text. */
export const encodeRadix64 = (bytes: Uint8Array, a: Radix64Alphabet): string => {
  const d = a.digits;
  let out = '';
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += `${d[v >>> 18] ?? ''}${d[(v >>> 12) & 63] ?? ''}${d[(v >>> 6) & 63] ?? ''}${d[v & 63] ?? ''}`;
  }
  if (n - i === 1) {
    const v = (bytes[i] ?? 0) << 16;
    out += `${d[v >>> 18] ?? ''}${d[(v >>> 12) & 63] ?? ''}`;
  } else if (n - i === 2) {
    const v = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += `${d[v >>> 18] ?? ''}${d[(v >>> 12) & 63] ?? ''}${d[(v >>> 6) & 63] ?? ''}`;
  }
  return out;
};

/**
 * Decodes `text[start, end)` as unpadded radix-64 text, strictly. A `Left`
 * describes the problem without repeating the input.
 */
export const decodeRadix64 = (
  text: string,
  a: Radix64Alphabet,
  start = 0,
  end = text.length,
): E.Either<string, Uint8Array> => {
  const n = end - start;
  if (n % 4 === 1) return E.left(`a length of ${n} characters encodes no whole number of bytes`);
  const out = new Uint8Array(Math.floor((n * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? (a.values[c] ?? -1) : -1;
    if (v < 0) return E.left('it contains a character outside its alphabet');
    acc = ((acc << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 255;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) return E.left('it has non-zero bits after its last byte');
  return E.right(out);
};
