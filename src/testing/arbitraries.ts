/**
 * fast-check arbitraries for every value of the domain: scalars, policies
 * (typed and as nevisIDM string maps), lifecycles and credentials reached by
 * real events, valid request bodies of every operation and invalid ones. The
 * tests of `credential-lifecycle/testing` decode every valid value with its
 * io-ts codec and reject every invalid one, so these cannot drift from the
 * wire model.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import { either as E } from 'fp-ts';
import {
  type CreatePasswordRequest,
  type CreatePukRequest,
  type CreateTempStrongPasswordRequest,
  type CreateTicketRequest,
  type CredentialKind,
  CredentialTypeName,
  createLifecycle,
  createRequestOfKind,
  createStates,
  credentialKinds,
  type ErrorBody,
  type ErrorEntry,
  hashSecret,
  type Instant,
  type Json,
  type Lifecycle,
  type LifecycleEvent,
  type LoginResponse,
  type LoginStatusCode,
  lifecycleRulesOf,
  loginRequestOfKind,
  type PasswordCredential,
  type PasswordResetResponse,
  type PatchPasswordRequest,
  type PatchPukRequest,
  type PatchTempStrongPasswordRequest,
  type PatchTicketRequest,
  type Policy,
  type PolicyOf,
  type PolicyType,
  PolicyType as PolicyTypeCodec,
  type PukCredential,
  patchRequestOfKind,
  policyTypeOfKind,
  type ResetPasswordRequest,
  ResetPasswordRequest as ResetPasswordRequestCodec,
  resourceOf,
  type StateChangeReason,
  type StateName,
  type StoredCredential,
  seededRandom,
  stateChangeReasons,
  stateNames,
  applyEvent as step,
  type TempStrongPasswordCredential,
  type TempStrongPasswordIssuedResponse,
  type TicketCredential,
  type Validity,
} from '../index.js';

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, in epoch seconds. */
const FIRST_SECOND = -62_135_596_800;
const LAST_SECOND = 253_402_300_799;

/**
 * Instants at whole seconds (the wire's precision) within years 0001–9999.
 *
 * @example
 * import { instantArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(instantArb, 1).every((at) => at % 1000 === 0); // true
 */
export const instantArb: fc.Arbitrary<Instant> = fc
  .integer({ min: FIRST_SECOND, max: LAST_SECOND })
  .map((seconds) => seconds * 1000);

/**
 * Counters and versions: integers from 0 to 2^31 - 1, biased towards small ones.
 *
 * @example
 * import { countArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(countArb, 3); // e.g. [0, 7, 1843005520]
 */
export const countArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: 10 }),
  fc.integer({ min: 0, max: 2_147_483_647 }),
);

const extIdCharacters = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...'-@./_:()\\{}[]=!~+',
];

/**
 * Well-formed external IDs (1–40 characters of the allowed set).
 *
 * @example
 * import { extIdArb } from 'credential-lifecycle/testing';
 * import { ExtId } from 'credential-lifecycle';
 * import fc from 'fast-check';
 * fc.assert(fc.property(extIdArb, (id) => ExtId.is(id)));
 */
export const extIdArb: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(...extIdCharacters),
  minLength: 1,
  maxLength: 40,
});

/**
 * Free text, any Unicode (comments, identifications).
 *
 * @example
 * import { textArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(textArb, 1);
 */
export const textArb: fc.Arbitrary<string> = fc.string({ unit: 'binary', maxLength: 40 });

/**
 * The eight state names.
 *
 * @example
 * import { stateNameArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(stateNameArb, 1); // e.g. ['tmp-locked']
 */
export const stateNameArb: fc.Arbitrary<StateName> = fc.constantFrom(...stateNames);

/**
 * The fifteen state-change reasons.
 *
 * @example
 * import { stateChangeReasonArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(stateChangeReasonArb, 1); // e.g. ['unlock']
 */
export const stateChangeReasonArb: fc.Arbitrary<StateChangeReason> = fc.constantFrom(
  ...stateChangeReasons,
);

const typeNames = Object.keys(CredentialTypeName.keys).filter(CredentialTypeName.is);

/**
 * The 22 credential type display names.
 *
 * @example
 * import { credentialTypeNameArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(credentialTypeNameArb, 1); // e.g. ['Ticket Authorization']
 */
export const credentialTypeNameArb: fc.Arbitrary<CredentialTypeName> = fc.constantFrom(
  ...typeNames,
);

/**
 * The four credential kinds the library manages.
 *
 * @example
 * import { credentialKindArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(credentialKindArb, 1); // e.g. ['puk']
 */
export const credentialKindArb: fc.Arbitrary<CredentialKind> = fc.constantFrom(...credentialKinds);

/**
 * Validity periods with `from <= to`, at whole seconds.
 *
 * @example
 * import { validityArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.assert(fc.property(validityArb, (v) => v.from <= v.to));
 */
export const validityArb: fc.Arbitrary<Validity> = fc
  .tuple(instantArb, instantArb)
  .map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));

