// `npm run playground:screenshot`: builds the playground, opens it from disk
// in Debian's Chromium, plays the spec's lockout example on the default
// Password policy (wrong, wrong, wait 60 s, wrong) and writes the page to
// docs/img/playground.png, the screenshot the README and the guide show.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasChromium, launchChromium, missingChromium } from './chromium.mjs';
import { buildPlayground } from './playground.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'docs/img/playground.png');

if (!hasChromium()) {
  console.error(`playground:screenshot: ${missingChromium}`);
  process.exit(1);
}
const { url } = await buildPlayground();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  await page.waitForSelector('#diagram[data-drawn="true"] g.node.current');
  for (const step of ['fail', 'fail', 'wait', 'fail']) await page.click(`#step-${step}`);
  await page.waitForSelector('#diagram g.node.current[data-state="fail-locked"]');
  await page.mouse.move(0, 0);
  if (problems.length > 0) throw new Error(`the page reported: ${problems.join('; ')}`);
  await page.screenshot({ path: target, fullPage: true });
  console.log(`wrote ${path.relative(root, target)}`);
} finally {
  await browser.close();
}
