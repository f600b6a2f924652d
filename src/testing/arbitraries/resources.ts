/**
 * Credential resources of the four kinds with any field values (the decoded
 * form: instants as numbers), and stored hashes as the API shows them.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import type {
  PasswordCredential,
  PukCredential,
  TempStrongPasswordCredential,
  TicketCredential,
} from '../../index.js';
import {
  countArb,
  extIdArb,
  instantArb,
  stateChangeReasonArb,
  stateNameArb,
  textArb,
  validityArb,
} from './values.js';

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
 * // undefined: the property holds (fc.assert throws on a counterexample)
 * fc.sample(hashArb, { seed: 1, numRuns: 1 }); // ['{SSHA256}BhsEnumerablehasOwnPropertycallisPrkeytoStringgTcallt+Cf']
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
 * // undefined: the property holds (fc.assert throws on a counterexample)
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
 * // undefined: the property holds (fc.assert throws on a counterexample)
 */
export const credentialResourceArb = fc.oneof(
  passwordCredentialArb,
  tempStrongPasswordCredentialArb,
  ticketCredentialArb,
  pukCredentialArb,
);