const common = {
  created: instantArb,
  lastModified: instantArb,
  version: countArb,
  extId: extIdArb,
  userExtId: extIdArb,
  stateName: stateNameArb,
  successfulLoginCount: countArb,
  failedLoginCount: countArb,
  resetCount: countArb,
  policyExtId: extIdArb,
  stateChangeReason: stateChangeReasonArb,
  stateChangeDetail: textArb,
  lastSuccessfulLoginDate: instantArb,
  lastFailedLoginDate: instantArb,
  modificationComment: textArb,
  validity: validityArb,
  createdBy: textArb,
  modifiedBy: textArb,
  lastChangeDate: instantArb,
};

const requiredKeys = [
  'created',
  'lastModified',
  'version',
  'extId',
  'userExtId',
  'stateName',
  'type',
  'successfulLoginCount',
  'failedLoginCount',
  'resetCount',
] as const;

/**
 * A stored hash as the API shows it: `{SSHA}` or `{SSHA256}` and base64.
 *
 * @example
 * import { hashArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.assert(fc.property(hashArb, (h) => h.startsWith('{SSHA')));
 */
export const hashArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('{SSHA}', '{SSHA256}'), fc.base64String({ minLength: 28, maxLength: 60 }))
  .map(([prefix, payload]) => prefix + payload);

/**
 * Password resources with any field values (decoded form: instants as numbers).
 *
 * @example
 * import { passwordCredentialArb } from 'credential-lifecycle/testing';
 * import { PasswordCredential } from 'credential-lifecycle';
 * import fc from 'fast-check';
 * fc.assert(fc.property(passwordCredentialArb, (c) => PasswordCredential.is(c)));
 */
export const passwordCredentialArb: fc.Arbitrary<PasswordCredential> = fc.record(
  { ...common, type: fc.constant('Password' as const), password: hashArb },
  { requiredKeys: [...requiredKeys] },
);

/**
 * TSP resources with any field values.
 *
 * @example
 * import { tempStrongPasswordCredentialArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(tempStrongPasswordCredentialArb, 1)[0]?.type; // 'Temporary Strong Password'
 */
export const tempStrongPasswordCredentialArb: fc.Arbitrary<TempStrongPasswordCredential> =
  fc.record(
    {
      ...common,
      type: fc.constant('Temporary Strong Password' as const),
      tempStrongPassword: hashArb,
    },
    { requiredKeys: [...requiredKeys] },
  );

/**
 * Ticket resources with any field values.
 *
 * @example
 * import { ticketCredentialArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(ticketCredentialArb, 1)[0]?.type; // 'Ticket Authorization'
 */
export const ticketCredentialArb: fc.Arbitrary<TicketCredential> = fc.record(
  {
    ...common,
    type: fc.constant('Ticket Authorization' as const),
    ticket: hashArb,
    identification: textArb,
    context: textArb,
    failureCount: countArb,
    successCount: countArb,
  },
  { requiredKeys: [...requiredKeys] },
);

/**
 * PUK resources with any field values.
 *
 * @example
 * import { pukCredentialArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(pukCredentialArb, 1)[0]?.type; // 'PUK'
 */
export const pukCredentialArb: fc.Arbitrary<PukCredential> = fc.record(
  { ...common, type: fc.constant('PUK' as const), puk: hashArb },
  { requiredKeys: [...requiredKeys] },
);

/**
 * A resource of any of the four kinds.
 *
 * @example
 * import { credentialResourceArb } from 'credential-lifecycle/testing';
 * import { CredentialResource } from 'credential-lifecycle';
 * import fc from 'fast-check';
 * fc.assert(fc.property(credentialResourceArb, (c) => CredentialResource.is(c)));
 */
export const credentialResourceArb = fc.oneof(
  passwordCredentialArb,
  tempStrongPasswordCredentialArb,
  ticketCredentialArb,
  pukCredentialArb,
);

const createCommon = { extId: extIdArb, policyExtId: extIdArb, stateName: stateNameArb };
const patchCommon = { stateName: stateNameArb, modificationComment: textArb, version: countArb };

/**
 * Decoded create-password bodies.
 *
 * @example
 * import { createPasswordRequestArb } from 'credential-lifecycle/testing';
 * import { CreatePasswordRequest } from 'credential-lifecycle';
 * import fc from 'fast-check';
 * fc.assert(fc.property(createPasswordRequestArb, (b) => CreatePasswordRequest.is(b)));
 */
export const createPasswordRequestArb: fc.Arbitrary<CreatePasswordRequest> = fc.record(
  { ...createCommon, password: textArb },
  { requiredKeys: [] },
);

/**
 * Decoded create-TSP bodies.
 *
 * @example
 * import { createTempStrongPasswordRequestArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(createTempStrongPasswordRequestArb, 1);
 */
export const createTempStrongPasswordRequestArb: fc.Arbitrary<CreateTempStrongPasswordRequest> =
  fc.record(createCommon, { requiredKeys: [] });

/**
 * Decoded create-ticket bodies.
 *
 * @example
 * import { createTicketRequestArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(createTicketRequestArb, 1);
 */
export const createTicketRequestArb: fc.Arbitrary<CreateTicketRequest> = fc.record(
  { ...createCommon, identification: textArb, context: textArb },
  { requiredKeys: [] },
);

