// Writes docs/lifecycle.md from the built library (run through `npm run diagram`).
import { writeFileSync } from 'node:fs';
import { lifecycleDiagram } from '../dist/index.js';

writeFileSync(new URL('../docs/lifecycle.md', import.meta.url), lifecycleDiagram());
