/**
 * The five seed operations (create TSP, get TSP, patch password, create
 * ticket, regenerate PUK): every field of the success answer, and each error
 * case the issue names.
 */
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import { credentialCodecOfKind } from '../../src/domain/credential.js';
import { LoginResponse, TempStrongPasswordIssuedResponse } from '../../src/domain/responses.js';
import { defaultPolicy } from '../../src/policy/policy.js';
import { verifySecret } from '../../src/secret/hash.js';
import {
  adminNamed,
  adminWithOnly,
  CLIENT,
  corePath,
  DAY,
  decodes,
  expectError,
  freshStore,
  Harness,
  loginPathOf,
  MINUTE,
  numberField,
  OTHER,
  objectBody,
  replayedPuk,
  replayedTempStrongPassword,
  selfAdmin,
  stringField,
  T0,
  USER,
  WIRE_DATE,
  wire,
} from './support.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SSHA256 = /^\{SSHA256\}[A-Za-z0-9+/]+=*$/;
const ALPHANUMERIC_30 = /^[0-9a-zA-Z]{30}$/;

/** Every date field of a credential body is in the wire form. */
const expectWireDates = (body: { readonly [key: string]: unknown }): void => {
  for (const key of [
    'created',
    'lastModified',
    'lastChangeDate',
    'lastSuccessfulLoginDate',
    'lastFailedLoginDate',
  ]) {
    if (key in body) expect(body[key], key).toMatch(WIRE_DATE);
  }
  const validity = body.validity as { from: string; to: string } | undefined;
  if (validity !== undefined) {
    expect(validity.from).toMatch(WIRE_DATE);
    expect(validity.to).toMatch(WIRE_DATE);
  }
};

/** A message text of every error entry of an answer. */
const messagesOf = (answer: { body?: unknown }): string =>
  JSON.stringify((answer.body as { errors?: unknown } | undefined)?.errors ?? []);

