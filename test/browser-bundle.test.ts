/**
 * The portable entries bundle for a browser: Vite, building for the browser,
 * must not have to stub out a Node built-in anywhere in the dependency graph
 * (bcryptjs names `crypto`, and maps it away for browsers in its package.json).
 * test/architecture.test.ts checks our own sources; this checks what they pull in.
 *
 * The build runs in a child process without vitest's environment variables:
 * under vitest, Vite keeps these warnings to itself.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './docs/snippets.js';

const script = `
import { build } from 'vite';
const warnings = [];
const logger = {
  info() {}, clearScreen() {}, hasErrorLogged: () => false, hasWarned: false,
  warn: (m) => warnings.push(m), warnOnce: (m) => warnings.push(m), error: (m) => warnings.push(m),
};
await build({
  configFile: false, root: process.cwd(), customLogger: logger, logLevel: 'warn',
  build: { write: false, minify: false, lib: { entry: JSON.parse(process.argv[1]), formats: ['es'] } },
});
process.stdout.write(JSON.stringify(warnings));
`;

const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^(VITEST|NODE_ENV$|TEST$)/.test(name)),
);

/** The Node built-ins Vite had to stub out while bundling `entries` for the browser. */
const stubbedBuiltins = (entries: Record<string, string>): string[] => {
  const out = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', script, JSON.stringify(entries)],
    { cwd: repoRoot, encoding: 'utf8', timeout: 120_000, env },
  );
  const warnings: string[] = JSON.parse(out);
  return warnings.flatMap((w) => {
    const m = /Module "([^"]+)" has been externalized for browser compatibility/.exec(w);
    return m?.[1] === undefined ? [] : [m[1]];
  });
};

describe('browser bundle', () => {
  it('the library and credential-lifecycle/mock need no Node built-in', () => {
    expect(stubbedBuiltins({ core: 'src/index.ts', mock: 'src/web/index.ts' })).toEqual([]);
  }, 120_000);

  it('the check sees one where there is one (the Node server)', () => {
    expect(stubbedBuiltins({ server: 'src/server/node.ts' })).toContain('node:http');
  }, 120_000);
});
