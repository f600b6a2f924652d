/**
 * `explain` on the documented cases: each expectation comes from the domain
 * reference (sections 2, 3 and 5) and docs/assumptions.md, not from the code.
 */
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import type { CredentialKind } from '../../src/domain/credential-type.js';
import { defaultPolicy, policyTypeOfKind } from '../../src/policy/policy.js';
import { type ExplainRow, explain } from '../../src/reasoning/explain.js';
import { DAY, policyOf } from './support.js';

const rows = (
  kind: CredentialKind,
  script: string,
  parameters: Record<string, string> = {},
): readonly ExplainRow[] => {
  const explained = explain(kind, policyOf(kind, parameters), script);
  if (E.isLeft(explained)) expect.fail(explained.left.message);
  return explained.right.steps;
};

/** The columns a test names, per row. */
const pick = <F extends keyof ExplainRow>(list: readonly ExplainRow[], ...fields: F[]) =>
  list.map((row) => Object.fromEntries(fields.map((f) => [f, row[f]])));

const locked = { status: 401, code: 'errors.credentialLocked' };

describe('explain with the default lockout (3 / 2 / 60 s / strict)', () => {
  it('failure 1 stays, failure 2 tmp-locks for 60 s, the first failure after it fail-locks', () => {
    expect(
      pick(
        rows('password', 'fail fail wait 60s fail'),
        'at',
        'statusCode',
        'state',
        'failedLoginCount',
        'lockedUntil',
        'version',
        'reason',
      ),
    ).toEqual([
      {
        at: 0,
        statusCode: 3,
        state: 'initial',
        failedLoginCount: 1,
        lockedUntil: null,
        version: 1,
        reason: 'initialized',
      },
      {
        at: 0,
        statusCode: 9,
        state: 'tmp-locked',
        failedLoginCount: 2,
        lockedUntil: 60_000,
        version: 2,
        reason: 'too-many-login-failures',
      },
      {
        at: 60_000,
        statusCode: undefined,
        state: 'initial',
        failedLoginCount: 2,
        lockedUntil: null,
        version: 3,
        reason: 'activated',
      },
      {
        at: 60_000,
        statusCode: 4,
        state: 'fail-locked',
        failedLoginCount: 3,
        lockedUntil: null,
        version: 4,
        reason: 'too-many-login-failures',
      },
    ]);
  });

  it('a login while tmp-locked is refused and counts nothing', () => {
    const list = rows('password', 'fail fail fail wait 59s login');
    expect(pick(list, 'refusal', 'failedLoginCount', 'version').slice(2)).toEqual([
      { refusal: locked, failedLoginCount: 2, version: 2 },
      { refusal: undefined, failedLoginCount: 2, version: 2 },
      { refusal: locked, failedLoginCount: 2, version: 2 },
    ]);
  });

  it('a right login resets the failure count and counts a success', () => {
    expect(
      pick(
        rows('password', 'fail login fail'),
        'statusCode',
        'failedLoginCount',
        'successfulLoginCount',
      ),
    ).toEqual([
      { statusCode: 3, failedLoginCount: 1, successfulLoginCount: 0 },
      { statusCode: 5, failedLoginCount: 0, successfulLoginCount: 1 },
      { statusCode: 3, failedLoginCount: 1, successfulLoginCount: 1 },
    ]);
  });

  it('each kind starts as its create makes it: Password and TSP initial, Ticket and PUK active', () => {
    const first = (kind: CredentialKind) => rows(kind, 'wait 0')[0];
    expect(
      ['password', 'tempStrongPassword', 'ticket', 'puk'].map(
        (k) => first(k as CredentialKind)?.state,
      ),
    ).toEqual(['initial', 'initial', 'active', 'active']);
  });
});

describe('explain with other lockout parameters', () => {
  it('threshold mode tmp-locks on every multiple of the threshold', () => {
    const list = rows('password', 'fail fail wait 1m fail fail wait 1m fail', {
      tmpLockingMode: 'threshold',
      maxCredFailureCount: '-1',
    });
    expect(pick(list, 'statusCode', 'state', 'failedLoginCount')).toEqual([
      { statusCode: 3, state: 'initial', failedLoginCount: 1 },
      { statusCode: 9, state: 'tmp-locked', failedLoginCount: 2 },
      { statusCode: undefined, state: 'initial', failedLoginCount: 2 },
      { statusCode: 3, state: 'initial', failedLoginCount: 3 },
      { statusCode: 9, state: 'tmp-locked', failedLoginCount: 4 },
      { statusCode: undefined, state: 'initial', failedLoginCount: 4 },
      { statusCode: 3, state: 'initial', failedLoginCount: 5 },
    ]);
  });

  it('the fail-lock is checked before the tmp-lock', () => {
    const list = rows('password', 'fail fail wait 1m fail', { tmpLockingMode: 'threshold' });
    expect(list.at(-1)).toMatchObject({ statusCode: 4, state: 'fail-locked' });
  });

  it('-1 disables both locks: status 2 for ever', () => {
    const list = rows('ticket', 'fail*20', {
      maxCredFailureCount: '-1',
      tmpLockingThreshold: '-1',
    });
    expect(new Set(list.map((r) => `${r.statusCode} ${r.state}`))).toEqual(new Set(['2 active']));
    expect(list.at(-1)?.failedLoginCount).toBe(20);
  });

  it('a zero lock duration ends the lock at once: the next event lifts it first (version + 2)', () => {
    const list = rows('password', 'fail fail fail', { tmpLockingDuration: '0' });
    expect(pick(list, 'statusCode', 'state', 'version')).toEqual([
      { statusCode: 3, state: 'initial', version: 1 },
      { statusCode: 9, state: 'tmp-locked', version: 2 },
      { statusCode: 4, state: 'fail-locked', version: 4 },
    ]);
  });
});

