/**
 * Temporary Strong Password operations: create, get, patch, delete, reset and login.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import { ErrorCode } from '../domain/errors.js';
import {
  CreateTempStrongPasswordRequest,
  PatchTempStrongPasswordRequest,
  ResetRequest,
  TempStrongPasswordLoginRequest,
} from '../domain/requests.js';
import { generateTempStrongPassword } from '../secret/generate.js';
import { Redacted } from '../secret/redacted.js';
import { emptyAnswer, jsonAnswer } from './answer.js';
import { adminWith, adminWithOrSelf } from './requirements.js';
import {
  createOperation,
  deleteOperation,
  generationError,
  getOperation,
  type IssuedSecret,
  type KindBehaviour,
  loginOperation,
  patchOperation,
  resetOperation,
} from './workflow.js';

/**
 * What is particular to the TSP: the server always generates it in two parts;
 * the hash covers both; create and reset answer with the first part in
 * `tempStrongPassword` only when the policy's `ticketLen0` is above 0, and
 * otherwise without a body (201 with `Location` on create, 204 on reset).
 *
 * @example
 * import { tempStrongPasswordBehaviour } from 'credential-lifecycle';
 * tempStrongPasswordBehaviour.duplicateCode; // 'errors.tempStrongPasswordExists'
 */
export const tempStrongPasswordBehaviour: KindBehaviour<'tempStrongPassword'> = {
  kind: 'tempStrongPassword',
  duplicateCode: ErrorCode.tempStrongPasswordExists,
  requirements: {
    create: adminWith('AccessControl.CredentialCreate'),
    get: adminWithOrSelf('AccessControl.CredentialView'),
    patch: adminWith('AccessControl.CredentialView', 'AccessControl.CredentialModify'),
    delete: adminWith('AccessControl.CredentialDelete'),
    reset: adminWithOrSelf('AccessControl.CredentialView', 'AccessControl.CredentialModify'),
    login: adminWith('AccessControl.CredentialView'),
  },
  createRequest: CreateTempStrongPasswordRequest,
  patchRequest: PatchTempStrongPasswordRequest,
  resetRequest: ResetRequest,
  loginRequest: TempStrongPasswordLoginRequest,
  issue: (policy, request) =>
    E.bimap(
      (e: { message: string }) => generationError(policy.extId, e.message),
      (parts: { whole: Redacted<string>; part0: Redacted<string> }): IssuedSecret => ({
        secret: parts.whole,
        shown: policy.ticketLen0 > 0 ? parts.part0 : undefined,
      }),
    )(generateTempStrongPassword(policy, request.env.random)),
  resetEvent: () => 'admin.reset',
  issuedAnswer: ({ action, resource, secret, location }) => {
    if (secret.shown === undefined) {
      return action === 'create' ? emptyAnswer(201, { location }) : emptyAnswer(204);
    }
    const body = resource(Redacted.value(secret.shown));
    return action === 'create' ? jsonAnswer(201, body, { location }) : jsonAnswer(200, body);
  },
  detailsOnCreate: () => ({}),
  detailsOnPatch: () => ({}),
};

/**
 * POST `…/tempstrong-password`: 201 with `Location`; the first part in the body when exposed.
 *
 * @example
 * import { createTempStrongPassword, defaultPolicyBook, seededRandom, superAdmin, type OperationInput } from 'credential-lifecycle';
 * const input: OperationInput = {
 *   route: { kind: 'tempStrongPassword', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: {},
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: Date.UTC(2026, 0, 1), random: seededRandom(1) },
 * };
 * const created = createTempStrongPassword(input);
 * if (created._tag === 'Right') {
 *   created.right.answer.status; // 201
 *   created.right.answer.headers.location; // '/nevisidm/api/core/v1/c1/users/u1/tempstrong-password'
 *   created.right.user.credentials.tempStrongPassword?.lifecycle.state; // 'initial'
 *   const again = createTempStrongPassword({ ...input, user: created.right.user });
 *   again._tag === 'Left' && again.left.status; // 422
 * }
 */
export const createTempStrongPassword = createOperation(tempStrongPasswordBehaviour);

/**
 * GET `…/tempstrong-password`: 200 with the resource and the hash.
 *
 * @example
 * import { createTempStrongPassword, defaultPolicyBook, getTempStrongPassword, seededRandom, superAdmin, type OperationInput } from 'credential-lifecycle';
 * const input: OperationInput = {
 *   route: { kind: 'tempStrongPassword', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: {},
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: Date.UTC(2026, 0, 1), random: seededRandom(1) },
 * };
 * const created = createTempStrongPassword(input);
 * if (created._tag === 'Right') {
 *   const result = getTempStrongPassword({
 *     ...input,
 *     route: { ...input.route, action: 'get' },
 *     body: undefined,
 *     user: created.right.user,
 *   });
 *   if (result._tag === 'Right') {
 *     result.right.answer.status; // 200
 *     result.right.user.credentials.tempStrongPassword?.lifecycle.state; // 'initial'
 *   }
 * }
 */
