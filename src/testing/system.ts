/**
 * The system under test as a port, and its two adapters: the library's own
 * operations in process, and any server over HTTP. Both understand the mock
 * control API (`/__mock/…`) and its caller headers, so the same commands
 * drive either.
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  type ApiError,
  type ApiRequest,
  apiError,
  type Directory,
  decodePolicy,
  dispatch,
  ErrorCode,
  errorAnswer,
  formatInstant,
  type HttpAnswer,
  type Instant,
  IsoInstant,
  MemoryStore,
  type PolicyType,
  PolicyType as PolicyTypeCodec,
  principalFromHeaders,
  type RandomSource,
  seededRandom,
  toErrorBody,
} from '../index.js';

/**
 * One request to the system under test. `body` is sent as JSON when present.
 *
 * @example
 * import type { SutRequest } from 'credential-lifecycle/testing';
 * const get: SutRequest = { method: 'GET', path: '/nevisidm/api/core/v1/c1/users/u1/puk' };
 */
export interface SutRequest {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The answer of the system under test: header names in lower case, the body
 * parsed as JSON (`undefined` when empty, the text when not JSON).
 *
 * @example
 * import type { SutResponse } from 'credential-lifecycle/testing';
 * const noContent: SutResponse = { status: 204, headers: {}, body: undefined };
 */
export interface SutResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/**
 * Test control of a system: what the mock control API offers.
 *
 * @example
 * import { inProcessSystem, type SystemControl } from 'credential-lifecycle/testing';
 * const control: SystemControl | undefined = inProcessSystem().control;
 */
export interface SystemControl {
  /** Forgets every client, user, policy and token; the clock stays. */
  reset(): Promise<void>;
  /** Adds or replaces a user (without credentials). */
  putUser(clientExtId: string, userExtId: string, loginId?: string): Promise<void>;
  /** Adds or replaces a policy given as nevisIDM's string map; rejects bad parameters. */
  putPolicy(
    clientExtId: string,
    policyExtId: string,
    type: PolicyType,
    isDefault: boolean,
    parameters: Record<string, string>,
  ): Promise<void>;
  /** Freezes the clock at `now`. */
  setClock(now: Instant): Promise<void>;
  /** Moves the clock forward. */
  advanceClock(ms: number): Promise<void>;
  /** A token whose requests (header `X-Token`) act as that user on their own data. */
  selfAdminToken(clientExtId: string, userExtId: string): Promise<string>;
}

/**
 * Anything that answers credential requests: a server, a client library
 * under test wrapped as one, or the library itself.
 *
 * @example
 * import type { SystemUnderTest } from 'credential-lifecycle/testing';
 * const teapot: SystemUnderTest = {
 *   send: async () => ({ status: 418, headers: {}, body: undefined }),
 * };
 */
export interface SystemUnderTest {
  /** Sends one request and resolves with the answer (never rejects for an HTTP error status). */
  send(request: SutRequest): Promise<SutResponse>;
  /** Present when the system offers the mock control API (or equivalent). */
  readonly control?: SystemControl;
  /** Where `curl` lines of a counterexample send their requests. */
  readonly baseUrl?: string;
}

/**
 * 2026-01-01T00:00:00Z: where the in-process clock, the oracle and a
 * conformance run start unless told otherwise.
 *
 * @example
 * import { defaultStart } from 'credential-lifecycle/testing';
 * new Date(defaultStart).toISOString(); // '2026-01-01T00:00:00.000Z'
 */
export const defaultStart: Instant = Date.UTC(2026, 0, 1);

/**
 * Ways to break the in-process system on purpose, to check that tests catch
 * the breakage: each hook sees the request as the dispatcher gets it and the
 * store itself.
 *
 * @example
 * import type { InProcessFaults } from 'credential-lifecycle/testing';
 * const noOp: InProcessFaults = { after: (answer) => answer };
 */
export interface InProcessFaults {
  /** Runs before the request is dispatched (may change the store). */
  readonly before?: (request: ApiRequest, store: MemoryStore) => void;
  /** The directory the dispatcher reads instead of the store (e.g. to alter policies). */
  readonly directory?: (store: MemoryStore) => Directory;
  /** Rewrites the answer after the store was updated (may change the store too). */
  readonly after?: (answer: HttpAnswer, request: ApiRequest, store: MemoryStore) => HttpAnswer;
}

/**
 * Options of {@link inProcessSystem}.
 *
 * @example
 * import type { InProcessOptions } from 'credential-lifecycle/testing';
 * const options: InProcessOptions = { seed: 7, start: Date.UTC(2026, 0, 1) };
 */
export interface InProcessOptions {
  /** Seed of the random source; the source restarts from it on every `reset`. Default 1. */
  readonly seed?: number;
  /** Where the (frozen) clock starts. Default 2026-01-01T00:00:00Z. */
  readonly start?: Instant;
  /** Deliberate defects, for testing the tests. */
  readonly faults?: InProcessFaults;
  /** The name administrators are recorded under. Default `admin`. */
  readonly adminName?: string;
}

const json = (value: unknown): unknown =>
  value === undefined ? undefined : JSON.parse(JSON.stringify(value));

const noContent = (): SutResponse => ({ status: 204, headers: {}, body: undefined });

const problem = (error: ApiError): SutResponse => ({
  status: error.status,
  headers: { 'content-type': 'application/json' },
  body: toErrorBody(error),
});

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

const isStringMap = (u: unknown): u is Record<string, string> =>
  isRecord(u) && Object.values(u).every((v) => typeof v === 'string');

/**
 * The library's own operations as a system under test: a `MemoryStore`,
 * a seeded random source and a frozen clock that only the control API moves.
 * It honours the caller headers and answers the `/__mock/…` routes itself,
 * like the mock server.
 *
 * @example
 * import { inProcessSystem } from 'credential-lifecycle/testing';
 * const system = inProcessSystem({ seed: 42 });
 * await system.control?.putUser('c1', 'u1');
 * const created = await system.send({ method: 'POST', path: '/nevisidm/api/core/v1/c1/users/u1/puk', body: {} });
 * created.status; // 201
 */
export const inProcessSystem = (options: InProcessOptions = {}): SystemUnderTest => {
  const seed = options.seed ?? 1;
  const adminName = options.adminName ?? 'admin';
  const faults = options.faults ?? {};
  const store = new MemoryStore();
  const tokens = new Map<string, { clientExtId: string; userExtId: string }>();
  let random: RandomSource = seededRandom(seed);
  let now: Instant = options.start ?? defaultStart;

  const control: SystemControl = {
    reset: async () => {
      store.clear();
      tokens.clear();
      random = seededRandom(seed);
    },
    putUser: async (clientExtId, userExtId, loginId) => {
      const existing = store.user(clientExtId, userExtId);
      store.putUser({
        clientExtId,
        userExtId,
        ...(loginId === undefined ? {} : { loginId }),
        credentials: existing?.credentials ?? {},
      });
    },
    putPolicy: async (clientExtId, policyExtId, type, isDefault, parameters) => {
      const decoded = decodePolicy(type, policyExtId, parameters);
      if (E.isLeft(decoded)) {
        throw new Error(
          `policy ${policyExtId} refused: ${decoded.left.errors.map((e) => e.message).join('; ')}`,
        );
      }
      store.putPolicy(clientExtId, decoded.right.policy, isDefault);
    },
    setClock: async (at) => {
      now = at;
    },
    advanceClock: async (ms) => {
      now += ms;
    },
    selfAdminToken: async (clientExtId, userExtId) => {
      const token = `token-${encodeURIComponent(clientExtId)}-${encodeURIComponent(userExtId)}`;
      tokens.set(token, { clientExtId, userExtId });
      return token;
    },
  };

  const mock = async (request: SutRequest): Promise<SutResponse> => {
    const body = request.body;
    try {
      // Inside the try: a malformed escape (`%E0`) is a 404, not a rejection.
      const parts = request.path.split('?', 1)[0]?.split('/').map(decodeURIComponent) ?? [];
      const [, , ...rest] = parts; // '', '__mock', …
      const shape =
        rest[0] === 'clients' ? rest.map((p, i) => (i === 1 || i === 3 ? '*' : p)) : rest;
      const route = `${request.method.toUpperCase()} ${shape.join('/')}`;
      switch (route) {
        case 'POST reset':
          await control.reset();
          return noContent();
        case 'PUT clients/*/users/*': {
          const loginId =
            isRecord(body) && typeof body.loginId === 'string' ? body.loginId : undefined;
          await control.putUser(rest[1] ?? '', rest[3] ?? '', loginId);
          return noContent();
        }
        case 'PUT clients/*/policies/*': {
          if (!isRecord(body) || !PolicyTypeCodec.is(body.type) || !isStringMap(body.parameters)) {
            return problem(
              apiError(422, ErrorCode.invalidValue, 'expected {type, default, parameters}'),
            );
          }
          await control.putPolicy(
            rest[1] ?? '',
            rest[3] ?? '',
            body.type,
            body.default === true,
            body.parameters,
          );
          return noContent();
        }
        case 'PUT clock': {
          const at = IsoInstant.decode(isRecord(body) ? body.now : undefined);
          if (E.isLeft(at)) return problem(apiError(422, ErrorCode.invalidValue, 'expected {now}'));
          await control.setClock(at.right);
          return noContent();
        }
        case 'POST clock/advance': {
          const ms = isRecord(body) && typeof body.ms === 'number' ? body.ms : NaN;
          if (!Number.isFinite(ms))
            return problem(apiError(422, ErrorCode.invalidValue, 'expected {ms}'));
          await control.advanceClock(ms);
          return noContent();
        }
        case 'POST clients/*/users/*/token': {
          const token = await control.selfAdminToken(rest[1] ?? '', rest[3] ?? '');
          return { status: 200, headers: { 'content-type': 'application/json' }, body: { token } };
        }
        default:
          return problem(apiError(404, ErrorCode.notFound, `no mock route ${route}`));
      }
    } catch (e) {
      return e instanceof URIError
        ? problem(apiError(404, ErrorCode.notFound, 'no mock route: malformed path'))
        : problem(
            apiError(422, ErrorCode.invalidValue, e instanceof Error ? e.message : String(e)),
          );
    }
  };

  const send = async (request: SutRequest): Promise<SutResponse> => {
    if (request.path.startsWith('/__mock/')) return mock(request);
    const caller = principalFromHeaders(request.headers, (t) => tokens.get(t), adminName);
    if (E.isLeft(caller)) return problem(caller.left);
    const principal = caller.right;
    const apiRequest: ApiRequest = {
      method: request.method,
      path: request.path,
      body: json(request.body),
      principal,
    };
    faults.before?.(apiRequest, store);
    const env = { now, random };
    const dispatched = dispatch(apiRequest, faults.directory?.(store) ?? store, env);
    let answer: HttpAnswer;
    if (E.isLeft(dispatched)) {
      answer = errorAnswer(dispatched.left);
    } else {
      store.putUser(dispatched.right.result.user);
      answer = dispatched.right.result.answer;
    }
    if (faults.after !== undefined) answer = faults.after(answer, apiRequest, store);
    return {
      status: answer.status,
      headers: { ...answer.headers, date: new Date(now).toUTCString() },
      body: json(answer.body),
    };
  };

  return { send, control, baseUrl: 'http://localhost:8080' };
};

/**
 * Options of {@link httpSystem}.
 *
 * @example
 * import type { HttpSystemOptions } from 'credential-lifecycle/testing';
 * const options: HttpSystemOptions = { control: false };
 */
export interface HttpSystemOptions {
  /** The `fetch` to use. Default: the global one. */
  readonly fetch?: typeof fetch;
  /** Whether the server offers the mock control API (`/__mock/…`). Default `true`. */
  readonly control?: boolean;
}

const parseBody = (text: string): unknown => {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/**
 * A server reached over HTTP with `fetch`: requests go to `baseUrl` + path
 * with a JSON body; the control (unless `control: false`) uses the mock
 * control API of the project's mock server.
 *
 * @example
 * import { httpSystem } from 'credential-lifecycle/testing';
 * const system = httpSystem('http://localhost:8080');
 * await system.control?.reset();
 */
export const httpSystem = (baseUrl: string, options: HttpSystemOptions = {}): SystemUnderTest => {
  const base = baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const send = async (request: SutRequest): Promise<SutResponse> => {
    const hasBody = request.body !== undefined;
    const response = await doFetch(`${base}${request.path}`, {
      method: request.method,
      headers: {
        accept: 'application/json',
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
        ...request.headers,
      },
      ...(hasBody ? { body: JSON.stringify(request.body) } : {}),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    return { status: response.status, headers, body: parseBody(await response.text()) };
  };
  const expect = async (request: SutRequest): Promise<SutResponse> => {
    const response = await send(request);
    if (response.status < 200 || response.status > 299) {
      throw new Error(
        `${request.method} ${request.path} answered ${response.status}: ${JSON.stringify(response.body)}`,
      );
    }
    return response;
  };
  const seg = encodeURIComponent;
  const control: SystemControl = {
    reset: async () => {
      await expect({ method: 'POST', path: '/__mock/reset' });
    },
    putUser: async (c, u, loginId) => {
      await expect({
        method: 'PUT',
        path: `/__mock/clients/${seg(c)}/users/${seg(u)}`,
        ...(loginId === undefined ? {} : { body: { loginId } }),
      });
    },
    putPolicy: async (c, p, type, isDefault, parameters) => {
      await expect({
        method: 'PUT',
        path: `/__mock/clients/${seg(c)}/policies/${seg(p)}`,
        body: { type, default: isDefault, parameters },
      });
    },
    setClock: async (now) => {
      await expect({
        method: 'PUT',
        path: '/__mock/clock',
        body: { now: formatInstant(now) },
      });
    },
    advanceClock: async (ms) => {
      await expect({ method: 'POST', path: '/__mock/clock/advance', body: { ms } });
    },
    selfAdminToken: async (c, u) => {
      const answer = await expect({
        method: 'POST',
        path: `/__mock/clients/${seg(c)}/users/${seg(u)}/token`,
      });
      const token = isRecord(answer.body) ? answer.body.token : undefined;
      if (typeof token !== 'string') throw new Error('the token answer has no token');
      return token;
    },
  };
  return options.control === false ? { send, baseUrl: base } : { send, control, baseUrl: base };
};
