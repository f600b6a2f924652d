/**
 * `credential-lifecycle/server`: the mock server on Node — a `node:http`
 * server and the `credential-lifecycle` command line — over the portable
 * mock of `credential-lifecycle/mock`, which it re-exports, so Node code can
 * import everything from here. The only entry that imports Node modules; its
 * declarations need `@types/node`, not fast-check (the `conformance` command
 * loads the testing kit only when it runs).
 *
 * @packageDocumentation
 * @module credential-lifecycle/server
 */
export * from '../web/index.js';
export * from './analyze-command.js';
export * from './cli-command.js';
export * from './command.js';
export * from './conformance.js';
export * from './conformance-output.js';
export * from './conformance-setup.js';
export * from './explain-command.js';
export * from './failure-directory.js';
export * from './http-system.js';
export * from './node.js';
export * from './policy-input.js';
export * from './serve.js';
