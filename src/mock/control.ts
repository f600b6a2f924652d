/**
 * The control API under `/__mock`: reset, users, policies, the clock and
 * self-admin tokens. For tests and demos; a real nevisIDM has none of it.
 * Pure but for the store: it changes the {@link MockState} it is given and
 * answers a value.
 *
 * @packageDocumentation
 */
import { either as E, option as O } from 'fp-ts';
import { type ApiError, apiError, ErrorCode, isPlainObject } from '../domain/errors.js';
import { extIdExpectation, isExtId } from '../domain/ext-id.js';
import { formatInstant, parseInstant } from '../domain/instant.js';
import { userCredentialStatus } from '../lifecycle/severity.js';
import { openApiDocument } from '../openapi/document.js';
import {
  emptyAnswer,
  errorAnswer,
  type HttpAnswer,
  type Json,
  jsonAnswer,
} from '../operations/answer.js';
import { concurrentChange, defaultAttempts, updateUser } from '../operations/handle-with.js';
import { decodePathSegment, methodNotAllowed } from '../operations/route.js';
import { decodePolicy } from '../policy/decode.js';
import { PolicyType } from '../policy/policy.js';
import type { ControlAction, ControlRoute } from './control-route.js';
import type { MockState } from './core.js';
import { faultControlRoutes } from './fault-control.js';
import { journalControlRoutes } from './journal-control.js';
import { controlPrefix } from './paths.js';
import { stateControlRoutes } from './state-control.js';
import type { MockStore } from './store.js';

type Params = readonly string[];

const noContent: HttpAnswer = emptyAnswer(204);

const invalid = (message: string): HttpAnswer =>
  errorAnswer(apiError(422, ErrorCode.invalidValue, message));

const describe = (u: unknown): string => {
  const text = JSON.stringify(u) ?? String(u);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

/**
 * The 422 for path ids outside the extId character set (as the core API
 * decodes ids in bodies), one entry per bad id; `undefined` when all are good.
 */
const badIds = (ids: Readonly<Record<string, string>>): HttpAnswer | undefined => {
  const errors = Object.entries(ids)
    .filter(([, id]) => !isExtId(id))
    .map(([name, id]) => ({
      code: ErrorCode.invalidValue,
      message: `${name}: got ${describe(id)}, expected ${extIdExpectation}`,
    }));
  const [first, ...rest] = errors;
  return first === undefined ? undefined : errorAnswer({ status: 422, errors: [first, ...rest] });
};

const putUser: ControlAction = async ({ store }, [clientExtId = '', userExtId = ''], body) => {
  const refused = badIds({ clientExtId, userExtId });
  if (refused !== undefined) return refused;
  if (body !== undefined && !isPlainObject(body)) {
    return invalid(`$: got ${describe(body)}, expected an object`);
  }
  const loginId = body?.loginId;
  if (loginId !== undefined && typeof loginId !== 'string') {
    return invalid(`$.loginId: got ${describe(loginId)}, expected a string`);
  }
  const outcome = await updateUser(store, clientExtId, userExtId, (existing) => {
    if (existing !== undefined && (loginId === undefined || loginId === existing.loginId)) {
      return existing;
    }
    const keptLoginId = loginId ?? existing?.loginId;
    return {
      clientExtId,
      userExtId,
      ...(keptLoginId === undefined ? {} : { loginId: keptLoginId }),
      credentials: existing?.credentials ?? {},
    };
  });
  return outcome === 'conflict'
    ? errorAnswer(concurrentChange(userExtId, defaultAttempts))
    : noContent;
};

const listUsers: ControlAction = async ({ store, readClock }, [clientExtId = '']) => {
  const { now } = await readClock();
  return jsonAnswer(
    200,
    (await store.listUsers(clientExtId)).map((u) => ({
      userExtId: u.userExtId,
      ...(u.loginId === undefined ? {} : { loginId: u.loginId }),
      credentials: Object.keys(u.credentials),
      credentialStatus: userCredentialStatus(u.credentials, now) ?? null,
    })),
  );
};

/**
 * Stores a policy given as the control API takes it:
 * `{"type", "default", "parameters"}`. Bad parameters answer 422 with one
 * error per parameter.
 *
 * @example
 * import { MemoryMockStore, putPolicyFromJson } from 'credential-lifecycle/server';
 * await putPolicyFromJson(new MemoryMockStore(), 'demo', 'tsp', { type: 'TempStrongPasswordPolicy', default: true, parameters: { ticketLen0: '8' } });
 * // right(undefined)
 */
export const putPolicyFromJson = async (
  store: MockStore,
  clientExtId: string,
  policyExtId: string,
  body: unknown,
): Promise<E.Either<ApiError, void>> => {
  if (!isPlainObject(body)) {
    return E.left(
      apiError(422, ErrorCode.invalidValue, `$: got ${describe(body)}, expected an object`),
    );
  }
  const { type, parameters = {} } = body;
  const isDefault = body.default ?? false;
  if (!PolicyType.is(type)) {
    return E.left(
      apiError(
        422,
        ErrorCode.invalidValue,
        `$.type: got ${describe(type)}, expected one of ${Object.keys(PolicyType.keys).join(', ')}`,
      ),
    );
  }
  if (typeof isDefault !== 'boolean') {
    return E.left(
      apiError(
        422,
        ErrorCode.invalidValue,
        `$.default: got ${describe(isDefault)}, expected a boolean`,
      ),
    );
  }
  const decoded = decodePolicy(type, policyExtId, parameters);
  if (E.isLeft(decoded)) return decoded;
  await store.putPolicy(clientExtId, decoded.right.policy, isDefault);
  return E.right(undefined);
};

const putPolicy: ControlAction = async ({ store }, [clientExtId = '', policyExtId = ''], body) => {
  const refused = badIds({ clientExtId, policyExtId });
  if (refused !== undefined) return refused;
  const stored = await putPolicyFromJson(store, clientExtId, policyExtId, body);
  return E.isLeft(stored) ? errorAnswer(stored.left) : noContent;
};

const listPolicies: ControlAction = async ({ store }, [clientExtId = '']) => {
  const { policies, defaults } = await store.policies(clientExtId);
  return jsonAnswer(
    200,
    Array.from(policies.values(), (policy) => ({
      extId: policy.extId,
      type: policy.type,
      default: defaults[policy.type] === policy.extId,
    })),
  );
};

const getClock: ControlAction = async (state) => {
  const { now, frozen } = await state.readClock();
  return jsonAnswer(200, { now: formatInstant(now), frozen });
};

const freezeClock: ControlAction = async (state, _params, body) => {
  const now = isPlainObject(body) ? body.now : undefined;
  const at =
    typeof now === 'string'
      ? O.toUndefined(parseInstant(now))
      : typeof now === 'number' && Number.isSafeInteger(now)
        ? now
        : undefined;
  if (at === undefined) {
    return invalid(`$.now: got ${describe(now)}, expected an ISO-8601 instant`);
  }
  await state.store.changeClock({ freeze: at });
  return noContent;
};

const advanceClock: ControlAction = async (state, _params, body) => {
  const ms = isPlainObject(body) ? body.ms : undefined;
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0) {
    return invalid(`$.ms: got ${describe(ms)}, expected an integer ≥ 0`);
  }
  await state.store.changeClock({ advance: ms });
  return noContent;
};