describe('seed: create a temporary strong password (POST …/tempstrong-password)', () => {
  it('answers 201 with Location and the first part in tempStrongPassword; every field set', () => {
    const h = new Harness();
    const answer = h.create('tempStrongPassword');
    expect(answer.status).toBe(201);
    expect(answer.headers.location).toBe(
      `/nevisidm/api/core/v1/${CLIENT}/users/${USER}/tempstrong-password`,
    );
    const body = objectBody(answer);
    expect(body).toEqual({
      created: wire(T0),
      lastModified: wire(T0),
      version: 0,
      extId: expect.stringMatching(UUID_V4),
      userExtId: USER,
      policyExtId: 'default-tempstrong-password',
      stateName: 'initial',
      stateChangeReason: 'initialized',
      successfulLoginCount: 0,
      failedLoginCount: 0,
      validity: { from: wire(T0), to: wire(T0 + 5 * DAY) },
      resetCount: 0,
      createdBy: 'ops',
      modifiedBy: 'ops',
      lastChangeDate: wire(T0),
      type: 'Temporary Strong Password',
      tempStrongPassword: expect.stringMatching(ALPHANUMERIC_30),
    });
    expectWireDates(body);
    decodes(TempStrongPasswordIssuedResponse, body);
  });

  it('stores the given extId, policy and state', () => {
    const h = new Harness(
      freshStore([
        [{ ...defaultPolicy('TempStrongPasswordPolicy', 'tsp-short'), ticketLen0: 8 }, false],
      ]),
    );
    const answer = h.create('tempStrongPassword', {
      extId: 'tsp-1',
      policyExtId: 'tsp-short',
      stateName: 'active',
    });
    expect(answer.status).toBe(201);
    expect(objectBody(answer)).toMatchObject({
      extId: 'tsp-1',
      policyExtId: 'tsp-short',
      stateName: 'active',
      tempStrongPassword: expect.stringMatching(/^[0-9a-zA-Z]{8}$/),
    });
  });

  it('the fragment shown is the whole secret when ticketLen1 is 0; it verifies against the GET hash', () => {
    const h = new Harness();
    const fragment = stringField(h.create('tempStrongPassword'), 'tempStrongPassword');
    const hash = stringField(h.get('tempStrongPassword'), 'tempStrongPassword');
    expect(hash).toMatch(SSHA256);
    expect(verifySecret(fragment, hash)).toEqual(E.right(true));
  });

  it('with a second, out-of-band part the hash covers both parts', () => {
    const policy = {
      ...defaultPolicy('TempStrongPasswordPolicy', 'two-part'),
      ticketLen0: 6,
      ticketLen1: 4,
    };
    const h = new Harness(freshStore([[policy, true]]));
    const fragment = stringField(
      h.create('tempStrongPassword', { extId: 'tsp-1' }),
      'tempStrongPassword',
    );
    expect(fragment).toHaveLength(6);
    // The harness draws from seededRandom(1); its first draw is the TSP, so the same
    // draw replayed gives the out-of-band part the server delivered elsewhere.
    const { part0, part1 } = replayedTempStrongPassword(policy);
    expect(fragment).toBe(part0);
    expect(part1).toHaveLength(4);
    const hash = stringField(h.get('tempStrongPassword'), 'tempStrongPassword');
    expect(verifySecret(fragment, hash)).toEqual(E.right(false));
    expect(verifySecret(part1, hash)).toEqual(E.right(false));
    expect(verifySecret(`${part1}${part0}`, hash)).toEqual(E.right(false));
    expect(verifySecret(`${part0}${part1}`, hash)).toEqual(E.right(true));
  });

  it('ticketLen0 = 0: 201 with Location and no body', () => {
    const policy = {
      ...defaultPolicy('TempStrongPasswordPolicy', 'hidden'),
      ticketLen0: 0,
      ticketLen1: 12,
    };
    const h = new Harness(freshStore([[policy, true]]));
    const answer = h.create('tempStrongPassword');
    expect(answer).toEqual({ status: 201, headers: { location: corePath('tempStrongPassword') } });
    expect(h.get('tempStrongPassword').status).toBe(200);
  });

  it('an absent body counts as {}', () => {
    const h = new Harness();
    expect(h.send('POST', corePath('tempStrongPassword'), undefined).status).toBe(201);
  });

  it('403 without AccessControl.CredentialCreate, and for self-admin', () => {
    const h = new Harness();
    expectError(
      h.create(
        'tempStrongPassword',
        {},
        adminWithOnly('AccessControl.CredentialView', 'AccessControl.CredentialModify'),
      ),
      403,
      'errors.forbidden',
    );
    expectError(h.create('tempStrongPassword', {}, selfAdmin()), 403, 'errors.forbidden');
    expectError(h.create('tempStrongPassword', {}, selfAdmin(OTHER)), 403, 'errors.forbidden');
    expect(h.get('tempStrongPassword').status).toBe(404);
  });

  it('403 when naming a state without AccessControl.CredentialChangeState', () => {
    const h = new Harness();
    expectError(
      h.create(
        'tempStrongPassword',
        { stateName: 'active' },
        adminWithOnly('AccessControl.CredentialCreate'),
      ),
      403,
      'errors.forbidden',
    );
    expect(
      h.create('tempStrongPassword', {}, adminWithOnly('AccessControl.CredentialCreate')).status,
    ).toBe(201);
  });

  it('404 errors.noRecord for an unknown user', () => {
    const h = new Harness();
    expectError(
      h.send('POST', corePath('tempStrongPassword', '', 'ghost'), {}),
      404,
      'errors.noRecord',
    );
  });

  it('422 errors.tempStrongPasswordExists for a second one; the first stays', () => {
    const h = new Harness();
    const first = objectBody(h.create('tempStrongPassword'));
    const second = h.create('tempStrongPassword');
    expectError(second, 422, 'errors.tempStrongPasswordExists');
    expect(objectBody(h.get('tempStrongPassword')).extId).toBe(first.extId);
  });

  it('422 errors.invalidValue for an unknown policy and for a policy of another type', () => {
    const h = new Harness();
    expectError(
      h.create('tempStrongPassword', { policyExtId: 'nope' }),
      422,
      'errors.invalidValue',
    );
    expectError(
      h.create('tempStrongPassword', { policyExtId: 'default-puk' }),
      422,
      'errors.invalidValue',
    );
  });

  it('422 for a state a create may not name', () => {
    const h = new Harness();
    for (const stateName of ['tmp-locked', 'fail-locked', 'archived']) {
      expectError(h.create('tempStrongPassword', { stateName }), 422, 'errors.invalidValue');
    }
  });

  it('422 for invalid field values, 400 for a body that is not an object', () => {
    const h = new Harness();
    expectError(h.create('tempStrongPassword', { extId: 'has space' }), 422, 'errors.invalidValue');
    expectError(
      h.create('tempStrongPassword', { stateName: 'locked' }),
      422,
      'errors.invalidValue',
    );
    expectError(h.create('tempStrongPassword', { policyExtId: 7 }), 422, 'errors.invalidValue');
    expectError(h.create('tempStrongPassword', [1]), 400, 'errors.malformedRequest');
  });
});

