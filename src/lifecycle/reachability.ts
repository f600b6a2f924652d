/**
 * Which transitions of the lifecycle machine a credential of one kind can
 * take under given rules, found by exploring the machine itself: every
 * reported transition comes with a concrete event sequence that takes it.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import type { CredentialKind } from '../domain/credential-type.js';
import { type Instant, latestInstant } from '../domain/instant.js';
import { type StateName, stateNames } from '../domain/state.js';
import { type LifecycleTransition, lifecycleTransitions } from './diagram.js';
import {
  applyEvent,
  type CreateLifecycle,
  createLifecycle,
  createStates,
  type Lifecycle,
} from './lifecycle.js';
import {
  type LifecycleEvent,
  lifecycleEventTypes,
  lifecycleMachine,
  passwordChangeRequirement,
} from './machine.js';
import type { LifecycleRules } from './rules.js';

/**
 * A concrete demonstration that a transition can be taken: create the
 * credential with `create`, then apply `events` in order with `applyEvent`.
 * Every event is accepted and changes the value; the last one takes
 * `transition` (and, when it ends a temporary lock, also the transition of
 * the restored state that judges it). Instants never decrease.
 *
 * @example
 * import { defaultPolicy, lifecycleReachability, lifecycleRulesOf } from 'credential-lifecycle';
 * const rules = lifecycleRulesOf(defaultPolicy('PwdPolicy'));
 * const [first] = lifecycleReachability('password', rules).witnesses;
 * first?.transition.id; // 'initial:login.succeeded:2'
 * first?.create.stateName; // 'initial'
 * first?.events; // [{ type: 'login.succeeded', at: 1767225600000 }]
 */
export type TransitionWitness = {
  /** The transition the last event takes. */
  readonly transition: LifecycleTransition;
  /** How the credential is created (kind, rules, state and instant). */
  readonly create: CreateLifecycle & { readonly stateName: StateName };
  /** The events to apply after the creation; the last one takes `transition`. */
  readonly events: readonly LifecycleEvent[];
};

/**
 * The result of exploring the machine for one kind under one set of rules.
 *
 * @example
 * import { defaultPolicy, lifecycleReachability, lifecycleRulesOf } from 'credential-lifecycle';
 * const r = lifecycleReachability('puk', lifecycleRulesOf(defaultPolicy('PUKPolicy')));
 * r.complete; // true: the exploration ended before its bound
 * r.transitions.length === r.witnesses.length; // true
 */
export type Reachability = {
  /** The reachable transitions: entries of `lifecycleTransitions()`, in its order. */
  readonly transitions: readonly LifecycleTransition[];
  /** One witness per reachable transition, in the same order; the first the search found. */
  readonly witnesses: readonly TransitionWitness[];
  /** False when the exploration stopped at {@link reachabilityBounds}`.maxStates`. */
  readonly complete: boolean;
  /** How many abstract states were expanded. */
  readonly statesExplored: number;
};

/**
 * The bounds of the exploration behind {@link lifecycleReachability}.
 *
 * - `maxStates`: at most this many abstract states are expanded; past it the
 *   search stops and reports `complete: false`.
 * - `maxCount`: a login or reset counter is told apart exactly up to the rule
 *   limit it is compared with (see below), but never beyond this value.
 *
 * Two concrete credentials are the same abstract state when they agree on the
 * state, the state a temporary lock restores, and:
 * - `failedLoginCount` up to max(`maxCredFailureCount`, `tmpLockingThreshold`,
 *   or twice the threshold in `threshold` mode);
 * - `successfulLoginCount` up to `maxCredSuccessCount`;
 * - `resetCount` up to `maxResetCount` (a disabled limit, -1, counts as 0);
 * - how many whole `tmpLockingDuration`s of the validity period are left after
 *   the last change, up to that failure bound + 2.
 *
 * Instants, the version, comments and the ticket's own counters are not part
 * of the abstraction: no guard of the machine compares them with a limit. The
 * search keeps the first credential it meets of each abstract state, and does
 * not go on from a final state (`deleted`) or from a credential whose last
 * change lies after its validity period (there every login is refused, and
 * every other event does what it does inside the period).
 *
 * @example
 * import { reachabilityBounds } from 'credential-lifecycle';
 * reachabilityBounds.maxStates; // 20000
 */
