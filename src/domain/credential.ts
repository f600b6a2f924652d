/**
 * The credential resource of each modelled kind, as GET, PATCH, create and
 * reset operations return it.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts';
import { typeNameOfKind } from './credential-type.js';
import { ExtId } from './ext-id.js';
import { IsoInstant } from './instant.js';
import { NonNegativeInt32 } from './int32.js';
import { StateChangeReason, StateName } from './state.js';
import { Validity } from './validity.js';

/** Fields every credential resource carries. */
const requiredCommon = {
  created: IsoInstant,
  lastModified: IsoInstant,
  version: NonNegativeInt32,
  extId: ExtId,
  userExtId: ExtId,
  stateName: StateName,
  successfulLoginCount: NonNegativeInt32,
  failedLoginCount: NonNegativeInt32,
  resetCount: NonNegativeInt32,
};

/**
 * Fields that may be absent: login dates before the first login, admin-only
 * fields in self-admin answers, details that were never set.
 */
const optionalCommon = {
  policyExtId: ExtId,
  stateChangeReason: StateChangeReason,
  stateChangeDetail: t.string,
  lastSuccessfulLoginDate: IsoInstant,
  lastFailedLoginDate: IsoInstant,
  modificationComment: t.string,
  validity: Validity,
  createdBy: t.string,
  modifiedBy: t.string,
  lastChangeDate: IsoInstant,
};

/**
 * The fields only administrators see; a self-admin answer omits them.
 *
 * @example
 * import { adminOnlyFields } from 'credential-lifecycle';
 * adminOnlyFields.includes('createdBy'); // true
 */
export const adminOnlyFields = ['createdBy', 'modifiedBy', 'lastChangeDate'] as const;

/**
 * The name of one admin-only field.
 *
 * @example
 * import type { AdminOnlyField } from 'credential-lifecycle';
 * const f: AdminOnlyField = 'lastChangeDate';
 */
export type AdminOnlyField = (typeof adminOnlyFields)[number];

/**
 * Codec for the password credential; `password` is the stored hash with its
 * algorithm prefix.
 *
 * @example
 * import { PasswordCredential } from 'credential-lifecycle';
 * PasswordCredential.decode({
 *   created: '2026-05-04T12:34:56Z',
 *   lastModified: '2026-05-04T12:34:56Z',
 *   version: 0,
 *   extId: 'pw-1',
 *   userExtId: 'u1',
 *   stateName: 'initial',
 *   type: 'Password',
 *   successfulLoginCount: 0,
 *   failedLoginCount: 0,
 *   resetCount: 0,
 * });
 * // right({ created: 1777898096000, lastModified: 1777898096000, version: 0, extId: 'pw-1', …,
 * //   stateName: 'initial', type: 'Password', successfulLoginCount: 0, failedLoginCount: 0, resetCount: 0 })
 */
export const PasswordCredential = t.exact(
  t.intersection([
    t.type({ ...requiredCommon, type: t.literal(typeNameOfKind.password) }),
    t.partial({ ...optionalCommon, password: t.string }),
  ]),
  'PasswordCredential',
);

/**
 * A password credential; instants are epoch milliseconds.
 *
 * @example
 * import type { PasswordCredential } from 'credential-lifecycle';
 * const pw: PasswordCredential = {
 *   created: 0, lastModified: 0, version: 0, extId: 'pw-1', userExtId: 'u1',
 *   stateName: 'active', type: 'Password',
 *   successfulLoginCount: 0, failedLoginCount: 0, resetCount: 0,
 * };
 */
export type PasswordCredential = t.TypeOf<typeof PasswordCredential>;

/**
 * Codec for the temporary strong password (TSP) credential.
 * `tempStrongPassword` is the hash with its algorithm prefix, except in create
 * and reset answers, where it is the plaintext first part.
 *
 * @example
 * import { TempStrongPasswordCredential } from 'credential-lifecycle';
 * TempStrongPasswordCredential.is({
 *   created: 0, lastModified: 0, version: 0, extId: 'tsp-1', userExtId: 'u1',
 *   stateName: 'initial', type: 'Temporary Strong Password',
 *   successfulLoginCount: 0, failedLoginCount: 0, resetCount: 0,
 * }); // true
 */
export const TempStrongPasswordCredential = t.exact(
  t.intersection([
    t.type({ ...requiredCommon, type: t.literal(typeNameOfKind.tempStrongPassword) }),
    t.partial({ ...optionalCommon, tempStrongPassword: t.string }),
  ]),
  'TempStrongPasswordCredential',
);