describe('seed: get a temporary strong password (GET …/tempstrong-password)', () => {
  it('answers 200 with the hash and every field; dates in the wire form', () => {
    const h = new Harness();
    const created = objectBody(h.create('tempStrongPassword', { extId: 'tsp-1' }));
    h.advance(MINUTE);
    const answer = h.get('tempStrongPassword');
    expect(answer.status).toBe(200);
    expect(answer.headers.location).toBeUndefined();
    const body = objectBody(answer);
    expect(body).toEqual({
      created: wire(T0),
      lastModified: wire(T0),
      version: 0,
      extId: 'tsp-1',
      userExtId: USER,
      policyExtId: 'default-tempstrong-password',
      stateName: 'initial',
      stateChangeReason: 'initialized',
      successfulLoginCount: 0,
      failedLoginCount: 0,
      validity: { from: wire(T0), to: wire(T0 + 5 * DAY) },
      resetCount: 0,
      createdBy: 'ops',
      modifiedBy: 'ops',
      lastChangeDate: wire(T0),
      type: 'Temporary Strong Password',
      tempStrongPassword: expect.stringMatching(SSHA256),
    });
    expect(body.tempStrongPassword).not.toBe(created.tempStrongPassword);
    expectWireDates(body);
    decodes(credentialCodecOfKind.tempStrongPassword, body);
  });

  it('shows login dates once there were logins', () => {
    const policy = { ...defaultPolicy('TempStrongPasswordPolicy', 'reusable'), singleUse: false };
    const h = new Harness(freshStore([[policy, true]]));
    const fragment = stringField(h.create('tempStrongPassword'), 'tempStrongPassword');
    h.advance(MINUTE).login('tempStrongPassword', 'wrong');
    h.advance(MINUTE).login('tempStrongPassword', fragment);
    const body = objectBody(h.get('tempStrongPassword'));
    expect(body).toMatchObject({
      lastFailedLoginDate: wire(T0 + MINUTE),
      lastSuccessfulLoginDate: wire(T0 + 2 * MINUTE),
      failedLoginCount: 0,
      successfulLoginCount: 1,
      version: 2,
      lastModified: wire(T0 + 2 * MINUTE),
    });
    expectWireDates(body);
  });

  it('self-admin on their own TSP: 200 without createdBy, modifiedBy and lastChangeDate', () => {
    const h = new Harness();
    h.create('tempStrongPassword');
    const body = objectBody(h.get('tempStrongPassword', selfAdmin()));
    expect(body).not.toHaveProperty('createdBy');
    expect(body).not.toHaveProperty('modifiedBy');
    expect(body).not.toHaveProperty('lastChangeDate');
    expect(body.tempStrongPassword).toMatch(SSHA256);
    decodes(credentialCodecOfKind.tempStrongPassword, body);
  });

  it('403 without AccessControl.CredentialView, and for self-admin on another user', () => {
    const h = new Harness();
    h.create('tempStrongPassword');
    expectError(
      h.get('tempStrongPassword', adminWithOnly('AccessControl.CredentialModify')),
      403,
      'errors.forbidden',
    );
    expectError(h.get('tempStrongPassword', selfAdmin(OTHER)), 403, 'errors.forbidden');
    expectError(
      h.get('tempStrongPassword', selfAdmin(USER, 'other-client')),
      403,
      'errors.forbidden',
    );
  });

  it('404 errors.noRecord for an unknown user and for a user without a TSP', () => {
    const h = new Harness();
    expectError(h.send('GET', corePath('tempStrongPassword', '', 'ghost')), 404, 'errors.noRecord');
    expectError(h.get('tempStrongPassword'), 404, 'errors.noRecord');
  });
});

