/**
 * The wire model: io-ts codecs whose static types are the domain types.
 *
 * @packageDocumentation
 */
export * from './credential-type.js';
export * from './errors.js';
export * from './instant.js';
export * from './state.js';
export * from './validity.js';
