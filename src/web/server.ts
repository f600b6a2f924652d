/**
 * The mock server's core: plain data in (method, path, headers, body text),
 * plain data out (status, headers, body text). Every HTTP binding — Node,
 * the web-standard handler, MSW — goes through it.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import { type ApiError, apiError, ErrorCode } from '../domain/errors.js';
import type { Instant } from '../domain/instant.js';
import { MockCore, type MockState } from '../mock/core.js';
import { type Fault, faultHooks } from '../mock/faults.js';
import { MemoryMockStore, type MockStore } from '../mock/store.js';
import { errorAnswer, type HttpAnswer } from '../operations/answer.js';
import { headerOf, type RequestHeaders } from '../operations/caller-headers.js';
import { storeUnavailable } from '../operations/handle-with.js';
import { RepositoryUnavailableError } from '../operations/repository.js';
import { seededRandom, webCryptoRandom } from '../secret/random.js';

/**
 * Request headers as Node's `IncomingMessage.headers` holds them (the
 * library's {@link RequestHeaders}).
 *
 * @example
 * import type { HeaderBag } from 'credential-lifecycle/mock';
 * const headers: HeaderBag = { 'content-type': 'application/json' };
 */
export type HeaderBag = RequestHeaders;

/**
 * A request as the core takes it: no stream, no framework object.
 *
 * @example
 * import type { CoreRequest } from 'credential-lifecycle/mock';
 * const request: CoreRequest = {
 *   method: 'GET',
 *   path: '/nevisidm/api/core/v1/demo/users/alice/tempstrong-password',
 *   headers: {},
 *   bodyText: undefined,
 * };
 */
export interface CoreRequest {
  readonly method: string;
  /** The path, optionally with a query string (ignored). */
  readonly path: string;
  /** Header names in lower case. */
  readonly headers: HeaderBag;
  /** The body as text; `undefined` or `''` when there is none. */
  readonly bodyText: string | undefined;
}

/**
 * A response as the core produces it.
 *
 * @example
 * import type { CoreResponse } from 'credential-lifecycle/mock';
 * const noContent: CoreResponse = { status: 204, headers: {}, bodyText: undefined };
 */
export interface CoreResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string | undefined;
}

/**
 * The largest request body the server accepts: 64 KiB.
 *
 * @example
 * import { maxBodyBytes } from 'credential-lifecycle/mock';
 * maxBodyBytes; // 65_536
 */
export const maxBodyBytes = 65_536;

/**
 * How to build a mock server core.
 *
 * @example
 * import type { MockServerOptions } from 'credential-lifecycle/mock';
 * const options: MockServerOptions = { seed: 42, faults: [] };
 */