/**
 * Decoded create-PUK bodies.
 *
 * @example
 * import { createPukRequestArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(createPukRequestArb, 1);
 */
export const createPukRequestArb: fc.Arbitrary<CreatePukRequest> = fc.record(createCommon, {
  requiredKeys: [],
});

/**
 * Decoded password PATCH bodies.
 *
 * @example
 * import { patchPasswordRequestArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(patchPasswordRequestArb, 1);
 */
export const patchPasswordRequestArb: fc.Arbitrary<PatchPasswordRequest> = fc.record(patchCommon, {
  requiredKeys: [],
});

/**
 * Decoded TSP PATCH bodies.
 *
 * @example
 * import { patchTempStrongPasswordRequestArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(patchTempStrongPasswordRequestArb, 1);
 */
export const patchTempStrongPasswordRequestArb: fc.Arbitrary<PatchTempStrongPasswordRequest> =
  fc.record(patchCommon, { requiredKeys: [] });

/**
 * Decoded ticket PATCH bodies (validity with numbers; encode for the wire).
 *
 * @example
 * import { patchTicketRequestArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(patchTicketRequestArb, 1);
 */
export const patchTicketRequestArb: fc.Arbitrary<PatchTicketRequest> = fc.record(
  { ...patchCommon, identification: textArb, validity: validityArb },
  { requiredKeys: [] },
);

/**
 * Decoded PUK PATCH bodies.
 *
 * @example
 * import { patchPukRequestArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(patchPukRequestArb, 1);
 */
export const patchPukRequestArb: fc.Arbitrary<PatchPukRequest> = fc.record(
  { ...patchCommon, validity: validityArb },
  { requiredKeys: [] },
);

/**
 * Decoded password reset bodies (optionally the new password).
 *
 * @example
 * import { resetPasswordRequestArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(resetPasswordRequestArb, 1);
 */
export const resetPasswordRequestArb: fc.Arbitrary<ResetPasswordRequest> = fc.record(
  { password: textArb },
  { requiredKeys: [] },
);

/**
 * The empty body of a reset or unlock.
 *
 * @example
 * import { emptyRequestArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(emptyRequestArb, 1); // [{}]
 */
export const emptyRequestArb: fc.Arbitrary<Record<string, never>> = fc.constant({});

/**
 * Password login bodies.
 *
 * @example
 * import { passwordLoginRequestArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(passwordLoginRequestArb, 1);
 */
export const passwordLoginRequestArb: fc.Arbitrary<{ password: string }> = fc.record({
  password: textArb,
});

/**
 * TSP login bodies.
 *
 * @example
 * import { tempStrongPasswordLoginRequestArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(tempStrongPasswordLoginRequestArb, 1);
 */
export const tempStrongPasswordLoginRequestArb: fc.Arbitrary<{ tempStrongPassword: string }> =
  fc.record({ tempStrongPassword: textArb });

/**
 * Ticket login bodies.
 *
 * @example
 * import { ticketLoginRequestArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(ticketLoginRequestArb, 1);
 */
export const ticketLoginRequestArb: fc.Arbitrary<{ ticket: string }> = fc.record({
  ticket: textArb,
});

/**
 * PUK login bodies.
 *
 * @example
 * import { pukLoginRequestArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(pukLoginRequestArb, 1);
 */
export const pukLoginRequestArb: fc.Arbitrary<{ puk: string }> = fc.record({ puk: textArb });

/**
 * Login outcome codes.
 *
 * @example
 * import { loginStatusCodeArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(loginStatusCodeArb, 1); // e.g. [9]
 */
export const loginStatusCodeArb: fc.Arbitrary<LoginStatusCode> = fc.constantFrom(5, 2, 3, 4, 9);

/**
 * Login answers.
 *
 * @example
 * import { loginResponseArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(loginResponseArb, 1);
 */
export const loginResponseArb: fc.Arbitrary<LoginResponse> = fc.record({
  statusCode: loginStatusCodeArb,
  description: textArb,
});

/**
 * Password reset answers carrying a fragment.
 *
 * @example
 * import { passwordResetResponseArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(passwordResetResponseArb, 1);
 */
export const passwordResetResponseArb: fc.Arbitrary<PasswordResetResponse> = fc.record({
  passwordFragment: textArb,
});

/**
 * TSP create/reset answers carrying the plaintext first part.
 *
 * @example
 * import { tempStrongPasswordIssuedResponseArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(tempStrongPasswordIssuedResponseArb, 1);
 */
export const tempStrongPasswordIssuedResponseArb: fc.Arbitrary<TempStrongPasswordIssuedResponse> =
  fc
    .tuple(
      tempStrongPasswordCredentialArb,
      fc.string({ unit: fc.constantFrom(...'abcXYZ0189'), minLength: 1, maxLength: 30 }),
    )
    .map(([credential, fragment]) => ({ ...credential, tempStrongPassword: fragment }));

/**
 * Error entries `errors.<name>`.
 *
 * @example
 * import { errorEntryArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(errorEntryArb, 1);
 */
export const errorEntryArb: fc.Arbitrary<ErrorEntry> = fc.record({
  code: fc.string().map((name) => `errors.${name}`),
  message: textArb,
});

