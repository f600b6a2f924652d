/**
 * Success bodies that are not a plain credential resource, and the self-admin
 * projection of credential resources.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts';
import {
  type AdminOnlyField,
  PasswordCredential,
  TempStrongPasswordCredential,
} from './credential.js';
import { IsoInstant } from './instant.js';

/**
 * Codec for the outcome code of a login: `5` succeeded, `2` failed, `3`
 * failed and the next failure locks, `4` failed and is now fail-locked, `9`
 * failed and is now tmp-locked.
 *
 * @example
 * import { LoginStatusCode } from 'credential-lifecycle';
 * LoginStatusCode.is(9); // true
 * LoginStatusCode.is(1); // false
 */
export const LoginStatusCode = t.union(
  [t.literal(5), t.literal(2), t.literal(3), t.literal(4), t.literal(9)],
  'LoginStatusCode',
);

/**
 * One login outcome code.
 *
 * @example
 * import type { LoginStatusCode } from 'credential-lifecycle';
 * const ok: LoginStatusCode = 5;
 */
export type LoginStatusCode = t.TypeOf<typeof LoginStatusCode>;

/**
 * Codec for the answer to a login attempt: the outcome code and a text
 * describing it. A successful login (5) with a password its user must still
 * change (`initial` or `admin-changed` under `initialPwchangeRequired`) adds
 * `passwordChangeRequired: true` and, when the change period is limited,
 * `passwordChangeDue`: the last instant such a login still succeeds.
 *
 * @example
 * import { LoginResponse } from 'credential-lifecycle';
 * LoginResponse.decode({ statusCode: 3, description: 'failed; the next failure locks' });
 * LoginResponse.decode({
 *   statusCode: 5,
 *   description: 'login succeeded; the password must be changed',
 *   passwordChangeRequired: true,
 *   passwordChangeDue: '2026-05-05T12:00:00Z',
 * }); // right({ …, passwordChangeDue: 1777982400000 })
 */
export const LoginResponse = t.exact(
  t.intersection([
    t.type({ statusCode: LoginStatusCode, description: t.string }),
    t.partial({ passwordChangeRequired: t.boolean, passwordChangeDue: IsoInstant }),
  ]),
  'LoginResponse',
);

/**
 * The answer to a login attempt.
 *
 * @example
 * import type { LoginResponse } from 'credential-lifecycle';
 * const answer: LoginResponse = { statusCode: 5, description: 'ok' };
 */
export type LoginResponse = t.TypeOf<typeof LoginResponse>;

/**
 * Codec for the answer to a password reset whose policy generates the new
 * password: the part of it handed to the caller.
 *
 * @example
 * import { PasswordResetResponse } from 'credential-lifecycle';
 * PasswordResetResponse.encode({ passwordFragment: 'x7Kq' }); // { passwordFragment: 'x7Kq' }
 */
export const PasswordResetResponse = t.exact(
  t.type({ passwordFragment: t.string }),
  'PasswordResetResponse',
);

/**
 * The answer to a password reset with a generated password.
 *
 * @example
 * import type { PasswordResetResponse } from 'credential-lifecycle';
 * const answer: PasswordResetResponse = { passwordFragment: 'x7Kq' };
 */
export type PasswordResetResponse = t.TypeOf<typeof PasswordResetResponse>;

/**
 * Codec for the answer to creating a password: the password resource, and
 * when the server generated the password and its policy shows it
 * (`resetCodeEnabled`), the part handed to the caller in `passwordFragment`.
 *
 * @example
 * import { PasswordCreatedResponse } from 'credential-lifecycle';
 * PasswordCreatedResponse.is({
 *   created: 0, lastModified: 0, version: 0, extId: 'pw-1', userExtId: 'u1',
 *   stateName: 'initial', type: 'Password',
 *   successfulLoginCount: 0, failedLoginCount: 0, resetCount: 0,
 *   passwordFragment: 'x7Kq',
 * }); // true
 */
export const PasswordCreatedResponse = t.exact(
  t.intersection([PasswordCredential.type, t.partial({ passwordFragment: t.string })]),
  'PasswordCreatedResponse',
);

/**
 * The answer to creating a password.
 *
 * @example
 * import type { PasswordCreatedResponse } from 'credential-lifecycle';
 * const fragmentOf = (r: PasswordCreatedResponse): string | undefined => r.passwordFragment;
 */
export type PasswordCreatedResponse = t.TypeOf<typeof PasswordCreatedResponse>;

/**
 * Codec for the answer to creating or resetting a temporary strong password
 * when the policy exposes the first part: the TSP resource whose
 * `tempStrongPassword` is that plaintext part (so it is required here).
 *
 * @example
 * import { TempStrongPasswordIssuedResponse } from 'credential-lifecycle';
 * TempStrongPasswordIssuedResponse.is({
 *   created: 0, lastModified: 0, version: 0, extId: 'tsp-1', userExtId: 'u1',
 *   stateName: 'initial', type: 'Temporary Strong Password',
 *   successfulLoginCount: 0, failedLoginCount: 0, resetCount: 0,
 * }); // false: the fragment is missing
 */
export const TempStrongPasswordIssuedResponse = t.exact(
  t.intersection([TempStrongPasswordCredential.type, t.type({ tempStrongPassword: t.string })]),
  'TempStrongPasswordIssuedResponse',
);

/**
 * A TSP resource carrying the plaintext first part.
 *
 * @example
 * import type { TempStrongPasswordIssuedResponse } from 'credential-lifecycle';
 * const fragmentOf = (r: TempStrongPasswordIssuedResponse): string => r.tempStrongPassword;
 */
export type TempStrongPasswordIssuedResponse = t.TypeOf<typeof TempStrongPasswordIssuedResponse>;

/**
 * A resource as a self-administering user sees it: without the admin-only
 * fields.
 *
 * @example
 * import type { PukCredential, SelfAdminView } from 'credential-lifecycle';
 * type OwnPuk = SelfAdminView<PukCredential>; // no createdBy, modifiedBy, lastChangeDate
 */
export type SelfAdminView<A> = Omit<A, AdminOnlyField>;

/**
 * Removes `createdBy`, `modifiedBy` and `lastChangeDate` from a credential
 * resource, for answers to a user acting on their own credentials. The input
 * is not modified.
 *
 * @example
 * import { selfAdminView, type TicketCredential } from 'credential-lifecycle';
 * const own = (c: TicketCredential) => selfAdminView(c);
 * own; // (c) => a TicketCredential without the admin-only fields
 */
export const selfAdminView = <A extends object>(resource: A): SelfAdminView<A> => {
  const withAdminFields: A & Partial<Record<AdminOnlyField, unknown>> = resource;
  const {
    createdBy: _createdBy,
    modifiedBy: _modifiedBy,
    lastChangeDate: _lastChangeDate,
    ...view
  } = withAdminFields;
  return view;
};
