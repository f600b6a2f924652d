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
 * import { createPassword, defaultPolicyBook, seededRandom, superAdmin, type OperationInput } from 'credential-lifecycle';
 * const input: OperationInput = {
 *   route: { kind: 'password', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: { password: 'Wonder-Land-2026', stateName: 'active' },
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: Date.UTC(2026, 0, 1), random: seededRandom(1) },
 * };
 * const created = createPassword(input);
 * if (created._tag === 'Right') {
 *   created.right.answer.status; // 201
 *   created.right.answer.headers.location; // '/nevisidm/api/core/v1/c1/users/u1/password'
 *   created.right.user.credentials.password?.lifecycle.state; // 'active'
 *   const again = createPassword({ ...input, user: created.right.user });
 *   again._tag === 'Left' && again.left.status; // 422
 * }
 */
export const createPassword = createOperation(passwordBehaviour);

/**
 * GET `…/password`: 200 with the resource; the password only as its hash.
 *
 * @example
 * import { createPassword, defaultPolicyBook, getPassword, seededRandom, superAdmin, type OperationInput } from 'credential-lifecycle';
 * const input: OperationInput = {
 *   route: { kind: 'password', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: { password: 'Wonder-Land-2026', stateName: 'active' },
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: Date.UTC(2026, 0, 1), random: seededRandom(1) },
 * };
 * const created = createPassword(input);
 * if (created._tag === 'Right') {
 *   const result = getPassword({
 *     ...input,
 *     route: { ...input.route, action: 'get' },
 *     body: undefined,
 *     user: created.right.user,
 *   });
 *   if (result._tag === 'Right') {
 *     result.right.answer.status; // 200
 *     result.right.user.credentials.password?.lifecycle.state; // 'active'
 *   }
 * }
 */
export const getPassword = getOperation(passwordBehaviour);

/**
 * PATCH `…/password`: state, comment, optimistic `version`.
 *
 * @example
 * import { createPassword, defaultPolicyBook, patchPassword, seededRandom, superAdmin, type OperationInput } from 'credential-lifecycle';
 * const input: OperationInput = {
 *   route: { kind: 'password', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: { password: 'Wonder-Land-2026', stateName: 'active' },
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: Date.UTC(2026, 0, 1), random: seededRandom(1) },
 * };
 * const created = createPassword(input);
 * if (created._tag === 'Right') {
 *   const result = patchPassword({
 *     ...input,
 *     route: { ...input.route, action: 'patch' },
 *     body: { stateName: 'disabled', version: 0 },
 *     user: created.right.user,
 *   });
 *   if (result._tag === 'Right') {
 *     result.right.answer.status; // 200
 *     result.right.user.credentials.password?.lifecycle.state; // 'disabled'
 *     result.right.user.credentials.password?.lifecycle.context.version; // 1
 *   }
 * }
 */
export const patchPassword = patchOperation(passwordBehaviour);

/**
 * DELETE `…/password`: 204.
 *
 * @example
 * import { createPassword, defaultPolicyBook, deletePassword, seededRandom, superAdmin, type OperationInput } from 'credential-lifecycle';
 * const input: OperationInput = {
 *   route: { kind: 'password', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: { password: 'Wonder-Land-2026', stateName: 'active' },
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: Date.UTC(2026, 0, 1), random: seededRandom(1) },
 * };
 * const created = createPassword(input);
 * if (created._tag === 'Right') {
 *   const result = deletePassword({
 *     ...input,
 *     route: { ...input.route, action: 'delete' },
 *     body: undefined,
 *     user: created.right.user,
 *   });
 *   if (result._tag === 'Right') {
 *     result.right.answer.status; // 204
 *     result.right.user.credentials.password; // undefined
 *   }
 * }
 */
export const deletePassword = deleteOperation(passwordBehaviour);

/**
 * POST `…/password/reset`: 201 with `passwordFragment`, or 204.
 *
 * @example
 * import { createPassword, defaultPolicyBook, resetPassword, seededRandom, superAdmin, type OperationInput } from 'credential-lifecycle';
 * const input: OperationInput = {
 *   route: { kind: 'password', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: { password: 'Wonder-Land-2026', stateName: 'active' },
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: Date.UTC(2026, 0, 1), random: seededRandom(1) },
 * };
 * const created = createPassword(input);
 * if (created._tag === 'Right') {
 *   const result = resetPassword({
 *     ...input,
 *     route: { ...input.route, action: 'reset' },
 *     body: {},
 *     user: created.right.user,
 *   });
 *   if (result._tag === 'Right') {
 *     result.right.answer.status; // 204
 *     result.right.user.credentials.password?.lifecycle.state; // 'initial'
 *     result.right.user.credentials.password?.lifecycle.context.resetCount; // 1
 *   }
 * }
 */
export const resetPassword = resetOperation(passwordBehaviour);

/**
 * POST `…/password/unlock`: 200 with the resource.
 *
 * @example
 * import { createPassword, defaultPolicyBook, loginWithPassword, seededRandom, superAdmin, unlockPassword, type OperationInput } from 'credential-lifecycle';
 * const input: OperationInput = {
 *   route: { kind: 'password', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: { password: 'Wonder-Land-2026', stateName: 'active' },
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: Date.UTC(2026, 0, 1), random: seededRandom(1) },
 * };
 * const created = createPassword(input);
 * const fail = (user: OperationInput['user']) =>
 *   loginWithPassword({ ...input, route: { ...input.route, action: 'login' }, body: { password: 'wrong' }, user });
 * if (created._tag === 'Right') {
 *   const once = fail(created.right.user);
 *   const twice = once._tag === 'Right' ? fail(once.right.user) : once;
 *   if (twice._tag === 'Right') {
 *     twice.right.user.credentials.password?.lifecycle.state; // 'tmp-locked'
 *     const result = unlockPassword({
 *       ...input,
 *       route: { ...input.route, action: 'unlock' },
 *       body: {},
 *       user: twice.right.user,
 *     });
 *     result._tag === 'Right' && result.right.answer.status; // 200
 *     result._tag === 'Right' && result.right.user.credentials.password?.lifecycle.state; // 'active'
 *   }
 * }
 */
export const unlockPassword = unlockOperation(passwordBehaviour);

/**
 * POST `/nevisidm/api/auth/v1/…/password/login`: 200 with `{statusCode, description}`.
 *
 * @example
 * import { createPassword, defaultPolicyBook, loginWithPassword, seededRandom, superAdmin, type OperationInput } from 'credential-lifecycle';
 * const input: OperationInput = {
 *   route: { kind: 'password', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: { password: 'Wonder-Land-2026', stateName: 'active' },
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: Date.UTC(2026, 0, 1), random: seededRandom(1) },
 * };
 * const created = createPassword(input);
 * if (created._tag === 'Right') {
 *   const result = loginWithPassword({
 *     ...input,
 *     route: { ...input.route, action: 'login' },
 *     body: { password: 'Wonder-Land-2026' },
 *     user: created.right.user,
 *   });
 *   if (result._tag === 'Right') {
 *     result.right.answer.status; // 200
 *     result.right.answer.body; // { statusCode: 5, description: 'login succeeded' }
 *     result.right.user.credentials.password?.lifecycle.context.successfulLoginCount; // 1
 *   }
 * }
 */
export const loginWithPassword = loginOperation(passwordBehaviour);
