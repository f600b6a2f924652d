/**
 * Hashing and verifying secrets: one entry for every scheme. Writing follows
 * the algorithm a policy names; reading dispatches on the stored value's own
 * form, so values written under an earlier `hashAlgorithm` keep verifying.
 *
 * | Algorithm | Written as | Also read |
 * |---|---|---|
 * | `SSHA`, `SSHA256` | `{SSHA}`, `{SSHA256}` + base64(digest ‖ salt) | `{SHA}`, `{SHA1}`, `{SHA-1}`, `{SHA256}`, `{SHA-256}`, salted or not |
 * | `PBKDF2` | `{PBKDF2-SHA256}` / `{PBKDF2-SHA512}` + rounds$salt$key | `{PBKDF2}`, `{PBKDF2-SHA1}`, `$pbkdf2$`, `$pbkdf2-sha256$`, `$pbkdf2-sha512$` |
 * | `ARGON2ID` | `$argon2id$v=19$m=…,t=…,p=…$salt$hash` | `v=16` and no `v=` |
 * | `bcrypt` | `$2b$cc$…` | `$2a$`, `$2y$` |
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import {
  type Argon2idHash,
  type Argon2idParameters,
  hashArgon2id,
  hashArgon2idAsync,
  parseArgon2id,
  verifyArgon2id,
  verifyArgon2idAsync,
} from './argon2id.js';
import {
  BCRYPT_SALT_LENGTH,
  type BcryptHash,
  type BcryptParameters,
  hashBcrypt,
  hashBcryptAsync,
  parseBcrypt,
  verifyBcrypt,
  verifyBcryptAsync,
} from './bcrypt.js';
import { type HashFormatError, hashFormatError } from './hash-format.js';
import {
  hashPbkdf2,
  hashPbkdf2Async,
  openLdapPbkdf2Schemes,
  type Pbkdf2Hash,
  type Pbkdf2Parameters,
  parsePbkdf2,
  passlibPbkdf2Schemes,
  verifyPbkdf2,
  verifyPbkdf2Async,
} from './pbkdf2.js';
import { type RandomSource, webCryptoRandom } from './random.js';
import {
  hashSsha,
  parseSsha,
  SSHA_SALT_LENGTH,
  type SshaDigest,
  type SshaHash,
  sshaDigestOfScheme,
  verifySsha,
} from './ssha.js';

export type { Argon2idHash, Argon2idParameters } from './argon2id.js';
export type { BcryptHash, BcryptParameters } from './bcrypt.js';
export type { DigestAlgorithm, HashFormatError } from './hash-format.js';
export type { Pbkdf2Hash, Pbkdf2Parameters } from './pbkdf2.js';
export type { SshaHash } from './ssha.js';

/**
 * The algorithms nevisIDM 8.2511 offers for new values: `SSHA` (salted SHA-1,
 * deprecated but supported), `SSHA256` (salted SHA-256), `PBKDF2`, `ARGON2ID`
 * and, for passwords only, `bcrypt`.
 *
 * @example
 * import type { HashAlgorithm } from 'credential-lifecycle';
 * const alg: HashAlgorithm = 'ARGON2ID';
 */
export type HashAlgorithm = 'SSHA' | 'SSHA256' | 'PBKDF2' | 'ARGON2ID' | 'bcrypt';

/**
 * A stored hash taken apart, told apart by `kind`. Every kind has its `salt`
 * and `digest` bytes.
 *
 * @example
 * import { parseHash } from 'credential-lifecycle';
 * const r = parseHash('{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9M=');
 * if (r._tag === 'Right') r.right.kind; // 'ssha'
 */
export type ParsedHash = SshaHash | BcryptHash | Pbkdf2Hash | Argon2idHash;

/**
 * The sub-parameters of the schemes that have them, as a policy holds them
 * (`hashAlgorithm.bcrypt.cost`, `hashAlgorithm.pbkdf2.*`, `hashAlgorithm.argon2id.*`).
 * A scheme whose entry is missing uses {@link defaultHashParameters}.
 *
 * @example
 * import type { HashParameters } from 'credential-lifecycle';
 * const cheap: HashParameters = { bcrypt: { cost: 4 } };
 */
export interface HashParameters {
  /** bcrypt's cost. */
  readonly bcrypt?: BcryptParameters;
  /** PBKDF2's digest, iterations, salt and key lengths. */
  readonly pbkdf2?: Pbkdf2Parameters;
  /** Argon2id's memory, iterations, parallelism, salt and hash lengths. */
  readonly argon2id?: Argon2idParameters;
}

