#!/usr/bin/env node
// Throughput of this mock beside Stoplight Prism, WireMock and Mockoon on the
// same GET (a TSP credential), for docs/mock-comparison.md. Not part of
// `npm test`: the peers are not project dependencies. Install them in a
// scratch directory outside the repository first, at releases that run on
// Node 20 (Prism 5.15 and later need Node 24):
//
//   mkdir -p /tmp/peers && cd /tmp/peers && npm init -y &&
//     npm install @stoplight/prism-cli@5.14.2 @mockoon/cli@9.9.0 wiremock@3.13.2
//
// then, in the repository: `npm run build && node bench/mock-comparison.mjs`.
// WireMock needs Java (17 or later) on the PATH.
//
// Each server runs in its own process group on 127.0.0.1 and serves the same
// GET with the same JSON body (the one this mock answers; Prism from this
// package's openapi.json with that body as the example, WireMock from a stub
// mapping, Mockoon from an environment with one route). Each gets the same
// warm-up, then the same autocannon load, back to back; the load average is
// printed before and after each. Bounded: every server must answer within
// BENCH_START_TIMEOUT seconds and is stopped after its run. Every server runs
// with its default logging (this mock and Mockoon write a line per request,
// Prism several; WireMock none, but it keeps its request journal), written to
// a file.
//
// Environment: PEERS_DIR (/tmp/peers), BENCH_SECONDS (10), BENCH_WARMUP (20: the JVM needs it),
// BENCH_CONNECTIONS (50), BENCH_START_TIMEOUT (90), BENCH_ONLY (a comma list
// of names: prism,wiremock,mockoon; this mock always runs), BENCH_KEEP (1 keeps
// the configurations and logs).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const peers = path.resolve(process.env.PEERS_DIR ?? '/tmp/peers');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmup = Number(process.env.BENCH_WARMUP ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const startTimeout = Number(process.env.BENCH_START_TIMEOUT ?? 90) * 1000;
const only = process.env.BENCH_ONLY?.split(',');
const route = '/nevisidm/api/core/v1/demo/users/alice/tempstrong-password';
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mock-comparison-'));

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const versionOf = (pkg) =>
  JSON.parse(fs.readFileSync(path.join(peers, 'node_modules', pkg, 'package.json'), 'utf8'))
    .version;

/** Starts a command in its own process group; its output goes to a log file. */
const start = (name, command, args) => {
  const log = fs.openSync(path.join(scratch, `${name}.log`), 'w');
  const child = spawn(command, args, { detached: true, stdio: ['ignore', log, log] });
  return {
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
      const done = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
      if (!done) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
      }
    },
  };
};

