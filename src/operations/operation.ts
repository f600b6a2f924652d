/**
 * The shape every credential operation shares: what it is given and what it
 * answers.
 *
 * @packageDocumentation
 */
import type * as E from 'fp-ts/Either';
import type { ApiError } from '../domain/errors.js';
import type { HttpAnswer } from './answer.js';
import type { Environment } from './environment.js';
import type { PolicyBook } from './policy-book.js';
import type { Principal } from './principal.js';
import type { RouteMatch } from './route.js';
import type { UserRecord } from './user.js';

/**
 * One request as an operation sees it: the matched route (path parameters),
 * the raw JSON body, the caller, the user it is about (`undefined` when there
 * is no such user), the client's policies and the environment.
 *
 * @example
 * import { defaultPolicyBook, seededRandom, superAdmin, type OperationInput } from 'credential-lifecycle';
 * const input: OperationInput = {
 *   route: { kind: 'puk', action: 'get', clientExtId: 'c1', userExtId: 'u1' },
 *   body: undefined,
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: Date.UTC(2026, 0, 1), random: seededRandom(1) },
 * };
 */
export interface OperationInput {
  readonly route: RouteMatch;
  readonly body: unknown;
  readonly principal: Principal;
  readonly user: UserRecord | undefined;
  readonly policies: PolicyBook;
  readonly env: Environment;
}

/**
 * A successful operation: the HTTP answer and the user's next credentials.
 *
 * @example
 * import type { OperationResult } from 'credential-lifecycle';
 * const statusOf = (r: OperationResult) => r.answer.status;
 */
export interface OperationResult {
  readonly answer: HttpAnswer;
  readonly user: UserRecord;
}

/**
 * A credential operation: a pure function from a request and the user's
 * current data to an answer and the user's next data, or an error value.
 *
 * @example
 * import { getPuk, type Operation } from 'credential-lifecycle';
 * const op: Operation = getPuk;
 */
export type Operation = (input: OperationInput) => E.Either<ApiError, OperationResult>;
