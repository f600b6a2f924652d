/**
 * The credential REST API as pure functions: one module per credential type
 * over a shared workflow, a router-independent dispatcher, an in-memory
 * reference store, and the async store port with its shell (`handleWith`).
 *
 * @packageDocumentation
 */
export * from './answer.js';
export * from './caller-headers.js';
export * from './dispatch.js';
export * from './environment.js';
export * from './evolve.js';
export * from './ext-id.js';
export * from './handle-with.js';
export * from './operation.js';
export * from './password.js';
export * from './policy-book.js';
export * from './principal.js';
export * from './puk.js';
export * from './refusal.js';
export * from './repository.js';
export * from './requirements.js';
export * from './resource.js';
export * from './route.js';
export * from './store.js';
export * from './stored-credential.js';
export * from './temp-strong-password.js';
export * from './ticket.js';
export * from './user.js';
export * from './user-queue.js';
export * from './workflow.js';
