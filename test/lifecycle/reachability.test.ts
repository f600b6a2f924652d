/**
 * Reachability: which transitions a kind can take under given rules. The
 * examples come from the spec (success limit, strong login, the user's own
 * change, the -1 switches); the properties check that every reported
 * transition has a witness that replays, and that no random run takes a
 * transition the exploration missed.
 */
import { fc, test } from '@fast-check/vitest';
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import type { CredentialKind } from '../../src/domain/credential-type.js';
import {
  applyEvent,
  createLifecycle,
  type Lifecycle,
  type LifecycleRules,
  type LifecycleTransition,
  lifecycleReachability,
  lifecycleTransitions,
  reachableTransitions,
  type TransitionWitness,
  transitionsTaken,
} from '../../src/lifecycle/index.js';
import {
  create,
  DAY,
  defaultRules,
  eventsOf,
  kindArb,
  type Scenario,
  scenarioArb,
  stepsArb,
} from './support.js';

const kinds: readonly CredentialKind[] = ['password', 'tempStrongPassword', 'ticket', 'puk'];

const reachable = (kind: CredentialKind, rules: LifecycleRules = defaultRules(kind)) =>
  reachableTransitions(kind, rules);

const some = (
  transitions: readonly LifecycleTransition[],
  p: (t: LifecycleTransition) => boolean,
): boolean => transitions.some(p);

/**
 * Rules with small limits (each exploration stays quick) that still cover
 * both locking modes, the -1 switches, zero durations and short lifetimes.
 */
const smallRulesArb: fc.Arbitrary<LifecycleRules> = fc.record({
  maxCredFailureCount: fc.constantFrom(-1, 0, 1, 2, 3),
  tmpLockingThreshold: fc.constantFrom(-1, 0, 1, 2),
  tmpLockingDuration: fc.constantFrom(0, 1_000, 60_000, 2 * DAY),
  tmpLockingMode: fc.constantFrom('strict' as const, 'threshold' as const),
  maxCredSuccessCount: fc.constantFrom(-1, 1, 2),
  singleUse: fc.boolean(),
  maxResetCount: fc.constantFrom(-1, 0, 1),
  resetTarget: fc.constantFrom('initial' as const, 'active' as const, 'reset-code' as const),
  credentialLifetime: fc.constantFrom(0, 90_000, DAY, 10 * DAY),
  initialPwchangeRequired: fc.boolean(),
  initialPwchangePeriodInitial: fc.constantFrom(-1, 0, 30_000, DAY),
  initialPwchangePeriodAdminChanged: fc.constantFrom(-1, 0, 30_000),
});

const smallScenarioArb: fc.Arbitrary<Scenario> = fc.record({
  kind: kindArb,
  rules: smallRulesArb,
  stateName: fc.constantFrom('initial' as const, 'active' as const, 'disabled' as const),
  steps: stepsArb,
});

/** Replays a witness; returns the value before the last event, or why it failed. */
const replay = (w: TransitionWitness): E.Either<string, Lifecycle> => {
  const created = createLifecycle(w.create);
  if (E.isLeft(created)) return E.left(`create refused: ${created.left._tag}`);
  let lifecycle = created.right;
  let before = lifecycle;
  for (const [i, event] of w.events.entries()) {
    const r = applyEvent(lifecycle, event);
    if (E.isLeft(r)) return E.left(`event ${i} (${event.type}) refused: ${r.left._tag}`);
    if (r.right.lifecycle === lifecycle)
      return E.left(`event ${i} (${event.type}) changed nothing`);
    before = lifecycle;
    lifecycle = r.right.lifecycle;
  }
  return E.right(before);
};

