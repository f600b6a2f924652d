/**
 * Every route of the credential API over real HTTP: one success and its main
 * error case each, plus every control route.
 */
import { either as E } from 'fp-ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { ErrorBody, PasswordViolationEntry } from '../../src/domain/errors.js';
import { controlPath } from '../../src/mock/paths.js';
import { auth, codesOf, core, field, useServer } from './support.js';

const { call, server } = useServer({ seed: 11 });

const user = `${core}/c1/users/u1`;
const login = `${auth}/c1/users/u1`;
const noPermissions = { 'x-mock-permissions': '' };

const putPolicy = (policyExtId: string, type: string, parameters: Record<string, string>) =>
  call('PUT', controlPath.policy('c1', policyExtId), {
    body: { type, default: true, parameters },
  });

beforeEach(async () => {
  expect((await call('POST', controlPath.reset)).status).toBe(204);
  expect(
    (await call('PUT', controlPath.clock, { body: { now: '2026-05-04T12:00:00Z' } })).status,
  ).toBe(204);
  expect(
    (await call('PUT', controlPath.user('c1', 'u1'), { body: { loginId: 'user-one' } })).status,
  ).toBe(204);
});

describe('Temporary Strong Password', () => {
  const path = `${user}/tempstrong-password`;

  it('create: 201 with Location and the first part; a second create is refused', async () => {
    const created = await call('POST', path, { body: {} });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(path);
    expect(field(created, 'tempStrongPassword')).toMatch(/^[0-9A-Za-z]{30}$/);
    const again = await call('POST', path, { body: {} });
    expect(again.status).toBe(422);
    expect(codesOf(again)).toEqual(['errors.tempStrongPasswordExists']);
  });

  it('get: 200 with the hash; the self-admin view omits admin fields; none is 404', async () => {
    expect(codesOf(await call('GET', path))).toEqual(['errors.noRecord']);
    await call('POST', path, { body: {} });
    const read = await call('GET', path);
    expect(read.status).toBe(200);
    expect(field(read, 'tempStrongPassword')).toMatch(/^\{SSHA256\}/);
    expect(field(read, 'createdBy')).toBe('admin');
    const { json } = await call('POST', controlPath.token('c1', 'u1'));
    const token = (json as { token: string }).token;
    const own = await call('GET', path, { headers: { 'x-token': token } });
    expect(own.status).toBe(200);
    expect(field(own, 'createdBy')).toBeUndefined();
    expect(field(own, 'lastChangeDate')).toBeUndefined();
  });

  it('patch: 200 with the next version; a stale version is 409', async () => {
    await call('POST', path, { body: {} });
    const patched = await call('PATCH', path, {
      body: { modificationComment: 'sent', version: 0 },
    });
    expect(patched.status).toBe(200);
    expect(field(patched, 'version')).toBe(1);
    const stale = await call('PATCH', path, { body: { modificationComment: 'again', version: 0 } });
    expect(stale.status).toBe(409);
    expect(codesOf(stale)).toEqual(['errors.pessimisticLockingFailure']);
  });

  it('reset: 200 with a new first part; without a TSP 404', async () => {
    expect((await call('POST', `${path}/reset`, { body: {} })).status).toBe(404);
    await call('POST', path, { body: {} });
    const reset = await call('POST', `${path}/reset`, { body: {} });
    expect(reset.status).toBe(200);
    expect(field(reset, 'resetCount')).toBe(1);
  });

  it('delete: 204; deleting again is 404', async () => {
    await call('POST', path, { body: {} });
    expect((await call('DELETE', path)).status).toBe(204);
    expect((await call('DELETE', path)).status).toBe(404);
  });

  it('login: 200 with a status code; without CredentialView 403', async () => {
    const created = await call('POST', path, { body: {} });
    const secret = field(created, 'tempStrongPassword');
    const ok = await call('POST', `${login}/tempstrong-password/login`, {
      body: { tempStrongPassword: secret },
    });
    expect(ok.status).toBe(200);
    expect(field(ok, 'statusCode')).toBe(5);
    const refused = await call('POST', `${login}/tempstrong-password/login`, {
      body: { tempStrongPassword: secret },
      headers: noPermissions,
    });
    expect(refused.status).toBe(403);
    expect(codesOf(refused)).toEqual(['errors.forbidden']);
  });
});

