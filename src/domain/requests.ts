/**
 * Request bodies of the credential operations. Every codec ignores (strips)
 * fields it does not know and rejects values outside a field's enum or format.
 * Decode them with `decodeRequestBody` to get 400/422 errors as values.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts';
import { ExtId } from './ext-id.js';
import { NonNegativeInt32 } from './int32.js';
import { StateName } from './state.js';
import { Validity } from './validity.js';

/** Fields every create body may carry. */
const createCommon = { extId: ExtId, policyExtId: ExtId, stateName: StateName };

/** Fields every PATCH body may carry. */
const patchCommon = {
  stateName: StateName,
  modificationComment: t.string,
  version: NonNegativeInt32,
};

/**
 * Codec for the body of creating a password. `password` is the plaintext the
 * caller chooses; without it the server generates one when the policy's
 * `resetCodeEnabled` is set.
 *
 * @example
 * import { CreatePasswordRequest, decodeRequestBody } from 'credential-lifecycle';
 * decodeRequestBody(CreatePasswordRequest, { password: 'c0rrect-Horse', stateName: 'active' });
 * // right({ password: 'c0rrect-Horse', stateName: 'active' })
 */
export const CreatePasswordRequest = t.exact(
  t.partial({ ...createCommon, password: t.string }),
  'CreatePasswordRequest',
);

/**
 * The decoded body of creating a password.
 *
 * @example
 * import type { CreatePasswordRequest } from 'credential-lifecycle';
 * const body: CreatePasswordRequest = { extId: 'pw-1' };
 */
export type CreatePasswordRequest = t.TypeOf<typeof CreatePasswordRequest>;

/**
 * Codec for the body of creating a temporary strong password; the server
 * always generates the value.
 *
 * @example
 * import { CreateTempStrongPasswordRequest } from 'credential-lifecycle';
 * CreateTempStrongPasswordRequest.decode({ policyExtId: 'tsp-policy', colour: 'red' });
 * // right({ policyExtId: 'tsp-policy' }): unknown fields are dropped
 */
export const CreateTempStrongPasswordRequest = t.exact(
  t.partial(createCommon),
  'CreateTempStrongPasswordRequest',
);

/**
 * The decoded body of creating a temporary strong password.
 *
 * @example
 * import type { CreateTempStrongPasswordRequest } from 'credential-lifecycle';
 * const body: CreateTempStrongPasswordRequest = {};
 */
export type CreateTempStrongPasswordRequest = t.TypeOf<typeof CreateTempStrongPasswordRequest>;

/**
 * Codec for the body of creating a ticket, with the optional
 * `identification` and `context` it is bound to.
 *
 * @example
 * import { CreateTicketRequest } from 'credential-lifecycle';
 * CreateTicketRequest.decode({ stateName: 'active', identification: 'order-42', context: 'checkout' });
 * // right({ stateName: 'active', identification: 'order-42', context: 'checkout' })
 */
export const CreateTicketRequest = t.exact(
  t.partial({ ...createCommon, identification: t.string, context: t.string }),
  'CreateTicketRequest',
);

/**
 * The decoded body of creating a ticket.
 *
 * @example
 * import type { CreateTicketRequest } from 'credential-lifecycle';
 * const body: CreateTicketRequest = { identification: 'order-42' };
 */
export type CreateTicketRequest = t.TypeOf<typeof CreateTicketRequest>;

/**
 * Codec for the body of creating a PUK; the server generates the value.
 *
 * @example
 * import { CreatePukRequest } from 'credential-lifecycle';
 * CreatePukRequest.decode({ stateName: 'locked' }); // left: not a state name
 */
export const CreatePukRequest = t.exact(t.partial(createCommon), 'CreatePukRequest');

/**
 * The decoded body of creating a PUK.
 *
 * @example
 * import type { CreatePukRequest } from 'credential-lifecycle';
 * const body: CreatePukRequest = { extId: 'puk-1', stateName: 'disabled' };
 */
export type CreatePukRequest = t.TypeOf<typeof CreatePukRequest>;

/**
 * Codec for the body of a password PATCH: a new state, a comment and the
 * `version` the caller last saw (for optimistic locking).
 *
 * @example
 * import { PatchPasswordRequest } from 'credential-lifecycle';
 * PatchPasswordRequest.decode({ stateName: 'disabled', modificationComment: 'left the company', version: 3 });
 * // right({ stateName: 'disabled', modificationComment: 'left the company', version: 3 })
 */
export const PatchPasswordRequest = t.exact(t.partial(patchCommon), 'PatchPasswordRequest');

