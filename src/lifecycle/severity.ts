/**
 * Credential problems and their severity: what keeps a credential from being
 * used at an instant, and the most severe problem over a user's credentials,
 * in the reference guide's order tmp-locked < fail-locked < expired <
 * disabled < archived.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import type { Instant } from '../domain/instant.js';
import { canLogin, type Lifecycle, type Refusal } from './lifecycle.js';

/**
 * A problem that keeps a credential from being used. `expired` covers every
 * refusal for time: after the validity period, before it, and after the
 * period for a required password change.
 *
 * @example
 * import type { CredentialProblem } from 'credential-lifecycle';
 * const worst: CredentialProblem = 'archived';
 */
export type CredentialProblem = 'tmp-locked' | 'fail-locked' | 'expired' | 'disabled' | 'archived';

/**
 * Every problem, from the least to the most severe.
 *
 * @example
 * import { credentialProblems } from 'credential-lifecycle';
 * credentialProblems; // ['tmp-locked', 'fail-locked', 'expired', 'disabled', 'archived']
 */
export const credentialProblems: readonly CredentialProblem[] = [
  'tmp-locked',
  'fail-locked',
  'expired',
  'disabled',
  'archived',
];

/**
 * The severity of a problem: its position in {@link credentialProblems}
 * (higher is more severe).
 *
 * @example
 * import { problemSeverity } from 'credential-lifecycle';
 * problemSeverity('expired') > problemSeverity('fail-locked'); // true
 */
export const problemSeverity = (problem: CredentialProblem): number =>
  credentialProblems.indexOf(problem);

/**
 * The problem a login refusal names, or `undefined` for a refusal that is no
 * problem of a stored credential (it was deleted, or the event was not a login).
 *
 * @example
 * import { problemOfRefusal } from 'credential-lifecycle';
 * problemOfRefusal({ _tag: 'NotYetValid', validFrom: 0 }); // 'expired'
 * problemOfRefusal({ _tag: 'Deleted' }); // undefined
 */
export const problemOfRefusal = (refusal: Refusal): CredentialProblem | undefined => {
  switch (refusal._tag) {
    case 'TemporarilyLocked':
      return 'tmp-locked';
    case 'FailLocked':
      return 'fail-locked';
    case 'Expired':
    case 'NotYetValid':
    case 'PasswordChangeOverdue':
      return 'expired';
    case 'Disabled':
      return 'disabled';
    case 'Archived':
      return 'archived';
    default:
      return undefined;
  }
};

/**
 * A credential as these functions take it: a lifecycle value, or anything that
 * holds one (such as a stored credential).
 *
 * @example
 * import { type CredentialLike, createLifecycle, defaultPolicy, lifecycleRulesOf } from 'credential-lifecycle';
 * import { either as E } from 'fp-ts';
 * const created = createLifecycle({ kind: 'puk', rules: lifecycleRulesOf(defaultPolicy('PUKPolicy')), at: 0 });
 * if (E.isRight(created)) {
 *   const stored: CredentialLike = { lifecycle: created.right };
 * }
 */
export type CredentialLike = Lifecycle | { readonly lifecycle: Lifecycle };

const lifecycleOf = (credential: CredentialLike): Lifecycle =>
  'lifecycle' in credential ? credential.lifecycle : credential;

/**
 * The most severe problem that keeps a credential from being used at `at`,
 * or `undefined` when a login would be judged. It is the problem a login at
 * `at` is refused for (a temporary lock that has ended by `at` counts as
 * ended).
 *
 * @example
 * import { applyEvent, createLifecycle, credentialProblem, defaultPolicy, lifecycleRulesOf } from 'credential-lifecycle';
 * import { either as E } from 'fp-ts';
 * const created = createLifecycle({ kind: 'puk', rules: lifecycleRulesOf(defaultPolicy('PUKPolicy')), at: 0 });
 * if (E.isRight(created)) {
 *   credentialProblem(created.right, 1_000); // undefined
 *   credentialProblem(created.right, Date.UTC(2040, 0, 1)); // 'expired'
 *   const disabled = applyEvent(created.right, { type: 'admin.update', at: 1_000, stateName: 'disabled' });
 *   if (E.isRight(disabled)) credentialProblem(disabled.right.lifecycle, 2_000); // 'disabled'
 * }
 */
export const credentialProblem = (
  credential: CredentialLike,
  at: Instant,
): CredentialProblem | undefined => {
  const refused = canLogin(lifecycleOf(credential), at);
  return E.isLeft(refused) ? problemOfRefusal(refused.left) : undefined;
};

const isIterable = (u: object): u is Iterable<CredentialLike> => Symbol.iterator in u;

/**
 * The most severe problem over a user's credentials at `at`, or `undefined`
 * when none has one. Takes a list, or a record by kind as a user holds them.
 *
 * @example
 * import { applyEvent, createLifecycle, defaultPolicy, lifecycleRulesOf, userCredentialStatus } from 'credential-lifecycle';
 * import { either as E } from 'fp-ts';
 * const created = createLifecycle({ kind: 'puk', rules: lifecycleRulesOf(defaultPolicy('PUKPolicy')), at: 0 });
 * if (E.isRight(created)) {
 *   const disabled = applyEvent(created.right, { type: 'admin.update', at: 1_000, stateName: 'disabled' });
 *   if (E.isRight(disabled)) userCredentialStatus([created.right, disabled.right.lifecycle], 2_000); // 'disabled'
 *   userCredentialStatus({ puk: { lifecycle: created.right } }, 2_000); // undefined
 * }
 * userCredentialStatus({}, Date.UTC(2026, 0, 1)); // undefined
 */
export const userCredentialStatus = (
  credentials: Iterable<CredentialLike> | Readonly<Record<string, CredentialLike | undefined>>,
  at: Instant,
): CredentialProblem | undefined => {
  const all: Iterable<CredentialLike | undefined> = isIterable(credentials)
    ? credentials
    : Object.values(credentials);
  let worst: CredentialProblem | undefined;
  for (const credential of all) {
    if (credential === undefined) continue;
    const problem = credentialProblem(credential, at);
    if (
      problem !== undefined &&
      (worst === undefined || problemSeverity(problem) > problemSeverity(worst))
    ) {
      worst = problem;
    }
  }
  return worst;
};
