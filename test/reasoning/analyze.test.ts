/**
 * `analyzePolicy` against brute force: every figure is checked on generated
 * policies (both locking modes, the -1 switches, zero durations) by running
 * attacks through `explain` step by step — the fastest attack, the analysis'
 * own schedules, and random schedules that must never beat the figures.
 * The examples' expectations are worked out by hand from the lockout rule of
 * the domain reference.
 */
import { fc, test } from '@fast-check/vitest';
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import type { CredentialKind } from '../../src/domain/credential-type.js';
import type { PolicyOfKind } from '../../src/operations/policy-book.js';
import { analysisWindows, analyzePolicy } from '../../src/reasoning/analyze.js';
import {
  type ExplainRow,
  type ExplainState,
  explain,
  explainStep,
  startExplaining,
} from '../../src/reasoning/explain.js';
import type { Step } from '../../src/reasoning/script.js';
import { DAY, HOUR, kindArb, lockoutParametersArb, MINUTE, policyOf } from './support.js';

const CAP = 3_000;

/** Durations and lifetimes small enough next to each other for brute force. */
const policyArb = kindArb.chain((kind) =>
  fc.tuple(
    fc.constant(kind),
    lockoutParametersArb(
      kind,
      [0, 10 * MINUTE, HOUR, 7 * HOUR, DAY, 3 * DAY],
      [1, MINUTE, HOUR, 5 * HOUR, DAY, 5 * DAY],
    ),
  ),
);

const isJudged = (row: ExplainRow): boolean => row.statusCode !== undefined;

/**
 * The last instant a login on the fresh credential is judged, read off the
 * parameters as the spec states the rules: the validity (from 0 for
 * `credentialLifetime`, inclusive) and, for a password its user must change
 * (required unless `initialPwchangeRequired` is false), the change period
 * of `initial` (-1: no limit).
 */
const lastJudged = (kind: CredentialKind, parameters: Readonly<Record<string, string>>): number => {
  const lifetime = Number(parameters.credentialLifetime);
  const period = Number(parameters['initialPwchangePeriod.initial'] ?? '-1');
  const owes = kind === 'password' && parameters.initialPwchangeRequired !== 'false';
  return owes && period !== -1 ? Math.min(lifetime, period) : lifetime;
};

/**
 * The fastest attack, by brute force: a wrong guess whenever one is judged,
 * waiting out each temporary lock, until the credential refuses for another
 * reason or CAP guesses are made.
 */
const fastestAttack = <K extends CredentialKind>(kind: K, policy: PolicyOfKind<K>) => {
  let state: ExplainState<K> = startExplaining(kind, policy);
  const times: number[] = [];
  const locks: [number, number][] = [];
  let failLocked = false;
  while (times.length < CAP) {
    const { state: next, row } = explainStep(state, { name: 'fail' });
    if (!isJudged(row)) {
      const until = state.lifecycle.context.lockedUntil;
      if (state.lifecycle.state !== 'tmp-locked' || until === null) break;
      state = explainStep(state, { name: 'wait', ms: until - state.at }).state;
      continue;
    }
    times.push(row.at);
    state = next;
    if (row.state === 'tmp-locked' && row.lockedUntil !== null)
      locks.push([row.at, row.lockedUntil]);
    if (row.state === 'fail-locked') {
      failLocked = true;
      break;
    }
  }
  return { times, locks, failLocked, endless: times.length === CAP };
};

const countOrUnlimited = (times: readonly number[], endless: boolean, window: number) => {
  const inside = times.filter((t) => t - (times[0] ?? 0) < window).length;
  return endless && inside === times.length ? 'unlimited' : inside;
};

/** Wrong guesses that an explained schedule gets judged, and the time from the first to the last. */
const judgedGuesses = (steps: readonly ExplainRow[]) => {
  const judged = steps.filter((r) => r.step === 'fail' && isJudged(r));
  return { count: judged.length, span: (judged.at(-1)?.at ?? 0) - (judged[0]?.at ?? 0) };
};

