/**
 * The packed package, as a consumer installs it (see `pack.ts`): what the
 * tarball holds, `require` and `import` of every entry on Node 20.19+, the
 * command line, the package linters (publint, arethetypeswrong), and
 * type-checking consumers with `skipLibCheck: false` that lack the optional
 * dependencies.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../docs/snippets.js';
import { consumerProject, type Packed, packRepository, run, tool } from './pack.js';

let packed: Packed;
/** Runtime dependencies only: no fast-check, no @types/node. */
let bare = '';
/** A Node project: @types/node, still no fast-check. */
let node = '';

beforeAll(() => {
  packed = packRepository();
  bare = consumerProject(packed, 'bare', { type: 'commonjs' });
  node = consumerProject(packed, 'node', { type: 'module', extra: ['@types/node'] });
}, 180_000);

afterAll(() => {
  if (packed !== undefined) fs.rmSync(packed.dir, { recursive: true, force: true });
});

const entries = [
  'credential-lifecycle',
  'credential-lifecycle/mock',
  'credential-lifecycle/server',
  'credential-lifecycle/postgres',
] as const;

describe('the tarball', () => {
  it('holds the build, the sources, the guides, the README and the licence', () => {
    expect(packed.files).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'package.json',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/server/cli.js',
        'src/index.ts',
        'docs/testing-guide.md',
      ]),
    );
    expect(
      packed.files.filter((f) => /^(test|bench|scripts|fixtures|docs\/api)\//.test(f)),
    ).toEqual([]);
  });

  it('holds every file a relative link of the README points to', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const targets = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1] ?? '')
      .filter((href) => !/^[a-z]+:/.test(href));
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((t) => !packed.files.includes(path.posix.normalize(t)))).toEqual([]);
  });

  it('has source maps only for sources it ships', () => {
    const maps = packed.files.filter((f) => f.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    const missing = maps.flatMap((map) => {
      const { sources } = JSON.parse(fs.readFileSync(path.join(packed.stage, map), 'utf8')) as {
        sources: string[];
      };
      return sources
        .map((s) => path.posix.join(path.posix.dirname(map), s))
        .filter((s) => !packed.files.includes(s))
        .map((s) => `${map} -> ${s}`);
    });
    expect(missing).toEqual([]);
  });
});

describe('loading the installed package', () => {
  it.each(entries)('require(%j) works (Node 20.19+, the default condition)', (entry) => {
    const result = run(
      process.execPath,
      ['-e', `const m = require(${JSON.stringify(entry)}); console.log(Object.keys(m).length)`],
      bare,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(Number(result.stdout)).toBeGreaterThan(10);
  });

  it.each(entries)('import(%j) works without fast-check', (entry) => {
    const code = `import * as m from ${JSON.stringify(entry)}; console.log(Object.keys(m).length);`;
    const result = run(process.execPath, ['--input-type=module', '-e', code], bare);
    expect(result.code, result.stderr).toBe(0);
    expect(Number(result.stdout)).toBeGreaterThan(10);
  });

  it('/postgres loads without pg, and connectPostgres names the missing peer', () => {
    const code = [
      "import { connectPostgres } from 'credential-lifecycle/postgres';",
      "await connectPostgres('postgres://127.0.0.1:9/x').catch((e) => console.log(e.message));",
    ].join('\n');
    const result = run(process.execPath, ['--input-type=module', '-e', code], bare);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/optional peer dependency pg: npm install pg/);
  });

  it('the command line prints its version, and names the missing peer for conformance', () => {
    const cli = path.join(bare, 'node_modules/credential-lifecycle/dist/server/cli.js');
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const version = run(process.execPath, [cli, '--version'], bare);
    expect(version).toMatchObject({ code: 0, stdout: `${manifest.version}\n` });
    const conformance = run(
      process.execPath,
      [cli, 'conformance', '--base-url', 'http://127.0.0.1:9', '--runs', '1'],
      bare,
    );
    expect(conformance.code).toBe(2);
    expect(conformance.stderr).toMatch(/fast-check 4: npm install --save-dev fast-check@4/);
  });
});

describe('package linters', () => {
  it('publint --strict finds nothing', () => {
    const result = run(tool('publint'), ['--strict'], packed.stage);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/All good!/);
  });

  it('arethetypeswrong (esm-only profile) finds nothing', () => {
    const result = run(tool('attw'), [packed.tarball, '--profile', 'esm-only'], packed.dir);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  });
});

/** Every module specifier the declaration files of the tarball reach from `entry`, by file. */
const declarationImports = (entry: string): Map<string, string[]> => {
  const seen = new Map<string, string[]>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop();
    if (file === undefined || seen.has(file)) continue;
    const text = fs.readFileSync(path.join(packed.stage, file), 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import\()\s*'([^']+)'/g)].map((m) => m[1] ?? '');
    seen.set(file, specifiers);
    for (const s of specifiers.filter((x) => x.startsWith('.'))) {
      queue.push(path.posix.join(path.posix.dirname(file), s.replace(/\.js$/, '.d.ts')));
    }
  }
  return seen;
};

/** The imports of fast-check or a Node module in the declarations an entry reaches. */
const optionalImports = (entry: string, forbidden: RegExp): string[] =>
  [...declarationImports(entry)].flatMap(([file, specifiers]) =>
    specifiers.filter((s) => forbidden.test(s)).map((s) => `${file} imports ${s}`),
  );

