#!/usr/bin/env node
// `npm run bench:server`: throughput and p99 of GET TSP on the mock against a
// bare node:http server answering the same fixed JSON body, in the same run
// (autocannon, 50 connections, 10 s each, servers in their own processes);
// then resident memory with 100,000 users holding a password each.
// Run after `npm run build` (the npm script does it). Figures go to
// docs/performance.md by hand.
import { fork } from 'node:child_process';
import * as http from 'node:http';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { MockServer, startNodeServer } from '../dist/server/index.js';

const self = fileURLToPath(import.meta.url);
const tsp = '/nevisidm/api/core/v1/bench/users/alice/tempstrong-password';
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const users = Number(process.env.BENCH_USERS ?? 100_000);

const request = (mock, method, path, body) =>
  mock.handle({
    method,
    path,
    headers: { 'content-type': 'application/json' },
    bodyText: body === undefined ? undefined : JSON.stringify(body),
  });

/** A mock holding alice with a TSP, and the text of its GET TSP answer. */
const benchMock = () => {
  const mock = new MockServer({ seed: 1 });
  request(mock, 'PUT', '/__mock/clients/bench/users/alice');
  request(mock, 'POST', tsp, {});
  return { mock, body: request(mock, 'GET', tsp).bodyText };
};

const serveBare = (body) =>
  new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        });
        res.end(body);
      });
    });
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });

const role = process.argv[2];
if (role === 'bare' || role === 'mock') {
  const { mock, body } = benchMock();
  const port =
    role === 'bare'
      ? await serveBare(body)
      : (await startNodeServer({ mock, port: 0, log: undefined })).port;
  process.send({ port });
} else if (role === 'memory') {
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  const mock = new MockServer({ seed: 1 });
  mock.state.clock.freeze(Date.UTC(2026, 0, 1));
  const started = performance.now();
  for (let i = 0; i < users; i++) {
    request(mock, 'PUT', `/__mock/clients/bench/users/user-${i}`);
    const created = request(mock, 'POST', `/nevisidm/api/core/v1/bench/users/user-${i}/password`, {
      password: `Correct-Horse-${i}`,
    });
    if (created.status !== 201) throw new Error(created.bodyText);
  }
  const seconds = (performance.now() - started) / 1000;
  globalThis.gc?.();
  const after = process.memoryUsage();
  process.send({
    users: mock.state.store.listUsers('bench').length,
    seconds,
    rssBefore: before,
    rss: after.rss,
    heapUsed: after.heapUsed,
  });
} else {
  const child = (name) =>
    new Promise((resolve) => {
      const proc = fork(self, [name], { execArgv: ['--expose-gc'] });
      proc.once('message', (message) => resolve({ proc, message }));
    });
  const load = (port) =>
    autocannon({ url: `http://127.0.0.1:${port}${tsp}`, connections: 50, duration });
  const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

  const results = {};
  for (const name of ['bare', 'mock']) {
    const { proc, message } = await child(name);
    await autocannon({
      url: `http://127.0.0.1:${message.port}${tsp}`,
      connections: 50,
      duration: 2,
    }); // warm-up
    const result = await load(message.port);
    results[name] = result;
    proc.kill();
    console.log(
      `${name.padEnd(4)}  ${result.requests.average.toFixed(0).padStart(7)} req/s  p99 ${result.latency.p99} ms  errors ${result.errors}  non-2xx ${result.non2xx}`,
    );
  }
  const ratio = results.mock.requests.average / results.bare.requests.average;
  console.log(`mock / bare throughput: ${(ratio * 100).toFixed(1)}% (target ≥ 70%)`);

  const { proc, message } = await child('memory');
  proc.kill();
  console.log(
    `memory: ${message.users} users with a password each (created through the operations in ${message.seconds.toFixed(1)} s): rss ${mb(message.rss)} (empty process ${mb(message.rssBefore)}), heap used ${mb(message.heapUsed)} (target ≤ 200 MB rss)`,
  );
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
}
