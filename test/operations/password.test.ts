/**
 * Password operations beyond the PATCH seed: create, get, delete, reset,
 * unlock and login, with the login status codes and refusals.
 */
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import { credentialCodecOfKind } from '../../src/domain/credential.js';
import { LoginResponse, PasswordResetResponse } from '../../src/domain/responses.js';
import { defaultPolicy } from '../../src/policy/policy.js';
import { verifySecret } from '../../src/secret/hash.js';
import {
  adminWithOnly,
  corePath,
  decodes,
  expectError,
  freshStore,
  Harness,
  MINUTE,
  numberField,
  OTHER,
  objectBody,
  SECOND,
  selfAdmin,
  stringField,
  T0,
  wire,
} from './support.js';

const GOOD = 'Str0ng!pass';
const NEWER = 'N3w!passw0rd';
const generating = { ...defaultPolicy('PwdPolicy', 'generating'), resetCodeEnabled: true };

const withPassword = (password = GOOD, policies = freshStore()): Harness => {
  const h = new Harness(policies);
  expect(h.create('password', { password }).status).toBe(201);
  return h;
};

describe('create password (POST …/password)', () => {
  it('201 with Location and the resource; the given password verifies against the hash', () => {
    const h = new Harness();
    const answer = h.create('password', { password: GOOD });
    expect(answer.status).toBe(201);
    expect(answer.headers.location).toBe(corePath('password'));
    const body = decodes(credentialCodecOfKind.password, answer.body);
    expect(body).toMatchObject({ stateName: 'initial', version: 0, type: 'Password' });
    expect(objectBody(answer)).not.toHaveProperty('passwordFragment');
    expect(verifySecret(GOOD, stringField(answer, 'password'))).toEqual(E.right(true));
  });

  it('without a password and resetCodeEnabled: generated, returned once as passwordFragment', () => {
    const h = new Harness(freshStore([[generating, true]]));
    const answer = h.create('password');
    expect(answer.status).toBe(201);
    const fragment = stringField(answer, 'passwordFragment');
    expect(verifySecret(fragment, stringField(answer, 'password'))).toEqual(E.right(true));
    expect(JSON.stringify(h.get('password').body)).not.toContain(fragment);
  });

  it('422 without a password when the policy does not generate', () => {
    expectError(new Harness().create('password', {}), 422, 'errors.invalidValue');
  });

  it('422 errors.pwdPolicyViolated with every violation, none quoting the password', () => {
    const answer = new Harness().create('password', { password: 'abc' });
    expectError(answer, 422, 'errors.pwdPolicyViolated');
    const errors = (answer.body as { errors: { message: string }[] }).errors;
    expect(errors.length).toBeGreaterThan(1);
    for (const e of errors) expect(e.message).not.toContain('abc');
  });

  it('422 errors.passwordExists for a second one; 403 for self-admin; 404 for an unknown user', () => {
    const h = withPassword();
    expectError(h.create('password', { password: NEWER }), 422, 'errors.passwordExists');
    expectError(
      h.create('password', { password: NEWER }, selfAdmin(OTHER)),
      403,
      'errors.forbidden',
    );
    expectError(
      h.send('POST', corePath('password', '', 'ghost'), { password: GOOD }),
      404,
      'errors.noRecord',
    );
  });
});

describe('get password (GET …/password)', () => {
  it('200 for an administrator with View and for the user; 403 for others', () => {
    const h = withPassword();
    expect(h.get('password', adminWithOnly('AccessControl.CredentialView')).status).toBe(200);
    const own = objectBody(h.get('password', selfAdmin()));
    expect(own).not.toHaveProperty('createdBy');
    expect(own).not.toHaveProperty('modifiedBy');
    expect(own).not.toHaveProperty('lastChangeDate');
    expectError(h.get('password', selfAdmin(OTHER)), 403, 'errors.forbidden');
    expectError(
      h.get('password', adminWithOnly('AccessControl.CredentialCreate')),
      403,
      'errors.forbidden',
    );
  });

  it('404 errors.noRecord when the user has none', () => {
    expectError(new Harness().get('password'), 404, 'errors.noRecord');
  });
});

