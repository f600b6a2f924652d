/**
 * Reasoning about policies: the script language, `explain` (what happens,
 * step by step), `analyzePolicy` (what a policy means), their reports as
 * text, and sessions built one step at a time.
 *
 * @packageDocumentation
 */
export * from './analyze.js';
export * from './duration.js';
export * from './explain.js';
export * from './report.js';
export * from './script.js';
export * from './session.js';
