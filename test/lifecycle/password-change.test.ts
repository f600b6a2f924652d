/**
 * The required change of an initial or admin-set password (domain reference,
 * section 5: `initialPwchangeRequired`, `initialPwchangePeriod`): within the
 * period a right password logs in and the outcome says a change is due; after
 * it the login is refused like an expired one, counters untouched; the user's
 * own change ends the requirement.
 */
import { fc, test } from '@fast-check/vitest';
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  canLogin,
  type LifecycleRules,
  passwordChangeRequirement,
} from '../../src/lifecycle/index.js';
import { accept, create, DAY, defaultRules, kindArb, refuse, SECOND, T0 } from './support.js';

const HOUR = 3_600_000;

/** Password rules with a change period of one day (initial) and one hour (admin-changed). */
const rules: LifecycleRules = {
  ...defaultRules('password'),
  initialPwchangeRequired: true,
  initialPwchangePeriodInitial: DAY,
  initialPwchangePeriodAdminChanged: HOUR,
};

describe('a password created in initial, change required within a day', () => {
  it('logs in within the period (status 5) and the outcome says the change is due', () => {
    const l = create('password', rules);
    for (const at of [T0, T0 + DAY]) {
      const ok = accept(l, { type: 'login.succeeded', at });
      expect(ok.loginStatus).toBe(5);
      expect(ok.passwordChange).toEqual({ dueBy: T0 + DAY });
      expect(ok.lifecycle.state).toBe('initial');
    }
    // A failure within the period is judged as usual.
    expect(accept(l, { type: 'login.failed', at: T0 + HOUR }).loginStatus).toBe(3);
  });

  it('after the period refuses like an expired credential, counters untouched', () => {
    const l = create('password', rules);
    const late = T0 + DAY + 1;
    for (const type of ['login.succeeded', 'login.failed'] as const) {
      expect(refuse(l, { type, at: late })).toEqual({
        _tag: 'PasswordChangeOverdue',
        dueBy: T0 + DAY,
      });
    }
    expect(canLogin(l, late)).toEqual(E.left({ _tag: 'PasswordChangeOverdue', dueBy: T0 + DAY }));
  });

  it("the user's own change ends the requirement, even after the period", () => {
    const l = create('password', rules);
    const changed = accept(l, { type: 'user.changedPassword', at: T0 + 2 * DAY });
    expect(changed.lifecycle.state).toBe('active');
    const ok = accept(changed.lifecycle, { type: 'login.succeeded', at: T0 + 3 * DAY });
    expect(ok.loginStatus).toBe(5);
    expect(ok.passwordChange).toBeUndefined();
  });

  it('a reset to initial starts a new period from the reset', () => {
    const l = create('password', rules);
    const reset = accept(l, { type: 'admin.reset', at: T0 + 5 * DAY });
    const ok = accept(reset.lifecycle, { type: 'login.succeeded', at: T0 + 5 * DAY + HOUR });
    expect(ok.passwordChange).toEqual({ dueBy: T0 + 6 * DAY });
    expect(refuse(reset.lifecycle, { type: 'login.succeeded', at: T0 + 6 * DAY + 1 })._tag).toBe(
      'PasswordChangeOverdue',
    );
  });
});

describe('admin-changed has its own period, from the administrator’s state change', () => {
  it('counts initialPwchangePeriodAdminChanged from lastStateChange', () => {
    const active = create('password', rules, 'active');
    const set = accept(active, { type: 'admin.update', at: T0 + DAY, stateName: 'admin-changed' });
    const l = set.lifecycle;
    expect(l.context.lastStateChange).toBe(T0 + DAY);
    expect(accept(l, { type: 'login.succeeded', at: T0 + DAY + HOUR }).passwordChange).toEqual({
      dueBy: T0 + DAY + HOUR,
    });
    expect(refuse(l, { type: 'login.succeeded', at: T0 + DAY + HOUR + 1 })).toEqual({
      _tag: 'PasswordChangeOverdue',
      dueBy: T0 + DAY + HOUR,
    });
  });
});

describe('switches', () => {
  it('initialPwchangeRequired false: no requirement and no period', () => {
    const off = { ...rules, initialPwchangeRequired: false };
    const ok = accept(create('password', off), { type: 'login.succeeded', at: T0 + 30 * DAY });
    expect(ok.loginStatus).toBe(5);
    expect(ok.passwordChange).toBeUndefined();
  });

  it('a period of -1: required without a limit', () => {
    const unlimited = {
      ...rules,
      initialPwchangePeriodInitial: -1,
      initialPwchangePeriodAdminChanged: -1,
    };
    const ok = accept(create('password', unlimited), {
      type: 'login.succeeded',
      at: T0 + 3000 * DAY,
    });
    expect(ok.passwordChange).toEqual({ dueBy: null });
  });

  it('reset-code and active owe no change; the other kinds never do', () => {
    for (const state of ['active', 'reset-code'] as const) {
      const ok = accept(create('password', rules, state), {
        type: 'login.succeeded',
        at: T0 + 30 * DAY,
      });
      expect(ok.passwordChange, state).toBeUndefined();
    }
    const puk = create('puk', { ...defaultRules('puk'), ...pick(rules) }, 'initial');
    expect(accept(puk, { type: 'login.succeeded', at: T0 + 30 * DAY }).loginStatus).toBe(5);
  });
});

