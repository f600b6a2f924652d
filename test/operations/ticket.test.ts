/**
 * Ticket operations beyond the create seed: get, patch, reset, delete and login.
 */
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import { credentialCodecOfKind } from '../../src/domain/credential.js';
import { LoginResponse } from '../../src/domain/responses.js';
import { defaultPolicy } from '../../src/policy/policy.js';
import { verifySecret } from '../../src/secret/hash.js';
import {
  adminNamed,
  adminWithOnly,
  corePath,
  DAY,
  decodes,
  expectError,
  freshStore,
  Harness,
  MINUTE,
  OTHER,
  objectBody,
  selfAdmin,
  stringField,
  T0,
  wire,
} from './support.js';

const exposed = { ...defaultPolicy('TicketPolicy', 'exposed'), plainValueExposedToCaller: true };

const withTicket = (policy = exposed) => {
  const h = new Harness(freshStore([[policy, true]]));
  const plain = stringField(
    h.create('ticket', { identification: 'order-1', context: 'shop' }),
    'ticket',
  );
  h.advance(MINUTE);
  return { h, plain };
};

describe('get ticket (GET …/ticket)', () => {
  it('200 with the hash, never the plaintext', () => {
    const { h, plain } = withTicket();
    const answer = h.get('ticket');
    expect(answer.status).toBe(200);
    const body = decodes(credentialCodecOfKind.ticket, answer.body);
    expect(body.ticket).toMatch(/^\{SSHA256\}/);
    expect(JSON.stringify(answer.body)).not.toContain(plain);
  });

  it('403 for self-admin (not allowed for tickets) and without View; 404 without a ticket', () => {
    const { h } = withTicket();
    expectError(h.get('ticket', selfAdmin()), 403, 'errors.forbidden');
    expectError(
      h.get('ticket', adminWithOnly('AccessControl.CredentialModify')),
      403,
      'errors.forbidden',
    );
    expectError(h.send('GET', corePath('ticket', '', OTHER)), 404, 'errors.noRecord');
  });
});

describe('patch ticket (PATCH …/ticket)', () => {
  it('identification and validity change; version + 1', () => {
    const { h } = withTicket();
    const body = objectBody(
      h.patch('ticket', {
        identification: 'order-2',
        validity: { from: wire(T0), to: wire(T0 + DAY) },
        version: 0,
      }),
    );
    expect(body).toMatchObject({
      identification: 'order-2',
      context: 'shop',
      validity: { from: wire(T0), to: wire(T0 + DAY) },
      version: 1,
      lastModified: wire(T0 + MINUTE),
    });
  });

  it('identification alone is a change: version + 1, lastModified and modifiedBy', () => {
    const { h } = withTicket();
    const auditor = adminNamed(
      'auditor',
      'AccessControl.CredentialView',
      'AccessControl.CredentialModify',
    );
    const body = objectBody(h.patch('ticket', { identification: 'order-9' }, auditor));
    expect(body).toMatchObject({
      identification: 'order-9',
      version: 1,
      lastModified: wire(T0 + MINUTE),
      modifiedBy: 'auditor',
      lastChangeDate: wire(T0),
      stateName: 'active',
    });
    h.advance(MINUTE);
    const again = objectBody(h.patch('ticket', { identification: 'order-9', version: 1 }));
    expect(again).toMatchObject({ version: 1, lastModified: wire(T0 + MINUTE) });
  });

  it('an archived ticket refuses a new identification', () => {
    const { h } = withTicket();
    h.patch('ticket', { stateName: 'archived' });
    expectError(h.patch('ticket', { identification: 'other' }), 422, 'errors.operationNotAllowed');
    expect(objectBody(h.get('ticket')).identification).toBe('order-1');
  });

  it('a validity in the past makes the login refuse as expired', () => {
    const { h, plain } = withTicket();
    h.patch('ticket', { validity: { from: wire(T0), to: wire(T0 + 1_000) } });
    expectError(h.login('ticket', plain), 401, 'errors.credentialExpired');
  });

  it('409 for a stale version; 422 for a bad validity; 403 without Modify', () => {
    const { h } = withTicket();
    expectError(
      h.patch('ticket', { identification: 'x', version: 5 }),
      409,
      'errors.pessimisticLockingFailure',
    );
    expectError(
      h.patch('ticket', { validity: { from: 'yesterday', to: wire(T0) } }),
      422,
      'errors.invalidValue',
    );
    expectError(
      h.patch('ticket', { identification: 'x' }, adminWithOnly('AccessControl.CredentialView')),
      403,
      'errors.forbidden',
    );
  });
});