describe('delete password (DELETE …/password)', () => {
  it('204 without body; the password is gone', () => {
    const h = withPassword();
    expect(h.remove('password')).toEqual({ status: 204, headers: {} });
    expectError(h.get('password'), 404, 'errors.noRecord');
    expectError(h.remove('password'), 404, 'errors.noRecord');
  });

  it('the user may delete their own; 403 without Delete', () => {
    const h = withPassword();
    expectError(
      h.remove('password', adminWithOnly('AccessControl.CredentialModify')),
      403,
      'errors.forbidden',
    );
    expect(h.remove('password', selfAdmin()).status).toBe(204);
  });
});

describe('reset password (POST …/password/reset)', () => {
  it('resetCodeEnabled: 201 {passwordFragment}; the new password verifies; state initial, resetCount + 1', () => {
    const h = withPassword(GOOD, freshStore([[generating, true]]));
    h.advance(MINUTE);
    const answer = h.reset('password');
    expect(answer.status).toBe(201);
    const { passwordFragment } = decodes(PasswordResetResponse, answer.body);
    expect(Object.keys(objectBody(answer))).toEqual(['passwordFragment']);
    const body = objectBody(h.get('password'));
    expect(body).toMatchObject({
      stateName: 'initial',
      stateChangeReason: 'reset',
      resetCount: 1,
      version: 1,
    });
    expect(verifySecret(passwordFragment, String(body.password))).toEqual(E.right(true));
  });

  it('without resetCodeEnabled: 204 and a new, unseen password', () => {
    const h = withPassword();
    const before = stringField(h.get('password'), 'password');
    expect(h.reset('password')).toEqual({ status: 204, headers: {} });
    expect(stringField(h.get('password'), 'password')).not.toBe(before);
  });

  it('an administrator may give the new password: 204, checked against the policy and the history', () => {
    const h = withPassword();
    expect(h.reset('password', { password: NEWER }).status).toBe(204);
    const hash = stringField(h.get('password'), 'password');
    expect(verifySecret(NEWER, hash)).toEqual(E.right(true));
    expectError(h.reset('password', { password: GOOD }), 422, 'errors.pwdPolicyViolated');
    expectError(h.reset('password', { password: NEWER }), 422, 'errors.pwdPolicyViolated');
    expectError(h.reset('password', { password: 'weak' }), 422, 'errors.pwdPolicyViolated');
  });

  it('the history reaches historyDepth back, no further', () => {
    const shallow = { ...defaultPolicy('PwdPolicy', 'shallow'), historyDepth: 1 };
    const h = withPassword(GOOD, freshStore([[shallow, true]]));
    expect(h.reset('password', { password: NEWER }).status).toBe(204);
    expectError(h.reset('password', { password: NEWER }), 422, 'errors.pwdPolicyViolated');
    expect(h.reset('password', { password: GOOD }).status).toBe(204);
  });

  it('the user setting their own password changes it: 204, state active, reason changed-by-user', () => {
    const h = withPassword();
    h.login('password', 'wrong');
    expect(h.reset('password', { password: NEWER }, selfAdmin()).status).toBe(204);
    expect(objectBody(h.get('password'))).toMatchObject({
      stateName: 'active',
      stateChangeReason: 'changed-by-user',
      failedLoginCount: 0,
      resetCount: 0,
      version: 2,
    });
    expect(numberField(h.login('password', NEWER), 'statusCode')).toBe(5);
  });

  it('403 for another user and without Modify; 404 without a password', () => {
    const h = withPassword();
    expectError(h.reset('password', {}, selfAdmin(OTHER)), 403, 'errors.forbidden');
    expectError(
      h.reset('password', {}, adminWithOnly('AccessControl.CredentialView')),
      403,
      'errors.forbidden',
    );
    expectError(h.send('POST', corePath('password', 'reset', OTHER)), 404, 'errors.noRecord');
  });

  it('422 errors.maxResetCountReached at the limit', () => {
    const limited = { ...defaultPolicy('PwdPolicy', 'limited'), maxResetCount: 1 };
    const h = withPassword(GOOD, freshStore([[limited, true]]));
    expect(h.reset('password').status).toBe(204);
    expectError(h.reset('password'), 422, 'errors.maxResetCountReached');
  });
});

