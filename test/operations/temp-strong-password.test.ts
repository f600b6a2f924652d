/**
 * TSP operations beyond the two seeds: patch, reset, delete and login.
 */
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import { LoginResponse, TempStrongPasswordIssuedResponse } from '../../src/domain/responses.js';
import { MemoryStore, superAdmin } from '../../src/operations/index.js';
import { defaultPolicy } from '../../src/policy/policy.js';
import { verifySecret } from '../../src/secret/hash.js';
import { seededRandom } from '../../src/secret/random.js';
import {
  adminWithOnly,
  corePath,
  decodes,
  expectError,
  freshStore,
  Harness,
  MINUTE,
  OTHER,
  objectBody,
  replayedTempStrongPassword,
  selfAdmin,
  stringField,
} from './support.js';

const withTsp = (policy = defaultPolicy('TempStrongPasswordPolicy', 'tsp')) => {
  const h = new Harness(freshStore([[policy, true]]));
  const fragment = stringField(h.create('tempStrongPassword'), 'tempStrongPassword');
  return { h, fragment };
};

describe('patch TSP (PATCH …/tempstrong-password)', () => {
  it('200 with the resource; state and comment change, version + 1', () => {
    const { h } = withTsp();
    const body = objectBody(
      h.patch('tempStrongPassword', {
        stateName: 'disabled',
        modificationComment: 'paused',
        version: 0,
      }),
    );
    expect(body).toMatchObject({
      stateName: 'disabled',
      modificationComment: 'paused',
      version: 1,
    });
    expect(String(body.tempStrongPassword)).toMatch(/^\{SSHA256\}/);
  });

  it('409 for a stale version; 403 for self-admin; 404 without a TSP', () => {
    const { h } = withTsp();
    expectError(
      h.patch('tempStrongPassword', { version: 3 }),
      409,
      'errors.pessimisticLockingFailure',
    );
    expectError(
      h.patch('tempStrongPassword', { modificationComment: 'x' }, selfAdmin()),
      403,
      'errors.forbidden',
    );
    expectError(
      h.send('PATCH', corePath('tempStrongPassword', '', OTHER), {}),
      404,
      'errors.noRecord',
    );
  });
});

describe('reset TSP (POST …/tempstrong-password/reset)', () => {
  it('200 with the new first part; state initial; resetCount + 1; the old secret no longer verifies', () => {
    const { h, fragment } = withTsp();
    h.patch('tempStrongPassword', { stateName: 'disabled' });
    const answer = h.advance(MINUTE).reset('tempStrongPassword');
    expect(answer.status).toBe(200);
    const body = decodes(TempStrongPasswordIssuedResponse, answer.body);
    expect(body).toMatchObject({
      stateName: 'initial',
      stateChangeReason: 'reset',
      resetCount: 1,
      version: 2,
    });
    const hash = stringField(h.get('tempStrongPassword'), 'tempStrongPassword');
    expect(verifySecret(body.tempStrongPassword, hash)).toEqual(E.right(true));
    expect(verifySecret(fragment, hash)).toEqual(E.right(false));
  });

  it('the user may reset their own TSP (self-admin view); another user may not', () => {
    const { h } = withTsp();
    const body = objectBody(h.reset('tempStrongPassword', undefined, selfAdmin()));
    expect(body).not.toHaveProperty('createdBy');
    expect(body).not.toHaveProperty('lastChangeDate');
    expectError(
      h.reset('tempStrongPassword', undefined, selfAdmin(OTHER)),
      403,
      'errors.forbidden',
    );
  });

  it('ticketLen0 = 0: 204 without body', () => {
    const hidden = {
      ...defaultPolicy('TempStrongPasswordPolicy', 'hidden'),
      ticketLen0: 0,
      ticketLen1: 8,
    };
    const h = new Harness(freshStore([[hidden, true]]));
    expect(h.create('tempStrongPassword').body).toBeUndefined();
    expect(h.reset('tempStrongPassword')).toEqual({ status: 204, headers: {} });
  });

  it('422 errors.maxResetCountReached at the limit', () => {
    const { h } = withTsp({
      ...defaultPolicy('TempStrongPasswordPolicy', 'once'),
      maxResetCount: 1,
    });
    expect(h.reset('tempStrongPassword').status).toBe(200);
    expectError(h.reset('tempStrongPassword'), 422, 'errors.maxResetCountReached');
  });
});

