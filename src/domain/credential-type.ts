/**
 * Credential types: the 22 display names of the wire format and the four kinds
 * this library models.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts';

/**
 * Codec for the 22 credential type display names the API can return in `type`.
 *
 * @example
 * import { CredentialTypeName } from 'credential-lifecycle';
 * CredentialTypeName.is('Temporary Strong Password'); // true
 */
export const CredentialTypeName = t.keyof(
  {
    Password: null,
    Certificate: null,
    'SecurID User Mapping': null,
    'Ticket Authorization': null,
    'Safeword User Mapping': null,
    'OTP Card': null,
    'Temporary Strong Password': null,
    'Generic Credential': null,
    Kerberos: null,
    mTan: null,
    Vasco: null,
    PUK: null,
    'URL Ticket': null,
    DevicePassword: null,
    MobileSignature: null,
    'SAML Federation': null,
    'Security Questions': null,
    'Context Password': null,
    OATH: null,
    'FIDO UAF Authenticator': null,
    'Recovery Code': null,
    'FIDO2 Authenticator': null,
  },
  'CredentialTypeName',
);

/**
 * A credential type display name.
 *
 * @example
 * import type { CredentialTypeName } from 'credential-lifecycle';
 * const n: CredentialTypeName = 'PUK';
 */
export type CredentialTypeName = t.TypeOf<typeof CredentialTypeName>;

/**
 * Codec for the four credential kinds this library models. Each kind's name is
 * also the name of the field that carries its secret on the wire.
 *
 * @example
 * import { CredentialKind } from 'credential-lifecycle';
 * CredentialKind.is('tempStrongPassword'); // true
 */
export const CredentialKind = t.keyof(
  { password: null, tempStrongPassword: null, ticket: null, puk: null },
  'CredentialKind',
);

/**
 * One of the four modelled credential kinds.
 *
 * @example
 * import type { CredentialKind } from 'credential-lifecycle';
 * const k: CredentialKind = 'ticket';
 */
export type CredentialKind = t.TypeOf<typeof CredentialKind>;

/**
 * The four kinds, in a fixed order.
 *
 * @example
 * import { credentialKinds } from 'credential-lifecycle';
 * credentialKinds; // ['password', 'tempStrongPassword', 'ticket', 'puk']
 */
export const credentialKinds: readonly CredentialKind[] = [
  'password',
  'tempStrongPassword',
  'ticket',
  'puk',
];

/**
 * The display name (`type` field) of each kind.
 *
 * @example
 * import { typeNameOfKind } from 'credential-lifecycle';
 * typeNameOfKind.ticket; // 'Ticket Authorization'
 */
export const typeNameOfKind = {
  password: 'Password',
  tempStrongPassword: 'Temporary Strong Password',
  ticket: 'Ticket Authorization',
  puk: 'PUK',
} as const satisfies Record<CredentialKind, CredentialTypeName>;

/**
 * The path segment under `…/users/{userExtId}/` of each kind.
 *
 * @example
 * import { pathSegmentOfKind } from 'credential-lifecycle';
 * pathSegmentOfKind.tempStrongPassword; // 'tempstrong-password'
 */
export const pathSegmentOfKind = {
  password: 'password',
  tempStrongPassword: 'tempstrong-password',
  ticket: 'ticket',
  puk: 'puk',
} as const satisfies Record<CredentialKind, string>;
