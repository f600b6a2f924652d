/**
 * The mock of the nevisIDM credential API without I/O: its state (a store of
 * users, policies, self-admin tokens and the clock's setting; a random
 * source), the control API and the flow of one request, with hooks for
 * deliberate faults. The HTTP mock server and the
 * testing kit's in-process system are both adapters over it; real time and
 * randomness are handed in.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import type { ApiError } from '../domain/errors.js';
import { errorAnswer, type HttpAnswer } from '../operations/answer.js';
import { principalFromHeaders, type RequestHeaders } from '../operations/caller-headers.js';
import type { ApiRequest, Directory } from '../operations/dispatch.js';
import { type HandleOptions, handleWith } from '../operations/handle-with.js';
import type { OperationResult } from '../operations/operation.js';
import type { Principal } from '../operations/principal.js';
import {
  type Awaitable,
  type CredentialRepository,
  isPromiseLike,
} from '../operations/repository.js';
import type { RouteMatch } from '../operations/route.js';
import type { UserRecord } from '../operations/user.js';
import { UserQueue } from '../operations/user-queue.js';
import type { RandomSource } from '../secret/random.js';
import { type ClockReading, type ClockRest, clockReading } from './clock.js';
import { controlAnswer } from './control.js';
import { decideFault, type FaultDecision, type FaultRules, noFaultRules } from './fault-rules.js';
import { callerKindOf, defaultJournalLimit, RequestJournal, redactBody } from './journal.js';
import { isControlPath } from './paths.js';
import { MemoryMockStore, type MockStore } from './store.js';

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
 * What the control API may read and change in a running mock: its store (the
 * shared state), its clock, its random source.
 *
 * @example
 * import type { MockState } from 'credential-lifecycle/server';
 * const usersOf = async (state: MockState) => (await state.store.listUsers('demo')).length;
 */
export interface MockState<S extends MockStore = MockStore> {
  /** Users, credentials, policies, tokens and the clock's setting. */
  readonly store: S;
  /** The mock's time: the store's clock setting read against this mock's rest. */
  readonly readClock: () => Promise<ClockReading>;
  /** The random source in force (a fresh one after each reset). */
  readonly random: () => RandomSource;
  /**
   * Empties the store (the clock's setting returns to rest), starts a fresh
   * random source, clears the fault rules and the journal.
   */
  readonly reset: () => Promise<void>;
  /** The requests this mock answered (not its control requests); per process. */
  readonly journal: RequestJournal;
  /** The latency and fault rules in force (per process; none until set). */
  readonly faultRules: () => FaultRules;
  /** Replaces the latency and fault rules. */
  readonly setFaultRules: (rules: FaultRules) => void;
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
export interface MockHooks<S extends MockStore = MockStore> {
  /** Runs before the request is handled (may change the store). */
  readonly before?: (request: ApiRequest, store: S) => Awaitable<void>;
  /** What the dispatcher reads instead of the loaded view (e.g. altered policies). */
  readonly directory?: (loaded: Directory, store: S) => Directory;
  /**
   * Rewrites the operation's result before it is saved; `loaded` is the user
   * as loaded for the decision (the store still holds it).
   */
  readonly revise?: (
    result: OperationResult,
    route: RouteMatch,
    store: S,
    loaded: UserRecord | undefined,
  ) => OperationResult;
  /** Rewrites the answer after the result was saved (may change the store too). */
  readonly after?: (answer: HttpAnswer, request: ApiRequest, store: S) => Awaitable<HttpAnswer>;
  /**
   * Handles requests without concurrency control: no per-user queue, and
   * over this repository instead of the store (the `lost-update` fault).
   */
  readonly unguarded?: (store: S) => CredentialRepository;
}

/**
 * How to build a {@link MockCore}.
 *
 * @example
 * import { seededRandom } from 'credential-lifecycle';
 * import type { MockCoreOptions } from 'credential-lifecycle/server';
 * const options: MockCoreOptions = { clock: { frozenAt: Date.UTC(2026, 0, 1) }, random: () => seededRandom(7) };
 */
export interface MockCoreOptions<S extends MockStore = MockStore> {
  /** Where the clock rests: on real time (`{ realNow: Date.now }`) or frozen (`{ frozenAt }`). */
  readonly clock: ClockRest;
  /** A fresh random source: called when the mock starts and on every reset. */
  readonly random: () => RandomSource;
  /**
   * The store to run on (shared by every mock over it). Default: a new
   * `MemoryMockStore`; name `S` only together with a store.
   */
  readonly store?: S;
  /** The administrator's name when `X-Mock-Admin` gives none. Default {@link defaultAdminName}. */
  readonly adminName?: string;
  /** Decisions per request before a lost compare-and-set answers 409. Default `defaultAttempts`. */
  readonly attempts?: number;
  /** Deliberate defects; see {@link MockHooks}. */
  readonly hooks?: MockHooks<S>;
  /** How many requests the journal holds (the oldest are dropped). Default `defaultJournalLimit`. */
  readonly journalLimit?: number;
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
 * The mock's answer to a request and how long to wait before giving it (a
 * fault rule's delay; 0 without one). The mock only decides the delay; the
 * adapter that answers waits.
 *
 * @example
 * import type { MockReply } from 'credential-lifecycle/mock';
 * const now: MockReply = { answer: { status: 204, headers: {} }, delayMs: 0 };
 */
export interface MockReply {
  readonly answer: HttpAnswer;
  readonly delayMs: number;
}

/**
 * The mock's answer to each request: control routes under `/__mock`, every
 * other request read for its caller and handed to the operations through
 * `handleWith` over the store, one request per user at a time in this mock
 * (a `UserQueue`) and by compare-and-set across mocks sharing the store.
 * Pure but for the time and random sources it is given and the store.
 *
 * @example
 * import { seededRandom } from 'credential-lifecycle';
 * import { controlPath, MockCore } from 'credential-lifecycle/server';
 * const mock = new MockCore({ clock: { frozenAt: Date.UTC(2026, 0, 1) }, random: () => seededRandom(1) });
 * (await mock.answer({ method: 'PUT', path: controlPath.user('demo', 'alice'), body: undefined })).status; // 204
 * (await mock.answer({
 *   method: 'POST',
 *   path: '/nevisidm/api/core/v1/demo/users/alice/puk',
 *   body: {},
 * })).status; // 201
 */
export class MockCore<S extends MockStore = MockStore> implements MockState<S> {
  /** Users, credentials, policies, tokens and the clock's setting. */
  readonly store: S;
  readonly #rest: ClockRest;
  readonly #freshRandom: () => RandomSource;
  readonly #adminName: string;
  readonly #hooks: MockHooks<S> | undefined;
  readonly #handleOptions: HandleOptions;
  #random: RandomSource;
  #faultRules: FaultRules = noFaultRules;
  /** The requests this mock answered (not its control requests), oldest first. */
  readonly journal: RequestJournal;

