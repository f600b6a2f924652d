/**
 * The credential lifecycle as one XState v5 machine: the eight stored states
 * plus a final `deleted` state, with every rule as a named, pure guard and
 * every change as a single `assign`. Time is data: every event carries `at`.
 *
 * @packageDocumentation
 */
import { assign, raise, setup } from 'xstate';
import type { CredentialKind } from '../domain/credential-type.js';
import type { Instant } from '../domain/instant.js';
import type { StateChangeReason, StateName } from '../domain/state.js';
import type { Validity } from '../domain/validity.js';
import {
  type LifecycleRules,
  type PasswordChangeState,
  passwordChangePeriodOf,
  type ResetTarget,
  resetLimitAllows,
  validityFrom,
} from './rules.js';

/**
 * What a lifecycle remembers besides its state: counters, lock data, dates,
 * the version and the rules its guards read. Plain JSON data.
 *
 * @example
 * import type { LifecycleContext } from 'credential-lifecycle';
 * const failures = (c: LifecycleContext): number => c.failedLoginCount;
 */
export type LifecycleContext = {
  /** Which of the four credential kinds this is. */
  readonly kind: CredentialKind;
  /** The policy parameters the guards read. */
  readonly rules: LifecycleRules;
  /** Consecutive failed logins since the last success, unlock or reset. */
  readonly failedLoginCount: number;
  /** Successful logins since the last unlock or reset. */
  readonly successfulLoginCount: number;
  /** Resets over the credential's life. */
  readonly resetCount: number;
  /** Ticket only: failed logins since the last reset (stays 0 for other kinds). */
  readonly failureCount: number;
  /** Ticket only: successful logins since the last reset (stays 0 for other kinds). */
  readonly successCount: number;
  /** When a temporary lock ends; `null` unless the state is `tmp-locked`. */
  readonly lockedUntil: Instant | null;
  /** The state a temporary lock restores; `null` unless the state is `tmp-locked`. */
  readonly stateBeforeLock: StateName | null;
  /** The period in which a login may succeed. */
  readonly validity: Validity;
  /** Why the state last changed. */
  readonly stateChangeReason: StateChangeReason;
  /** Free text about the last state change, where the library has one. */
  readonly stateChangeDetail: string | null;
  /** The administrator's last comment. */
  readonly modificationComment: string | null;
  /** When the last login succeeded. */
  readonly lastSuccessfulLoginDate: Instant | null;
  /** When the last login failed. */
  readonly lastFailedLoginDate: Instant | null;
  /** When the credential was created. */
  readonly created: Instant;
  /** `at` of the last accepted change. */
  readonly lastModified: Instant;
  /** `at` of the last state change (a change that recorded a reason). */
  readonly lastStateChange: Instant;
  /**
   * When the credential entered its state — while `tmp-locked`, the state the
   * lock restores — by a creation, reset, unlock or an administrator's or
   * user's change. A temporary lock and its end keep it, so a password's
   * change period (which runs from it) is not renewed by failed logins.
   */
  readonly stateEnteredAt: Instant;
  /** Optimistic-locking version: +1 per accepted change. */
  readonly version: number;
};

/**
 * An event the lifecycle reacts to. Every event carries the instant `at` it
 * happens at; nothing in the library reads a clock.
 *
 * @example
 * import type { LifecycleEvent } from 'credential-lifecycle';
 * const e: LifecycleEvent = { type: 'admin.update', at: 0, stateName: 'disabled' };
 */
export type LifecycleEvent =
  | { readonly type: 'login.succeeded'; readonly at: Instant }
  | { readonly type: 'login.failed'; readonly at: Instant }
  | { readonly type: 'time.passes'; readonly at: Instant }
  | { readonly type: 'admin.reset'; readonly at: Instant }
  | { readonly type: 'admin.unlock'; readonly at: Instant }
  | { readonly type: 'user.changedPassword'; readonly at: Instant }
  | {
      readonly type: 'admin.update';
      readonly at: Instant;
      readonly stateName?: StateName;
      readonly modificationComment?: string;
      readonly validity?: Validity;
      /**
       * The caller changed fields the lifecycle does not hold (e.g. a ticket's
       * `identification`): a change like a new comment (version + 1,
       * `lastModified`), without a state change.
       */
      readonly detailsChanged?: boolean;
    }
  | { readonly type: 'credential.strongLogin'; readonly at: Instant }
  | { readonly type: 'credential.deleted'; readonly at: Instant };

