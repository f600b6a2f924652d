/**
 * Typed request and answer bodies of every operation: create, patch, reset
 * and login requests, login, reset and issued answers, and error bodies.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import type {
  CreatePasswordRequest,
  CreatePukRequest,
  CreateTempStrongPasswordRequest,
  CreateTicketRequest,
  ErrorBody,
  ErrorEntry,
  LoginResponse,
  LoginStatusCode,
  PasswordResetResponse,
  PatchPasswordRequest,
  PatchPukRequest,
  PatchTempStrongPasswordRequest,
  PatchTicketRequest,
  ResetPasswordRequest,
  TempStrongPasswordIssuedResponse,
} from '../../index.js';
import { tempStrongPasswordCredentialArb } from './resources.js';
import { countArb, extIdArb, stateNameArb, textArb, validityArb } from './values.js';

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
 * // undefined: the property holds (fc.assert throws on a counterexample)
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
 * fc.sample(createTempStrongPasswordRequestArb, { seed: 1, numRuns: 1 }); // [{ extId: 'apply', stateName: 'active' }]
 */
export const createTempStrongPasswordRequestArb: fc.Arbitrary<CreateTempStrongPasswordRequest> =
  fc.record(createCommon, { requiredKeys: [] });

/**
 * Decoded create-ticket bodies.
 *
 * @example
 * import { createTicketRequestArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(createTicketRequestArb, { seed: 7, numRuns: 1 }); // [{ extId: 'Eyn-}g', policyExtId: 'A' }]
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
 * fc.sample(createPukRequestArb, { seed: 1, numRuns: 1 }); // [{ extId: 'apply', stateName: 'active' }]
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
 * fc.sample(patchPasswordRequestArb, { seed: 2, numRuns: 1 }); // [{ stateName: 'tmp-locked', version: 12 }]
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
 * fc.sample(patchTempStrongPasswordRequestArb, { seed: 2, numRuns: 1 }); // [{ stateName: 'tmp-locked', version: 12 }]
 */
export const patchTempStrongPasswordRequestArb: fc.Arbitrary<PatchTempStrongPasswordRequest> =
  fc.record(patchCommon, { requiredKeys: [] });

/**
 * Decoded ticket PATCH bodies (validity with numbers; encode for the wire).
 *
 * @example
 * import { patchTicketRequestArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(patchTicketRequestArb, { seed: 32, numRuns: 1 }); // [{ modificationComment: 'toString', version: 9 }]
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
 * fc.sample(patchPukRequestArb, { seed: 2, numRuns: 1 }); // [{ stateName: 'tmp-locked', version: 12, validity: { from: -62135596773000, to: -1000 } }]
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
 * fc.sample(resetPasswordRequestArb, { seed: 1, numRuns: 1 }); // [{ password: 'length' }]
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
 * fc.sample(passwordLoginRequestArb, { seed: 2, numRuns: 1 }); // [{ password: 'ha' }]
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
 * fc.sample(tempStrongPasswordLoginRequestArb, { seed: 2, numRuns: 1 }); // [{ tempStrongPassword: 'ha' }]
 */
export const tempStrongPasswordLoginRequestArb: fc.Arbitrary<{ tempStrongPassword: string }> =
  fc.record({ tempStrongPassword: textArb });

/**
 * Ticket login bodies.
 *
 * @example
 * import { ticketLoginRequestArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(ticketLoginRequestArb, { seed: 2, numRuns: 1 }); // [{ ticket: 'ha' }]
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
 * fc.sample(pukLoginRequestArb, { seed: 2, numRuns: 1 }); // [{ puk: 'ha' }]
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
 * fc.sample(loginResponseArb, { seed: 1, numRuns: 1 }); // [{ statusCode: 2, description: 'length' }]
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
 * fc.sample(passwordResetResponseArb, { seed: 2, numRuns: 1 }); // [{ passwordFragment: 'ha' }]
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
 * fc.assert(fc.property(tempStrongPasswordIssuedResponseArb, (r) => r.type === 'Temporary Strong Password'));
 * // undefined: the property holds (fc.assert throws on a counterexample)
 * fc.sample(tempStrongPasswordIssuedResponseArb, { seed: 1, numRuns: 1 })[0]?.tempStrongPassword; // '81ccb80b'
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
 * fc.sample(errorEntryArb, { seed: 7, numRuns: 1 }); // [{ code: "errors.5'm", message: 'oS' }]
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
 * fc.sample(errorBodyArb, { seed: 1, numRuns: 1 }); // [{ errors: [] }]
 */
export const errorBodyArb: fc.Arbitrary<ErrorBody> = fc.record({
  errors: fc.array(errorEntryArb, { maxLength: 4 }),
});