describe('delete TSP (DELETE …/tempstrong-password)', () => {
  it('204; then 404; 403 for self-admin and without Delete', () => {
    const { h } = withTsp();
    expectError(h.remove('tempStrongPassword', selfAdmin()), 403, 'errors.forbidden');
    expectError(
      h.remove('tempStrongPassword', adminWithOnly('AccessControl.CredentialModify')),
      403,
      'errors.forbidden',
    );
    expect(h.remove('tempStrongPassword').status).toBe(204);
    expectError(h.get('tempStrongPassword'), 404, 'errors.noRecord');
    expect(h.create('tempStrongPassword').status).toBe(201);
  });
});

describe('TSP login (POST /nevisidm/api/auth/v1/…/tempstrong-password/login)', () => {
  it('single use: 5 and the TSP is consumed', () => {
    const { h, fragment } = withTsp();
    expect(decodes(LoginResponse, h.login('tempStrongPassword', fragment).body).statusCode).toBe(5);
    expectError(h.get('tempStrongPassword'), 404, 'errors.noRecord');
    expectError(h.login('tempStrongPassword', fragment), 404, 'errors.noRecord');
  });

  it('a failure counts (3, then 9) and keeps the TSP', () => {
    const { h } = withTsp();
    expect(decodes(LoginResponse, h.login('tempStrongPassword', 'nope').body).statusCode).toBe(3);
    expect(decodes(LoginResponse, h.login('tempStrongPassword', 'nope').body).statusCode).toBe(9);
    expect(objectBody(h.get('tempStrongPassword'))).toMatchObject({
      stateName: 'tmp-locked',
      failedLoginCount: 2,
    });
  });

  it('needs both parts, part 0 followed by part 1, when the policy has an out-of-band part', () => {
    const policy = {
      ...defaultPolicy('TempStrongPasswordPolicy', 'two'),
      ticketLen0: 5,
      ticketLen1: 5,
    };
    const { part0, part1 } = replayedTempStrongPassword(policy);
    const statusOf = (secret: string) => {
      const { h, fragment } = withTsp(policy);
      expect(fragment).toBe(part0);
      return decodes(LoginResponse, h.login('tempStrongPassword', secret).body).statusCode;
    };
    expect(statusOf(part0)).toBe(3);
    expect(statusOf(part1)).toBe(3);
    expect(statusOf(`${part1}${part0}`)).toBe(3);
    expect(statusOf(`${part0}${part1}`)).toBe(5);
  });

  it('401 while disabled, counters untouched', () => {
    const { h, fragment } = withTsp();
    h.patch('tempStrongPassword', { stateName: 'disabled' });
    const before = objectBody(h.get('tempStrongPassword'));
    expectError(h.login('tempStrongPassword', fragment), 401, 'errors.credentialDisabled');
    expect(objectBody(h.get('tempStrongPassword'))).toEqual(before);
  });
});

describe('a very long credentialLifetime', () => {
  it('creates with validity.to capped at 9999-12-31T23:59:59Z instead of failing', () => {
    const store = new MemoryStore();
    store.putUser({ clientExtId: 'c1', userExtId: 'u1', credentials: {} });
    store.putPolicy(
      'c1',
      {
        ...defaultPolicy('TempStrongPasswordPolicy', 'millennium'),
        credentialLifetime: 1_000 * 31_536_000_000,
      },
      true,
    );
    const answer = store.handle(
      {
        method: 'POST',
        path: '/nevisidm/api/core/v1/c1/users/u1/tempstrong-password',
        body: {},
        principal: superAdmin('ops'),
      },
      { now: Date.UTC(9990, 0, 1), random: seededRandom(1) },
    );
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      validity: { from: '9990-01-01T00:00:00Z', to: '9999-12-31T23:59:59Z' },
    });
  });
});
