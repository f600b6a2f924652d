/**
 * Typed credential policies: io-ts codecs whose static types are the policy
 * types, the nevisIDM defaults, and the link between policy types and
 * credential kinds.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts';
import type { CredentialKind } from '../domain/credential-type.js';
import { defaultHashParameters } from '../secret/hash.js';
import {
  HashAlgorithmParameter,
  HashParametersOfPolicy,
  PasswordHashAlgorithmParameter,
  PasswordHashParameters,
} from './hash-parameters.js';
import {
  BooleanParameter,
  CharacterSetParameter,
  enumParameter,
  integerParameter,
  WordListParameter,
} from './parameters.js';

/**
 * Reusable character sets for policies.
 *
 * @example
 * import { CharacterSets } from 'credential-lifecycle';
 * CharacterSets.digits + CharacterSets.lowerCase + CharacterSets.upperCase; // the 62-character ticket set
 */
export const CharacterSets = {
  /** `0`–`9`. */
  digits: '0123456789',
  /** `a`–`z`. */
  lowerCase: 'abcdefghijklmnopqrstuvwxyz',
  /** `A`–`Z`. */
  upperCase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  /** The 32 ASCII punctuation characters. */
  asciiSpecial: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
} as const;

const TEN_YEARS = 315_360_000_000;
const FIVE_DAYS = 432_000_000;
/** Durations above 1,000 years (in ms) are refused: they only overflow the wire's dates. */
const MAX_DURATION = 1_000 * 31_536_000_000;

/**
 * Codec for the four policy types nevisIDM names.
 *
 * @example
 * import { PolicyType } from 'credential-lifecycle';
 * PolicyType.is('PUKPolicy'); // true
 */
export const PolicyType = t.keyof(
  { PwdPolicy: null, TempStrongPasswordPolicy: null, TicketPolicy: null, PUKPolicy: null },
  'PolicyType',
);

/**
 * One of the four policy types.
 *
 * @example
 * import type { PolicyType } from 'credential-lifecycle';
 * const type: PolicyType = 'TicketPolicy';
 */
export type PolicyType = t.TypeOf<typeof PolicyType>;

/**
 * The credential kind each policy type governs.
 *
 * @example
 * import { kindOfPolicyType } from 'credential-lifecycle';
 * kindOfPolicyType.TempStrongPasswordPolicy; // 'tempStrongPassword'
 */
export const kindOfPolicyType = {
  PwdPolicy: 'password',
  TempStrongPasswordPolicy: 'tempStrongPassword',
  TicketPolicy: 'ticket',
  PUKPolicy: 'puk',
} as const satisfies Record<PolicyType, CredentialKind>;

/**
 * The policy type of each credential kind.
 *
 * @example
 * import { policyTypeOfKind } from 'credential-lifecycle';
 * policyTypeOfKind.puk; // 'PUKPolicy'
 */
export const policyTypeOfKind = {
  password: 'PwdPolicy',
  tempStrongPassword: 'TempStrongPasswordPolicy',
  ticket: 'TicketPolicy',
  puk: 'PUKPolicy',
} as const satisfies Record<CredentialKind, PolicyType>;

/**
 * Codec for the parameters every policy type has, keyed by parameter name.
 *
 * @example
 * import { commonPolicyParameters } from 'credential-lifecycle';
 * commonPolicyParameters.tmpLockingMode.decode('threshold'); // right('threshold')
 */
export const commonPolicyParameters = {
  maxCredFailureCount: integerParameter(1, true),
  tmpLockingThreshold: integerParameter(1, true),
  tmpLockingDuration: integerParameter(0, false, MAX_DURATION),
  tmpLockingMode: enumParameter(['strict', 'threshold']),
  credentialLifetime: integerParameter(1, false, MAX_DURATION),
  hashAlgorithm: HashAlgorithmParameter,
  hashParameters: HashParametersOfPolicy,
  maxResetCount: integerParameter(0, true),
  resetTarget: enumParameter(['initial', 'active', 'reset-code']),
};

