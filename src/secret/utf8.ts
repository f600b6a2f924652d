/**
 * UTF-8 encoding of plaintexts before hashing.
 *
 * @packageDocumentation
 */

/** `TextEncoder` is a global in Node, browsers and workers alike. */
const encoder = new TextEncoder();

/**
 * The UTF-8 bytes of a string, without any Unicode normalisation. A lone
 * surrogate (which no well-formed string contains) becomes U+FFFD, as the
 * WHATWG `TextEncoder` specifies.
 *
 * @example
 * import { utf8Bytes } from 'credential-lifecycle';
 * utf8Bytes('é'); // Uint8Array [0xc3, 0xa9]
 */
export const utf8Bytes = (text: string): Uint8Array => encoder.encode(text);
