/**
 * The shape of a control route of `/__mock`: the path pattern and an action
 * per method. Each group of control routes (users and policies, the clock,
 * the request journal, fault rules, state snapshots) lives in a module of its
 * own and hands its routes to the table of `control.ts`.
 *
 * @packageDocumentation
 */
import { apiError, ErrorCode } from '../domain/errors.js';
import { errorAnswer, type HttpAnswer } from '../operations/answer.js';
import type { Awaitable } from '../operations/repository.js';
import type { MockState } from './core.js';

/**
 * What a control action is handed: the mock's state, the `*` segments of its
 * pattern (decoded, in order), the parsed JSON body and the query string
 * (without `?`; `''` when there is none).
 *
 * @example
 * import type { ControlAction } from 'credential-lifecycle/mock';
 * const teapot: ControlAction = () => ({ status: 418, headers: {} });
 */
export type ControlAction = (
  state: MockState,
  params: readonly string[],
  body: unknown,
  query: string,
) => Awaitable<HttpAnswer>;

/**
 * One control route: a path pattern under `/__mock` (`*` matches one
 * non-empty segment) and the action of each method it takes.
 *
 * @example
 * import type { ControlRoute } from 'credential-lifecycle/mock';
 * const route: ControlRoute = { pattern: ['ping'], methods: { GET: () => ({ status: 204, headers: {} }) } };
 */
export interface ControlRoute {
  readonly pattern: readonly string[];
  readonly methods: Readonly<Record<string, ControlAction>>;
}

/**
 * A value as an error message shows it: JSON, cut after 60 characters.
 *
 * @example
 * import { describeControlValue } from 'credential-lifecycle/mock';
 * describeControlValue({ ms: 'soon' }); // '{"ms":"soon"}'
 */
export const describeControlValue = (u: unknown): string => {
  const text = JSON.stringify(u) ?? String(u);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

/**
 * The 422 answer of a control request, one `errors.invalidValue` entry per
 * message (at least one).
 *
 * @example
 * import { invalidControlRequest } from 'credential-lifecycle/mock';
 * invalidControlRequest(['$.ms: expected an integer ≥ 0']).status; // 422
 */
export const invalidControlRequest = (messages: readonly [string, ...string[]]): HttpAnswer => {
  const [first, ...rest] = messages.map((message) => ({ code: ErrorCode.invalidValue, message }));
  return errorAnswer(
    first === undefined
      ? apiError(422, ErrorCode.invalidValue, '$: invalid')
      : { status: 422, errors: [first, ...rest] },
  );
};