const releaseClock: ControlAction = async (state) => {
  await state.store.changeClock({ release: true });
  return noContent;
};

const hex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

const issueToken: ControlAction = async (state, [clientExtId = '', userExtId = '']) => {
  if ((await state.store.load(clientExtId, userExtId)).stored === undefined) {
    return errorAnswer(
      apiError(
        404,
        ErrorCode.noRecord,
        `no user ${describe(userExtId)} in client ${describe(clientExtId)}`,
      ),
    );
  }
  const token = hex(state.random().getRandomValues(new Uint8Array(16)));
  await state.store.putToken(token, { clientExtId, userExtId });
  return jsonAnswer(200, { token });
};

/** Generated once, when first asked for: it depends on nothing but the code. */
let servedDocument: Json | undefined;

const getOpenApi: ControlAction = () => {
  servedDocument ??= openApiDocument() as unknown as Json;
  return jsonAnswer(200, servedDocument);
};

const reset: ControlAction = async (state) => {
  await state.reset();
  return noContent;
};

/** `*` matches one non-empty path segment, handed to the action in order. */
const routes: readonly ControlRoute[] = [
  { pattern: ['reset'], methods: { POST: reset } },
  { pattern: ['clock'], methods: { GET: getClock, PUT: freezeClock, DELETE: releaseClock } },
  { pattern: ['clock', 'advance'], methods: { POST: advanceClock } },
  { pattern: ['clients', '*', 'users'], methods: { GET: listUsers } },
  { pattern: ['clients', '*', 'users', '*'], methods: { PUT: putUser } },
  { pattern: ['clients', '*', 'users', '*', 'token'], methods: { POST: issueToken } },
  { pattern: ['clients', '*', 'policies'], methods: { GET: listPolicies } },
  { pattern: ['clients', '*', 'policies', '*'], methods: { PUT: putPolicy } },
  ...journalControlRoutes,
  ...faultControlRoutes,
  ...stateControlRoutes,
  { pattern: ['openapi.json'], methods: { GET: getOpenApi } },
];

const matchPattern = (pattern: readonly string[], parts: readonly string[]): Params | undefined => {
  if (pattern.length !== parts.length) return undefined;
  const params: string[] = [];
  for (const [i, expected] of pattern.entries()) {
    const part = parts[i] ?? '';
    if (expected === '*') {
      const value = decodePathSegment(part);
      if (!value) return undefined;
      params.push(value);
    } else if (part !== expected) {
      return undefined;
    }
  }
  return params;
};

/**
 * Answers a control request against a mock's state. Unknown paths are 404,
 * other methods 405, bad bodies 422; rejects only when the store does.
 *
 * @example
 * import { seededRandom } from 'credential-lifecycle';
 * import { controlAnswer, controlPath, MockCore } from 'credential-lifecycle/server';
 * const mock = new MockCore({ clock: { frozenAt: 0 }, random: () => seededRandom(1) });
 * (await controlAnswer(mock, 'POST', controlPath.reset, undefined)).status; // 204
 */
export const controlAnswer = async (
  state: MockState,
  method: string,
  path: string,
  body: unknown,
): Promise<HttpAnswer> => {
  const queryAt = path.indexOf('?');
  const pathOnly = queryAt === -1 ? path : path.slice(0, queryAt);
  const query = queryAt === -1 ? '' : path.slice(queryAt + 1);
  const parts = pathOnly.slice(controlPrefix.length + 1).split('/');
  for (const route of routes) {
    const params = matchPattern(route.pattern, parts);
    if (params === undefined) continue;
    const upper = method.toUpperCase();
    const action = Object.hasOwn(route.methods, upper) ? route.methods[upper] : undefined;
    return action === undefined
      ? errorAnswer(methodNotAllowed(method, Object.keys(route.methods)))
      : action(state, params, body, query);
  }
  return errorAnswer(
    apiError(404, ErrorCode.notFound, `no control route ${pathOnly.slice(0, 200)}`),
  );
};
