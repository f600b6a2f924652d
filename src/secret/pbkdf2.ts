/**
 * PBKDF2-HMAC (RFC 8018) computed by `@noble/hashes`, in the two layouts
 * that write `rounds$salt$digest` in adapted base64 (`.` for `+`, no padding):
 * OpenLDAP's pbkdf2 module (`{PBKDF2}`, `{PBKDF2-SHA1}`, `{PBKDF2-SHA256}`,
 * `{PBKDF2-SHA512}`) and passlib (`$pbkdf2$` for SHA-1, `$pbkdf2-sha256$`,
 * `$pbkdf2-sha512$`). This library writes the OpenLDAP form.
 *
 * @packageDocumentation
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { pbkdf2, pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { either as E } from 'fp-ts';
import {
  constantTimeEqual,
  type DigestAlgorithm,
  type HashFormatError,
  hashFormatError,
  MAX_UINT32,
  readDecimal,
} from './hash-format.js';
import { adaptedAlphabet, decodeRadix64, encodeRadix64 } from './radix64.js';
import { utf8Bytes } from './utf8.js';

/**
 * The sub-parameters of PBKDF2 (`hashAlgorithm.pbkdf2.*`): the HMAC digest,
 * the iteration count, and the lengths in bytes of the random salt and of the
 * derived key.
 *
 * @example
 * import type { Pbkdf2Parameters } from 'credential-lifecycle';
 * const cheapForTests: Pbkdf2Parameters = {
 *   digest: 'SHA-256',
 *   iterations: 1_000,
 *   saltLength: 16,
 *   keyLength: 32,
 * };
 */
export interface Pbkdf2Parameters {
  /** The HMAC digest new values use. */
  readonly digest: 'SHA-256' | 'SHA-512';
  /** The iteration count, 1 to 2^32 − 1. */
  readonly iterations: number;
  /** Bytes of random salt, 8–64. */
  readonly saltLength: number;
  /** Bytes of derived key, 16–64; OpenLDAP and passlib read only the digest's length (32 or 64). */
  readonly keyLength: number;
}

/** The ranges new PBKDF2 values are written with. */
export const PBKDF2_BOUNDS = {
  iterations: { min: 1, max: MAX_UINT32 },
  saltLength: { min: 8, max: 64 },
  keyLength: { min: 16, max: 64 },
} as const;

/**
 * A PBKDF2 value taken apart.
 *
 * @example
 * import { parseHash } from 'credential-lifecycle';
 * const r = parseHash('{PBKDF2-SHA256}1$AAECAwQFBgcICQoLDA0ODw$dymYOiMt7BVBQyyWWh7lOXtoXNgPCmDY6yd/AntUUx4');
 * if (r._tag === 'Right' && r.right.kind === 'pbkdf2') r.right.iterations; // 1
 */
export interface Pbkdf2Hash {
  /** Discriminant. */
  readonly kind: 'pbkdf2';
  /** Who writes this layout: OpenLDAP's module (`{PBKDF2-…}`) or passlib (`$pbkdf2-…$`). */
  readonly layout: 'openldap' | 'passlib';
  /** The scheme as written, without its braces or dollars (`PBKDF2-SHA256`, `pbkdf2-sha512`). */
  readonly scheme: string;
  /** The HMAC digest the scheme names. */
  readonly digestAlgorithm: DigestAlgorithm;
  /** The iteration count. */
  readonly iterations: number;
  /** The salt bytes (any length up to 1024, also none). */
  readonly salt: Uint8Array;
  /** The derived key (1–1024 bytes). */
  readonly digest: Uint8Array;
}

/** OpenLDAP scheme names (lower case) → digest. */
export const openLdapPbkdf2Schemes: ReadonlyMap<string, DigestAlgorithm> = new Map([
  ['pbkdf2', 'SHA-1'],
  ['pbkdf2-sha1', 'SHA-1'],
  ['pbkdf2-sha256', 'SHA-256'],
  ['pbkdf2-sha512', 'SHA-512'],
]);

/** passlib identifiers (exact case) → digest. */
export const passlibPbkdf2Schemes: ReadonlyMap<string, DigestAlgorithm> = new Map([
  ['pbkdf2', 'SHA-1'],
  ['pbkdf2-sha256', 'SHA-256'],
  ['pbkdf2-sha512', 'SHA-512'],
]);

const HASHES = { 'SHA-1': sha1, 'SHA-256': sha256, 'SHA-512': sha512 } as const;

/** Longest salt and derived key read from a stored value. */
const MAX_READ_LENGTH = 1024;

/**
 * Reads `rounds$salt$digest` from index `start` on; `scheme` and `layout`
 * describe the prefix before it.
 */