describe('the declarations do not import optional dependencies', () => {
  it.each(['dist/index.d.ts', 'dist/web/index.d.ts'])(
    '%s: neither fast-check nor node: nor pg',
    (entry) => {
      expect(declarationImports(entry).size).toBeGreaterThan(10);
      expect(optionalImports(entry, /^(fast-check|node:|pg)(\/|$)/)).toEqual([]);
    },
  );

  it('dist/postgres/index.d.ts: not pg (a consumer needs no @types/pg), nor fast-check', () => {
    expect(declarationImports('dist/postgres/index.d.ts').size).toBeGreaterThan(5);
    expect(optionalImports('dist/postgres/index.d.ts', /^(fast-check|pg)(\/|$)/)).toEqual([]);
  });

  it('dist/server/index.d.ts: not fast-check (node: it does import)', () => {
    expect(optionalImports('dist/server/index.d.ts', /^fast-check/)).toEqual([]);
    expect(optionalImports('dist/server/index.d.ts', /^node:/).length).toBeGreaterThan(0);
  });

  it('dist/testing/index.d.ts does import fast-check (the check is not vacuous)', () => {
    expect(optionalImports('dist/testing/index.d.ts', /^fast-check/).length).toBeGreaterThan(0);
  });
});

interface Checked {
  readonly code: number;
  /** tsc's diagnostics, one line each (continuation lines dropped). */
  readonly errors: readonly string[];
}

/**
 * Type-checks `code` as `<name>.ts` of a consumer project with `tsc`, strict
 * and `skipLibCheck: false`, so that every declaration file it reaches is
 * checked: the package's and its dependencies'. TypeScript 6 includes no
 * `@types` package unless `types` names it.
 */
const typeCheck = (
  project: string,
  name: string,
  settings: { readonly lib: readonly string[]; readonly types: readonly string[] },
  code: string,
): Promise<Checked> => {
  fs.writeFileSync(
    path.join(project, `tsconfig.${name}.json`),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: settings.lib,
        types: settings.types,
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        skipLibCheck: false,
        noEmit: true,
      },
      files: [`${name}.ts`],
    }),
  );
  fs.writeFileSync(path.join(project, `${name}.ts`), `${code}\nexport {};\n`);
  return new Promise((resolve) => {
    execFile(
      tool('tsc'),
      ['-p', `tsconfig.${name}.json`],
      { cwd: project, encoding: 'utf8' },
      (error, stdout) => {
        const errors = stdout.split('\n').filter((l) => /error TS\d+/.test(l));
        resolve({ code: error === null ? 0 : (error.code as number), errors });
      },
    );
  });
};

const rootAndMock = [
  "import { decodeRequestBody, hashSecret, PatchPasswordRequest } from 'credential-lifecycle';",
  "import { createMockHandler, MockServer } from 'credential-lifecycle/mock';",
  "const decoded = decodeRequestBody(PatchPasswordRequest, { stateName: 'locked' });",
  'const handler = createMockHandler({ seed: 1 });',
  'const mock = new MockServer({ seed: 2 });',
  "console.log(decoded._tag, hashSecret('secret', { algorithm: 'SSHA256' }), handler, mock);",
].join('\n');

const server = [
  "import { cliCommands, MockServer, reportLines, startNodeServer } from 'credential-lifecycle/server';",
  "import { connectPostgres, migrate, PostgresStore } from 'credential-lifecycle/postgres';",
  'const db = await connectPostgres(process.env.DATABASE_URL ?? "");',
  'await migrate(db);',
  'const store: PostgresStore = new PostgresStore(db);',
  'console.log(new MockServer({ store }).state.store.schema);',
  'const server = await startNodeServer({ mock: new MockServer({ seed: 1 }), port: 0, log: undefined });',
  'console.log(cliCommands.length, reportLines({ runs: 1, commands: 1, failures: 0, seed: 1 }, [], []));',
  'await server.close();',
].join('\n');

const testingAndServer = [
  "import { inProcessSystem } from 'credential-lifecycle/testing';",
  "import { startNodeServer } from 'credential-lifecycle/server';",
  'console.log(inProcessSystem, startNodeServer);',
].join('\n');

describe('consumers type-check with skipLibCheck: false', () => {
  const checked = new Map<string, Checked>();
  const browser = { lib: ['ES2022', 'DOM'], types: [] };
  beforeAll(async () => {
    // Three tsc runs at once: each checks every declaration file it reaches.
    const [a, b, c] = await Promise.all([
      typeCheck(bare, 'browser', browser, rootAndMock),
      typeCheck(node, 'node', { lib: ['ES2022'], types: ['node'] }, server),
      typeCheck(bare, 'optional', browser, testingAndServer),
    ]);
    checked.set('browser', a).set('node', b).set('optional', c);
  }, 180_000);

  it('the root and /mock need neither fast-check nor @types/node (a browser project)', () => {
    expect(checked.get('browser')).toEqual({ code: 0, errors: [] });
  });

  it('/server and /postgres need @types/node but neither fast-check nor @types/pg (a Node project)', () => {
    expect(checked.get('node')).toEqual({ code: 0, errors: [] });
  });

  it('without them, /testing fails on fast-check and /server on node: (the check is not vacuous)', () => {
    const { code, errors } = checked.get('optional') ?? { code: 0, errors: [] };
    expect(code).not.toBe(0);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/dist\/testing\/.*Cannot find module 'fast-check'/),
        expect.stringMatching(/dist\/server\/node\.d\.ts.*'node:http'/),
      ]),
    );
  });
});