export const reachabilityBounds = { maxStates: 20_000, maxCount: 64 } as const;

/** 2026-01-01T00:00:00Z: the creation instant of every explored credential. */
const START: Instant = 1_767_225_600_000;

type Node = {
  readonly lifecycle: Lifecycle;
  readonly start: StateName;
  readonly parent: Node | undefined;
  /** The event that led here from `parent`. */
  readonly event: LifecycleEvent | undefined;
};

let machineTransitions: readonly LifecycleTransition[] | undefined;
let transitionIndex: ReadonlyMap<string, LifecycleTransition> | undefined;

/** The transitions of the machine, read once from its definition. */
const allTransitions = (): readonly LifecycleTransition[] => {
  machineTransitions ??= lifecycleTransitions();
  return machineTransitions;
};

/** The transitions of the machine by id. */
const transitionsById = (): ReadonlyMap<string, LifecycleTransition> => {
  transitionIndex ??= new Map(allTransitions().map((t) => [t.id, t]));
  return transitionIndex;
};

/** The machine snapshot of a lifecycle value. */
const snapshotOf = (lifecycle: Lifecycle) =>
  lifecycleMachine.resolveState({ value: lifecycle.state, context: lifecycle.context });

/** Whether an action of a transition definition raises an event (XState's `raise`). */
const raisesEvent = (action: unknown): boolean => {
  const implementation =
    typeof action === 'string'
      ? (lifecycleMachine.implementations.actions as Record<string, unknown>)[action]
      : action;
  return (
    typeof implementation === 'function' &&
    (implementation as { type?: unknown }).type === 'xstate.raise'
  );
};

type TransitionDefinitions = ReturnType<typeof lifecycleMachine.getTransitionData>;

/** The id of a transition definition, as {@link lifecycleTransitions} writes it. */
const idOf = (definition: TransitionDefinitions[number]): string =>
  `${definition.source.key}:${definition.eventType}:${definition.source.transitions.get(definition.eventType)?.indexOf(definition)}`;

/**
 * The transitions of `definitions` (what the machine selects for `event` in
 * `lifecycle`), followed by those that judge a raised event.
 */
const transitionsOf = (
  lifecycle: Lifecycle,
  event: LifecycleEvent,
  definitions: TransitionDefinitions,
): LifecycleTransition[] => {
  const out: LifecycleTransition[] = [];
  for (const definition of definitions) {
    const found = transitionsById().get(idOf(definition));
    if (found !== undefined) out.push(found);
    if (definition.actions.some(raisesEvent)) {
      // The event is judged again in the state the transition entered. The
      // machine's only raise ends a temporary lock; `time.passes` at the same
      // instant ends it the same way without judging anything.
      const settled = applyEvent(lifecycle, { type: 'time.passes', at: event.at });
      if (E.isRight(settled)) out.push(...selectedTransitions(settled.right.lifecycle, event));
    }
  }
  return out;
};

/** The transitions the machine selects for `event` in `lifecycle`, following a raised event. */
const selectedTransitions = (lifecycle: Lifecycle, event: LifecycleEvent): LifecycleTransition[] =>
  transitionsOf(lifecycle, event, lifecycleMachine.getTransitionData(snapshotOf(lifecycle), event));

/**
 * The transitions of the machine that `event` takes in `lifecycle`, in the
 * order they fire: none when `applyEvent` refuses the event or accepts it
 * without a change; two when the event ends a temporary lock (the expiry,
 * then the transition of the restored state that judges the event).
 *
 * @example
 * import { createLifecycle, defaultPolicy, lifecycleRulesOf, transitionsTaken } from 'credential-lifecycle';
 * import { either as E } from 'fp-ts';
 * const rules = lifecycleRulesOf(defaultPolicy('PwdPolicy'));
 * const created = createLifecycle({ kind: 'password', rules, at: 0 });
 * if (E.isRight(created)) {
 *   transitionsTaken(created.right, { type: 'login.failed', at: 1 }).map((t) => t.id);
 *   // ['initial:login.failed:2']
 * }
 */
export const transitionsTaken = (
  lifecycle: Lifecycle,
  event: LifecycleEvent,
): readonly LifecycleTransition[] => {
  const result = applyEvent(lifecycle, event);
  if (E.isLeft(result) || result.right.lifecycle === lifecycle) return [];
  return selectedTransitions(lifecycle, event);
};

