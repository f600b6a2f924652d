/**
 * The router-independent dispatcher: method, path, body and caller in; the
 * operation's answer and the user's next credentials out.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import type { CredentialKind } from '../domain/credential-type.js';
import { type ApiError, apiError, ErrorCode } from '../domain/errors.js';
import type { Environment } from './environment.js';
import type { Operation, OperationResult } from './operation.js';
import {
  createPassword,
  deletePassword,
  getPassword,
  loginWithPassword,
  patchPassword,
  resetPassword,
  unlockPassword,
} from './password.js';
import type { PolicyBook } from './policy-book.js';
import type { Principal } from './principal.js';
import { createPuk, deletePuk, getPuk, loginWithPuk, patchPuk, regeneratePuk } from './puk.js';
import { type Action, matchRoute, type RouteMatch } from './route.js';
import {
  createTempStrongPassword,
  deleteTempStrongPassword,
  getTempStrongPassword,
  loginWithTempStrongPassword,
  patchTempStrongPassword,
  resetTempStrongPassword,
} from './temp-strong-password.js';
import {
  createTicket,
  deleteTicket,
  getTicket,
  loginWithTicket,
  patchTicket,
  resetTicket,
} from './ticket.js';
import type { UserRecord } from './user.js';

/**
 * Every operation, by kind and action.
 *
 * @example
 * import { operations } from 'credential-lifecycle';
 * operations.puk.reset; // regeneratePuk
 */
export const operations: {
  readonly [K in CredentialKind]: Readonly<Partial<Record<Action, Operation>>>;
} = {
  password: {
    create: createPassword,
    get: getPassword,
    patch: patchPassword,
    delete: deletePassword,
    reset: resetPassword,
    unlock: unlockPassword,
    login: loginWithPassword,
  },
  tempStrongPassword: {
    create: createTempStrongPassword,
    get: getTempStrongPassword,
    patch: patchTempStrongPassword,
    delete: deleteTempStrongPassword,
    reset: resetTempStrongPassword,
    login: loginWithTempStrongPassword,
  },
  ticket: {
    create: createTicket,
    get: getTicket,
    patch: patchTicket,
    delete: deleteTicket,
    reset: resetTicket,
    login: loginWithTicket,
  },
  puk: {
    create: createPuk,
    get: getPuk,
    patch: patchPuk,
    delete: deletePuk,
    reset: regeneratePuk,
    login: loginWithPuk,
  },
};

/**
 * A request as the dispatcher takes it, independent of any HTTP library.
 *
 * @example
 * import { superAdmin, type ApiRequest } from 'credential-lifecycle';
 * const request: ApiRequest = {
 *   method: 'GET',
 *   path: '/nevisidm/api/core/v1/c1/users/u1/tempstrong-password',
 *   body: undefined,
 *   principal: superAdmin('ops'),
 * };
 */
export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  /** The parsed JSON body, or `undefined` when the request has none. */
  readonly body: unknown;
  readonly principal: Principal;
}

/**
 * Where the dispatcher finds a client's users and policies.
 *
 * @example
 * import { defaultPolicyBook, type Directory } from 'credential-lifecycle';
 * const empty: Directory = { user: () => undefined, policies: () => defaultPolicyBook() };
 */
export interface Directory {
  /** The user, or `undefined` when the client has no such user. */
  readonly user: (clientExtId: string, userExtId: string) => UserRecord | undefined;
  /** The client's policies. */
  readonly policies: (clientExtId: string) => PolicyBook;
}

/**
 * A dispatched request: the route it matched and the operation's result.
 *
 * @example
 * import type { Dispatched } from 'credential-lifecycle';
 * const statusOf = (d: Dispatched) => d.result.answer.status;
 */
export interface Dispatched {
  readonly route: RouteMatch;
  readonly result: OperationResult;
}

/**
 * Finds and runs the operation a request names. Unknown paths are 404,
 * known paths with another method 405; the operation's own errors pass
 * through. Pure: the caller stores `result.user`.
 *
 * @example
 * import { dispatch, defaultPolicyBook, seededRandom, superAdmin } from 'credential-lifecycle';
 * dispatch(
 *   { method: 'POST', path: '/nevisidm/api/core/v1/c1/users/u1/puk', body: {}, principal: superAdmin('ops') },
 *   { user: () => ({ clientExtId: 'c1', userExtId: 'u1', credentials: {} }), policies: () => defaultPolicyBook() },
 *   { now: Date.UTC(2026, 0, 1), random: seededRandom(7) },
 * ); // right({ route, result: { answer: { status: 201, … }, user } })
 */
export const dispatch = (
  request: ApiRequest,
  directory: Directory,
  env: Environment,
): E.Either<ApiError, Dispatched> => {
  const route = matchRoute(request.method, request.path);
  return E.isLeft(route) ? route : dispatchRoute(route.right, request, directory, env);
};

/**
 * {@link dispatch} for a request whose route is already matched (a shell that
 * needed the route first, to load the user, matches it once).
 *
 * @example
 * import { dispatchRoute, defaultPolicyBook, seededRandom, superAdmin } from 'credential-lifecycle';
 * dispatchRoute(
 *   { kind: 'puk', action: 'get', clientExtId: 'c1', userExtId: 'u1' },
 *   { method: 'GET', path: '/nevisidm/api/core/v1/c1/users/u1/puk', body: undefined, principal: superAdmin('ops') },
 *   { user: () => undefined, policies: () => defaultPolicyBook() },
 *   { now: Date.UTC(2026, 0, 1), random: seededRandom(7) },
 * ); // left(404 errors.noRecord)
 */
export const dispatchRoute = (
  match: RouteMatch,
  request: ApiRequest,
  directory: Directory,
  env: Environment,
): E.Either<ApiError, Dispatched> => {
  const operation = operations[match.kind][match.action];
  if (operation === undefined) {
    return E.left(apiError(404, ErrorCode.notFound, `no ${match.action} for ${match.kind}`));
  }
  const result = operation({
    route: match,
    body: request.body,
    principal: request.principal,
    user: directory.user(match.clientExtId, match.userExtId),
    policies: directory.policies(match.clientExtId),
    env,
  });
  return E.isLeft(result) ? result : E.right({ route: match, result: result.right });
};
