/**
 * Salted SHA hashes in the OpenLDAP `{SCHEME}base64(digest ‖ salt)` layout,
 * byte-compatible with `slappasswd`. The scheme names only the digest; the
 * payload length decides salted or not.
 *
 * @packageDocumentation
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { either as E } from 'fp-ts';
import { decodeBase64From, encodeBase64 } from './base64.js';
import { constantTimeEqual, type HashFormatError, hashFormatError } from './hash-format.js';
import { utf8Bytes } from './utf8.js';

/**
 * An SSHA value taken apart. `salt` is empty for an unsalted (`{SHA}`-style) value.
 *
 * @example
 * import { parseHash } from 'credential-lifecycle';
 * const r = parseHash('{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9M=');
 * if (r._tag === 'Right' && r.right.kind === 'ssha') r.right.digestAlgorithm; // 'SHA-1'
 */
export interface SshaHash {
  /** Discriminant. */
  readonly kind: 'ssha';
  /** The scheme as written between the braces, e.g. `ssha256`. */
  readonly scheme: string;
  /** The digest function the scheme names. */
  readonly digestAlgorithm: 'SHA-1' | 'SHA-256';
  /** The digest bytes (20 for SHA-1, 32 for SHA-256). */
  readonly digest: Uint8Array;
  /** The salt bytes that follow the digest; empty when unsalted. */
  readonly salt: Uint8Array;
}

/** A digest of the SSHA family. */
export interface SshaDigest {
  readonly name: SshaHash['digestAlgorithm'];
  readonly length: number;
  /** digest(message ‖ salt) */
  readonly hash: (message: Uint8Array, salt: Uint8Array) => Uint8Array;
}

const SHA1: SshaDigest = {
  name: 'SHA-1',
  length: 20,
  hash: (message, salt) => sha1.create().update(message).update(salt).digest(),
};

const SHA256: SshaDigest = {
  name: 'SHA-256',
  length: 32,
  hash: (message, salt) => sha256.create().update(message).update(salt).digest(),
};

/** Scheme (lower case) → digest. The aliases come from the Nevis documentation. */
export const sshaDigestOfScheme: ReadonlyMap<string, SshaDigest> = new Map([
  ['ssha', SHA1],
  ['sha', SHA1],
  ['sha1', SHA1],
  ['sha-1', SHA1],
  ['ssha256', SHA256],
  ['sha256', SHA256],
  ['sha-256', SHA256],
]);

/** Salt length when the caller gives none [model]. */
export const SSHA_SALT_LENGTH = 8;

/** digest ‖ salt of a stored value whose `{scheme}` ends at `close`. */
const payloadOf = (
  stored: string,
  close: number,
  digest: SshaDigest,
): E.Either<HashFormatError, Uint8Array> => {
  const payload = decodeBase64From(stored, close + 1);
  if (E.isLeft(payload)) return hashFormatError('invalid-base64', payload.left);
  const bytes = payload.right;
  if (bytes.length < digest.length) {
    return hashFormatError(
      'payload-too-short',
      `the payload has ${bytes.length} bytes, a ${digest.name} digest needs ${digest.length}`,
    );
  }
  return E.right(bytes);
};

/** Reads the payload of `{scheme}…` (the scheme ends at index `close`). */
export const parseSsha = (
  stored: string,
  close: number,
  digest: SshaDigest,
): E.Either<HashFormatError, SshaHash> => {
  const bytes = payloadOf(stored, close, digest);
  if (E.isLeft(bytes)) return bytes;
  return E.right({
    kind: 'ssha',
    scheme: stored.slice(1, close),
    digestAlgorithm: digest.name,
    digest: bytes.right.subarray(0, digest.length),
    salt: bytes.right.subarray(digest.length),
  });
};

/** Checks a plaintext against `{scheme}…` without building views of its parts. */
export const verifySsha = (
  plaintext: string,
  stored: string,
  close: number,
  digest: SshaDigest,
): E.Either<HashFormatError, boolean> => {
  const read = payloadOf(stored, close, digest);
  if (E.isLeft(read)) return read;
  const bytes = read.right;
  const n = digest.length;
  return E.right(
    constantTimeEqual(digest.hash(utf8Bytes(plaintext), bytes.subarray(n)), bytes.subarray(0, n)),
  );
};

/** `{SSHA}` or `{SSHA256}` + base64(digest(UTF-8(plaintext) ‖ salt) ‖ salt). */
export const hashSsha = (
  plaintext: string,
  algorithm: 'SSHA' | 'SSHA256',
  salt: Uint8Array,
): string => {
  const digest = algorithm === 'SSHA' ? SHA1 : SHA256;
  const out = new Uint8Array(digest.length + salt.length);
  out.set(digest.hash(utf8Bytes(plaintext), salt), 0);
  out.set(salt, digest.length);
  return `{${algorithm}}${encodeBase64(out)}`;
};