describe('explain of the other limits and steps', () => {
  it('a PUK fail-locks at its fifth success, which still answers 5', () => {
    const list = rows('puk', 'login*5 login');
    expect(list[4]).toMatchObject({
      statusCode: 5,
      state: 'fail-locked',
      successfulLoginCount: 5,
      reason: 'policy-check-failed',
    });
    expect(list[5]?.refusal).toEqual(locked);
  });

  it('a TSP is used once: the success deletes it, and then it is not found', () => {
    const list = rows('tempStrongPassword', 'login login');
    expect(pick(list, 'statusCode', 'state', 'refusal')).toEqual([
      { statusCode: 5, state: 'deleted', refusal: undefined },
      {
        statusCode: undefined,
        state: 'deleted',
        refusal: { status: 404, code: 'errors.noRecord' },
      },
    ]);
  });

  it('maxResetCount refuses the reset beyond it', () => {
    const list = rows('puk', 'fail reset reset', { maxResetCount: '1' });
    expect(pick(list, 'refusal', 'resetCount', 'failedLoginCount', 'reason').slice(1)).toEqual([
      { refusal: undefined, resetCount: 1, failedLoginCount: 0, reason: 'reset' },
      {
        refusal: { status: 422, code: 'errors.maxResetCountReached' },
        resetCount: 1,
        failedLoginCount: 0,
        reason: 'reset',
      },
    ]);
  });

  it('an archived credential refuses a login as disabled and any change; it can still be deleted', () => {
    const list = rows('password', 'archive login reset enable delete');
    expect(list.map((r) => r.refusal ?? r.state)).toEqual([
      'archived',
      { status: 401, code: 'errors.credentialDisabled' },
      { status: 422, code: 'errors.operationNotAllowed' },
      { status: 422, code: 'errors.operationNotAllowed' },
      'deleted',
    ]);
  });

  it('disable and enable', () => {
    const list = rows('puk', 'disable login enable login');
    expect(list.map((r) => r.refusal?.code ?? `${r.state} ${r.statusCode ?? ''}`.trim())).toEqual([
      'disabled',
      'errors.credentialDisabled',
      'active',
      'active 5',
    ]);
    expect(list[0]?.reason).toBe('changed-by-admin');
  });

  it('unlock sets both counters to 0 (Password: the unlock operation; PUK: the PATCH to active)', () => {
    for (const kind of ['password', 'puk'] as const) {
      const list = rows(kind, 'login fail fail fail unlock');
      expect(list.at(-1), kind).toMatchObject({
        state: 'active',
        failedLoginCount: 0,
        successfulLoginCount: 0,
        reason: 'unlock',
      });
    }
    expect(rows('password', 'unlock')[0]?.refusal).toEqual({
      status: 422,
      code: 'errors.operationNotAllowed',
    });
    expect(pick(rows('puk', 'unlock'), 'refusal', 'version')).toEqual([
      { refusal: undefined, version: 0 },
    ]);
  });

  it("the user's change makes a password active; other kinds have no such change", () => {
    expect(rows('password', 'fail change')[1]).toMatchObject({
      state: 'active',
      failedLoginCount: 0,
      reason: 'changed-by-user',
    });
    expect(rows('ticket', 'change')[0]?.refusal).toEqual({
      status: 422,
      code: 'errors.operationNotAllowed',
    });
  });

  it('a strong login deletes a TSP or ticket in any state; a password or PUK has none', () => {
    expect(rows('ticket', 'archive strong-login')[1]).toMatchObject({
      state: 'deleted',
      reason: 'logged-in-with-strong-cred',
    });
    expect(rows('puk', 'strong-login')[0]?.refusal).toEqual({
      status: 422,
      code: 'errors.operationNotAllowed',
    });
  });

  it('a login after the validity period is refused as expired, counters untouched', () => {
    const list = rows('tempStrongPassword', 'wait 5d login', { singleUse: 'false' });
    expect(list[1]?.statusCode).toBe(5);
    const after = rows('tempStrongPassword', 'wait 5d wait 1 fail');
    expect(after[2]).toMatchObject({
      refusal: { status: 401, code: 'errors.credentialExpired' },
      failedLoginCount: 0,
    });
  });

  it('a reset gives a new validity period', () => {
    const list = rows('ticket', `wait ${6 * DAY} reset login`, { singleUse: 'false' });
    expect(list.at(-1)?.statusCode).toBe(5);
  });

  it('returns the kind, the policy and one row per step', () => {
    const policy = defaultPolicy(policyTypeOfKind.puk);
    const explained = explain('puk', policy, 'fail*3 wait 1m');
    expect(E.isRight(explained) && explained.right).toMatchObject({
      kind: 'puk',
      policy,
      steps: [{}, {}, {}, {}],
    });
  });
});