/**
 * Codec for `initialPwchangePeriod`: how long (ms) a password in `initial` or
 * `admin-changed` may be used before it must be changed; -1 is no limit.
 *
 * @example
 * import { InitialPwchangePeriod } from 'credential-lifecycle';
 * InitialPwchangePeriod.is({ initial: -1, adminChanged: 86_400_000 }); // true
 */
export const InitialPwchangePeriod = t.type(
  { initial: integerParameter(0, true), adminChanged: integerParameter(0, true) },
  'InitialPwchangePeriod',
);

/**
 * Codec for the parameters only password policies have, keyed by name.
 *
 * @example
 * import { passwordPolicyParameters } from 'credential-lifecycle';
 * passwordPolicyParameters.minLength.decode('12'); // right(12)
 */
export const passwordPolicyParameters = {
  hashAlgorithm: PasswordHashAlgorithmParameter,
  hashParameters: PasswordHashParameters,
  allowLoginIdInPassword: BooleanParameter,
  checkDictionary: BooleanParameter,
  dictionary: WordListParameter,
  dictionaryMatch: enumParameter(['equals', 'contains']),
  initialPwchangeRequired: BooleanParameter,
  initialPwchangePeriod: InitialPwchangePeriod,
  resetCodeEnabled: BooleanParameter,
  minLength: integerParameter(0, false),
  maxLength: integerParameter(1, true),
  minLetters: integerParameter(0, false),
  minUpperCase: integerParameter(0, false),
  minLowerCase: integerParameter(0, false),
  minDigits: integerParameter(0, false),
  minSpecialChars: integerParameter(0, false),
  specialCharacterSet: CharacterSetParameter,
  historyDepth: integerParameter(0, false),
  generatedPasswordLength: integerParameter(1, false),
  generatedPasswordCharacterSet: CharacterSetParameter,
};

/**
 * Codec for the parameters only TSP policies have, keyed by name.
 *
 * @example
 * import { tempStrongPasswordPolicyParameters } from 'credential-lifecycle';
 * tempStrongPasswordPolicyParameters.ticketLen1.decode('0'); // right(0)
 */
export const tempStrongPasswordPolicyParameters = {
  ticketCharacterSet: CharacterSetParameter,
  ticketLen0: integerParameter(0, false),
  ticketLen1: integerParameter(0, false),
  singleUse: BooleanParameter,
};

/**
 * Codec for the parameters only ticket policies have, keyed by name.
 *
 * @example
 * import { ticketPolicyParameters } from 'credential-lifecycle';
 * ticketPolicyParameters.ticketLength.decode(30); // right(30)
 */
export const ticketPolicyParameters = {
  ticketCharacterSet: CharacterSetParameter,
  ticketLength: integerParameter(1, false),
  plainValueExposedToCaller: BooleanParameter,
  singleUse: BooleanParameter,
};

/**
 * Codec for the parameters only PUK policies have, keyed by name.
 *
 * @example
 * import { pukPolicyParameters } from 'credential-lifecycle';
 * pukPolicyParameters.maxCredSuccessCount.decode('-1'); // right(-1)
 */
export const pukPolicyParameters = {
  pukCharacterSet: CharacterSetParameter,
  pukLen: integerParameter(1, false),
  maxCredSuccessCount: integerParameter(1, true),
  plainValueExposedToCaller: BooleanParameter,
  /** The PUK's lifetime (ms), read at every login; a PUK ignores `credentialLifetime`. */
  pukLifetime: integerParameter(1, false, MAX_DURATION),
};

/**
 * Codec for a password policy (`PwdPolicy`).
 *
 * @example
 * import { PasswordPolicy, defaultPolicy } from 'credential-lifecycle';
 * PasswordPolicy.is(defaultPolicy('PwdPolicy')); // true
 */