/** Tmp-locked time in [start, end), clipped to when the credential is valid (t ≤ lifetime). */
const lockedWithin = (locks: readonly [number, number][], start: number, end: number) =>
  locks.reduce(
    (sum, [from, to]) => sum + Math.max(0, Math.min(to, end) - Math.max(from, start)),
    0,
  );

describe('analyzePolicy against brute force through explain', () => {
  test.prop([policyArb], { numRuns: 150 })(
    'failures before the permanent lock and the most guesses per hour, day and lifetime',
    ([kind, parameters]) => {
      const policy = policyOf(kind, parameters);
      const analysis = analyzePolicy(kind, policy);
      const attack = fastestAttack(kind, policy);
      expect(analysis.failuresBeforePermanentLock).toBe(
        attack.failLocked ? attack.times.length : null,
      );
      expect(analysis.lockoutExposure.permanentLockReachable).toBe(attack.failLocked);
      const guesses = analysis.maxGuesses;
      expect({
        hour: guesses.hour.guesses,
        day: guesses.day.guesses,
        lifetime: guesses.lifetime.guesses,
      }).toEqual({
        hour: countOrUnlimited(attack.times, attack.endless, analysisWindows.hour),
        day: countOrUnlimited(attack.times, attack.endless, analysisWindows.day),
        lifetime: attack.endless ? 'unlimited' : attack.times.length,
      });
    },
  );

  test.prop([policyArb], { numRuns: 150 })(
    'the schedule of each guess figure, run through explain, makes that many guesses in its window',
    ([kind, parameters]) => {
      const policy = policyOf(kind, parameters);
      const analysis = analyzePolicy(kind, policy);
      const windows = { hour: analysisWindows.hour, day: analysisWindows.day, lifetime: Infinity };
      for (const [name, window] of Object.entries(windows) as [keyof typeof windows, number][]) {
        const { guesses, schedule } = analysis.maxGuesses[name];
        const explained = explain(kind, policy, schedule.script);
        if (E.isLeft(explained)) expect.fail(explained.left.message);
        const made = judgedGuesses(explained.right.steps);
        if (guesses === 'unlimited') {
          expect(schedule.endless, name).toBe(true);
          expect(made.count, name).toBe(explained.right.steps.length);
        } else {
          expect({ name, count: made.count, inWindow: made.span < window }).toEqual({
            name,
            count: guesses,
            inWindow: true,
          });
        }
      }
    },
  );

  test.prop([policyArb], { numRuns: 150 })(
    'the most tmp-locked time in a day, short of a permanent lock, and its schedule',
    ([kind, parameters]) => {
      const policy = policyOf(kind, parameters);
      const { lockoutExposure } = analyzePolicy(kind, policy);
      const attack = fastestAttack(kind, policy);
      const end = Math.min(analysisWindows.day, lastJudged(kind, parameters) + 1);
      expect(lockoutExposure.tmpLockedPerDay).toBe(lockedWithin(attack.locks, 0, end));
      const explained = explain(kind, policy, lockoutExposure.schedule.script);
      if (E.isLeft(explained)) expect.fail(explained.left.message);
      const rows = explained.right.steps;
      expect(rows.some((r) => r.state === 'fail-locked')).toBe(false);
      const locks = rows.flatMap((r): [number, number][] =>
        r.statusCode === 9 && r.lockedUntil !== null ? [[r.at, r.lockedUntil]] : [],
      );
      expect(lockedWithin(locks, 0, end)).toBe(lockoutExposure.tmpLockedPerDay);
    },
  );

  const scheduleArb = fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constant<Step>({ name: 'fail' }) },
      {
        weight: 2,
        arbitrary: fc
          .oneof(
            fc.constantFrom(0, 1, 10 * MINUTE - 1, 10 * MINUTE, HOUR, 7 * HOUR),
            fc.integer({ min: 0, max: DAY }),
          )
          .map((ms): Step => ({ name: 'wait', ms })),
      },
    ),
    { maxLength: 60 },
  );

  test.prop([policyArb, scheduleArb], { numRuns: 200 })(
    'no other schedule of wrong guesses beats the figures',
    ([kind, parameters], schedule) => {
      const policy = policyOf(kind, parameters);
      const analysis = analyzePolicy(kind, policy);
      let state = startExplaining(kind, policy);
      const rows: ExplainRow[] = [];
      for (const step of schedule) {
        const next = explainStep(state, step);
        state = next.state;
        rows.push(next.row);
      }
      const judged = rows.filter((r) => r.step === 'fail' && isJudged(r));
      const start = judged[0]?.at ?? 0;
      const atMost = (count: number, figure: number | 'unlimited') =>
        figure === 'unlimited' || count <= figure;
      for (const [name, window] of [
        ['hour', analysisWindows.hour],
        ['day', analysisWindows.day],
        ['lifetime', Infinity],
      ] as const) {
        const count = judged.filter((r) => r.at - start < window).length;
        expect(atMost(count, analysis.maxGuesses[name].guesses), `${name}: ${count}`).toBe(true);
      }
      if (!rows.some((r) => r.state === 'fail-locked')) {
        const locks = rows.flatMap((r): [number, number][] =>
          r.statusCode === 9 && r.lockedUntil !== null ? [[r.at, r.lockedUntil]] : [],
        );
        const end = Math.min(start + analysisWindows.day, lastJudged(kind, parameters) + 1);
        expect(lockedWithin(locks, start, end)).toBeLessThanOrEqual(
          analysis.lockoutExposure.tmpLockedPerDay,
        );
      }
    },
  );

  test.prop([policyArb], { numRuns: 100 })(
    'successes allowed, single use, resets allowed and validity',
    ([kind, parameters]) => {
      const policy = policyOf(kind, parameters);
      const analysis = analyzePolicy(kind, policy);
      const repeat = (name: 'login' | 'reset', accepted: (row: ExplainRow) => boolean) => {
        let state = startExplaining(kind, policy);
        for (let n = 0; n < 100; n++) {
          const { state: next, row } = explainStep(state, { name });
          if (!accepted(row)) return n;
          if (row.state === 'deleted' || row.state === 'fail-locked') return n + 1;
          state = next;
        }
        return 'unlimited';
      };
      expect(analysis.successesAllowed).toBe(repeat('login', (r) => r.statusCode === 5));
      expect(analysis.resetsAllowed).toBe(repeat('reset', (r) => r.refusal === undefined));
      const first = explain(kind, policy, 'login');
      expect(analysis.singleUse).toBe(
        E.isRight(first) && first.right.steps[0]?.state === 'deleted',
      );
      const at = (ms: number) => {
        const e = explain(kind, policy, `wait ${ms} login`);
        return E.isRight(e) ? e.right.steps[1]?.refusal?.code : 'error';
      };
      const last = lastJudged(kind, parameters);
      expect([at(last), at(last + 1)]).toEqual([undefined, 'errors.credentialExpired']);
      expect(analysis.validity).toBe(Number(parameters.credentialLifetime));
      const period = Number(parameters['initialPwchangePeriod.initial'] ?? '-1');
      const owes = kind === 'password' && parameters.initialPwchangeRequired !== 'false';
      expect(analysis.passwordChangeDue).toBe(owes && period !== -1 ? period : null);
    },
  );
});

