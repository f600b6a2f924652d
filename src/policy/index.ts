/**
 * Credential policies: typed parameters with nevisIDM's defaults, decoding
 * from nevisIDM's string map or typed JSON, the hash algorithm and its
 * sub-parameters, the lifecycle rules a policy imposes, the reset limit and
 * password complexity.
 *
 * @packageDocumentation
 */
export * from './complexity.js';
export * from './decode.js';
export * from './hash-parameters.js';
export * from './lifecycle-rules.js';
export * from './parameters.js';
export * from './policy.js';
