/**
 * The router-independent dispatcher: unknown routes, wrong methods, encoded
 * path segments, query strings; and the operations table.
 */
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import { ErrorBody } from '../../src/domain/errors.js';
import { dispatch, operations } from '../../src/operations/dispatch.js';
import { defaultPolicyBook } from '../../src/operations/policy-book.js';
import { matchRoute } from '../../src/operations/route.js';
import { MemoryStore } from '../../src/operations/store.js';
import { seededRandom } from '../../src/secret/random.js';
import {
  admin,
  corePath,
  decodes,
  expectError,
  Harness,
  objectBody,
  selfAdmin,
  T0,
} from './support.js';

const base = '/nevisidm/api/core/v1';

describe('dispatch: routes', () => {
  it.each([
    '/',
    '/nevisidm/api/core/v1',
    `${base}/c1/users/u1`,
    `${base}/c1/users/u1/otp`,
    `${base}/c1/users/u1/puk/unlock`,
    `${base}/c1/users/u1/ticket/unlock`,
    `${base}/c1/users/u1/puk/reset/extra`,
    `${base}/c1/people/u1/puk`,
    '/nevisidm/api/core/v2/c1/users/u1/puk',
    '/nevisidm/api/other/v1/c1/users/u1/puk',
    '/nevisidm/api/auth/v1/c1/users/u1/puk',
    '/nevisidm/api/auth/v1/c1/users/u1/puk/reset',
    `${base}/c1/users/u1/puk/login`,
    `${base}//users/u1/puk`,
    `${base}/c1/users/%E0%A4%A/puk`,
  ])('404 errors.notFound for %s', (path) => {
    const h = new Harness();
    expectError(h.send('POST', path, {}), 404, 'errors.notFound');
  });

  it.each([
    ['PUT', corePath('puk')],
    ['GET', corePath('puk', 'reset')],
    ['DELETE', corePath('password', 'unlock')],
    ['GET', '/nevisidm/api/auth/v1/c1/users/u1/password/login'],
    ['PATCH', corePath('tempStrongPassword', 'reset')],
  ])('405 errors.methodNotAllowed for %s %s', (method, path) => {
    expectError(new Harness().send(method, path, {}), 405, 'errors.methodNotAllowed');
  });

  it('methods are case-insensitive', () => {
    expect(new Harness().send('post', corePath('puk'), {}).status).toBe(201);
  });

  it('decodes URL-encoded client and user ids, and encodes them back into Location', () => {
    const store = new MemoryStore();
    store.putUser({ clientExtId: 'acme corp', userExtId: 'j.doe@x/y', credentials: {} });
    const h = new Harness(store);
    const path = `${base}/acme%20corp/users/j.doe%40x%2Fy/puk`;
    const answer = h.send('POST', path, {});
    expect(answer.status).toBe(201);
    expect(answer.headers.location).toBe(path);
    expect(objectBody(answer).userExtId).toBe('j.doe@x/y');
    expect(h.send('GET', path).status).toBe(200);
    const tsp = `${base}/acme%20corp/users/j.doe%40x%2Fy/tempstrong-password`;
    expect(h.send('POST', tsp, {}).status).toBe(201);
    const own = h.send('GET', tsp, undefined, selfAdmin('j.doe@x/y', 'acme corp'));
    expect(own.status).toBe(200);
  });

  it('ignores the query string', () => {
    const h = new Harness();
    expect(h.send('POST', `${corePath('ticket')}?dryRun=true&x=%zz`, {}).status).toBe(201);
    expect(h.send('GET', `${corePath('ticket')}?`).status).toBe(200);
    expect(matchRoute('POST', `${corePath('puk', 'reset')}?a=b`)).toEqual(
      E.right({ kind: 'puk', action: 'reset', clientExtId: 'c1', userExtId: 'u1' }),
    );
  });

  it('maps every route of the table to its operation', () => {
    const kinds = ['password', 'tempStrongPassword', 'ticket', 'puk'] as const;
    for (const kind of kinds) {
      for (const [method, tail, action] of [
        ['POST', '', 'create'],
        ['GET', '', 'get'],
        ['PATCH', '', 'patch'],
        ['DELETE', '', 'delete'],
        ['POST', 'reset', 'reset'],
      ] as const) {
        expect(matchRoute(method, corePath(kind, tail))).toEqual(
          E.right({ kind, action, clientExtId: 'c1', userExtId: 'u1' }),
        );
        expect(operations[kind][action]).toBeTypeOf('function');
      }
    }
    expect(operations.password.unlock).toBeTypeOf('function');
    expect(operations.puk.unlock).toBeUndefined();
  });

  it('every error answer is a nevis error body', () => {
    const r = dispatch(
      { method: 'GET', path: '/nowhere', body: undefined, principal: admin },
      { user: () => undefined, policies: () => defaultPolicyBook() },
      { now: T0, random: seededRandom(1) },
    );
    expect(E.isLeft(r)).toBe(true);
    if (E.isLeft(r)) decodes(ErrorBody, { errors: [...r.left.errors] });
  });

  it('dispatch is pure: it returns the next user and stores nothing', () => {
    const user = { clientExtId: 'c1', userExtId: 'u1', credentials: {} };
    const r = dispatch(
      { method: 'POST', path: corePath('puk'), body: {}, principal: admin },
      { user: () => user, policies: () => defaultPolicyBook() },
      { now: T0, random: seededRandom(1) },
    );
    expect(E.isRight(r) && r.right.result.user.credentials.puk !== undefined).toBe(true);
    expect(user.credentials).toEqual({});
  });
});
