/**
 * The web-standard handler gets the journal, the fault rules and snapshots
 * of the shared mock: a snapshot as `fixture`, a delay waited out by the
 * handler's `sleep`.
 */
import { describe, expect, it } from 'vitest';
import { controlPath } from '../../src/mock/paths.js';
import { inProcessSystem } from '../../src/testing/index.js';
import { createMockHandler } from '../../src/web/handler.js';

const json = (method: string, path: string, body?: unknown) =>
  new Request(`http://mock${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });

describe('createMockHandler', () => {
  it('loads a snapshot given as its fixture', async () => {
    const system = inProcessSystem();
    await system.control?.putUser('demo', 'alice', 'alice');
    await system.send({
      method: 'POST',
      path: '/nevisidm/api/core/v1/demo/users/alice/puk',
      body: {},
    });
    const snapshot = (await system.send({ method: 'GET', path: controlPath.state })).body;
    const handler = await createMockHandler({ fixture: snapshot, start: Date.UTC(2026, 0, 1) });
    expect(await (await handler(json('GET', controlPath.state))).json()).toEqual(snapshot);
    await expect(createMockHandler({ fixture: { format: 'nope' } })).rejects.toThrow(
      /invalid fixture:\n\$\.format: got "nope"/,
    );
  });

  it('waits out a fault rule’s delay with its sleep and journals the request', async () => {
    const slept: number[] = [];
    const handler = await createMockHandler({
      seed: 1,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    const put = await handler(
      json('PUT', controlPath.faults, { rules: [{ path: '*/puk', delayMs: 250 }] }),
    );
    expect(put.status).toBe(204);
    expect((await handler(json('GET', '/nevisidm/api/core/v1/demo/users/bob/puk'))).status).toBe(
      404,
    );
    expect(slept).toEqual([250]);
    const journal = (await (await handler(json('GET', controlPath.requests))).json()) as {
      requests: unknown[];
    };
    expect(journal.requests).toMatchObject([
      { method: 'GET', status: 404, fault: { rule: 0, delayMs: 250, injected: false } },
    ]);
  });
});