const pick = (r: LifecycleRules) => ({
  initialPwchangeRequired: r.initialPwchangeRequired,
  initialPwchangePeriodInitial: r.initialPwchangePeriodInitial,
  initialPwchangePeriodAdminChanged: r.initialPwchangePeriodAdminChanged,
});

const periodArb = fc.constantFrom(-1, 0, SECOND, HOUR, DAY);

describe('for all periods and instants', () => {
  test.prop([
    kindArb,
    fc.constantFrom('initial' as const, 'admin-changed' as const),
    fc.boolean(),
    periodArb,
    periodArb,
    fc.integer({ min: 0, max: 3 * DAY }),
  ])(
    'a login is judged exactly within the change period of a password that must be changed',
    (kind, state, required, initial, adminChanged, delay) => {
      const r: LifecycleRules = {
        ...defaultRules(kind),
        initialPwchangeRequired: required,
        initialPwchangePeriodInitial: initial,
        initialPwchangePeriodAdminChanged: adminChanged,
      };
      const l = create(kind, r, state);
      const at = T0 + delay;
      const period = state === 'initial' ? initial : adminChanged;
      const owes = kind === 'password' && required;
      const overdue = owes && period !== -1 && at > T0 + period;
      const result = applyEvent(l, { type: 'login.failed', at });
      expect(E.isLeft(result)).toBe(overdue);
      if (E.isLeft(result)) {
        expect(result.left).toEqual({ _tag: 'PasswordChangeOverdue', dueBy: T0 + period });
      }
      expect(passwordChangeRequirement(l.context, l.state)).toEqual(
        owes ? { dueBy: period === -1 ? null : T0 + period } : undefined,
      );
      const success = applyEvent(l, { type: 'login.succeeded', at });
      if (E.isRight(success) && success.right.loginStatus === 5 && !success.right.deleted) {
        expect(success.right.passwordChange).toEqual(
          owes ? { dueBy: period === -1 ? null : T0 + period } : undefined,
        );
      }
    },
  );
});

describe('a temporary lock does not renew the period: it runs from the state change that put the password there', () => {
  it('a lock that ends after the period leaves the password overdue (canLogin and applyEvent agree)', () => {
    const short = {
      ...rules,
      initialPwchangePeriodInitial: SECOND,
      initialPwchangePeriodAdminChanged: SECOND,
    };
    const l = create('password', short);
    const f1 = accept(l, { type: 'login.failed', at: T0 });
    const locked = accept(f1.lifecycle, { type: 'login.failed', at: T0 + 1 }).lifecycle;
    expect(locked.state).toBe('tmp-locked');
    const after = T0 + 1 + 60 * SECOND;
    expect(canLogin(locked, after)).toEqual(
      E.left({ _tag: 'PasswordChangeOverdue', dueBy: T0 + SECOND }),
    );
    expect(refuse(locked, { type: 'login.succeeded', at: after })._tag).toBe(
      'PasswordChangeOverdue',
    );
  });

  it('a lock that ends within the period leaves the same due instant', () => {
    const long = { ...rules, initialPwchangePeriodInitial: 10 * 60 * SECOND };
    const f1 = accept(create('password', long), { type: 'login.failed', at: T0 });
    const locked = accept(f1.lifecycle, { type: 'login.failed', at: T0 + 1 }).lifecycle;
    const ok = accept(locked, { type: 'login.succeeded', at: T0 + 1 + 60 * SECOND });
    expect(ok.passwordChange).toEqual({ dueBy: T0 + 10 * 60 * SECOND });
    expect(ok.lifecycle.context.lastStateChange).toBe(T0 + 1 + 60 * SECOND);
    expect(ok.lifecycle.context.stateEnteredAt).toBe(T0);
  });

  test.prop([
    periodArb,
    fc.constantFrom(0, SECOND, 60 * SECOND),
    fc.integer({ min: 0, max: 2 * 60 * SECOND }),
    fc.constantFrom('login.succeeded' as const, 'login.failed' as const),
  ])(
    'for all periods, lock durations and instants, canLogin agrees with applyEvent',
    (period, tmpLockingDuration, delay, type) => {
      const r = {
        ...rules,
        tmpLockingDuration,
        initialPwchangePeriodInitial: period,
        initialPwchangePeriodAdminChanged: period,
      };
      const once = accept(create('password', r), { type: 'login.failed', at: T0 });
      const locked = accept(once.lifecycle, { type: 'login.failed', at: T0 }).lifecycle;
      const at = T0 + delay;
      expect(E.isRight(canLogin(locked, at))).toBe(E.isRight(applyEvent(locked, { type, at })));
    },
  );
});
