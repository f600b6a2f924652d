/**
 * The mock of the nevisIDM credential API without I/O: its state (store,
 * clock, self-admin tokens, random source), the control API and the flow of
 * one request, with hooks for deliberate faults. The HTTP mock server and the
 * testing kit's in-process system are both adapters over it; real time and
 * randomness are handed in.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import { errorAnswer, type HttpAnswer } from '../operations/answer.js';
import { principalFromHeaders, type RequestHeaders } from '../operations/caller-headers.js';
import type { ApiRequest, Directory } from '../operations/dispatch.js';
import type { OperationResult } from '../operations/operation.js';
import type { RouteMatch } from '../operations/route.js';
import { type HandleHooks, MemoryStore } from '../operations/store.js';
import type { RandomSource } from '../secret/random.js';
import { type ClockRest, type MockClock, mockClock } from './clock.js';
import { controlAnswer } from './control.js';
import { isControlPath } from './paths.js';

/**
 * The name recorded as `createdBy` / `modifiedBy` for administrative calls
 * that do not name one in `X-Mock-Admin`.
 *
 * @example
 * import { defaultAdminName } from 'credential-lifecycle/server';
 * defaultAdminName; // 'admin'
 */
export const defaultAdminName = 'admin';

/**
 * What the control API may change in a running mock.
 *
 * @example
 * import type { MockState } from 'credential-lifecycle/server';
 * const clientsOf = (state: MockState) => state.store.listUsers('demo').length;
 */
export interface MockState {
  readonly store: MemoryStore;
  readonly clock: MockClock;
  readonly tokens: Map<string, { readonly clientExtId: string; readonly userExtId: string }>;
  /** The random source in force (a fresh one after each reset). */
  readonly random: () => RandomSource;
  /** Empties the store and tokens, returns the clock to its rest, starts a fresh random source. */
  readonly reset: () => void;
}

/**
 * Deliberate changes to the flow of a request, for testing the tests: each
 * hook sees the request as the dispatcher gets it and the store itself.
 * Control requests never pass through them.
 *
 * @example
 * import type { MockHooks } from 'credential-lifecycle/server';
 * const noOp: MockHooks = { after: (answer) => answer };
 */
export interface MockHooks {
  /** Runs before the request is dispatched (may change the store). */
  readonly before?: (request: ApiRequest, store: MemoryStore) => void;
  /** The directory the dispatcher reads instead of the store (e.g. to alter policies). */
  readonly directory?: (store: MemoryStore) => Directory;
  /** Rewrites the operation's result before it is stored (the store still holds the old user). */
  readonly revise?: (
    result: OperationResult,
    route: RouteMatch,
    store: MemoryStore,
  ) => OperationResult;
  /** Rewrites the answer after the store was updated (may change the store too). */
  readonly after?: (answer: HttpAnswer, request: ApiRequest, store: MemoryStore) => HttpAnswer;
}

/**
 * How to build a {@link MockCore}.
 *
 * @example
 * import { seededRandom } from 'credential-lifecycle';
 * import type { MockCoreOptions } from 'credential-lifecycle/server';
 * const options: MockCoreOptions = { clock: { frozenAt: Date.UTC(2026, 0, 1) }, random: () => seededRandom(7) };
 */
export interface MockCoreOptions {
  /** Where the clock rests: on real time (`{ realNow: Date.now }`) or frozen (`{ frozenAt }`). */
  readonly clock: ClockRest;
  /** A fresh random source: called when the mock starts and on every reset. */
  readonly random: () => RandomSource;
  /** The administrator's name when `X-Mock-Admin` gives none. Default {@link defaultAdminName}. */
  readonly adminName?: string;
  /** Deliberate defects; see {@link MockHooks}. */
  readonly hooks?: MockHooks;
}

/**
 * One request to the mock, its body already parsed from JSON (`undefined`
 * when there is none).
 *
 * @example
 * import { controlPath, type MockRequest } from 'credential-lifecycle/server';
 * const reset: MockRequest = { method: 'POST', path: controlPath.reset, body: undefined };
 */