export interface MockServerOptions<S extends MockStore = MemoryMockStore> {
  /**
   * The store to run on: several mocks (and processes) over one store share
   * its users, policies, tokens and clock setting. Default: a new
   * `MemoryMockStore`.
   */
  readonly store?: S;
  /** Makes generated secrets, salts, ids and tokens reproducible (re-seeded on reset). */
  readonly seed?: number;
  /** The real time source the clock runs on (default `Date.now`). */
  readonly realNow?: () => number;
  /**
   * Rest the clock frozen at this instant instead of on real time, as the
   * testing kit's in-process system does: it starts there, and
   * `DELETE /__mock/clock` and a reset return there.
   */
  readonly start?: Instant;
  /** TEST-ONLY deliberate defects; see {@link Fault}. */
  readonly faults?: readonly Fault[];
  /** Decisions per request before a lost compare-and-set answers 409. Default `defaultAttempts`. */
  readonly attempts?: number;
  /** How many requests the journal (`GET /__mock/requests`) holds. Default `defaultJournalLimit`. */
  readonly journalLimit?: number;
  /**
   * Waits out a fault rule's delay before the answer is given. Default: a
   * timer (`setTimeout`); a test may pass its own.
   */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Waits `ms` milliseconds on the platform's timer: how the adapters apply a
 * fault rule's delay unless given another way.
 *
 * @example
 * import { timerSleep } from 'credential-lifecycle/mock';
 * await timerSleep(0); // resolves (undefined) on the next timer tick
 */
export const timerSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

const json = (status: number, body: unknown, headers: Readonly<Record<string, string>> = {}) => ({
  status,
  headers: { ...headers, 'content-type': 'application/json' },
  bodyText: JSON.stringify(body),
});

/**
 * The response for an error value: its status and the nevis error body.
 *
 * @example
 * import { apiError } from 'credential-lifecycle';
 * import { errorResponse } from 'credential-lifecycle/mock';
 * errorResponse(apiError(404, 'errors.notFound', 'no route')).status; // 404
 */
export const errorResponse = (error: ApiError): CoreResponse => answerResponse(errorAnswer(error));

/**
 * The response for an operation's answer.
 *
 * @example
 * import { answerResponse } from 'credential-lifecycle/mock';
 * answerResponse({ status: 204, headers: {} }).bodyText; // undefined
 */
export const answerResponse = (answer: HttpAnswer): CoreResponse =>
  answer.body === undefined
    ? { status: answer.status, headers: answer.headers, bodyText: undefined }
    : answer.headers['content-type'] === 'application/json'
      ? { status: answer.status, headers: answer.headers, bodyText: JSON.stringify(answer.body) }
      : json(answer.status, answer.body, answer.headers);

const tooLarge = (): ApiError =>
  apiError(413, ErrorCode.payloadTooLarge, `request body over ${maxBodyBytes} bytes`);

/**
 * The 413 response for a body over {@link maxBodyBytes}.
 *
 * @example
 * import { payloadTooLarge } from 'credential-lifecycle/mock';
 * payloadTooLarge().status; // 413
 */
export const payloadTooLarge = (): CoreResponse => errorResponse(tooLarge());

/**
 * The 503 response: the store cannot be reached.
 *
 * @example
 * import { serviceUnavailable } from 'credential-lifecycle/mock';
 * serviceUnavailable().status; // 503
 */
export const serviceUnavailable = (): CoreResponse => errorResponse(storeUnavailable());

/**
 * The 500 response: it never says what went wrong.
 *
 * @example
 * import { internalError } from 'credential-lifecycle/mock';
 * internalError().status; // 500
 */
export const internalError = (): CoreResponse =>
  errorResponse(apiError(500, ErrorCode.internal, 'internal error'));

const isJsonContentType = (value: string | undefined): boolean =>
  value !== undefined && /^\s*application\/([\w.-]+\+)?json\s*(;|$)/i.test(value);

const utf8Length = (text: string): number =>
  text.length * 3 <= maxBodyBytes ? text.length : new TextEncoder().encode(text).length;

/**
 * Parses a request body: absent or blank is `undefined`; a non-JSON content
 * type is 415, a body over 64 KiB 413, malformed JSON 400.
 *
 * @example
 * import { parseBody } from 'credential-lifecycle/mock';
 * parseBody({ method: 'POST', path: '/', headers: { 'content-type': 'application/json' }, bodyText: '{"a":1}' });
 * // right({ a: 1 })
 */
export const parseBody = (request: CoreRequest): E.Either<ApiError, unknown> => {
  const text = request.bodyText;
  if (text === undefined || text.trim() === '') return E.right(undefined);
  if (utf8Length(text) > maxBodyBytes) return E.left(tooLarge());
  const contentType = headerOf(request.headers, 'content-type');
  if (!isJsonContentType(contentType)) {
    return E.left(
      apiError(
        415,
        ErrorCode.unsupportedMediaType,
        `a request body must be application/json, got ${(contentType ?? 'no content type').slice(0, 100)}`,
      ),
    );
  }
  try {
    return E.right(JSON.parse(text));
  } catch {
    return E.left(apiError(400, ErrorCode.malformedRequest, 'the body is not valid JSON'));
  }
};

/**
 * The mock server's state and request handler, free of any HTTP library,
 * over a store (in memory unless `store` names another). Requests about the
 * same user are handled one after the other and saved by compare-and-set, so
 * concurrent PATCHes with the same `version` see each other, also across
 * mocks that share a store.
 *
 * @example
 * import { controlPath, MockServer } from 'credential-lifecycle/mock';
 * const mock = new MockServer({ seed: 1 });
 * (await mock.handle({ method: 'PUT', path: controlPath.user('demo', 'alice'), headers: {}, bodyText: undefined })).status; // 204
 * (await mock.handle({
 *   method: 'POST',
 *   path: '/nevisidm/api/core/v1/demo/users/alice/tempstrong-password',
 *   headers: {},
 *   bodyText: undefined,
 * })).status; // 201
 */
export class MockServer<S extends MockStore = MemoryMockStore> {
  /** The state the control API changes. */
  readonly state: MockState<S>;
  readonly #core: MockCore;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(options: MockServerOptions<S> = {}) {
    this.#sleep = options.sleep ?? timerSleep;
    const seed = options.seed;
    const hooks = faultHooks(options.faults ?? []);
    this.#core = new MockCore<MockStore>({
      clock:
        options.start === undefined
          ? { realNow: options.realNow ?? Date.now }
          : { frozenAt: options.start },
      random: seed === undefined ? () => webCryptoRandom : () => seededRandom(seed),
      store: options.store ?? new MemoryMockStore(),
      ...(options.attempts === undefined ? {} : { attempts: options.attempts }),
      ...(options.journalLimit === undefined ? {} : { journalLimit: options.journalLimit }),
      ...(hooks === undefined ? {} : { hooks }),
    });
    // The core's store is the S given (or, without one, the default MemoryMockStore).
    this.state = this.#core as MockState as MockState<S>;
  }

  /**
   * Answers one request, after the delay of a fault rule if one applies;
   * never rejects. A store that cannot be reached is a 503; anything else
   * unexpected is a 500 without details.
   *
   * @example
   * import { MockServer } from 'credential-lifecycle/mock';
   * (await new MockServer().handle({ method: 'GET', path: '/nope', headers: {}, bodyText: undefined })).status; // 404
   */
  async handle(request: CoreRequest): Promise<CoreResponse> {
    try {
      const body = parseBody(request);
      if (E.isLeft(body)) return errorResponse(body.left);
      const { answer, delayMs } = await this.#core.respond({
        method: request.method,
        path: request.path,
        headers: request.headers,
        body: body.right,
      });
      if (delayMs > 0) await this.#sleep(delayMs);
      return answerResponse(answer);
    } catch (error) {
      return error instanceof RepositoryUnavailableError ? serviceUnavailable() : internalError();
    }
  }
}