/**
 * The decoded body of a password PATCH.
 *
 * @example
 * import type { PatchPasswordRequest } from 'credential-lifecycle';
 * const body: PatchPasswordRequest = { stateName: 'active', version: 2 };
 */
export type PatchPasswordRequest = t.TypeOf<typeof PatchPasswordRequest>;

/**
 * Codec for the body of a temporary strong password PATCH.
 *
 * @example
 * import { PatchTempStrongPasswordRequest } from 'credential-lifecycle';
 * PatchTempStrongPasswordRequest.decode({ version: -1 }); // left: versions are non-negative
 */
export const PatchTempStrongPasswordRequest = t.exact(
  t.partial(patchCommon),
  'PatchTempStrongPasswordRequest',
);

/**
 * The decoded body of a temporary strong password PATCH.
 *
 * @example
 * import type { PatchTempStrongPasswordRequest } from 'credential-lifecycle';
 * const body: PatchTempStrongPasswordRequest = { modificationComment: 'sent by letter' };
 */
export type PatchTempStrongPasswordRequest = t.TypeOf<typeof PatchTempStrongPasswordRequest>;

/**
 * Codec for the body of a ticket PATCH, which may also replace the
 * `identification` and the `validity` period.
 *
 * @example
 * import { PatchTicketRequest } from 'credential-lifecycle';
 * PatchTicketRequest.decode({
 *   identification: 'order-43',
 *   validity: { from: '2026-05-04T00:00:00Z', to: '2026-05-09T00:00:00Z' },
 * });
 * // right({ identification: 'order-43', validity: { from: 1777852800000, to: 1778284800000 } })
 */
export const PatchTicketRequest = t.exact(
  t.partial({ ...patchCommon, identification: t.string, validity: Validity }),
  'PatchTicketRequest',
);

/**
 * The decoded body of a ticket PATCH.
 *
 * @example
 * import type { PatchTicketRequest } from 'credential-lifecycle';
 * const body: PatchTicketRequest = { validity: { from: 0, to: 432_000_000 } };
 */
export type PatchTicketRequest = t.TypeOf<typeof PatchTicketRequest>;

/**
 * Codec for the body of a PUK PATCH, which may also replace the `validity`
 * period.
 *
 * @example
 * import { PatchPukRequest } from 'credential-lifecycle';
 * PatchPukRequest.decode({ validity: { from: '2026-05-04T00:00:00Z', to: 'soon' } }); // left at $.validity.to
 */
export const PatchPukRequest = t.exact(
  t.partial({ ...patchCommon, validity: Validity }),
  'PatchPukRequest',
);

/**
 * The decoded body of a PUK PATCH.
 *
 * @example
 * import type { PatchPukRequest } from 'credential-lifecycle';
 * const body: PatchPukRequest = { stateName: 'archived', version: 7 };
 */
export type PatchPukRequest = t.TypeOf<typeof PatchPukRequest>;

/**
 * Codec for the body of a reset (any kind): the operation takes no fields,
 * so any JSON object decodes to `{}`. A server treats an absent body as `{}`.
 *
 * @example
 * import { ResetRequest } from 'credential-lifecycle';
 * ResetRequest.decode({ anything: 1 }); // right({})
 */
export const ResetRequest = t.exact(t.partial({}), 'ResetRequest');

/**
 * The decoded body of a reset: always empty.
 *
 * @example
 * import type { ResetRequest } from 'credential-lifecycle';
 * const body: ResetRequest = {};
 */
export type ResetRequest = t.TypeOf<typeof ResetRequest>;

/**
 * Codec for the body of a password unlock: no fields, like a reset.
 *
 * @example
 * import { UnlockRequest } from 'credential-lifecycle';
 * UnlockRequest.decode({}); // right({})
 */
export const UnlockRequest = t.exact(t.partial({}), 'UnlockRequest');

/**
 * The decoded body of an unlock: always empty.
 *
 * @example
 * import type { UnlockRequest } from 'credential-lifecycle';
 * const body: UnlockRequest = {};
 */
export type UnlockRequest = t.TypeOf<typeof UnlockRequest>;

/**
 * Codec for a password login attempt: `{ password }`, the plaintext to check.
 *
 * @example
 * import { PasswordLoginRequest } from 'credential-lifecycle';
 * PasswordLoginRequest.decode({}); // left at $.password
 */
export const PasswordLoginRequest = t.exact(t.type({ password: t.string }), 'PasswordLoginRequest');

/**
 * A decoded password login attempt.
 *
 * @example
 * import type { PasswordLoginRequest } from 'credential-lifecycle';
 * const body: PasswordLoginRequest = { password: 'c0rrect-Horse' };
 */