/**
 * Error bodies with up to four entries.
 *
 * @example
 * import { errorBodyArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(errorBodyArb, 1);
 */
export const errorBodyArb: fc.Arbitrary<ErrorBody> = fc.record({
  errors: fc.array(errorEntryArb, { maxLength: 4 }),
});

// ---------------------------------------------------------------------------
// Policies

/**
 * The four policy types.
 *
 * @example
 * import { policyTypeArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(policyTypeArb, 1); // e.g. ['TicketPolicy']
 */
export const policyTypeArb: fc.Arbitrary<PolicyType> = fc.constantFrom(
  ...(Object.keys(PolicyTypeCodec.keys) as PolicyType[]),
);

/** Integers ≥ min (or -1 where allowed), biased towards the edges. */
const intParam = (min: number, minusOne: boolean, max = 1_000_000_000): fc.Arbitrary<number> =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...(minusOne ? [-1, min, min + 1] : [min, min + 1])), weight: 3 },
    { arbitrary: fc.integer({ min, max: Math.min(max, min + 10) }), weight: 2 },
    { arbitrary: fc.integer({ min, max }), weight: 1 },
  );

/** Non-empty character sets without lone surrogates, favouring the usual ones. */
const characterSetArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0123456789',
    'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
    'ab',
    'x',
  ),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 20 }),
);

const commonPolicyArbs = {
  maxCredFailureCount: intParam(1, true),
  tmpLockingThreshold: intParam(1, true),
  tmpLockingDuration: intParam(0, false, 864_000_000),
  tmpLockingMode: fc.constantFrom('strict' as const, 'threshold' as const),
  credentialLifetime: intParam(1, false, 315_360_000_000),
  hashAlgorithm: fc.constantFrom(
    'SSHA' as const,
    'SSHA256' as const,
    'PBKDF2' as const,
    'ARGON2ID' as const,
  ),
  hashParameters: fc.record({
    pbkdf2: fc.record({
      digest: fc.constantFrom('SHA-256' as const, 'SHA-512' as const),
      iterations: fc.integer({ min: 1, max: 1_000 }),
      saltLength: fc.integer({ min: 8, max: 64 }),
      keyLength: fc.integer({ min: 16, max: 64 }),
    }),
    argon2id: fc
      .record({
        parallelism: fc.integer({ min: 1, max: 4 }),
        extraMemory: fc.integer({ min: 0, max: 64 }),
        iterations: fc.integer({ min: 1, max: 3 }),
        saltLength: fc.integer({ min: 8, max: 64 }),
        hashLength: fc.integer({ min: 16, max: 64 }),
      })
      .map(({ extraMemory, ...p }) => ({ ...p, memory: 8 * p.parallelism + extraMemory })),
  }),
  maxResetCount: intParam(0, true),
  resetTarget: fc.constantFrom('initial' as const, 'active' as const, 'reset-code' as const),
};

/** bcrypt as well, and its cost (kept cheap: 4 or 5). */
const passwordHashArbs = {
  hashAlgorithm: fc.constantFrom(
    'SSHA' as const,
    'SSHA256' as const,
    'PBKDF2' as const,
    'ARGON2ID' as const,
    'bcrypt' as const,
  ),
  hashParameters: fc
    .tuple(commonPolicyArbs.hashParameters, fc.integer({ min: 4, max: 5 }))
    .map(([common, cost]) => ({ bcrypt: { cost }, ...common })),
};

const wordArb = fc.string({ unit: fc.constantFrom(...'abcdefghij'), minLength: 1, maxLength: 8 });

const policyRecordArbs: { readonly [T in PolicyType]: fc.Arbitrary<PolicyOf<T>> } = {
  PwdPolicy: fc
    .record({
      ...commonPolicyArbs,
      ...passwordHashArbs,
      allowLoginIdInPassword: fc.boolean(),
      checkDictionary: fc.boolean(),
      dictionary: fc.array(wordArb, { maxLength: 4 }),
      dictionaryMatch: fc.constantFrom('equals' as const, 'contains' as const),
      initialPwchangeRequired: fc.boolean(),
      initialPwchangePeriod: fc.record({
        initial: intParam(0, true),
        adminChanged: intParam(0, true),
      }),
      resetCodeEnabled: fc.boolean(),
      minLength: fc.integer({ min: 0, max: 16 }),
      maxLength: fc.oneof(fc.constant(-1), fc.integer({ min: 16, max: 256 })),
      minLetters: fc.integer({ min: 0, max: 3 }),
      minUpperCase: fc.integer({ min: 0, max: 3 }),
      minLowerCase: fc.integer({ min: 0, max: 3 }),
      minDigits: fc.integer({ min: 0, max: 3 }),
      minSpecialChars: fc.integer({ min: 0, max: 3 }),
      specialCharacterSet: fc.constantFrom('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~', '!?', '-'),
      historyDepth: fc.integer({ min: 0, max: 10 }),
      generatedPasswordLength: fc.integer({ min: 1, max: 64 }),
      generatedPasswordCharacterSet: characterSetArb,
    })
    .chain((fields) => extIdArb.map((extId) => ({ type: 'PwdPolicy' as const, extId, ...fields }))),
  TempStrongPasswordPolicy: fc
    .record({
      ...commonPolicyArbs,
      ticketCharacterSet: characterSetArb,
      ticketLen0: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 64 })),
      ticketLen1: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 64 })),
      singleUse: fc.boolean(),
    })
    .chain((fields) =>
      extIdArb.map((extId) => ({ type: 'TempStrongPasswordPolicy' as const, extId, ...fields })),
    ),
  TicketPolicy: fc
    .record({
      ...commonPolicyArbs,
      ticketCharacterSet: characterSetArb,
      ticketLength: fc.integer({ min: 1, max: 64 }),
      plainValueExposedToCaller: fc.boolean(),
      singleUse: fc.boolean(),
    })
    .chain((fields) =>
      extIdArb.map((extId) => ({ type: 'TicketPolicy' as const, extId, ...fields })),
    ),
  PUKPolicy: fc
    .record({
      ...commonPolicyArbs,
      pukCharacterSet: characterSetArb,
      pukLen: fc.integer({ min: 1, max: 64 }),
      maxCredSuccessCount: intParam(1, true),
      plainValueExposedToCaller: fc.boolean(),
      pukLifetime: intParam(1, false, 315_360_000_000),
    })
    .chain((fields) => extIdArb.map((extId) => ({ type: 'PUKPolicy' as const, extId, ...fields }))),
};

