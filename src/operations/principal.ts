/**
 * Who is calling: an administrator holding `AccessControl.*` permissions, or a
 * user acting on their own data (self-admin).
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import { type ApiError, apiError, ErrorCode } from '../domain/errors.js';

/**
 * The permissions the credential operations check.
 *
 * @example
 * import { permissions } from 'credential-lifecycle';
 * permissions.includes('AccessControl.CredentialView'); // true
 */
export const permissions = [
  'AccessControl.CredentialCreate',
  'AccessControl.CredentialView',
  'AccessControl.CredentialModify',
  'AccessControl.CredentialDelete',
  'AccessControl.CredentialChangeState',
] as const;

/**
 * One `AccessControl.*` permission.
 *
 * @example
 * import type { Permission } from 'credential-lifecycle';
 * const p: Permission = 'AccessControl.CredentialCreate';
 */
export type Permission = (typeof permissions)[number];

/**
 * The caller of an operation.
 *
 * @example
 * import type { Principal } from 'credential-lifecycle';
 * const admin: Principal = { _tag: 'Admin', name: 'ops', permissions: new Set(['AccessControl.CredentialView']) };
 * const self: Principal = { _tag: 'SelfAdmin', clientExtId: 'c1', userExtId: 'u1' };
 */
export type Principal =
  | {
      readonly _tag: 'Admin';
      /** Recorded as `createdBy` / `modifiedBy`. */
      readonly name: string;
      readonly permissions: ReadonlySet<Permission>;
    }
  | { readonly _tag: 'SelfAdmin'; readonly clientExtId: string; readonly userExtId: string };

/**
 * An administrator holding every credential permission.
 *
 * @example
 * import { superAdmin } from 'credential-lifecycle';
 * superAdmin('ops').permissions.size; // 5
 */
export const superAdmin = (name: string): Principal & { _tag: 'Admin' } => ({
  _tag: 'Admin',
  name,
  permissions: new Set(permissions),
});

/**
 * What an operation asks of its caller: every listed permission, or (where
 * `selfAdmin` is true) being the user the request is about.
 *
 * @example
 * import type { Requirement } from 'credential-lifecycle';
 * const viewOrSelf: Requirement = { all: ['AccessControl.CredentialView'], selfAdmin: true };
 */
export interface Requirement {
  readonly all: readonly Permission[];
  readonly selfAdmin: boolean;
}

/**
 * The caller once authorised: its name for `createdBy`/`modifiedBy`, and
 * whether responses must take the self-admin shape.
 *
 * @example
 * import type { Actor } from 'credential-lifecycle';
 * const actor: Actor = { name: 'u1', selfAdmin: true };
 */
export interface Actor {
  readonly name: string;
  readonly selfAdmin: boolean;
}

/**
 * Checks a caller against a requirement for a request on one user's data.
 * A missing permission, or self-admin where it is not allowed or on another
 * user's data, answers 403.
 *
 * @example
 * import { authorise, superAdmin } from 'credential-lifecycle';
 * authorise(superAdmin('ops'), { all: ['AccessControl.CredentialView'], selfAdmin: false }, { clientExtId: 'c1', userExtId: 'u1' });
 * // right({ name: 'ops', selfAdmin: false })
 */
export const authorise = (
  principal: Principal,
  requirement: Requirement,
  target: { readonly clientExtId: string; readonly userExtId: string },
): E.Either<ApiError, Actor> => {
  if (principal._tag === 'SelfAdmin') {
    if (!requirement.selfAdmin) {
      return E.left(apiError(403, ErrorCode.forbidden, 'self-admin may not call this operation'));
    }
    if (principal.clientExtId !== target.clientExtId || principal.userExtId !== target.userExtId) {
      return E.left(
        apiError(403, ErrorCode.forbidden, 'self-admin may act on their own data only'),
      );
    }
    return E.right({ name: principal.userExtId, selfAdmin: true });
  }
  if (requirement.all.every((p) => principal.permissions.has(p))) {
    return E.right({ name: principal.name, selfAdmin: false });
  }
  const missing = requirement.all.filter((p) => !principal.permissions.has(p));
  return E.left(apiError(403, ErrorCode.forbidden, `missing permission ${missing.join(', ')}`));
};