describe('Password', () => {
  const path = `${user}/password`;
  const good = 'Correct-Horse-42';

  it('create: 201; a password breaking the policy is 422 with every violation', async () => {
    const weak = await call('POST', path, { body: { password: 'abc' } });
    expect(weak.status).toBe(422);
    expect(codesOf(weak)?.length).toBeGreaterThan(1);
    expect(new Set(codesOf(weak))).toEqual(new Set(['errors.pwdPolicyViolated']));
    // One entry per violated rule, naming it and its nevisAuth code, so a client can map them.
    expect(E.isRight(ErrorBody.decode(weak.json))).toBe(true);
    const entries = (weak.json as { errors: unknown[] }).errors;
    expect(entries.every((e) => PasswordViolationEntry.is(e))).toBe(true);
    expect(entries).toMatchObject([
      {
        rule: 'minLength',
        authCode: 50,
        message: expect.stringMatching(/^minLength \(nevisAuth 50\): /),
      },
      { rule: 'minUpperCase', authCode: 52 },
      { rule: 'minDigits', authCode: 51 },
      { rule: 'minSpecialChars', authCode: 52 },
    ]);
    const created = await call('POST', path, { body: { password: good } });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(path);
  });

  it('get: 200; for an unknown user 404', async () => {
    await call('POST', path, { body: { password: good } });
    const read = await call('GET', path);
    expect(read.status).toBe(200);
    expect(field(read, 'type')).toBe('Password');
    const unknown = await call('GET', `${core}/c1/users/nobody/password`);
    expect(unknown.status).toBe(404);
    expect(codesOf(unknown)).toEqual(['errors.noRecord']);
  });

  it('patch: 200 with the next version; a stale version is 409', async () => {
    await call('POST', path, { body: { password: good } });
    const patched = await call('PATCH', path, { body: { stateName: 'disabled', version: 0 } });
    expect(patched.status).toBe(200);
    expect(field(patched, 'stateName')).toBe('disabled');
    expect(field(patched, 'version')).toBe(1);
    expect((await call('PATCH', path, { body: { stateName: 'active', version: 0 } })).status).toBe(
      409,
    );
  });

  it('delete: 204; without CredentialDelete 403', async () => {
    await call('POST', path, { body: { password: good } });
    expect((await call('DELETE', path, { headers: noPermissions })).status).toBe(403);
    expect((await call('DELETE', path)).status).toBe(204);
  });

  it('reset: 201 with the fragment when the policy shows it; self-admin on another user 403', async () => {
    await putPolicy('pw-codes', 'PwdPolicy', { resetCodeEnabled: 'true' });
    await call('POST', path, { body: { password: good } });
    const reset = await call('POST', `${path}/reset`, { body: {} });
    expect(reset.status).toBe(201);
    expect(typeof field(reset, 'passwordFragment')).toBe('string');
    await call('PUT', controlPath.user('c1', 'someone-else'));
    const { json } = await call('POST', controlPath.token('c1', 'someone-else'));
    const token = (json as { token: string }).token;
    const foreign = await call('POST', `${path}/reset`, {
      body: {},
      headers: { 'x-token': token },
    });
    expect(foreign.status).toBe(403);
  });

  it('unlock: 200 for a locked password; an active one is 422', async () => {
    await putPolicy('pw-lock', 'PwdPolicy', {
      maxCredFailureCount: '1',
      tmpLockingThreshold: '-1',
    });
    await call('POST', path, { body: { password: good, stateName: 'active' } });
    expect((await call('POST', `${path}/unlock`, { body: {} })).status).toBe(422);
    const failed = await call('POST', `${login}/password/login`, { body: { password: 'wrong' } });
    expect(failed.status).toBe(200);
    expect(field(await call('GET', path), 'stateName')).toBe('fail-locked');
    const unlocked = await call('POST', `${path}/unlock`, { body: {} });
    expect(unlocked.status).toBe(200);
    expect(field(unlocked, 'stateName')).not.toBe('fail-locked');
  });

  it('login: 200 with status 5 for the right password; without a password 404', async () => {
    expect(
      (await call('POST', `${login}/password/login`, { body: { password: good } })).status,
    ).toBe(404);
    await call('POST', path, { body: { password: good, stateName: 'active' } });
    const ok = await call('POST', `${login}/password/login`, { body: { password: good } });
    expect(ok.status).toBe(200);
    expect(field(ok, 'statusCode')).toBe(5);
  });
});

