/**
 * The examples of docs/testing-guide.md's sections on the request journal,
 * latency and fault rules and state snapshots: each `#region` of this file
 * is a ts block of the guide (guide.test.ts checks that they stay the same),
 * so the guide's examples run as tests.
 */
import { describe, expect, it } from 'vitest';
import {
  controlPath,
  expectNotRequested,
  expectRequested,
  inProcessSystem,
} from '../../src/testing/index.js';

describe('docs/testing-guide.md', () => {
  it('journal', async () => {
    // #region journal
    const system = inProcessSystem(); // or httpSystem('http://localhost:8080')
    await system.control?.putUser('acme', 'jdoe');
    // … the client under test does its work; here, one login:
    await system.send({
      method: 'POST',
      path: '/nevisidm/api/auth/v1/acme/users/jdoe/password/login',
      body: { password: 'hunter2' },
    });
    const [login] = await expectRequested(system, {
      method: 'POST',
      path: '/nevisidm/api/auth/v1/acme/users/*/login',
    });
    expect(login?.body).toEqual({ password: '<redacted>' }); // secrets never kept
    expect(login?.status).toBe(404); // jdoe has no password yet
    await expectNotRequested(system, { method: 'DELETE' });
    const failed = await system.send({ method: 'GET', path: `${controlPath.requests}?status=4xx` });
    expect(failed.body).toMatchObject({ requests: [{ seq: 1, caller: 'admin' }], dropped: 0 });
    // #endregion
  });

  it('faults', async () => {
    // #region faults
    const delays: number[] = [];
    const system = inProcessSystem({
      seed: 7,
      sleep: async (ms) => {
        delays.push(ms); // the default really waits (setTimeout)
      },
    });
    await system.send({
      method: 'PUT',
      path: controlPath.faults,
      body: {
        rules: [
          { method: 'GET', path: '/nevisidm/*', delayMs: 400 },
          { path: '*/ticket', status: 503, rate: 0.5 },
        ],
      },
    });
    const slow = await system.send({
      method: 'GET',
      path: '/nevisidm/api/core/v1/acme/users/jdoe/puk',
    });
    expect([slow.status, delays]).toEqual([404, [400]]); // the real answer, 400 ms late
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await system.send({
        method: 'POST',
        path: '/nevisidm/api/core/v1/acme/users/jdoe/ticket',
      });
      statuses.push(r.status);
    }
    expect(statuses.filter((s) => s === 503).length).toBe(9); // seed 7: the same 9 every run
    await system.send({ method: 'DELETE', path: controlPath.faults }); // or POST /__mock/reset
    // #endregion
  });

  it('snapshots', async () => {
    // #region snapshots
    const first = inProcessSystem();
    await first.control?.putUser('acme', 'jdoe');
    await first.send({
      method: 'POST',
      path: '/nevisidm/api/core/v1/acme/users/jdoe/password',
      body: { password: 'Corr3ct-Horse!', stateName: 'active' },
    });
    const saved = (await first.send({ method: 'GET', path: controlPath.state })).body;
    // … write it to a file for `serve --fixture state.json`, or load it elsewhere:
    const second = inProcessSystem({ seed: 2 });
    expect(
      (await second.send({ method: 'PUT', path: controlPath.state, body: saved })).status,
    ).toBe(204);
    expect((await second.send({ method: 'GET', path: controlPath.state })).body).toEqual(saved);
    const login = await second.send({
      method: 'POST',
      path: '/nevisidm/api/auth/v1/acme/users/jdoe/password/login',
      body: { password: 'Corr3ct-Horse!' },
    });
    expect(login.body).toMatchObject({ statusCode: 5 });
    const refused = await second.send({
      method: 'PUT',
      path: controlPath.state,
      body: { format: 'x' },
    });
    expect(refused.status).toBe(422); // one error per problem; the state stays as it was
    // #endregion
  });
});
