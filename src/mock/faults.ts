/**
 * Deliberate defects for testing the conformance runner. TEST-ONLY: a server
 * started with a fault is wrong on purpose.
 *
 * @packageDocumentation
 */
import type { OperationResult } from '../operations/operation.js';
import type { RouteMatch } from '../operations/route.js';
import { type UserRecord, withCredential } from '../operations/user.js';
import type { MockHooks } from './core.js';

/**
 * The names of the deliberate defects (test-only):
 * `skip-version-increment` — a login leaves the credential's `version` where
 * it was instead of incrementing it.
 *
 * @example
 * import { faultNames } from 'credential-lifecycle/server';
 * faultNames.includes('skip-version-increment'); // true
 */
export const faultNames = ['skip-version-increment'] as const;

/**
 * One deliberate defect (test-only).
 *
 * @example
 * import type { Fault } from 'credential-lifecycle/server';
 * const f: Fault = 'skip-version-increment';
 */
export type Fault = (typeof faultNames)[number];

/**
 * Whether a string names a fault.
 *
 * @example
 * import { isFault } from 'credential-lifecycle/server';
 * isFault('skip-version-increment'); // true
 * isFault('crash'); // false
 */
export const isFault = (name: string): name is Fault =>
  (faultNames as readonly string[]).includes(name);

/**
 * Applies the faults to an operation's result before the server stores it:
 * the wrapper sits between the pure operation and the store, so the
 * operations themselves stay correct.
 *
 * @example
 * import { withFaults } from 'credential-lifecycle/server';
 * const result = { answer: { status: 200, headers: {} }, user: { clientExtId: 'c', userExtId: 'u', credentials: {} } };
 * withFaults(new Set(), { kind: 'puk', action: 'login', clientExtId: 'c', userExtId: 'u' }, undefined, result) === result; // true
 */
export const withFaults = (
  faults: ReadonlySet<Fault>,
  route: RouteMatch,
  before: UserRecord | undefined,
  result: OperationResult,
): OperationResult => {
  if (!faults.has('skip-version-increment') || route.action !== 'login') return result;
  const previous = before?.credentials[route.kind];
  const next = result.user.credentials[route.kind];
  if (previous === undefined || next === undefined) return result;
  const stale = {
    ...next,
    lifecycle: {
      ...next.lifecycle,
      context: { ...next.lifecycle.context, version: previous.lifecycle.context.version },
    },
  };
  return { ...result, user: withCredential(result.user, route.kind, stale) };
};

/**
 * The faults as hooks of the mock's request flow, or `undefined` when there
 * are none (so a correct mock runs without hooks).
 *
 * @example
 * import { faultHooks } from 'credential-lifecycle/server';
 * faultHooks([]); // undefined
 * faultHooks(['skip-version-increment'])?.revise !== undefined; // true
 */
export const faultHooks = (faults: readonly Fault[]): MockHooks | undefined => {
  if (faults.length === 0) return undefined;
  const set: ReadonlySet<Fault> = new Set(faults);
  return {
    revise: (result, route, store) =>
      withFaults(set, route, store.user(route.clientExtId, route.userExtId), result),
  };
};