/**
 * The defaults of the sub-parameters [model]: bcrypt cost 12 (nevisIDM's);
 * PBKDF2-HMAC-SHA-256 with 600,000 iterations and Argon2id with 19 MiB,
 * 2 iterations and 1 lane (OWASP's minimums); 16-byte salts; a 32-byte key or hash.
 *
 * @example
 * import { defaultHashParameters } from 'credential-lifecycle';
 * defaultHashParameters.argon2id.memory; // 19456
 */
export const defaultHashParameters = {
  bcrypt: { cost: 12 },
  pbkdf2: { digest: 'SHA-256', iterations: 600_000, saltLength: 16, keyLength: 32 },
  argon2id: { memory: 19_456, iterations: 2, parallelism: 1, saltLength: 16, hashLength: 32 },
} as const satisfies Required<HashParameters>;

/**
 * Options of {@link hashSecret} and {@link hashSecretAsync}.
 *
 * @example
 * import { type HashOptions, seededRandom } from 'credential-lifecycle';
 * const options: HashOptions = {
 *   algorithm: 'ARGON2ID',
 *   parameters: { argon2id: { memory: 64, iterations: 1, parallelism: 1, saltLength: 16, hashLength: 32 } },
 *   random: seededRandom(1),
 * };
 */
export interface HashOptions {
  /** The scheme of the new value. */
  readonly algorithm: HashAlgorithm;
  /** Sub-parameters of the scheme; {@link defaultHashParameters} where absent. SSHA has none. */
  readonly parameters?: HashParameters;
  /**
   * The salt to use, instead of `saltLength` bytes from `random` (8 for SSHA,
   * always 16 for bcrypt). SSHA and PBKDF2 take any length (empty: unsalted
   * SSHA), Argon2id 8 bytes or more, bcrypt exactly 16.
   */
  readonly salt?: Uint8Array;
  /** Where a missing salt comes from; Web Crypto by default. */
  readonly random?: RandomSource;
}

const unknownAlgorithm = (algorithm: never): never => {
  throw new RangeError(`unknown hash algorithm ${String(algorithm)}`);
};

const saltFor = (options: HashOptions, length: number): Uint8Array => {
  if (options.salt !== undefined) return options.salt;
  if (!Number.isInteger(length) || length < 8 || length > 64) {
    throw new RangeError(`a salt length must be 8 to 64 bytes, got ${length}`);
  }
  return (options.random ?? webCryptoRandom).getRandomValues(new Uint8Array(length));
};

/** A scheme's writer with its parameters and salt resolved, in both forms. */
interface Writer {
  readonly sync: (plaintext: string) => string;
  readonly async: (plaintext: string) => Promise<string>;
}

const writerOf = (options: HashOptions): Writer => {
  const parameters = options.parameters ?? {};
  switch (options.algorithm) {
    case 'bcrypt': {
      const { cost } = parameters.bcrypt ?? defaultHashParameters.bcrypt;
      const salt = saltFor(options, BCRYPT_SALT_LENGTH);
      return {
        sync: (t) => hashBcrypt(t, cost, salt),
        async: (t) => hashBcryptAsync(t, cost, salt),
      };
    }
    case 'PBKDF2': {
      const p = parameters.pbkdf2 ?? defaultHashParameters.pbkdf2;
      const salt = saltFor(options, p.saltLength);
      return { sync: (t) => hashPbkdf2(t, p, salt), async: (t) => hashPbkdf2Async(t, p, salt) };
    }
    case 'ARGON2ID': {
      const p = parameters.argon2id ?? defaultHashParameters.argon2id;
      const salt = saltFor(options, p.saltLength);
      return { sync: (t) => hashArgon2id(t, p, salt), async: (t) => hashArgon2idAsync(t, p, salt) };
    }
    case 'SSHA':
    case 'SSHA256': {
      const { algorithm } = options;
      const salt = saltFor(options, SSHA_SALT_LENGTH);
      const sync = (t: string) => hashSsha(t, algorithm, salt);
      return { sync, async: async (t) => sync(t) };
    }
    default:
      return unknownAlgorithm(options.algorithm);
  }
};

/**
 * Hashes a secret under the options' algorithm, into the one form this
 * library writes for it (see the table of the module). The plaintext is
 * encoded as UTF-8 without Unicode normalisation; bcrypt uses its first 72
 * bytes (with the terminating zero byte) and ignores the rest, as bcrypt does.
 * The costly schemes block the caller for their whole run; see
 * {@link hashSecretAsync}. Throws a `RangeError` only for sub-parameters or a
 * salt outside their documented ranges, which a decoded policy never has.
 *
 * @example
 * import { hashSecret } from 'credential-lifecycle';
 * hashSecret('secret', { algorithm: 'SSHA256', salt: new Uint8Array([1, 2, 3, 4]) });
 * // '{SSHA256}…' (the same bytes `slappasswd` would produce for this salt)
 * hashSecret('secret', { algorithm: 'bcrypt', parameters: { bcrypt: { cost: 4 } } });
 * // '$2b$04$…'
 */
