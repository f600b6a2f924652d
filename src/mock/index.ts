/**
 * The mock of the credential API without I/O, shared by the HTTP mock server
 * (`credential-lifecycle/server`, which re-exports all of it) and the testing
 * kit's in-process system: state, control API, request flow, fault hooks, the
 * control paths and the store port with its in-memory implementation.
 *
 * @packageDocumentation
 */
export * from './clock.js';
export * from './control.js';
export * from './control-route.js';
export * from './core.js';
export * from './fault-control.js';
export * from './fault-rules.js';
export * from './faults.js';
export * from './journal.js';
export * from './journal-control.js';
export * from './paths.js';
export * from './snapshot.js';
export * from './state-control.js';
export * from './store.js';