  constructor(options: MockCoreOptions<S>) {
    // Without a store, S is the default MockStore, which MemoryMockStore is.
    this.store = options.store ?? (new MemoryMockStore() as MockStore as S);
    this.#rest = options.clock;
    this.#freshRandom = options.random;
    this.#random = options.random();
    this.#adminName = options.adminName ?? defaultAdminName;
    this.#hooks = options.hooks;
    this.#handleOptions = { queue: new UserQueue(), attempts: options.attempts };
    this.journal = new RequestJournal(options.journalLimit ?? defaultJournalLimit);
  }

  /**
   * The latency and fault rules in force.
   *
   * @example
   * import { seededRandom } from 'credential-lifecycle';
   * import { MockCore } from 'credential-lifecycle/mock';
   * new MockCore({ clock: { frozenAt: 0 }, random: () => seededRandom(1) }).faultRules().rules; // []
   */
  readonly faultRules = (): FaultRules => this.#faultRules;

  /**
   * Replaces the latency and fault rules (`decodeFaultRules` reads them).
   *
   * @example
   * import { seededRandom } from 'credential-lifecycle';
   * import { MockCore, noFaultRules } from 'credential-lifecycle/mock';
   * const core = new MockCore({ clock: { frozenAt: 0 }, random: () => seededRandom(1) });
   * core.setFaultRules(noFaultRules);
   * core.faultRules().rules; // []
   */
  readonly setFaultRules = (rules: FaultRules): void => {
    this.#faultRules = rules;
  };

  /**
   * The random source in force.
   *
   * @example
   * import { seededRandom } from 'credential-lifecycle';
   * import { MockCore } from 'credential-lifecycle/server';
   * const random = new MockCore({ clock: { frozenAt: 0 }, random: () => seededRandom(1) }).random();
   * Array.from(random.getRandomValues(new Uint8Array(4))); // [74, 28, 61, 47]
   */
  readonly random = (): RandomSource => this.#random;

  /**
   * The mock's time and whether it stands still.
   *
   * @example
   * import { seededRandom } from 'credential-lifecycle';
   * import { MockCore } from 'credential-lifecycle/server';
   * await new MockCore({ clock: { frozenAt: 0 }, random: () => seededRandom(1) }).readClock();
   * // { now: 0, frozen: true }
   */
  readonly readClock = async (): Promise<ClockReading> => this.#readClock();

