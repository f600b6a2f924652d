/**
 * The system under test as a port, and its two adapters: the library's own
 * operations in process, and any server over HTTP. Both understand the mock
 * control API (`/__mock/…`) and its caller headers, so the same commands
 * drive either.
 *
 * @packageDocumentation
 */
import { formatInstant, type Instant, isPlainObject, type PolicyType } from '../index.js';
import { defaultAdminName, MockCore, type MockHooks } from '../mock/core.js';
import { controlPath } from '../mock/paths.js';
import { MemoryMockStore } from '../mock/store.js';
import { seededRandom } from '../secret/random.js';
import { parseBody } from './body.js';

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
 * Test control of a system: what the mock control API offers. Each method
 * sends its control request and rejects when the system refuses it.
 *
 * @example
 * import { inProcessSystem, type SystemControl } from 'credential-lifecycle/testing';
 * const control: SystemControl | undefined = inProcessSystem().control;
 */
export interface SystemControl {
  /** Forgets every client, user, policy and token; the clock returns to its rest. */
  reset(): Promise<void>;
  /** Adds a user (without credentials) or keeps it; without `loginId` an existing one stays. */
  putUser(clientExtId: string, userExtId: string, loginId?: string): Promise<void>;
  /** Adds or replaces a policy given as nevisIDM's string map; rejects bad parameters. */
  putPolicy(
    clientExtId: string,
    policyExtId: string,
    type: PolicyType,
    isDefault: boolean,
    parameters: Record<string, string>,
  ): Promise<void>;
  /** Freezes the clock at `now` (whole seconds: the control API takes an ISO instant). */
  setClock(now: Instant): Promise<void>;
  /** Moves the clock forward by a whole number of milliseconds. */
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
  /**
   * Opens a connection of its own (for HTTP: its own keep-alive agent) and
   * returns a `send` over it. Parallel runs send each branch over one;
   * without it the branches share `send`.
   */
  readonly connect?: () => SystemUnderTest['send'];
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
 * the breakage: the hooks of the shared mock's request flow (`before`,
 * `directory`, `revise`, `after`, `unguarded`), each seeing the request as
 * the dispatcher gets it and the in-memory store itself.
 *
 * @example
 * import type { InProcessFaults } from 'credential-lifecycle/testing';
 * const noOp: InProcessFaults = { after: (answer) => answer };
 */
export type InProcessFaults = MockHooks<MemoryMockStore>;

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
  /** Where the clock rests frozen: it starts there, and a reset returns there. Default 2026-01-01T00:00:00Z. */
  readonly start?: Instant;
  /** Deliberate defects, for testing the tests. */
  readonly faults?: InProcessFaults;
  /** The name administrators are recorded under. Default `admin`. */
  readonly adminName?: string;
  /** How many requests the journal (`GET /__mock/requests`) holds. Default 1000. */
  readonly journalLimit?: number;
  /**
   * Waits out a fault rule's delay (`PUT /__mock/faults`) before `send`
   * resolves. Default: a timer (`setTimeout`); pass `async () => {}` to
   * answer at once.
   */
  readonly sleep?: (ms: number) => Promise<void>;
}

const timerSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const json = (value: unknown): unknown =>
  value === undefined ? undefined : JSON.parse(JSON.stringify(value));

/**
 * The control of a system that offers the mock control API: every method is
 * one request to `send` (paths from `controlPath`), and a status outside
 * 2xx rejects with the method, path, status and body.
 *
 * @example
 * import { controlOver, inProcessSystem } from 'credential-lifecycle/testing';
 * const system = inProcessSystem();
 * const control = controlOver(system.send);
 * await control.putUser('c1', 'u1', 'user-one');
 * (await system.send({ method: 'POST', path: '/nevisidm/api/core/v1/c1/users/u1/puk', body: {} })).status; // 201
 * (await system.send({ method: 'POST', path: '/nevisidm/api/core/v1/c1/users/u2/puk', body: {} })).status; // 404
 */
export const controlOver = (send: SystemUnderTest['send']): SystemControl => {
  const expect = async (request: SutRequest): Promise<SutResponse> => {
    const response = await send(request);
    if (response.status < 200 || response.status > 299) {
      throw new Error(
        `${request.method} ${request.path} answered ${response.status}: ${JSON.stringify(response.body)}`,
      );
    }
    return response;
  };
  return {
    reset: async () => {
      await expect({ method: 'POST', path: controlPath.reset });
    },
    putUser: async (c, u, loginId) => {
      await expect({
        method: 'PUT',
        path: controlPath.user(c, u),
        ...(loginId === undefined ? {} : { body: { loginId } }),
      });
    },
    putPolicy: async (c, p, type, isDefault, parameters) => {
      await expect({
        method: 'PUT',
        path: controlPath.policy(c, p),
        body: { type, default: isDefault, parameters },
      });
    },
    setClock: async (now) => {
      await expect({ method: 'PUT', path: controlPath.clock, body: { now: formatInstant(now) } });
    },
    advanceClock: async (ms) => {
      await expect({ method: 'POST', path: controlPath.clockAdvance, body: { ms } });
    },
    selfAdminToken: async (c, u) => {
      const answer = await expect({ method: 'POST', path: controlPath.token(c, u) });
      const token = isPlainObject(answer.body) ? answer.body.token : undefined;
      if (typeof token !== 'string') throw new Error('the token answer has no token');
      return token;
    },
  };
};

/**
 * The library's own operations as a system under test: the mock the server
 * runs (the same control API, caller headers and request flow), with a
 * seeded random source and a clock frozen at `start` that only the control
 * API moves. Requests and answers go through JSON as they would over HTTP;
 * the `date` header is the mock's time.
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
  const mock = new MockCore({
    store: new MemoryMockStore(),
    clock: { frozenAt: options.start ?? defaultStart },
    random: () => seededRandom(seed),
    adminName: options.adminName ?? defaultAdminName,
    ...(options.faults === undefined ? {} : { hooks: options.faults }),
    ...(options.journalLimit === undefined ? {} : { journalLimit: options.journalLimit }),
  });
  const sleep = options.sleep ?? timerSleep;
  const send = async (request: SutRequest): Promise<SutResponse> => {
    const { answer, delayMs } = await mock.respond({
      method: request.method,
      path: request.path,
      headers: request.headers,
      body: json(request.body),
    });
    if (delayMs > 0) await sleep(delayMs);
    const { now } = await mock.readClock();
    return {
      status: answer.status,
      headers: { ...answer.headers, date: new Date(now).toUTCString() },
      body: json(answer.body),
    };
  };
  return { send, control: controlOver(send), baseUrl: 'http://localhost:8080' };
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

/**
 * A server reached over HTTP with `fetch`: requests go to `baseUrl` + path
 * with a JSON body; the control (unless `control: false`) uses the mock
 * control API of the project's mock server.
 *
 * @example
 * import { httpSystem } from 'credential-lifecycle/testing';
 * import { startNodeServer } from 'credential-lifecycle/server';
 * const server = await startNodeServer({ port: 0, log: undefined });
 * const system = httpSystem(server.url);
 * await system.control?.putUser('c1', 'u1');
 * (await system.send({ method: 'POST', path: '/nevisidm/api/core/v1/c1/users/u1/puk', body: {} })).status; // 201
 * await system.control?.reset();
 * (await system.send({ method: 'GET', path: '/nevisidm/api/core/v1/c1/users/u1/puk' })).status; // 404
 * await server.close();
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
  return options.control === false
    ? { send, baseUrl: base }
    : { send, control: controlOver(send), baseUrl: base };
};
