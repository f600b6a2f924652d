/**
 * The mutation-testing setup (`npm run test:mutation`, never part of `npm test`):
 * each core folder has its configuration, mutates existing files, runs an
 * existing, HTTP-free test set with the fixed fast-check seed, and breaks under 85 %.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { folderConfig, folders } from '../../stryker/folders.mjs';

const names = ['domain', 'lifecycle', 'policy', 'secret', 'operations'] as const;

/** Files under `dir` (relative paths), recursively. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => `${dir}/${f}`);

/** Whether `path` matches a glob of the simple forms used here (`dir/**\/*.test.ts` or a path). */
const matches = (glob: string, path: string): boolean => {
  const re = glob.replaceAll('.', '\\.').replaceAll('**/', '(?:.*/)?').replaceAll('*', '[^/]*');
  return new RegExp(`^${re}$`).test(path);
};

describe('mutation testing configuration', () => {
  it('covers the five core folders, each with its own config file', () => {
    expect(Object.keys(folders).sort()).toEqual([...names].sort());
    for (const name of names) {
      expect(existsSync(`stryker/${name}.config.mjs`)).toBe(true);
      expect(existsSync(`stryker/vitest.${name}.config.ts`)).toBe(true);
    }
  });

  for (const name of names) {
    it(`${name}: mutates files that exist, runs tests that exist and need no HTTP server`, () => {
      const { mutate, tests } = folders[name];
      const sources = filesUnder('src');
      for (const glob of mutate.filter((g) => !g.startsWith('!'))) {
        expect(
          sources.some((f) => matches(glob, f)),
          glob,
        ).toBe(true);
      }
      const testFiles = filesUnder('test').filter((f) => f.endsWith('.test.ts'));
      const selected = testFiles.filter((f) => tests.some((g) => matches(g, f)));
      expect(selected.length).toBeGreaterThan(0);
      for (const glob of tests)
        expect(
          testFiles.some((f) => matches(glob, f)),
          glob,
        ).toBe(true);
      for (const f of selected) {
        expect(f).not.toMatch(/^test\/(server|web|mock|package|testing|reasoning|docs)\//);
        expect(readFileSync(f, 'utf8')).not.toMatch(/from 'node:http'|\.listen\(/);
      }
    });

    it(`${name}: per-test coverage, ignoreStatic, incremental, break at 85 %`, () => {
      const config = folderConfig(name);
      expect(config).toMatchObject({
        testRunner: 'vitest',
        coverageAnalysis: 'perTest',
        ignoreStatic: true,
        incremental: true,
        incrementalFile: `stryker/incremental/${name}.json`,
        checkers: ['typescript'],
        vitest: { configFile: `stryker/vitest.${name}.config.ts` },
      });
      expect(config.thresholds?.break).toBeGreaterThanOrEqual(85);
    });
  }

  it('mutation runs fix the fast-check seed; npm test does not run Stryker', () => {
    expect(readFileSync('stryker/vitest-base.ts', 'utf8')).toContain('test/mutation/fixed-seed.ts');
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<
      string,
      string
    >;
    expect(scripts['test:mutation']).toBe('node scripts/mutation.mjs');
    expect(scripts.test).not.toMatch(/stryker|mutation/);
  });
});
