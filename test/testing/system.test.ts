import { describe, expect, it } from 'vitest';
import { inProcessSystem } from '../../src/testing/index.js';

describe('the in-process system reads callers and control routes like the mock server', () => {
  it('records the X-Mock-Admin name as createdBy', async () => {
    const system = inProcessSystem({ seed: 1 });
    await system.control?.putUser('c1', 'u1');
    const created = await system.send({
      method: 'POST',
      path: '/nevisidm/api/core/v1/c1/users/u1/puk',
      body: {},
      headers: { 'X-Mock-Admin': 'ops' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ createdBy: 'ops', modifiedBy: 'ops' });
  });

  it('answers a malformed control path with 404 instead of rejecting', async () => {
    const system = inProcessSystem({ seed: 1 });
    const answer = await system.send({ method: 'PUT', path: '/__mock/clients/%E0/users/u1' });
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ errors: [{ code: 'errors.notFound' }] });
  });
});
