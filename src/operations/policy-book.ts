/**
 * The policies of a client: every policy by `extId`, and which one applies to
 * each type when a request names none.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import type { CredentialKind } from '../domain/credential-type.js';
import { type ApiError, apiError, ErrorCode } from '../domain/errors.js';
import {
  defaultPolicy,
  type Policy,
  type PolicyOf,
  type PolicyType,
  policyTypeOfKind,
} from '../policy/policy.js';

/**
 * The policy type that governs a kind.
 *
 * @example
 * import type { PolicyOfKind } from 'credential-lifecycle';
 * type P = PolicyOfKind<'puk'>; // PukPolicy
 */
export type PolicyOfKind<K extends CredentialKind> = PolicyOf<(typeof policyTypeOfKind)[K]>;

/**
 * A client's policies and the default of each type.
 *
 * @example
 * import { defaultPolicyBook } from 'credential-lifecycle';
 * defaultPolicyBook().defaults.PUKPolicy; // 'default-puk'
 */
export interface PolicyBook {
  readonly policies: ReadonlyMap<string, Policy>;
  readonly defaults: { readonly [T in PolicyType]: string };
}

/**
 * A book holding one default policy of each type (`default-password`,
 * `default-tempstrong-password`, `default-ticket`, `default-puk`).
 *
 * @example
 * import { defaultPolicyBook } from 'credential-lifecycle';
 * defaultPolicyBook().policies.size; // 4
 */
export const defaultPolicyBook = (): PolicyBook => {
  const policies: Policy[] = [
    defaultPolicy('PwdPolicy', 'default-password'),
    defaultPolicy('TempStrongPasswordPolicy', 'default-tempstrong-password'),
    defaultPolicy('TicketPolicy', 'default-ticket'),
    defaultPolicy('PUKPolicy', 'default-puk'),
  ];
  return {
    policies: new Map(policies.map((p) => [p.extId, p])),
    defaults: {
      PwdPolicy: 'default-password',
      TempStrongPasswordPolicy: 'default-tempstrong-password',
      TicketPolicy: 'default-ticket',
      PUKPolicy: 'default-puk',
    },
  };
};

/**
 * The book with a policy added or replaced, optionally as its type's default.
 *
 * @example
 * import { defaultPolicy, defaultPolicyBook, withPolicy } from 'credential-lifecycle';
 * const book = withPolicy(defaultPolicyBook(), defaultPolicy('PUKPolicy', 'strict-puk'), true);
 * book.defaults.PUKPolicy; // 'strict-puk'
 */
export const withPolicy = (book: PolicyBook, policy: Policy, isDefault: boolean): PolicyBook => ({
  policies: new Map(book.policies).set(policy.extId, policy),
  defaults: isDefault ? { ...book.defaults, [policy.type]: policy.extId } : book.defaults,
});

const isOfKind = <K extends CredentialKind>(policy: Policy, kind: K): policy is PolicyOfKind<K> =>
  policy.type === policyTypeOfKind[kind];

/**
 * The policy a request names for a kind, or the kind's default when it names
 * none. A name that does not exist, or names a policy of another type, is 422.
 *
 * @example
 * import { defaultPolicyBook, resolvePolicy } from 'credential-lifecycle';
 * resolvePolicy(defaultPolicyBook(), 'puk', undefined); // right(the default PUK policy)
 * resolvePolicy(defaultPolicyBook(), 'puk', 'default-ticket');
 * // left({ status: 422, errors: [{ code: 'errors.invalidValue', message: '$.policyExtId: policy default-ticket is a TicketPolicy, not a PUKPolicy' }] })
 */
export const resolvePolicy = <K extends CredentialKind>(
  book: PolicyBook,
  kind: K,
  policyExtId: string | undefined,
): E.Either<ApiError, PolicyOfKind<K>> => {
  const extId = policyExtId ?? book.defaults[policyTypeOfKind[kind]];
  const policy = book.policies.get(extId);
  if (policy === undefined) {
    return E.left(apiError(422, ErrorCode.invalidValue, `$.policyExtId: no policy ${extId}`));
  }
  return isOfKind(policy, kind)
    ? E.right(policy)
    : E.left(
        apiError(
          422,
          ErrorCode.invalidValue,
          `$.policyExtId: policy ${extId} is a ${policy.type}, not a ${policyTypeOfKind[kind]}`,
        ),
      );
};

/**
 * The policy a stored credential obeys now: the one it names, or the kind's
 * default when that one is gone.
 *
 * @example
 * import { defaultPolicyBook, policyInForce } from 'credential-lifecycle';
 * policyInForce(defaultPolicyBook(), 'ticket', 'removed-policy').extId; // 'default-ticket'
 */
export const policyInForce = <K extends CredentialKind>(
  book: PolicyBook,
  kind: K,
  policyExtId: string,
): PolicyOfKind<K> => {
  const named = book.policies.get(policyExtId);
  if (named !== undefined && isOfKind(named, kind)) return named;
  const fallback = book.policies.get(book.defaults[policyTypeOfKind[kind]]);
  return fallback !== undefined && isOfKind(fallback, kind)
    ? fallback
    : (defaultPolicy(policyTypeOfKind[kind], policyExtId) as PolicyOfKind<K>);
};
