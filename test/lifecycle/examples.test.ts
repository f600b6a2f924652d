import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import { latestInstant } from '../../src/domain/instant.js';
import { allowedEvents, canLogin, createLifecycle, withRules } from '../../src/lifecycle/index.js';
import { accept, create, DAY, defaultRules, refuse, SECOND, T0 } from './support.js';

describe('the worked lockout case with the default rules (3 / 2 / 60 s / strict)', () => {
  it('failure 1 stays and warns, failure 2 tmp-locks for 60 s, the first failure after expiry fail-locks', () => {
    const l0 = create('password', defaultRules('password'), 'active');
    const f1 = accept(l0, { type: 'login.failed', at: T0 + SECOND });
    expect(f1.lifecycle.state).toBe('active');
    expect(f1.loginStatus).toBe(3);
    expect(f1.lifecycle.context.failedLoginCount).toBe(1);
    expect(f1.lifecycle.context.version).toBe(1);

    const f2 = accept(f1.lifecycle, { type: 'login.failed', at: T0 + 2 * SECOND });
    expect(f2.lifecycle.state).toBe('tmp-locked');
    expect(f2.loginStatus).toBe(9);
    expect(f2.lifecycle.context.lockedUntil).toBe(T0 + 62 * SECOND);
    expect(f2.lifecycle.context.stateChangeReason).toBe('too-many-login-failures');

    // Inside the lock: refused, counters untouched, value identical.
    expect(refuse(f2.lifecycle, { type: 'login.failed', at: T0 + 61 * SECOND })).toEqual({
      _tag: 'TemporarilyLocked',
      until: T0 + 62 * SECOND,
    });

    // At lockedUntil the lock ends first (+1), then the failure fail-locks (+1).
    const f3 = accept(f2.lifecycle, { type: 'login.failed', at: T0 + 62 * SECOND });
    expect(f3.lifecycle.state).toBe('fail-locked');
    expect(f3.loginStatus).toBe(4);
    expect(f3.lifecycle.context.failedLoginCount).toBe(3);
    expect(f3.lifecycle.context.version).toBe(4);
    expect(f3.lifecycle.context.lockedUntil).toBeNull();
  });

  it('time.passes alone ends the lock and restores the state held before it', () => {
    const l0 = create('password');
    const f1 = accept(l0, { type: 'login.failed', at: T0 + SECOND });
    const f2 = accept(f1.lifecycle, { type: 'login.failed', at: T0 + 2 * SECOND });
    const early = accept(f2.lifecycle, { type: 'time.passes', at: T0 + 3 * SECOND });
    expect(early.lifecycle).toBe(f2.lifecycle);
    const t = accept(f2.lifecycle, { type: 'time.passes', at: T0 + 100 * SECOND });
    expect(t.lifecycle.state).toBe('initial');
    expect(t.lifecycle.context.stateChangeReason).toBe('activated');
    expect(t.lifecycle.context.failedLoginCount).toBe(2);
    expect(t.lifecycle.context.version).toBe(f2.lifecycle.context.version + 1);
  });
});

describe('threshold mode', () => {
  it('tmp-locks on every multiple of the threshold', () => {
    const rules = {
      ...defaultRules('password'),
      maxCredFailureCount: 7,
      tmpLockingMode: 'threshold' as const,
    };
    let l = create('password', rules, 'active');
    const statuses: number[] = [];
    let at = T0;
    for (let i = 0; i < 7; i++) {
      at += 120 * SECOND;
      const o = accept(l, { type: 'login.failed', at });
      statuses.push(o.loginStatus ?? 0);
      l = o.lifecycle;
    }
    // f: 1 → next (2) locks: 3; 2 → 9; 3 → 3; 4 → 9; 5 → 3; 6 → 9; 7 → fail-locked: 4.
    expect(statuses).toEqual([3, 9, 3, 9, 3, 9, 4]);
    expect(l.state).toBe('fail-locked');
  });

  it('with threshold 3 the failure between two locks answers 2', () => {
    const rules = {
      ...defaultRules('password'),
      maxCredFailureCount: -1,
      tmpLockingThreshold: 3,
      tmpLockingMode: 'threshold' as const,
    };
    let l = create('password', rules, 'active');
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++) {
      const o = accept(l, { type: 'login.failed', at: T0 + i * 120 * SECOND });
      statuses.push(o.loginStatus ?? 0);
      l = o.lifecycle;
    }
    expect(statuses).toEqual([2, 3, 9, 2, 3, 9]);
  });
});

