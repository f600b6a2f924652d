import fc from 'fast-check';
import { either as E } from 'fp-ts';
import type { CredentialKind } from '../../src/domain/credential-type.js';
import { type StateName, stateNames } from '../../src/domain/state.js';
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

/** The latest instant the wire format carries, 9999-12-31T23:59:59.999Z (every millisecond of that second prints the same). */
export const LATEST_WIRE_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

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
  initialPwchangeRequired: kind === 'password',
  initialPwchangePeriodInitial: -1,
  initialPwchangePeriodAdminChanged: -1,
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

// ---------------------------------------------------------------------------
// Arbitraries for property tests.

export const kindArb = fc.constantFrom<CredentialKind>(
  'password',
  'tempStrongPassword',
  'ticket',
  'puk',
);

export const rulesArb: fc.Arbitrary<LifecycleRules> = fc.record({
  maxCredFailureCount: fc.constantFrom(-1, 1, 2, 3, 4, 6),
  tmpLockingThreshold: fc.constantFrom(-1, 1, 2, 3, 4),
  tmpLockingDuration: fc.constantFrom(0, 1_000, 60_000),
  tmpLockingMode: fc.constantFrom('strict' as const, 'threshold' as const),
  maxCredSuccessCount: fc.constantFrom(-1, 1, 2, 5),
  singleUse: fc.boolean(),
  maxResetCount: fc.constantFrom(-1, 0, 1, 3),
  resetTarget: fc.constantFrom('initial' as const, 'active' as const, 'reset-code' as const),
  // Short ones, and two that reach the 9999-12-31T23:59:59Z cap on validity.to
  // (docs/assumptions.md): exactly at T0, and far beyond it.
  credentialLifetime: fc.constantFrom(DAY, 10 * DAY, LATEST_WIRE_INSTANT - T0, 8_000 * 365 * DAY),
  initialPwchangeRequired: fc.boolean(),
  initialPwchangePeriodInitial: fc.constantFrom(-1, 0, 60_000, DAY),
  initialPwchangePeriodAdminChanged: fc.constantFrom(-1, 0, 60_000, DAY),
});

export const stateNameArb = fc.constantFrom<StateName>(...stateNames);

/** An event without its `at`: the time is added from a gap when the sequence is built. */
export type EventShape =
  | { readonly type: Exclude<LifecycleEvent['type'], 'admin.update'> }
  | {
      readonly type: 'admin.update';
      readonly stateName?: StateName;
      readonly comment?: string;
      readonly validity?: { readonly back: number; readonly ahead: number };
      readonly detailsChanged?: boolean;
    };

const simpleEventArb = fc.constantFrom<EventShape>(
  { type: 'login.succeeded' },
  { type: 'login.failed' },
  { type: 'login.failed' },
  { type: 'login.failed' },
  { type: 'time.passes' },
  { type: 'admin.reset' },
  { type: 'admin.unlock' },
  { type: 'user.changedPassword' },
  { type: 'credential.strongLogin' },
  { type: 'credential.deleted' },
);

const updateEventArb: fc.Arbitrary<EventShape> = fc.record(
  {
    type: fc.constant('admin.update' as const),
    stateName: stateNameArb,
    comment: fc.constantFrom('a', 'b'),
    validity: fc.record({
      back: fc.constantFrom(0, DAY, 3 * DAY),
      ahead: fc.constantFrom(-DAY, 0, DAY, 5 * DAY),
    }),
    detailsChanged: fc.boolean(),
  },
  { requiredKeys: ['type'] },
);

export const gapArb = fc.oneof(
  fc.constantFrom(0, 1, 999, 1_000, 59_999, 60_000, 61_000, DAY, 6 * DAY),
  fc.integer({ min: 0, max: 2 * DAY }),
);

export const stepsArb = fc.array(
  fc.tuple(
    fc.oneof({ weight: 6, arbitrary: simpleEventArb }, { weight: 1, arbitrary: updateEventArb }),
    gapArb,
  ),
  { maxLength: 40 },
);

export const toEvent = (shape: EventShape, at: number): LifecycleEvent => {
  if (shape.type !== 'admin.update') return { type: shape.type, at };
  return {
    type: 'admin.update',
    at,
    ...(shape.stateName === undefined ? {} : { stateName: shape.stateName }),
    ...(shape.comment === undefined ? {} : { modificationComment: shape.comment }),
    ...(shape.validity === undefined
      ? {}
      : { validity: { from: at - shape.validity.back, to: at + shape.validity.ahead } }),
    ...(shape.detailsChanged === undefined ? {} : { detailsChanged: shape.detailsChanged }),
  };
};

/** A random scenario: kind, rules, creation state, and timed events. */
export const scenarioArb = fc.record({
  kind: kindArb,
  rules: rulesArb,
  stateName: fc.constantFrom<StateName>(
    'initial',
    'active',
    'disabled',
    'reset-code',
    'admin-changed',
  ),
  steps: stepsArb,
});

export type Scenario = {
  readonly kind: CredentialKind;
  readonly rules: LifecycleRules;
  readonly stateName: StateName;
  readonly steps: ReadonlyArray<readonly [EventShape, number]>;
};

/** The events of a scenario with their instants. */
export const eventsOf = (scenario: Scenario): LifecycleEvent[] => {
  let at = T0;
  return scenario.steps.map(([shape, gap]) => {
    at += gap;
    return toEvent(shape, at);
  });
};