describe('reset ticket (POST …/ticket/reset)', () => {
  it('200 with the new plaintext (exposed); state active; counters 0; resetCount + 1', () => {
    const { h, plain } = withTicket();
    h.login('ticket', 'wrong');
    const answer = h.reset('ticket');
    expect(answer.status).toBe(200);
    const body = decodes(credentialCodecOfKind.ticket, answer.body);
    expect(body).toMatchObject({
      stateName: 'active',
      resetCount: 1,
      failureCount: 0,
      failedLoginCount: 0,
    });
    expect(body.ticket).not.toBe(plain);
    const hash = stringField(h.get('ticket'), 'ticket');
    expect(verifySecret(body.ticket ?? '', hash)).toEqual(E.right(true));
  });

  it('by default the reset answer carries the new plaintext too', () => {
    const { h } = withTicket(defaultPolicy('TicketPolicy', 'plain'));
    const shown = stringField(h.reset('ticket'), 'ticket');
    expect(shown).toMatch(/^[0-9A-Za-z]{30}$/);
    expect(verifySecret(shown, stringField(h.get('ticket'), 'ticket'))).toEqual(E.right(true));
  });

  it('not exposed: the answer carries the hash', () => {
    const hidden = { ...defaultPolicy('TicketPolicy', 'hidden'), plainValueExposedToCaller: false };
    const { h } = withTicket(hidden);
    const answer = h.reset('ticket');
    expect(stringField(answer, 'ticket')).toBe(stringField(h.get('ticket'), 'ticket'));
  });

  it('403 for self-admin; 404 without a ticket', () => {
    const { h } = withTicket();
    expectError(h.reset('ticket', undefined, selfAdmin()), 403, 'errors.forbidden');
    expectError(h.send('POST', corePath('ticket', 'reset', OTHER)), 404, 'errors.noRecord');
  });
});

describe('delete ticket (DELETE …/ticket)', () => {
  it('204, in any state; 403 without Delete', () => {
    const { h } = withTicket();
    h.patch('ticket', { stateName: 'archived' });
    expectError(
      h.remove('ticket', adminWithOnly('AccessControl.CredentialView')),
      403,
      'errors.forbidden',
    );
    expect(h.remove('ticket').status).toBe(204);
    expectError(h.get('ticket'), 404, 'errors.noRecord');
  });
});

describe('ticket login (POST /nevisidm/api/auth/v1/…/ticket/login)', () => {
  it('single use: 5 and consumed', () => {
    const { h, plain } = withTicket();
    expect(decodes(LoginResponse, h.login('ticket', plain).body).statusCode).toBe(5);
    expectError(h.get('ticket'), 404, 'errors.noRecord');
  });

  it('reusable: 5 counts successCount; a failure counts failureCount', () => {
    const { h, plain } = withTicket({ ...exposed, extId: 'reusable', singleUse: false });
    expect(decodes(LoginResponse, h.login('ticket', 'bad').body).statusCode).toBe(3);
    expect(decodes(LoginResponse, h.login('ticket', plain).body).statusCode).toBe(5);
    expect(objectBody(h.get('ticket'))).toMatchObject({
      successCount: 1,
      failureCount: 1,
      successfulLoginCount: 1,
      failedLoginCount: 0,
      version: 2,
    });
  });

  it('401 when fail-locked, counters untouched; 422 without the field', () => {
    const lax = { ...exposed, extId: 'lock-fast', maxCredFailureCount: 1 };
    const { h, plain } = withTicket(lax);
    expect(decodes(LoginResponse, h.login('ticket', 'bad').body).statusCode).toBe(4);
    const before = objectBody(h.get('ticket'));
    expectError(h.login('ticket', plain), 401, 'errors.credentialLocked');
    expect(objectBody(h.get('ticket'))).toEqual(before);
    expectError(
      h.send('POST', '/nevisidm/api/auth/v1/c1/users/u1/ticket/login', { puk: plain }),
      422,
      'errors.invalidValue',
    );
  });
});