export type PasswordLoginRequest = t.TypeOf<typeof PasswordLoginRequest>;

/**
 * Codec for a temporary strong password login attempt:
 * `{ tempStrongPassword }`, both parts joined.
 *
 * @example
 * import { TempStrongPasswordLoginRequest } from 'credential-lifecycle';
 * TempStrongPasswordLoginRequest.decode({ tempStrongPassword: 'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1' });
 * // right({ tempStrongPassword: 'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1' })
 */
export const TempStrongPasswordLoginRequest = t.exact(
  t.type({ tempStrongPassword: t.string }),
  'TempStrongPasswordLoginRequest',
);

/**
 * A decoded temporary strong password login attempt.
 *
 * @example
 * import type { TempStrongPasswordLoginRequest } from 'credential-lifecycle';
 * const body: TempStrongPasswordLoginRequest = { tempStrongPassword: 'x' };
 */
export type TempStrongPasswordLoginRequest = t.TypeOf<typeof TempStrongPasswordLoginRequest>;

/**
 * Codec for a ticket login attempt: `{ ticket }`.
 *
 * @example
 * import { TicketLoginRequest } from 'credential-lifecycle';
 * TicketLoginRequest.decode({ ticket: 42 }); // left: expected string at $.ticket
 */
export const TicketLoginRequest = t.exact(t.type({ ticket: t.string }), 'TicketLoginRequest');

/**
 * A decoded ticket login attempt.
 *
 * @example
 * import type { TicketLoginRequest } from 'credential-lifecycle';
 * const body: TicketLoginRequest = { ticket: 'x' };
 */
export type TicketLoginRequest = t.TypeOf<typeof TicketLoginRequest>;

/**
 * Codec for a PUK login attempt: `{ puk }`.
 *
 * @example
 * import { PukLoginRequest } from 'credential-lifecycle';
 * PukLoginRequest.decode({ puk: 'x', password: 'ignored' }); // right({ puk: 'x' })
 */
export const PukLoginRequest = t.exact(t.type({ puk: t.string }), 'PukLoginRequest');

/**
 * A decoded PUK login attempt.
 *
 * @example
 * import type { PukLoginRequest } from 'credential-lifecycle';
 * const body: PukLoginRequest = { puk: 'x' };
 */
export type PukLoginRequest = t.TypeOf<typeof PukLoginRequest>;

/**
 * The create body codec of each kind.
 *
 * @example
 * import { createRequestOfKind, decodeRequestBody } from 'credential-lifecycle';
 * decodeRequestBody(createRequestOfKind.ticket, { context: 'checkout' }); // right({ context: 'checkout' })
 */
export const createRequestOfKind = {
  password: CreatePasswordRequest,
  tempStrongPassword: CreateTempStrongPasswordRequest,
  ticket: CreateTicketRequest,
  puk: CreatePukRequest,
} as const;

/**
 * The PATCH body codec of each kind.
 *
 * @example
 * import { patchRequestOfKind } from 'credential-lifecycle';
 * patchRequestOfKind.puk.decode({ version: 1 }); // right({ version: 1 })
 */
export const patchRequestOfKind = {
  password: PatchPasswordRequest,
  tempStrongPassword: PatchTempStrongPasswordRequest,
  ticket: PatchTicketRequest,
  puk: PatchPukRequest,
} as const;

/**
 * The login body codec of each kind; each has one required field, named like
 * the kind.
 *
 * @example
 * import { loginRequestOfKind } from 'credential-lifecycle';
 * loginRequestOfKind.ticket.decode({ ticket: 'x' }); // right({ ticket: 'x' })
 */
export const loginRequestOfKind = {
  password: PasswordLoginRequest,
  tempStrongPassword: TempStrongPasswordLoginRequest,
  ticket: TicketLoginRequest,
  puk: PukLoginRequest,
} as const;

/**
 * Body of POST `…/password/reset`: optionally the new password. Without one
 * the server generates it (per the policy's `resetCodeEnabled`); with one from
 * the user themself (self-admin), it is the user's own password change.
 *
 * @example
 * import { ResetPasswordRequest } from 'credential-lifecycle';
 * ResetPasswordRequest.decode({ password: 'N3w!password' }); // right({ password: 'N3w!password' })
 */
export const ResetPasswordRequest = t.exact(
  t.partial({ password: t.string }),
  'ResetPasswordRequest',
);

/**
 * Decoded body of POST `…/password/reset`.
 *
 * @example
 * import type { ResetPasswordRequest } from 'credential-lifecycle';
 * const generated: ResetPasswordRequest = {};
 */
export type ResetPasswordRequest = t.TypeOf<typeof ResetPasswordRequest>;
