/**
 * The web-standard handler inside MSW: `fetch` in a front-end style test is
 * intercepted by `msw/node` and answered by the mock (same code as docs/msw.md).
 */
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { controlPath } from '../../src/mock/paths.js';
import { createMockHandler } from '../../src/web/handler.js';

const mock = await createMockHandler({
  seed: 1,
  fixture: { clients: { demo: { users: { alice: { loginId: 'alice' } } } } },
});

const server = setupServer(
  http.all('*/nevisidm/*', ({ request }) => mock(request)),
  http.all('*/__mock/*', ({ request }) => mock(request)),
  http.get('*/api/profile', () => HttpResponse.json({ name: 'Alice' })),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(async () => {
  await fetch(`https://idm.example.com${controlPath.clock}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ now: '2026-05-04T12:00:00Z' }),
  });
});

/** The front-end code under test: issues a TSP and tells whether it is shown. */
const issueTemporaryPassword = async (base: string, user: string): Promise<string> => {
  const response = await fetch(
    `${base}/nevisidm/api/core/v1/demo/users/${user}/tempstrong-password`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
  );
  if (response.status !== 201) throw new Error(`could not issue: ${response.status}`);
  const body = (await response.json()) as { tempStrongPassword?: string };
  return body.tempStrongPassword ?? '(sent by letter)';
};

describe('MSW', () => {
  it('intercepts fetch to the credential API and answers from the mock', async () => {
    const shown = await issueTemporaryPassword('https://idm.example.com', 'alice');
    expect(shown).toMatch(/^[0-9A-Za-z]{30}$/);
    const read = await fetch(
      'https://idm.example.com/nevisidm/api/core/v1/demo/users/alice/tempstrong-password',
    );
    expect(read.status).toBe(200);
    expect(((await read.json()) as { created: string }).created).toBe('2026-05-04T12:00:00Z');
    expect(
      mock.mock.state.store.user('demo', 'alice')?.credentials.tempStrongPassword,
    ).toBeDefined();
  });

  it('answers errors with the nevis error body', async () => {
    await expect(issueTemporaryPassword('https://idm.example.com', 'nobody')).rejects.toThrow(
      'could not issue: 404',
    );
    const bad = await fetch('https://idm.example.com/nevisidm/api/core/v1/demo/users/alice/puk', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'puk please',
    });
    expect(bad.status).toBe(415);
    expect(await bad.json()).toEqual({
      errors: [{ code: 'errors.unsupportedMediaType', message: expect.any(String) }],
    });
  });

  it('leaves other handlers alone', async () => {
    const profile = await fetch('https://app.example.com/api/profile');
    expect(await profile.json()).toEqual({ name: 'Alice' });
  });
});

describe('web-standard handler', () => {
  it('answers 413 from Content-Length before reading the body, 204 without a body', async () => {
    const handler = await createMockHandler();
    const big = await handler(
      new Request('http://mock/nevisidm/api/core/v1/c/users/u/puk', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '70000' },
        body: 'x'.repeat(70_000),
      }),
    );
    expect(big.status).toBe(413);
    const reset = await handler(new Request(`http://mock${controlPath.reset}`, { method: 'POST' }));
    expect(reset.status).toBe(204);
    expect(await reset.text()).toBe('');
  });

  it('rejects at creation for an invalid fixture', async () => {
    await expect(
      createMockHandler({
        fixture: {
          clients: { c: { policies: { p: { type: 'PUKPolicy', parameters: { pukLen: '0' } } } } },
        },
      }),
    ).rejects.toThrow(/\$\.clients\.c\.policies\.p: 422/);
  });
});
