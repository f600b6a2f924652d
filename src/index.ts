/**
 * credential-lifecycle: the nevisIDM core v1 credential lifecycle as pure functions.
 *
 * @packageDocumentation
 */
export * from './diagram/index.js';
export * from './domain/index.js';
export * from './lifecycle/index.js';
export * from './operations/index.js';
export * from './policy/index.js';
export * from './secret/index.js';
