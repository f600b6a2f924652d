/**
 * Argon2id (RFC 9106) computed by `@noble/hashes`, in the PHC string form
 * `$argon2id$v=19$m=…,t=…,p=…$salt$digest` with unpadded standard base64, as
 * the reference implementation, argon2-cffi and libsodium write it.
 *
 * @packageDocumentation
 */
import { argon2id, argon2idAsync } from '@noble/hashes/argon2.js';
import { either as E } from 'fp-ts';
import {
  constantTimeEqual,
  type HashFormatError,
  hashFormatError,
  MAX_UINT32,
  readDecimal,
} from './hash-format.js';
import { decodeRadix64, encodeRadix64, standardAlphabet } from './radix64.js';
import { utf8Bytes } from './utf8.js';

/**
 * The sub-parameters of Argon2id (`hashAlgorithm.argon2id.*`): memory in KiB,
 * iterations (passes over the memory), parallelism (lanes), and the lengths in
 * bytes of the random salt and of the hash.
 *
 * @example
 * import type { Argon2idParameters } from 'credential-lifecycle';
 * const cheapForTests: Argon2idParameters = {
 *   memory: 64,
 *   iterations: 1,
 *   parallelism: 1,
 *   saltLength: 16,
 *   hashLength: 32,
 * };
 */
export interface Argon2idParameters {
  /** Memory in KiB, from 8 × parallelism to 1,048,576 (1 GiB). */
  readonly memory: number;
  /** Passes over the memory, 1 to 2^32 − 1. */
  readonly iterations: number;
  /** Lanes, 1 to 2^24 − 1 (computed one after the other here). */
  readonly parallelism: number;
  /** Bytes of random salt, 8–64. */
  readonly saltLength: number;
  /** Bytes of hash, 16–64. */
  readonly hashLength: number;
}

/** The ranges new Argon2id values are written with. */
export const ARGON2ID_BOUNDS = {
  memory: { min: 8, max: 1_048_576 },
  iterations: { min: 1, max: MAX_UINT32 },
  parallelism: { min: 1, max: 0xff_ffff },
  saltLength: { min: 8, max: 64 },
  hashLength: { min: 16, max: 64 },
} as const;

/**
 * An Argon2id value taken apart.
 *
 * @example
 * import { parseHash } from 'credential-lifecycle';
 * const r = parseHash('$argon2id$v=19$m=8,t=1,p=1$AAH+/3+AwN4$39nCHBIdS9Pmx1Y1IOxdggpi6nHcUXcQTRp4IVmW2TM');
 * if (r._tag === 'Right' && r.right.kind === 'argon2id') r.right.memory; // 8
 */
export interface Argon2idHash {
  /** Discriminant. */
  readonly kind: 'argon2id';
  /** Argon2 version: 19 (0x13, `v=19`) or 16 (0x10, `v=16` or no `v=`). */
  readonly version: 16 | 19;
  /** Memory in KiB. */
  readonly memory: number;
  /** Passes over the memory. */
  readonly iterations: number;
  /** Lanes. */
  readonly parallelism: number;
  /** The salt bytes (8 or more). */
  readonly salt: Uint8Array;
  /** The hash bytes (4 or more). */
  readonly digest: Uint8Array;
}

const PREFIX = '$argon2id$';
const MAX_READ_LENGTH = 1024;

/** `name` and a decimal at `at`, before `end`: [value, index after it], or [-1, -1]. */
const field = (stored: string, at: number, name: string, end: number): [number, number] => {
  if (!stored.startsWith(name, at)) return [-1, -1];
  let stop = at + name.length;
  while (stop < end && stored.charCodeAt(stop) >= 48 && stored.charCodeAt(stop) <= 57) stop++;
  const value = readDecimal(stored, at + name.length, stop);
  return value === undefined ? [-1, -1] : [value, stop];
};

const invalid = (message: string) => hashFormatError('invalid-parameters', message);

