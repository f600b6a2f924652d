/**
 * The wire model: io-ts codecs whose static types are the domain types.
 *
 * @packageDocumentation
 */
export * from './credential.js';
export * from './credential-type.js';
export * from './errors.js';
export * from './ext-id.js';
export * from './instant.js';
export * from './int32.js';
export * from './requests.js';
export * from './responses.js';
export * from './state.js';
export * from './validity.js';