/**
 * Typed policies of one type (or of any type), with edge values: `-1`
 * thresholds, 0-length TSP parts, both locking modes, every hash algorithm
 * the type allows (with cheap sub-parameters, so hashing under them is fast).
 *
 * @example
 * import { policyArb } from 'credential-lifecycle/testing';
 * import { Policy } from 'credential-lifecycle';
 * import fc from 'fast-check';
 * fc.assert(fc.property(policyArb('PUKPolicy'), (p) => Policy.is(p) && p.type === 'PUKPolicy'));
 */
export function policyArb<T extends PolicyType>(type: T): fc.Arbitrary<PolicyOf<T>>;
export function policyArb(): fc.Arbitrary<Policy>;
export function policyArb(type?: PolicyType): fc.Arbitrary<Policy> {
  return type === undefined
    ? fc.oneof(
        policyRecordArbs.PwdPolicy,
        policyRecordArbs.TempStrongPasswordPolicy,
        policyRecordArbs.TicketPolicy,
        policyRecordArbs.PUKPolicy,
      )
    : policyRecordArbs[type];
}

/**
 * A typed policy as nevisIDM stores it: every parameter as a string
 * (`initialPwchangePeriod` as its two dotted names, `hashParameters` as
 * `hashAlgorithm.<scheme>.<name>`, the dictionary comma-separated); `type`
 * and `extId` are left out.
 *
 * @example
 * import { policyToParameters } from 'credential-lifecycle/testing';
 * import { defaultPolicy } from 'credential-lifecycle';
 * policyToParameters(defaultPolicy('TempStrongPasswordPolicy')).ticketLen0; // '30'
 */
export const policyToParameters = (policy: Policy): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(policy)) {
    if (name === 'type' || name === 'extId') continue;
    if (name === 'initialPwchangePeriod' && typeof value === 'object' && value !== null) {
      for (const [sub, subValue] of Object.entries(value)) out[`${name}.${sub}`] = String(subValue);
    } else if (name === 'hashParameters' && typeof value === 'object' && value !== null) {
      for (const [scheme, sub] of Object.entries(value)) {
        if (typeof sub !== 'object' || sub === null) continue;
        for (const [k, v] of Object.entries(sub)) out[`hashAlgorithm.${scheme}.${k}`] = String(v);
      }
    } else if (Array.isArray(value)) {
      out[name] = value.join(',');
    } else {
      out[name] = String(value);
    }
  }
  return out;
};

/**
 * Policies of a type in nevisIDM's string-map form, paired with the typed
 * policy they decode to (with `decodePolicy(type, extId, parameters)`).
 * Some parameters are left out (their defaults apply); `parameters` then
 * holds a subset and `policy` the defaults for the rest.
 *
 * @example
 * import { policyParametersArb } from 'credential-lifecycle/testing';
 * import { decodePolicy } from 'credential-lifecycle';
 * import fc from 'fast-check';
 * fc.assert(
 *   fc.property(policyParametersArb('TicketPolicy'), ({ extId, parameters }) =>
 *     decodePolicy('TicketPolicy', extId, parameters)._tag === 'Right'),
 * );
 */
export const policyParametersArb = <T extends PolicyType>(
  type: T,
): fc.Arbitrary<{ readonly extId: string; readonly parameters: Record<string, string> }> =>
  policyArb(type).chain((policy) => {
    const all = policyToParameters(policy);
    const names = Object.keys(all).filter(
      // a partial password policy could break minLength ≤ maxLength with the defaults
      (n) => type !== 'PwdPolicy' || (n !== 'minLength' && n !== 'maxLength'),
    );
    return fc.subarray(names).map((kept) => {
      const parameters: Record<string, string> = {};
      for (const name of Object.keys(all)) {
        if (!names.includes(name) || kept.includes(name)) {
          const value = all[name];
          if (value !== undefined) parameters[name] = value;
        }
      }
      return { extId: policy.extId, parameters };
    });
  });

