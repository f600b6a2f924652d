/**
 * RFC 9110 in the mock, in process: every 405 carries `Allow` with exactly the
 * methods its route takes (core, auth and control routes alike), every 401
 * carries `WWW-Authenticate`, and a method no route takes — CONNECT or any
 * other token — gets the nevis error body. (Over HTTP: test/server/http-conventions.test.ts.)
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ErrorBody } from '../../src/domain/errors.js';
import { MockCore } from '../../src/mock/core.js';
import { controlPath } from '../../src/mock/paths.js';
import { seededRandom } from '../../src/secret/random.js';

const core = '/nevisidm/api/core/v1/c1/users/u1';
const auth = '/nevisidm/api/auth/v1/c1/users/u1';

/** Every route and the methods the reference (section 7 and the README's control table) gives it. */
const routes: readonly [string, readonly string[]][] = [
  ...['password', 'tempstrong-password', 'ticket', 'puk'].flatMap(
    (segment): [string, readonly string[]][] => [
      [`${core}/${segment}`, ['POST', 'GET', 'PATCH', 'DELETE']],
      [`${core}/${segment}/reset`, ['POST']],
      [`${auth}/${segment}/login`, ['POST']],
    ],
  ),
  [`${core}/password/unlock`, ['POST']],
  [controlPath.reset, ['POST']],
  [controlPath.clock, ['GET', 'PUT', 'DELETE']],
  [controlPath.clockAdvance, ['POST']],
  [controlPath.users('c1'), ['GET']],
  [controlPath.user('c1', 'u1'), ['PUT']],
  [controlPath.token('c1', 'u1'), ['POST']],
  [controlPath.policies('c1'), ['GET']],
  [controlPath.policy('c1', 'p1'), ['PUT']],
];

const mock = () =>
  new MockCore({ clock: { frozenAt: Date.UTC(2026, 0, 1) }, random: () => seededRandom(1) });

const methodArb = fc.oneof(
  fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT'),
  fc.constantFrom('PROPFIND', 'QUERY', 'BREW', 'FOO'),
  fc.stringMatching(/^[A-Z][A-Z-]{0,11}$/),
);

describe('405 Method Not Allowed', () => {
  test.prop([fc.constantFrom(...routes), methodArb])(
    'carries Allow with exactly the methods of the route, and the nevis error body',
    async ([path, allowed], method) => {
      const answer = await mock().answer({ method, path, body: undefined });
      if (allowed.includes(method)) {
        expect(answer.status).not.toBe(405);
        return;
      }
      expect(answer.status, `${method} ${path}`).toBe(405);
      expect(new Set(answer.headers.allow?.split(', '))).toEqual(new Set(allowed));
      expect(ErrorBody.is(answer.body)).toBe(true);
      expect(JSON.stringify(answer.body)).toContain('errors.methodNotAllowed');
    },
  );

  it('CONNECT and unknown tokens are answered like any other method the route does not take', async () => {
    for (const method of ['CONNECT', 'BREW', 'M-SEARCH']) {
      const answer = await mock().answer({ method, path: `${core}/puk`, body: undefined });
      expect([answer.status, answer.headers.allow]).toEqual([405, 'POST, GET, PATCH, DELETE']);
    }
    const tunnel = await mock().answer({
      method: 'CONNECT',
      path: 'example.com:443',
      body: undefined,
    });
    expect(tunnel.status).toBe(404);
  });

  it('in process, methods are case-insensitive (over HTTP, Node rejects lower case)', async () => {
    const m = mock();
    await m.answer({ method: 'put', path: controlPath.user('c1', 'u1'), body: undefined });
    expect((await m.answer({ method: 'post', path: `${core}/puk`, body: {} })).status).toBe(201);
  });
});

describe('401 Unauthorized', () => {
  const challenge = 'Bearer realm="nevisidm"';

  test.prop([fc.constantFrom(...routes.filter(([path]) => !path.startsWith('/__mock')))])(
    'an unknown X-Token carries WWW-Authenticate on every route',
    async ([path, allowed]) => {
      const answer = await mock().answer({
        method: allowed[0] ?? 'GET',
        path,
        headers: { 'x-token': 'nope' },
        body: {},
      });
      expect(answer.status).toBe(401);
      expect(answer.headers['www-authenticate']).toBe(challenge);
      expect(JSON.stringify(answer.body)).toContain('errors.unauthorized');
    },
  );

  it('a refused login carries it too, whatever the reason', async () => {
    const m = mock();
    await m.answer({ method: 'PUT', path: controlPath.user('c1', 'u1'), body: undefined });
    await m.answer({ method: 'POST', path: `${core}/password`, body: { password: 'Str0ng!pass' } });
    const login = () =>
      m.answer({ method: 'POST', path: `${auth}/password/login`, body: { password: 'x' } });
    // Two failures tmp-lock the password (3, then 9); the third attempt is refused.
    expect([(await login()).status, (await login()).status]).toEqual([200, 200]);
    const locked = await login();
    expect([locked.status, locked.headers['www-authenticate']]).toEqual([401, challenge]);
    await m.answer({ method: 'PATCH', path: `${core}/password`, body: { stateName: 'disabled' } });
    const disabled = await login();
    expect([disabled.status, disabled.headers['www-authenticate']]).toEqual([401, challenge]);
  });

  it('no other status carries a challenge', async () => {
    const answer = await mock().answer({ method: 'GET', path: `${core}/puk`, body: undefined });
    expect(answer.status).toBe(404);
    expect(answer.headers['www-authenticate']).toBeUndefined();
  });
});