/** The exact range of a counter compared with `limit` (-1: not compared), capped. */
const countCap = (...limits: number[]): number =>
  Math.min(Math.max(0, ...limits), reachabilityBounds.maxCount);

/** The bounded abstraction of a lifecycle (see {@link reachabilityBounds}). */
const abstraction = (rules: LifecycleRules) => {
  const failures = countCap(
    rules.maxCredFailureCount,
    rules.tmpLockingMode === 'threshold'
      ? 2 * rules.tmpLockingThreshold
      : rules.tmpLockingThreshold,
  );
  const successes = countCap(rules.maxCredSuccessCount);
  const resets = countCap(rules.maxResetCount);
  const lockSpans = failures + 2;
  return ({ state, context: c }: Lifecycle): string => {
    const left = c.validity.to - c.lastModified;
    const spans =
      rules.tmpLockingDuration > 0
        ? Math.min(Math.floor(left / rules.tmpLockingDuration), lockSpans)
        : lockSpans;
    return [
      state,
      c.stateBeforeLock,
      Math.min(c.failedLoginCount, failures),
      Math.min(c.successfulLoginCount, successes),
      Math.min(c.resetCount, resets),
      spans,
    ].join('|');
  };
};

/**
 * Whether the exploration goes on from a lifecycle: not from a final state
 * (it takes no event), and not once the last change lies after the validity
 * period (every login is refused there, and every other event takes the same
 * transition as from the state the same event reaches inside the period).
 */
const expandable = ({ state, context: c }: Lifecycle): boolean =>
  lifecycleMachine.root.states[state]?.type !== 'final' && c.lastModified <= c.validity.to;

/**
 * The instants probed from a lifecycle, none before its last change: that
 * instant, just before and at the end of a temporary lock, just before the
 * validity starts and just after it ends, and at and just after the last
 * instant a password that must be changed still logs in.
 */
const probeInstants = ({ state, context: c }: Lifecycle): Instant[] => {
  const candidates = [c.lastModified, c.validity.from - 1, c.validity.to + 1];
  if (c.lockedUntil !== null) candidates.push(c.lockedUntil - 1, c.lockedUntil);
  // A password that must be changed logs in up to its due instant, and not after.
  const dueBy = passwordChangeRequirement(c, state)?.dueBy;
  if (dueBy !== undefined && dueBy !== null) candidates.push(dueBy, dueBy + 1);
  return [...new Set(candidates.filter((at) => at >= c.lastModified))].sort((a, b) => a - b);
};

/**
 * Every event type at `at`; `admin.update` asks for each state, for a new
 * comment, and for a validity that runs to the latest instant (an
 * administrator may extend an expired or short-lived credential, after which
 * its logins count again).
 */
const probeEvents = (lifecycle: Lifecycle, at: Instant): LifecycleEvent[] => {
  const { modificationComment, validity } = lifecycle.context;
  const comment = `${modificationComment ?? ''}+`;
  const extended = { from: validity.from, to: latestInstant };
  return lifecycleEventTypes.flatMap((type): LifecycleEvent[] =>
    type === 'admin.update'
      ? [
          ...stateNames.map((stateName): LifecycleEvent => ({ type, at, stateName })),
          { type, at, modificationComment: comment },
          ...(validity.to < latestInstant ? [{ type, at, validity: extended } as const] : []),
        ]
      : [{ type, at }],
  );
};

const pathOf = (node: Node, last: LifecycleEvent): LifecycleEvent[] => {
  const events = [last];
  for (let n: Node | undefined = node; n?.event !== undefined; n = n.parent) events.push(n.event);
  return events.reverse();
};

