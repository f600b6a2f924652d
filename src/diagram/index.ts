/**
 * Lifecycle diagrams generated from the machine: the compact arrows and the
 * Mermaid writer, for the transitions of any kind under any rules. The page
 * `docs/lifecycle.md` and its tables (`page.ts`, `tables.ts`) are built from
 * these by `npm run diagram` and are not part of the package's API.
 *
 * @packageDocumentation
 */
export * from './arrows.js';
export * from './mermaid.js';