/**
 * The `type` of a {@link LifecycleEvent}.
 *
 * @example
 * import type { LifecycleEventType } from 'credential-lifecycle';
 * const t: LifecycleEventType = 'login.failed';
 */
export type LifecycleEventType = LifecycleEvent['type'];

/**
 * Every event type, in a fixed order.
 *
 * @example
 * import { lifecycleEventTypes } from 'credential-lifecycle';
 * lifecycleEventTypes.includes('admin.reset'); // true
 */
export const lifecycleEventTypes: readonly LifecycleEventType[] = [
  'login.succeeded',
  'login.failed',
  'time.passes',
  'admin.reset',
  'admin.unlock',
  'user.changedPassword',
  'admin.update',
  'credential.strongLogin',
  'credential.deleted',
];

/**
 * A lifecycle's state: one of the eight stored states, or `deleted` once the
 * credential was consumed or removed.
 *
 * @example
 * import type { LifecycleState } from 'credential-lifecycle';
 * const s: LifecycleState = 'deleted';
 */
export type LifecycleState = StateName | 'deleted';

/**
 * The four states from which a login is judged; the others refuse it.
 *
 * @example
 * import type { LoginState } from 'credential-lifecycle';
 * const s: LoginState = 'reset-code';
 */
export type LoginState = 'initial' | 'active' | 'reset-code' | 'admin-changed';

/**
 * The states in which a login attempt is judged; in every other state it is
 * refused without touching a counter.
 *
 * @example
 * import { loginStates } from 'credential-lifecycle';
 * loginStates; // ['initial', 'active', 'reset-code', 'admin-changed']
 */
export const loginStates: readonly LoginState[] = [
  'initial',
  'active',
  'reset-code',
  'admin-changed',
];

/**
 * The outcome of the lockout rule for a failure count: a fail-lock first, else
 * a temporary lock, else none. `-1` disables either threshold.
 *
 * @example
 * import { lockAfterFailures } from 'credential-lifecycle';
 * const rules = { maxCredFailureCount: 3, tmpLockingThreshold: 2, tmpLockingMode: 'strict' } as const;
 * lockAfterFailures(rules, 1); // null
 * lockAfterFailures(rules, 2); // 'tmp-locked'
 * lockAfterFailures(rules, 3); // 'fail-locked'
 */
export const lockAfterFailures = (
  rules: Pick<LifecycleRules, 'maxCredFailureCount' | 'tmpLockingThreshold' | 'tmpLockingMode'>,
  failures: number,
): 'fail-locked' | 'tmp-locked' | null => {
  if (rules.maxCredFailureCount !== -1 && failures >= rules.maxCredFailureCount) {
    return 'fail-locked';
  }
  const threshold = rules.tmpLockingThreshold;
  if (threshold === -1) return null;
  const locks =
    rules.tmpLockingMode === 'strict' ? failures >= threshold : failures % threshold === 0;
  return locks ? 'tmp-locked' : null;
};

/**
 * A password change its user still owes: by when (`null`: no limit).
 *
 * @example
 * import type { PasswordChangeRequirement } from 'credential-lifecycle';
 * const unlimited: PasswordChangeRequirement = { dueBy: null };
 */
export type PasswordChangeRequirement = {
  /** The last instant a login is still judged; `null` when the period is unlimited (-1). */
  readonly dueBy: Instant | null;
};

