/**
 * Setup file of the mutation runs only (never of `npm test`).
 *
 * `@fast-check/vitest` names each property test `… (with seed=N)` and draws N
 * afresh at every load. Stryker's per-test mode remembers the names of the dry
 * run and selects them again, by name, for every mutant: with a fresh seed the
 * names no longer match and the property tests silently do not run. A global
 * fixed seed makes the names (and the runs) the same in every load.
 */
import fc from 'fast-check';

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: 20_260_517 });