export const PasswordPolicy = t.type(
  {
    type: t.literal('PwdPolicy'),
    extId: t.string,
    ...commonPolicyParameters,
    ...passwordPolicyParameters,
  },
  'PasswordPolicy',
);

/**
 * A password policy: the shared parameters, the password flags and the
 * complexity rules.
 *
 * @example
 * import { type PasswordPolicy, defaultPolicy } from 'credential-lifecycle';
 * const p: PasswordPolicy = { ...defaultPolicy('PwdPolicy'), minLength: 12 };
 */
export type PasswordPolicy = t.TypeOf<typeof PasswordPolicy>;

/**
 * Codec for a Temporary Strong Password policy (`TempStrongPasswordPolicy`).
 *
 * @example
 * import { TempStrongPasswordPolicy, defaultPolicy } from 'credential-lifecycle';
 * TempStrongPasswordPolicy.is(defaultPolicy('TempStrongPasswordPolicy')); // true
 */
export const TempStrongPasswordPolicy = t.type(
  {
    type: t.literal('TempStrongPasswordPolicy'),
    extId: t.string,
    ...commonPolicyParameters,
    ...tempStrongPasswordPolicyParameters,
  },
  'TempStrongPasswordPolicy',
);

/**
 * A Temporary Strong Password policy.
 *
 * @example
 * import { type TempStrongPasswordPolicy, defaultPolicy } from 'credential-lifecycle';
 * const p: TempStrongPasswordPolicy = { ...defaultPolicy('TempStrongPasswordPolicy'), ticketLen1: 6 };
 */
export type TempStrongPasswordPolicy = t.TypeOf<typeof TempStrongPasswordPolicy>;

/**
 * Codec for a ticket policy (`TicketPolicy`).
 *
 * @example
 * import { TicketPolicy, defaultPolicy } from 'credential-lifecycle';
 * TicketPolicy.is(defaultPolicy('TicketPolicy')); // true
 */
export const TicketPolicy = t.type(
  {
    type: t.literal('TicketPolicy'),
    extId: t.string,
    ...commonPolicyParameters,
    ...ticketPolicyParameters,
  },
  'TicketPolicy',
);

/**
 * A ticket policy.
 *
 * @example
 * import { type TicketPolicy, defaultPolicy } from 'credential-lifecycle';
 * const p: TicketPolicy = { ...defaultPolicy('TicketPolicy'), ticketLength: 40 };
 */
export type TicketPolicy = t.TypeOf<typeof TicketPolicy>;

/**
 * Codec for a PUK policy (`PUKPolicy`).
 *
 * @example
 * import { PukPolicy, defaultPolicy } from 'credential-lifecycle';
 * PukPolicy.is(defaultPolicy('PUKPolicy')); // true
 */
export const PukPolicy = t.type(
  {
    type: t.literal('PUKPolicy'),
    extId: t.string,
    ...commonPolicyParameters,
    ...pukPolicyParameters,
  },
  'PukPolicy',
);

/**
 * A PUK policy.
 *
 * @example
 * import { type PukPolicy, defaultPolicy } from 'credential-lifecycle';
 * const p: PukPolicy = { ...defaultPolicy('PUKPolicy'), pukLen: 12 };
 */
export type PukPolicy = t.TypeOf<typeof PukPolicy>;

/**
 * Codec for any of the four policies, told apart by `type`.
 *
 * @example
 * import { Policy, defaultPolicy } from 'credential-lifecycle';
 * Policy.is(defaultPolicy('TicketPolicy')); // true
 */
export const Policy = t.union(
  [PasswordPolicy, TempStrongPasswordPolicy, TicketPolicy, PukPolicy],
  'Policy',
);

/**
 * A credential policy of one of the four types.
 *
 * @example
 * import { type Policy, kindOfPolicyType } from 'credential-lifecycle';
 * const kindOf = (p: Policy) => kindOfPolicyType[p.type];
 */
export type Policy = t.TypeOf<typeof Policy>;

