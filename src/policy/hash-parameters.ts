/**
 * The policy side of `hashAlgorithm`: which algorithms each policy type
 * allows, and the sub-parameters of the costly schemes under nevisIDM's dotted
 * names (`hashAlgorithm.bcrypt.cost`, `hashAlgorithm.pbkdf2.iterations`, …),
 * with their ranges and defaults.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts';
import { ARGON2ID_BOUNDS } from '../secret/argon2id.js';
import { BCRYPT_COST } from '../secret/bcrypt.js';
import { PBKDF2_BOUNDS } from '../secret/pbkdf2.js';
import { enumParameter, integerParameter } from './parameters.js';

const ALGORITHMS = ['SSHA', 'SSHA256', 'PBKDF2', 'ARGON2ID'] as const;

const renamed = <A>(codec: t.Type<A, A>, name: string): t.Type<A, A> =>
  new t.Type<A, A, unknown>(name, codec.is, codec.validate, codec.encode);

/**
 * Codec for `hashAlgorithm` in a TSP, ticket or PUK policy: `SSHA`, `SSHA256`,
 * `PBKDF2` or `ARGON2ID`. `bcrypt` is for passwords only.
 *
 * @example
 * import { HashAlgorithmParameter } from 'credential-lifecycle';
 * HashAlgorithmParameter.decode('ARGON2ID'); // right('ARGON2ID')
 * HashAlgorithmParameter.decode('bcrypt'); // left(…)
 */
export const HashAlgorithmParameter = renamed(
  enumParameter(ALGORITHMS),
  `${enumParameter(ALGORITHMS).name} (bcrypt only in a PwdPolicy)`,
);

/**
 * Codec for `hashAlgorithm` in a password policy: the four of
 * {@link HashAlgorithmParameter} and `bcrypt`.
 *
 * @example
 * import { PasswordHashAlgorithmParameter } from 'credential-lifecycle';
 * PasswordHashAlgorithmParameter.decode('bcrypt'); // right('bcrypt')
 */
export const PasswordHashAlgorithmParameter = enumParameter([...ALGORITHMS, 'bcrypt']);

const range = (r: { readonly min: number; readonly max: number }) =>
  integerParameter(r.min, false, r.max);

/**
 * Codecs of the sub-parameters, by scheme and name: `hashAlgorithm.<scheme>.<name>`.
 * Lengths are bytes, `argon2id.memory` is KiB.
 *
 * @example
 * import { hashSubParameters } from 'credential-lifecycle';
 * hashSubParameters.bcrypt.cost.decode('3'); // left(…): 4 to 31
 * hashSubParameters.argon2id.memory.decode('19456'); // right(19456)
 */
export const hashSubParameters = {
  bcrypt: { cost: range(BCRYPT_COST) },
  pbkdf2: {
    digest: enumParameter(['SHA-256', 'SHA-512']),
    iterations: range(PBKDF2_BOUNDS.iterations),
    saltLength: range(PBKDF2_BOUNDS.saltLength),
    keyLength: range(PBKDF2_BOUNDS.keyLength),
  },
  argon2id: {
    memory: range(ARGON2ID_BOUNDS.memory),
    iterations: range(ARGON2ID_BOUNDS.iterations),
    parallelism: range(ARGON2ID_BOUNDS.parallelism),
    saltLength: range(ARGON2ID_BOUNDS.saltLength),
    hashLength: range(ARGON2ID_BOUNDS.hashLength),
  },
};

/**
 * Codec for the `hashParameters` of a TSP, ticket or PUK policy: PBKDF2's and
 * Argon2id's sub-parameters.
 *
 * @example
 * import { HashParametersOfPolicy, defaultPolicy } from 'credential-lifecycle';
 * HashParametersOfPolicy.is(defaultPolicy('PUKPolicy').hashParameters); // true
 */
export const HashParametersOfPolicy = t.type(
  {
    pbkdf2: t.type(hashSubParameters.pbkdf2, 'Pbkdf2Parameters'),
    argon2id: t.type(hashSubParameters.argon2id, 'Argon2idParameters'),
  },
  'HashParametersOfPolicy',
);

/**
 * Codec for the `hashParameters` of a password policy: bcrypt's cost as well.
 *
 * @example
 * import { PasswordHashParameters, defaultPolicy } from 'credential-lifecycle';
 * PasswordHashParameters.is(defaultPolicy('PwdPolicy').hashParameters); // true
 */
export const PasswordHashParameters = t.type(
  {
    bcrypt: t.type(hashSubParameters.bcrypt, 'BcryptParameters'),
    ...HashParametersOfPolicy.props,
  },
  'PasswordHashParameters',
);
