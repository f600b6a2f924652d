/**
 * The mock server of the nevisIDM credential API: a core handler over the
 * in-memory store, a web-standard `Request → Response` handler, a `node:http`
 * server, fixtures, the `/__mock` control API and the command line. The only
 * part of the package that does I/O.
 *
 * @packageDocumentation
 */
export * from './clock.js';
export * from './command.js';
export * from './conformance.js';
export * from './control.js';
export * from './core.js';
export * from './faults.js';
export * from './fixture.js';
export * from './node.js';
export * from './web.js';