const badParameterValues: Readonly<Record<string, readonly string[]>> = {
  maxCredFailureCount: ['0', '-2', 'three', '1.5', ''],
  tmpLockingThreshold: ['0', '-5', 'x'],
  tmpLockingDuration: ['-1', 'soon'],
  tmpLockingMode: ['lenient', 'STRICT', ''],
  credentialLifetime: ['0', '-1', '10y'],
  hashAlgorithm: ['MD5', 'sha256', 'BCRYPT', 'argon2id'],
  'hashAlgorithm.pbkdf2.iterations': ['0', '-1'],
  'hashAlgorithm.pbkdf2.digest': ['SHA-1', 'sha256'],
  'hashAlgorithm.argon2id.memory': ['4', '1048577'],
  'hashAlgorithm.argon2id.saltLength': ['4', '65'],
  maxResetCount: ['-3', 'many'],
  resetTarget: ['disabled', 'archived'],
};

/** bcrypt is a password scheme: a bad value anywhere else. */
const badOutsidePasswords = {
  ...badParameterValues,
  hashAlgorithm: [...(badParameterValues.hashAlgorithm ?? []), 'bcrypt'],
};

const badParametersOfType: {
  readonly [T in PolicyType]: Readonly<Record<string, readonly string[]>>;
} = {
  PwdPolicy: {
    ...badParameterValues,
    'hashAlgorithm.bcrypt.cost': ['3', '32', '12.5'],
    resetCodeEnabled: ['yes', '1'],
    minLength: ['-1', 'eight'],
    historyDepth: ['-1'],
  },
  TempStrongPasswordPolicy: {
    ...badOutsidePasswords,
    ticketLen0: ['-1', 'thirty'],
    ticketLen1: ['-4'],
    ticketCharacterSet: [''],
    singleUse: ['maybe'],
  },
  TicketPolicy: {
    ...badOutsidePasswords,
    ticketLength: ['0', '-1'],
    plainValueExposedToCaller: ['on'],
  },
  PUKPolicy: {
    ...badOutsidePasswords,
    pukLen: ['0', 'long'],
    maxCredSuccessCount: ['0', '-2'],
    pukCharacterSet: [''],
  },
};

/**
 * String maps of a policy type with at least one invalid value (a number out
 * of range, an unknown enum value, a non-boolean flag, an empty character
 * set): `decodePolicy` rejects every one.
 *
 * @example
 * import { invalidPolicyParametersArb } from 'credential-lifecycle/testing';
 * import { decodePolicy } from 'credential-lifecycle';
 * import fc from 'fast-check';
 * fc.assert(
 *   fc.property(invalidPolicyParametersArb('PUKPolicy'), (parameters) =>
 *     decodePolicy('PUKPolicy', 'p', parameters)._tag === 'Left'),
 * );
 */
export const invalidPolicyParametersArb = (
  type: PolicyType,
): fc.Arbitrary<Record<string, string>> => {
  const bad = Object.entries(badParametersOfType[type]).map(([name, values]) =>
    fc.constantFrom(...values).map((value) => [name, value] as const),
  );
  return fc
    .tuple(
      policyParametersArb(type),
      fc.uniqueArray(fc.oneof(...bad), {
        minLength: 1,
        maxLength: 3,
        selector: ([name]) => name,
      }),
    )
    .map(([{ parameters }, wrong]) => ({ ...parameters, ...Object.fromEntries(wrong) }));
};

// ---------------------------------------------------------------------------
// Lifecycles and credentials reached through events

const eventShapeArb = fc.oneof(
  { arbitrary: fc.constantFrom('login.failed' as const), weight: 4 },
  {
    arbitrary: fc.constantFrom(
      'login.succeeded' as const,
      'time.passes' as const,
      'admin.reset' as const,
      'admin.unlock' as const,
      'user.changedPassword' as const,
    ),
    weight: 4,
  },
  {
    arbitrary: fc.record(
      {
        stateName: stateNameArb,
        modificationComment: fc.constantFrom('moved', 'on leave', 'checked'),
      },
      { requiredKeys: [] },
    ),
    weight: 2,
  },
);

const gapArb = fc.constantFrom(0, 1_000, 30_000, 61_000, 3_600_000, 86_400_000);

/**
 * Lifecycles of a kind in any reachable state: a creation (any state a
 * creation may name) under a random policy, then random events at
 * increasing instants through `applyEvent`; refused events are skipped, and
 * consuming events (deletion, single-use logins) are never kept at the end.
 *
 * @example
 * import { lifecycleArb } from 'credential-lifecycle/testing';
 * import { isLifecycle } from 'credential-lifecycle';
 * import fc from 'fast-check';
 * fc.assert(fc.property(lifecycleArb('puk'), (l) => isLifecycle(l) && l.state !== 'deleted'));
 */
