/**
 * The evolve half of the operations: every state change of a stored
 * credential goes through the lifecycle machine here.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import type { Instant } from '../domain/instant.js';
import {
  applyEvent,
  type LifecycleEvent,
  type Outcome,
  type Refusal,
  tmpLockEnded,
  withRules,
} from '../lifecycle/index.js';
import type { LifecycleRules } from '../lifecycle/rules.js';
import type { StoredCredential } from './user.js';

/**
 * A credential after an event: `undefined` when the event deleted it.
 *
 * @example
 * import type { Evolved } from 'credential-lifecycle';
 * const gone = (e: Evolved) => e.credential === undefined;
 */
export interface Evolved {
  readonly credential: StoredCredential | undefined;
  readonly outcome: Outcome;
}

/**
 * Applies one lifecycle event to a stored credential. A change records
 * `modifiedBy` when given; an event that changes nothing returns the
 * credential itself.
 *
 * @example
 * import { createPuk, defaultPolicyBook, evolve, seededRandom, superAdmin } from 'credential-lifecycle';
 * const created = createPuk({
 *   route: { kind: 'puk', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: {},
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: 0, random: seededRandom(1) },
 * });
 * const puk = created._tag === 'Right' ? created.right.user.credentials.puk : undefined;
 * if (puk !== undefined) {
 *   const failed = evolve(puk, { type: 'login.failed', at: 1_000 }, 'ops');
 *   failed._tag === 'Right' && failed.right.credential?.lifecycle.context.failedLoginCount; // 1
 *   failed._tag === 'Right' && failed.right.credential?.modifiedBy; // 'ops'
 *   evolve(puk, { type: 'admin.unlock', at: 1_000 });
 *   // left({ _tag: 'NotAllowedInState', state: 'active', event: 'admin.unlock' })
 * }
 */
export const evolve = (
  credential: StoredCredential,
  event: LifecycleEvent,
  modifiedBy?: string,
): E.Either<Refusal, Evolved> =>
  E.map((outcome: Outcome) => {
    if (outcome.deleted) return { credential: undefined, outcome };
    if (outcome.lifecycle === credential.lifecycle) return { credential, outcome };
    const next: StoredCredential =
      modifiedBy === undefined
        ? { ...credential, lifecycle: outcome.lifecycle }
        : { ...credential, lifecycle: outcome.lifecycle, modifiedBy };
    return { credential: next, outcome };
  })(applyEvent(credential.lifecycle, event));

/**
 * Brings a stored credential up to `at` under the rules of its policy now: the
 * rules are refreshed, and a temporary lock that has ended is lifted (a change
 * of its own, with its own version).
 *
 * @example
 * import {
 *   createPuk, defaultPolicy, defaultPolicyBook, evolve, lifecycleRulesOf, seededRandom, settle, superAdmin,
 * } from 'credential-lifecycle';
 * const created = createPuk({
 *   route: { kind: 'puk', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: {},
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: 0, random: seededRandom(1) },
 * });
 * // Two failures at 0 lock the PUK until 60000 (its default policy).
 * const puk = created._tag === 'Right' ? created.right.user.credentials.puk : undefined;
 * const once = puk && evolve(puk, { type: 'login.failed', at: 0 });
 * const twice = once?._tag === 'Right' && once.right.credential ? evolve(once.right.credential, { type: 'login.failed', at: 0 }) : undefined;
 * const locked = twice?._tag === 'Right' ? twice.right.credential : undefined;
 * if (locked !== undefined) {
 *   const rules = lifecycleRulesOf(defaultPolicy('PUKPolicy'));
 *   settle(locked, rules, 30_000).lifecycle.state; // 'tmp-locked'
 *   settle(locked, rules, 60_000).lifecycle.state; // 'active'
 *   settle(locked, rules, 60_000).lifecycle.context.version; // 3 (the lift is a version step of its own)
 * }
 */
export const settle = (
  credential: StoredCredential,
  rules: LifecycleRules,
  at: Instant,
): StoredCredential => {
  const current = sameRules(credential.lifecycle.context.rules, rules)
    ? credential
    : { ...credential, lifecycle: withRules(credential.lifecycle, rules) };
  // Only an ended temporary lock changes with time; skip the machine otherwise.
  if (!tmpLockEnded(current.lifecycle, at)) return current;
  const expired = evolve(current, { type: 'time.passes', at });
  return E.isRight(expired) && expired.right.credential !== undefined
    ? expired.right.credential
    : current;
};

/** Whether two rule sets are equal, field by field. */
const sameRules = (a: LifecycleRules, b: LifecycleRules): boolean =>
  a === b || (Object.keys(b) as (keyof LifecycleRules)[]).every((key) => a[key] === b[key]);
