import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  conformanceCommands,
  inProcessSystem,
  invalidRequestBodyArb,
  Oracle,
  prepareRun,
  runConformance,
  type SystemUnderTest,
} from '../../src/testing/index.js';

// The system under test. For a running server, use
//   httpSystem('http://localhost:8080')                    // with the mock control API
//   httpSystem('https://idm.example', { control: false })  // without it: pass a `setup`
// Here the library's own operations stand in for "your" server.
const system: SystemUnderTest = inProcessSystem({ seed: 1 });

describe('my nevisIDM-compatible server', () => {
  it('answers like the oracle over 200 random sequences', async () => {
    const report = await runConformance({ system, runs: 200, clock: true, maxCommands: 30 });
    if (report.counterexample !== undefined) {
      // Paste these into the bug report; rerun with { seed, path } to replay.
      console.error(report.counterexample.error, report.counterexample.curl.join('\n'));
    }
    expect(report.failures).toBe(0);
  });

  it('refuses every malformed PATCH of a PUK with 400 or 422', async () => {
    await system.control?.reset();
    await system.control?.putUser('acme', 'jdoe');
    const path = '/nevisidm/api/core/v1/acme/users/jdoe/puk';
    expect((await system.send({ method: 'POST', path, body: {} })).status).toBe(201);
    await fc.assert(
      fc.asyncProperty(invalidRequestBodyArb('puk', 'patch'), async (body) => {
        const answer = await system.send({ method: 'PATCH', path, body });
        expect([400, 422]).toContain(answer.status);
      }),
      { numRuns: 50 },
    );
  });

  it('runs the model commands in a property of its own', async () => {
    const catalogue = {
      clientExtId: 'acme',
      users: [{ userExtId: 'jdoe', loginId: 'jdoe' }],
      ghostUserExtId: 'nobody',
      policies: { PwdPolicy: [], TempStrongPasswordPolicy: [], TicketPolicy: [], PUKPolicy: [] },
    };
    await fc.assert(
      fc.asyncProperty(
        fc.commands(conformanceCommands(catalogue), { maxCommands: 20 }),
        async (cmds) => {
          const setup = { catalogue, policies: [], start: Date.UTC(2026, 0, 1), clock: true };
          const prepared = await prepareRun(system, setup);
          await fc.asyncModelRun(() => prepared, cmds);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('my client library', () => {
  it('gets from the oracle the answer a conforming server gives', () => {
    const oracle = new Oracle({
      clientExtId: 'acme',
      users: [{ userExtId: 'jdoe' }],
      policies: [
        {
          extId: 'visible-puk',
          type: 'PUKPolicy',
          isDefault: true,
          parameters: { plainValueExposedToCaller: 'true', pukLen: '12' },
        },
      ],
    });
    const created = oracle.predict({
      method: 'POST',
      path: '/nevisidm/api/core/v1/acme/users/jdoe/puk',
      body: {},
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ stateName: 'active', policyExtId: 'visible-puk' });
    // Feed your client this answer (or compare your client's parsing of it).
  });
});