describe('unlock password (POST …/password/unlock)', () => {
  it('200: a fail-locked password becomes active with both counters 0, reason unlock', () => {
    const h = withPassword();
    h.login('password', 'x');
    h.login('password', 'y');
    h.advance(MINUTE);
    h.login('password', 'z');
    expect(objectBody(h.get('password')).stateName).toBe('fail-locked');
    const body = objectBody(h.unlock());
    expect(body).toMatchObject({
      stateName: 'active',
      stateChangeReason: 'unlock',
      failedLoginCount: 0,
      successfulLoginCount: 0,
    });
    decodes(credentialCodecOfKind.password, body);
  });

  it('422 when not locked; 403 for self-admin and without Modify; 404 without a password', () => {
    const h = withPassword();
    expectError(h.unlock(), 422, 'errors.operationNotAllowed');
    expectError(h.unlock(selfAdmin()), 403, 'errors.forbidden');
    expectError(h.unlock(adminWithOnly('AccessControl.CredentialView')), 403, 'errors.forbidden');
    expectError(h.send('POST', corePath('password', 'unlock', OTHER)), 404, 'errors.noRecord');
  });

  it('400 for a body that is not a JSON object, as every other operation', () => {
    const h = withPassword();
    expectError(
      h.send('POST', corePath('password', 'unlock'), 'unlock!'),
      400,
      'errors.malformedRequest',
    );
    expectError(
      h.send('POST', corePath('password', 'unlock'), [1]),
      400,
      'errors.malformedRequest',
    );
  });
});

