#!/usr/bin/env node
// One-off comparison behind the "## Server" section of docs/performance.md:
// the same mock (alice with a TSP, seed 1) served three ways, each in its own
// child process, loaded in turn by autocannon (50 connections, 2 s warm-up,
// then 10 s) with `GET …/tempstrong-password`:
//   node:http  — `startNodeServer`, the project's server (core handler);
//   hono       — a Hono app whose only route hands `c.req.raw` to the
//                web-standard `createMockHandler`, on `@hono/node-server`;
//   hono-adapter — `@hono/node-server` calling `createMockHandler` directly
//                (the adapter's cost without Hono's router).
// The three run back to back, ROUNDS times (default 2), alternating the order.
//
// Hono is not a dependency of the project. Install it without saving, build,
// then run:
//   npm i --no-save hono @hono/node-server
//   npm run build && node bench/hono-comparison.mjs
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createMockHandler, startNodeServer } from '../dist/server/index.js';
import { benchMock, tsp } from './bench-mock.mjs';

const self = fileURLToPath(import.meta.url);
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.ROUNDS ?? 2);
const names = ['node:http', 'hono', 'hono-adapter'];

const loadHono = async () => {
  try {
    const [{ Hono }, { serve }] = await Promise.all([import('hono'), import('@hono/node-server')]);
    return { Hono, serve };
  } catch {
    process.stderr.write(
      'bench/hono-comparison.mjs needs Hono, which the project does not depend on:\n' +
        '  npm i --no-save hono @hono/node-server\n',
    );
    process.exit(2);
  }
};

const listenHono = (serve, fetch) =>
  new Promise((resolve) => {
    serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  });

const role = process.argv[2];
if (names.includes(role)) {
  const { mock } = await benchMock();
  let port;
  if (role === 'node:http') {
    port = (await startNodeServer({ mock, port: 0, log: undefined })).port;
  } else {
    const { Hono, serve } = await loadHono();
    const handler = await createMockHandler({ mock });
    if (role === 'hono') {
      const app = new Hono();
      app.all('*', (c) => handler(c.req.raw));
      port = await listenHono(serve, app.fetch);
    } else {
      port = await listenHono(serve, handler);
    }
  }
  process.send({ port });
} else {
  await loadHono(); // fail early, before any child starts
  const child = (name) =>
    new Promise((resolve) => {
      const proc = fork(self, [name]);
      proc.once('message', (message) => resolve({ proc, port: message.port }));
    });
  const results = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      const { proc, port } = await child(name);
      const url = `http://127.0.0.1:${port}${tsp}`;
      const check = await fetch(url);
      const body = await check.json();
      if (check.status !== 200 || typeof body.tempStrongPassword !== 'string') {
        throw new Error(`${name}: unexpected answer ${check.status}`);
      }
      await autocannon({ url, connections: 50, duration: 2 }); // warm-up
      const result = await autocannon({ url, connections: 50, duration });
      proc.kill();
      results[name].push(result);
      console.log(
        `round ${round + 1}  ${name.padEnd(12)}  ${result.requests.average.toFixed(0).padStart(6)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  errors ${result.errors}  non-2xx ${result.non2xx}`,
      );
    }
  }
  const mean = (name) =>
    results[name].reduce((sum, r) => sum + r.requests.average, 0) / results[name].length;
  const base = mean('node:http');
  for (const name of names) {
    console.log(
      `mean ${name.padEnd(12)}  ${mean(name).toFixed(0).padStart(6)} req/s  (${((mean(name) / base) * 100).toFixed(1)}% of node:http)`,
    );
  }
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
}