/**
 * The policy of a given type.
 *
 * @example
 * import type { PolicyOf } from 'credential-lifecycle';
 * type P = PolicyOf<'PUKPolicy'>; // PukPolicy
 */
export type PolicyOf<T extends PolicyType> = Extract<Policy, { readonly type: T }>;

const commonDefaults = {
  maxCredFailureCount: 3,
  tmpLockingThreshold: 2,
  tmpLockingDuration: 60_000,
  tmpLockingMode: 'strict',
  credentialLifetime: TEN_YEARS,
  hashAlgorithm: 'SSHA256',
  maxResetCount: -1,
} as const;

/** Fresh copies, so that no two policies share a nested object. */
const hashParametersDefault = () => ({
  pbkdf2: { ...defaultHashParameters.pbkdf2 },
  argon2id: { ...defaultHashParameters.argon2id },
});

const DEFAULTS: { readonly [K in PolicyType]: (extId: string) => PolicyOf<K> } = {
  PwdPolicy: (extId) => ({
    type: 'PwdPolicy',
    extId,
    ...commonDefaults,
    hashParameters: { bcrypt: { ...defaultHashParameters.bcrypt }, ...hashParametersDefault() },
    resetTarget: 'initial',
    allowLoginIdInPassword: true,
    checkDictionary: true,
    dictionary: [],
    dictionaryMatch: 'equals',
    initialPwchangeRequired: true,
    initialPwchangePeriod: { initial: -1, adminChanged: -1 },
    resetCodeEnabled: false,
    minLength: 8,
    maxLength: 128,
    minLetters: 0,
    minUpperCase: 1,
    minLowerCase: 1,
    minDigits: 1,
    minSpecialChars: 1,
    specialCharacterSet: CharacterSets.asciiSpecial,
    historyDepth: 5,
    generatedPasswordLength: 16,
    generatedPasswordCharacterSet:
      CharacterSets.upperCase +
      CharacterSets.lowerCase +
      CharacterSets.digits +
      CharacterSets.asciiSpecial,
  }),
  TempStrongPasswordPolicy: (extId) => ({
    type: 'TempStrongPasswordPolicy',
    extId,
    ...commonDefaults,
    hashParameters: hashParametersDefault(),
    credentialLifetime: FIVE_DAYS,
    resetTarget: 'initial',
    ticketCharacterSet: CharacterSets.digits + CharacterSets.lowerCase + CharacterSets.upperCase,
    ticketLen0: 30,
    ticketLen1: 0,
    singleUse: true,
  }),
  TicketPolicy: (extId) => ({
    type: 'TicketPolicy',
    extId,
    ...commonDefaults,
    hashParameters: hashParametersDefault(),
    credentialLifetime: FIVE_DAYS,
    resetTarget: 'active',
    ticketCharacterSet: CharacterSets.digits + CharacterSets.lowerCase + CharacterSets.upperCase,
    ticketLength: 30,
    plainValueExposedToCaller: true,
    singleUse: true,
  }),
  PUKPolicy: (extId) => ({
    type: 'PUKPolicy',
    extId,
    ...commonDefaults,
    hashParameters: hashParametersDefault(),
    resetTarget: 'active',
    pukCharacterSet: CharacterSets.lowerCase + CharacterSets.upperCase + CharacterSets.digits,
    pukLen: 30,
    maxCredSuccessCount: 5,
    plainValueExposedToCaller: false,
    pukLifetime: TEN_YEARS,
  }),
};

/**
 * The policy of a type with every parameter at its default (the nevisIDM
 * default where documented, this project's choice otherwise; see
 * `docs/assumptions.md`).
 *
 * @example
 * import { defaultPolicy } from 'credential-lifecycle';
 * defaultPolicy('PUKPolicy').pukLen; // 30
 * defaultPolicy('TicketPolicy', 'ticket-policy-1').extId; // 'ticket-policy-1'
 */
export const defaultPolicy = <T extends PolicyType>(type: T, extId = 'default'): PolicyOf<T> =>
  DEFAULTS[type](extId);
