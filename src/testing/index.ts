/**
 * `credential-lifecycle/testing`: a kit for testing nevisIDM-compatible
 * servers and clients against this library. fast-check arbitraries for every
 * domain value, the system-under-test port with an in-process and an HTTP
 * adapter, model commands for `fc.commands` + `fc.asyncModelRun`, the oracle
 * that predicts each answer, and `runConformance`, which puts them together.
 * Needs the peer dependency `fast-check` (v4). The
 * [testing guide](../../docs/testing-guide.md) shows them at work.
 *
 * @packageDocumentation
 * @module credential-lifecycle/testing
 */

export { controlPath } from '../mock/paths.js';
export * from './arbitraries.js';
export * from './commands.js';
export * from './conformance.js';
export * from './oracle.js';
export * from './report.js';
export * from './system.js';
