import { fc, test } from '@fast-check/vitest';
import { either as E } from 'fp-ts';
import { describe, expect } from 'vitest';
import {
  applyEvent,
  canLogin,
  isLifecycle,
  type Lifecycle,
  type LifecycleEvent,
  LifecycleValue,
  loginStates,
  type Outcome,
  type Refusal,
  withRules,
} from '../../src/lifecycle/index.js';
import {
  create,
  eventsOf,
  LATEST_WIRE_INSTANT,
  rulesArb,
  type Scenario,
  scenarioArb,
} from './support.js';

type Step = {
  readonly before: Lifecycle;
  readonly beforeJson: string;
  readonly event: LifecycleEvent;
  readonly result: E.Either<Refusal, Outcome>;
};

/** Runs a scenario, recording every step with a JSON copy of the value before it. */
const run = (scenario: Scenario): Step[] => {
  let lifecycle = create(scenario.kind, scenario.rules, scenario.stateName);
  const steps: Step[] = [];
  for (const event of eventsOf(scenario)) {
    const beforeJson = JSON.stringify(lifecycle);
    const result = applyEvent(lifecycle, event);
    steps.push({ before: lifecycle, beforeJson, event, result });
    if (E.isRight(result)) lifecycle = result.right.lifecycle;
  }
  return steps;
};

const lockDue = (l: Lifecycle, at: number): boolean =>
  l.state === 'tmp-locked' && l.context.lockedUntil !== null && at >= l.context.lockedUntil;

/** The state a login is judged in: the stored one, or the one a due tmp-lock restores. */
const settledState = (l: Lifecycle, at: number) =>
  lockDue(l, at) && l.context.stateBeforeLock !== null ? l.context.stateBeforeLock : l.state;

const accepted = (steps: Step[]) =>
  steps.flatMap((s) => (E.isRight(s.result) ? [{ ...s, outcome: s.result.right }] : []));

const NUM_RUNS = { numRuns: 300 };