export const hashSecret = (plaintext: string, options: HashOptions): string =>
  writerOf(options).sync(plaintext);

/**
 * {@link hashSecret} without holding the thread: bcrypt, PBKDF2 and Argon2id
 * run in slices that yield to the event loop (SSHA is cheap and runs at once).
 * Same values, same `RangeError` (as a rejected promise) for bad sub-parameters.
 *
 * @example
 * import { hashSecretAsync } from 'credential-lifecycle';
 * const stored = await hashSecretAsync('secret', { algorithm: 'PBKDF2' });
 * stored.startsWith('{PBKDF2-SHA256}600000$'); // true
 */
export const hashSecretAsync = async (plaintext: string, options: HashOptions): Promise<string> =>
  writerOf(options).async(plaintext);

/** Longest scheme name accepted between the braces. */
const MAX_SCHEME_LENGTH = 16;

/** Only ASCII letters, digits and `-` may name a scheme, so no Unicode case mapping applies. */
const isSchemeChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45;

/** A stored value read far enough to know its scheme, with what its scheme needs next. */
type Classified =
  | { readonly kind: 'ssha'; readonly close: number; readonly digest: SshaDigest }
  | { readonly kind: 'pbkdf2'; readonly parse: () => E.Either<HashFormatError, Pbkdf2Hash> }
  | { readonly kind: 'bcrypt' }
  | { readonly kind: 'argon2id' };

const SUPPORTED =
  'SSHA, SHA, SHA1, SHA-1, SSHA256, SHA256, SHA-256, PBKDF2, PBKDF2-SHA1, PBKDF2-SHA256, PBKDF2-SHA512 in braces; $2a$, $2b$, $2y$, $argon2id$, $pbkdf2$, $pbkdf2-sha256$, $pbkdf2-sha512$';

const classify = (stored: string): E.Either<HashFormatError, Classified> => {
  if (typeof stored !== 'string') {
    return hashFormatError('missing-scheme', 'a stored hash must be a string');
  }
  const first = stored.charCodeAt(0);
  if (first === 123) {
    const close = stored.indexOf('}');
    let wellFormed = close > 1 && close <= MAX_SCHEME_LENGTH + 1;
    for (let i = 1; wellFormed && i < close; i++) wellFormed = isSchemeChar(stored.charCodeAt(i));
    if (wellFormed) {
      const scheme = stored.slice(1, close);
      const lower = scheme.toLowerCase();
      const digest = sshaDigestOfScheme.get(lower);
      if (digest !== undefined) return E.right({ kind: 'ssha', close, digest });
      const pbkdf2 = openLdapPbkdf2Schemes.get(lower);
      if (pbkdf2 !== undefined) {
        return E.right({
          kind: 'pbkdf2',
          parse: () => parsePbkdf2(stored, close + 1, 'openldap', scheme, pbkdf2),
        });
      }
      return hashFormatError('unknown-scheme', `the scheme is none of ${SUPPORTED}`);
    }
  } else if (first === 36) {
    const close = stored.indexOf('$', 1);
    const id = close < 0 ? '' : stored.slice(1, close);
    if (id === '2a' || id === '2b' || id === '2y') return E.right({ kind: 'bcrypt' });
    if (id === 'argon2id') return E.right({ kind: 'argon2id' });
    const pbkdf2 = passlibPbkdf2Schemes.get(id);
    if (pbkdf2 !== undefined) {
      return E.right({
        kind: 'pbkdf2',
        parse: () => parsePbkdf2(stored, close + 1, 'passlib', id, pbkdf2),
      });
    }
    if (close > 1) return hashFormatError('unknown-scheme', `the scheme is none of ${SUPPORTED}`);
  }
  return hashFormatError('missing-scheme', 'a stored hash must start with {SCHEME} or $id$');
};

const parseClassified = (
  stored: string,
  c: Exclude<Classified, { kind: 'ssha' }>,
): E.Either<HashFormatError, BcryptHash | Pbkdf2Hash | Argon2idHash> =>
  c.kind === 'pbkdf2'
    ? c.parse()
    : c.kind === 'bcrypt'
      ? parseBcrypt(stored)
      : parseArgon2id(stored);

