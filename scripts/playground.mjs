// The policy playground (playground/): a static page that runs the library in
// the browser. `buildPlayground` bundles playground/src/main.ts with esbuild
// into one classic script (an IIFE, so the page also works opened from disk,
// where module scripts are refused) next to index.html, style.css and
// Mermaid's own browser build; `servePlayground` serves that folder on
// 127.0.0.1.
//
//   node scripts/playground.mjs build    npm run playground:build
//   node scripts/playground.mjs          npm run playground: build, serve, print the URL
//                                        (--port N, default 4173; 0 picks a free port)
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'playground');

/** Where the built page goes (git-ignored). */
export const playgroundOutput = path.join(source, 'dist');

const mermaidScript = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

/**
 * Builds the page into `outDir` and answers the files written and the
 * bundle's inputs (repo-relative). The page's code imports the library only
 * as `credential-lifecycle`, the package's public root entry, bundled from
 * its source (src/index.ts), as scripts/bundle-size.mjs measures it.
 */
export async function buildPlayground(outDir = playgroundOutput) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [path.join(source, 'src/main.ts')],
    absWorkingDir: root,
    outfile: path.join(outDir, 'playground.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    alias: { 'credential-lifecycle': './src/index.ts' },
    tsconfig: path.join(source, 'tsconfig.json'),
    minify: true,
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const unportable = inputs.filter((i) => i.startsWith('node:'));
  if (unportable.length > 0) throw new Error(`the page bundles ${unportable.join(', ')}`);
  for (const file of ['index.html', 'style.css']) {
    copyFileSync(path.join(source, file), path.join(outDir, file));
  }
  copyFileSync(mermaidScript, path.join(outDir, 'mermaid.min.js'));
  return {
    files: ['index.html', 'style.css', 'playground.js', 'mermaid.min.js'],
    inputs,
    url: pathToFileURL(path.join(outDir, 'index.html')).href,
  };
}

const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Serves the files of `dir` (GET and HEAD only, no listing, nothing outside
 * it) on 127.0.0.1. Resolves to the server and its URL once it listens.
 */
export function servePlayground(dir = playgroundOutput, port = 4173) {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const name = pathname === '/' ? 'index.html' : pathname.slice(1);
    const file = path.join(dir, name);
    const type = contentTypes[path.extname(file)];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (!file.startsWith(dir + path.sep) || type === undefined) {
      res.writeHead(404).end();
      return;
    }
    let body;
    try {
      body = readFileSync(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.byteLength });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, url: `http://127.0.0.1:${address.port}/` });
    });
  });
}

const main = async (argv) => {
  const [command = 'serve', ...rest] = argv;
  if (command !== 'build' && command !== 'serve') {
    console.error('usage: node scripts/playground.mjs [build | serve [--port N]]');
    return 2;
  }
  const built = await buildPlayground();
  console.log(`built ${path.relative(root, playgroundOutput)}/ (${built.files.join(', ')})`);
  console.log(`open from disk: ${built.url}`);
  if (command === 'build') return 0;
  const at = rest.indexOf('--port');
  const port = at === -1 ? 4173 : Number(rest[at + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port: expected a port number from 0 to 65535, got ${rest[at + 1]}`);
    return 2;
  }
  let served;
  try {
    served = await servePlayground(playgroundOutput, port);
  } catch (error) {
    if (error.code !== 'EADDRINUSE' || at !== -1) throw error;
    served = await servePlayground(playgroundOutput, 0);
  }
  console.log(`playground: ${served.url}  (Ctrl-C stops it)`);
  await new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, resolve);
  });
  served.server.close();
  return 0;
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