describe('reachableTransitions under the spec defaults', () => {
  it('returns transitions of lifecycleTransitions(), in definition order', () => {
    const all = lifecycleTransitions();
    for (const kind of kinds) {
      const ids = new Set(reachable(kind).map((t) => t.id));
      expect(reachable(kind)).toEqual(all.filter((t) => ids.has(t.id)));
    }
  });

  it('the success limit fail-locks only a PUK, and only while maxCredSuccessCount is not -1', () => {
    const limit = (t: LifecycleTransition) =>
      t.event === 'login.succeeded' && t.target === 'fail-locked';
    expect(kinds.filter((kind) => some(reachable(kind), limit))).toEqual(['puk']);
    expect(some(reachable('puk', { ...defaultRules('puk'), maxCredSuccessCount: -1 }), limit)).toBe(
      false,
    );
    // A limit of 1: the first success fail-locks.
    expect(some(reachable('puk', { ...defaultRules('puk'), maxCredSuccessCount: 1 }), limit)).toBe(
      true,
    );
  });

  it('a strong login deletes only a TSP or a ticket', () => {
    const strong = (t: LifecycleTransition) => t.event === 'credential.strongLogin';
    expect(kinds.filter((kind) => some(reachable(kind), strong))).toEqual([
      'tempStrongPassword',
      'ticket',
    ]);
  });

  it("the user's own change is a password's only", () => {
    const change = (t: LifecycleTransition) => t.event === 'user.changedPassword';
    expect(kinds.filter((kind) => some(reachable(kind), change))).toEqual(['password']);
  });

  it('a success consumes only single-use credentials (TSP and ticket by default)', () => {
    const consumes = (t: LifecycleTransition) =>
      t.event === 'login.succeeded' && t.target === 'deleted';
    expect(kinds.filter((kind) => some(reachable(kind), consumes))).toEqual([
      'tempStrongPassword',
      'ticket',
    ]);
    const reusable = { ...defaultRules('ticket'), singleUse: false };
    expect(some(reachable('ticket', reusable), consumes)).toBe(false);
    // A reusable ticket logs in and stays.
    expect(
      some(
        reachable('ticket', reusable),
        (t) => t.event === 'login.succeeded' && t.target === t.source,
      ),
    ).toBe(true);
  });

  it('with tmpLockingThreshold = -1 nothing enters tmp-locked', () => {
    for (const kind of kinds) {
      const rules = { ...defaultRules(kind), tmpLockingThreshold: -1 };
      expect(some(reachable(kind, rules), (t) => t.target === 'tmp-locked')).toBe(false);
      expect(some(reachable(kind), (t) => t.target === 'tmp-locked')).toBe(true);
    }
  });

  it('with maxCredFailureCount = -1 failures never fail-lock', () => {
    const failLock = (t: LifecycleTransition) =>
      t.event === 'login.failed' && t.target === 'fail-locked';
    for (const kind of kinds) {
      const rules = { ...defaultRules(kind), maxCredFailureCount: -1 };
      expect(some(reachable(kind, rules), failLock)).toBe(false);
      expect(some(reachable(kind), failLock)).toBe(true);
    }
  });

  it('a reset leads where the rules say, and maxResetCount = 0 forbids every reset', () => {
    const resets = (kind: CredentialKind, rules: LifecycleRules) =>
      new Set(
        reachable(kind, rules)
          .filter((t) => t.event === 'admin.reset' && t.actions.includes('reset'))
          .map((t) => t.target),
      );
    expect(resets('password', defaultRules('password'))).toEqual(new Set(['initial']));
    expect(resets('puk', defaultRules('puk'))).toEqual(new Set(['active']));
    expect(resets('password', { ...defaultRules('password'), resetTarget: 'reset-code' })).toEqual(
      new Set(['reset-code']),
    );
    for (const kind of kinds) {
      const rules = { ...defaultRules(kind), maxResetCount: 0 };
      expect(some(reachable(kind, rules), (t) => t.event === 'admin.reset')).toBe(false);
    }
  });

  it('nothing leaves archived but deletion', () => {
    for (const kind of kinds) {
      const out = reachable(kind).filter((t) => t.source === 'archived');
      expect(new Set(out.map((t) => t.target))).toEqual(new Set(['deleted']));
    }
  });

  it('witnesses the spec example: failure 2 tmp-locks, the first failure after expiry fail-locks', () => {
    const { witnesses } = lifecycleReachability('password', defaultRules('password'));
    const failLock = witnesses.find((w) => w.transition.id === 'active:login.failed:0');
    expect(failLock?.create.stateName).toBe('active');
    const at = failLock?.create.at ?? 0;
    expect(failLock?.events).toEqual([
      { type: 'login.failed', at },
      { type: 'login.failed', at },
      { type: 'login.failed', at: at + 60_000 },
    ]);
  });

  it('is memoised per kind and rule values', () => {
    const rules = defaultRules('puk');
    expect(lifecycleReachability('puk', { ...rules })).toBe(lifecycleReachability('puk', rules));
    expect(lifecycleReachability('puk', { ...rules, maxCredSuccessCount: 2 })).not.toBe(
      lifecycleReachability('puk', rules),
    );
  });

  it('explores the defaults completely, within its bound', () => {
    for (const kind of kinds)
      expect(lifecycleReachability(kind, defaultRules(kind)).complete).toBe(true);
  });
});

