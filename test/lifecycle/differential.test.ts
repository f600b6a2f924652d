/**
 * Differential test: a small reference reducer, written from the tables of the
 * domain reference (section 3) and the decisions in docs/assumptions.md, and
 * NOT from the machine, must agree with `applyEvent` on random scenarios.
 */
import { test } from '@fast-check/vitest';
import { either as E } from 'fp-ts';
import { describe, expect } from 'vitest';
import type { CredentialKind } from '../../src/domain/credential-type.js';
import type { StateName } from '../../src/domain/state.js';
import type { LifecycleEvent, LifecycleRules } from '../../src/lifecycle/index.js';
import { applyEvent, type Lifecycle } from '../../src/lifecycle/index.js';
import { create, eventsOf, LATEST_WIRE_INSTANT, scenarioArb } from './support.js';

type RefState = StateName | 'deleted';

type Ref = {
  state: RefState;
  failed: number;
  succeeded: number;
  resets: number;
  ticketFailures: number;
  ticketSuccesses: number;
  lockedUntil: number | null;
  before: StateName | null;
  from: number;
  to: number;
  reason: string;
  detail: string | null;
  comment: string | null;
  lastOk: number | null;
  lastFail: number | null;
  lastModified: number;
  lastStateChange: number;
  /** When the state (or the one a tmp-lock restores) was entered; a tmp-lock keeps it. */
  entered: number;
  version: number;
};

type RefResult =
  | { ok: false; tag: string }
  | { ok: true; next: Ref; status?: number; changed: boolean };

const LOGIN: readonly RefState[] = ['initial', 'active', 'reset-code', 'admin-changed'];

/** Lockout rule, section 3: fail-lock first, then tmp-lock (strict ≥ / threshold multiple). */
const lockFor = (r: LifecycleRules, f: number): 'fail-locked' | 'tmp-locked' | undefined => {
  if (r.maxCredFailureCount !== -1 && f >= r.maxCredFailureCount) return 'fail-locked';
  if (r.tmpLockingThreshold === -1) return undefined;
  if (r.tmpLockingMode === 'strict') return f >= r.tmpLockingThreshold ? 'tmp-locked' : undefined;
  return f % r.tmpLockingThreshold === 0 ? 'tmp-locked' : undefined;
};

const refuse = (tag: string): RefResult => ({ ok: false, tag });
const same = (m: Ref): RefResult => ({ ok: true, next: m, changed: false });

/** A state change: new state and reason, lock data cleared, version + 1. */
const moved = (m: Ref, state: RefState, reason: string, at: number): Ref => ({
  ...m,
  state,
  reason,
  detail: null,
  lockedUntil: null,
  before: null,
  version: m.version + 1,
  lastModified: at,
  lastStateChange: at,
  entered: at,
});

/** Admin state matrix: which requested states are allowed from which. */
const adminAllows = (from: RefState, to: StateName): boolean => {
  if (from === 'archived') return false;
  if (to === 'disabled' || to === 'admin-changed' || to === 'archived') return true;
  return to === 'active'; // from every non-archived state (locks are unlocked)
};

