/**
 * `credential-lifecycle`: the credential part of the nevisIDM core v1 REST API
 * (Password, Temporary Strong Password, Ticket, PUK) as pure functions. The
 * wire model as io-ts codecs, the lifecycle of a credential as an XState
 * machine, the policies that steer it, salted-SHA hashing and generation of
 * secrets, and one function per REST operation with `dispatch` and the
 * in-memory `MemoryStore` around them. Time and randomness are arguments;
 * nothing here reads a clock, the network or the environment, and it runs in
 * any JavaScript runtime.
 *
 * @packageDocumentation
 * @module credential-lifecycle
 */
export * from './diagram/index.js';
export * from './domain/index.js';
export * from './lifecycle/index.js';
export * from './operations/index.js';
export * from './policy/index.js';
export * from './reasoning/index.js';
export * from './secret/index.js';
