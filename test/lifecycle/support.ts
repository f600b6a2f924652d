import * as E from 'fp-ts/lib/Either.js';
import type { CredentialKind } from '../../src/domain/credential-type.js';
import type { StateName } from '../../src/domain/state.js';
import {
  applyEvent,
  createLifecycle,
  type Lifecycle,
  type LifecycleEvent,
  type LifecycleRules,
  type Outcome,
  type Refusal,
} from '../../src/lifecycle/index.js';

export const SECOND = 1_000;
export const DAY = 86_400_000;
export const T0 = Date.UTC(2026, 4, 4, 12, 0, 0);

/** The spec's policy defaults, per kind. */
export const defaultRules = (kind: CredentialKind): LifecycleRules => ({
  maxCredFailureCount: 3,
  tmpLockingThreshold: 2,
  tmpLockingDuration: 60_000,
  tmpLockingMode: 'strict',
  maxCredSuccessCount: kind === 'puk' ? 5 : -1,
  singleUse: kind === 'tempStrongPassword' || kind === 'ticket',
  maxResetCount: -1,
  resetTarget: kind === 'ticket' || kind === 'puk' ? 'active' : 'initial',
  credentialLifetime: kind === 'tempStrongPassword' || kind === 'ticket' ? 5 * DAY : 3650 * DAY,
});

export const create = (
  kind: CredentialKind,
  rules: LifecycleRules = defaultRules(kind),
  stateName?: StateName,
  at: number = T0,
): Lifecycle => {
  const r = createLifecycle(
    stateName === undefined ? { kind, rules, at } : { kind, rules, at, stateName },
  );
  if (E.isLeft(r)) throw new Error(`create refused: ${JSON.stringify(r.left)}`);
  return r.right;
};

/** Applies an event that the test expects to be accepted. */
export const accept = (l: Lifecycle, e: LifecycleEvent): Outcome => {
  const r = applyEvent(l, e);
  if (E.isLeft(r)) throw new Error(`refused ${e.type}: ${JSON.stringify(r.left)}`);
  return r.right;
};

/** Applies an event that the test expects to be refused. */
export const refuse = (l: Lifecycle, e: LifecycleEvent): Refusal => {
  const r = applyEvent(l, e);
  if (E.isRight(r)) throw new Error(`accepted ${e.type}`);
  return r.left;
};
