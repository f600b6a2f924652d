// Debian's Chromium, driven by playwright-core: where it lives, whether it is
// installed, and how every script and test of the project launches it
// (headless, no sandbox, nothing fetched in the background). Never a
// downloaded browser. Shared by scripts/mermaid-render.mjs, the playground's
// screenshot script and the browser tests.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser. */
export const chromiumPath = '/usr/bin/chromium';

/** Whether the browser is installed here. */
export const hasChromium = () => existsSync(chromiumPath);

/** Why a browser test or script cannot run here, for its skip message. */
export const missingChromium = `Debian's Chromium is not installed at ${chromiumPath} (apt-get install -y chromium; .ci/run installs it)`;

/** The flags every launch uses. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Launches the browser with the project's flags (close it when done). */
export const launchChromium = () =>
  chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
