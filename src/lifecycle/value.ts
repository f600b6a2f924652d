/**
 * The persisted form of a lifecycle: an io-ts codec that checks a value read
 * back from storage (shape, and the invariants the machine keeps).
 *
 * @packageDocumentation
 */
import * as t from 'io-ts';
import { CredentialKind } from '../domain/credential-type.js';
import { StateChangeReason, StateName } from '../domain/state.js';
import type { Lifecycle } from './lifecycle.js';

const finite = new t.Type<number, number, unknown>(
  'FiniteNumber',
  (u): u is number => typeof u === 'number' && Number.isFinite(u),
  (u, c) => (typeof u === 'number' && Number.isFinite(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
);

const count = new t.Type<number, number, unknown>(
  'Count',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0,
  (u, c) =>
    typeof u === 'number' && Number.isSafeInteger(u) && u >= 0 ? t.success(u) : t.failure(u, c),
  t.identity,
);

const rules = t.type(
  {
    maxCredFailureCount: finite,
    tmpLockingThreshold: finite,
    tmpLockingDuration: finite,
    tmpLockingMode: t.keyof({ strict: null, threshold: null }),
    maxCredSuccessCount: finite,
    singleUse: t.boolean,
    maxResetCount: finite,
    resetTarget: t.keyof({ initial: null, active: null, 'reset-code': null }),
    credentialLifetime: finite,
    initialPwchangeRequired: t.boolean,
    initialPwchangePeriodInitial: finite,
    initialPwchangePeriodAdminChanged: finite,
  },
  'LifecycleRules',
);

const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);

const context = t.type(
  {
    kind: CredentialKind,
    rules,
    failedLoginCount: count,
    successfulLoginCount: count,
    resetCount: count,
    failureCount: count,
    successCount: count,
    lockedUntil: nullable(finite),
    stateBeforeLock: nullable(StateName),
    validity: t.type({ from: finite, to: finite }),
    stateChangeReason: StateChangeReason,
    stateChangeDetail: nullable(t.string),
    modificationComment: nullable(t.string),
    lastSuccessfulLoginDate: nullable(finite),
    lastFailedLoginDate: nullable(finite),
    created: finite,
    lastModified: finite,
    lastStateChange: finite,
    stateEnteredAt: finite,
    version: count,
  },
  'LifecycleContext',
);

const shape = t.type({ state: t.union([StateName, t.literal('deleted')]), context }, 'Lifecycle');

/** The lock fields are set exactly in `tmp-locked` (and may linger in `deleted`). */
const consistent = (l: t.TypeOf<typeof shape>): boolean => {
  const { lockedUntil, stateBeforeLock } = l.context;
  if (l.state === 'deleted') return true;
  if (l.state === 'tmp-locked') {
    return (
      lockedUntil !== null &&
      (stateBeforeLock === 'initial' ||
        stateBeforeLock === 'active' ||
        stateBeforeLock === 'reset-code' ||
        stateBeforeLock === 'admin-changed')
    );
  }
  return lockedUntil === null && stateBeforeLock === null;
};

/**
 * Codec for a persisted {@link Lifecycle}: decodes a value parsed from JSON,
 * checking every field and that the lock fields are set exactly in
 * `tmp-locked`. Encoding is the identity (the value is already JSON data).
 *
 * @example
 * import { LifecycleValue, createLifecycle, defaultPolicy, lifecycleRulesOf } from 'credential-lifecycle';
 * import { either as E } from 'fp-ts';
 * const created = createLifecycle({ kind: 'ticket', rules: lifecycleRulesOf(defaultPolicy('TicketPolicy')), at: 0 });
 * if (E.isRight(created)) {
 *   const back = LifecycleValue.decode(JSON.parse(JSON.stringify(created.right)));
 *   E.isRight(back) && JSON.stringify(back.right) === JSON.stringify(created.right); // true
 * }
 * E.isLeft(LifecycleValue.decode({ state: 'active' })); // true (no context)
 */
export const LifecycleValue: t.Type<Lifecycle, Lifecycle, unknown> = new t.Type<
  Lifecycle,
  Lifecycle,
  unknown
>(
  'LifecycleValue',
  (u): u is Lifecycle => shape.is(u) && consistent(u),
  (u, c) => {
    const decoded = shape.validate(u, c);
    if (decoded._tag === 'Left') return decoded;
    return consistent(decoded.right)
      ? t.success(decoded.right)
      : t.failure(u, c, 'lockedUntil and stateBeforeLock are set exactly in tmp-locked');
  },
  t.identity,
);

/**
 * Whether a value is a well-formed {@link Lifecycle} (see {@link LifecycleValue}).
 *
 * @example
 * import { isLifecycle } from 'credential-lifecycle';
 * isLifecycle({ state: 'active', context: {} }); // false
 */
export const isLifecycle = (u: unknown): u is Lifecycle => LifecycleValue.is(u);
