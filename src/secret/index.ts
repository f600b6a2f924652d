/**
 * Secrets: hashing and verification (salted SHA, PBKDF2, Argon2id, bcrypt),
 * the random source port, uniform secret generation and the `Redacted` wrapper.
 *
 * @packageDocumentation
 */
export * from './base64.js';
export * from './generate.js';
export * from './hash.js';
export * from './random.js';
export * from './redacted.js';
export * from './utf8.js';