describe('Ticket', () => {
  const path = `${user}/ticket`;

  it('create: 201 with the credential; without CredentialCreate 403', async () => {
    const refused = await call('POST', path, {
      body: { identification: 'order-1' },
      headers: { 'x-mock-permissions': 'AccessControl.CredentialView' },
    });
    expect(refused.status).toBe(403);
    const created = await call('POST', path, {
      body: { extId: 't-1', stateName: 'active', identification: 'order-1', context: 'shop' },
    });
    expect(created.status).toBe(201);
    expect(field(created, 'extId')).toBe('t-1');
    expect(field(created, 'identification')).toBe('order-1');
  });

  it('get: 200; none is 404', async () => {
    expect((await call('GET', path)).status).toBe(404);
    await call('POST', path, { body: {} });
    expect((await call('GET', path)).status).toBe(200);
  });

  it('patch: 200 (identification too); a stale version is 409', async () => {
    await call('POST', path, { body: {} });
    const patched = await call('PATCH', path, { body: { identification: 'order-2', version: 0 } });
    expect(patched.status).toBe(200);
    expect(field(patched, 'identification')).toBe('order-2');
    expect((await call('PATCH', path, { body: { version: 0 } })).status).toBe(409);
  });

  it('reset: 200; without CredentialModify 403', async () => {
    await call('POST', path, { body: {} });
    const refused = await call('POST', `${path}/reset`, {
      body: {},
      headers: { 'x-mock-permissions': 'AccessControl.CredentialView' },
    });
    expect(refused.status).toBe(403);
    expect((await call('POST', `${path}/reset`, { body: {} })).status).toBe(200);
  });

  it('delete: 204; none is 404', async () => {
    expect((await call('DELETE', path)).status).toBe(404);
    await call('POST', path, { body: {} });
    expect((await call('DELETE', path)).status).toBe(204);
  });

  it('login: 200 with the shown ticket; an unknown user 404', async () => {
    await putPolicy('ticket-shown', 'TicketPolicy', { plainValueExposedToCaller: 'true' });
    const created = await call('POST', path, { body: { stateName: 'active' } });
    const ok = await call('POST', `${login}/ticket/login`, {
      body: { ticket: field(created, 'ticket') },
    });
    expect(ok.status).toBe(200);
    expect(field(ok, 'statusCode')).toBe(5);
    expect(
      (await call('POST', `${auth}/c1/users/nobody/ticket/login`, { body: { ticket: 'x' } }))
        .status,
    ).toBe(404);
  });
});

