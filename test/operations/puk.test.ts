/**
 * PUK operations beyond the regenerate seed: create, get, patch, delete and login.
 */
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import { credentialCodecOfKind } from '../../src/domain/credential.js';
import { LoginResponse } from '../../src/domain/responses.js';
import { defaultPolicy } from '../../src/policy/policy.js';
import { verifySecret } from '../../src/secret/hash.js';
import {
  adminWithOnly,
  corePath,
  DAY,
  decodes,
  expectError,
  freshStore,
  Harness,
  OTHER,
  objectBody,
  selfAdmin,
  stringField,
  T0,
  wire,
} from './support.js';

const exposed = { ...defaultPolicy('PUKPolicy', 'puk-exposed'), plainValueExposedToCaller: true };

const withPuk = (policy = exposed) => {
  const h = new Harness(freshStore([[policy, true]]));
  const plain = stringField(h.create('puk'), 'puk');
  return { h, plain };
};

describe('create PUK (POST …/puk)', () => {
  it('201 with Location; exposed: the plaintext, which verifies against the GET hash', () => {
    const h = new Harness(freshStore([[exposed, true]]));
    const answer = h.create('puk');
    expect(answer.status).toBe(201);
    expect(answer.headers.location).toBe(corePath('puk'));
    const body = decodes(credentialCodecOfKind.puk, answer.body);
    expect(body).toMatchObject({ stateName: 'active', version: 0, type: 'PUK' });
    const hash = stringField(h.get('puk'), 'puk');
    expect(verifySecret(body.puk ?? '', hash)).toEqual(E.right(true));
  });

  it('not exposed: the hash', () => {
    const h = new Harness();
    expect(stringField(h.create('puk'), 'puk')).toMatch(/^\{SSHA256\}/);
  });

  it('422 errors.duplicateValue for a second PUK; a foreign policy; 403 without Create', () => {
    const { h } = withPuk();
    expectError(h.create('puk'), 422, 'errors.duplicateValue');
    expectError(
      h.send('POST', corePath('puk', '', OTHER), { policyExtId: 'default-ticket' }),
      422,
      'errors.invalidValue',
    );
    expectError(
      h.send('POST', corePath('puk', '', OTHER), {}, adminWithOnly('AccessControl.CredentialView')),
      403,
      'errors.forbidden',
    );
    expect(h.send('POST', corePath('puk', '', OTHER), { stateName: 'disabled' }).status).toBe(201);
  });

  it('naming a state on create needs AccessControl.CredentialChangeState as well (the documented PUK case)', () => {
    const h = new Harness(freshStore([[exposed, true]]));
    const createOnly = adminWithOnly('AccessControl.CredentialCreate');
    expectError(h.create('puk', { stateName: 'disabled' }, createOnly), 403, 'errors.forbidden');
    expectError(h.create('puk', { stateName: 'active' }, createOnly), 403, 'errors.forbidden');
    expect(h.get('puk').status).toBe(404);
    const both = adminWithOnly(
      'AccessControl.CredentialCreate',
      'AccessControl.CredentialChangeState',
    );
    const answer = h.create('puk', { stateName: 'disabled' }, both);
    expect(answer.status).toBe(201);
    expect(objectBody(h.get('puk')).stateName).toBe('disabled');
    // Without a state, Create alone is enough; the default state is active.
    const other = h.send('POST', corePath('puk', '', OTHER), {}, createOnly);
    expect(other.status).toBe(201);
    expect(objectBody(h.send('GET', corePath('puk', '', OTHER))).stateName).toBe('active');
  });
});

describe('get PUK (GET …/puk)', () => {
  it('200 with the hash; 403 for self-admin; 404 without a PUK', () => {
    const { h, plain } = withPuk();
    const answer = h.get('puk');
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).not.toContain(plain);
    expectError(h.get('puk', selfAdmin()), 403, 'errors.forbidden');
    expectError(h.send('GET', corePath('puk', '', OTHER)), 404, 'errors.noRecord');
  });
});

