/**
 * The required change of an initial or admin-set password, over the
 * operations: the login answer says a change is required, the login after the
 * period is a 401 like an expired credential with counters untouched, and the
 * user's own change (a self-admin reset with `password`) ends it.
 */
import { describe, expect, it } from 'vitest';
import { LoginResponse } from '../../src/domain/responses.js';
import { defaultPolicy } from '../../src/policy/policy.js';
import {
  DAY,
  decodes,
  expectError,
  freshStore,
  Harness,
  objectBody,
  selfAdmin,
  T0,
  wire,
} from './support.js';

const GOOD = 'Str0ng!pass';
const NEWER = 'N3w!passw0rd';
const HOUR = 3_600_000;

const policyWith = (required: boolean, initial: number, adminChanged: number) => ({
  ...defaultPolicy('PwdPolicy', 'p'),
  initialPwchangeRequired: required,
  initialPwchangePeriod: { initial, adminChanged },
});

/** A password created at T0 in `initial` under the policy (the client's default). */
const created = (policy = policyWith(true, DAY, HOUR)): Harness => {
  const h = new Harness(freshStore([[policy, true]]));
  expect(h.create('password', { password: GOOD }).status).toBe(201);
  return h;
};

describe('a password the user must change', () => {
  it('within the period: status 5 and the answer says so, with the last instant', () => {
    const h = created();
    h.advance(DAY);
    const answer = h.login('password', GOOD);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      statusCode: 5,
      description: 'login succeeded; the password must be changed',
      passwordChangeRequired: true,
      passwordChangeDue: wire(T0 + DAY),
    });
    expect(decodes(LoginResponse, answer.body)).toMatchObject({
      passwordChangeRequired: true,
      passwordChangeDue: T0 + DAY,
    });
  });

  it('after the period: 401 errors.credentialExpired, counters and version untouched', () => {
    const h = created();
    h.login('password', 'wrong');
    const before = objectBody(h.get('password'));
    h.advance(DAY + 1000);
    for (const secret of [GOOD, 'wrong']) {
      const answer = h.login('password', secret);
      expectError(answer, 401, 'errors.credentialExpired');
      expect(JSON.stringify(answer.body)).toContain(wire(T0 + DAY));
    }
    expect(objectBody(h.get('password'))).toEqual(before);
  });

  it("the user's own change (self-admin reset with a password) ends the requirement", () => {
    const h = created();
    h.advance(2 * DAY);
    expect(h.reset('password', { password: NEWER }, selfAdmin()).status).toBe(204);
    expect(objectBody(h.get('password')).stateName).toBe('active');
    expect(h.login('password', NEWER).body).toEqual({
      statusCode: 5,
      description: 'login succeeded',
    });
  });

  it('an administrator setting admin-changed starts the adminChanged period', () => {
    const h = created();
    h.reset('password', { password: NEWER }, selfAdmin());
    h.advance(DAY);
    expect(h.patch('password', { stateName: 'admin-changed' }).status).toBe(200);
    h.advance(HOUR);
    expect(objectBody(h.login('password', NEWER))).toMatchObject({
      statusCode: 5,
      passwordChangeRequired: true,
      passwordChangeDue: wire(T0 + DAY + HOUR),
    });
    h.advance(1000);
    expectError(h.login('password', NEWER), 401, 'errors.credentialExpired');
  });

  it('a period of -1: the answer says a change is required, without a last instant', () => {
    const h = created(policyWith(true, -1, -1));
    h.advance(3000 * DAY);
    expect(h.login('password', GOOD).body).toEqual({
      statusCode: 5,
      description: 'login succeeded; the password must be changed',
      passwordChangeRequired: true,
    });
  });

  it('initialPwchangeRequired false: no requirement and no period', () => {
    const h = created(policyWith(false, DAY, HOUR));
    h.advance(30 * DAY);
    expect(h.login('password', GOOD).body).toEqual({
      statusCode: 5,
      description: 'login succeeded',
    });
  });
});
