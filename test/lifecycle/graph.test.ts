/**
 * Model-based coverage with `xstate/graph`: from every creation state, under
 * several rule sets, the traversal must reach every state of the machine and
 * take every transition the machine defines (listed from the definition, so a
 * new transition without a path fails here).
 */
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import { type SnapshotFrom, transition } from 'xstate';
import { adjacencyMapToArray, getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import type { CredentialKind } from '../../src/domain/credential-type.js';
import { stateNames } from '../../src/domain/state.js';
import {
  applyEvent,
  createStates,
  type LifecycleEvent,
  type LifecycleRules,
  lifecycleMachine,
  lifecycleTransitions,
} from '../../src/lifecycle/index.js';
import { create, DAY, defaultRules } from './support.js';

type Snapshot = SnapshotFrom<typeof lifecycleMachine>;

/** Events with payloads whose instants follow from the snapshot's own context. */
const eventsFor = (snapshot: Snapshot): LifecycleEvent[] => {
  const c = snapshot.context;
  const soon = c.lastModified + 1;
  const instants = c.lockedUntil === null ? [soon] : [soon, c.lockedUntil];
  return instants.flatMap((at): LifecycleEvent[] => [
    { type: 'login.succeeded', at },
    { type: 'login.failed', at },
    { type: 'time.passes', at },
    { type: 'admin.reset', at },
    { type: 'admin.unlock', at },
    { type: 'user.changedPassword', at },
    { type: 'credential.strongLogin', at },
    { type: 'credential.deleted', at },
    { type: 'admin.update', at, modificationComment: `comment ${c.version}` },
    { type: 'admin.update', at, validity: { from: at - DAY, to: at + 2 * DAY } },
    { type: 'admin.update', at, detailsChanged: true },
    ...stateNames.map((stateName): LifecycleEvent => ({ type: 'admin.update', at, stateName })),
  ]);
};

/** A bounded serialisation: the state and the bucketed context the guards read. */
const serializeState = (snapshot: Snapshot): string => {
  const c = snapshot.context;
  return JSON.stringify([
    snapshot.value,
    c.stateBeforeLock,
    Math.min(c.failedLoginCount, 4),
    Math.min(c.successfulLoginCount, 3),
    Math.min(c.resetCount, 2),
    c.modificationComment === null,
  ]);
};

/** Events are told apart by their payload, including whether `at` is before or at `lockedUntil`. */
const serializeEvent = (event: LifecycleEvent): string => JSON.stringify(event);

type Setup = { readonly kind: CredentialKind; readonly rules: LifecycleRules };

const setups: readonly Setup[] = [
  { kind: 'password', rules: defaultRules('password') },
  { kind: 'password', rules: { ...defaultRules('password'), resetTarget: 'reset-code' } },
  { kind: 'tempStrongPassword', rules: defaultRules('tempStrongPassword') },
  { kind: 'ticket', rules: defaultRules('ticket') },
  { kind: 'puk', rules: { ...defaultRules('puk'), maxCredSuccessCount: 2, maxResetCount: 1 } },
];

const startsOf = (setup: Setup): Snapshot[] =>
  createStates.map((stateName) => {
    const l = create(setup.kind, setup.rules, stateName);
    return lifecycleMachine.resolveState({ value: l.state, context: l.context });
  });

const idOf = (snapshot: Snapshot, event: LifecycleEvent): string[] => {
  const ids: string[] = [];
  for (const t of lifecycleMachine.getTransitionData(snapshot, event)) {
    const index = t.source.transitions.get(t.eventType)?.indexOf(t) ?? -1;
    ids.push(`${t.source.key}:${t.eventType}:${index}`);
    if (t.actions.some((a) => a === 'rejudge')) {
      // The expiry re-raises the event in the restored state: that transition is taken too.
      const [restored] = transition(lifecycleMachine, snapshot, {
        type: 'time.passes',
        at: event.at,
      });
      ids.push(...idOf(restored, event));
    }
  }
  return ids;
};

describe('xstate/graph traversal', () => {
  const taken = new Set<string>();
  const reached = new Set<string>();
  const edges: { state: Snapshot; event: LifecycleEvent; nextState: Snapshot }[] = [];
  for (const setup of setups) {
    for (const fromState of startsOf(setup)) {
      const options = { fromState, events: eventsFor, serializeState, serializeEvent };
      const adjacency = getAdjacencyMap(lifecycleMachine, options);
      for (const edge of adjacencyMapToArray(adjacency)) {
        const { state, event, nextState } = edge;
        reached.add(String(state.value));
        reached.add(String(nextState.value));
        edges.push(edge);
        for (const id of idOf(state, event)) taken.add(id);
      }
    }
  }

  it('explores a bounded graph', () => {
    expect(edges.length).toBeGreaterThan(1000);
  });

  it('on every edge: a change moves version by exactly 1, and nothing else does', () => {
    /** Whether anything but the version differs (rules are shared, validity compared by value). */
    const differs = (a: Snapshot, b: Snapshot): boolean => {
      if (a.value !== b.value) return true;
      const ca = a.context as unknown as Record<string, unknown>;
      const cb = b.context as unknown as Record<string, unknown>;
      return Object.keys({ ...ca, ...cb }).some((key) => {
        if (key === 'version' || key === 'rules') return false;
        if (key === 'validity') return JSON.stringify(ca[key]) !== JSON.stringify(cb[key]);
        return ca[key] !== cb[key];
      });
    };
    // Every 10th edge keeps the check cheap (the graph has some 285,000); a
    // `detailsChanged` update changes fields kept outside the context, invisible here.
    const sample = edges.filter((e, i) => i % 10 === 0 && !('detailsChanged' in e.event));
    expect(sample.length).toBeGreaterThan(1000);
    const bad = sample.filter(({ state, event, nextState }) => {
      // An event at or after lockedUntil first lets the time pass (one change of its
      // own: the unlock), then acts on the restored state.
      const { lockedUntil } = state.context;
      const lifted =
        state.value === 'tmp-locked' &&
        lockedUntil !== null &&
        event.at >= lockedUntil &&
        event.type !== 'time.passes';
      const from = lifted
        ? transition(lifecycleMachine, state, { type: 'time.passes', at: event.at })[0]
        : state;
      const steps = (lifted ? 1 : 0) + (differs(from, nextState) ? 1 : 0);
      return nextState.context.version !== state.context.version + steps;
    });
    expect(
      bad.slice(0, 5).map((e) => `${String(e.state.value)} ${JSON.stringify(e.event)}`),
    ).toEqual([]);
  });

  it('on every edge: archived is left only by a deletion or a strong login', () => {
    const left = edges.filter(
      ({ state, event, nextState }) =>
        state.value === 'archived' &&
        nextState.value !== 'archived' &&
        // A deletion, or a strong login (it deletes a TSP or ticket in any state).
        !(
          nextState.value === 'deleted' &&
          (event.type === 'credential.deleted' || event.type === 'credential.strongLogin')
        ),
    );
    expect(left.map((e) => `${JSON.stringify(e.event)} -> ${String(e.nextState.value)}`)).toEqual(
      [],
    );
    expect(edges.some((e) => e.state.value === 'archived')).toBe(true);
  });

  it('on every edge: a login refused by an earlier problem counts nothing', () => {
    const refusedIn = (e: (typeof edges)[number]): boolean => {
      const { value, context } = e.state;
      if (e.event.type !== 'login.failed' && e.event.type !== 'login.succeeded') return false;
      if (value === 'fail-locked' || value === 'disabled' || value === 'archived') return true;
      return (
        value === 'tmp-locked' && context.lockedUntil !== null && e.event.at < context.lockedUntil
      );
    };
    const refused = edges.filter(refusedIn);
    expect(refused.length).toBeGreaterThan(10);
    for (const { state, nextState } of refused) {
      expect(nextState.value).toBe(state.value);
      expect(nextState.context).toEqual(state.context);
    }
  });

  it('reaches every state of the machine', () => {
    expect([...reached].sort()).toEqual(Object.keys(lifecycleMachine.root.states).sort());
  });

  it('takes every transition the machine defines', () => {
    const all = lifecycleTransitions().map((t) => t.id);
    const missing = all.filter((id) => !taken.has(id));
    expect(missing, `transitions without a path:\n${missing.join('\n')}`).toEqual([]);
    expect(all.length).toBeGreaterThan(100);
  });

  it('every shortest path replays through applyEvent to the same (serialised) state', () => {
    const setup = setups[1] ?? { kind: 'password', rules: defaultRules('password') };
    const start = create(setup.kind, setup.rules, 'initial');
    const fromState = lifecycleMachine.resolveState({ value: start.state, context: start.context });
    const paths = getShortestPaths(lifecycleMachine, {
      fromState,
      events: eventsFor,
      serializeState,
      serializeEvent,
    });
    expect(new Set(paths.map((p) => p.state.value)).size).toBe(stateNames.length + 1);
    for (const path of paths) {
      let lifecycle = start;
      for (const { event } of path.steps) {
        const r = applyEvent(lifecycle, event);
        if (E.isRight(r)) lifecycle = r.right.lifecycle;
      }
      // The graph keeps one snapshot per serialisation: compare at that granularity.
      const replayed = lifecycleMachine.resolveState({
        value: lifecycle.state,
        context: lifecycle.context,
      });
      expect(serializeState(replayed)).toBe(serializeState(path.state));
    }
  });
});