/**
 * The change a password in `state` must undergo by its user, or `undefined`
 * when none is required: only a password in `initial` or `admin-changed`
 * whose rules say `initialPwchangeRequired`. The period of that state
 * (`initialPwchangePeriodInitial` / `…AdminChanged`) runs from the state
 * change that put the password there (`stateEnteredAt`: a temporary lock and
 * its end do not renew it); -1 means no limit.
 *
 * @example
 * import { createLifecycle, defaultPolicy, lifecycleRulesOf, passwordChangeRequirement } from 'credential-lifecycle';
 * import { either as E } from 'fp-ts';
 * const rules = { ...lifecycleRulesOf(defaultPolicy('PwdPolicy')), initialPwchangePeriodInitial: 86_400_000 };
 * const created = createLifecycle({ kind: 'password', rules, at: 0 });
 * if (E.isRight(created)) {
 *   passwordChangeRequirement(created.right.context, 'initial'); // { dueBy: 86400000 }
 *   passwordChangeRequirement(created.right.context, 'active'); // undefined
 * }
 */
export const passwordChangeRequirement = (
  context: Pick<LifecycleContext, 'kind' | 'rules' | 'stateEnteredAt'>,
  state: LifecycleState,
): PasswordChangeRequirement | undefined => {
  if (context.kind !== 'password' || !context.rules.initialPwchangeRequired) return undefined;
  if (state !== 'initial' && state !== 'admin-changed') return undefined;
  const period = context.rules[passwordChangePeriodOf[state]];
  return { dueBy: period === -1 ? null : context.stateEnteredAt + period };
};

/**
 * Whether the change period of a password in `state` is over at `at`
 * (`at > dueBy`): a login is then refused like an expired one.
 *
 * @example
 * import { createLifecycle, defaultPolicy, lifecycleRulesOf, passwordChangeOverdue } from 'credential-lifecycle';
 * import { either as E } from 'fp-ts';
 * const rules = { ...lifecycleRulesOf(defaultPolicy('PwdPolicy')), initialPwchangePeriodInitial: 86_400_000 };
 * const created = createLifecycle({ kind: 'password', rules, at: 0 });
 * if (E.isRight(created)) {
 *   passwordChangeOverdue(created.right.context, 'initial', 86_400_000); // false
 *   passwordChangeOverdue(created.right.context, 'initial', 86_400_001); // true
 *   passwordChangeOverdue(created.right.context, 'active', 86_400_001); // false
 * }
 */
export const passwordChangeOverdue = (
  context: Pick<LifecycleContext, 'kind' | 'rules' | 'stateEnteredAt'>,
  state: LifecycleState,
  at: Instant,
): boolean => {
  const dueBy = passwordChangeRequirement(context, state)?.dueBy;
  return dueBy !== undefined && dueBy !== null && at > dueBy;
};

type Ctx = LifecycleContext;
type Ev = LifecycleEvent;

/**
 * The parameter of the login guards in `initial` and `admin-changed`: the
 * state whose password change period also bounds the login (none in the
 * other login states).
 *
 * @example
 * import type { LoginGuardParams } from 'credential-lifecycle';
 * const inInitial: LoginGuardParams = { changeState: 'initial' };
 */
export type LoginGuardParams = { readonly changeState: PasswordChangeState } | undefined;

/**
 * Inside the validity period and, in a state whose password change may be
 * required, inside that change period.
 */
const withinValidity = (c: Ctx, at: Instant, params?: LoginGuardParams): boolean =>
  at >= c.validity.from &&
  at <= c.validity.to &&
  (params === undefined || !passwordChangeOverdue(c, params.changeState, at));

const successLimitReached = (c: Ctx): boolean =>
  c.rules.maxCredSuccessCount !== -1 && c.successfulLoginCount + 1 >= c.rules.maxCredSuccessCount;

const sameValidity = (a: Validity, b: Validity): boolean => a.from === b.from && a.to === b.to;

/** Whether an `admin.update` changes the comment, the validity or other details. */
const changesFields = (c: Ctx, e: Ev): boolean =>
  e.type === 'admin.update' &&
  (e.detailsChanged === true ||
    (e.modificationComment !== undefined && e.modificationComment !== c.modificationComment) ||
    (e.validity !== undefined && !sameValidity(e.validity, c.validity)));

