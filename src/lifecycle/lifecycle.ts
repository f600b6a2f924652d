/**
 * The pure API over the lifecycle machine: create a lifecycle value, apply one
 * event, ask what is allowed. Values are plain JSON data; nothing is thrown
 * and no clock is read.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import { type SnapshotFrom, transition } from 'xstate';
import type { CredentialKind } from '../domain/credential-type.js';
import type { Instant } from '../domain/instant.js';
import type { StateName } from '../domain/state.js';
import {
  type LifecycleContext,
  type LifecycleEvent,
  type LifecycleEventType,
  type LifecycleMachine,
  type LifecycleState,
  lifecycleEventTypes,
  lifecycleMachine,
  lockAfterFailures,
  lockHasEnded,
  type PasswordChangeRequirement,
  passwordChangeRequirement,
} from './machine.js';
import { type LifecycleRules, resetLimitAllows, validityFrom } from './rules.js';

/**
 * One credential's lifecycle: its state and context. Plain data: it survives
 * `JSON.stringify` / `JSON.parse` unchanged (see `LifecycleValue`).
 *
 * @example
 * import { createLifecycle, defaultPolicy, lifecycleRulesOf, type Lifecycle } from 'credential-lifecycle';
 * import { either as E } from 'fp-ts';
 * const created = createLifecycle({ kind: 'puk', rules: lifecycleRulesOf(defaultPolicy('PUKPolicy')), at: 0 });
 * if (E.isRight(created)) {
 *   const restored: Lifecycle = JSON.parse(JSON.stringify(created.right));
 *   restored.state; // 'active'
 * }
 */
export type Lifecycle = {
  /** The stored state, or `deleted`. */
  readonly state: LifecycleState;
  /** Counters, lock data, dates, version and rules. */
  readonly context: LifecycleContext;
};

/**
 * Why an event or a creation was refused. Plain data without any secret.
 *
 * @example
 * import type { Refusal } from 'credential-lifecycle';
 * const r: Refusal = { _tag: 'TemporarilyLocked', until: 60_000 };
 */
export type Refusal =
  | {
      /** The event has no meaning in this state (e.g. unlock of an active credential). */
      readonly _tag: 'NotAllowedInState';
      readonly state: LifecycleState;
      readonly event: LifecycleEventType;
    }
  | {
      /** The event does not apply to this credential kind. */
      readonly _tag: 'NotForKind';
      readonly kind: CredentialKind;
      readonly event: LifecycleEventType;
    }
  | {
      /** A login while tmp-locked, before the lock ends. */
      readonly _tag: 'TemporarilyLocked';
      readonly until: Instant;
    }
  | { /** A login while fail-locked. */ readonly _tag: 'FailLocked' }
  | { /** A login while disabled. */ readonly _tag: 'Disabled' }
  | { /** Any change of an archived credential but deletion. */ readonly _tag: 'Archived' }
  | {
      /** A login after the validity period. */
      readonly _tag: 'Expired';
      readonly validTo: Instant;
    }
  | {
      /** A login before the validity period. */
      readonly _tag: 'NotYetValid';
      readonly validFrom: Instant;
    }
  | {
      /**
       * A login with a password in `initial` or `admin-changed` after the
       * period in which its user had to change it (refused like an expired one).
       */
      readonly _tag: 'PasswordChangeOverdue';
      readonly dueBy: Instant;
    }
  | {
      /** A reset beyond `maxResetCount`. */
      readonly _tag: 'ResetLimitReached';
      readonly resetCount: number;
      readonly maxResetCount: number;
    }
  | { /** Any event after the credential was deleted. */ readonly _tag: 'Deleted' }
  | {
      /** A state that creation or the admin state matrix does not allow. */
      readonly _tag: 'StateNotAllowed';
      readonly stateName: StateName;
    };

/**
 * The login status code of the auth API: 5 OK, 2 failed, 3 failed and the
 * next failure locks, 4 failed and now fail-locked, 9 failed and now tmp-locked.
 *
 * @example
 * import type { LoginStatus } from 'credential-lifecycle';
 * const ok: LoginStatus = 5;
 */