describe('PUK', () => {
  const path = `${user}/puk`;

  it('create: 201; a second PUK is refused', async () => {
    expect((await call('POST', path, { body: {} })).status).toBe(201);
    const again = await call('POST', path, { body: {} });
    expect(again.status).toBe(422);
    expect(codesOf(again)).toEqual(['errors.duplicateValue']);
  });

  it('get: 200; without CredentialView 403', async () => {
    await call('POST', path, { body: {} });
    expect((await call('GET', path)).status).toBe(200);
    expect((await call('GET', path, { headers: noPermissions })).status).toBe(403);
  });

  it('patch: 200 (validity too); a stale version is 409', async () => {
    await call('POST', path, { body: {} });
    const patched = await call('PATCH', path, {
      body: { validity: { from: '2026-05-04T12:00:00Z', to: '2026-06-04T12:00:00Z' }, version: 0 },
    });
    expect(patched.status).toBe(200);
    expect(field(patched, 'validity')).toEqual({
      from: '2026-05-04T12:00:00Z',
      to: '2026-06-04T12:00:00Z',
    });
    expect((await call('PATCH', path, { body: { version: 0 } })).status).toBe(409);
  });

  it('regenerate: 200; at the policy maximum 422', async () => {
    await putPolicy('puk-once', 'PUKPolicy', { maxResetCount: '1' });
    await call('POST', path, { body: {} });
    const reset = await call('POST', `${path}/reset`, { body: {} });
    expect(reset.status).toBe(200);
    expect(field(reset, 'resetCount')).toBe(1);
    const refused = await call('POST', `${path}/reset`, { body: {} });
    expect(refused.status).toBe(422);
    expect(codesOf(refused)).toEqual(['errors.maxResetCountReached']);
  });

  it('delete: 204; without CredentialDelete 403', async () => {
    await call('POST', path, { body: {} });
    expect(
      (
        await call('DELETE', path, {
          headers: { 'x-mock-permissions': 'AccessControl.CredentialView' },
        })
      ).status,
    ).toBe(403);
    expect((await call('DELETE', path)).status).toBe(204);
  });

  it('login: 200 with the shown PUK; a wrong PUK counts as a failure', async () => {
    await putPolicy('puk-shown', 'PUKPolicy', { plainValueExposedToCaller: 'true' });
    const created = await call('POST', path, { body: { stateName: 'active' } });
    const ok = await call('POST', `${login}/puk/login`, { body: { puk: field(created, 'puk') } });
    expect(ok.status).toBe(200);
    expect(field(ok, 'statusCode')).toBe(5);
    const wrong = await call('POST', `${login}/puk/login`, { body: { puk: 'nope' } });
    expect(wrong.status).toBe(200);
    expect(field(wrong, 'statusCode')).not.toBe(5);
    expect(field(await call('GET', path), 'failedLoginCount')).toBe(1);
  });
});