describe('seed: update a password (PATCH …/password)', () => {
  const withPassword = (): Harness => {
    const h = new Harness();
    expect(h.create('password', { password: 'Str0ng!pass', extId: 'pw-1' }).status).toBe(201);
    h.advance(MINUTE);
    return h;
  };

  it('answers 200 with the changed credential; every field', () => {
    const h = withPassword();
    const answer = h.patch('password', {
      stateName: 'disabled',
      modificationComment: 'left the company',
      version: 0,
    });
    expect(answer.status).toBe(200);
    const body = objectBody(answer);
    expect(body).toEqual({
      created: wire(T0),
      lastModified: wire(T0 + MINUTE),
      version: 1,
      extId: 'pw-1',
      userExtId: USER,
      policyExtId: 'default-password',
      stateName: 'disabled',
      stateChangeReason: 'changed-by-admin',
      successfulLoginCount: 0,
      failedLoginCount: 0,
      modificationComment: 'left the company',
      validity: { from: wire(T0), to: wire(T0 + 3650 * DAY) },
      resetCount: 0,
      createdBy: 'ops',
      modifiedBy: 'ops',
      lastChangeDate: wire(T0 + MINUTE),
      type: 'Password',
      password: expect.stringMatching(SSHA256),
    });
    expectWireDates(body);
    decodes(credentialCodecOfKind.password, body);
    expect(objectBody(h.get('password'))).toEqual(body);
  });

  it('records the modifying administrator; a comment alone changes version and lastModified, not lastChangeDate', () => {
    const h = withPassword();
    const other = adminNamed(
      'auditor',
      'AccessControl.CredentialView',
      'AccessControl.CredentialModify',
    );
    const body = objectBody(h.patch('password', { modificationComment: 'checked' }, other));
    expect(body).toMatchObject({
      version: 1,
      modifiedBy: 'auditor',
      createdBy: 'ops',
      stateName: 'initial',
      lastModified: wire(T0 + MINUTE),
      lastChangeDate: wire(T0),
      modificationComment: 'checked',
    });
  });

  it('a PATCH that repeats the current values changes nothing (no version step)', () => {
    const h = withPassword();
    h.patch('password', { stateName: 'disabled', modificationComment: 'x' });
    h.advance(MINUTE);
    const again = objectBody(
      h.patch('password', { stateName: 'disabled', modificationComment: 'x', version: 1 }),
    );
    expect(again).toMatchObject({ version: 1, lastModified: wire(T0 + MINUTE) });
  });

  it('409 errors.pessimisticLockingFailure for a stale version; nothing changes', () => {
    const h = withPassword();
    expect(h.patch('password', { modificationComment: 'one' }).status).toBe(200);
    expectError(
      h.patch('password', { stateName: 'disabled', version: 0 }),
      409,
      'errors.pessimisticLockingFailure',
    );
    expect(objectBody(h.get('password'))).toMatchObject({ stateName: 'initial', version: 1 });
    expect(h.patch('password', { stateName: 'disabled', version: 1 }).status).toBe(200);
  });

  it('403 unless both View and Modify are held; self-admin may not patch', () => {
    const h = withPassword();
    expectError(
      h.patch(
        'password',
        { modificationComment: 'x' },
        adminWithOnly('AccessControl.CredentialModify'),
      ),
      403,
      'errors.forbidden',
    );
    expectError(
      h.patch(
        'password',
        { modificationComment: 'x' },
        adminWithOnly('AccessControl.CredentialView'),
      ),
      403,
      'errors.forbidden',
    );
    expectError(
      h.patch('password', { modificationComment: 'x' }, selfAdmin()),
      403,
      'errors.forbidden',
    );
    expectError(
      h.patch('password', { modificationComment: 'x' }, selfAdmin(OTHER)),
      403,
      'errors.forbidden',
    );
    expect(
      h.patch(
        'password',
        { modificationComment: 'x' },
        adminWithOnly('AccessControl.CredentialView', 'AccessControl.CredentialModify'),
      ).status,
    ).toBe(200);
  });

  it('404 errors.noRecord for an unknown user and for a user without a password', () => {
    const h = withPassword();
    expectError(
      h.send('PATCH', corePath('password', '', 'ghost'), { stateName: 'disabled' }),
      404,
      'errors.noRecord',
    );
    expectError(
      h.send('PATCH', corePath('password', '', OTHER), { stateName: 'disabled' }),
      404,
      'errors.noRecord',
    );
  });

  it('422 for states the admin matrix refuses, and for every change of an archived password', () => {
    const h = withPassword();
    for (const stateName of ['reset-code', 'tmp-locked', 'fail-locked']) {
      expectError(h.patch('password', { stateName }), 422, 'errors.invalidValue');
    }
    h.patch('password', { stateName: 'disabled' });
    expectError(h.patch('password', { stateName: 'initial' }), 422, 'errors.invalidValue');
    expect(objectBody(h.patch('password', { stateName: 'archived' })).stateName).toBe('archived');
    expectError(h.patch('password', { stateName: 'active' }), 422, 'errors.operationNotAllowed');
    expectError(
      h.patch('password', { modificationComment: 'new' }),
      422,
      'errors.operationNotAllowed',
    );
  });

  it('an administrator may set active, admin-changed and disabled; active from a lock is an unlock', () => {
    const h = withPassword();
    expect(objectBody(h.patch('password', { stateName: 'admin-changed' })).stateName).toBe(
      'admin-changed',
    );
    h.login('password', 'bad-1');
    h.login('password', 'bad-2');
    expect(objectBody(h.get('password')).stateName).toBe('tmp-locked');
    expect(objectBody(h.patch('password', { stateName: 'active' }))).toMatchObject({
      stateName: 'active',
      stateChangeReason: 'unlock',
      failedLoginCount: 0,
    });
  });

  it('422 for invalid field values', () => {
    const h = withPassword();
    expectError(h.patch('password', { version: -1 }), 422, 'errors.invalidValue');
    expectError(h.patch('password', { version: 1.5 }), 422, 'errors.invalidValue');
    expectError(h.patch('password', { stateName: 'gone' }), 422, 'errors.invalidValue');
    expectError(h.patch('password', { modificationComment: 3 }), 422, 'errors.invalidValue');
  });
});

