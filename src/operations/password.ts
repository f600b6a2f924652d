/**
 * Password operations: create, get, patch, delete, reset, unlock and login.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import { type ApiError, apiError, ErrorCode } from '../domain/errors.js';
import {
  CreatePasswordRequest,
  PasswordLoginRequest,
  PatchPasswordRequest,
  ResetPasswordRequest,
} from '../domain/requests.js';
import { checkPassword, passwordPolicyError } from '../policy/complexity.js';
import type { PasswordPolicy } from '../policy/policy.js';
import { generatePassword } from '../secret/generate.js';
import { Redacted } from '../secret/redacted.js';
import { emptyAnswer, jsonAnswer } from './answer.js';
import { adminWith, adminWithOrSelf } from './requirements.js';
import {
  createOperation,
  deleteOperation,
  getOperation,
  type IssuedSecret,
  type IssueRequest,
  issuedFrom,
  type KindBehaviour,
  loginOperation,
  patchOperation,
  resetOperation,
  unlockOperation,
} from './workflow.js';

const takeGiven = (
  given: string,
  policy: PasswordPolicy,
  request: IssueRequest,
): E.Either<ApiError, IssuedSecret> => {
  const current = request.current;
  const [first, ...rest] = checkPassword(given, policy, {
    ...(request.user.loginId === undefined ? {} : { loginId: request.user.loginId }),
    historyHashes: current === undefined ? [] : [current.secretHash, ...(current.history ?? [])],
  });
  return first === undefined
    ? E.right({ secret: Redacted.make(given), shown: undefined })
    : E.left(passwordPolicyError([first, ...rest]));
};

const issuePassword = (
  policy: PasswordPolicy,
  request: IssueRequest,
): E.Either<ApiError, IssuedSecret> => {
  const given = request.body.password;
  if (typeof given === 'string') return takeGiven(given, policy, request);
  if (request.action === 'create' && !policy.resetCodeEnabled) {
    return E.left(
      apiError(
        422,
        ErrorCode.invalidValue,
        `$.password: required, policy ${policy.extId} does not generate passwords`,
      ),
    );
  }
  return issuedFrom(
    policy.extId,
    policy.resetCodeEnabled,
  )(generatePassword(policy, request.env.random));
};

/**
 * What is particular to passwords: a create or reset takes the caller's
 * password (checked against the complexity rules, all violations at once) or
 * generates one; the generated one is returned as `passwordFragment` only when
 * the policy's `resetCodeEnabled` is on. A user resetting their own password
 * with a new one changes it (state active) instead of resetting it.
 *
 * @example
 * import { passwordBehaviour } from 'credential-lifecycle';
 * passwordBehaviour.duplicateCode; // 'errors.passwordExists'
 */
export const passwordBehaviour: KindBehaviour<'password'> = {
  kind: 'password',
  duplicateCode: ErrorCode.passwordExists,
  requirements: {
    create: adminWith('AccessControl.CredentialCreate'),
    get: adminWithOrSelf('AccessControl.CredentialView'),
    patch: adminWith('AccessControl.CredentialView', 'AccessControl.CredentialModify'),
    delete: adminWithOrSelf('AccessControl.CredentialDelete'),
    reset: adminWithOrSelf('AccessControl.CredentialView', 'AccessControl.CredentialModify'),
    unlock: adminWith('AccessControl.CredentialView', 'AccessControl.CredentialModify'),
    login: adminWith('AccessControl.CredentialView'),
  },
  createRequest: CreatePasswordRequest,
  patchRequest: PatchPasswordRequest,
  resetRequest: ResetPasswordRequest,
  loginRequest: PasswordLoginRequest,
  issue: issuePassword,
  resetEvent: (request) =>
    request.actor.selfAdmin && typeof request.body.password === 'string'
      ? 'user.changedPassword'
      : 'admin.reset',
  issuedAnswer: ({ action, resource, secret, hash, location }) => {
    const fragment =
      secret.shown === undefined ? {} : { passwordFragment: Redacted.value(secret.shown) };
    if (action === 'create') {
      return jsonAnswer(201, { ...resource(hash), ...fragment }, { location });
    }
    return secret.shown === undefined ? emptyAnswer(204) : jsonAnswer(201, fragment);
  },
  detailsOnCreate: () => ({}),
  detailsOnPatch: () => ({}),
};

/**
 * POST `…/password`: 201 with the resource (and `passwordFragment` when generated and exposed).
 *
 * @example
 * import { createPassword } from 'credential-lifecycle';
 * typeof createPassword; // 'function'
 */
export const createPassword = createOperation(passwordBehaviour);

/**
 * GET `…/password`: 200 with the resource; the password only as its hash.
 *
 * @example
 * import { getPassword } from 'credential-lifecycle';
 * typeof getPassword; // 'function'
 */
export const getPassword = getOperation(passwordBehaviour);

/**
 * PATCH `…/password`: state, comment, optimistic `version`.
 *
 * @example
 * import { patchPassword } from 'credential-lifecycle';
 * typeof patchPassword; // 'function'
 */
export const patchPassword = patchOperation(passwordBehaviour);

/**
 * DELETE `…/password`: 204.
 *
 * @example
 * import { deletePassword } from 'credential-lifecycle';
 * typeof deletePassword; // 'function'
 */
export const deletePassword = deleteOperation(passwordBehaviour);

/**
 * POST `…/password/reset`: 201 with `passwordFragment`, or 204.
 *
 * @example
 * import { resetPassword } from 'credential-lifecycle';
 * typeof resetPassword; // 'function'
 */
export const resetPassword = resetOperation(passwordBehaviour);

/**
 * POST `…/password/unlock`: 200 with the resource.
 *
 * @example
 * import { unlockPassword } from 'credential-lifecycle';
 * typeof unlockPassword; // 'function'
 */
export const unlockPassword = unlockOperation(passwordBehaviour);

/**
 * POST `/nevisidm/api/auth/v1/…/password/login`: 200 with `{statusCode, description}`.
 *
 * @example
 * import { loginWithPassword } from 'credential-lifecycle';
 * typeof loginWithPassword; // 'function'
 */
export const loginWithPassword = loginOperation(passwordBehaviour);