  #readClock(): Awaitable<ClockReading> {
    const setting = this.store.clock();
    return isPromiseLike(setting)
      ? Promise.resolve(setting).then((s) => clockReading(s, this.#rest))
      : clockReading(setting, this.#rest);
  }

  /**
   * Empties the store (users, policies, tokens; the clock's setting returns
   * to rest) and starts a fresh random source: the mock as it was built.
   *
   * @example
   * import { seededRandom } from 'credential-lifecycle';
   * import { MockCore } from 'credential-lifecycle/server';
   * const mock = new MockCore({ clock: { frozenAt: 0 }, random: () => seededRandom(1) });
   * await mock.store.changeClock({ advance: 5_000 });
   * await mock.readClock(); // { now: 5000, frozen: true }
   * await mock.reset();
   * await mock.readClock(); // { now: 0, frozen: true }
   */
  readonly reset = async (): Promise<void> => {
    await this.store.clear();
    this.#random = this.#freshRandom();
    this.#faultRules = noFaultRules;
    this.journal.clear();
  };

  /** The caller; a token is looked up in the store only when the request carries one. */
  #principal(headers: RequestHeaders | undefined): Awaitable<E.Either<ApiError, Principal>> {
    let token: string | undefined;
    const caller = principalFromHeaders(
      headers,
      (t) => {
        token = t;
        return undefined;
      },
      this.#adminName,
    );
    if (token === undefined) return caller;
    return Promise.resolve(this.store.tokenOwner(token)).then((owner) =>
      principalFromHeaders(headers, () => owner, this.#adminName),
    );
  }

  /**
   * Answers one request: a control route, a refused caller, or the
   * operation's answer after its result was saved. Rejects only when the
   * store does.
   *
   * @example
   * import { seededRandom } from 'credential-lifecycle';
   * import { MockCore } from 'credential-lifecycle/server';
   * const mock = new MockCore({ clock: { frozenAt: 0 }, random: () => seededRandom(1) });
   * (await mock.answer({ method: 'GET', path: '/nope', body: undefined })).status; // 404
   */
  async answer(request: MockRequest): Promise<HttpAnswer> {
    return (await this.respond(request)).answer;
  }

  /**
   * Answers one request as {@link MockCore.answer} does, and says how long
   * to wait before giving the answer: the delay a fault rule decided (0
   * without one). A request that is not a control request is journalled.
   *
   * @example
   * import { seededRandom } from 'credential-lifecycle';
   * import { decodeFaultRules, MockCore } from 'credential-lifecycle/mock';
   * const mock = new MockCore({ clock: { frozenAt: 0 }, random: () => seededRandom(1) });
   * const rules = decodeFaultRules({ rules: [{ path: '/slow*', delayMs: 400 }] });
   * if (rules._tag === 'Right') mock.setFaultRules(rules.right);
   * (await mock.respond({ method: 'GET', path: '/slow/thing', body: undefined })).delayMs; // 400
   */
  async respond(request: MockRequest): Promise<MockReply> {
    if (isControlPath(request.path)) {
      return {
        answer: await controlAnswer(this, request.method, request.path, request.body),
        delayMs: 0,
      };
    }
    const reading = this.#readClock();
    const { now } = isPromiseLike(reading) ? await reading : reading;
    const queryAt = request.path.indexOf('?');
    const path = queryAt === -1 ? request.path : request.path.slice(0, queryAt);
    const fault: FaultDecision | undefined =
      this.#faultRules.rules.length === 0
        ? undefined
        : decideFault(this.#faultRules, request.method, path, this.#random);
    const answer = fault?.answer ?? (await this.#answerModel(request, now));
    this.journal.record({
      at: now,
      method: request.method,
      path,
      query: queryAt === -1 ? '' : request.path.slice(queryAt + 1),
      caller: callerKindOf(request.headers),
      status: answer.status,
      body: redactBody(request.body),
      ...(fault === undefined
        ? {}
        : {
            fault: {
              rule: fault.rule,
              delayMs: fault.delayMs,
              injected: fault.answer !== undefined,
            },
          }),
    });
    return { answer, delayMs: fault?.delayMs ?? 0 };
  }

  /** The model's answer to a request that is not a control request. */
  async #answerModel(request: MockRequest, now: number): Promise<HttpAnswer> {
    const caller = this.#principal(request.headers);
    const principal = isPromiseLike(caller) ? await caller : caller;
    if (E.isLeft(principal)) return errorAnswer(principal.left);
    const apiRequest: ApiRequest = {
      method: request.method,
      path: request.path,
      body: request.body,
      principal: principal.right,
    };
    const env = { now, random: this.#random };
    const hooks = this.#hooks;
    if (hooks === undefined) return handleWith(this.store, apiRequest, env, this.#handleOptions);
    const store = this.store;
    await hooks.before?.(apiRequest, store);
    const { directory, revise } = hooks;
    const unguarded = hooks.unguarded?.(store);
    const answer = await handleWith(unguarded ?? store, apiRequest, env, {
      ...this.#handleOptions,
      ...(unguarded === undefined ? {} : { queue: undefined }),
      directory: directory === undefined ? undefined : (loaded) => directory(loaded, store),
      revise:
        revise === undefined
          ? undefined
          : (result, route, loaded) => revise(result, route, store, loaded),
    });
    return hooks.after === undefined ? answer : hooks.after(answer, apiRequest, store);
  }
}
