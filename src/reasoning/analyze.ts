/**
 * `analyzePolicy`: what a policy's lockout rules mean for one credential —
 * how many wrong guesses an attacker gets, how long they can lock the
 * rightful user out, and the other limits. The guess figures are closed
 * forms of the lockout arithmetic the machine's `lockAfterFailures` applies,
 * over the validity the creation gives and up to the last instant `canLogin`
 * judges a login; the property tests prove them equal to brute-force attacks
 * through `explain`.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import type { CredentialKind } from '../domain/credential-type.js';
import { latestInstant } from '../domain/instant.js';
import {
  canLogin,
  type Lifecycle,
  type LifecycleRules,
  passwordChangeRequirement,
} from '../lifecycle/index.js';
import type { PolicyOfKind } from '../operations/policy-book.js';
import { formatDuration } from './duration.js';
import { explainStep, startExplaining } from './explain.js';

/**
 * A count that may have no bound.
 *
 * @example
 * import type { Count } from 'credential-lifecycle';
 * const counts: Count[] = [3, 'unlimited'];
 */
export type Count = number | 'unlimited';

/**
 * Part of a guessing schedule: `repeat` times, make `guesses` wrong guesses
 * at once and then wait `waitAfter` ms.
 *
 * @example
 * import type { ScheduleSegment } from 'credential-lifecycle';
 * const twoThenWait: ScheduleSegment = { repeat: 1, guesses: 2, waitAfter: 60_000 };
 */
export interface ScheduleSegment {
  readonly repeat: number;
  readonly guesses: number;
  readonly waitAfter: number;
}

/**
 * A schedule of wrong guesses, as segments and as a script `explain` runs.
 * An `endless` schedule repeats its segments without end (no lock ever stops
 * the guesses, or every lock ends at once).
 *
 * @example
 * import type { GuessSchedule } from 'credential-lifecycle';
 * const s: GuessSchedule = {
 *   segments: [{ repeat: 1, guesses: 2, waitAfter: 60_000 }, { repeat: 1, guesses: 1, waitAfter: 0 }],
 *   endless: false,
 *   script: 'fail*2 wait 1m fail',
 * };
 */
export interface GuessSchedule {
  readonly segments: readonly ScheduleSegment[];
  readonly endless: boolean;
  readonly script: string;
}

/**
 * The most wrong guesses in a window, and a schedule that makes them.
 *
 * @example
 * import type { GuessFigure } from 'credential-lifecycle';
 * const f = (g: GuessFigure) => (g.guesses === 'unlimited' ? Infinity : g.guesses);
 */
export interface GuessFigure {
  readonly guesses: Count;
  readonly schedule: GuessSchedule;
}

/**
 * What a policy means for one credential of its kind, from creation on, with
 * no administrator acting. Durations are milliseconds.
 *
 * @example
 * import { analyzePolicy, defaultPolicy } from 'credential-lifecycle';
 * analyzePolicy('password', defaultPolicy('PwdPolicy')).failuresBeforePermanentLock; // 3
 */
export interface PolicyAnalysis {
  readonly kind: CredentialKind;
  /** Wrong guesses (the locking one included) until the credential fail-locks; `null`: never. */
  readonly failuresBeforePermanentLock: number | null;
  /** The most wrong guesses without a right one: in an hour, a day, and over the validity. */
  readonly maxGuesses: {
    readonly hour: GuessFigure;
    readonly day: GuessFigure;
    readonly lifetime: GuessFigure;
  };
  /** How long someone else's wrong guesses keep the rightful user out. */
  readonly lockoutExposure: {
    /** The most tmp-locked time within a day, without causing a permanent lock. */
    readonly tmpLockedPerDay: number;
    /** The guesses that achieve `tmpLockedPerDay`. */
    readonly schedule: GuessSchedule;
    /** Whether wrong guesses alone can fail-lock the credential. */
    readonly permanentLockReachable: boolean;
  };
  /** Successful logins until the credential is consumed or locked. */
  readonly successesAllowed: Count;
  /** Whether the first successful login consumes (deletes) the credential. */
  readonly singleUse: boolean;
  /** Administrator resets over the credential's life. */
  readonly resetsAllowed: Count;
  /** The validity period a creation (or a reset) gives. */
  readonly validity: number;
  /**
   * For a password its user must change after a creation (or a reset): how
   * long logins still work before the change is overdue
   * (`initialPwchangePeriod.initial`); `null` when no change is required or
   * the period is unlimited.
   */
  readonly passwordChangeDue: number | null;
}

