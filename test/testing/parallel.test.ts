/**
 * Parallel runs: a prefix, then branches sent concurrently, checked for
 * linearizability against the oracle. The library's own system passes; a
 * system that loses updates (it reads a user, yields, then writes what it
 * computed from the stale copy) is caught and shrunk to a short case; a
 * search that reaches its bound is "not proven", never a pass.
 */
import { describe, expect, it } from 'vitest';
import type { MemoryStore, UserRecord } from '../../src/index.js';
import {
  inProcessSystem,
  junitXml,
  runConformance,
  type SystemUnderTest,
} from '../../src/testing/index.js';

/**
 * A login reads the user, yields to the event loop, then is handled on the
 * copy it read: concurrent logins overwrite each other's changes.
 */
const losingUpdates = (): SystemUnderTest => {
  let store: MemoryStore | undefined;
  let stale: UserRecord | undefined;
  const real = inProcessSystem({
    faults: {
      before: (_request, s) => {
        store = s;
        if (stale !== undefined) s.putUser(stale);
      },
    },
  });
  const login = /^\/nevisidm\/api\/auth\/v1\/([^/]+)\/users\/([^/]+)\/[^/]+\/login$/;
  return {
    ...real,
    send: async (request) => {
      const match = login.exec(request.path);
      if (match === null || store === undefined) return real.send(request);
      const read = store.user(
        decodeURIComponent(match[1] ?? ''),
        decodeURIComponent(match[2] ?? ''),
      );
      await new Promise((resolve) => setTimeout(resolve, 1));
      stale = read;
      try {
        return await real.send(request);
      } finally {
        stale = undefined;
      }
    },
  };
};

describe('parallel runs', () => {
  it('pass against the library over 200 runs', async () => {
    const report = await runConformance({
      system: inProcessSystem({ seed: 2 }),
      runs: 200,
      clock: true,
      parallel: true,
    });
    expect(report.counterexample?.error).toBeUndefined();
    expect(report).toMatchObject({ runs: 200, failures: 0, notProven: 0, parallel: true });
    expect(report.commands).toBeGreaterThan(2_000);
  }, 180_000);

  it('catch a system that loses concurrent updates, shrunk to at most 2 requests per branch', async () => {
    const report = await runConformance({
      system: losingUpdates(),
      runs: 200,
      clock: true,
      seed: 4,
      parallel: true,
    });
    expect(report.failures).toBe(1);
    const c = report.counterexample;
    if (c === undefined) throw new Error('no counterexample');
    expect(report.runs).toBeLessThanOrEqual(200);
    expect(c.error).toMatch(/^no order of the concurrent requests is explained by the oracle/);
    expect(c.error).toMatch(
      /none of the requests that may come next fits|no request can come first/,
    );
    expect(c.error).toMatch(/real-time order: →/);
    const branches = c.branches ?? [];
    expect(branches.length).toBeGreaterThanOrEqual(2);
    for (const branch of branches) {
      expect(branch.length).toBeLessThanOrEqual(2);
      for (const step of branch) expect(step.actual?.status).toBeGreaterThan(0);
    }
    // The script sends the branches concurrently, one subshell each.
    expect(c.curl).toContain('wait');
    expect(c.curl.filter((l) => l.endsWith('2>&1 &')).length).toBe(branches.length);
  }, 300_000);

  it('count a history the search could not decide as "not proven", never as a pass', async () => {
    const report = await runConformance({
      system: inProcessSystem(),
      runs: 20,
      clock: true,
      seed: 3,
      parallel: { searchBound: 1 },
    });
    expect(report.failures).toBe(0);
    expect(report.notProven).toBeGreaterThan(0);
    expect(junitXml(report)).toContain('<failure message="not proven">');
  }, 120_000);
});
