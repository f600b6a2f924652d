/**
 * Severity of credential problems (domain reference, section 2): tmp-locked <
 * fail-locked < expired < disabled < archived; a user's status is the most
 * severe problem over their credentials, and a login refused for several
 * reasons reports the most severe one. Expectations are derived here from the
 * stored state, the validity and the change period, not from the library.
 */
import { fc, test } from '@fast-check/vitest';
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  canLogin,
  credentialProblem,
  type Lifecycle,
  problemOfRefusal,
  userCredentialStatus,
} from '../../src/lifecycle/index.js';
import { accept, create, DAY, defaultRules, eventsOf, scenarioArb, T0 } from './support.js';

/** The reference guide's order, least severe first. */
const ORDER = ['tmp-locked', 'fail-locked', 'expired', 'disabled', 'archived'] as const;
type Problem = (typeof ORDER)[number];

/** Every problem a credential has at `at`, read off its value as the spec defines them. */
const problemsAt = (l: Lifecycle, at: number): Problem[] => {
  const c = l.context;
  // A temporary lock that has ended by `at` restores the state it locked, now.
  const lockEnded = l.state === 'tmp-locked' && c.lockedUntil !== null && at >= c.lockedUntil;
  const state = lockEnded && c.stateBeforeLock !== null ? c.stateBeforeLock : l.state;
  const since = c.stateEnteredAt;
  const found: Problem[] = [];
  if (state === 'tmp-locked' || state === 'fail-locked' || state === 'disabled') found.push(state);
  if (state === 'archived') found.push('archived');
  if (at > c.validity.to || at < c.validity.from) found.push('expired');
  const period =
    state === 'initial'
      ? c.rules.initialPwchangePeriodInitial
      : state === 'admin-changed'
        ? c.rules.initialPwchangePeriodAdminChanged
        : -1;
  if (c.kind === 'password' && c.rules.initialPwchangeRequired && period !== -1) {
    if (at > since + period) found.push('expired');
  }
  return found;
};

const mostSevere = (problems: readonly Problem[]): Problem | undefined =>
  [...ORDER].reverse().find((p) => problems.includes(p));

/** Every stored value a scenario passes through (deleted ones left out). */
const valuesOf = (scenario: fc.Arbitrary<Parameters<typeof eventsOf>[0]>) =>
  scenario.map((s) => {
    let l = create(s.kind, s.rules, s.stateName);
    const values = [l];
    for (const event of eventsOf(s)) {
      const r = applyEvent(l, event);
      if (E.isRight(r) && r.right.lifecycle.state !== 'deleted') {
        l = r.right.lifecycle;
        values.push(l);
      }
    }
    return values;
  });

const offsetArb = fc.oneof(
  fc.constantFrom(-1, 0, 1, 60_000, DAY, 11 * DAY),
  fc.integer({ min: -DAY, max: 12 * DAY }),
);

describe('credentialProblem', () => {
  test.prop([valuesOf(scenarioArb), offsetArb], { numRuns: 300 })(
    'is the most severe problem the credential has at the instant, and the one a login reports',
    (values, offset) => {
      for (const l of values) {
        const at = l.context.lastModified + offset;
        const expected = mostSevere(problemsAt(l, at));
        expect(credentialProblem(l, at), `${l.state} at +${offset}`).toBe(expected);
        expect(credentialProblem({ lifecycle: l }, at)).toBe(expected);
        const refused = canLogin(l, at);
        expect(E.isLeft(refused) ? problemOfRefusal(refused.left) : undefined).toBe(expected);
        for (const type of ['login.succeeded', 'login.failed'] as const) {
          const r = applyEvent(l, { type, at });
          expect(E.isLeft(r) ? problemOfRefusal(r.left) : undefined).toBe(expected);
        }
      }
    },
  );

  it('a fail-locked credential past its validity is expired, and its login says so', () => {
    let l = create('password', defaultRules('password'), 'active');
    for (let i = 1; i <= 3; i++)
      l = accept(l, { type: 'login.failed', at: T0 + i * 61_000 }).lifecycle;
    expect(l.state).toBe('fail-locked');
    const late = l.context.validity.to + 1;
    expect(credentialProblem(l, T0 + DAY)).toBe('fail-locked');
    expect(credentialProblem(l, late)).toBe('expired');
    expect(canLogin(l, late)).toEqual(E.left({ _tag: 'Expired', validTo: l.context.validity.to }));
  });
});

describe('userCredentialStatus', () => {
  test.prop([fc.array(valuesOf(scenarioArb), { maxLength: 4 }), offsetArb], { numRuns: 200 })(
    "is the most severe of the credentials' problems, in any order and as a record",
    (runs, offset) => {
      const credentials = runs.map((values) => values[values.length - 1] as Lifecycle);
      const at = T0 + offset;
      const expected = mostSevere(credentials.flatMap((l) => problemsAt(l, at)));
      expect(userCredentialStatus(credentials, at)).toBe(expected);
      expect(userCredentialStatus([...credentials].reverse(), at)).toBe(expected);
      const record = Object.fromEntries(credentials.map((l, i) => [`k${i}`, { lifecycle: l }]));
      expect(userCredentialStatus(record, at)).toBe(expected);
    },
  );

  it('none for a user without credentials or without problems', () => {
    expect(userCredentialStatus([], T0)).toBeUndefined();
    expect(userCredentialStatus({ password: undefined }, T0)).toBeUndefined();
    expect(userCredentialStatus([create('puk'), create('ticket')], T0 + 1)).toBeUndefined();
  });

  it('orders the five problems as the reference guide does', () => {
    const at = T0 + 2 * DAY;
    const tmp = accept(
      accept(create('password', defaultRules('password'), 'active'), {
        type: 'login.failed',
        at: at - 2,
      }).lifecycle,
      { type: 'login.failed', at: at - 1 },
    ).lifecycle;
    const disabled = accept(create('puk'), {
      type: 'admin.update',
      at: T0,
      stateName: 'disabled',
    }).lifecycle;
    const byProblem: Record<Problem, Lifecycle> = {
      'tmp-locked': tmp,
      'fail-locked': { ...create('puk'), state: 'fail-locked' },
      expired: create('ticket', { ...defaultRules('ticket'), credentialLifetime: DAY }),
      disabled,
      archived: accept(create('puk'), { type: 'admin.update', at: T0, stateName: 'archived' })
        .lifecycle,
    };
    for (const [i, problem] of ORDER.entries()) {
      expect(credentialProblem(byProblem[problem], at)).toBe(problem);
      const upTo = ORDER.slice(0, i + 1).map((p) => byProblem[p]);
      expect(userCredentialStatus(upTo, at)).toBe(problem);
      expect(userCredentialStatus(upTo.reverse(), at)).toBe(problem);
    }
  });
});