/**
 * A temporary strong password credential.
 *
 * @example
 * import type { TempStrongPasswordCredential } from 'credential-lifecycle';
 * const tsp: TempStrongPasswordCredential = {
 *   created: 0, lastModified: 0, version: 0, extId: 'tsp-1', userExtId: 'u1',
 *   stateName: 'initial', type: 'Temporary Strong Password',
 *   successfulLoginCount: 0, failedLoginCount: 0, resetCount: 0,
 *   tempStrongPassword: '{SSHA256}c2FsdGVkLWRpZ2VzdA==',
 * };
 */
export type TempStrongPasswordCredential = t.TypeOf<typeof TempStrongPasswordCredential>;

/**
 * Codec for the ticket credential: `ticket` is the hash, `identification` and
 * `context` tie it to its use, `failureCount` and `successCount` count its
 * verifications.
 *
 * @example
 * import { TicketCredential } from 'credential-lifecycle';
 * TicketCredential.decode({
 *   created: '2026-05-04T12:34:56Z', lastModified: '2026-05-04T12:34:56Z', version: 0,
 *   extId: 't-1', userExtId: 'u1', stateName: 'active', type: 'Ticket Authorization',
 *   successfulLoginCount: 0, failedLoginCount: 0, resetCount: 0,
 *   identification: 'order-42', context: 'checkout', failureCount: 0, successCount: 0,
 * })._tag;
 * // 'Right' (the dates become instants: created 1777898096000)
 */
export const TicketCredential = t.exact(
  t.intersection([
    t.type({ ...requiredCommon, type: t.literal(typeNameOfKind.ticket) }),
    t.partial({
      ...optionalCommon,
      ticket: t.string,
      identification: t.string,
      context: t.string,
      failureCount: NonNegativeInt32,
      successCount: NonNegativeInt32,
    }),
  ]),
  'TicketCredential',
);

/**
 * A ticket credential.
 *
 * @example
 * import type { TicketCredential } from 'credential-lifecycle';
 * const ticket: TicketCredential = {
 *   created: 0, lastModified: 0, version: 0, extId: 't-1', userExtId: 'u1',
 *   stateName: 'active', type: 'Ticket Authorization',
 *   successfulLoginCount: 0, failedLoginCount: 0, resetCount: 0, successCount: 0,
 * };
 */
export type TicketCredential = t.TypeOf<typeof TicketCredential>;

/**
 * Codec for the PUK credential; `puk` is the hash, or the plain value when
 * the policy exposes it to the caller.
 *
 * @example
 * import { PukCredential } from 'credential-lifecycle';
 * PukCredential.is({ type: 'Password' }); // false
 */
export const PukCredential = t.exact(
  t.intersection([
    t.type({ ...requiredCommon, type: t.literal(typeNameOfKind.puk) }),
    t.partial({ ...optionalCommon, puk: t.string }),
  ]),
  'PukCredential',
);

/**
 * A PUK credential.
 *
 * @example
 * import type { PukCredential } from 'credential-lifecycle';
 * const puk: PukCredential = {
 *   created: 0, lastModified: 0, version: 1, extId: 'puk-1', userExtId: 'u1',
 *   stateName: 'active', stateChangeReason: 'reset', type: 'PUK',
 *   successfulLoginCount: 0, failedLoginCount: 0, resetCount: 1,
 * };
 */
export type PukCredential = t.TypeOf<typeof PukCredential>;

/**
 * The resource codec of each kind.
 *
 * @example
 * import { credentialCodecOfKind } from 'credential-lifecycle';
 * credentialCodecOfKind.puk.name; // 'PukCredential'
 */
export const credentialCodecOfKind = {
  password: PasswordCredential,
  tempStrongPassword: TempStrongPasswordCredential,
  ticket: TicketCredential,
  puk: PukCredential,
} as const;

/**
 * The resource type of one kind.
 *
 * @example
 * import type { CredentialOfKind, PukCredential } from 'credential-lifecycle';
 * const same = (c: CredentialOfKind<'puk'>): PukCredential => c;
 */
export type CredentialOfKind<K extends keyof typeof credentialCodecOfKind> = t.TypeOf<
  (typeof credentialCodecOfKind)[K]
>;

/**
 * Codec for a credential resource of any of the four kinds; `type` tells
 * them apart.
 *
 * @example
 * import { CredentialResource } from 'credential-lifecycle';
 * const r = CredentialResource.decode({ type: 'OATH' });
 * r._tag; // 'Left': only the four modelled kinds decode
 */
export const CredentialResource = t.union(
  [PasswordCredential, TempStrongPasswordCredential, TicketCredential, PukCredential],
  'CredentialResource',
);

/**
 * A credential resource of any modelled kind.
 *
 * @example
 * import type { CredentialResource } from 'credential-lifecycle';
 * const secretOf = (c: CredentialResource): string | undefined =>
 *   c.type === 'PUK' ? c.puk : c.type === 'Password' ? c.password : undefined;
 */
export type CredentialResource = t.TypeOf<typeof CredentialResource>;