/** Polls the route until it answers 200, or throws after the start timeout. */
const ready = async (name, url, child) => {
  const until = Date.now() + startTimeout;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited (${child.exitCode}); see ${scratch}`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return response.text();
    } catch {}
    await sleep(250);
  }
  throw new Error(`${name} did not answer ${url} within ${startTimeout / 1000} s`);
};

const load = (url, duration) =>
  new Promise((resolve, reject) => {
    autocannon({ url, connections, duration }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** This mock: `credential-lifecycle serve`, alice given a TSP through the API. */
const thisMock = {
  name: 'this mock',
  key: 'this',
  version: JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version,
  launch: async (port) => {
    const server = start('this', process.execPath, [
      path.join(root, 'dist/server/cli.js'),
      'serve',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--seed',
      '1',
    ]);
    const base = `http://127.0.0.1:${port}`;
    const until = Date.now() + startTimeout;
    for (;;) {
      try {
        const put = await fetch(`${base}/__mock/clients/demo/users/alice`, { method: 'PUT' });
        if (put.status === 204) break;
      } catch {}
      if (Date.now() > until) throw new Error('this mock did not start');
      await sleep(100);
    }
    const created = await fetch(`${base}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    if (created.status !== 201) throw new Error(`create TSP answered ${created.status}`);
    return server;
  },
};

/** Prism, static mode, from openapi.json with the body as the example of the GET's 200. */
const prism = (body) => ({
  name: 'Stoplight Prism',
  key: 'prism',
  version: versionOf('@stoplight/prism-cli'),
  launch: async (port) => {
    const document = JSON.parse(fs.readFileSync(path.join(root, 'openapi.json'), 'utf8'));
    const template = '/nevisidm/api/core/v1/{clientExtId}/users/{userExtId}/tempstrong-password';
    document.paths[template].get.responses['200'].content['application/json'].example =
      JSON.parse(body);
    const file = path.join(scratch, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(document));
    return start('prism', process.execPath, [
      path.join(peers, 'node_modules/@stoplight/prism-cli/dist/index.js'),
      'mock',
      file,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
    ]);
  },
});

/** WireMock standalone (the npm package's bundled jar), one stub mapping, its defaults. */
const wiremock = (body) => ({
  name: 'WireMock',
  key: 'wiremock',
  version: versionOf('wiremock'),
  launch: async (port) => {
    const dir = path.join(scratch, 'wiremock');
    fs.mkdirSync(path.join(dir, 'mappings'), { recursive: true });
    fs.mkdirSync(path.join(dir, '__files'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'mappings/get-tsp.json'),
      JSON.stringify({
        request: { method: 'GET', urlPath: route },
        response: { status: 200, headers: { 'Content-Type': 'application/json' }, body },
      }),
    );
    return start('wiremock', process.execPath, [
      path.join(peers, 'node_modules/wiremock/index.js'),
      '--port',
      String(port),
      '--bind-address',
      '127.0.0.1',
      '--root-dir',
      dir,
      '--disable-banner',
    ]);
  },
});

/** Mockoon CLI, an environment with the one route built by Mockoon's own builders. */
const mockoon = (body) => ({
  name: 'Mockoon',
  key: 'mockoon',
  version: versionOf('@mockoon/cli'),
  launch: async (port) => {
    // @mockoon/commons' ES build imports without file extensions; its CommonJS build loads.
    const commons = createRequire(path.join(peers, 'package.json'))('@mockoon/commons');
    const environment = commons.BuildEnvironment({
      hasDefaultRoute: false,
      hasContentTypeHeader: true,
      hasCorsHeaders: false,
      port,
    });
    const get = commons.BuildHTTPRoute(true, { endpoint: route.slice(1), body });
    environment.routes = [get];
    environment.rootChildren = [{ type: 'route', uuid: get.uuid }];
    environment.hostname = '127.0.0.1';
    const file = path.join(scratch, 'mockoon.json');
    fs.writeFileSync(file, JSON.stringify(environment));
    return start('mockoon', process.execPath, [
      path.join(peers, 'node_modules/@mockoon/cli/bin/run'),
      'start',
      '--data',
      file,
      '--port',
      String(port),
      '--hostname',
      '127.0.0.1',
      '--disable-log-to-file',
      '--disable-admin-api',
    ]);
  },
});

const run = async (server, expected) => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}${route}`;
  const started = await server.launch(port);
  try {
    const text = await ready(server.name, url, started.child);
    const sameBody =
      expected === undefined ||
      JSON.stringify(JSON.parse(text)) === JSON.stringify(JSON.parse(expected));
    if (warmup > 0) await load(url, warmup);
    const before = loadAverage();
    const result = await load(url, seconds);
    return {
      name: server.name,
      version: server.version,
      requestsPerSecond: Math.round(result.requests.average),
      p99Ms: result.latency.p99,
      requests: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      bodyBytes: Buffer.byteLength(text),
      sameBody,
      loadBefore: before,
      loadAfter: loadAverage(),
      text,
    };
  } finally {
    await started.stop();
  }
};

const results = [];
try {
  const first = await run(thisMock, undefined);
  results.push(first);
  const body = first.text;
  for (const server of [prism(body), wiremock(body), mockoon(body)]) {
    if (only !== undefined && !only.includes(server.key)) continue;
    try {
      results.push(await run(server, body));
    } catch (error) {
      results.push({ name: server.name, version: server.version, failed: String(error) });
    }
  }
} finally {
  if (process.env.BENCH_KEEP === '1') console.log(`configurations and logs kept in ${scratch}`);
  else fs.rmSync(scratch, { recursive: true, force: true });
}

console.log(
  `GET ${route}, autocannon ${connections} connections, ${warmup} s warm-up + ${seconds} s, ` +
    `${os.availableParallelism()} cores, Node ${process.version}, ${new Date().toISOString()}`,
);
console.log(
  '| Server | version | requests/s | p99 (ms) | non-2xx | errors | same body | load before → after |',
);
console.log('|---|---|---:|---:|---:|---:|---|---|');
for (const r of results) {
  if (r.failed !== undefined) {
    console.log(`| ${r.name} | ${r.version} | failed: ${r.failed} | | | | | |`);
    continue;
  }
  console.log(
    `| ${r.name} | ${r.version} | ${r.requestsPerSecond.toLocaleString('en')} | ${r.p99Ms} | ${r.non2xx} | ${r.errors} | ${r.sameBody ? 'yes' : 'no'} (${r.bodyBytes} B) | ${r.loadBefore} → ${r.loadAfter} |`,
  );
}
const base = results[0]?.requestsPerSecond;
for (const r of results.slice(1)) {
  if (r.requestsPerSecond !== undefined && base !== undefined) {
    console.log(`this mock / ${r.name}: ${(base / r.requestsPerSecond).toFixed(1)}×`);
  }
}