export const lifecycleArb = (kind: CredentialKind): fc.Arbitrary<Lifecycle> =>
  fc
    .record({
      policy: policyArb(policyTypeOfKind[kind]),
      start: fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }).map((s) => s * 1000),
      stateName: fc.option(fc.constantFrom(...createStates), { nil: undefined }),
      events: fc.array(fc.tuple(eventShapeArb, gapArb), { maxLength: 25 }),
    })
    .map(({ policy, start, stateName, events }) => {
      const rules = lifecycleRulesOf(policy);
      const created = createLifecycle({
        kind,
        rules,
        at: start,
        ...(stateName === undefined ? {} : { stateName }),
      });
      if (E.isLeft(created)) throw new Error('a creation state was refused');
      let lifecycle = created.right;
      let at = start;
      for (const [shape, gap] of events) {
        at += gap;
        const event: LifecycleEvent =
          typeof shape === 'string' ? { type: shape, at } : { type: 'admin.update', at, ...shape };
        const next = step(lifecycle, event);
        if (E.isRight(next) && !next.right.deleted) lifecycle = next.right.lifecycle;
      }
      return lifecycle;
    });

/**
 * Stored credentials of a kind in any reachable state (see
 * {@link lifecycleArb}), with a real salted hash of a random secret.
 *
 * @example
 * import { storedCredentialArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(storedCredentialArb('ticket'), 1)[0]?.secretHash.startsWith('{SSHA'); // true
 */
export const storedCredentialArb = (kind: CredentialKind): fc.Arbitrary<StoredCredential> =>
  fc
    .record({
      lifecycle: lifecycleArb(kind),
      extId: extIdArb,
      policyExtId: extIdArb,
      secret: fc.string({ minLength: 1, maxLength: 20 }),
      algorithm: fc.constantFrom('SSHA' as const, 'SSHA256' as const),
      salt: fc.integer(),
      identification: fc.option(textArb, { nil: undefined }),
      context: fc.option(textArb, { nil: undefined }),
    })
    .map(({ lifecycle, extId, policyExtId, secret, algorithm, salt, identification, context }) => ({
      kind,
      extId,
      policyExtId,
      secretHash: hashSecret(secret, { algorithm, random: seededRandom(salt) }),
      lifecycle,
      createdBy: 'admin',
      modifiedBy: 'admin',
      ...(kind === 'ticket' && identification !== undefined ? { identification } : {}),
      ...(kind === 'ticket' && context !== undefined ? { context } : {}),
    }));

/**
 * Credential resources on the wire (JSON, instants as ISO strings) of a kind
 * in any reachable state, as an administrator (or, with `selfAdmin`, the
 * user) sees them. They decode with `credentialCodecOfKind[kind]`.
 *
 * @example
 * import { reachableCredentialArb } from 'credential-lifecycle/testing';
 * import { credentialCodecOfKind } from 'credential-lifecycle';
 * import fc from 'fast-check';
 * fc.assert(
 *   fc.property(reachableCredentialArb('password'), (json) =>
 *     credentialCodecOfKind.password.decode(json)._tag === 'Right'),
 * );
 */
export const reachableCredentialArb = (
  kind: CredentialKind,
  options: { readonly selfAdmin?: boolean } = {},
): fc.Arbitrary<Json> =>
  fc.tuple(storedCredentialArb(kind), extIdArb).map(([credential, userExtId]) =>
    resourceOf(credential, userExtId, credential.secretHash, {
      name: options.selfAdmin === true ? userExtId : 'admin',
      selfAdmin: options.selfAdmin === true,
    }),
  );

// ---------------------------------------------------------------------------
// Request bodies on the wire

/**
 * The request actions that take a body.
 *
 * @example
 * import type { BodyAction } from 'credential-lifecycle/testing';
 * const a: BodyAction = 'patch';
 */
export type BodyAction = 'create' | 'patch' | 'reset' | 'unlock' | 'login';

const wire = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

const typedCreateArbs = {
  password: createPasswordRequestArb,
  tempStrongPassword: createTempStrongPasswordRequestArb,
  ticket: createTicketRequestArb,
  puk: createPukRequestArb,
} as const;

const typedPatchArbs = {
  password: patchPasswordRequestArb,
  tempStrongPassword: patchTempStrongPasswordRequestArb,
  ticket: patchTicketRequestArb,
  puk: patchPukRequestArb,
} as const;

const typedLoginArbs = {
  password: passwordLoginRequestArb,
  tempStrongPassword: tempStrongPasswordLoginRequestArb,
  ticket: ticketLoginRequestArb,
  puk: pukLoginRequestArb,
} as const;

/**
 * Valid wire bodies (JSON) of one operation of a kind, encoded with the
 * operation's codec (validity periods as ISO strings). `unlock` exists for
 * passwords only; other kinds give `{}` for it.
 *
 * @example
 * import { requestBodyArb } from 'credential-lifecycle/testing';
 * import { decodeRequestBody, patchRequestOfKind } from 'credential-lifecycle';
 * import fc from 'fast-check';
 * fc.assert(
 *   fc.property(requestBodyArb('ticket', 'patch'), (body) =>
 *     decodeRequestBody(patchRequestOfKind.ticket, body)._tag === 'Right'),
 * );
 */