/** Reads `$argon2id$[v=19$]m=…,t=…,p=…$salt$digest`. */
export const parseArgon2id = (stored: string): E.Either<HashFormatError, Argon2idHash> => {
  let at = PREFIX.length;
  let version: 16 | 19 = 16;
  if (stored.startsWith('v=', at)) {
    const close = stored.indexOf('$', at);
    const v = close < 0 ? undefined : stored.slice(at + 2, close);
    if (v !== '19' && v !== '16') return invalid('the Argon2 version must be v=19 or v=16');
    version = v === '19' ? 19 : 16;
    at = close + 1;
  }
  const paramsEnd = stored.indexOf('$', at);
  const saltEnd = paramsEnd < 0 ? -1 : stored.indexOf('$', paramsEnd + 1);
  if (saltEnd < 0 || stored.indexOf('$', saltEnd + 1) >= 0) {
    return hashFormatError(
      'malformed',
      'an Argon2id value reads $argon2id$v=19$m=…,t=…,p=…$salt$hash',
    );
  }
  const [memory, afterM] = field(stored, at, 'm=', paramsEnd);
  const [iterations, afterT] = afterM < 0 ? [-1, -1] : field(stored, afterM, ',t=', paramsEnd);
  const [parallelism, afterP] = afterT < 0 ? [-1, -1] : field(stored, afterT, ',p=', paramsEnd);
  if (afterP !== paramsEnd) {
    return hashFormatError('malformed', 'the Argon2id parameters read m=…,t=…,p=… in decimal');
  }
  if (parallelism < 1 || parallelism > ARGON2ID_BOUNDS.parallelism.max) {
    return invalid('the Argon2id parallelism must be from 1 to 16777215');
  }
  if (iterations < 1 || iterations > MAX_UINT32) {
    return invalid('the Argon2id iterations must be from 1 to 4294967295');
  }
  if (memory < 8 * parallelism)
    return invalid('the Argon2id memory must be at least 8 KiB per lane');
  if (memory > ARGON2ID_BOUNDS.memory.max) {
    return invalid('Argon2id memory above 1 GiB (1048576 KiB) is not read');
  }
  const salt = decodeRadix64(stored, standardAlphabet, paramsEnd + 1, saltEnd);
  if (E.isLeft(salt)) return hashFormatError('invalid-base64', `the Argon2id salt: ${salt.left}`);
  const digest = decodeRadix64(stored, standardAlphabet, saltEnd + 1);
  if (E.isLeft(digest)) {
    return hashFormatError('invalid-base64', `the Argon2id hash: ${digest.left}`);
  }
  if (salt.right.length < 8 || salt.right.length > MAX_READ_LENGTH) {
    return invalid('an Argon2id salt has 8 to 1024 bytes');
  }
  if (digest.right.length < 4 || digest.right.length > MAX_READ_LENGTH) {
    return invalid('an Argon2id hash has 4 to 1024 bytes');
  }
  return E.right({
    kind: 'argon2id',
    version,
    memory,
    iterations,
    parallelism,
    salt: salt.right,
    digest: digest.right,
  });
};

const within = (value: number, range: { readonly min: number; readonly max: number }): boolean =>
  Number.isInteger(value) && value >= range.min && value <= range.max;

const checkParameters = (p: Argon2idParameters, salt: Uint8Array): void => {
  const b = ARGON2ID_BOUNDS;
  const problem = !within(p.parallelism, b.parallelism)
    ? `parallelism must be from 1 to 16777215, got ${p.parallelism}`
    : !within(p.memory, b.memory) || p.memory < 8 * p.parallelism
      ? `memory must be from 8 × parallelism to 1048576 KiB, got ${p.memory}`
      : !within(p.iterations, b.iterations)
        ? `iterations must be from 1 to 4294967295, got ${p.iterations}`
        : !within(p.hashLength, b.hashLength)
          ? `the hash length must be 16 to 64 bytes, got ${p.hashLength}`
          : salt.length < 8 || salt.length > MAX_READ_LENGTH
            ? `a salt has 8 to 1024 bytes, got ${salt.length}`
            : undefined;
  if (problem !== undefined) throw new RangeError(`Argon2id ${problem}`);
};

const format = (
  p: Pick<Argon2idParameters, 'memory' | 'iterations' | 'parallelism'>,
  salt: Uint8Array,
  digest: Uint8Array,
): string =>
  `${PREFIX}v=19$m=${p.memory},t=${p.iterations},p=${p.parallelism}$${encodeRadix64(salt, standardAlphabet)}$${encodeRadix64(digest, standardAlphabet)}`;

const optionsOf = (
  p: Pick<Argon2idParameters, 'memory' | 'iterations' | 'parallelism'>,
  dkLen: number,
  version: 16 | 19,
) => ({
  m: p.memory,
  t: p.iterations,
  p: p.parallelism,
  dkLen,
  version: version === 19 ? 0x13 : 0x10,
});

/**
 * `$argon2id$v=19$m=…,t=…,p=…$salt$hash`. Throws a `RangeError` for parameters
 * outside {@link ARGON2ID_BOUNDS} (the salt's own length stands in for `saltLength`).
 */
export const hashArgon2id = (
  plaintext: string,
  p: Argon2idParameters,
  salt: Uint8Array,
): string => {
  checkParameters(p, salt);
  return format(p, salt, argon2id(utf8Bytes(plaintext), salt, optionsOf(p, p.hashLength, 19)));
};

/** {@link hashArgon2id} in slices that yield to the event loop. */
export const hashArgon2idAsync = async (
  plaintext: string,
  p: Argon2idParameters,
  salt: Uint8Array,
): Promise<string> => {
  checkParameters(p, salt);
  const digest = await argon2idAsync(utf8Bytes(plaintext), salt, optionsOf(p, p.hashLength, 19));
  return format(p, salt, digest);
};

/** Whether the plaintext gives the parsed value's hash. */
export const verifyArgon2id = (plaintext: string, parsed: Argon2idHash): boolean =>
  constantTimeEqual(
    argon2id(
      utf8Bytes(plaintext),
      parsed.salt,
      optionsOf(parsed, parsed.digest.length, parsed.version),
    ),
    parsed.digest,
  );

/** {@link verifyArgon2id} in slices that yield to the event loop. */
export const verifyArgon2idAsync = async (
  plaintext: string,
  parsed: Argon2idHash,
): Promise<boolean> =>
  constantTimeEqual(
    await argon2idAsync(
      utf8Bytes(plaintext),
      parsed.salt,
      optionsOf(parsed, parsed.digest.length, parsed.version),
    ),
    parsed.digest,
  );