describe('control API', () => {
  it('reset empties the store and restores the default policies', async () => {
    await putPolicy('custom', 'PUKPolicy', {});
    await call('POST', `${user}/puk`, { body: {} });
    expect((await call('POST', controlPath.reset)).status).toBe(204);
    expect((await call('GET', controlPath.users('c1'))).json).toEqual([]);
    const policies = await call('GET', controlPath.policies('c1'));
    expect(policies.json).toEqual([
      { extId: 'default-password', type: 'PwdPolicy', default: true },
      { extId: 'default-tempstrong-password', type: 'TempStrongPasswordPolicy', default: true },
      { extId: 'default-ticket', type: 'TicketPolicy', default: true },
      { extId: 'default-puk', type: 'PUKPolicy', default: true },
    ]);
  });

  it('PUT user creates it (keeping credentials when it exists); a bad loginId is 422', async () => {
    await call('POST', `${user}/puk`, { body: {} });
    expect((await call('PUT', controlPath.user('c1', 'u1'))).status).toBe(204);
    expect(
      (await call('PUT', controlPath.user('c1', 'u2'), { body: { loginId: 'two' } })).status,
    ).toBe(204);
    expect((await call('GET', controlPath.users('c1'))).json).toEqual([
      { userExtId: 'u1', loginId: 'user-one', credentials: ['puk'], credentialStatus: null },
      { userExtId: 'u2', loginId: 'two', credentials: [], credentialStatus: null },
    ]);
    const bad = await call('PUT', controlPath.user('c1', 'u3'), { body: { loginId: 3 } });
    expect(bad.status).toBe(422);
  });

  it('PUT policy stores it as the default; bad parameters are 422, one error each', async () => {
    expect(
      (await putPolicy('short-tsp', 'TempStrongPasswordPolicy', { ticketLen0: '6' })).status,
    ).toBe(204);
    const created = await call('POST', `${user}/tempstrong-password`, { body: {} });
    expect(field(created, 'policyExtId')).toBe('short-tsp');
    expect(field(created, 'tempStrongPassword')).toMatch(/^.{6}$/);
    const bad = await putPolicy('bad', 'PUKPolicy', { pukLen: 'long', maxCredSuccessCount: 'x' });
    expect(bad.status).toBe(422);
    expect(codesOf(bad)).toEqual(['errors.invalidValue', 'errors.invalidValue']);
    const badType = await call('PUT', controlPath.policy('c1', 'p'), {
      body: { type: 'NoPolicy', parameters: {} },
    });
    expect(badType.status).toBe(422);
  });

  it('the clock freezes, advances and returns to real time', async () => {
    expect((await call('GET', controlPath.clock)).json).toEqual({
      now: '2026-05-04T12:00:00Z',
      frozen: true,
    });
    expect((await call('POST', controlPath.clockAdvance, { body: { ms: 90_000 } })).status).toBe(
      204,
    );
    const created = await call('POST', `${user}/puk`, { body: {} });
    expect(field(created, 'created')).toBe('2026-05-04T12:01:30Z');
    expect((await call('POST', controlPath.clockAdvance, { body: { ms: -1 } })).status).toBe(422);
    expect((await call('PUT', controlPath.clock, { body: { now: 'yesterday' } })).status).toBe(422);
    expect((await call('DELETE', controlPath.clock)).status).toBe(204);
    const clock = (await call('GET', controlPath.clock)).json as { now: string; frozen: boolean };
    expect(clock.frozen).toBe(false);
    expect(Math.abs(Date.parse(clock.now) - Date.now())).toBeLessThan(5_000);
  });

  it('a token acts as its user; an unknown token is 401', async () => {
    const issued = await call('POST', controlPath.token('c1', 'u1'));
    expect(issued.status).toBe(200);
    const token = field(issued, 'token');
    expect(typeof token).toBe('string');
    await call('POST', `${user}/tempstrong-password`, { body: {} });
    const own = await call('POST', `${user}/tempstrong-password/reset`, {
      body: {},
      headers: { 'x-token': String(token) },
    });
    expect(own.status).toBe(200);
    const unknown = await call('GET', `${user}/tempstrong-password`, {
      headers: { 'x-token': 'not-a-token' },
    });
    expect(unknown.status).toBe(401);
  });

  it('X-Mock-Permissions restricts the caller; X-Mock-Admin names it', async () => {
    const view = { 'x-mock-permissions': 'AccessControl.CredentialView, AccessControl.UserView' };
    expect((await call('POST', `${user}/puk`, { body: {}, headers: view })).status).toBe(403);
    const created = await call('POST', `${user}/puk`, {
      body: {},
      headers: { 'x-mock-admin': 'carol' },
    });
    expect(field(created, 'createdBy')).toBe('carol');
    expect((await call('GET', `${user}/puk`, { headers: view })).status).toBe(200);
  });

  it('unknown control paths are 404 and wrong methods 405', async () => {
    expect((await call('GET', '/__mock/nothing')).status).toBe(404);
    const wrong = await call('GET', controlPath.reset);
    expect(wrong.status).toBe(405);
    expect(codesOf(wrong)).toEqual(['errors.methodNotAllowed']);
  });

  it('serves on an ephemeral port of 127.0.0.1', () => {
    expect(server().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