/**
 * Whether a temporary lock recorded in `context` has ended at `at`
 * (`at >= lockedUntil`). The machine's expiry guard, `applyEvent`, `canLogin`
 * and the operations' read path all ask this one function.
 *
 * @example
 * import { lockHasEnded } from 'credential-lifecycle';
 * lockHasEnded({ lockedUntil: 60_000 }, 60_000); // true
 * lockHasEnded({ lockedUntil: null }, 60_000); // false
 */
export const lockHasEnded = (
  context: Pick<LifecycleContext, 'lockedUntil'>,
  at: Instant,
): boolean => context.lockedUntil !== null && at >= context.lockedUntil;

/** The fields of a successful login, shared by the three success transitions. */
const success = (c: Ctx, at: Instant) => ({
  failedLoginCount: 0,
  successfulLoginCount: c.successfulLoginCount + 1,
  successCount: c.kind === 'ticket' ? c.successCount + 1 : c.successCount,
  lastSuccessfulLoginDate: at,
  version: c.version + 1,
  lastModified: at,
});

/** The fields of a failed login, shared by the three failure transitions. */
const failure = (c: Ctx, at: Instant) => ({
  failedLoginCount: c.failedLoginCount + 1,
  failureCount: c.kind === 'ticket' ? c.failureCount + 1 : c.failureCount,
  lastFailedLoginDate: at,
  version: c.version + 1,
  lastModified: at,
});

/** The fields every state change sets. */
const stateChange = (c: Ctx, at: Instant, reason: StateChangeReason) => ({
  stateChangeReason: reason,
  stateChangeDetail: null,
  lockedUntil: null,
  stateBeforeLock: null,
  version: c.version + 1,
  lastModified: at,
  lastStateChange: at,
  stateEnteredAt: at,
});

/** The comment and validity an `admin.update` carries, where it carries them. */
const adminFields = (c: Ctx, e: Ev) =>
  e.type === 'admin.update'
    ? {
        modificationComment: e.modificationComment ?? c.modificationComment,
        validity: e.validity ?? c.validity,
      }
    : {};

/**
 * The XState setup of the lifecycle: its types, guards and actions. Guards
 * and actions are pure functions of `context` and `event`.
 *
 * @example
 * import { createLifecycle, defaultPolicy, lifecycleRulesOf, lifecycleSetup } from 'credential-lifecycle';
 * import { either as E } from 'fp-ts';
 * import { createActor } from 'xstate';
 * // A variant machine that reuses the guards and actions: failures only count.
 * const variant = lifecycleSetup.createMachine({
 *   context: ({ input }) => input,
 *   initial: 'active',
 *   states: { active: { on: { 'login.failed': { guard: 'withinValidity', actions: 'recordFailure' } } } },
 * });
 * const created = createLifecycle({ kind: 'puk', rules: lifecycleRulesOf(defaultPolicy('PUKPolicy')), at: 0 });
 * if (E.isRight(created)) {
 *   const actor = createActor(variant, { input: created.right.context }).start();
 *   actor.send({ type: 'login.failed', at: 1_000 });
 *   actor.getSnapshot().context.failedLoginCount; // 1
 * }
 */
