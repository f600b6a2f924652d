/**
 * Lifecycles and stored credentials in any reachable state, reached through
 * real events of the machine.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import { either as E } from 'fp-ts';
import {
  type CredentialKind,
  createLifecycle,
  createStates,
  hashSecret,
  type Json,
  type Lifecycle,
  type LifecycleEvent,
  lifecycleRulesOf,
  policyTypeOfKind,
  resourceOf,
  type StoredCredential,
  seededRandom,
  applyEvent as step,
} from '../../index.js';
import { policyArb } from './policies.js';
import { extIdArb, stateNameArb, textArb } from './values.js';

const eventShapeArb = fc.oneof(
  { arbitrary: fc.constantFrom('login.failed' as const), weight: 4 },
  {
    arbitrary: fc.constantFrom(
      'login.succeeded' as const,
      'time.passes' as const,
      'admin.reset' as const,
      'admin.unlock' as const,
      'user.changedPassword' as const,
    ),
    weight: 4,
  },
  {
    arbitrary: fc.record(
      {
        stateName: stateNameArb,
        modificationComment: fc.constantFrom('moved', 'on leave', 'checked'),
      },
      { requiredKeys: [] },
    ),
    weight: 2,
  },
);

const gapArb = fc.constantFrom(0, 1_000, 30_000, 61_000, 3_600_000, 86_400_000);

/**
 * Lifecycles of a kind in any reachable state: a creation (any state a
 * creation may name) under a random policy, then random events at
 * increasing instants through `applyEvent`; refused events are skipped, and
 * consuming events (deletion, single-use logins) are never kept at the end.
 *
 * @example
 * import { lifecycleArb } from 'credential-lifecycle/testing';
 * import { isLifecycle } from 'credential-lifecycle';
 * import fc from 'fast-check';
 * fc.assert(fc.property(lifecycleArb('puk'), (l) => isLifecycle(l) && l.state !== 'deleted'));
 * // undefined: the property holds (fc.assert throws on a counterexample)
 */
export const lifecycleArb = (kind: CredentialKind): fc.Arbitrary<Lifecycle> =>
  fc
    .record({
      policy: policyArb(policyTypeOfKind[kind]),
      start: fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }).map((s) => s * 1000),
      stateName: fc.option(fc.constantFrom(...createStates), { nil: undefined }),
      events: fc.array(fc.tuple(eventShapeArb, gapArb), { maxLength: 25 }),
    })
    .map(({ policy, start, stateName, events }) => {
      const rules = lifecycleRulesOf(policy);
      const created = createLifecycle({
        kind,
        rules,
        at: start,
        ...(stateName === undefined ? {} : { stateName }),
      });
      if (E.isLeft(created)) throw new Error('a creation state was refused');
      let lifecycle = created.right;
      let at = start;
      for (const [shape, gap] of events) {
        at += gap;
        const event: LifecycleEvent =
          typeof shape === 'string' ? { type: shape, at } : { type: 'admin.update', at, ...shape };
        const next = step(lifecycle, event);
        if (E.isRight(next) && !next.right.deleted) lifecycle = next.right.lifecycle;
      }
      return lifecycle;
    });

/**
 * Stored credentials of a kind in any reachable state (see
 * {@link lifecycleArb}), with a real salted hash of a random secret.
 *
 * @example
 * import { storedCredentialArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(storedCredentialArb('ticket'), 1)[0]?.secretHash.startsWith('{SSHA'); // true
 */
export const storedCredentialArb = (kind: CredentialKind): fc.Arbitrary<StoredCredential> =>
  fc
    .record({
      lifecycle: lifecycleArb(kind),
      extId: extIdArb,
      policyExtId: extIdArb,
      secret: fc.string({ minLength: 1, maxLength: 20 }),
      algorithm: fc.constantFrom('SSHA' as const, 'SSHA256' as const),
      salt: fc.integer(),
      identification: fc.option(textArb, { nil: undefined }),
      context: fc.option(textArb, { nil: undefined }),
    })
    .map(({ lifecycle, extId, policyExtId, secret, algorithm, salt, identification, context }) => ({
      kind,
      extId,
      policyExtId,
      secretHash: hashSecret(secret, { algorithm, random: seededRandom(salt) }),
      lifecycle,
      createdBy: 'admin',
      modifiedBy: 'admin',
      ...(kind === 'ticket' && identification !== undefined ? { identification } : {}),
      ...(kind === 'ticket' && context !== undefined ? { context } : {}),
    }));

/**
 * Credential resources on the wire (JSON, instants as ISO strings) of a kind
 * in any reachable state, as an administrator (or, with `selfAdmin`, the
 * user) sees them. They decode with `credentialCodecOfKind[kind]`.
 *
 * @example
 * import { reachableCredentialArb } from 'credential-lifecycle/testing';
 * import { credentialCodecOfKind } from 'credential-lifecycle';
 * import fc from 'fast-check';
 * fc.assert(
 *   fc.property(reachableCredentialArb('password'), (json) =>
 *     credentialCodecOfKind.password.decode(json)._tag === 'Right'),
 * );
 * // undefined: the property holds (fc.assert throws on a counterexample)
 */
export const reachableCredentialArb = (
  kind: CredentialKind,
  options: { readonly selfAdmin?: boolean } = {},
): fc.Arbitrary<Json> =>
  fc.tuple(storedCredentialArb(kind), extIdArb).map(([credential, userExtId]) =>
    resourceOf(credential, userExtId, credential.secretHash, {
      name: options.selfAdmin === true ? userExtId : 'admin',
      selfAdmin: options.selfAdmin === true,
    }),
  );
