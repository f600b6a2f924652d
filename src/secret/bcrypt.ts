/**
 * bcrypt in the modular crypt form `$2b$cc$` + 22 characters of salt + 31 of
 * digest (bcrypt's own base64 alphabet), computed by `bcryptjs`.
 *
 * bcrypt reads at most 72 bytes of key: the UTF-8 bytes of the password and,
 * for the `$2a$`/`$2b$`/`$2y$` versions, a terminating zero byte. Bytes past
 * the 72nd change nothing, exactly as in OpenBSD's implementation and every
 * library derived from it; a password is never refused for its length.
 *
 * @packageDocumentation
 */
import { hash as bcryptjsAsync, hashSync as bcryptjsSync } from 'bcryptjs';
import { either as E } from 'fp-ts';
import { constantTimeEqual, type HashFormatError, hashFormatError } from './hash-format.js';
import { bcryptAlphabet, decodeRadix64, encodeRadix64 } from './radix64.js';

/**
 * The sub-parameter of bcrypt: `hashAlgorithm.bcrypt.cost`, the base-2
 * logarithm of the number of key-expansion rounds (4–31; nevisIDM's default 12).
 *
 * @example
 * import type { BcryptParameters } from 'credential-lifecycle';
 * const cheapForTests: BcryptParameters = { cost: 4 };
 */
export interface BcryptParameters {
  /** log2 of the round count, 4–31. */
  readonly cost: number;
}

/** The cost range bcrypt defines. */
export const BCRYPT_COST = { min: 4, max: 31 } as const;

/** bcrypt's salt is always 16 bytes. */
export const BCRYPT_SALT_LENGTH = 16;

/**
 * A bcrypt value taken apart.
 *
 * @example
 * import { parseHash } from 'credential-lifecycle';
 * const r = parseHash('$2b$04$6MFQu5Qjjmb2YTnJNAycBuab.HM8ZMHUAmOVxNdoAdxKIjqgsMcGW');
 * if (r._tag === 'Right' && r.right.kind === 'bcrypt') r.right.cost; // 4
 */
export interface BcryptHash {
  /** Discriminant. */
  readonly kind: 'bcrypt';
  /** The version letter: `2a`, `2b` or `2y` (all three hash alike). */
  readonly scheme: '2a' | '2b' | '2y';
  /** log2 of the round count. */
  readonly cost: number;
  /** The 16 salt bytes. */
  readonly salt: Uint8Array;
  /** The 23 digest bytes bcrypt keeps. */
  readonly digest: Uint8Array;
}

const LENGTH = 60;

/** Reads `$2a$`, `$2b$` or `$2y$` values: 60 characters, cost 04–31. */
export const parseBcrypt = (stored: string): E.Either<HashFormatError, BcryptHash> => {
  if (stored.length !== LENGTH) {
    return hashFormatError(
      'malformed',
      `a bcrypt value has ${LENGTH} characters, this one ${stored.length}`,
    );
  }
  const version = stored.slice(1, 3);
  if (
    (version !== '2a' && version !== '2b' && version !== '2y') ||
    stored[3] !== '$' ||
    stored[6] !== '$'
  ) {
    return hashFormatError('malformed', 'a bcrypt value reads $2a$, $2b$ or $2y$, cost, $, salt');
  }
  const tens = stored.charCodeAt(4) - 48;
  const ones = stored.charCodeAt(5) - 48;
  const cost = tens * 10 + ones;
  if (
    tens < 0 ||
    tens > 9 ||
    ones < 0 ||
    ones > 9 ||
    cost < BCRYPT_COST.min ||
    cost > BCRYPT_COST.max
  ) {
    return hashFormatError(
      'invalid-parameters',
      'the bcrypt cost must be two digits from 04 to 31',
    );
  }
  const salt = decodeRadix64(stored, bcryptAlphabet, 7, 29);
  if (E.isLeft(salt)) return hashFormatError('invalid-base64', `the bcrypt salt: ${salt.left}`);
  const digest = decodeRadix64(stored, bcryptAlphabet, 29, LENGTH);
  if (E.isLeft(digest))
    return hashFormatError('invalid-base64', `the bcrypt digest: ${digest.left}`);
  return E.right({ kind: 'bcrypt', scheme: version, cost, salt: salt.right, digest: digest.right });
};

const LONE_SURROGATE = /\p{Cs}/gu;

/**
 * bcryptjs encodes a lone surrogate as three bytes of its own; replacing it
 * by U+FFFD first gives the bytes of `utf8Bytes` (as `TextEncoder` does).
 */
const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\ufffd');

const settingOf = (scheme: BcryptHash['scheme'], cost: number, salt: Uint8Array): string =>
  `$${scheme}$${cost < 10 ? '0' : ''}${cost}$${encodeRadix64(salt, bcryptAlphabet)}`;

const checkParameters = (cost: number, salt: Uint8Array): void => {
  if (!Number.isInteger(cost) || cost < BCRYPT_COST.min || cost > BCRYPT_COST.max) {
    throw new RangeError(`bcrypt cost must be an integer from 4 to 31, got ${cost}`);
  }
  if (salt.length !== BCRYPT_SALT_LENGTH) {
    throw new RangeError(`a bcrypt salt has 16 bytes, got ${salt.length}`);
  }
};

/** `$2b$` + cost + salt + digest of the plaintext. Throws a `RangeError` for a cost outside 4–31 or a salt that is not 16 bytes. */
export const hashBcrypt = (plaintext: string, cost: number, salt: Uint8Array): string => {
  checkParameters(cost, salt);
  return bcryptjsSync(wellFormed(plaintext), settingOf('2b', cost, salt));
};

/** {@link hashBcrypt} in slices that yield to the event loop. */
export const hashBcryptAsync = (
  plaintext: string,
  cost: number,
  salt: Uint8Array,
): Promise<string> => {
  checkParameters(cost, salt);
  return bcryptjsAsync(wellFormed(plaintext), settingOf('2b', cost, salt));
};

const matches = (computed: string, parsed: BcryptHash): boolean => {
  const digest = decodeRadix64(computed, bcryptAlphabet, 29, LENGTH);
  return E.isRight(digest) && constantTimeEqual(digest.right, parsed.digest);
};

/** Whether the plaintext gives the parsed value's digest. */
export const verifyBcrypt = (plaintext: string, parsed: BcryptHash): boolean =>
  matches(
    bcryptjsSync(wellFormed(plaintext), settingOf(parsed.scheme, parsed.cost, parsed.salt)),
    parsed,
  );

/** {@link verifyBcrypt} in slices that yield to the event loop. */
export const verifyBcryptAsync = async (plaintext: string, parsed: BcryptHash): Promise<boolean> =>
  matches(
    await bcryptjsAsync(wellFormed(plaintext), settingOf(parsed.scheme, parsed.cost, parsed.salt)),
    parsed,
  );
