/**
 * UTF-8 encoding without `TextEncoder` or `Buffer`.
 *
 * @packageDocumentation
 */

/**
 * The UTF-8 bytes of a string, without any Unicode normalisation. A lone
 * surrogate (which no well-formed string contains) becomes U+FFFD, as the
 * WHATWG `TextEncoder` does.
 *
 * @example
 * import { utf8Bytes } from 'credential-lifecycle';
 * utf8Bytes('é'); // Uint8Array [0xc3, 0xa9]
 */
export const utf8Bytes = (text: string): Uint8Array => {
  const n = text.length;
  let ascii = true;
  for (let i = 0; i < n; i++) {
    if (text.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = text.charCodeAt(i);
    return out;
  }
  const out = new Uint8Array(n * 3);
  let o = 0;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        c = 0xfffd;
      }
    }
    if (c < 0x80) {
      out[o++] = c;
    } else if (c < 0x800) {
      out[o++] = 0xc0 | (c >>> 6);
      out[o++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      out[o++] = 0xe0 | (c >>> 12);
      out[o++] = 0x80 | ((c >>> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    } else {
      out[o++] = 0xf0 | (c >>> 18);
      out[o++] = 0x80 | ((c >>> 12) & 63);
      out[o++] = 0x80 | ((c >>> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    }
  }
  return out.slice(0, o);
};
