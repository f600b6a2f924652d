/**
 * The mock as a web-standard handler, `(request: Request) => Promise<Response>`:
 * the same mock in Node, a service worker, Deno, Bun or MSW.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import type { MemoryMockStore, MockStore } from '../mock/store.js';
import { applyFixtureOrSnapshot } from './fixture.js';
import {
  type CoreRequest,
  type CoreResponse,
  internalError,
  MockServer,
  type MockServerOptions,
  maxBodyBytes,
  payloadTooLarge,
} from './server.js';

/**
 * A web-standard request handler that also exposes the mock it serves.
 *
 * @example
 * import { createMockHandler, type MockHandler } from 'credential-lifecycle/mock';
 * const handler: MockHandler = await createMockHandler();
 * handler.mock.state.store.listUsers('demo'); // []
 */
export interface MockHandler<S extends MockStore = MemoryMockStore> {
  (request: Request): Promise<Response>;
  /** The mock behind the handler (its store, clock and tokens). */
  readonly mock: MockServer<S>;
}

/**
 * How to build a web-standard handler: a new mock from these options (or an
 * existing `mock`), optionally loaded with a fixture.
 *
 * @example
 * import type { MockHandlerOptions } from 'credential-lifecycle/mock';
 * const options: MockHandlerOptions = { seed: 7, fixture: { clients: { demo: { users: { alice: {} } } } } };
 */
export interface MockHandlerOptions<S extends MockStore = MemoryMockStore>
  extends MockServerOptions<S> {
  /** Serve this mock instead of a new one. */
  readonly mock?: MockServer<S>;
  /** A fixture or a state snapshot (parsed JSON) to load first; see `applyFixtureOrSnapshot`. */
  readonly fixture?: unknown;
}

const headersOf = (headers: Headers): Record<string, string> => {
  const bag: Record<string, string> = {};
  headers.forEach((value, name) => {
    bag[name.toLowerCase()] = value;
  });
  return bag;
};

/**
 * Converts a core response into a web `Response`.
 *
 * @example
 * import { toWebResponse } from 'credential-lifecycle/mock';
 * toWebResponse({ status: 204, headers: {}, bodyText: undefined }).status; // 204
 */
export const toWebResponse = (response: CoreResponse): Response =>
  new Response(response.bodyText ?? null, {
    status: response.status,
    headers: response.headers,
  });

/**
 * Converts a web `Request` into a core request, or into the 413 response
 * when its body is too large.
 *
 * @example
 * import { controlPath, fromWebRequest } from 'credential-lifecycle/mock';
 * await fromWebRequest(new Request(`http://mock${controlPath.reset}`, { method: 'POST' }));
 * // { method: 'POST', path: '/__mock/reset', headers: {}, bodyText: undefined }
 */
export const fromWebRequest = async (request: Request): Promise<CoreRequest | CoreResponse> => {
  const url = new URL(request.url);
  const headers = headersOf(request.headers);
  const declared = Number(headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > maxBodyBytes) return payloadTooLarge();
  const bodyText = request.body === null ? undefined : await request.text();
  return { method: request.method, path: `${url.pathname}${url.search}`, headers, bodyText };
};

/**
 * A web-standard handler over a mock: `(request: Request) => Promise<Response>`.
 * Resolves once the fixture (if any) is applied, and rejects when it is
 * invalid; the handler itself never rejects.
 *
 * @example
 * ```ts
 * import { controlPath, createMockHandler } from 'credential-lifecycle/mock';
 * const handler = await createMockHandler({ seed: 1 });
 * await handler(new Request(`http://mock${controlPath.user('demo', 'alice')}`, { method: 'PUT' }));
 * const created = await handler(
 *   new Request('http://mock/nevisidm/api/core/v1/demo/users/alice/tempstrong-password', { method: 'POST' }),
 * );
 * created.status; // 201
 * ```
 */
export const createMockHandler = async <S extends MockStore = MemoryMockStore>(
  options: MockHandlerOptions<S> = {},
): Promise<MockHandler<S>> => {
  const mock = options.mock ?? new MockServer<S>(options);
  if (options.fixture !== undefined) {
    const applied = await applyFixtureOrSnapshot(mock, options.fixture);
    if (E.isLeft(applied)) throw new Error(`invalid fixture:\n${applied.left.join('\n')}`);
  }
  const handler = async (request: Request): Promise<Response> => {
    try {
      const core = await fromWebRequest(request);
      return toWebResponse('status' in core ? core : await mock.handle(core));
    } catch {
      return toWebResponse(internalError());
    }
  };
  return Object.assign(handler, { mock });
};