describe('patch PUK (PATCH …/puk)', () => {
  it('needs AccessControl.CredentialView and CredentialModify; not open to self-admin', () => {
    const { h } = withPuk();
    const before = objectBody(h.get('puk'));
    const change = { stateName: 'disabled', modificationComment: 'off' };
    for (const principal of [
      adminWithOnly('AccessControl.CredentialView'),
      adminWithOnly('AccessControl.CredentialModify'),
      selfAdmin(),
    ]) {
      expectError(h.patch('puk', change, principal), 403, 'errors.forbidden');
    }
    expect(objectBody(h.get('puk'))).toEqual(before);
    const both = adminWithOnly('AccessControl.CredentialView', 'AccessControl.CredentialModify');
    const answer = h.patch('puk', change, both);
    expect(answer.status).toBe(200);
    expect(objectBody(answer)).toMatchObject({
      stateName: 'disabled',
      modificationComment: 'off',
      version: 1,
    });
  });

  it('validity and state change; 409 for a stale version', () => {
    const { h } = withPuk();
    const body = objectBody(
      h.patch('puk', {
        validity: { from: wire(T0), to: wire(T0 + DAY) },
        stateName: 'disabled',
        version: 0,
      }),
    );
    expect(body).toMatchObject({
      validity: { from: wire(T0), to: wire(T0 + DAY) },
      stateName: 'disabled',
      version: 1,
    });
    expectError(
      h.patch('puk', { stateName: 'active', version: 0 }),
      409,
      'errors.pessimisticLockingFailure',
    );
    expect(objectBody(h.patch('puk', { stateName: 'active', version: 1 })).stateName).toBe(
      'active',
    );
  });
});

describe('delete PUK (DELETE …/puk)', () => {
  it('204; 403 for self-admin', () => {
    const { h } = withPuk();
    expectError(h.remove('puk', selfAdmin()), 403, 'errors.forbidden');
    expect(h.remove('puk').status).toBe(204);
    expectError(h.remove('puk'), 404, 'errors.noRecord');
  });
});

describe('PUK login (POST /nevisidm/api/auth/v1/…/puk/login)', () => {
  it('fail-locks at maxCredSuccessCount; the limiting success still answers 5', () => {
    const { h, plain } = withPuk({ ...exposed, maxCredSuccessCount: 3 });
    for (let i = 0; i < 3; i++) {
      expect(decodes(LoginResponse, h.login('puk', plain).body).statusCode).toBe(5);
    }
    expect(objectBody(h.get('puk'))).toMatchObject({
      stateName: 'fail-locked',
      successfulLoginCount: 3,
      stateChangeReason: 'policy-check-failed',
      version: 3,
    });
    expectError(h.login('puk', plain), 401, 'errors.credentialLocked');
    expect(objectBody(h.get('puk')).successfulLoginCount).toBe(3);
  });

  it('a PUK is not single use', () => {
    const { h, plain } = withPuk();
    expect(decodes(LoginResponse, h.login('puk', plain).body).statusCode).toBe(5);
    expect(objectBody(h.get('puk'))).toMatchObject({
      stateName: 'active',
      successfulLoginCount: 1,
    });
    expect(decodes(LoginResponse, h.login('puk', plain).body).statusCode).toBe(5);
    expect(objectBody(h.get('puk')).successfulLoginCount).toBe(2);
  });
});

describe('pukLifetime: read at every login, so a changed lifetime applies at once', () => {
  const withLifetime = (pukLifetime: number) => ({ ...exposed, pukLifetime });

  it('the validity follows the policy in force: shortened, a login past it is refused', () => {
    const { h, plain } = withPuk(withLifetime(10 * DAY));
    expect(objectBody(h.get('puk')).validity).toEqual({ from: wire(T0), to: wire(T0 + 10 * DAY) });
    h.advance(3 * DAY);
    h.store.putPolicy('c1', withLifetime(2 * DAY), true);
    expectError(h.login('puk', plain), 401, 'errors.credentialExpired');
    // GET shows the validity in force: from the creation, for the new lifetime.
    const read = objectBody(h.get('puk'));
    expect(read.validity).toEqual({ from: wire(T0), to: wire(T0 + 2 * DAY) });
    expect(read).toMatchObject({ version: 0, successfulLoginCount: 0, failedLoginCount: 0 });
    // Lengthened again, the same PUK logs in.
    h.store.putPolicy('c1', withLifetime(5 * DAY), true);
    expect(decodes(LoginResponse, h.login('puk', plain).body).statusCode).toBe(5);
    expect(objectBody(h.get('puk')).validity).toEqual({ from: wire(T0), to: wire(T0 + 5 * DAY) });
  });

  it('a reset starts the lifetime in force anew', () => {
    const { h } = withPuk(withLifetime(DAY));
    h.advance(2 * DAY);
    const reset = objectBody(h.reset('puk'));
    expect(reset.validity).toEqual({ from: wire(T0 + 2 * DAY), to: wire(T0 + 3 * DAY) });
    expect(decodes(LoginResponse, h.login('puk', String(reset.puk)).body).statusCode).toBe(5);
  });
});
