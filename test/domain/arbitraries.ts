/**
 * The wire-model arbitraries moved to `credential-lifecycle/testing`
 * (`src/testing/arbitraries.ts`); re-exported here for older imports.
 */
export * from '../../src/testing/arbitraries.js';
