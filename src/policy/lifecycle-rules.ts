/**
 * What the lifecycle machine needs from a policy, and the reset limit.
 *
 * @packageDocumentation
 */
import { type LifecycleRules, resetLimitAllows } from '../lifecycle/rules.js';
import type { Policy } from './policy.js';

const rulesOfPolicy = (policy: Policy): LifecycleRules => ({
  maxCredFailureCount: policy.maxCredFailureCount,
  tmpLockingThreshold: policy.tmpLockingThreshold,
  tmpLockingDuration: policy.tmpLockingDuration,
  tmpLockingMode: policy.tmpLockingMode,
  maxCredSuccessCount: policy.type === 'PUKPolicy' ? policy.maxCredSuccessCount : -1,
  singleUse:
    policy.type === 'TempStrongPasswordPolicy' || policy.type === 'TicketPolicy'
      ? policy.singleUse
      : false,
  maxResetCount: policy.maxResetCount,
  resetTarget: policy.resetTarget,
  credentialLifetime: policy.type === 'PUKPolicy' ? policy.pukLifetime : policy.credentialLifetime,
  initialPwchangeRequired: policy.type === 'PwdPolicy' ? policy.initialPwchangeRequired : false,
  initialPwchangePeriodInitial:
    policy.type === 'PwdPolicy' ? policy.initialPwchangePeriod.initial : -1,
  initialPwchangePeriodAdminChanged:
    policy.type === 'PwdPolicy' ? policy.initialPwchangePeriod.adminChanged : -1,
});

/** Policies are immutable values: one rules object per policy object suffices. */
const rulesCache = new WeakMap<Policy, LifecycleRules>();

/**
 * The lifecycle rules a policy imposes. Only PUK policies limit successful
 * logins (`maxCredSuccessCount`; -1 for the others), only TSP and ticket
 * policies can make a credential single-use (`singleUse`; false for the
 * others) and only password policies require a change of an initial or
 * admin-set password (`initialPwchangeRequired`, `initialPwchangePeriod`;
 * false and -1 for the others). A PUK's lifetime is its policy's `pukLifetime`.
 * The same policy object always gives the same rules object, so every
 * credential under one policy shares it.
 *
 * @example
 * import { defaultPolicy, lifecycleRulesOf } from 'credential-lifecycle';
 * lifecycleRulesOf(defaultPolicy('PUKPolicy')).maxCredSuccessCount; // 5
 * lifecycleRulesOf(defaultPolicy('TicketPolicy')).singleUse; // true
 */
export const lifecycleRulesOf = (policy: Policy): LifecycleRules => {
  let rules = rulesCache.get(policy);
  if (rules === undefined) {
    rules = rulesOfPolicy(policy);
    rulesCache.set(policy, rules);
  }
  return rules;
};

/**
 * Whether a credential that has been reset `resetCount` times may be reset
 * once more: always when `maxResetCount` is -1, otherwise while
 * `resetCount < maxResetCount`. A `resetCount` that is not a non-negative
 * integer answers `false`. Accepts a policy or its {@link LifecycleRules}.
 *
 * @example
 * import { canReset, defaultPolicy } from 'credential-lifecycle';
 * canReset(100, defaultPolicy('PUKPolicy')); // true (unlimited)
 * canReset(3, { ...defaultPolicy('PUKPolicy'), maxResetCount: 3 }); // false
 */
export const canReset = (resetCount: number, policy: { readonly maxResetCount: number }): boolean =>
  Number.isSafeInteger(resetCount) && resetCount >= 0 && resetLimitAllows(resetCount, policy);
