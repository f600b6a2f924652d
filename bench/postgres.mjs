#!/usr/bin/env node
// `npm run bench:postgres`: the mock server over HTTP with its store in
// PostgreSQL (credential-lifecycle/postgres) beside the same server with the
// in-memory store, in the same run: GET of a temporary strong password, and a
// failed password login (a write: counters, version, lifecycle) on one user
// whose policy never locks. autocannon, 16 connections, BENCH_SECONDS (8) per
// server, scenario and round after a 2 s warm-up, BENCH_ROUNDS (2) rounds in
// alternating order, each server in a process of its own.
//
// The database: DATABASE_URL when set, else a throwaway cluster started with
// scripts/pg-cluster.sh (Debian's postgresql must be installed), stopped at
// the end. Run after `npm run build` (the npm script does it). Figures go to
// docs/performance.md by hand.
import { execFileSync, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { credentialPath, loginPath } from '../dist/index.js';
import { connectPostgres, migrate, PostgresStore } from '../dist/postgres/index.js';
import { controlPath, MockServer, startNodeServer } from '../dist/server/index.js';
import { request, tsp } from './bench-mock.mjs';

const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const login = loginPath('bench', 'bob', 'password');
const neverLocks = {
  type: 'PwdPolicy',
  default: true,
  parameters: { maxCredFailureCount: '-1', tmpLockingThreshold: '-1' },
};

/** alice with a TSP, bob with a password that never locks. */
const prepare = async (mock) => {
  await request(mock, 'PUT', controlPath.policy('bench', 'never-locks'), neverLocks);
  await request(mock, 'PUT', controlPath.user('bench', 'alice'));
  await request(mock, 'PUT', controlPath.user('bench', 'bob'));
  const created = await request(mock, 'POST', tsp, {});
  const password = await request(mock, 'POST', credentialPath('bench', 'bob', 'password'), {
    password: 'Correct-Horse-42',
  });
  if (created.status !== 201 || password.status !== 201) throw new Error('setup failed');
};

const role = process.argv[2];
if (role === 'memory' || role === 'postgres') {
  let db;
  let store;
  if (role === 'postgres') {
    db = await connectPostgres(process.argv[3], { max: 16 });
    await migrate(db, { schema: process.argv[4] });
    store = new PostgresStore(db, { schema: process.argv[4] });
  }
  const mock = new MockServer({ seed: 1, ...(store === undefined ? {} : { store }) });
  await mock.state.reset();
  await prepare(mock);
  const server = await startNodeServer({ mock, port: 0, log: undefined });
  process.send({ port: server.port });
  process.on('message', async () => {
    await server.close();
    await db?.end();
    process.exit(0);
  });
} else {
  const { default: autocannon } = await import('autocannon');
  let cluster;
  let url = process.env.DATABASE_URL;
  if (url === undefined || url === '') {
    cluster = fs.mkdtempSync(path.join(os.tmpdir(), 'credential-lifecycle-bench-pg-'));
    url = execFileSync('bash', [path.join(root, 'scripts/pg-cluster.sh'), 'start', cluster], {
      encoding: 'utf8',
    }).trim();
  }
  const schema = `bench_${process.pid}`;
  const probe = await connectPostgres(url);
  const version = String((await probe.query('SHOW server_version')).rows[0]?.server_version ?? '?');
  await probe.end();
  const child = (name) =>
    new Promise((resolve, reject) => {
      const proc = fork(self, [name, url, schema]);
      proc.once('message', (message) => resolve({ proc, port: message.port }));
      proc.once('exit', (code) => reject(new Error(`${name} server exited with ${code}`)));
    });
  const stop = (proc) =>
    new Promise((resolve) => {
      proc.removeAllListeners('exit');
      proc.once('exit', resolve);
      proc.send('stop');
    });
  const scenarios = {
    'GET TSP': (port, duration) =>
      autocannon({ url: `http://127.0.0.1:${port}${tsp}`, connections: 16, duration }),
    'failed login': (port, duration) =>
      autocannon({
        url: `http://127.0.0.1:${port}${login}`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ password: 'wrong' }),
        connections: 16,
        duration,
      }),
  };
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  console.log(
    `autocannon 16 connections, ${seconds} s per server, scenario and round (after 2 s warm-up), ${rounds} rounds; PostgreSQL at ${url}`,
  );
  const results = {};
  try {
    for (let round = 1; round <= rounds; round++) {
      const order = round % 2 === 1 ? ['memory', 'postgres'] : ['postgres', 'memory'];
      for (const name of order) {
        const { proc, port } = await child(name);
        for (const [scenario, load] of Object.entries(scenarios)) {
          await load(port, 2);
          const result = await load(port, seconds);
          const ok = result.non2xx === 0 && result.errors === 0;
          const key = `${scenario}|${name}`;
          results[key] = [...(results[key] ?? []), result.requests.average];
          console.log(
            `round ${round}  ${scenario.padEnd(12)}  ${name.padEnd(8)}  ${result.requests.average.toFixed(0).padStart(6)} req/s  p50 ${String(result.latency.p50).padStart(3)} ms  p99 ${String(result.latency.p99).padStart(3)} ms  ${ok ? 'all 2xx' : `errors ${result.errors}, non-2xx ${result.non2xx}`}`,
          );
        }
        await stop(proc);
      }
    }
    for (const scenario of Object.keys(scenarios)) {
      const memory = median(results[`${scenario}|memory`]);
      const postgres = median(results[`${scenario}|postgres`]);
      console.log(
        `${scenario}: median memory ${memory.toFixed(0)} req/s, postgres ${postgres.toFixed(0)} req/s, postgres / memory ${((postgres / memory) * 100).toFixed(1)}%`,
      );
    }
  } finally {
    const db = await connectPostgres(url);
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.end();
    if (cluster !== undefined) {
      execFileSync('bash', [path.join(root, 'scripts/pg-cluster.sh'), 'stop', cluster]);
      fs.rmSync(cluster, { recursive: true, force: true });
    }
  }
  console.log(
    `node ${process.version}, PostgreSQL ${version}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}