describe('single use, success limit, reset, unlock', () => {
  it('a TSP success consumes it', () => {
    const o = accept(create('tempStrongPassword'), { type: 'login.succeeded', at: T0 + 1 });
    expect(o).toMatchObject({ deleted: true, loginStatus: 5, lifecycle: { state: 'deleted' } });
    expect(refuse(o.lifecycle, { type: 'credential.deleted', at: T0 + 2 })).toEqual({
      _tag: 'Deleted',
    });
  });

  it('a PUK fail-locks at its fifth success, and unlock restores it', () => {
    let l = create('puk');
    for (let i = 1; i <= 5; i++) l = accept(l, { type: 'login.succeeded', at: T0 + i }).lifecycle;
    expect(l.state).toBe('fail-locked');
    expect(refuse(l, { type: 'login.succeeded', at: T0 + 9 })).toEqual({ _tag: 'FailLocked' });
    const u = accept(l, { type: 'admin.unlock', at: T0 + 10 }).lifecycle;
    expect(u.state).toBe('active');
    expect(u.context.successfulLoginCount).toBe(0);
    expect(u.context.stateChangeReason).toBe('unlock');
  });

  it('reset is refused at maxResetCount', () => {
    const rules = { ...defaultRules('puk'), maxResetCount: 1 };
    const l = accept(create('puk', rules), { type: 'admin.reset', at: T0 + 1 }).lifecycle;
    expect(l.context.resetCount).toBe(1);
    expect(l.context.validity).toEqual({ from: T0 + 1, to: T0 + 1 + rules.credentialLifetime });
    expect(refuse(l, { type: 'admin.reset', at: T0 + 2 })).toEqual({
      _tag: 'ResetLimitReached',
      resetCount: 1,
      maxResetCount: 1,
    });
  });

  it('archived refuses everything but deletion', () => {
    const l = accept(create('password'), {
      type: 'admin.update',
      at: T0 + 1,
      stateName: 'archived',
    }).lifecycle;
    expect(refuse(l, { type: 'admin.update', at: T0 + 2, stateName: 'active' })).toEqual({
      _tag: 'Archived',
    });
    expect(refuse(l, { type: 'admin.reset', at: T0 + 2 })).toEqual({ _tag: 'Archived' });
    expect(accept(l, { type: 'credential.deleted', at: T0 + 3 }).deleted).toBe(true);
  });
});