export type LoginStatus = 2 | 3 | 4 | 5 | 9;

/**
 * An accepted event: the new lifecycle value, the login status for login
 * events, whether a successful login still owes a password change, and
 * whether the credential is now deleted. When the event changed nothing (an
 * `admin.update` that repeats the current values, a `time.passes` with no
 * lock to end), `lifecycle` is the input value itself.
 *
 * @example
 * import { applyEvent, type Outcome } from 'credential-lifecycle';
 * const statusOf = (o: Outcome) => o.loginStatus ?? 'not a login';
 */
export type Outcome = {
  readonly lifecycle: Lifecycle;
  readonly loginStatus?: LoginStatus;
  /**
   * After a successful login (status 5) with a password its user must still
   * change (see `passwordChangeRequirement`): by when.
   */
  readonly passwordChange?: PasswordChangeRequirement;
  readonly deleted: boolean;
};

/**
 * What creating a lifecycle needs: the kind, the rules, the creation instant
 * and optionally the initial state (initial, active, disabled, reset-code or
 * admin-changed; by default initial for Password and TSP, active for Ticket
 * and PUK).
 *
 * @example
 * import { type CreateLifecycle, defaultPolicy, lifecycleRulesOf } from 'credential-lifecycle';
 * const request: CreateLifecycle = { kind: 'ticket', rules: lifecycleRulesOf(defaultPolicy('TicketPolicy')), at: 0 };
 */
export type CreateLifecycle = {
  readonly kind: CredentialKind;
  readonly stateName?: StateName;
  readonly rules: LifecycleRules;
  readonly at: Instant;
};

/**
 * The state each kind starts in when creation names none.
 *
 * @example
 * import { defaultCreateState } from 'credential-lifecycle';
 * defaultCreateState.ticket; // 'active'
 */
export const defaultCreateState = {
  password: 'initial',
  tempStrongPassword: 'initial',
  ticket: 'active',
  puk: 'active',
} as const satisfies Record<CredentialKind, StateName>;

/**
 * The states a creation may name explicitly.
 *
 * @example
 * import { createStates } from 'credential-lifecycle';
 * createStates.includes('archived'); // false
 */
export const createStates: readonly StateName[] = [
  'initial',
  'active',
  'disabled',
  'reset-code',
  'admin-changed',
];

type Snapshot = SnapshotFrom<LifecycleMachine>;

/** The machine snapshot of a lifecycle value (cheap next to `transition()` itself). */
const snapshotOf = (lifecycle: Lifecycle): Snapshot =>
  lifecycleMachine.resolveState({ value: lifecycle.state, context: lifecycle.context });

/**
 * Creates the lifecycle of a new credential: counters 0, version 0, reason
 * `initialized`, validity from `at` for `rules.credentialLifetime`. A state a
 * creation may not name is refused with `StateNotAllowed`.
 *
 * @example
 * import { createLifecycle, defaultPolicy, lifecycleRulesOf } from 'credential-lifecycle';
 * const rules = lifecycleRulesOf(defaultPolicy('PwdPolicy'));
 * const c = createLifecycle({ kind: 'password', rules, at: 0 });
 * c._tag === 'Right' && [c.right.state, c.right.context.version, c.right.context.stateChangeReason, c.right.context.validity];
 * // ['initial', 0, 'initialized', { from: 0, to: 315360000000 }]
 * createLifecycle({ kind: 'password', stateName: 'archived', rules, at: 0 });
 * // left({ _tag: 'StateNotAllowed', stateName: 'archived' })
 */
export const createLifecycle = (request: CreateLifecycle): E.Either<Refusal, Lifecycle> => {
  const state = request.stateName ?? defaultCreateState[request.kind];
  if (!createStates.includes(state)) return E.left({ _tag: 'StateNotAllowed', stateName: state });
  const { at, kind, rules } = request;
  return E.right({
    state,
    context: {
      kind,
      rules,
      failedLoginCount: 0,
      successfulLoginCount: 0,
      resetCount: 0,
      failureCount: 0,
      successCount: 0,
      lockedUntil: null,
      stateBeforeLock: null,
      validity: validityFrom(at, rules),
      stateChangeReason: 'initialized',
      stateChangeDetail: null,
      modificationComment: null,
      lastSuccessfulLoginDate: null,
      lastFailedLoginDate: null,
      created: at,
      lastModified: at,
      lastStateChange: at,
      stateEnteredAt: at,
      version: 0,
    },
  });
};