export const lifecycleSetup = setup({
  types: {
    context: {} as LifecycleContext,
    events: {} as LifecycleEvent,
    input: {} as LifecycleContext,
  },
  guards: {
    /*
     * The login guards below take an optional `changeState` (in `initial` and
     * `admin-changed`): the login is then also bounded by the password change
     * period of that state (see `passwordChangeRequirement`).
     */
    /** A login inside the validity period that consumes a single-use credential. */
    consumesOnSuccess: ({ context, event }, params: LoginGuardParams) =>
      withinValidity(context, event.at, params) && context.rules.singleUse,
    /** A login inside the validity period that reaches the success limit. */
    reachesSuccessLimit: ({ context, event }, params: LoginGuardParams) =>
      withinValidity(context, event.at, params) && successLimitReached(context),
    /** A login inside the validity period (and any password change period). */
    withinValidity: ({ context, event }, params: LoginGuardParams) =>
      withinValidity(context, event.at, params),
    /** A failed login inside the validity period that reaches `maxCredFailureCount`. */
    failureFailLocks: ({ context, event }, params: LoginGuardParams) =>
      withinValidity(context, event.at, params) &&
      lockAfterFailures(context.rules, context.failedLoginCount + 1) === 'fail-locked',
    /** A failed login inside the validity period that reaches the tmp-lock threshold. */
    failureTmpLocks: ({ context, event }, params: LoginGuardParams) =>
      withinValidity(context, event.at, params) &&
      lockAfterFailures(context.rules, context.failedLoginCount + 1) === 'tmp-locked',
    /** The temporary lock has ended and restores the given state. */
    lockExpired: ({ context, event }, params: { restore: LoginState }) =>
      lockHasEnded(context, event.at) && context.stateBeforeLock === params.restore,
    /** The reset limit allows a reset and the rules lead it to the given state. */
    resetAllowedTo: ({ context }, params: { target: ResetTarget }) =>
      context.rules.resetTarget === params.target &&
      resetLimitAllows(context.resetCount, context.rules),
    /** The credential is a password (only users change passwords). */
    isPassword: ({ context }) => context.kind === 'password',
    /** The credential is a TSP or a ticket (a strong login deletes those). */
    isStrongLoginKind: ({ context }) =>
      context.kind === 'tempStrongPassword' || context.kind === 'ticket',
    /** An `admin.update` that asks for the given state. */
    requestsState: ({ event }, params: { state: StateName }) =>
      event.type === 'admin.update' && event.stateName === params.state,
    /** An `admin.update` that keeps the state and changes the comment, validity or details. */
    changesFieldsOnly: ({ context, event }, params: { state: StateName }) =>
      event.type === 'admin.update' &&
      (event.stateName === undefined || event.stateName === params.state) &&
      changesFields(context, event),
  },
  actions: {
    /** Counts a successful login. */
    recordSuccess: assign(({ context, event }) => success(context, event.at)),
    /** Counts a successful login that consumes the credential. */
    recordSuccessAndConsume: assign(({ context, event }) => ({
      ...success(context, event.at),
      lastStateChange: event.at,
    })),
    /** Counts a successful login that reaches the success limit and fail-locks. */
    recordSuccessAndLock: assign(({ context, event }) => ({
      ...success(context, event.at),
      ...stateChange(context, event.at, 'policy-check-failed'),
      stateChangeDetail: 'maxCredSuccessCount reached',
    })),
    /** Counts a failed login. */
    recordFailure: assign(({ context, event }) => failure(context, event.at)),
    /** Counts a failed login that fail-locks. */
    recordFailureAndFailLock: assign(({ context, event }) => ({
      ...failure(context, event.at),
      ...stateChange(context, event.at, 'too-many-login-failures'),
    })),
    /** Counts a failed login that tmp-locks until `at + tmpLockingDuration`. */
    recordFailureAndTmpLock: assign(({ context, event }, params: { from: LoginState }) => ({
      ...failure(context, event.at),
      ...stateChange(context, event.at, 'too-many-login-failures'),
      lockedUntil: event.at + context.rules.tmpLockingDuration,
      stateBeforeLock: params.from,
      stateEnteredAt: context.stateEnteredAt,
    })),
    /** Ends a temporary lock; the failure count and `stateEnteredAt` are kept. */
    expireLock: assign(({ context, event }) => ({
      ...stateChange(context, event.at, 'activated'),
      stateEnteredAt: context.stateEnteredAt,
    })),
    /** Hands the event that ended a temporary lock to the restored state. */
    rejudge: raise(({ event }) => event),
    /** Unlocks: both login counters 0. */
    unlock: assign(({ context, event }) => ({
      ...stateChange(context, event.at, 'unlock'),
      ...adminFields(context, event),
      failedLoginCount: 0,
      successfulLoginCount: 0,
    })),
    /** Resets: new validity, `resetCount + 1`, every login counter 0. */
    reset: assign(({ context, event }) => ({
      ...stateChange(context, event.at, 'reset'),
      validity: validityFrom(event.at, context.rules),
      resetCount: context.resetCount + 1,
      failedLoginCount: 0,
      successfulLoginCount: 0,
      failureCount: 0,
      successCount: 0,
    })),
    /** The user changed the password: failure count 0. */
    changePassword: assign(({ context, event }) => ({
      ...stateChange(context, event.at, 'changed-by-user'),
      failedLoginCount: 0,
    })),
    /** An administrator set the state; comment and validity applied. */
    setStateByAdmin: assign(({ context, event }) => ({
      ...stateChange(context, event.at, 'changed-by-admin'),
      ...adminFields(context, event),
    })),
    /** An administrator changed the comment, validity or details only. */
    updateFields: assign(({ context, event }) => ({
      ...adminFields(context, event),
      version: context.version + 1,
      lastModified: event.at,
    })),
    /** The user logged in with the original strong credential. */
    consumeByStrongLogin: assign(({ context, event }) =>
      stateChange(context, event.at, 'logged-in-with-strong-cred'),
    ),
    /** The credential was deleted. */
    remove: assign(({ context, event }) => ({
      version: context.version + 1,
      lastModified: event.at,
      lastStateChange: event.at,
    })),
  },
});

