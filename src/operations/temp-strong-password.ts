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
 * import { createTempStrongPassword } from 'credential-lifecycle';
 * typeof createTempStrongPassword; // 'function'
 */
export const createTempStrongPassword = createOperation(tempStrongPasswordBehaviour);

/**
 * GET `…/tempstrong-password`: 200 with the resource and the hash.
 *
 * @example
 * import { getTempStrongPassword } from 'credential-lifecycle';
 * typeof getTempStrongPassword; // 'function'
 */
export const getTempStrongPassword = getOperation(tempStrongPasswordBehaviour);

/**
 * PATCH `…/tempstrong-password`: state, comment, optimistic `version`.
 *
 * @example
 * import { patchTempStrongPassword } from 'credential-lifecycle';
 * typeof patchTempStrongPassword; // 'function'
 */
export const patchTempStrongPassword = patchOperation(tempStrongPasswordBehaviour);

/**
 * DELETE `…/tempstrong-password`: 204.
 *
 * @example
 * import { deleteTempStrongPassword } from 'credential-lifecycle';
 * typeof deleteTempStrongPassword; // 'function'
 */
export const deleteTempStrongPassword = deleteOperation(tempStrongPasswordBehaviour);

/**
 * POST `…/tempstrong-password/reset`: state initial, a new secret; 200 with the first part, or 204.
 *
 * @example
 * import { resetTempStrongPassword } from 'credential-lifecycle';
 * typeof resetTempStrongPassword; // 'function'
 */
export const resetTempStrongPassword = resetOperation(tempStrongPasswordBehaviour);

/**
 * POST `/nevisidm/api/auth/v1/…/tempstrong-password/login`.
 *
 * @example
 * import { loginWithTempStrongPassword } from 'credential-lifecycle';
 * typeof loginWithTempStrongPassword; // 'function'
 */
export const loginWithTempStrongPassword = loginOperation(tempStrongPasswordBehaviour);