const isLogin = (type: LifecycleEventType): boolean =>
  type === 'login.succeeded' || type === 'login.failed';

/**
 * Why a login at `at` is refused in `lifecycle` (judged as stored: no expiry
 * applied). Of several reasons the most severe is given, in the order
 * tmp-locked < fail-locked < expired (also not yet valid, or a password change
 * overdue) < disabled < archived.
 */
const loginRefusal = (lifecycle: Lifecycle, at: Instant): Refusal | undefined => {
  const { context, state } = lifecycle;
  if (state === 'deleted') return { _tag: 'Deleted' };
  if (state === 'archived') return { _tag: 'Archived' };
  if (state === 'disabled') return { _tag: 'Disabled' };
  if (at > context.validity.to) return { _tag: 'Expired', validTo: context.validity.to };
  if (at < context.validity.from) return { _tag: 'NotYetValid', validFrom: context.validity.from };
  if (state === 'fail-locked') return { _tag: 'FailLocked' };
  if (state === 'tmp-locked') {
    return { _tag: 'TemporarilyLocked', until: context.lockedUntil ?? at };
  }
  const dueBy = passwordChangeRequirement(context, state)?.dueBy;
  return dueBy !== undefined && dueBy !== null && at > dueBy
    ? { _tag: 'PasswordChangeOverdue', dueBy }
    : undefined;
};

/**
 * Explains an event the machine did not take in `lifecycle`: a refusal, or a
 * no-op acceptance (`admin.update` repeating the current values, `time.passes`
 * with nothing to do).
 */
const explain = (lifecycle: Lifecycle, event: LifecycleEvent): E.Either<Refusal, Outcome> => {
  const { state, context } = lifecycle;
  const noChange = E.right<Refusal, Outcome>({ lifecycle, deleted: state === 'deleted' });
  if (state === 'deleted') return E.left({ _tag: 'Deleted' });
  const notAllowed: Refusal = { _tag: 'NotAllowedInState', state, event: event.type };
  switch (event.type) {
    case 'login.succeeded':
    case 'login.failed':
      return E.left(loginRefusal(lifecycle, event.at) ?? notAllowed);
    case 'time.passes':
      return noChange;
    case 'admin.update':
      if (event.stateName !== undefined && event.stateName !== state) {
        return E.left(
          state === 'archived'
            ? { _tag: 'Archived' }
            : { _tag: 'StateNotAllowed', stateName: event.stateName },
        );
      }
      // The state stays; in `archived` a changed comment, validity or detail is refused.
      return state === 'archived' &&
        (event.detailsChanged === true ||
          (event.modificationComment !== undefined &&
            event.modificationComment !== context.modificationComment) ||
          (event.validity !== undefined &&
            (event.validity.from !== context.validity.from ||
              event.validity.to !== context.validity.to)))
        ? E.left({ _tag: 'Archived' })
        : noChange;
    case 'user.changedPassword':
      if (context.kind !== 'password') {
        return E.left({ _tag: 'NotForKind', kind: context.kind, event: event.type });
      }
      break;
    case 'credential.strongLogin':
      if (context.kind !== 'tempStrongPassword' && context.kind !== 'ticket') {
        return E.left({ _tag: 'NotForKind', kind: context.kind, event: event.type });
      }
      break;
    case 'admin.reset':
      if (state !== 'archived' && !resetLimitAllows(context.resetCount, context.rules)) {
        return E.left({
          _tag: 'ResetLimitReached',
          resetCount: context.resetCount,
          maxResetCount: context.rules.maxResetCount,
        });
      }
      break;
    default:
      break;
  }
  return E.left(state === 'archived' ? { _tag: 'Archived' } : notAllowed);
};

