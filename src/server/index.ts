/**
 * The mock server of the nevisIDM credential API: a core handler over the
 * in-memory store, a web-standard `Request → Response` handler, a `node:http`
 * server, fixtures and the command line, over the pure mock of `src/mock/`
 * (state, `/__mock` control API, request flow, faults), re-exported here. The
 * only part of the package that does I/O.
 *
 * @packageDocumentation
 */
export * from '../mock/index.js';
export * from './clock.js';
export * from './command.js';
export * from './conformance.js';
export * from './control.js';
export * from './core.js';
export * from './fixture.js';
export * from './node.js';
export * from './web.js';