export const requestBodyArb = (kind: CredentialKind, action: BodyAction): fc.Arbitrary<Json> => {
  switch (action) {
    case 'create': {
      const codec = createRequestOfKind[kind];
      return (typedCreateArbs[kind] as fc.Arbitrary<unknown>).map((b) =>
        wire(codec.encode(b as never)),
      );
    }
    case 'patch': {
      const codec = patchRequestOfKind[kind];
      return (typedPatchArbs[kind] as fc.Arbitrary<unknown>).map((b) =>
        wire(codec.encode(b as never)),
      );
    }
    case 'login': {
      const codec = loginRequestOfKind[kind];
      return (typedLoginArbs[kind] as fc.Arbitrary<unknown>).map((b) =>
        wire(codec.encode(b as never)),
      );
    }
    case 'reset':
      return kind === 'password'
        ? resetPasswordRequestArb.map((b) => wire(ResetPasswordRequestCodec.encode(b)))
        : fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })).map(wire);
    case 'unlock':
      return fc.constant({});
  }
};

const notAnObjectArb: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.integer().map((n): Json => n),
  fc.string({ maxLength: 10 }).map((s): Json => s),
  fc.array(fc.integer(), { maxLength: 3 }).map((a): Json => a),
  fc.boolean().map((b): Json => b),
);

const badDateArb = fc.constantFrom(
  'soon',
  '2026-02-30T00:00:00Z',
  '2026-05-04T12:34:56',
  '2026-13-01T00:00:00Z',
  '2026-05-04T24:00:00Z',
  '',
);

const badFieldsOf = (kind: CredentialKind, action: BodyAction): fc.Arbitrary<[string, Json]>[] => {
  const stateName = fc.constantFrom<Json>('locked', 'ACTIVE', 'deleted', 42, true, null);
  switch (action) {
    case 'create':
      return [
        stateName.map((v): [string, Json] => ['stateName', v]),
        fc
          .constantFrom<Json>('', 'has space', 'ä', 7, null)
          .map((v): [string, Json] => ['extId', v]),
        fc.constantFrom<Json>('', 5, false).map((v): [string, Json] => ['policyExtId', v]),
        ...(kind === 'password'
          ? [fc.constantFrom<Json>(42, null, ['x']).map((v): [string, Json] => ['password', v])]
          : []),
        ...(kind === 'ticket'
          ? [fc.constantFrom<Json>(1, {}).map((v): [string, Json] => ['identification', v])]
          : []),
      ];
    case 'patch':
      return [
        stateName.map((v): [string, Json] => ['stateName', v]),
        fc
          .constantFrom<Json>(-1, 1.5, '3', 2_147_483_648, null)
          .map((v): [string, Json] => ['version', v]),
        fc
          .constantFrom<Json>(3, false, null)
          .map((v): [string, Json] => ['modificationComment', v]),
        ...(kind === 'ticket' || kind === 'puk'
          ? [
              fc
                .tuple(badDateArb, fc.boolean())
                .map(([bad, atFrom]): [string, Json] => [
                  'validity',
                  atFrom
                    ? { from: bad, to: '2026-05-04T00:00:00Z' }
                    : { from: '2026-05-04T00:00:00Z', to: bad },
                ]),
              fc
                .constantFrom<Json>('2026-05-04T00:00:00Z', 5, {})
                .map((v): [string, Json] => ['validity', v]),
            ]
          : []),
      ];
    case 'login':
      return [];
    case 'reset':
      return kind === 'password'
        ? [fc.constantFrom<Json>(42, null, false).map((v): [string, Json] => ['password', v])]
        : [];
    case 'unlock':
      return [];
  }
};

/**
 * Invalid wire bodies of one operation of a kind: not a JSON object at all
 * (decoding answers 400), or an object with fields of the wrong type, enum
 * values that do not exist, impossible or offset-less dates, negative or
 * fractional versions (422). Login bodies may also lack their secret field.
 * Every one is rejected by the operation's codec through `decodeRequestBody`.
 *
 * @example
 * import { invalidRequestBodyArb } from 'credential-lifecycle/testing';
 * import { createRequestOfKind, decodeRequestBody } from 'credential-lifecycle';
 * import fc from 'fast-check';
 * fc.assert(
 *   fc.property(invalidRequestBodyArb('puk', 'create'), (body) =>
 *     decodeRequestBody(createRequestOfKind.puk, body)._tag === 'Left'),
 * );
 */
export const invalidRequestBodyArb = (
  kind: CredentialKind,
  action: BodyAction,
): fc.Arbitrary<Json> => {
  if (action === 'login') {
    const field = Object.keys(loginRequestOfKind[kind].type.props)[0] ?? kind;
    return fc.oneof(
      notAnObjectArb,
      fc.constant<Json>({}),
      fc.constantFrom<Json>(42, null, true, ['x']).map((v): Json => ({ [field]: v })),
    );
  }
  const bad = badFieldsOf(kind, action);
  if (bad.length === 0) return notAnObjectArb;
  return fc.oneof(
    { arbitrary: notAnObjectArb, weight: 1 },
    {
      arbitrary: fc.tuple(requestBodyArb(kind, action), fc.oneof(...bad)).map(
        ([valid, [name, value]]): Json => ({
          ...(typeof valid === 'object' && valid !== null && !Array.isArray(valid) ? valid : {}),
          [name]: value,
        }),
      ),
      weight: 4,
    },
  );
};