describe('analyzePolicy on worked examples', () => {
  const figures = <K extends CredentialKind>(kind: K, parameters: Record<string, string> = {}) => {
    const a = analyzePolicy(kind, policyOf(kind, parameters));
    return {
      failures: a.failuresBeforePermanentLock,
      hour: a.maxGuesses.hour.guesses,
      day: a.maxGuesses.day.guesses,
      lifetime: a.maxGuesses.lifetime.guesses,
      locked: a.lockoutExposure.tmpLockedPerDay,
      permanent: a.lockoutExposure.permanentLockReachable,
      successes: a.successesAllowed,
      singleUse: a.singleUse,
      resets: a.resetsAllowed,
      validity: a.validity,
    };
  };
  const defaultLockout = {
    failures: 3,
    hour: 3,
    day: 3,
    lifetime: 3,
    locked: MINUTE,
    permanent: true,
  };

  it('the defaults of each kind: 2 guesses, 60 s locked, 1 more guess fail-locks', () => {
    expect(figures('password')).toEqual({
      ...defaultLockout,
      successes: 'unlimited',
      singleUse: false,
      resets: 'unlimited',
      validity: 3650 * DAY,
    });
    expect(figures('puk')).toMatchObject({ ...defaultLockout, successes: 5, singleUse: false });
    for (const kind of ['tempStrongPassword', 'ticket'] as const) {
      expect(figures(kind), kind).toMatchObject({
        ...defaultLockout,
        successes: 1,
        singleUse: true,
        validity: 5 * DAY,
      });
    }
    expect(analyzePolicy('password', policyOf('password')).maxGuesses.day.schedule.script).toBe(
      'fail*2 wait 1m fail',
    );
  });

  it('without the fail-lock, strict mode allows 1 guess per lock, threshold mode 2', () => {
    expect(figures('password', { maxCredFailureCount: '-1' })).toMatchObject({
      failures: null,
      hour: 61,
      day: 1_441,
      lifetime: 2 + 5_256_000,
      locked: DAY,
      permanent: false,
    });
    expect(
      figures('password', { maxCredFailureCount: '-1', tmpLockingMode: 'threshold' }),
    ).toMatchObject({
      hour: 120,
      day: 2_880,
      lifetime: 2 * 5_256_001,
      locked: DAY,
    });
  });

  it('a hardened policy: 5 failures, tmp-locks of 15 min from the third', () => {
    const a = analyzePolicy(
      'password',
      policyOf('password', {
        maxCredFailureCount: '5',
        tmpLockingThreshold: '3',
        tmpLockingDuration: String(15 * MINUTE),
      }),
    );
    expect(a.failuresBeforePermanentLock).toBe(5);
    expect(a.maxGuesses.hour).toEqual({
      guesses: 5,
      schedule: {
        segments: [
          { repeat: 1, guesses: 3, waitAfter: 15 * MINUTE },
          { repeat: 1, guesses: 1, waitAfter: 15 * MINUTE },
          { repeat: 1, guesses: 1, waitAfter: 0 },
        ],
        endless: false,
        script: 'fail*3 wait 15m fail wait 15m fail',
      },
    });
    expect(a.lockoutExposure).toMatchObject({
      tmpLockedPerDay: 30 * MINUTE,
      permanentLockReachable: true,
    });
    expect(a.lockoutExposure.schedule.script).toBe('fail*3 wait 15m fail');
  });

  it('with no lock that makes one wait, the guesses have no bound but the fail-lock', () => {
    expect(figures('ticket', { maxCredFailureCount: '-1', tmpLockingDuration: '0' })).toMatchObject(
      {
        hour: 'unlimited',
        lifetime: 'unlimited',
        locked: 0,
      },
    );
    expect(
      figures('ticket', { maxCredFailureCount: '5', tmpLockingThreshold: '-1' }),
    ).toMatchObject({
      failures: 5,
      hour: 5,
      locked: 0,
    });
    const endless = analyzePolicy(
      'puk',
      policyOf('puk', { maxCredFailureCount: '-1', tmpLockingThreshold: '-1' }),
    );
    expect(endless.maxGuesses.day.schedule).toMatchObject({ endless: true, script: 'fail' });
  });

  it('the validity ends the guessing: a TSP locked for a day per guess allows 2 + 5', () => {
    expect(
      figures('tempStrongPassword', { maxCredFailureCount: '-1', tmpLockingDuration: String(DAY) }),
    ).toMatchObject({
      hour: 2,
      day: 2,
      lifetime: 7,
      locked: DAY,
    });
  });
});
