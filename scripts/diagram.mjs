// Writes docs/lifecycle.md and docs/diagrams/*.mmd from the built library
// (run through `npm run diagram`); a .mmd file the machine no longer
// generates is removed. `npm run diagram:render` turns them into docs/img/*.svg.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { lifecycleDiagrams, lifecyclePage } from '../dist/diagram/page.js';

const docs = new URL('../docs/', import.meta.url);
const sources = new URL('diagrams/', docs);
mkdirSync(sources, { recursive: true });
const diagrams = lifecycleDiagrams();
const names = new Set(diagrams.map((d) => `${d.name}.mmd`));
for (const file of readdirSync(sources)) {
  if (file.endsWith('.mmd') && !names.has(file)) rmSync(new URL(file, sources));
}
for (const d of diagrams) writeFileSync(new URL(`${d.name}.mmd`, sources), d.mermaid);
writeFileSync(new URL('lifecycle.md', docs), lifecyclePage());
console.log(`wrote docs/lifecycle.md and ${diagrams.length} diagrams in docs/diagrams/`);
