/**
 * The five core folders under mutation testing: which files each one mutates and
 * which tests its mutants run against (`docs/mutation-testing.md` says why).
 *
 * Left out of every set, on purpose: the HTTP tests (`test/server`, `test/web`,
 * `test/mock`), the packaging tests (`test/package`), the documentation and
 * diagram tests, and the testing kit's conformance runs (`test/testing`,
 * `test/reasoning`). Each of those loads the whole library and, for conformance,
 * runs up to 1,000 command sequences: 3–16 s for every mutant they cover, while
 * the rules they exercise are pinned directly by the unit and property tests of
 * the pure core listed here.
 */

/** @type {Record<string, { mutate: string[], tests: string[] }>} */
export const folders = {
  domain: {
    mutate: ['src/domain/**/*.ts', '!src/domain/index.ts'],
    tests: ['test/domain/**/*.test.ts', 'test/operations/seeds.test.ts'],
  },
  lifecycle: {
    mutate: ['src/lifecycle/**/*.ts', '!src/lifecycle/index.ts'],
    tests: [
      'test/lifecycle/**/*.test.ts',
      'test/diagram/arrows.test.ts',
      'test/operations/password.test.ts',
      'test/operations/password-change.test.ts',
      'test/operations/puk.test.ts',
      'test/operations/ticket.test.ts',
      'test/operations/temp-strong-password.test.ts',
    ],
  },
  policy: {
    mutate: ['src/policy/**/*.ts', '!src/policy/index.ts'],
    tests: [
      'test/policy/**/*.test.ts',
      'test/secret/generate.test.ts',
      'test/operations/hash-algorithm.test.ts',
      'test/operations/seeds.test.ts',
      'test/operations/password.test.ts',
      'test/operations/puk.test.ts',
      'test/operations/ticket.test.ts',
      'test/operations/temp-strong-password.test.ts',
    ],
  },
  secret: {
    mutate: ['src/secret/**/*.ts', '!src/secret/index.ts'],
    tests: ['test/secret/**/*.test.ts', 'test/operations/hash-algorithm.test.ts'],
  },
  operations: {
    mutate: [
      'src/operations/password.ts',
      'src/operations/temp-strong-password.ts',
      'src/operations/ticket.ts',
      'src/operations/puk.ts',
      'src/operations/workflow.ts',
    ],
    tests: ['test/operations/**/*.test.ts'],
  },
};

/**
 * The Stryker configuration of one folder.
 *
 * @param {keyof typeof folders} name
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export function folderConfig(name) {
  const folder = folders[name];
  if (folder === undefined) throw new Error(`no mutation folder named ${name}`);
  return {
    packageManager: 'npm',
    mutate: folder.mutate,
    testRunner: 'vitest',
    vitest: { configFile: `stryker/vitest.${name}.config.ts`, related: false },
    checkers: ['typescript'],
    tsconfigFile: 'stryker/tsconfig.json',
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    coverageAnalysis: 'perTest',
    // Mutants that run only while a module loads would need a fresh process per
    // mutant; they are reported as ignored, not tested.
    ignoreStatic: true,
    thresholds: { high: 90, low: 85, break: 85 },
    incremental: true,
    incrementalFile: `stryker/incremental/${name}.json`,
    reporters: ['clear-text', 'progress', 'html', 'json'],
    htmlReporter: { fileName: `reports/mutation/${name}.html` },
    jsonReporter: { fileName: `reports/mutation/${name}.json` },
    clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
    tempDirName: '.stryker-tmp',
    cleanTempDir: true,
    // The machines are shared: a loaded core must not turn a slow test into a "timed out" kill.
    timeoutMS: 20_000,
    timeoutFactor: 3,
    ignorePatterns: ['/dist', '/docs/api', '/coverage', '/bench', '*.tgz', '.vitest-*'],
  };
}
