/**
 * The portable entries bundle for a browser: esbuild, as a consumer's bundler
 * would run it (browser platform, no externals), must bundle the root entry
 * and `credential-lifecycle/mock` without any `node:` module, without
 * fast-check (an optional peer of the testing kit only) and without pg (the
 * optional peer of `credential-lifecycle/postgres` only). The Node entry, the
 * PostgreSQL entry and the testing kit show that the check can fail.
 */
import * as path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../docs/snippets.js';

interface Bundled {
  /** esbuild's errors, one line each, with the file they are in. */
  readonly errors: readonly string[];
  /** The bundled input files, repo-relative. */
  readonly inputs: readonly string[];
}

/** Bundles one source module for the browser, keeping everything it imports. */
const bundleForBrowser = async (entry: string): Promise<Bundled> => {
  try {
    const result = await build({
      entryPoints: [path.join(repoRoot, entry)],
      absWorkingDir: repoRoot,
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    return { errors: [], inputs: Object.keys(result.metafile.inputs) };
  } catch (error) {
    const errors =
      (error as { errors?: { text: string; location?: { file: string } | null }[] }).errors ?? [];
    return {
      errors: errors.map((e) => (e.location ? `${e.location.file}: ${e.text}` : e.text)),
      inputs: [],
    };
  }
};

/** What makes a bundle unportable: a Node module it failed on, or fast-check or pg in it. */
const portabilityProblems = ({ errors, inputs }: Bundled): string[] => [
  ...errors,
  ...inputs.filter((i) => /(^|\/)node_modules\/fast-check\//.test(i)).map((i) => `bundles ${i}`),
  ...inputs.filter((i) => /(^|\/)node_modules\/pg(-[a-z]+)?\//.test(i)).map((i) => `bundles ${i}`),
  ...inputs.filter((i) => i.startsWith('node:')).map((i) => `bundles ${i}`),
];

describe('portable entries bundle for the browser', () => {
  it.each([
    ['credential-lifecycle', 'src/index.ts'],
    ['credential-lifecycle/mock', 'src/web/index.ts'],
  ])('%s (%s)', async (_entry, file) => {
    const bundled = await bundleForBrowser(file);
    expect(portabilityProblems(bundled)).toEqual([]);
    // It did bundle the library and its dependencies.
    expect(bundled.inputs).toEqual(
      expect.arrayContaining([file, expect.stringMatching(/node_modules\/xstate\//)]),
    );
  });

  it('the Node entry fails on its node: imports (the check is not vacuous)', async () => {
    const problems = portabilityProblems(await bundleForBrowser('src/server/index.ts'));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/node:http/),
        expect.stringMatching(/node:fs/),
        expect.stringMatching(/node:util/),
      ]),
    );
  });

  it('the PostgreSQL entry carries pg (the check is not vacuous)', async () => {
    const problems = portabilityProblems(await bundleForBrowser('src/postgres/index.ts'));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/node_modules\/pg\//)]));
  });

  it('the testing kit carries fast-check (the check is not vacuous)', async () => {
    const problems = portabilityProblems(await bundleForBrowser('src/testing/index.ts'));
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/bundles node_modules\/fast-check\//)]),
    );
  });
});
