/**
 * Parallel runs against the mock over HTTP: each branch on a connection of
 * its own (a keep-alive agent per branch), 200 runs linearizable. The
 * test-only `lost-update` fault (a login reads the credential, yields, then
 * writes) must be caught within 200 runs and shrunk to at most 2 requests
 * per branch.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Fault } from '../../src/mock/faults.js';
import { nodeHttpSystem } from '../../src/server/http-system.js';
import { startNodeServer } from '../../src/server/node.js';
import { runConformance } from '../../src/testing/index.js';
import { MockServer } from '../../src/web/server.js';

describe('nodeHttpSystem', () => {
  it('sends each connect() over a connection of its own, kept alive', async () => {
    const ports: number[] = [];
    const server = http.createServer((req, res) => {
      ports.push(req.socket.remotePort ?? 0);
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      }, 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const system = nodeHttpSystem(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      const [a, b] = [system.connect?.(), system.connect?.()];
      if (a === undefined || b === undefined) throw new Error('no connect');
      await Promise.all([a({ method: 'GET', path: '/1' }), b({ method: 'GET', path: '/2' })]);
      await a({ method: 'GET', path: '/3' });
      await b({ method: 'GET', path: '/4' });
      expect(new Set(ports.slice(0, 2)).size).toBe(2);
      expect(ports[2]).toBe(ports[0]);
      expect(ports[3]).toBe(ports[1]);
    } finally {
      system.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

const runParallelAgainst = async (faults: readonly Fault[], runs: number, seed: number) => {
  const server = await startNodeServer({ mock: new MockServer({ faults: [...faults] }), port: 0 });
  const system = nodeHttpSystem(server.url);
  try {
    return await runConformance({ system, runs, clock: true, seed, parallel: true });
  } finally {
    system.close();
    await server.close();
  }
};

describe('parallel runs against the mock over HTTP', () => {
  it('200 runs are linearizable', async () => {
    const report = await runParallelAgainst([], 200, 8);
    expect(report.counterexample?.error).toBeUndefined();
    expect(report).toMatchObject({ runs: 200, failures: 0, notProven: 0 });
  }, 300_000);

  // Under `lost-update` the mock reads a user, yields, then writes without the
  // revision check, so concurrent failed logins overwrite each other.
  it('the lost-update fault is caught within 200 runs, shrunk to at most 2 requests per branch', async () => {
    const report = await runParallelAgainst(['lost-update'], 200, 1);
    expect(report.failures).toBe(1);
    const c = report.counterexample;
    expect(c?.error).toMatch(/^no order of the concurrent requests is explained by the oracle/);
    for (const branch of c?.branches ?? []) expect(branch.length).toBeLessThanOrEqual(2);
    expect((c?.branches ?? []).length).toBeGreaterThanOrEqual(2);
  }, 300_000);
});
