#!/usr/bin/env node
// `npm run size`: what the library costs a browser bundle. Each case is
// bundled from src/ with esbuild as a consumer's bundler would (browser
// platform, ES modules, minified, tree-shaken, no externals); the size is that
// of the minified output and of the same gzipped (level 9). The metafile tells
// which packages make up the bytes.
//
//   node scripts/bundle-size.mjs          table of sizes, budgets and the largest parts
//   node scripts/bundle-size.mjs --json   the same as JSON (test/package/size.test.ts reads it)
//
// Exits 1 when a case is over its budget. The budgets are restated, with the
// figures, in docs/performance.md ("Bundle size"); the test checks both agree.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What is measured: the code a consumer writes, and its budget in gzipped bytes. */
export const cases = [
  {
    name: 'root entry, everything',
    code: "export * from './src/index.ts';",
    budget: 80_000,
  },
  {
    name: 'hashing alone (hashSecret, verifySecret)',
    code: "export { hashSecret, verifySecret } from './src/index.ts';",
    budget: 31_000,
  },
  {
    name: 'credential-lifecycle/mock, everything',
    code: "export * from './src/web/index.ts';",
    budget: 87_000,
  },
];

/** The package a bundled input belongs to (`credential-lifecycle` for our sources). */
const packageOf = (input) => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match?.[1] ?? 'credential-lifecycle';
};

const measure = async ({ name, code, budget }) => {
  const result = await build({
    stdin: { contents: code, resolveDir: root, sourcefile: 'consumer.ts', loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  const minified = output.contents.byteLength;
  const gzipped = gzipSync(output.contents, { level: 9 }).byteLength;
  const byPackage = new Map();
  for (const meta of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(meta.inputs)) {
      const pkg = packageOf(input);
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytesInOutput);
    }
  }
  const parts = [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .map(([pkg, bytes]) => ({ package: pkg, minified: bytes }));
  return { name, minified, gzipped, budget, parts };
};

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

const results = [];
for (const c of cases) results.push(await measure(c));
const over = results.filter((r) => r.gzipped > r.budget);

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} else {
  const lines = [
    '| Bundle | minified | minified + gzip | budget (gzip) | largest parts (minified) |',
    '|---|---:|---:|---:|---|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${kB(r.minified)} | ${kB(r.gzipped)} | ${kB(r.budget)} | ${r.parts
          .slice(0, 5)
          .map((p) => `${p.package} ${kB(p.minified)}`)
          .join(', ')} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const r of over) {
    process.stderr.write(`over budget: ${r.name}: ${r.gzipped} > ${r.budget} bytes gzipped\n`);
  }
}
process.exitCode = over.length > 0 ? 1 : 0;
