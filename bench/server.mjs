#!/usr/bin/env node
// `npm run bench:server`: throughput and p99 of GET TSP on the mock against a
// bare node:http server answering the same fixed JSON body, in the same run
// (autocannon, 50 connections, 10 s each, servers in their own processes,
// several rounds in alternating order); then resident memory with 100,000
// users holding a password each.
//
// On a machine with at least two cores and `taskset`, the load generator runs
// on core 0 and each server on core 1, so that the two do not take turns on
// the same core (BENCH_PIN=0 turns this off). Every figure is printed per
// round; the verdict uses the median of the per-round ratios.
//
// Environment: BENCH_SECONDS (10), BENCH_ROUNDS (3), BENCH_USERS (100000),
// BENCH_PIN (1). Run after `npm run build` (the npm script does it). Figures
// go to docs/performance.md by hand.
import { execFileSync, fork, spawnSync } from 'node:child_process';
import * as http from 'node:http';
import * as os from 'node:os';
import { fileURLToPath } from 'node:url';
import { credentialPath } from '../dist/index.js';
import { controlPath, MockServer, startNodeServer } from '../dist/server/index.js';
import { benchMock, request, tsp } from './bench-mock.mjs';

const self = fileURLToPath(import.meta.url);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const users = Number(process.env.BENCH_USERS ?? 100_000);

const hasTaskset = () => spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const pinned =
  process.env.BENCH_PIN !== '0' && os.availableParallelism() >= 2 && process.platform === 'linux';

/** The baseline: answers every request at once with the fixed body. */
const serveBare = (body) =>
  new Promise((resolve) => {
    const length = Buffer.byteLength(body);
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': length });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });

/** CPU time (user + system) of this process, in microseconds. */
const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

const role = process.argv[2];
if (role === 'bare' || role === 'mock') {
  const { mock, body } = await benchMock();
  const port =
    role === 'bare'
      ? await serveBare(body)
      : (await startNodeServer({ mock, port: 0, log: undefined })).port;
  process.on('message', () => process.send({ cpu: cpuMicros() }));
  process.send({ port });
} else if (role === 'memory') {
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  const mock = new MockServer({ seed: 1 });
  await mock.state.store.changeClock({ freeze: Date.UTC(2026, 0, 1) });
  const started = performance.now();
  for (let i = 0; i < users; i++) {
    await request(mock, 'PUT', controlPath.user('bench', `user-${i}`));
    const created = await request(mock, 'POST', credentialPath('bench', `user-${i}`, 'password'), {
      password: `Correct-Horse-${i}`,
    });
    if (created.status !== 201) throw new Error(created.bodyText);
  }
  const elapsed = (performance.now() - started) / 1000;
  globalThis.gc?.();
  const after = process.memoryUsage();
  process.send({
    users: mock.state.store.listUsers('bench').length,
    seconds: elapsed,
    rssBefore: before,
    rss: after.rss,
    heapUsed: after.heapUsed,
  });
} else if (pinned && process.env.BENCH_PINNED === undefined && hasTaskset()) {
  // Re-run this script on core 0; the servers go to core 1.
  const run = spawnSync('taskset', ['-c', '0', process.execPath, ...process.execArgv, self], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_PINNED: '1' },
  });
  process.exit(run.status ?? 1);
} else {
  const { default: autocannon } = await import('autocannon');
  const onCore1 = process.env.BENCH_PINNED === '1';
  const child = (name) =>
    new Promise((resolve) => {
      const proc = fork(
        self,
        [name],
        onCore1
          ? { execPath: 'taskset', execArgv: ['-c', '1', process.execPath, '--expose-gc'] }
          : { execArgv: ['--expose-gc'] },
      );
      proc.once('message', (message) => resolve({ proc, message }));
    });
  const ask = (proc) =>
    new Promise((resolve) => {
      proc.once('message', (message) => resolve(message.cpu));
      proc.send('cpu');
    });
  const load = (port, duration) =>
    autocannon({ url: `http://127.0.0.1:${port}${tsp}`, connections: 50, duration });
  const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };

  console.log(
    `GET TSP, autocannon 50 connections, ${seconds} s per server and round (after 2 s warm-up), ${rounds} rounds; ${
      onCore1 ? 'load generator on core 0, servers on core 1' : 'not pinned to cores'
    }`,
  );
  const ratios = [];
  const cpuRatios = [];
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 === 1 ? ['bare', 'mock'] : ['mock', 'bare'];
    const results = {};
    for (const name of order) {
      const { proc, message } = await child(name);
      await load(message.port, 2); // warm-up
      const cpuBefore = await ask(proc);
      const result = await load(message.port, seconds);
      const cpu = (await ask(proc)) - cpuBefore;
      proc.kill();
      const perRequest = cpu / result.requests.total;
      results[name] = { rps: result.requests.average, perRequest };
      console.log(
        `round ${round}  ${name.padEnd(4)}  ${result.requests.average.toFixed(0).padStart(6)} req/s  p99 ${String(result.latency.p99).padStart(2)} ms  server CPU ${perRequest.toFixed(1).padStart(5)} µs/request  errors ${result.errors}  non-2xx ${result.non2xx}`,
      );
    }
    const ratio = results.mock.rps / results.bare.rps;
    ratios.push(ratio);
    cpuRatios.push(results.bare.perRequest / results.mock.perRequest);
    console.log(`round ${round}  mock / bare throughput ${(ratio * 100).toFixed(1)}%`);
  }
  console.log(
    `mock / bare throughput, median of ${rounds} rounds: ${(median(ratios) * 100).toFixed(1)}% (target ≥ 70%); rounds ${ratios
      .map((r) => `${(r * 100).toFixed(1)}%`)
      .join(', ')}`,
  );
  console.log(
    `bare / mock server CPU per request, median: ${(median(cpuRatios) * 100).toFixed(1)}% (what the mock would reach if the server alone were the limit)`,
  );

  const { proc, message } = await child('memory');
  proc.kill();
  console.log(
    `memory: ${message.users} users with a password each (created through the operations in ${message.seconds.toFixed(1)} s): rss ${mb(message.rss)} (empty process ${mb(message.rssBefore)}), heap used ${mb(message.heapUsed)} (target ≤ 200 MB rss)`,
  );
  let cpuModel = '';
  try {
    cpuModel = execFileSync('sh', ['-c', "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"])
      .toString()
      .trim();
  } catch {}
  console.log(
    `node ${process.version}, ${process.platform}/${process.arch}, ${os.cpus().length} cores (${cpuModel}), load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}