/**
 * Reads a stored hash of any accepted form (see the table of the module):
 * SSHA aliases in any ASCII letter case, salted or not; OpenLDAP's
 * `{PBKDF2…}` (any case) and passlib's `$pbkdf2…$`; `$argon2id$`; `$2a$`,
 * `$2b$`, `$2y$`. Anything else, malformed base64 of the scheme's alphabet,
 * missing fields, a value cut short or parameters the scheme does not allow
 * is a `Left` naming the problem. Never throws.
 *
 * @example
 * import { parseHash } from 'credential-lifecycle';
 * parseHash('{ssha}qUqP5cyxm6YcTAhz05Hph5gvu9M='); // right({ kind: 'ssha', digestAlgorithm: 'SHA-1', salt: [], … })
 * parseHash('$2b$03$6MFQu5Qjjmb2YTnJNAycBuab.HM8ZMHUAmOVxNdoAdxKIjqgsMcGW'); // left({ reason: 'invalid-parameters', … })
 * parseHash('{MD5}abc='); // left({ reason: 'unknown-scheme', … })
 */
export const parseHash = (stored: string): E.Either<HashFormatError, ParsedHash> => {
  const c = classify(stored);
  if (E.isLeft(c)) return c;
  const k = c.right;
  return k.kind === 'ssha' ? parseSsha(stored, k.close, k.digest) : parseClassified(stored, k);
};

const computationFailed = (): E.Either<HashFormatError, never> =>
  hashFormatError('invalid-parameters', 'the stored parameters cannot be computed');

/**
 * What verification needs of a stored value: the answer already (SSHA, or a
 * value that cannot be read), or the costly value to recompute.
 */
const readForVerification = (
  plaintext: string,
  stored: string,
): E.Either<HashFormatError, boolean | BcryptHash | Pbkdf2Hash | Argon2idHash> => {
  const c = classify(stored);
  if (E.isLeft(c)) return c;
  const k = c.right;
  return k.kind === 'ssha'
    ? verifySsha(plaintext, stored, k.close, k.digest)
    : parseClassified(stored, k);
};

/**
 * Checks a plaintext against a stored hash of any accepted form: the stored
 * value, not a policy, says how to compute it. The digest comparison takes
 * constant time (it always looks at every byte). A stored value that cannot be
 * read is a `Left` (see {@link parseHash}); never throws. bcrypt, PBKDF2 and
 * Argon2id block the caller while they run; see {@link verifySecretAsync}.
 *
 * @example
 * import { hashSecret, verifySecret } from 'credential-lifecycle';
 * const stored = hashSecret('secret', { algorithm: 'SSHA256' });
 * verifySecret('secret', stored); // right(true)
 * verifySecret('Secret', stored); // right(false)
 * verifySecret('secret', '$argon2id$v=19$m=8,t=0,p=1$AAH+/3+AwN4$AAAA'); // left({ reason: 'invalid-parameters', … })
 */
export const verifySecret = (
  plaintext: string,
  stored: string,
): E.Either<HashFormatError, boolean> => {
  const read = readForVerification(plaintext, stored);
  if (E.isLeft(read)) return read;
  if (typeof read.right === 'boolean') return E.right(read.right);
  const p = read.right;
  try {
    return E.right(
      p.kind === 'bcrypt'
        ? verifyBcrypt(plaintext, p)
        : p.kind === 'pbkdf2'
          ? verifyPbkdf2(plaintext, p)
          : verifyArgon2id(plaintext, p),
    );
  } catch {
    // The parsers admit only parameters the primitives accept; this is a safety net.
    return computationFailed();
  }
};

/**
 * {@link verifySecret} without holding the thread: bcrypt, PBKDF2 and
 * Argon2id run in slices that yield to the event loop. The promise never
 * rejects; an unreadable value resolves to a `Left`.
 *
 * @example
 * import { verifySecretAsync } from 'credential-lifecycle';
 * await verifySecretAsync('secret', '$2b$04$6MFQu5Qjjmb2YTnJNAycBuab.HM8ZMHUAmOVxNdoAdxKIjqgsMcGW');
 * // right(true)
 */
export const verifySecretAsync = async (
  plaintext: string,
  stored: string,
): Promise<E.Either<HashFormatError, boolean>> => {
  const read = readForVerification(plaintext, stored);
  if (E.isLeft(read)) return read;
  if (typeof read.right === 'boolean') return E.right(read.right);
  const p = read.right;
  try {
    return E.right(
      await (p.kind === 'bcrypt'
        ? verifyBcryptAsync(plaintext, p)
        : p.kind === 'pbkdf2'
          ? verifyPbkdf2Async(plaintext, p)
          : verifyArgon2idAsync(plaintext, p)),
    );
  } catch {
    return computationFailed();
  }
};
