/**
 * Deliberate defects for testing the conformance runner. TEST-ONLY: a server
 * started with a fault is wrong on purpose.
 *
 * @packageDocumentation
 */
import type { OperationResult } from '../operations/operation.js';
import type { CredentialRepository } from '../operations/repository.js';
import type { RouteMatch } from '../operations/route.js';
import { type UserRecord, withCredential } from '../operations/user.js';
import type { MockHooks } from './core.js';

/**
 * The names of the deliberate defects (test-only):
 * - `skip-version-increment` — a login leaves the credential's `version`
 *   where it was instead of incrementing it;
 * - `lost-update` — the server reads the user's record, yields to the event
 *   loop, then writes without the revision check (and without queueing
 *   requests per user), so concurrent requests overwrite each other: of
 *   concurrent failed logins, most are not counted.
 *
 * @example
 * import { faultNames } from 'credential-lifecycle/server';
 * faultNames; // ['skip-version-increment', 'lost-update']
 */
export const faultNames = ['skip-version-increment', 'lost-update'] as const;

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

/** A macrotask away: long enough for every other request in flight to read the same record. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A blind write gives up after this many lost races (it never happens in one process). */
const blindWriteAttempts = 100;

/**
 * The `lost-update` fault as a repository over a correct one (TEST-ONLY):
 * `load` yields to the event loop after reading, and `save` overwrites
 * whatever is stored, ignoring the revision it was given (it writes over the
 * revision it reads just before), so the last writer wins.
 *
 * @example
 * import { lostUpdates, MemoryMockStore } from 'credential-lifecycle/server';
 * const store = new MemoryMockStore();
 * store.putUser({ clientExtId: 'c1', userExtId: 'u1', credentials: {} });
 * await lostUpdates(store).save({ clientExtId: 'c1', userExtId: 'u1', credentials: {} }, 12345); // 'saved'
 */
export const lostUpdates = (store: CredentialRepository): CredentialRepository => ({
  load: async (clientExtId, userExtId) => {
    const view = await store.load(clientExtId, userExtId);
    await yieldToEventLoop();
    return view;
  },
  save: async (user) => {
    for (let attempt = 1; attempt <= blindWriteAttempts; attempt++) {
      const { stored } = await store.load(user.clientExtId, user.userExtId);
      if ((await store.save(user, stored?.revision)) === 'saved') return 'saved';
    }
    return 'conflict';
  },
});

/**
 * The faults as hooks of the mock's request flow, or `undefined` when there
 * are none (so a correct mock runs without hooks).
 *
 * @example
 * import { faultHooks } from 'credential-lifecycle/server';
 * faultHooks([]); // undefined
 * faultHooks(['skip-version-increment'])?.revise !== undefined; // true
 * faultHooks(['lost-update'])?.unguarded !== undefined; // true
 */
export const faultHooks = (faults: readonly Fault[]): MockHooks | undefined => {
  if (faults.length === 0) return undefined;
  const set: ReadonlySet<Fault> = new Set(faults);
  return {
    ...(set.has('skip-version-increment')
      ? { revise: (result, route, _store, loaded) => withFaults(set, route, loaded, result) }
      : {}),
    ...(set.has('lost-update') ? { unguarded: lostUpdates } : {}),
  };
};