/**
 * The windows of `maxGuesses`, in ms. A window of length L starts at the
 * first guess t0 and holds the instants t with t − t0 < L.
 *
 * @example
 * import { analysisWindows } from 'credential-lifecycle';
 * analysisWindows.day; // 86400000
 */
export const analysisWindows = { hour: 3_600_000, day: 86_400_000 } as const;

/** Tmp-locks among the failure counts 1..failures, by the lockout rule below the fail-lock. */
const tmpLocksAmong = (rules: LifecycleRules, failures: number): number => {
  const threshold = rules.tmpLockingThreshold;
  if (threshold === -1 || failures < 1) return 0;
  return rules.tmpLockingMode === 'strict'
    ? Math.max(0, failures - threshold + 1)
    : Math.floor(failures / threshold);
};

/** Whether every guess can be made at the first instant (no lock ever makes one wait). */
const neverWaits = (rules: LifecycleRules): boolean =>
  rules.tmpLockingThreshold === -1 || rules.tmpLockingDuration === 0;

const capped = (rules: LifecycleRules, guesses: number): number =>
  rules.maxCredFailureCount === -1 ? guesses : Math.min(guesses, rules.maxCredFailureCount);

/**
 * The most wrong guesses made at instants ≤ `last` when each is made as early
 * as the locks allow: guess k comes at D × (tmp-locks among the first k − 1).
 */
const guessesUntil = (rules: LifecycleRules, last: number): Count => {
  if (last < 0) return 0;
  if (neverWaits(rules)) {
    return rules.maxCredFailureCount === -1 ? 'unlimited' : rules.maxCredFailureCount;
  }
  const locks = Math.floor(last / rules.tmpLockingDuration);
  const threshold = rules.tmpLockingThreshold;
  const guesses = rules.tmpLockingMode === 'strict' ? threshold + locks : threshold * (locks + 1);
  return capped(rules, guesses);
};

/** The guesses made together at each instant of the earliest schedule, as runs of equal groups. */
const groupRuns = (rules: LifecycleRules, guesses: number): [size: number, count: number][] => {
  if (guesses === 0) return [];
  if (neverWaits(rules)) return [[guesses, 1]];
  const threshold = rules.tmpLockingThreshold;
  if (rules.tmpLockingMode === 'strict') {
    const first = Math.min(threshold, guesses);
    return guesses > first
      ? [
          [first, 1],
          [1, guesses - first],
        ]
      : [[first, 1]];
  }
  const full = Math.floor(guesses / threshold);
  const rest = guesses % threshold;
  return [
    ...(full > 0 ? [[threshold, full] as [number, number]] : []),
    ...(rest > 0 ? [[rest, 1] as [number, number]] : []),
  ];
};

const unitText = (guesses: number, wait: number): string =>
  `${guesses === 1 ? 'fail' : `fail*${guesses}`}${wait > 0 ? ` wait ${formatDuration(wait)}` : ''}`;

const segmentText = ({ repeat, guesses, waitAfter }: ScheduleSegment): string => {
  if (repeat === 1) return unitText(guesses, waitAfter);
  return waitAfter === 0
    ? unitText(guesses * repeat, 0)
    : `(${unitText(guesses, waitAfter)})*${repeat}`;
};

const scheduleOf = (segments: readonly ScheduleSegment[], endless: boolean): GuessSchedule => ({
  segments,
  endless,
  script: segments.map(segmentText).join(' '),
});

/** The earliest schedule of `guesses` wrong guesses: groups at each instant, a lock's wait between. */
const earliestSchedule = (rules: LifecycleRules, guesses: Count): GuessSchedule => {
  if (guesses === 'unlimited') return scheduleOf([{ repeat: 1, guesses: 1, waitAfter: 0 }], true);
  const wait = rules.tmpLockingDuration;
  const runs = groupRuns(rules, guesses);
  const segments: ScheduleSegment[] = [];
  runs.forEach(([size, count], i) => {
    if (i < runs.length - 1) {
      segments.push({ repeat: count, guesses: size, waitAfter: wait });
      return;
    }
    if (count > 1) segments.push({ repeat: count - 1, guesses: size, waitAfter: wait });
    segments.push({ repeat: 1, guesses: size, waitAfter: 0 });
  });
  return scheduleOf(segments, false);
};

/**
 * The last instant at which a login on the fresh credential is judged (not
 * refused), by bisection over `canLogin`; -1 when none is.
 */
