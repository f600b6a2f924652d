import { describe, expect, it } from 'vitest';
import { accept, create, defaultRules, refuse, SECOND, T0 } from './support.js';

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