describe('password login (POST /nevisidm/api/auth/v1/…/password/login)', () => {
  const status = (h: Harness, secret: string): number =>
    decodes(LoginResponse, h.login('password', secret).body).statusCode;

  it('5 on success: counters and date; 2, then 9 on the tmp-lock; 3 warns; 4 on the fail-lock', () => {
    const h = withPassword();
    expect(status(h, GOOD)).toBe(5);
    expect(objectBody(h.get('password'))).toMatchObject({
      successfulLoginCount: 1,
      lastSuccessfulLoginDate: wire(T0),
      version: 1,
    });
    // Defaults 3 / 2 / 60 s / strict: failure 1 warns (3: the next one locks), failure 2 tmp-locks (9).
    h.advance(SECOND);
    expect(status(h, 'bad')).toBe(3);
    expect(status(h, 'bad')).toBe(9);
    h.advance(MINUTE);
    expect(status(h, 'bad')).toBe(4);
    expect(objectBody(h.get('password'))).toMatchObject({
      stateName: 'fail-locked',
      failedLoginCount: 3,
    });
  });

  it('status 2 when the next failure does not lock', () => {
    const lax = {
      ...defaultPolicy('PwdPolicy', 'lax'),
      maxCredFailureCount: -1,
      tmpLockingThreshold: -1,
    };
    const h = withPassword(GOOD, freshStore([[lax, true]]));
    expect(status(h, 'bad')).toBe(2);
    expect(status(h, 'bad')).toBe(2);
  });

  it('401 refusals leave the counters untouched: tmp-locked, fail-locked, disabled, archived, expired', () => {
    const h = withPassword();
    h.login('password', 'a');
    h.login('password', 'b');
    const locked = objectBody(h.get('password'));
    expect(locked).toMatchObject({ stateName: 'tmp-locked', failedLoginCount: 2 });
    expectError(h.login('password', GOOD), 401, 'errors.credentialLocked');
    expect(objectBody(h.get('password'))).toEqual(locked);

    h.advance(MINUTE);
    h.login('password', 'c');
    const failLocked = objectBody(h.get('password'));
    expect(failLocked).toMatchObject({ stateName: 'fail-locked', failedLoginCount: 3 });
    expectError(h.login('password', GOOD), 401, 'errors.credentialLocked');
    expect(objectBody(h.get('password'))).toEqual(failLocked);

    h.unlock();
    h.patch('password', { stateName: 'disabled' });
    const disabled = objectBody(h.get('password'));
    expect(disabled).toMatchObject({ stateName: 'disabled', failedLoginCount: 0 });
    expectError(h.login('password', GOOD), 401, 'errors.credentialDisabled');
    expect(objectBody(h.get('password'))).toEqual(disabled);

    h.patch('password', { stateName: 'archived' });
    const archived = objectBody(h.get('password'));
    expect(archived.stateName).toBe('archived');
    expectError(h.login('password', GOOD), 401, 'errors.credentialDisabled');
    expect(objectBody(h.get('password'))).toEqual(archived);

    const shortLived = { ...defaultPolicy('PwdPolicy', 'short'), credentialLifetime: MINUTE };
    const g = withPassword(GOOD, freshStore([[shortLived, true]]));
    g.advance(2 * MINUTE);
    const expired = objectBody(g.get('password'));
    expectError(g.login('password', GOOD), 401, 'errors.credentialExpired');
    expect(objectBody(g.get('password'))).toEqual(expired);
  });

  it('a login refused for several reasons reports the most severe: expired over fail-locked, disabled over expired', () => {
    const shortLived = { ...defaultPolicy('PwdPolicy', 'short'), credentialLifetime: 10 * MINUTE };
    const h = withPassword(GOOD, freshStore([[shortLived, true]]));
    h.login('password', 'a');
    h.advance(2 * MINUTE);
    h.login('password', 'b');
    h.advance(2 * MINUTE);
    h.login('password', 'c');
    expect(objectBody(h.get('password')).stateName).toBe('fail-locked');
    expectError(h.login('password', GOOD), 401, 'errors.credentialLocked');
    h.advance(10 * MINUTE);
    const before = objectBody(h.get('password'));
    expectError(h.login('password', GOOD), 401, 'errors.credentialExpired');
    h.patch('password', { stateName: 'disabled' });
    expectError(h.login('password', GOOD), 401, 'errors.credentialDisabled');
    expect(objectBody(h.get('password'))).toMatchObject({
      failedLoginCount: before.failedLoginCount,
      version: Number(before.version) + 1,
    });
  });

  it('the first operation after a tmp-lock ends lifts it (+1), so a failure right after shows +2', () => {
    const h = withPassword();
    h.login('password', 'a');
    h.login('password', 'b');
    expect(numberField(h.get('password'), 'version')).toBe(2);
    h.advance(MINUTE);
    expect(status(h, 'c')).toBe(4);
    expect(objectBody(h.get('password'))).toMatchObject({ version: 4, stateName: 'fail-locked' });
  });

  it('a GET after the lock ends stores the lift: version + 1, reason activated', () => {
    const h = withPassword();
    h.login('password', 'a');
    h.login('password', 'b');
    h.advance(MINUTE);
    expect(objectBody(h.get('password'))).toMatchObject({
      version: 3,
      stateName: 'initial',
      stateChangeReason: 'activated',
      failedLoginCount: 2,
    });
  });

  it("a successful login consumes the user's TSP and ticket (strong login)", () => {
    const h = withPassword();
    h.create('tempStrongPassword');
    h.create('ticket');
    h.create('puk');
    expect(status(h, 'bad')).toBe(3);
    expect(h.get('tempStrongPassword').status).toBe(200);
    expect(status(h, GOOD)).toBe(5);
    expectError(h.get('tempStrongPassword'), 404, 'errors.noRecord');
    expectError(h.get('ticket'), 404, 'errors.noRecord');
    expect(h.get('puk').status).toBe(200);
  });

  it('403 for self-admin and without View; 404 without a password; 422 without the field', () => {
    const h = withPassword();
    expectError(h.login('password', GOOD, selfAdmin()), 403, 'errors.forbidden');
    expectError(
      h.login('password', GOOD, adminWithOnly('AccessControl.CredentialModify')),
      403,
      'errors.forbidden',
    );
    expectError(
      h.send('POST', '/nevisidm/api/auth/v1/c1/users/u2/password/login', { password: GOOD }),
      404,
      'errors.noRecord',
    );
    expectError(
      h.send('POST', '/nevisidm/api/auth/v1/c1/users/u1/password/login', {}),
      422,
      'errors.invalidValue',
    );
  });
});
