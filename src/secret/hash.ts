/**
 * Salted SHA hashes in the OpenLDAP `{SCHEME}base64(digest ‖ salt)` layout,
 * byte-compatible with `slappasswd`.
 *
 * @packageDocumentation
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { either as E } from 'fp-ts';
import { decodeBase64From, encodeBase64 } from './base64.js';
import { type RandomSource, webCryptoRandom } from './random.js';
import { utf8Bytes } from './utf8.js';

/**
 * The two schemes this library emits: `SSHA` (salted SHA-1, deprecated but
 * supported) and `SSHA256` (salted SHA-256).
 *
 * @example
 * import type { HashAlgorithm } from 'credential-lifecycle';
 * const alg: HashAlgorithm = 'SSHA256';
 */
export type HashAlgorithm = 'SSHA' | 'SSHA256';

/**
 * The digest function a stored hash names.
 *
 * @example
 * import type { DigestAlgorithm } from 'credential-lifecycle';
 * const d: DigestAlgorithm = 'SHA-256';
 */
export type DigestAlgorithm = 'SHA-1' | 'SHA-256';

/**
 * A stored hash taken apart. `salt` is empty for an unsalted (`{SHA}`-style)
 * value; the scheme only names the digest, the payload length decides salted
 * or not.
 *
 * @example
 * import { parseHash } from 'credential-lifecycle';
 * const r = parseHash('{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9M=');
 * if (r._tag === 'Right') r.right.digestAlgorithm; // 'SHA-1'
 */
export interface ParsedHash {
  /** The scheme as written between the braces, e.g. `ssha256`. */
  readonly scheme: string;
  /** The digest function the scheme names. */
  readonly digestAlgorithm: DigestAlgorithm;
  /** The digest bytes (20 for SHA-1, 32 for SHA-256). */
  readonly digest: Uint8Array;
  /** The salt bytes that follow the digest; empty when unsalted. */
  readonly salt: Uint8Array;
}

/**
 * Why a stored hash could not be read. Messages describe the problem without
 * repeating the stored value.
 *
 * @example
 * import type { HashFormatError } from 'credential-lifecycle';
 * const e: HashFormatError = {
 *   _tag: 'HashFormatError',
 *   reason: 'unknown-scheme',
 *   message: 'the scheme names no supported digest',
 * };
 */
export interface HashFormatError {
  /** Discriminant. */
  readonly _tag: 'HashFormatError';
  /** The kind of problem. */
  readonly reason: 'missing-scheme' | 'unknown-scheme' | 'invalid-base64' | 'payload-too-short';
  /** A description that never contains the stored value. */
  readonly message: string;
}

interface Digest {
  readonly name: DigestAlgorithm;
  readonly length: number;
  /** digest(message ‖ salt) */
  readonly hash: (message: Uint8Array, salt: Uint8Array) => Uint8Array;
}

const SHA1: Digest = {
  name: 'SHA-1',
  length: 20,
  hash: (message, salt) => sha1.create().update(message).update(salt).digest(),
};

const SHA256: Digest = {
  name: 'SHA-256',
  length: 32,
  hash: (message, salt) => sha256.create().update(message).update(salt).digest(),
};

/** Scheme (lower case) → digest. The aliases come from the Nevis documentation. */
const SCHEMES: ReadonlyMap<string, Digest> = new Map([
  ['ssha', SHA1],
  ['sha', SHA1],
  ['sha1', SHA1],
  ['sha-1', SHA1],
  ['ssha256', SHA256],
  ['sha256', SHA256],
  ['sha-256', SHA256],
]);

const hashFormatError = (
  reason: HashFormatError['reason'],
  message: string,
): E.Either<HashFormatError, never> => E.left({ _tag: 'HashFormatError', reason, message });

/** Longest scheme name accepted between the braces. */
const MAX_SCHEME_LENGTH = 16;

/** Only ASCII letters, digits and `-` may name a scheme, so no Unicode case mapping applies. */
const isSchemeChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45;

interface StoredHash {
  readonly scheme: string;
  readonly digest: Digest;
  /** digest ‖ salt */
  readonly bytes: Uint8Array;
}

/** Reads a stored hash without building views of its parts (shared by parse and verify). */
const readStored = (stored: string): E.Either<HashFormatError, StoredHash> => {
  if (typeof stored !== 'string') {
    return hashFormatError('missing-scheme', 'a stored hash must be a string');
  }
  const close = stored.indexOf('}');
  let wellFormed = stored.charCodeAt(0) === 123 && close > 1 && close <= MAX_SCHEME_LENGTH + 1;
  for (let i = 1; wellFormed && i < close; i++) wellFormed = isSchemeChar(stored.charCodeAt(i));
  if (!wellFormed) {
    return hashFormatError('missing-scheme', 'a stored hash must start with {SCHEME}');
  }
  const scheme = stored.slice(1, close);
  const digest = SCHEMES.get(scheme.toLowerCase());
  if (digest === undefined) {
    return hashFormatError(
      'unknown-scheme',
      'the scheme names no supported digest (SSHA, SHA, SHA1, SHA-1, SSHA256, SHA256, SHA-256)',
    );
  }
  const payload = decodeBase64From(stored, close + 1);
  if (E.isLeft(payload)) return hashFormatError('invalid-base64', payload.left);
  const bytes = payload.right;
  if (bytes.length < digest.length) {
    return hashFormatError(
      'payload-too-short',
      `the payload has ${bytes.length} bytes, a ${digest.name} digest needs ${digest.length}`,
    );
  }
  return E.right({ scheme, digest, bytes });
};

