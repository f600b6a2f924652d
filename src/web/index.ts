/**
 * `credential-lifecycle/mock`: the mock server of the nevisIDM credential API
 * for any JavaScript platform with `fetch` — browsers, service workers, MSW,
 * Deno, Bun and Node. `MockServer` answers plain requests on the platform's
 * clock and Web Crypto; `createMockHandler` turns it into a web-standard
 * `(request: Request) => Promise<Response>` handler; `applyFixture` loads a
 * fixture; the I/O-free mock of `src/mock/` (state, `/__mock` control API,
 * control paths, faults) is re-exported. Imports no Node module and no
 * optional dependency; the Node server and the command line are in
 * `credential-lifecycle/server`.
 *
 * @packageDocumentation
 * @module credential-lifecycle/mock
 */
export * from '../mock/index.js';
export * from '../openapi/index.js';
export * from './clock.js';
export * from './control.js';
export * from './fixture.js';
export * from './handler.js';
export * from './server.js';
