/**
 * What every stored-hash scheme shares: the typed error for a value that
 * cannot be read, the constant-time comparison, and strict decimal fields.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';

/**
 * A digest function a stored SSHA or PBKDF2 value names.
 *
 * @example
 * import type { DigestAlgorithm } from 'credential-lifecycle';
 * const d: DigestAlgorithm = 'SHA-256';
 */
export type DigestAlgorithm = 'SHA-1' | 'SHA-256' | 'SHA-512';

/**
 * Why a stored hash could not be read. Messages describe the problem without
 * repeating the stored value.
 *
 * - `missing-scheme`: neither `{SCHEME}` nor `$id$` at the start.
 * - `unknown-scheme`: a scheme this library does not read (`{MD5}`, `$6$`, `$argon2i$`).
 * - `invalid-base64`: a salt, digest or payload that is not strict base64 of its alphabet.
 * - `payload-too-short`: an SSHA payload shorter than its digest.
 * - `malformed`: missing or extra fields, or a value cut short (a truncated bcrypt string).
 * - `invalid-parameters`: a cost, round count, version, memory, parallelism,
 *   salt or digest length outside what the scheme allows (`$2b$03$`, zero rounds).
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
  readonly reason:
    | 'missing-scheme'
    | 'unknown-scheme'
    | 'invalid-base64'
    | 'payload-too-short'
    | 'malformed'
    | 'invalid-parameters';
  /** A description that never contains the stored value. */
  readonly message: string;
}

/** A `Left` of a {@link HashFormatError}. */
export const hashFormatError = (
  reason: HashFormatError['reason'],
  message: string,
): E.Either<HashFormatError, never> => E.left({ _tag: 'HashFormatError', reason, message });

/**
 * Whether two byte strings are equal, looking at every byte whatever the
 * first difference (the lengths are public: they follow from the stored value).
 */
export const constantTimeEqual = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
};

/**
 * The decimal number `text[start, end)`: ASCII digits only, no sign, no
 * leading zero, at most 10 digits; `undefined` otherwise.
 */
export const readDecimal = (text: string, start: number, end: number): number | undefined => {
  const n = end - start;
  if (n < 1 || n > 10 || (n > 1 && text.charCodeAt(start) === 48)) return undefined;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    value = value * 10 + d;
  }
  return value;
};

/** The largest value of an unsigned 32-bit field (round counts, Argon2 costs). */
export const MAX_UINT32 = 0xffff_ffff;