export const parsePbkdf2 = (
  stored: string,
  start: number,
  layout: Pbkdf2Hash['layout'],
  scheme: string,
  digestAlgorithm: DigestAlgorithm,
): E.Either<HashFormatError, Pbkdf2Hash> => {
  const first = stored.indexOf('$', start);
  const second = first < 0 ? -1 : stored.indexOf('$', first + 1);
  if (second < 0 || stored.indexOf('$', second + 1) >= 0) {
    return hashFormatError('malformed', 'a PBKDF2 value reads rounds$salt$digest after its scheme');
  }
  const iterations = readDecimal(stored, start, first);
  if (iterations === undefined || iterations < 1 || iterations > MAX_UINT32) {
    return hashFormatError(
      'invalid-parameters',
      'the PBKDF2 round count must be a decimal from 1 to 4294967295 without leading zeros',
    );
  }
  const salt = decodeRadix64(stored, adaptedAlphabet, first + 1, second);
  if (E.isLeft(salt)) return hashFormatError('invalid-base64', `the PBKDF2 salt: ${salt.left}`);
  const digest = decodeRadix64(stored, adaptedAlphabet, second + 1);
  if (E.isLeft(digest))
    return hashFormatError('invalid-base64', `the PBKDF2 digest: ${digest.left}`);
  if (digest.right.length === 0) return hashFormatError('malformed', 'the PBKDF2 digest is empty');
  if (salt.right.length > MAX_READ_LENGTH || digest.right.length > MAX_READ_LENGTH) {
    return hashFormatError(
      'invalid-parameters',
      'a PBKDF2 salt or digest longer than 1024 bytes is not read',
    );
  }
  return E.right({
    kind: 'pbkdf2',
    layout,
    scheme,
    digestAlgorithm,
    iterations,
    salt: salt.right,
    digest: digest.right,
  });
};

const checkParameters = (p: Pbkdf2Parameters, salt: Uint8Array): void => {
  const { iterations, keyLength } = PBKDF2_BOUNDS;
  if (p.digest !== 'SHA-256' && p.digest !== 'SHA-512') {
    throw new RangeError(`the PBKDF2 digest must be SHA-256 or SHA-512, got ${String(p.digest)}`);
  }
  if (
    !Number.isInteger(p.iterations) ||
    p.iterations < iterations.min ||
    p.iterations > iterations.max
  ) {
    throw new RangeError(
      `PBKDF2 iterations must be an integer from 1 to 4294967295, got ${p.iterations}`,
    );
  }
  if (
    !Number.isInteger(p.keyLength) ||
    p.keyLength < keyLength.min ||
    p.keyLength > keyLength.max
  ) {
    throw new RangeError(`a PBKDF2 key length must be 16 to 64 bytes, got ${p.keyLength}`);
  }
  if (salt.length > MAX_READ_LENGTH) {
    throw new RangeError(`a PBKDF2 salt has at most 1024 bytes, got ${salt.length}`);
  }
};

const format = (p: Pbkdf2Parameters, salt: Uint8Array, key: Uint8Array): string =>
  `{PBKDF2-${p.digest === 'SHA-256' ? 'SHA256' : 'SHA512'}}${p.iterations}$${encodeRadix64(salt, adaptedAlphabet)}$${encodeRadix64(key, adaptedAlphabet)}`;

/**
 * `{PBKDF2-SHA256}` or `{PBKDF2-SHA512}` + iterations$salt$key. Throws a
 * `RangeError` for parameters outside {@link PBKDF2_BOUNDS} (the salt's own
 * length stands in for `saltLength`).
 */
export const hashPbkdf2 = (plaintext: string, p: Pbkdf2Parameters, salt: Uint8Array): string => {
  checkParameters(p, salt);
  const key = pbkdf2(HASHES[p.digest], utf8Bytes(plaintext), salt, {
    c: p.iterations,
    dkLen: p.keyLength,
  });
  return format(p, salt, key);
};

/** {@link hashPbkdf2} in slices that yield to the event loop. */
export const hashPbkdf2Async = async (
  plaintext: string,
  p: Pbkdf2Parameters,
  salt: Uint8Array,
): Promise<string> => {
  checkParameters(p, salt);
  const key = await pbkdf2Async(HASHES[p.digest], utf8Bytes(plaintext), salt, {
    c: p.iterations,
    dkLen: p.keyLength,
  });
  return format(p, salt, key);
};

/** Whether the plaintext derives the parsed value's key. */
export const verifyPbkdf2 = (plaintext: string, parsed: Pbkdf2Hash): boolean =>
  constantTimeEqual(
    pbkdf2(HASHES[parsed.digestAlgorithm], utf8Bytes(plaintext), parsed.salt, {
      c: parsed.iterations,
      dkLen: parsed.digest.length,
    }),
    parsed.digest,
  );

/** {@link verifyPbkdf2} in slices that yield to the event loop. */
export const verifyPbkdf2Async = async (plaintext: string, parsed: Pbkdf2Hash): Promise<boolean> =>
  constantTimeEqual(
    await pbkdf2Async(HASHES[parsed.digestAlgorithm], utf8Bytes(plaintext), parsed.salt, {
      c: parsed.iterations,
      dkLen: parsed.digest.length,
    }),
    parsed.digest,
  );
