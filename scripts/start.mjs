#!/usr/bin/env node
// `npm start`: builds dist/ when it is missing or older than src/, then serves
// the demo fixture. Extra arguments go to `credential-lifecycle serve`
// (e.g. `npm start -- --port 9090 --quiet`).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist/server/cli.js');

const newestMtime = (dir) => {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const mtime = fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
};

const stale = () => {
  if (!fs.existsSync(cli)) return true;
  const built = fs.statSync(cli).mtimeMs;
  const inputs = [path.join(root, 'tsconfig.json'), path.join(root, 'tsconfig.build.json')];
  return (
    newestMtime(path.join(root, 'src')) > built ||
    inputs.some((f) => fs.statSync(f).mtimeMs > built)
  );
};

if (stale()) {
  process.stderr.write('Building dist/ (tsc -p tsconfig.build.json)…\n');
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  const built = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) {
    process.stderr.write('The build failed; not starting the server.\n');
    process.exit(built.status ?? 1);
  }
  // tsc keeps an unchanged output file's mtime; mark the build as fresh.
  const now = new Date();
  fs.utimesSync(cli, now, now);
}

process.argv = [
  process.argv[0] ?? 'node',
  cli,
  'serve',
  '--fixture',
  path.join(root, 'fixtures/demo.json'),
  ...process.argv.slice(2),
];
await import(pathToFileURL(cli).href);