const judge = (m: Ref, kind: CredentialKind, r: LifecycleRules, e: LifecycleEvent): RefResult => {
  const at = e.at;
  const s = m.state;
  if (s === 'deleted') return refuse('Deleted');
  switch (e.type) {
    case 'login.succeeded':
    case 'login.failed': {
      // Several reasons: the most severe, tmp-locked < fail-locked < expired < disabled < archived.
      if (s === 'archived') return refuse('Archived');
      if (s === 'disabled') return refuse('Disabled');
      if (at > m.to) return refuse('Expired');
      if (at < m.from) return refuse('NotYetValid');
      if (s === 'fail-locked') return refuse('FailLocked');
      if (s === 'tmp-locked') return refuse('TemporarilyLocked');
      // A password in initial / admin-changed that must be changed: only within the
      // period from the state change into that state (-1: no limit), else like expired.
      if (kind === 'password' && r.initialPwchangeRequired) {
        const period =
          s === 'initial'
            ? r.initialPwchangePeriodInitial
            : s === 'admin-changed'
              ? r.initialPwchangePeriodAdminChanged
              : -1;
        if (period !== -1 && at > m.entered + period) {
          return refuse('PasswordChangeOverdue');
        }
      }
      if (e.type === 'login.succeeded') {
        const n: Ref = {
          ...m,
          failed: 0,
          succeeded: m.succeeded + 1,
          ticketSuccesses: kind === 'ticket' ? m.ticketSuccesses + 1 : m.ticketSuccesses,
          lastOk: at,
          version: m.version + 1,
          lastModified: at,
        };
        if (r.singleUse)
          return {
            ok: true,
            next: { ...n, state: 'deleted', lastStateChange: at },
            status: 5,
            changed: true,
          };
        if (r.maxCredSuccessCount !== -1 && n.succeeded >= r.maxCredSuccessCount) {
          const locked = {
            ...moved(n, 'fail-locked', 'policy-check-failed', at),
            version: n.version,
          };
          return {
            ok: true,
            next: { ...locked, detail: 'maxCredSuccessCount reached' },
            status: 5,
            changed: true,
          };
        }
        return { ok: true, next: n, status: 5, changed: true };
      }
      const f = m.failed + 1;
      const n: Ref = {
        ...m,
        failed: f,
        ticketFailures: kind === 'ticket' ? m.ticketFailures + 1 : m.ticketFailures,
        lastFail: at,
        version: m.version + 1,
        lastModified: at,
      };
      const lock = lockFor(r, f);
      if (lock === 'fail-locked') {
        return {
          ok: true,
          next: { ...moved(n, 'fail-locked', 'too-many-login-failures', at), version: n.version },
          status: 4,
          changed: true,
        };
      }
      if (lock === 'tmp-locked') {
        // A temporary lock keeps the instant the locked state was entered.
        const locked = {
          ...moved(n, 'tmp-locked', 'too-many-login-failures', at),
          version: n.version,
          entered: n.entered,
        };
        return {
          ok: true,
          next: { ...locked, lockedUntil: at + r.tmpLockingDuration, before: s },
          status: 9,
          changed: true,
        };
      }
      return { ok: true, next: n, status: lockFor(r, f + 1) === undefined ? 2 : 3, changed: true };
    }
    case 'time.passes':
      return same(m);
    case 'admin.reset': {
      if (s === 'archived') return refuse('Archived');
      if (r.maxResetCount !== -1 && m.resets >= r.maxResetCount) return refuse('ResetLimitReached');
      const n = moved(m, r.resetTarget, 'reset', at);
      return {
        ok: true,
        next: {
          ...n,
          from: at,
          // A new validity ends at the lifetime, at most at the latest wire instant.
          to: Math.min(at + r.credentialLifetime, LATEST_WIRE_INSTANT),
          resets: m.resets + 1,
          failed: 0,
          succeeded: 0,
          ticketFailures: 0,
          ticketSuccesses: 0,
        },
        changed: true,
      };
    }
    case 'admin.unlock':
      if (s === 'archived') return refuse('Archived');
      if (s !== 'tmp-locked' && s !== 'fail-locked') return refuse('NotAllowedInState');
      return {
        ok: true,
        next: { ...moved(m, 'active', 'unlock', at), failed: 0, succeeded: 0 },
        changed: true,
      };
    case 'user.changedPassword':
      if (kind !== 'password') return refuse('NotForKind');
      if (s === 'archived') return refuse('Archived');
      if (!LOGIN.includes(s)) return refuse('NotAllowedInState');
      return {
        ok: true,
        next: { ...moved(m, 'active', 'changed-by-user', at), failed: 0 },
        changed: true,
      };
    case 'admin.update': {
      const comment = e.modificationComment ?? m.comment;
      const from = e.validity?.from ?? m.from;
      const to = e.validity?.to ?? m.to;
      const fieldsChange =
        e.detailsChanged === true || comment !== m.comment || from !== m.from || to !== m.to;
      if (e.stateName === undefined || e.stateName === s) {
        if (!fieldsChange) return same(m);
        if (s === 'archived') return refuse('Archived');
        return {
          ok: true,
          next: { ...m, comment, from, to, version: m.version + 1, lastModified: at },
          changed: true,
        };
      }
      if (s === 'archived') return refuse('Archived');
      if (!adminAllows(s, e.stateName)) return refuse('StateNotAllowed');
      const unlock = e.stateName === 'active' && (s === 'tmp-locked' || s === 'fail-locked');
      const n = {
        ...moved(m, e.stateName, unlock ? 'unlock' : 'changed-by-admin', at),
        comment,
        from,
        to,
      };
      return { ok: true, next: unlock ? { ...n, failed: 0, succeeded: 0 } : n, changed: true };
    }
    case 'credential.strongLogin':
      if (kind !== 'tempStrongPassword' && kind !== 'ticket') return refuse('NotForKind');
      return {
        ok: true,
        next: moved(m, 'deleted', 'logged-in-with-strong-cred', at),
        changed: true,
      };
    case 'credential.deleted':
      return {
        ok: true,
        next: {
          ...m,
          state: 'deleted',
          version: m.version + 1,
          lastModified: at,
          lastStateChange: at,
        },
        changed: true,
      };
  }
};