const loginHorizon = (lifecycle: Lifecycle): number => {
  const judged = (at: number) => E.isRight(canLogin(lifecycle, at));
  if (!judged(0)) return -1;
  if (judged(latestInstant)) return latestInstant;
  let low = 0;
  let high = latestInstant;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (judged(middle)) low = middle;
    else high = middle;
  }
  return low;
};

const guessFigure = (rules: LifecycleRules, last: number): GuessFigure => {
  const guesses = guessesUntil(rules, last);
  return { guesses, schedule: earliestSchedule(rules, guesses) };
};

/** The most tmp-locked time in [0, end) without a fail-lock, and the guesses for it. */
const exposure = (rules: LifecycleRules, end: number) => {
  const duration = rules.tmpLockingDuration;
  const locks =
    rules.maxCredFailureCount === -1 && rules.tmpLockingThreshold !== -1
      ? Number.POSITIVE_INFINITY
      : tmpLocksAmong(rules, rules.maxCredFailureCount - 1);
  const used = duration === 0 || end <= 0 ? 0 : Math.min(locks, Math.ceil(end / duration));
  const threshold = rules.tmpLockingThreshold;
  const guesses =
    used === 0 ? 0 : rules.tmpLockingMode === 'strict' ? threshold + used - 1 : threshold * used;
  return {
    tmpLockedPerDay: Math.min(used * duration, end),
    schedule: earliestSchedule(rules, guesses),
  };
};

/**
 * Analyses a policy for a credential of `kind`, as created at offset 0 with
 * nobody but an attacker acting (no right guess, no administrator):
 *
 * - `failuresBeforePermanentLock`: the wrong guesses until the fail-lock,
 *   the locking one included, when the attacker can make them within the
 *   validity; `null` when no number of wrong guesses fail-locks it.
 * - `maxGuesses`: the most wrong guesses in an hour, a day (windows from the
 *   first guess, see {@link analysisWindows}) and over the validity, each
 *   with the schedule that makes them (every guess as early as the locks
 *   allow).
 * - `lockoutExposure`: the most time within a day the credential can be
 *   tmp-locked by wrong guesses that stop short of a fail-lock, and whether
 *   a fail-lock is reachable at all.
 * - `successesAllowed`, `singleUse`, `resetsAllowed`, `validity`,
 *   `passwordChangeDue`.
 *
 * @example
 * import { analyzePolicy, defaultPolicy } from 'credential-lifecycle';
 * const a = analyzePolicy('password', { ...defaultPolicy('PwdPolicy'), maxCredFailureCount: -1 });
 * a.maxGuesses.hour.guesses; // 61
 * a.maxGuesses.hour.schedule.script; // 'fail*2 wait 1m (fail wait 1m)*58 fail'
 * a.lockoutExposure.tmpLockedPerDay; // 86400000 (all day)
 */
export const analyzePolicy = <K extends CredentialKind>(
  kind: K,
  policy: PolicyOfKind<K>,
): PolicyAnalysis => {
  const start = startExplaining(kind, policy);
  const { rules, validity, stateEnteredAt } = start.lifecycle.context;
  const dueBy = passwordChangeRequirement(start.lifecycle.context, start.lifecycle.state)?.dueBy;
  const horizon = loginHorizon(start.lifecycle);
  const lifetime = guessFigure(rules, horizon);
  const M = rules.maxCredFailureCount;
  const consumed = explainStep(start, { name: 'login' }).row.state === 'deleted';
  return {
    kind,
    failuresBeforePermanentLock: M !== -1 && lifetime.guesses === M ? M : null,
    maxGuesses: {
      hour: guessFigure(rules, Math.min(analysisWindows.hour - 1, horizon)),
      day: guessFigure(rules, Math.min(analysisWindows.day - 1, horizon)),
      lifetime,
    },
    lockoutExposure: {
      ...exposure(rules, Math.min(analysisWindows.day, horizon + 1)),
      permanentLockReachable: M !== -1 && lifetime.guesses === M,
    },
    successesAllowed: consumed
      ? 1
      : rules.maxCredSuccessCount === -1
        ? 'unlimited'
        : rules.maxCredSuccessCount,
    singleUse: consumed,
    resetsAllowed: rules.maxResetCount === -1 ? 'unlimited' : rules.maxResetCount,
    validity: validity.to - validity.from,
    passwordChangeDue: dueBy === undefined || dueBy === null ? null : dueBy - stateEnteredAt,
  };
};