const loginStatusOf = (after: Lifecycle, event: LifecycleEvent): LoginStatus | undefined => {
  if (event.type === 'login.succeeded') return 5;
  if (event.type !== 'login.failed') return undefined;
  if (after.state === 'fail-locked') return 4;
  if (after.state === 'tmp-locked') return 9;
  const { context } = after;
  return lockAfterFailures(context.rules, context.failedLoginCount + 1) === null ? 2 : 3;
};

/**
 * Applies one event. Returns the new value (and, for logins, the status code)
 * or why the event is refused; a refused event changes nothing. When the event
 * arrives in `tmp-locked` at or after `lockedUntil`, the lock ends first
 * (its own version step) and the event is judged in the restored state; if it
 * is refused there, the whole call is refused and the input stays as it was.
 *
 * @example
 * import { applyEvent, createLifecycle, defaultPolicy, lifecycleRulesOf } from 'credential-lifecycle';
 * import { either as E } from 'fp-ts';
 * const rules = lifecycleRulesOf(defaultPolicy('PwdPolicy'));
 * const created = createLifecycle({ kind: 'password', rules, at: 0 });
 * if (E.isRight(created)) {
 *   const r = applyEvent(created.right, { type: 'login.failed', at: 1_000 });
 *   if (E.isRight(r)) r.right.loginStatus; // 3 (failed; the next failure locks)
 *   if (E.isRight(r)) r.right.lifecycle.context.failedLoginCount; // 1
 * }
 */
export const applyEvent = (
  lifecycle: Lifecycle,
  event: LifecycleEvent,
): E.Either<Refusal, Outcome> => {
  const snapshot = snapshotOf(lifecycle);
  const [next] = transition(lifecycleMachine, snapshot, event);
  if (next.context === snapshot.context) return explain(lifecycle, event);
  const after: Lifecycle = { state: next.value, context: next.context };
  const { context } = lifecycle;
  if (
    event.type !== 'time.passes' &&
    next.context.version === context.version + 1 &&
    tmpLockEnded(lifecycle, event.at)
  ) {
    // Only the expiry happened: the restored state did not take the event.
    return explain(after, event);
  }
  const loginStatus = isLogin(event.type) ? loginStatusOf(after, event) : undefined;
  const deleted = after.state === 'deleted';
  if (loginStatus === undefined) return E.right({ lifecycle: after, deleted });
  const passwordChange =
    loginStatus === 5 ? passwordChangeRequirement(after.context, after.state) : undefined;
  return E.right(
    passwordChange === undefined
      ? { lifecycle: after, loginStatus, deleted }
      : { lifecycle: after, loginStatus, passwordChange, deleted },
  );
};

/**
 * The event types that `applyEvent` would accept with a change at `at`
 * (`admin.update` when some update is possible; `time.passes` only when a
 * temporary lock is due to end).
 *
 * @example
 * import { allowedEvents, createLifecycle, defaultPolicy, lifecycleRulesOf } from 'credential-lifecycle';
 * import { either as E } from 'fp-ts';
 * const rules = lifecycleRulesOf(defaultPolicy('PwdPolicy'));
 * const created = createLifecycle({ kind: 'password', rules, at: 0 });
 * if (E.isRight(created)) {
 *   allowedEvents(created.right, 1_000);
 *   // ['login.succeeded', 'login.failed', 'admin.reset', 'user.changedPassword', 'admin.update', 'credential.deleted']
 * }
 */
export const allowedEvents = (lifecycle: Lifecycle, at: Instant): readonly LifecycleEventType[] =>
  lifecycleEventTypes.filter((type) => {
    const probe: LifecycleEvent =
      type === 'admin.update'
        ? { type, at, modificationComment: `${lifecycle.context.modificationComment ?? ''}.` }
        : { type, at };
    const result = applyEvent(lifecycle, probe);
    return E.isRight(result) && result.right.lifecycle !== lifecycle;
  });