describe('transitionsTaken', () => {
  it('names the expiry and the transition that judges the event in the restored state', () => {
    const rules = defaultRules('password');
    let l = create('password', rules, 'active', 0);
    for (const at of [1, 2]) {
      const r = applyEvent(l, { type: 'login.failed', at });
      if (E.isRight(r)) l = r.right.lifecycle;
    }
    expect(l.state).toBe('tmp-locked');
    // Locked until 2 + 60 s.
    expect(transitionsTaken(l, { type: 'login.failed', at: 60_002 }).map((t) => t.id)).toEqual([
      'tmp-locked:login.failed:1',
      'active:login.failed:0',
    ]);
    // Refused (still locked) and expiry-only-then-refused (unlock of an active credential): none.
    expect(transitionsTaken(l, { type: 'login.failed', at: 60_001 })).toEqual([]);
    expect(transitionsTaken(l, { type: 'admin.unlock', at: 60_002 })).toEqual([]);
    expect(transitionsTaken(l, { type: 'admin.unlock', at: 60_001 }).map((t) => t.id)).toEqual([
      'tmp-locked:admin.unlock:4',
    ]);
  });

  test.prop([scenarioArb], { numRuns: 200 })(
    'an accepted event takes transitions from the state before to the state after; a refused one none',
    (scenario) => {
      let lifecycle = create(scenario.kind, scenario.rules, scenario.stateName);
      for (const event of eventsOf(scenario)) {
        const taken = transitionsTaken(lifecycle, event);
        const r = applyEvent(lifecycle, event);
        if (E.isLeft(r) || r.right.lifecycle === lifecycle) {
          expect(taken).toEqual([]);
          continue;
        }
        expect(taken.length).toBeGreaterThan(0);
        expect(taken.every((t) => t.event === event.type)).toBe(true);
        expect(taken[0]?.source).toBe(lifecycle.state);
        expect(taken.at(-1)?.target).toBe(r.right.lifecycle.state);
        lifecycle = r.right.lifecycle;
      }
    },
  );
});

describe('reachability properties', () => {
  test.prop([kindArb, smallRulesArb], { numRuns: 40 })(
    'every reported transition has a witness that replays through applyEvent and takes it',
    (kind, rules) => {
      const result = lifecycleReachability(kind, rules);
      expect(result.witnesses.map((w) => w.transition)).toEqual(result.transitions);
      for (const w of result.witnesses) {
        expect(w.create.kind).toBe(kind);
        const instants = w.events.map((e) => e.at);
        expect(instants).toEqual([...instants].sort((a, b) => a - b));
        const before = replay(w);
        expect(before).toEqual(E.right(expect.anything()));
        if (E.isLeft(before)) continue;
        const last = w.events.at(-1);
        expect(last?.type).toBe(w.transition.event);
        if (last !== undefined)
          expect(transitionsTaken(before.right, last)).toContain(w.transition);
      }
    },
  );

  test.prop([smallScenarioArb], { numRuns: 150 })(
    'a random run takes no transition that the exploration did not find',
    (scenario) => {
      const result = lifecycleReachability(scenario.kind, scenario.rules);
      expect(result.complete).toBe(true);
      const found = new Set(result.transitions.map((t) => t.id));
      let lifecycle = create(scenario.kind, scenario.rules, scenario.stateName);
      for (const event of eventsOf(scenario)) {
        for (const t of transitionsTaken(lifecycle, event)) expect(found).toContain(t.id);
        const r = applyEvent(lifecycle, event);
        if (E.isRight(r)) lifecycle = r.right.lifecycle;
      }
    },
  );
});

describe('an administrator extending the validity', () => {
  it('lets a credential created with lifetime 0 log in after a temporary lock ends', () => {
    // The spec: admin.update may set a new validity; inside it, a login after
    // the lock time has passed succeeds (tmp-locked → the state before the lock).
    const rules: LifecycleRules = {
      ...defaultRules('password'),
      credentialLifetime: 0,
      tmpLockingThreshold: 1,
      tmpLockingDuration: 1_000,
      initialPwchangeRequired: false,
    };
    const created = createLifecycle({ kind: 'password', rules, stateName: 'active', at: 0 });
    if (E.isLeft(created)) throw new Error('create');
    let lifecycle: Lifecycle = created.right;
    const events = [
      { type: 'admin.update', at: 0, validity: { from: 0, to: 10 * DAY } },
      { type: 'login.failed', at: 0 },
    ] as const;
    for (const event of events) {
      const r = applyEvent(lifecycle, event);
      if (E.isLeft(r)) throw new Error(event.type);
      lifecycle = r.right.lifecycle;
    }
    expect(lifecycle.state).toBe('tmp-locked');
    const success = { type: 'login.succeeded', at: 60_000 } as const;
    const taken = transitionsTaken(lifecycle, success).map((t) => t.id);
    expect(taken.some((id) => id.startsWith('tmp-locked:login.succeeded'))).toBe(true);
    const found = new Set(reachable('password', rules).map((t) => t.id));
    for (const id of taken) expect(found).toContain(id);
  });
});