export interface MockRequest {
  readonly method: string;
  /** The path, optionally with a query string (ignored). */
  readonly path: string;
  /** The caller headers are read from these (any case). */
  readonly headers?: RequestHeaders | undefined;
  readonly body: unknown;
}

/**
 * The mock's state and its answer to each request: control routes under
 * `/__mock`, every other request read for its caller and handed to the
 * operations over the in-memory store. Synchronous, and pure but for the
 * time and random sources it is given.
 *
 * @example
 * import { seededRandom } from 'credential-lifecycle';
 * import { controlPath, MockCore } from 'credential-lifecycle/server';
 * const mock = new MockCore({ clock: { frozenAt: Date.UTC(2026, 0, 1) }, random: () => seededRandom(1) });
 * mock.answer({ method: 'PUT', path: controlPath.user('demo', 'alice'), body: undefined }).status; // 204
 * mock.answer({
 *   method: 'POST',
 *   path: '/nevisidm/api/core/v1/demo/users/alice/puk',
 *   body: {},
 * }).status; // 201
 */
export class MockCore implements MockState {
  /** The users, credentials and policies. */
  readonly store: MemoryStore = new MemoryStore();
  /** The mock's time. */
  readonly clock: MockClock;
  /** Self-admin tokens and the user each stands for. */
  readonly tokens = new Map<string, { readonly clientExtId: string; readonly userExtId: string }>();
  readonly #freshRandom: () => RandomSource;
  readonly #adminName: string;
  readonly #hooks: MockHooks | undefined;
  #random: RandomSource;

  constructor(options: MockCoreOptions) {
    this.clock = mockClock(options.clock);
    this.#freshRandom = options.random;
    this.#random = options.random();
    this.#adminName = options.adminName ?? defaultAdminName;
    this.#hooks = options.hooks;
  }

  /**
   * The random source in force.
   *
   * @example
   * import { seededRandom } from 'credential-lifecycle';
   * import { MockCore } from 'credential-lifecycle/server';
   * new MockCore({ clock: { frozenAt: 0 }, random: () => seededRandom(1) }).random();
   */
  readonly random = (): RandomSource => this.#random;

  /**
   * Empties the store and tokens, returns the clock to its rest and starts a
   * fresh random source: the mock as it was built.
   *
   * @example
   * import { seededRandom } from 'credential-lifecycle';
   * import { MockCore } from 'credential-lifecycle/server';
   * new MockCore({ clock: { frozenAt: 0 }, random: () => seededRandom(1) }).reset();
   */
  readonly reset = (): void => {
    this.store.clear();
    this.tokens.clear();
    this.clock.release();
    this.#random = this.#freshRandom();
  };

  readonly #userOfToken = (token: string) => this.tokens.get(token);

  /**
   * Answers one request: a control route, a refused caller, or the
   * operation's answer after its result was stored.
   *
   * @example
   * import { seededRandom } from 'credential-lifecycle';
   * import { MockCore } from 'credential-lifecycle/server';
   * const mock = new MockCore({ clock: { frozenAt: 0 }, random: () => seededRandom(1) });
   * mock.answer({ method: 'GET', path: '/nope', body: undefined }).status; // 404
   */
  answer(request: MockRequest): HttpAnswer {
    if (isControlPath(request.path)) {
      return controlAnswer(this, request.method, request.path, request.body);
    }
    const principal = principalFromHeaders(request.headers, this.#userOfToken, this.#adminName);
    if (E.isLeft(principal)) return errorAnswer(principal.left);
    const apiRequest: ApiRequest = {
      method: request.method,
      path: request.path,
      body: request.body,
      principal: principal.right,
    };
    const env = { now: this.clock.now(), random: this.#random };
    const hooks = this.#hooks;
    if (hooks === undefined) return this.store.handle(apiRequest, env);
    const store = this.store;
    hooks.before?.(apiRequest, store);
    const revise = hooks.revise;
    const handleHooks: HandleHooks = {
      directory: hooks.directory?.(store),
      revise: revise === undefined ? undefined : (result, route) => revise(result, route, store),
    };
    const answer = store.handle(apiRequest, env, handleHooks);
    return hooks.after === undefined ? answer : hooks.after(answer, apiRequest, store);
  }
}