const explore = (kind: CredentialKind, rules: LifecycleRules): Reachability => {
  const keyOf = abstraction(rules);
  const seen = new Set<string>();
  const queue: Node[] = [];
  for (const stateName of createStates) {
    const created = createLifecycle({ kind, rules, stateName, at: START });
    if (E.isLeft(created) || !expandable(created.right)) continue;
    const key = keyOf(created.right);
    if (seen.has(key)) continue;
    seen.add(key);
    queue.push({ lifecycle: created.right, start: stateName, parent: undefined, event: undefined });
  }
  const found = new Map<string, { readonly node: Node; readonly event: LifecycleEvent }>();
  const isFound = (definition: TransitionDefinitions[number]): boolean =>
    !definition.actions.some(raisesEvent) && found.has(idOf(definition));
  let next = 0;
  for (; next < queue.length && next < reachabilityBounds.maxStates; next++) {
    const node = queue[next] as Node;
    const { lifecycle } = node;
    const snapshot = snapshotOf(lifecycle);
    for (const at of probeInstants(lifecycle)) {
      for (const event of probeEvents(lifecycle, at)) {
        // Cheap first: no enabled transition means a refusal or a no-op.
        const definitions = lifecycleMachine.getTransitionData(snapshot, event);
        if (definitions.length === 0) continue;
        // After the validity period only a transition not found yet is worth
        // applying: the state an event reaches there is, abstractly, the one
        // it reaches at the last change (probed first), or not expandable.
        if (at > lifecycle.context.validity.to && definitions.every(isFound)) continue;
        const result = applyEvent(lifecycle, event);
        if (E.isLeft(result) || result.right.lifecycle === lifecycle) continue;
        for (const t of transitionsOf(lifecycle, event, definitions)) {
          if (!found.has(t.id)) found.set(t.id, { node, event });
        }
        const reached = result.right.lifecycle;
        if (!expandable(reached)) continue;
        const key = keyOf(reached);
        if (seen.has(key)) continue;
        seen.add(key);
        queue.push({ lifecycle: reached, start: node.start, parent: node, event });
      }
    }
  }
  const transitions = allTransitions().filter((t) => found.has(t.id));
  const witnesses = transitions.map((transition): TransitionWitness => {
    const { node, event } = found.get(transition.id) as { node: Node; event: LifecycleEvent };
    return {
      transition,
      create: { kind, rules, stateName: node.start, at: START },
      events: pathOf(node, event),
    };
  });
  return { transitions, witnesses, complete: next >= queue.length, statesExplored: next };
};

/** Results per (kind, rules values); the oldest entry goes when the cache is full. */
const cache = new Map<string, Reachability>();
const cacheSize = 256;

const cacheKey = (kind: CredentialKind, rules: LifecycleRules): string =>
  JSON.stringify([kind, Object.entries(rules).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);

/**
 * Explores {@link lifecycleMachine} for a credential of `kind` under `rules`:
 * from every state a creation can produce, breadth first, it feeds the
 * machine every event type at instants that make the time guards both true
 * and false (the last change, just before and at the end of a temporary lock,
 * outside the validity period), and keeps one concrete credential per
 * abstract state. The bounds and the abstraction are described at
 * {@link reachabilityBounds}; within them the answer is exact for the rules'
 * limits. Results are memoised per kind and rule values (256 entries), so a
 * repeated call is a lookup.
 *
 * @example
 * import { defaultPolicy, lifecycleReachability, lifecycleRulesOf } from 'credential-lifecycle';
 * const r = lifecycleReachability('ticket', lifecycleRulesOf(defaultPolicy('TicketPolicy')));
 * r.witnesses.find((w) => w.transition.id === 'active:credential.strongLogin:0')?.events;
 * // [{ type: 'credential.strongLogin', at: 1767225600000 }]
 */
export const lifecycleReachability = (
  kind: CredentialKind,
  rules: LifecycleRules,
): Reachability => {
  const key = cacheKey(kind, rules);
  let result = cache.get(key);
  if (result === undefined) {
    result = explore(kind, rules);
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
    cache.set(key, result);
  }
  return result;
};

/**
 * The transitions of `lifecycleTransitions()` (the same objects, ids
 * `source:event:index`) that a credential of `kind` can take under `rules`,
 * in definition order. Found by exploring the machine, never listed by hand;
 * {@link lifecycleReachability} gives a witness for each.
 *
 * @example
 * import { defaultPolicy, lifecycleRulesOf, reachableTransitions } from 'credential-lifecycle';
 * const puk = reachableTransitions('puk', lifecycleRulesOf(defaultPolicy('PUKPolicy')));
 * puk.some((t) => t.guard === 'reachesSuccessLimit'); // true
 * puk.some((t) => t.event === 'user.changedPassword'); // false
 */
export const reachableTransitions = (
  kind: CredentialKind,
  rules: LifecycleRules,
): readonly LifecycleTransition[] => lifecycleReachability(kind, rules).transitions;
