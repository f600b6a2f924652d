/**
 * What each operation answers: its success statuses with their bodies, and
 * the statuses of its refusals, as the operations of `src/operations/` and
 * the mock's request flow produce them.
 *
 * @packageDocumentation
 */
import type * as t from 'io-ts';
import { credentialCodecOfKind } from '../domain/credential.js';
import type { CredentialKind } from '../domain/credential-type.js';
import {
  createRequestOfKind,
  loginRequestOfKind,
  patchRequestOfKind,
  ResetPasswordRequest,
  ResetRequest,
  UnlockRequest,
} from '../domain/requests.js';
import {
  LoginResponse,
  PasswordCreatedResponse,
  PasswordResetResponse,
  TempStrongPasswordIssuedResponse,
} from '../domain/responses.js';
import type { Action } from '../operations/route.js';

/**
 * One success answer of an operation: its status, its body's codec (none for
 * an answer without a body), whether the body may also be absent (a TSP whose
 * policy shows no part), and whether it carries `Location`.
 *
 * @example
 * import { PukCredential } from 'credential-lifecycle';
 * import type { SuccessAnswer } from 'credential-lifecycle/mock';
 * const created: SuccessAnswer = { status: 201, body: PukCredential, location: true, description: 'created' };
 * created.status; // 201
 */
export interface SuccessAnswer {
  readonly status: number;
  readonly body?: t.Mixed;
  /** The answer has no body when the policy shows no secret. */
  readonly bodyOptional?: boolean;
  /** The answer carries `Location`, the path of the credential. */
  readonly location?: boolean;
  readonly description: string;
}

/**
 * What an operation takes and answers.
 *
 * @example
 * import type { OperationAnswers } from 'credential-lifecycle/mock';
 * const statusesOf = (o: OperationAnswers) => [...o.success.map((s) => s.status), ...o.refusals];
 * statusesOf({ success: [{ status: 204, description: 'deleted' }], refusals: [404] }); // [204, 404]
 */
export interface OperationAnswers {
  /** The codec of the request body; absent when the operation reads none. */
  readonly request?: t.Mixed;
  readonly success: readonly SuccessAnswer[];
  /** The statuses of its refusals, each with the nevis error body. */
  readonly refusals: readonly number[];
}

/** Refusals of every operation: an unknown `X-Token`, a missing permission, no such user or credential. */
const caller = [401, 403, 404] as const;
/**
 * Refusals of an operation that reads a body: malformed JSON (400), over
 * 64 KiB (413), not JSON by its content type (415), a field outside its
 * codec or a business rule (422).
 */
const withBody = [400, 401, 403, 404, 413, 415, 422] as const;

const resource = (kind: CredentialKind, status: number, description: string): SuccessAnswer => ({
  status,
  body: credentialCodecOfKind[kind],
  description,
});

const created = (body: t.Mixed, bodyOptional = false): SuccessAnswer => ({
  status: 201,
  body,
  ...(bodyOptional ? { bodyOptional } : {}),
  location: true,
  description: 'created; `Location` is the path of the credential',
});

const noContent = (description: string): SuccessAnswer => ({ status: 204, description });

const createAnswer = (kind: CredentialKind): SuccessAnswer => {
  switch (kind) {
    case 'password':
      return created(PasswordCreatedResponse);
    case 'tempStrongPassword':
      return created(TempStrongPasswordIssuedResponse, true);
    default:
      return created(credentialCodecOfKind[kind]);
  }
};

const resetAnswers = (kind: CredentialKind): readonly SuccessAnswer[] => {
  switch (kind) {
    case 'password':
      return [
        {
          status: 201,
          body: PasswordResetResponse,
          description: 'reset with a generated password the policy shows (`resetCodeEnabled`)',
        },
        noContent('reset, or changed by its user, with nothing to show'),
      ];
    case 'tempStrongPassword':
      return [
        {
          status: 200,
          body: TempStrongPasswordIssuedResponse,
          description: 'reset; the body carries the first part the policy shows',
        },
        noContent('reset; the policy shows no part'),
      ];
    default:
      return [resource(kind, 200, 'reset; the new secret in plain text when the policy shows it')];
  }
};

/**
 * What the operation of a kind and action takes and answers, or `undefined`
 * when the kind has no such operation (only passwords unlock).
 *
 * @example
 * import { operationAnswers } from 'credential-lifecycle/mock';
 * operationAnswers('password', 'patch')?.refusals; // [400, 401, 403, 404, 409, 413, 415, 422]
 * operationAnswers('puk', 'unlock'); // undefined
 */
export const operationAnswers = (
  kind: CredentialKind,
  action: Action,
): OperationAnswers | undefined => {
  switch (action) {
    case 'create':
      return {
        request: createRequestOfKind[kind],
        success: [createAnswer(kind)],
        refusals: withBody,
      };
    case 'get':
      return {
        success: [resource(kind, 200, 'the credential; its secret as a hash')],
        refusals: caller,
      };
    case 'patch':
      return {
        request: patchRequestOfKind[kind],
        success: [resource(kind, 200, 'the changed credential')],
        refusals: [...withBody.slice(0, 4), 409, ...withBody.slice(4)],
      };
    case 'delete':
      return { success: [noContent('deleted')], refusals: caller };
    case 'reset':
      return {
        request: kind === 'password' ? ResetPasswordRequest : ResetRequest,
        success: resetAnswers(kind),
        refusals: withBody,
      };
    case 'unlock':
      return kind === 'password'
        ? {
            request: UnlockRequest,
            success: [resource(kind, 200, 'unlocked: active, both login counters at 0')],
            refusals: withBody,
          }
        : undefined;
    case 'login':
      return {
        request: loginRequestOfKind[kind],
        success: [
          {
            status: 200,
            body: LoginResponse,
            description: 'the attempt was judged: `statusCode` 5 succeeded, 2, 3, 4, 9 failed',
          },
        ],
        refusals: withBody,
      };
  }
};