/**
 * Reads a stored hash `{SCHEME}base64(digest ‖ salt)`. The schemes `SSHA`,
 * `SHA`, `SHA1`, `SHA-1` name SHA-1 and `SSHA256`, `SHA256`, `SHA-256` name
 * SHA-256, in any ASCII letter case. A payload exactly as long as the digest is
 * unsalted; a longer one is salted; a shorter one, malformed base64 (see
 * `decodeBase64`) or an unknown scheme is a `Left`. Never throws.
 *
 * @example
 * import { parseHash } from 'credential-lifecycle';
 * parseHash('{ssha}qUqP5cyxm6YcTAhz05Hph5gvu9M='); // right({ digestAlgorithm: 'SHA-1', salt: [] , … })
 * parseHash('{MD5}abc='); // left({ reason: 'unknown-scheme', … })
 */
export const parseHash = (stored: string): E.Either<HashFormatError, ParsedHash> => {
  const read = readStored(stored);
  if (E.isLeft(read)) return read;
  const { scheme, digest, bytes } = read.right;
  return E.right({
    scheme,
    digestAlgorithm: digest.name,
    digest: bytes.subarray(0, digest.length),
    salt: bytes.subarray(digest.length),
  });
};

/** Salt length when the caller gives none [model]. */
const DEFAULT_SALT_LENGTH = 8;

/**
 * Options of {@link hashSecret}.
 *
 * @example
 * import { type HashOptions, seededRandom } from 'credential-lifecycle';
 * const options: HashOptions = { algorithm: 'SSHA256', random: seededRandom(1) };
 */
export interface HashOptions {
  /** `SSHA` (SHA-1) or `SSHA256` (SHA-256). */
  readonly algorithm: HashAlgorithm;
  /** The salt to use; 8 bytes from `random` when absent. An empty salt gives an unsalted value. */
  readonly salt?: Uint8Array;
  /** Where a missing salt comes from; Web Crypto by default. */
  readonly random?: RandomSource;
}

/**
 * Hashes a secret the way OpenLDAP's `slappasswd` does: `{SSHA}` or
 * `{SSHA256}` followed by base64(digest(UTF-8(plaintext) ‖ salt) ‖ salt). The
 * plaintext is encoded as UTF-8 without Unicode normalisation.
 *
 * @example
 * import { hashSecret } from 'credential-lifecycle';
 * hashSecret('secret', { algorithm: 'SSHA256', salt: new Uint8Array([1, 2, 3, 4]) });
 * // '{SSHA256}…' (the same bytes `slappasswd` would produce for this salt)
 */
export const hashSecret = (plaintext: string, options: HashOptions): string => {
  const digest = options.algorithm === 'SSHA' ? SHA1 : SHA256;
  const salt =
    options.salt ??
    (options.random ?? webCryptoRandom).getRandomValues(new Uint8Array(DEFAULT_SALT_LENGTH));
  const out = new Uint8Array(digest.length + salt.length);
  out.set(digest.hash(utf8Bytes(plaintext), salt), 0);
  out.set(salt, digest.length);
  return `{${options.algorithm}}${encodeBase64(out)}`;
};

/**
 * Checks a plaintext against a stored hash of any accepted scheme alias,
 * salted or not. The digest comparison takes constant time (it always looks at
 * every byte). A stored value that cannot be read is a `Left` (see
 * {@link parseHash}); never throws.
 *
 * @example
 * import { hashSecret, verifySecret } from 'credential-lifecycle';
 * const stored = hashSecret('secret', { algorithm: 'SSHA256' });
 * verifySecret('secret', stored); // right(true)
 * verifySecret('Secret', stored); // right(false)
 */
export const verifySecret = (
  plaintext: string,
  stored: string,
): E.Either<HashFormatError, boolean> => {
  const read = readStored(stored);
  if (E.isLeft(read)) return read;
  const { digest, bytes } = read.right;
  const n = digest.length;
  const actual = digest.hash(utf8Bytes(plaintext), bytes.subarray(n));
  let diff = 0;
  for (let i = 0; i < n; i++) diff |= (actual[i] ?? 0) ^ (bytes[i] ?? 0);
  return E.right(diff === 0);
};
