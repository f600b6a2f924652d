/**
 * Standard base64 (RFC 4648 §4, with padding), implemented without `Buffer` so
 * the library runs unchanged in browsers. Decoding is strict.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const ENCODE: readonly string[] = Array.from(ALPHABET);

/** Character code → six-bit value, or -1 outside the alphabet. */
const DECODE: Int16Array = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/**
 * Encodes bytes as padded standard base64.
 *
 * @example
 * import { encodeBase64 } from 'credential-lifecycle';
 * encodeBase64(new Uint8Array([104, 105])); // 'aGk='
 */
export const encodeBase64 = (bytes: Uint8Array): string => {
  let out = '';
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out +=
      (ENCODE[(v >>> 18) & 63] ?? '') +
      (ENCODE[(v >>> 12) & 63] ?? '') +
      (ENCODE[(v >>> 6) & 63] ?? '') +
      (ENCODE[v & 63] ?? '');
  }
  const rest = n - i;
  if (rest === 1) {
    const v = (bytes[i] ?? 0) << 16;
    out += `${ENCODE[(v >>> 18) & 63] ?? ''}${ENCODE[(v >>> 12) & 63] ?? ''}==`;
  } else if (rest === 2) {
    const v = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += `${ENCODE[(v >>> 18) & 63] ?? ''}${ENCODE[(v >>> 12) & 63] ?? ''}${ENCODE[(v >>> 6) & 63] ?? ''}=`;
  }
  return out;
};

const sextet = (text: string, index: number): number => {
  const c = text.charCodeAt(index);
  return c < 128 ? (DECODE[c] ?? -1) : -1;
};

/**
 * Decodes padded standard base64, strictly: the length must be a multiple of
 * four, only the alphabet `A–Z a–z 0–9 + /` may appear, `=` only as one or two
 * final padding characters, and the bits the padding leaves over must be zero
 * (so every byte string has exactly one accepted encoding). Anything else is a
 * `Left` with a description that does not repeat the input.
 *
 * @example
 * import { decodeBase64 } from 'credential-lifecycle';
 * decodeBase64('aGk='); // right(Uint8Array [104, 105])
 * decodeBase64('aGk'); // left('base64 length 3 is not a multiple of 4')
 */
export const decodeBase64 = (text: string): E.Either<string, Uint8Array> =>
  decodeBase64From(text, 0);

/**
 * {@link decodeBase64} of `text` from index `start` on, without copying the string.
 *
 * @example
 * import { decodeBase64From } from 'credential-lifecycle';
 * decodeBase64From('{SHA}aGk=', 5); // right(Uint8Array [104, 105])
 */
export const decodeBase64From = (text: string, start: number): E.Either<string, Uint8Array> => {
  const end = text.length;
  const n = end - start;
  if (n % 4 !== 0) return E.left(`base64 length ${n} is not a multiple of 4`);
  if (n === 0) return E.right(new Uint8Array(0));
  const pad = text.charCodeAt(end - 1) !== 61 ? 0 : text.charCodeAt(end - 2) === 61 ? 2 : 1;
  const out = new Uint8Array((n / 4) * 3 - pad);
  const full = pad === 0 ? end : end - 4;
  let o = 0;
  for (let i = start; i < full; i += 4) {
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    const c = sextet(text, i + 2);
    const d = sextet(text, i + 3);
    if ((a | b | c | d) < 0) return E.left('base64 contains a character outside the alphabet');
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = v >>> 16;
    out[o++] = (v >>> 8) & 255;
    out[o++] = v & 255;
  }
  if (pad > 0) {
    const a = sextet(text, full);
    const b = sextet(text, full + 1);
    const c = pad === 1 ? sextet(text, full + 2) : 0;
    if ((a | b | c) < 0) return E.left('base64 contains a character outside the alphabet');
    if (pad === 2 ? (b & 15) !== 0 : (c & 3) !== 0) {
      return E.left('base64 has non-zero bits before its padding');
    }
    out[o++] = (a << 2) | (b >>> 4);
    if (pad === 1) out[o++] = ((b & 15) << 4) | (c >>> 2);
  }
  return E.right(out);
};