describe('seed: create a ticket (POST …/ticket)', () => {
  it('answers 201 with Location and the credential; every field; the generated ticket in plaintext', () => {
    const h = new Harness();
    const answer = h.create('ticket', {
      extId: 'tk-1',
      stateName: 'active',
      identification: 'order-42',
      context: 'checkout',
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.location).toBe(corePath('ticket'));
    const body = objectBody(answer);
    expect(body).toEqual({
      created: wire(T0),
      lastModified: wire(T0),
      version: 0,
      extId: 'tk-1',
      userExtId: USER,
      policyExtId: 'default-ticket',
      stateName: 'active',
      stateChangeReason: 'initialized',
      successfulLoginCount: 0,
      failedLoginCount: 0,
      validity: { from: wire(T0), to: wire(T0 + 5 * DAY) },
      resetCount: 0,
      createdBy: 'ops',
      modifiedBy: 'ops',
      lastChangeDate: wire(T0),
      type: 'Ticket Authorization',
      // The seed: the generated value is returned in the response body.
      ticket: expect.stringMatching(ALPHANUMERIC_30),
      identification: 'order-42',
      context: 'checkout',
      failureCount: 0,
      successCount: 0,
    });
    expectWireDates(body);
    decodes(credentialCodecOfKind.ticket, body);
    // GET shows the same resource with the hash in place of the plaintext.
    const read = objectBody(h.get('ticket'));
    expect(read).toEqual({ ...body, ticket: expect.stringMatching(SSHA256) });
    expect(verifySecret(String(body.ticket), String(read.ticket))).toEqual(E.right(true));
  });

  it('defaults: state active, generated extId, default policy', () => {
    const h = new Harness();
    expect(objectBody(h.create('ticket'))).toMatchObject({
      stateName: 'active',
      extId: expect.stringMatching(UUID_V4),
      policyExtId: 'default-ticket',
    });
  });

  it('plainValueExposedToCaller (the default): the plaintext in the create answer, verifying against the GET hash', () => {
    expect(defaultPolicy('TicketPolicy').plainValueExposedToCaller).toBe(true);
    const h = new Harness();
    const plain = stringField(h.create('ticket'), 'ticket');
    expect(plain).toMatch(ALPHANUMERIC_30);
    const hash = stringField(h.get('ticket'), 'ticket');
    expect(hash).toMatch(SSHA256);
    expect(verifySecret(plain, hash)).toEqual(E.right(true));
    expect(JSON.stringify(h.get('ticket').body)).not.toContain(plain);
  });

  it('plainValueExposedToCaller false: the create answer carries the hash, as GET does', () => {
    const policy = { ...defaultPolicy('TicketPolicy', 'hidden'), plainValueExposedToCaller: false };
    const h = new Harness(freshStore([[policy, false]]));
    const created = objectBody(h.create('ticket', { policyExtId: 'hidden' }));
    expect(created.ticket).toMatch(SSHA256);
    expect(objectBody(h.get('ticket')).ticket).toBe(created.ticket);
  });

  it('403 without AccessControl.CredentialCreate; self-admin may not create', () => {
    const h = new Harness();
    expectError(
      h.create('ticket', {}, adminWithOnly('AccessControl.CredentialView')),
      403,
      'errors.forbidden',
    );
    expectError(h.create('ticket', {}, selfAdmin()), 403, 'errors.forbidden');
    expectError(
      h.create('ticket', { stateName: 'active' }, adminWithOnly('AccessControl.CredentialCreate')),
      403,
      'errors.forbidden',
    );
  });

  it('404 errors.noRecord for an unknown user', () => {
    const h = new Harness();
    expectError(
      h.send('POST', corePath('ticket', '', USER, 'other-client'), {}),
      404,
      'errors.noRecord',
    );
  });

  it('422 errors.ticketExists for a second ticket', () => {
    const h = new Harness();
    h.create('ticket');
    expectError(h.create('ticket', { identification: 'again' }), 422, 'errors.ticketExists');
  });

  it('422 for a foreign or unknown policy, a state not allowed, and invalid fields', () => {
    const h = new Harness();
    expectError(
      h.create('ticket', { policyExtId: 'default-tempstrong-password' }),
      422,
      'errors.invalidValue',
    );
    expectError(h.create('ticket', { policyExtId: 'missing' }), 422, 'errors.invalidValue');
    expectError(h.create('ticket', { stateName: 'fail-locked' }), 422, 'errors.invalidValue');
    expectError(h.create('ticket', { identification: 42 }), 422, 'errors.invalidValue');
    expectError(h.create('ticket', { context: null }), 422, 'errors.invalidValue');
    expect(h.get('ticket').status).toBe(404);
  });
});

describe('seed: regenerate a PUK (POST …/puk/reset)', () => {
  const withPuk = (maxResetCount = -1, exposed = false): Harness => {
    const policy = {
      ...defaultPolicy('PUKPolicy', 'puk-policy'),
      maxResetCount,
      plainValueExposedToCaller: exposed,
    };
    const h = new Harness(freshStore([[policy, true]]));
    expect(h.create('puk', { extId: 'puk-1' }).status).toBe(201);
    h.advance(DAY);
    return h;
  };
  /** The PUK `withPuk` created: the harness's first draw, replayed. */
  const createdPuk = (): string => replayedPuk(defaultPolicy('PUKPolicy', 'puk-policy'));

  it('answers 200 with the credential: resetCount + 1, reason reset, a new hash; every field', () => {
    const h = withPuk();
    const before = stringField(h.get('puk'), 'puk');
    const answer = h.reset('puk');
    expect(answer.status).toBe(200);
    expect(answer.headers.location).toBeUndefined();
    const body = objectBody(answer);
    expect(body).toEqual({
      created: wire(T0),
      lastModified: wire(T0 + DAY),
      version: 1,
      extId: 'puk-1',
      userExtId: USER,
      policyExtId: 'puk-policy',
      stateName: 'active',
      stateChangeReason: 'reset',
      successfulLoginCount: 0,
      failedLoginCount: 0,
      validity: { from: wire(T0 + DAY), to: wire(T0 + DAY + 3650 * DAY) },
      resetCount: 1,
      createdBy: 'ops',
      modifiedBy: 'ops',
      lastChangeDate: wire(T0 + DAY),
      type: 'PUK',
      puk: expect.stringMatching(SSHA256),
    });
    // A new secret, not the old one under a new salt: the created PUK verified
    // against the old hash and verifies no longer, neither by hash nor by login.
    const old = createdPuk();
    expect(verifySecret(old, before)).toEqual(E.right(true));
    expect(verifySecret(old, stringField(answer, 'puk'))).toEqual(E.right(false));
    // 3: failed, and (tmpLockingThreshold 2) the next failure locks.
    expect(decodes(LoginResponse, h.login('puk', old).body).statusCode).toBe(3);
    expectWireDates(body);
    decodes(credentialCodecOfKind.puk, body);
  });

  it('clears the login counters and a lock', () => {
    const h = withPuk();
    h.login('puk', 'wrong');
    h.login('puk', 'wrong');
    h.login('puk', 'wrong');
    // Defaults 3 / 2 / 60 s strict: the second failure tmp-locks, the third is
    // refused while locked and counts nothing.
    expect(objectBody(h.get('puk'))).toMatchObject({
      stateName: 'tmp-locked',
      failedLoginCount: 2,
    });
    const body = objectBody(h.advance(2 * MINUTE).reset('puk'));
    expect(body).toMatchObject({
      stateName: 'active',
      failedLoginCount: 0,
      successfulLoginCount: 0,
    });
  });

  it('plainValueExposedToCaller: the new plaintext, verifying against the GET hash', () => {
    const h = withPuk(-1, true);
    const plain = stringField(h.reset('puk'), 'puk');
    expect(plain).toMatch(ALPHANUMERIC_30);
    const hash = stringField(h.get('puk'), 'puk');
    expect(verifySecret(plain, hash)).toEqual(E.right(true));
    expect(decodes(LoginResponse, h.login('puk', plain).body).statusCode).toBe(5);
  });

  it('422 errors.maxResetCountReached at the limit; nothing changes', () => {
    const h = withPuk(2);
    expect(numberField(h.reset('puk'), 'resetCount')).toBe(1);
    expect(numberField(h.reset('puk'), 'resetCount')).toBe(2);
    const refused = h.reset('puk');
    expectError(refused, 422, 'errors.maxResetCountReached');
    expect(objectBody(h.get('puk'))).toMatchObject({ resetCount: 2, version: 2 });
  });

  it('maxResetCount 0 allows no regeneration', () => {
    expectError(withPuk(0).reset('puk'), 422, 'errors.maxResetCountReached');
  });

  it('403 unless both Modify and View are held; self-admin may not regenerate', () => {
    const h = withPuk();
    expectError(
      h.reset('puk', undefined, adminWithOnly('AccessControl.CredentialModify')),
      403,
      'errors.forbidden',
    );
    expectError(
      h.reset('puk', undefined, adminWithOnly('AccessControl.CredentialView')),
      403,
      'errors.forbidden',
    );
    expectError(h.reset('puk', undefined, selfAdmin()), 403, 'errors.forbidden');
    expectError(h.reset('puk', undefined, selfAdmin(OTHER)), 403, 'errors.forbidden');
  });

  it('404 errors.noRecord for an unknown user and for a user without a PUK', () => {
    const h = withPuk();
    expectError(h.send('POST', corePath('puk', 'reset', 'ghost')), 404, 'errors.noRecord');
    expectError(h.send('POST', corePath('puk', 'reset', OTHER)), 404, 'errors.noRecord');
  });

  it('422 for an archived PUK', () => {
    const h = withPuk();
    h.patch('puk', { stateName: 'archived' });
    expectError(h.reset('puk'), 422, 'errors.operationNotAllowed');
  });

  it('an absent or any object body is accepted; a non-object body is 400', () => {
    const h = withPuk();
    expect(h.reset('puk', { anything: 1 }).status).toBe(200);
    expectError(h.reset('puk', 'x'), 400, 'errors.malformedRequest');
  });
});

describe('plaintext never leaks', () => {
  it('no error message contains a plaintext the caller was shown', () => {
    const exposed = [
      [{ ...defaultPolicy('TicketPolicy', 'tk'), plainValueExposedToCaller: true }, true],
      [
        { ...defaultPolicy('PUKPolicy', 'pk'), plainValueExposedToCaller: true, maxResetCount: 0 },
        true,
      ],
    ] as const;
    const h = new Harness(freshStore([...exposed]));
    const shown = [
      stringField(h.create('tempStrongPassword'), 'tempStrongPassword'),
      stringField(h.create('ticket'), 'ticket'),
      stringField(h.create('puk'), 'puk'),
    ];
    const errors = [
      h.create('tempStrongPassword'),
      h.create('ticket'),
      h.create('puk'),
      h.reset('puk'),
      h.patch('ticket', { version: 99 }),
      h.send('POST', corePath('puk', 'unlock')),
      h.send('PUT', corePath('ticket')),
      h.send('POST', loginPathOf('puk'), { puk: 7 }),
    ];
    for (const answer of errors) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      for (const plain of shown) expect(messagesOf(answer)).not.toContain(plain);
    }
  });
});
