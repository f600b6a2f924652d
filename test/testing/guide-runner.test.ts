/**
 * The examples of docs/testing-guide.md's sections on coverage, the failure
 * database, parallel runs, replay scripts and the probe: each `#region` of
 * this file is a ts block of the guide (guide.test.ts checks that they stay
 * the same), so the guide's examples run as tests.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
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
import { openApiDocument } from '../../src/web/index.js';
import { deleteAnswers200 } from './support.js';

// ajv-formats is CommonJS; under NodeNext its default import is typed as the module.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

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

  it('OpenAPI', async () => {
    // #region openapi
    const document = openApiDocument(); // also GET /__mock/openapi.json, or the package's openapi.json
    const ajv = addFormats(new Ajv2020({ strictSchema: false })); // JSON Schema 2020-12, as OpenAPI 3.1
    ajv.addSchema(document, 'openapi');
    const schema = (name: string) => ajv.compile({ $ref: `openapi#/components/schemas/${name}` });

    // What your client sends…
    const patch = schema('PatchPukRequest');
    expect(patch({ stateName: 'disabled', version: 3 })).toBe(true);
    expect(patch({ stateName: 'locked' })).toBe(false); // not a state

    // …and what it must handle: answers are closed, so a field your client does not expect fails.
    const system = inProcessSystem();
    await system.control?.putUser('c1', 'u1');
    const created = await system.send({
      method: 'POST',
      path: '/nevisidm/api/core/v1/c1/users/u1/puk',
      body: {},
    });
    expect(schema('PukCredential')(created.body)).toBe(true);
    expect(schema('PukCredential')({ ...(created.body as object), colour: 'red' })).toBe(false);
    // #endregion
  });
});