/** One event: the tmp-lock expiry first (its own version step), then the event. */
const step = (m: Ref, kind: CredentialKind, r: LifecycleRules, e: LifecycleEvent): RefResult => {
  if (
    m.state === 'tmp-locked' &&
    m.lockedUntil !== null &&
    e.at >= m.lockedUntil &&
    m.before !== null
  ) {
    const restored = { ...moved(m, m.before, 'activated', e.at), entered: m.entered };
    if (e.type === 'time.passes') return { ok: true, next: restored, changed: true };
    const judged = judge(restored, kind, r, e);
    if (!judged.ok) return judged;
    return judged.changed ? judged : { ok: true, next: restored, changed: true };
  }
  return judge(m, kind, r, e);
};

const refOf = (l: Lifecycle): Ref => {
  const c = l.context;
  return {
    state: l.state,
    failed: c.failedLoginCount,
    succeeded: c.successfulLoginCount,
    resets: c.resetCount,
    ticketFailures: c.failureCount,
    ticketSuccesses: c.successCount,
    lockedUntil: c.lockedUntil,
    before: c.stateBeforeLock,
    from: c.validity.from,
    to: c.validity.to,
    reason: c.stateChangeReason,
    detail: c.stateChangeDetail,
    comment: c.modificationComment,
    lastOk: c.lastSuccessfulLoginDate,
    lastFail: c.lastFailedLoginDate,
    lastModified: c.lastModified,
    lastStateChange: c.lastStateChange,
    entered: c.stateEnteredAt,
    version: c.version,
  };
};

describe('applyEvent agrees with an independent reference reducer', () => {
  test.prop([scenarioArb], { numRuns: 400 })('on random scenarios', (scenario) => {
    let lifecycle = create(scenario.kind, scenario.rules, scenario.stateName);
    let model = refOf(lifecycle);
    for (const event of eventsOf(scenario)) {
      const expected = step(model, scenario.kind, scenario.rules, event);
      const actual = applyEvent(lifecycle, event);
      const where = `${model.state} ${JSON.stringify(event)}`;
      if (!expected.ok) {
        expect(E.isLeft(actual) ? actual.left._tag : 'accepted', where).toBe(expected.tag);
        continue;
      }
      if (E.isLeft(actual)) throw new Error(`${where}: refused ${JSON.stringify(actual.left)}`);
      expect(refOf(actual.right.lifecycle), where).toEqual(expected.next);
      expect(actual.right.loginStatus, where).toBe(expected.status);
      expect(actual.right.deleted, where).toBe(expected.next.state === 'deleted');
      if (!expected.changed) expect(actual.right.lifecycle, where).toBe(lifecycle);
      lifecycle = actual.right.lifecycle;
      model = expected.next;
    }
  });
});