/**
 * Whether the lifecycle is tmp-locked and its lock has ended at `at`: the next
 * event at `at` first lifts the lock (its own version step).
 *
 * @example
 * import { applyEvent, createLifecycle, defaultPolicy, lifecycleRulesOf, tmpLockEnded } from 'credential-lifecycle';
 * import { either as E } from 'fp-ts';
 * const created = createLifecycle({ kind: 'puk', rules: lifecycleRulesOf(defaultPolicy('PUKPolicy')), at: 0 });
 * // Two failures at 0 lock the PUK until 60000 (its default policy).
 * const once = E.isRight(created) ? applyEvent(created.right, { type: 'login.failed', at: 0 }) : created;
 * const twice = E.isRight(once) ? applyEvent(once.right.lifecycle, { type: 'login.failed', at: 0 }) : once;
 * if (E.isRight(twice)) {
 *   twice.right.lifecycle.state; // 'tmp-locked'
 *   tmpLockEnded(twice.right.lifecycle, 59_999); // false
 *   tmpLockEnded(twice.right.lifecycle, 60_000); // true
 * }
 */
export const tmpLockEnded = (lifecycle: Lifecycle, at: Instant): boolean =>
  lifecycle.state === 'tmp-locked' && lockHasEnded(lifecycle.context, at);

/**
 * Whether a login attempt at `at` would be judged (right) or refused (left,
 * with the reason). A temporary lock that has ended by `at` counts as ended.
 *
 * @example
 * import { applyEvent, canLogin, createLifecycle, defaultPolicy, lifecycleRulesOf } from 'credential-lifecycle';
 * import { either as E } from 'fp-ts';
 * const created = createLifecycle({ kind: 'puk', rules: lifecycleRulesOf(defaultPolicy('PUKPolicy')), at: 0 });
 * if (E.isRight(created)) {
 *   canLogin(created.right, 1_000); // right(undefined)
 *   const disabled = applyEvent(created.right, { type: 'admin.update', at: 1_000, stateName: 'disabled' });
 *   if (E.isRight(disabled)) canLogin(disabled.right.lifecycle, 2_000); // left({ _tag: 'Disabled' })
 * }
 */
export const canLogin = (lifecycle: Lifecycle, at: Instant): E.Either<Refusal, void> => {
  const { context } = lifecycle;
  // An ended lock restores the state at `at`, a state change (as the machine's expireLock).
  const settled: Lifecycle =
    tmpLockEnded(lifecycle, at) && context.stateBeforeLock !== null
      ? { state: context.stateBeforeLock, context: { ...context, lastStateChange: at } }
      : lifecycle;
  const refusal = loginRefusal(settled, at);
  return refusal === undefined ? E.right(undefined) : E.left(refusal);
};

/**
 * Replaces the rules a lifecycle obeys (after its policy changed). The new
 * rules apply from the next event on; the state, counters and version stay.
 * A PUK's lifetime is its policy's `pukLifetime`, read at every login: for a
 * PUK, a changed `credentialLifetime` also moves `validity.to` to
 * `validity.from` + the new lifetime (capped as in {@link validityFrom}).
 *
 * @example
 * import { createLifecycle, defaultPolicy, lifecycleRulesOf, withRules } from 'credential-lifecycle';
 * import { either as E } from 'fp-ts';
 * const rules = lifecycleRulesOf(defaultPolicy('PUKPolicy'));
 * const created = createLifecycle({ kind: 'puk', rules, at: 0 });
 * if (E.isRight(created)) {
 *   const l = created.right;
 *   withRules(l, { ...rules, maxCredFailureCount: 5 }).context.rules.maxCredFailureCount; // 5
 *   withRules(l, { ...rules, credentialLifetime: 86_400_000 }).context.validity; // { from: 0, to: 86400000 }
 *   withRules(l, { ...rules, maxCredFailureCount: 5 }).context.version; // 0
 * }
 */
export const withRules = (lifecycle: Lifecycle, rules: LifecycleRules): Lifecycle => {
  const { context } = lifecycle;
  const lifetimeChanged =
    context.kind === 'puk' && rules.credentialLifetime !== context.rules.credentialLifetime;
  return {
    state: lifecycle.state,
    context: lifetimeChanged
      ? { ...context, rules, validity: validityFrom(context.validity.from, rules) }
      : { ...context, rules },
  };
};