describe('creation, queries and the admin matrix', () => {
  it('creates in the default state per kind and refuses states a creation may not name', () => {
    expect(create('password').state).toBe('initial');
    expect(create('tempStrongPassword').state).toBe('initial');
    expect(create('ticket').state).toBe('active');
    expect(create('puk').state).toBe('active');
    const l = create('ticket');
    expect(l.context).toMatchObject({
      version: 0,
      stateChangeReason: 'initialized',
      validity: { from: T0, to: T0 + 5 * DAY },
    });
    for (const stateName of ['tmp-locked', 'fail-locked', 'archived'] as const) {
      expect(
        createLifecycle({ kind: 'password', stateName, rules: defaultRules('password'), at: T0 }),
      ).toEqual(E.left({ _tag: 'StateNotAllowed', stateName }));
    }
  });

  it('answers allowedEvents and canLogin consistently with applyEvent', () => {
    const l = create('password', defaultRules('password'), 'active');
    expect(allowedEvents(l, T0 + 1)).toEqual([
      'login.succeeded',
      'login.failed',
      'admin.reset',
      'user.changedPassword',
      'admin.update',
      'credential.deleted',
    ]);
    const locked = accept(accept(l, { type: 'login.failed', at: T0 + 1 }).lifecycle, {
      type: 'login.failed',
      at: T0 + 2,
    }).lifecycle;
    expect(canLogin(locked, T0 + 3)).toEqual(
      E.left({ _tag: 'TemporarilyLocked', until: T0 + 60_002 }),
    );
    expect(canLogin(locked, T0 + 60_002)).toEqual(E.right(undefined));
    expect(allowedEvents(locked, T0 + 3)).not.toContain('login.failed');
    expect(allowedEvents(locked, T0 + 3)).toContain('admin.unlock');
    expect(allowedEvents(locked, T0 + 60_002)).toContain('time.passes');
    expect(canLogin(l, T0 + 3650 * DAY + 1)).toEqual(
      E.left({ _tag: 'Expired', validTo: T0 + 3650 * DAY }),
    );
    expect(canLogin(l, T0 - 1)).toEqual(E.left({ _tag: 'NotYetValid', validFrom: T0 }));
  });

  it('follows the admin state matrix', () => {
    const l = create('password', defaultRules('password'), 'disabled');
    expect(refuse(l, { type: 'admin.update', at: T0 + 1, stateName: 'initial' })).toEqual({
      _tag: 'StateNotAllowed',
      stateName: 'initial',
    });
    expect(refuse(l, { type: 'admin.update', at: T0 + 1, stateName: 'fail-locked' })).toEqual({
      _tag: 'StateNotAllowed',
      stateName: 'fail-locked',
    });
    const active = accept(l, {
      type: 'admin.update',
      at: T0 + 1,
      stateName: 'active',
      modificationComment: 'back',
    });
    expect(active.lifecycle.state).toBe('active');
    expect(active.lifecycle.context).toMatchObject({
      stateChangeReason: 'changed-by-admin',
      modificationComment: 'back',
      version: 1,
    });
    // Same state, same comment: accepted without a change.
    const again = accept(active.lifecycle, {
      type: 'admin.update',
      at: T0 + 2,
      stateName: 'active',
      modificationComment: 'back',
    });
    expect(again.lifecycle).toBe(active.lifecycle);
    // Same state, new comment: no state change, version + 1.
    const commented = accept(active.lifecycle, {
      type: 'admin.update',
      at: T0 + 3,
      modificationComment: 'note',
    });
    expect(commented.lifecycle.context).toMatchObject({
      version: 2,
      stateChangeReason: 'changed-by-admin',
      lastStateChange: T0 + 1,
    });
  });

  it('lets a user change a password from a login state only, and strong login delete TSP and Ticket only', () => {
    const l = create('password');
    const changed = accept(l, { type: 'user.changedPassword', at: T0 + 1 }).lifecycle;
    expect(changed.state).toBe('active');
    expect(changed.context.stateChangeReason).toBe('changed-by-user');
    expect(refuse(create('puk'), { type: 'user.changedPassword', at: T0 + 1 })).toEqual({
      _tag: 'NotForKind',
      kind: 'puk',
      event: 'user.changedPassword',
    });
    expect(refuse(l, { type: 'credential.strongLogin', at: T0 + 1 })).toMatchObject({
      _tag: 'NotForKind',
    });
    const ticket = create('ticket', defaultRules('ticket'), 'disabled');
    expect(accept(ticket, { type: 'credential.strongLogin', at: T0 + 1 })).toMatchObject({
      deleted: true,
      lifecycle: { state: 'deleted', context: { stateChangeReason: 'logged-in-with-strong-cred' } },
    });
  });

  it('counts ticket failures and successes separately and resets them', () => {
    const rules = { ...defaultRules('ticket'), singleUse: false };
    const f = accept(create('ticket', rules), { type: 'login.failed', at: T0 + 1 }).lifecycle;
    const s = accept(f, { type: 'login.succeeded', at: T0 + 2 }).lifecycle;
    expect(s.context).toMatchObject({ failureCount: 1, successCount: 1, failedLoginCount: 0 });
    const r = accept(s, { type: 'admin.reset', at: T0 + 3 }).lifecycle;
    expect(r.context).toMatchObject({
      failureCount: 0,
      successCount: 0,
      resetCount: 1,
      stateChangeReason: 'reset',
    });
  });
});

describe('validity ends at most at the latest wire instant', () => {
  const longLived = { ...defaultRules('puk'), credentialLifetime: 1_000 * 31_536_000_000 };
  const late = Date.UTC(9990, 0, 1);

  it('on creation', () => {
    const l = create('puk', longLived, undefined, late);
    expect(l.context.validity).toEqual({ from: late, to: latestInstant });
  });

  it('on reset', () => {
    const l = accept(create('puk', longLived, undefined, late), {
      type: 'admin.reset',
      at: late + DAY,
    });
    expect(l.lifecycle.context.validity).toEqual({ from: late + DAY, to: latestInstant });
  });

  it('and stays exact below it', () => {
    expect(create('puk').context.validity).toEqual({ from: T0, to: T0 + 315_360_000_000 });
  });
});

