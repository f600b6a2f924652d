/**
 * fast-check arbitraries for every value of the wire model. They depend only
 * on fast-check and the package's public API, so they can move to
 * `credential-lifecycle/testing` unchanged.
 */
import fc from 'fast-check';
import {
  type CreatePasswordRequest,
  type CreatePukRequest,
  type CreateTempStrongPasswordRequest,
  type CreateTicketRequest,
  type CredentialKind,
  CredentialTypeName,
  credentialKinds,
  type ErrorBody,
  type ErrorEntry,
  type Instant,
  type LoginResponse,
  type LoginStatusCode,
  type PasswordCredential,
  type PasswordResetResponse,
  type PatchPasswordRequest,
  type PatchPukRequest,
  type PatchTempStrongPasswordRequest,
  type PatchTicketRequest,
  type PukCredential,
  type ResetPasswordRequest,
  type StateChangeReason,
  type StateName,
  stateChangeReasons,
  stateNames,
  type TempStrongPasswordCredential,
  type TempStrongPasswordIssuedResponse,
  type TicketCredential,
  type Validity,
} from '../../src/index.js';

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, in epoch seconds. */
const FIRST_SECOND = -62_135_596_800;
const LAST_SECOND = 253_402_300_799;

/** Instants at whole seconds (the wire's precision) within years 0001–9999. */
export const instantArb: fc.Arbitrary<Instant> = fc
  .integer({ min: FIRST_SECOND, max: LAST_SECOND })
  .map((seconds) => seconds * 1000);

/** Counters and versions: integers from 0 to 2^31 - 1, biased towards small ones. */
export const countArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: 10 }),
  fc.integer({ min: 0, max: 2_147_483_647 }),
);

const extIdCharacters = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...'-@./_:()\\{}[]=!~+',
];

/** Well-formed external IDs. */
export const extIdArb: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(...extIdCharacters),
  minLength: 1,
  maxLength: 40,
});

/** Free text, any Unicode. */
export const textArb: fc.Arbitrary<string> = fc.string({ unit: 'binary', maxLength: 40 });

export const stateNameArb: fc.Arbitrary<StateName> = fc.constantFrom(...stateNames);
export const stateChangeReasonArb: fc.Arbitrary<StateChangeReason> = fc.constantFrom(
  ...stateChangeReasons,
);
const typeNames = Object.keys(CredentialTypeName.keys).filter(CredentialTypeName.is);
export const credentialTypeNameArb: fc.Arbitrary<CredentialTypeName> = fc.constantFrom(
  ...typeNames,
);
export const credentialKindArb: fc.Arbitrary<CredentialKind> = fc.constantFrom(...credentialKinds);

/** Validity periods with `from <= to`. */
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

/** A stored hash as the API shows it. */
export const hashArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('{SSHA}', '{SSHA256}'), fc.base64String({ minLength: 28, maxLength: 60 }))
  .map(([prefix, payload]) => prefix + payload);

export const passwordCredentialArb: fc.Arbitrary<PasswordCredential> = fc.record(
  { ...common, type: fc.constant('Password' as const), password: hashArb },
  { requiredKeys: [...requiredKeys] },
);

export const tempStrongPasswordCredentialArb: fc.Arbitrary<TempStrongPasswordCredential> =
  fc.record(
    {
      ...common,
      type: fc.constant('Temporary Strong Password' as const),
      tempStrongPassword: hashArb,
    },
    { requiredKeys: [...requiredKeys] },
  );

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

export const pukCredentialArb: fc.Arbitrary<PukCredential> = fc.record(
  { ...common, type: fc.constant('PUK' as const), puk: hashArb },
  { requiredKeys: [...requiredKeys] },
);

export const credentialResourceArb = fc.oneof(
  passwordCredentialArb,
  tempStrongPasswordCredentialArb,
  ticketCredentialArb,
  pukCredentialArb,
);

const createCommon = { extId: extIdArb, policyExtId: extIdArb, stateName: stateNameArb };
const patchCommon = { stateName: stateNameArb, modificationComment: textArb, version: countArb };

export const createPasswordRequestArb: fc.Arbitrary<CreatePasswordRequest> = fc.record(
  { ...createCommon, password: textArb },
  { requiredKeys: [] },
);
export const createTempStrongPasswordRequestArb: fc.Arbitrary<CreateTempStrongPasswordRequest> =
  fc.record(createCommon, { requiredKeys: [] });
export const createTicketRequestArb: fc.Arbitrary<CreateTicketRequest> = fc.record(
  { ...createCommon, identification: textArb, context: textArb },
  { requiredKeys: [] },
);
export const createPukRequestArb: fc.Arbitrary<CreatePukRequest> = fc.record(createCommon, {
  requiredKeys: [],
});
export const patchPasswordRequestArb: fc.Arbitrary<PatchPasswordRequest> = fc.record(patchCommon, {
  requiredKeys: [],
});
export const patchTempStrongPasswordRequestArb: fc.Arbitrary<PatchTempStrongPasswordRequest> =
  fc.record(patchCommon, { requiredKeys: [] });
export const patchTicketRequestArb: fc.Arbitrary<PatchTicketRequest> = fc.record(
  { ...patchCommon, identification: textArb, validity: validityArb },
  { requiredKeys: [] },
);
export const patchPukRequestArb: fc.Arbitrary<PatchPukRequest> = fc.record(
  { ...patchCommon, validity: validityArb },
  { requiredKeys: [] },
);
export const resetPasswordRequestArb: fc.Arbitrary<ResetPasswordRequest> = fc.record(
  { password: textArb },
  { requiredKeys: [] },
);
export const emptyRequestArb: fc.Arbitrary<Record<string, never>> = fc.constant({});
export const passwordLoginRequestArb = fc.record({ password: textArb });
export const tempStrongPasswordLoginRequestArb = fc.record({ tempStrongPassword: textArb });
export const ticketLoginRequestArb = fc.record({ ticket: textArb });
export const pukLoginRequestArb = fc.record({ puk: textArb });

export const loginStatusCodeArb: fc.Arbitrary<LoginStatusCode> = fc.constantFrom(5, 2, 3, 4, 9);
export const loginResponseArb: fc.Arbitrary<LoginResponse> = fc.record({
  statusCode: loginStatusCodeArb,
  description: textArb,
});
export const passwordResetResponseArb: fc.Arbitrary<PasswordResetResponse> = fc.record({
  passwordFragment: textArb,
});
export const tempStrongPasswordIssuedResponseArb: fc.Arbitrary<TempStrongPasswordIssuedResponse> =
  fc
    .tuple(
      tempStrongPasswordCredentialArb,
      fc.string({ unit: fc.constantFrom(...'abcXYZ0189'), minLength: 1, maxLength: 30 }),
    )
    .map(([credential, fragment]) => ({ ...credential, tempStrongPassword: fragment }));

export const errorEntryArb: fc.Arbitrary<ErrorEntry> = fc.record({
  code: fc.string().map((name) => `errors.${name}`),
  message: textArb,
});
export const errorBodyArb: fc.Arbitrary<ErrorBody> = fc.record({
  errors: fc.array(errorEntryArb, { maxLength: 4 }),
});
