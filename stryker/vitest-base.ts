import { defineConfig } from 'vitest/config';
import { folders } from './folders.mjs';

/**
 * The vitest configuration of one folder's mutation run: only that folder's
 * tests, and a fixed fast-check seed (see `test/mutation/fixed-seed.ts`).
 */
export function mutationVitestConfig(name: keyof typeof folders) {
  return defineConfig({
    test: {
      include: folders[name].tests,
      setupFiles: ['test/mutation/fixed-seed.ts'],
      testTimeout: 60_000,
      reporters: ['default'],
    },
  });
}