// ---------------------------------------------------------------------------
// Transition building blocks. Each state's `on` map is assembled from these so
// that the same rule reads the same everywhere.

/**
 * The guards of the login transitions, which take {@link LoginGuardParams}.
 *
 * @example
 * import type { LoginGuard } from 'credential-lifecycle';
 * const g: LoginGuard = 'withinValidity';
 */
export type LoginGuard =
  | 'consumesOnSuccess'
  | 'reachesSuccessLimit'
  | 'withinValidity'
  | 'failureFailLocks'
  | 'failureTmpLocks';

/** A login guard of `from`: with the change period where a password change may be required. */
const loginGuard = (type: LoginGuard, from: LoginState) =>
  from === 'initial' || from === 'admin-changed'
    ? ({ type, params: { changeState: from } } as const)
    : type;

const loginTransitions = (from: LoginState) =>
  ({
    'login.succeeded': [
      {
        guard: loginGuard('consumesOnSuccess', from),
        target: 'deleted',
        actions: 'recordSuccessAndConsume',
      },
      {
        guard: loginGuard('reachesSuccessLimit', from),
        target: 'fail-locked',
        actions: 'recordSuccessAndLock',
      },
      { guard: loginGuard('withinValidity', from), actions: 'recordSuccess' },
    ],
    'login.failed': [
      {
        guard: loginGuard('failureFailLocks', from),
        target: 'fail-locked',
        actions: 'recordFailureAndFailLock',
      },
      {
        guard: loginGuard('failureTmpLocks', from),
        target: 'tmp-locked',
        actions: { type: 'recordFailureAndTmpLock', params: { from } },
      },
      { guard: loginGuard('withinValidity', from), actions: 'recordFailure' },
    ],
    'user.changedPassword': { guard: 'isPassword', target: 'active', actions: 'changePassword' },
  }) as const;

const resetTo = (target: ResetTarget) =>
  ({
    guard: { type: 'resetAllowedTo', params: { target } },
    target,
    actions: 'reset',
  }) as const;

const resetTransitions = [resetTo('initial'), resetTo('active'), resetTo('reset-code')] as const;

const adminStateTransition = (state: StateName, action: 'setStateByAdmin' | 'unlock') =>
  ({
    guard: { type: 'requestsState', params: { state } },
    target: state,
    actions: action,
  }) as const;

/** The admin state matrix: the states an administrator may set from `from`. */
const adminUpdateTransitions = (from: Exclude<StateName, 'archived'>) => {
  const locked = from === 'tmp-locked' || from === 'fail-locked';
  const targets = (['active', 'disabled', 'admin-changed', 'archived'] as const).filter(
    (s) => s !== from,
  );
  return [
    ...targets.map((s) =>
      adminStateTransition(s, s === 'active' && locked ? 'unlock' : 'setStateByAdmin'),
    ),
    {
      guard: { type: 'changesFieldsOnly', params: { state: from } },
      actions: 'updateFields',
    } as const,
  ];
};

