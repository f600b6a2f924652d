/**
 * Secrets: OpenLDAP-compatible salted SHA hashes, the random source port,
 * uniform secret generation and the `Redacted` wrapper.
 *
 * @packageDocumentation
 */
export * from './base64.js';
export * from './generate.js';
export * from './hash.js';
export * from './random.js';
export * from './redacted.js';
export * from './utf8.js';