describe('lifecycle properties', () => {
  test.prop([scenarioArb], NUM_RUNS)('counters are never negative', (scenario) => {
    for (const { outcome } of accepted(run(scenario))) {
      const c = outcome.lifecycle.context;
      for (const n of [
        c.failedLoginCount,
        c.successfulLoginCount,
        c.resetCount,
        c.failureCount,
        c.successCount,
        c.version,
      ]) {
        expect(n).toBeGreaterThanOrEqual(0);
      }
    }
  });

  test.prop([scenarioArb], NUM_RUNS)(
    'fail-locked is entered exactly when the rule says',
    (scenario) => {
      const { maxCredFailureCount: maxF, maxCredSuccessCount: maxS, singleUse } = scenario.rules;
      for (const { before, event, outcome } of accepted(run(scenario))) {
        const after = outcome.lifecycle;
        const entered = after.state === 'fail-locked' && before.state !== 'fail-locked';
        const c = after.context;
        const byFailures =
          event.type === 'login.failed' && maxF !== -1 && c.failedLoginCount >= maxF;
        const bySuccesses =
          event.type === 'login.succeeded' &&
          !singleUse &&
          maxS !== -1 &&
          c.successfulLoginCount >= maxS;
        expect(entered, `${before.state} ${event.type}`).toBe(byFailures || bySuccesses);
      }
    },
  );

  test.prop([scenarioArb], NUM_RUNS)('a login is only judged from a login state', (scenario) => {
    for (const { before, event, result } of run(scenario)) {
      if (event.type !== 'login.succeeded' && event.type !== 'login.failed') continue;
      const from = settledState(before, event.at);
      const inLoginState = (loginStates as readonly string[]).includes(from);
      const valid =
        event.at >= before.context.validity.from && event.at <= before.context.validity.to;
      // A password in initial/admin-changed that must be changed logs in only within its
      // period from the state change that put it there (a temporary lock does not renew it).
      const { rules, stateEnteredAt } = before.context;
      const period =
        from === 'initial'
          ? rules.initialPwchangePeriodInitial
          : from === 'admin-changed'
            ? rules.initialPwchangePeriodAdminChanged
            : -1;
      const since = stateEnteredAt;
      const overdue =
        scenario.kind === 'password' &&
        rules.initialPwchangeRequired &&
        period !== -1 &&
        event.at > since + period;
      expect(E.isRight(result), `${from} ${event.type}`).toBe(inLoginState && valid && !overdue);
      expect(E.isRight(canLogin(before, event.at))).toBe(E.isRight(result));
    }
  });

  test.prop([scenarioArb], NUM_RUNS)('archived is never left except by deletion', (scenario) => {
    for (const { before, outcome } of accepted(run(scenario))) {
      if (before.state === 'archived') {
        expect(['archived', 'deleted']).toContain(outcome.lifecycle.state);
      }
    }
  });

  test.prop([scenarioArb], NUM_RUNS)('a refused event leaves the value as it was', (scenario) => {
    for (const { before, beforeJson, result } of run(scenario)) {
      if (E.isLeft(result)) expect(JSON.stringify(before)).toBe(beforeJson);
    }
  });

  test.prop([scenarioArb], NUM_RUNS)('version grows by exactly 1 per change', (scenario) => {
    for (const { before, event, outcome } of accepted(run(scenario))) {
      const delta = outcome.lifecycle.context.version - before.context.version;
      if (outcome.lifecycle === before) {
        expect(delta).toBe(0);
        continue;
      }
      // A due tmp-lock expiry is a change of its own before the event's; a
      // time.passes does the expiry only.
      const expiry = lockDue(before, event.at) ? 1 : 0;
      if (expiry === 0) expect(delta).toBe(1);
      else if (event.type === 'time.passes') expect(delta).toBe(1);
      else {
        // The expiry first (one change), then the event in the restored state: one
        // more when it changes that state, none when it is a no-op or refused there.
        const restored = applyEvent(before, { type: 'time.passes', at: event.at });
        if (E.isLeft(restored)) throw new Error('a due expiry is refused');
        const then = applyEvent(restored.right.lifecycle, event);
        const changes = E.isRight(then) && then.right.lifecycle !== restored.right.lifecycle;
        expect(delta).toBe(changes ? 2 : 1);
      }
      expect(outcome.lifecycle.context.lastModified).toBe(event.at);
    }
  });

  test.prop([scenarioArb], NUM_RUNS)('values survive a JSON round trip and decode', (scenario) => {
    for (const { before, event, result } of run(scenario)) {
      const restored: unknown = JSON.parse(JSON.stringify(before));
      expect(restored).toEqual(before);
      expect(isLifecycle(restored)).toBe(true);
      const decoded = LifecycleValue.decode(restored);
      if (E.isLeft(decoded) || !isLifecycle(restored)) throw new Error('does not decode');
      // The restored value behaves exactly like the original.
      const again = applyEvent(decoded.right, event);
      expect(E.isRight(again)).toBe(E.isRight(result));
      if (E.isRight(again) && E.isRight(result)) {
        expect(again.right.lifecycle).toEqual(result.right.lifecycle);
        expect(again.right.loginStatus).toBe(result.right.loginStatus);
      } else {
        expect(again).toEqual(result);
      }
    }
  });

  test.prop([scenarioArb, rulesArb])(
    'withRules changes the rules only (and a PUK validity with its lifetime)',
    (scenario, rules) => {
      const [last] = run(scenario).slice(-1);
      const l = last?.before ?? create(scenario.kind, scenario.rules, scenario.stateName);
      const changed = withRules(l, rules);
      expect(changed.context.rules).toBe(rules);
      const { from, to } = l.context.validity;
      // A PUK's lifetime is read at every login: a new one counts from validity.from,
      // capped at the latest wire instant.
      const validity =
        scenario.kind === 'puk' && rules.credentialLifetime !== l.context.rules.credentialLifetime
          ? { from, to: Math.min(from + rules.credentialLifetime, LATEST_WIRE_INSTANT) }
          : { from, to };
      expect({ ...changed.context, rules: l.context.rules }).toEqual({ ...l.context, validity });
      expect(changed.state).toBe(l.state);
    },
  );

  test.prop([fc.anything()])('LifecycleValue rejects arbitrary values without throwing', (u) => {
    expect(E.isLeft(LifecycleValue.decode(u))).toBe(true);
  });
});