describe('a PUK follows the lifetime in force (withRules)', () => {
  const puk = (credentialLifetime: number) => ({ ...defaultRules('puk'), credentialLifetime });

  it('a changed lifetime moves validity.to from validity.from; an unchanged one keeps it', () => {
    const l = create('puk', puk(10 * DAY));
    expect(withRules(l, puk(2 * DAY)).context.validity).toEqual({ from: T0, to: T0 + 2 * DAY });
    // An administrator's validity stays while the lifetime stays.
    const patched = accept(l, {
      type: 'admin.update',
      at: T0 + 1,
      validity: { from: T0, to: T0 + DAY },
    }).lifecycle;
    expect(
      withRules(patched, { ...puk(10 * DAY), maxCredFailureCount: 7 }).context.validity,
    ).toEqual({ from: T0, to: T0 + DAY });
    expect(withRules(patched, puk(3 * DAY)).context.validity).toEqual({
      from: T0,
      to: T0 + 3 * DAY,
    });
    // The other kinds keep their validity.
    const ticket = create('ticket');
    expect(
      withRules(ticket, { ...defaultRules('ticket'), credentialLifetime: DAY }).context.validity,
    ).toBe(ticket.context.validity);
  });
});

describe('archived: terminal, an update that would change anything is refused', () => {
  const archivedWith = () => {
    const l0 = create('password', defaultRules('password'), 'active');
    const a = accept(l0, {
      type: 'admin.update',
      at: T0 + SECOND,
      stateName: 'archived',
      modificationComment: 'gone',
    });
    expect(a.lifecycle.state).toBe('archived');
    return a.lifecycle;
  };
  const at = T0 + 2 * SECOND;

  it('a state change, a new comment, a new validity (either end) or new details: Archived', () => {
    const l = archivedWith();
    const { from, to } = l.context.validity;
    for (const stateName of ['active', 'disabled', 'admin-changed', 'initial'] as const) {
      expect(refuse(l, { type: 'admin.update', at, stateName })).toEqual({ _tag: 'Archived' });
    }
    expect(refuse(l, { type: 'admin.update', at, modificationComment: 'back' })).toEqual({
      _tag: 'Archived',
    });
    expect(refuse(l, { type: 'admin.update', at, validity: { from: from + 1, to } })).toEqual({
      _tag: 'Archived',
    });
    expect(refuse(l, { type: 'admin.update', at, validity: { from, to: to - 1 } })).toEqual({
      _tag: 'Archived',
    });
    expect(refuse(l, { type: 'admin.update', at, detailsChanged: true })).toEqual({
      _tag: 'Archived',
    });
    expect(
      refuse(l, { type: 'admin.update', at, stateName: 'archived', modificationComment: 'back' }),
    ).toEqual({ _tag: 'Archived' });
  });

  it('repeating the stored state, comment and validity is accepted and changes nothing', () => {
    const l = archivedWith();
    const same = accept(l, {
      type: 'admin.update',
      at,
      stateName: 'archived',
      modificationComment: 'gone',
      validity: { ...l.context.validity },
    });
    expect(same.lifecycle).toBe(l);
    expect(accept(l, { type: 'admin.update', at, detailsChanged: false }).lifecycle).toBe(l);
  });
});

describe('a deleted credential', () => {
  it('refuses a login as Deleted, not as the state it was deleted from', () => {
    for (const from of ['archived', 'disabled', 'active'] as const) {
      const l = create('password', defaultRules('password'), 'active');
      const moved =
        from === 'active'
          ? l
          : accept(l, { type: 'admin.update', at: T0 + SECOND, stateName: from }).lifecycle;
      const gone = accept(moved, { type: 'credential.deleted', at: T0 + 2 * SECOND });
      expect(gone.deleted).toBe(true);
      expect(canLogin(gone.lifecycle, T0 + 3 * SECOND)).toEqual(E.left({ _tag: 'Deleted' }));
    }
  });

  it('deleted while tmp-locked: still no login once the lock time has passed', () => {
    const l0 = create('password', defaultRules('password'), 'active');
    const f1 = accept(l0, { type: 'login.failed', at: T0 + SECOND });
    const f2 = accept(f1.lifecycle, { type: 'login.failed', at: T0 + 2 * SECOND });
    expect(f2.lifecycle.state).toBe('tmp-locked');
    const gone = accept(f2.lifecycle, { type: 'credential.deleted', at: T0 + 3 * SECOND });
    expect(gone.deleted).toBe(true);
    for (const at of [T0 + 4 * SECOND, T0 + 62 * SECOND, T0 + DAY]) {
      expect(canLogin(gone.lifecycle, at)).toEqual(E.left({ _tag: 'Deleted' }));
    }
    expect(refuse(gone.lifecycle, { type: 'login.succeeded', at: T0 + DAY })).toEqual({
      _tag: 'Deleted',
    });
  });
});