const endTransitions = {
  'credential.strongLogin': {
    guard: 'isStrongLoginKind',
    target: 'deleted',
    actions: 'consumeByStrongLogin',
  },
  'credential.deleted': { target: 'deleted', actions: 'remove' },
} as const;

const commonTransitions = (from: Exclude<StateName, 'archived'>) =>
  ({
    'admin.reset': resetTransitions,
    'admin.update': adminUpdateTransitions(from),
    ...endTransitions,
  }) as const;

const loginStateConfig = (from: LoginState) =>
  ({ on: { ...loginTransitions(from), ...commonTransitions(from) } }) as const;

/** The expiry of a temporary lock: restore, then (unless the event is `time.passes`) rejudge. */
const expiry = (rejudge: boolean) =>
  loginStates.map(
    (restore) =>
      ({
        guard: { type: 'lockExpired', params: { restore } },
        target: restore,
        actions: rejudge ? (['expireLock', 'rejudge'] as const) : (['expireLock'] as const),
      }) as const,
  );

const tmpCommon = commonTransitions('tmp-locked');

/**
 * The lifecycle machine. Its context is a {@link LifecycleContext} (given as
 * `input`, or restored with `resolveState`); an event with no enabled
 * transition leaves the snapshot unchanged, which the pure API reports as a
 * refusal.
 *
 * @example
 * import { createLifecycle, defaultPolicy, lifecycleMachine, lifecycleRulesOf } from 'credential-lifecycle';
 * import { either as E } from 'fp-ts';
 * import { transition } from 'xstate';
 * const created = createLifecycle({ kind: 'puk', rules: lifecycleRulesOf(defaultPolicy('PUKPolicy')), at: 0 });
 * if (E.isRight(created)) {
 *   const snapshot = lifecycleMachine.resolveState({ value: 'active', context: created.right.context });
 *   const [next] = transition(lifecycleMachine, snapshot, { type: 'login.failed', at: 1 });
 *   next.value; // 'active'
 *   next.context.failedLoginCount; // 1
 * }
 */
export const lifecycleMachine = lifecycleSetup.createMachine({
  id: 'credential',
  /** The context is the creation input: a complete {@link LifecycleContext}. */
  context: ({ input }) => input,
  initial: 'initial',
  states: {
    initial: loginStateConfig('initial'),
    active: loginStateConfig('active'),
    'reset-code': loginStateConfig('reset-code'),
    'admin-changed': loginStateConfig('admin-changed'),
    'tmp-locked': {
      on: {
        'login.succeeded': expiry(true),
        'login.failed': expiry(true),
        'time.passes': expiry(false),
        'admin.reset': [...expiry(true), ...tmpCommon['admin.reset']],
        'admin.unlock': [...expiry(true), { target: 'active', actions: 'unlock' }],
        'user.changedPassword': expiry(true),
        'admin.update': [...expiry(true), ...tmpCommon['admin.update']],
        'credential.strongLogin': [...expiry(true), tmpCommon['credential.strongLogin']],
        'credential.deleted': [...expiry(true), tmpCommon['credential.deleted']],
      },
    },
    'fail-locked': {
      on: {
        'admin.unlock': { target: 'active', actions: 'unlock' },
        ...commonTransitions('fail-locked'),
      },
    },
    disabled: { on: commonTransitions('disabled') },
    archived: { on: endTransitions },
    deleted: { type: 'final' },
  },
});

/**
 * The type of {@link lifecycleMachine}.
 *
 * @example
 * import type { LifecycleMachine } from 'credential-lifecycle';
 * import type { SnapshotFrom } from 'xstate';
 * type Snapshot = SnapshotFrom<LifecycleMachine>;
 */
export type LifecycleMachine = typeof lifecycleMachine;
