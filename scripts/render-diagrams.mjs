// Renders docs/diagrams/*.mmd to docs/img/*.svg (run through
// `npm run diagram:render`, which regenerates the sources first). Fails when
// an image is wider than 1600 px or a label overlaps another label or a node.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hasChromium, hashAttribute, renderDiagrams } from './mermaid-render.mjs';

const maxWidth = 1600;
const sources = new URL('../docs/diagrams/', import.meta.url);
const images = new URL('../docs/img/', import.meta.url);
if (!hasChromium()) {
  console.error("diagram:render needs Debian's Chromium: apt-get install -y chromium");
  process.exit(1);
}
const diagrams = readdirSync(sources)
  .filter((file) => file.endsWith('.mmd'))
  .sort()
  .map((file) => ({
    name: file.slice(0, -4),
    mermaid: readFileSync(new URL(file, sources), 'utf8'),
  }));
mkdirSync(images, { recursive: true });
const names = new Set(diagrams.map((d) => `${d.name}.svg`));
// An image this script wrote (it carries the source hash) whose source is gone.
for (const file of readdirSync(images)) {
  if (!file.endsWith('.svg') || names.has(file)) continue;
  const url = new URL(file, images);
  if (readFileSync(url, 'utf8').includes(hashAttribute)) rmSync(url);
}
let failed = false;
for (const r of await renderDiagrams(diagrams)) {
  writeFileSync(new URL(`${r.name}.svg`, images), `${r.svg}\n`);
  console.log(`docs/img/${r.name}.svg: ${r.width} × ${r.height} px`);
  if (r.width > maxWidth) {
    console.log(`  wider than ${maxWidth} px`);
    failed = true;
  }
  for (const overlap of r.overlaps) {
    console.log(`  ${overlap}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
