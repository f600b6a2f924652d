/**
 * The policy parameters the lifecycle machine reads. The policy module derives
 * them from a full policy (`lifecycleRulesOf`); the machine knows nothing else
 * about policies.
 *
 * @packageDocumentation
 */

import { type Instant, latestInstant } from '../domain/instant.js';
import type { Validity } from '../domain/validity.js';

/**
 * How failures count towards a temporary lock: `strict` locks on every failure
 * from the threshold on; `threshold` locks on every multiple of it.
 *
 * @example
 * import type { TmpLockingMode } from 'credential-lifecycle';
 * const mode: TmpLockingMode = 'threshold';
 */
export type TmpLockingMode = 'strict' | 'threshold';

/**
 * The state an administrator's reset leads to.
 *
 * @example
 * import type { ResetTarget } from 'credential-lifecycle';
 * const target: ResetTarget = 'reset-code';
 */
export type ResetTarget = 'initial' | 'active' | 'reset-code';

/**
 * The rules one credential's lifecycle obeys. Counts of `-1` disable the rule.
 *
 * @example
 * import type { LifecycleRules } from 'credential-lifecycle';
 * const rules: LifecycleRules = {
 *   maxCredFailureCount: 3,
 *   tmpLockingThreshold: 2,
 *   tmpLockingDuration: 60_000,
 *   tmpLockingMode: 'strict',
 *   maxCredSuccessCount: -1,
 *   singleUse: false,
 *   maxResetCount: -1,
 *   resetTarget: 'initial',
 *   credentialLifetime: 315_360_000_000,
 *   initialPwchangeRequired: true,
 *   initialPwchangePeriodInitial: -1,
 *   initialPwchangePeriodAdminChanged: 86_400_000,
 * };
 */
export interface LifecycleRules {
  /** Failures (after the increment) at which the credential fail-locks; -1 disables. */
  readonly maxCredFailureCount: number;
  /** Failures at which it tmp-locks (see {@link TmpLockingMode}); -1 disables. */
  readonly tmpLockingThreshold: number;
  /** How long a temporary lock lasts, in milliseconds. */
  readonly tmpLockingDuration: number;
  /** Whether every failure from the threshold on locks, or every multiple of it. */
  readonly tmpLockingMode: TmpLockingMode;
  /** Successful logins at which the credential fail-locks (PUK); -1 disables. */
  readonly maxCredSuccessCount: number;
  /** Whether a successful login consumes (deletes) the credential (TSP, Ticket). */
  readonly singleUse: boolean;
  /** Resets allowed over the credential's life; -1 is unlimited. */
  readonly maxResetCount: number;
  /** The state an administrator's reset leads to. */
  readonly resetTarget: ResetTarget;
  /** How long a credential is valid from its creation or reset, in milliseconds. */
  readonly credentialLifetime: number;
  /**
   * Whether a password in `initial` or `admin-changed` must be changed by its
   * user (false for the other kinds).
   */
  readonly initialPwchangeRequired: boolean;
  /**
   * How long (ms) a password in `initial` may still be used, from the state
   * change that put it there (`stateEnteredAt`); -1 is no limit. The policy's
   * `initialPwchangePeriod.initial`.
   */
  readonly initialPwchangePeriodInitial: number;
  /** The same for `admin-changed`: the policy's `initialPwchangePeriod.adminChanged`. */
  readonly initialPwchangePeriodAdminChanged: number;
}

/**
 * The states in which a password may have to be changed by its user, and the
 * rule that limits the period in each.
 *
 * @example
 * import { passwordChangePeriodOf } from 'credential-lifecycle';
 * passwordChangePeriodOf['admin-changed']; // 'initialPwchangePeriodAdminChanged'
 */
export const passwordChangePeriodOf = {
  initial: 'initialPwchangePeriodInitial',
  'admin-changed': 'initialPwchangePeriodAdminChanged',
} as const satisfies Record<string, keyof LifecycleRules>;

/**
 * A state in which a password change may be required: `initial` or `admin-changed`.
 *
 * @example
 * import type { PasswordChangeState } from 'credential-lifecycle';
 * const s: PasswordChangeState = 'admin-changed';
 */
export type PasswordChangeState = keyof typeof passwordChangePeriodOf;

/**
 * The validity a creation or reset at `at` gives: from `at` for the rules'
 * `credentialLifetime`, the end capped at the latest instant the wire format
 * can carry (9999-12-31T23:59:59.999Z).
 *
 * @example
 * import { validityFrom } from 'credential-lifecycle';
 * validityFrom(0, { credentialLifetime: 1_000 }); // { from: 0, to: 1_000 }
 */
export const validityFrom = (
  at: Instant,
  rules: Pick<LifecycleRules, 'credentialLifetime'>,
): Validity => ({ from: at, to: Math.min(at + rules.credentialLifetime, latestInstant) });

/**
 * The reset limit: whether a credential reset `resetCount` times may be reset
 * once more (always when `maxResetCount` is -1). The machine's reset guard,
 * its refusal and the policy's `canReset` all ask this one function.
 *
 * @example
 * import { resetLimitAllows } from 'credential-lifecycle';
 * resetLimitAllows(2, { maxResetCount: 3 }); // true
 * resetLimitAllows(3, { maxResetCount: 3 }); // false
 */
export const resetLimitAllows = (
  resetCount: number,
  rules: Pick<LifecycleRules, 'maxResetCount'>,
): boolean => rules.maxResetCount === -1 || resetCount < rules.maxResetCount;
