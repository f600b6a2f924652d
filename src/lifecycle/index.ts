/**
 * The credential lifecycle: the XState machine, the pure API over it, the
 * severity of credential problems, the persisted-value codec, the machine's
 * edge list and the reachability analysis.
 *
 * @packageDocumentation
 */
export * from './diagram.js';
export * from './fired.js';
export * from './lifecycle.js';
export * from './machine.js';
export * from './reachability.js';
export * from './rules.js';
export * from './severity.js';
export * from './value.js';
