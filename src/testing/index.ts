/**
 * `credential-lifecycle/testing`: a kit for testing nevisIDM-compatible
 * servers and clients against this library. fast-check arbitraries for every
 * domain value, the system-under-test port with an in-process and an HTTP
 * adapter, model commands for `fc.commands` + `fc.asyncModelRun`, the oracle
 * that predicts each answer, `runConformance`, which puts them together
 * (with model coverage, a failure database and parallel runs checked for
 * linearizability), and the probe of a target before a run.
 * Needs the peer dependency `fast-check` (v4). The
 * [testing guide](../../docs/testing-guide.md) shows them at work.
 *
 * @packageDocumentation
 * @module credential-lifecycle/testing
 */

export { controlPath } from '../mock/paths.js';
export * from './arbitraries.js';
export * from './commands.js';
export * from './compare.js';
export * from './conformance.js';
export * from './coverage/attribution.js';
export * from './coverage/coverage.js';
export * from './coverage/driven.js';
export * from './failures/codec.js';
export * from './failures/format.js';
export * from './failures/store.js';
export * from './journal.js';
export * from './oracle.js';
export * from './parallel/linearizability.js';
export * from './probe.js';
export * from './report.js';
export * from './report-files.js';
export * from './system.js';
