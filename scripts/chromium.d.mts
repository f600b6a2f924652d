/** Types of scripts/chromium.mjs for the tests that import it. */
import type { Browser } from 'playwright-core';
export declare const chromiumPath: string;
export declare const hasChromium: () => boolean;
export declare const missingChromium: string;
export declare const chromiumArgs: readonly string[];
export declare const launchChromium: () => Promise<Browser>;
