/**
 * The examples of docs/testing-guide.md's sections on coverage, the failure
 * database, parallel runs, replay scripts and the probe: each `#region` of
 * this file is a ts block of the guide (guide.test.ts checks that they stay
 * the same), so the guide's examples run as tests.
 */
import { describe, expect, it } from 'vitest';
import {
  coverageReportJson,
  coverageSummary,
  inProcessSystem,
  memoryFailureStore,
  probeTarget,
  runConformance,
  type SystemUnderTest,
} from '../../src/testing/index.js';
import { deleteAnswers200 } from './support.js';

describe('docs/testing-guide.md', () => {
  it('coverage', async () => {
    // #region coverage
    const report = await runConformance({
      system: inProcessSystem(),
      runs: 300,
      clock: true,
      seed: 1,
    });
    const coverage = report.coverage;
    if (coverage === undefined) throw new Error('coverage is on by default');
    expect(coverageSummary(coverage)[0]).toMatch(/^coverage: \d+ of \d+ transitions reachable/);
    // e.g. 'coverage: 296 of 380 transitions reachable under the runs' policies (77.8 %) — 74 more …'
    expect(coverage.transitions.percent).toBeGreaterThan(70);
    expect(coverage.kinds.puk.uncovered.every((t) => t.id.includes(':'))).toBe(true);
    const json = JSON.parse(coverageReportJson(report)); // what --report FILE writes
    expect(json.formatVersion).toBe(1);
    // #endregion
  }, 180_000);

  it('failure database', async () => {
    // #region failures
    const failures = memoryFailureStore(); // the command line: --failures DIR
    const first = await runConformance({
      system: deleteAnswers200(),
      runs: 100,
      clock: true,
      failures,
    });
    expect(first.failures).toBe(1); // found, shrunk and saved
    const again = await runConformance({
      system: deleteAnswers200(),
      runs: 100,
      clock: true,
      failures,
    });
    expect(again.replayed?.[0]?.outcome).toBe('still failing'); // replayed before new runs
    const fixed = await runConformance({
      system: inProcessSystem(),
      runs: 100,
      clock: true,
      failures,
    });
    expect(fixed.replayed?.[0]).toMatchObject({ outcome: 'fixed', deleted: true });
    expect(failures.saved.size).toBe(0);
    // #endregion
  }, 180_000);

  it('parallel runs', async () => {
    // #region parallel
    const report = await runConformance({
      system: inProcessSystem(),
      runs: 100,
      clock: true,
      parallel: { maxBranchLength: 3, searchBound: 20_000 },
    });
    expect(report.failures).toBe(0);
    expect(report.notProven).toBe(0); // a history the search could not decide is not a pass
    // #endregion
  }, 180_000);

  it('replay scripts', async () => {
    // #region script
    const report = await runConformance({
      system: deleteAnswers200(),
      runs: 100,
      clock: true,
      seed: 3,
    });
    const script = report.counterexample?.curl ?? [];
    expect(script[0]).toBe('#!/bin/sh');
    // Tokens are read from the server's answers, never written down:
    expect(script.some((line) => line.startsWith('TOKEN_1=$(curl'))).toBe(true);
    // Save it and run it against any server: BASE=http://127.0.0.1:8080 sh replay.sh
    // #endregion
  }, 180_000);

  it('probe', async () => {
    // #region probe
    const probe = await probeTarget(inProcessSystem(), {
      clientExtId: 'conformance',
      ghostUserExtId: 'no-such-user',
      control: true,
    });
    expect(probe).toEqual({ ok: true });
    const down: SystemUnderTest = {
      send: async () => {
        throw Object.assign(new Error('connect ECONNREFUSED'), {
          code: 'ECONNREFUSED',
          address: '127.0.0.1',
          port: 1,
        });
      },
    };
    expect(
      await probeTarget(down, { clientExtId: 'c', ghostUserExtId: 'x', control: false }),
    ).toEqual({
      ok: false,
      cause: 'ECONNREFUSED 127.0.0.1:1 (connection refused)',
    });
    // #endregion
  });
});