export const getTempStrongPassword = getOperation(tempStrongPasswordBehaviour);

/**
 * PATCH `…/tempstrong-password`: state, comment, optimistic `version`.
 *
 * @example
 * import { createTempStrongPassword, defaultPolicyBook, patchTempStrongPassword, seededRandom, superAdmin, type OperationInput } from 'credential-lifecycle';
 * const input: OperationInput = {
 *   route: { kind: 'tempStrongPassword', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: {},
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: Date.UTC(2026, 0, 1), random: seededRandom(1) },
 * };
 * const created = createTempStrongPassword(input);
 * if (created._tag === 'Right') {
 *   const result = patchTempStrongPassword({
 *     ...input,
 *     route: { ...input.route, action: 'patch' },
 *     body: { stateName: 'disabled', version: 0 },
 *     user: created.right.user,
 *   });
 *   if (result._tag === 'Right') {
 *     result.right.answer.status; // 200
 *     result.right.user.credentials.tempStrongPassword?.lifecycle.state; // 'disabled'
 *     result.right.user.credentials.tempStrongPassword?.lifecycle.context.version; // 1
 *   }
 * }
 */
export const patchTempStrongPassword = patchOperation(tempStrongPasswordBehaviour);

/**
 * DELETE `…/tempstrong-password`: 204.
 *
 * @example
 * import { createTempStrongPassword, defaultPolicyBook, deleteTempStrongPassword, seededRandom, superAdmin, type OperationInput } from 'credential-lifecycle';
 * const input: OperationInput = {
 *   route: { kind: 'tempStrongPassword', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: {},
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: Date.UTC(2026, 0, 1), random: seededRandom(1) },
 * };
 * const created = createTempStrongPassword(input);
 * if (created._tag === 'Right') {
 *   const result = deleteTempStrongPassword({
 *     ...input,
 *     route: { ...input.route, action: 'delete' },
 *     body: undefined,
 *     user: created.right.user,
 *   });
 *   if (result._tag === 'Right') {
 *     result.right.answer.status; // 204
 *     result.right.user.credentials.tempStrongPassword; // undefined
 *   }
 * }
 */
export const deleteTempStrongPassword = deleteOperation(tempStrongPasswordBehaviour);

/**
 * POST `…/tempstrong-password/reset`: state initial, a new secret; 200 with the first part, or 204.
 *
 * @example
 * import { createTempStrongPassword, defaultPolicyBook, resetTempStrongPassword, seededRandom, superAdmin, type OperationInput } from 'credential-lifecycle';
 * const input: OperationInput = {
 *   route: { kind: 'tempStrongPassword', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: {},
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: Date.UTC(2026, 0, 1), random: seededRandom(1) },
 * };
 * const created = createTempStrongPassword(input);
 * if (created._tag === 'Right') {
 *   const result = resetTempStrongPassword({
 *     ...input,
 *     route: { ...input.route, action: 'reset' },
 *     body: {},
 *     user: created.right.user,
 *   });
 *   if (result._tag === 'Right') {
 *     result.right.answer.status; // 200
 *     result.right.user.credentials.tempStrongPassword?.lifecycle.state; // 'initial'
 *     result.right.user.credentials.tempStrongPassword?.lifecycle.context.resetCount; // 1
 *   }
 * }
 */
export const resetTempStrongPassword = resetOperation(tempStrongPasswordBehaviour);

/**
 * POST `/nevisidm/api/auth/v1/…/tempstrong-password/login`.
 *
 * @example
 * import { createTempStrongPassword, defaultPolicyBook, loginWithTempStrongPassword, seededRandom, superAdmin, type OperationInput } from 'credential-lifecycle';
 * const input: OperationInput = {
 *   route: { kind: 'tempStrongPassword', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: {},
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: Date.UTC(2026, 0, 1), random: seededRandom(1) },
 * };
 * const created = createTempStrongPassword(input);
 * if (created._tag === 'Right') {
 *   const result = loginWithTempStrongPassword({
 *     ...input,
 *     route: { ...input.route, action: 'login' },
 *     body: { tempStrongPassword: 'not-the-secret' },
 *     user: created.right.user,
 *   });
 *   if (result._tag === 'Right') {
 *     result.right.answer.status; // 200
 *     result.right.answer.body; // { statusCode: 3, description: 'login failed; the next failure locks the credential' }
 *     result.right.user.credentials.tempStrongPassword?.lifecycle.context.failedLoginCount; // 1
 *   }
 * }
 */
export const loginWithTempStrongPassword = loginOperation(tempStrongPasswordBehaviour);
