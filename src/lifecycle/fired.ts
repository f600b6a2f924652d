/**
 * Which transition definitions an event selects from a lifecycle, without
 * applying it: what XState's `getTransitionData` selects (the first
 * definition of the state and event whose guard holds), named by the
 * entries of `lifecycleTransitions()`. The coverage of a conformance run
 * asks this for every request the model accepted, so it skips the
 * `applyEvent` that `transitionsTaken` starts with: about a tenth of its cost.
 *
 * @packageDocumentation
 */
import { getMicrosteps } from 'xstate';
import { type LifecycleTransition, lifecycleTransitions } from './diagram.js';
import type { Lifecycle } from './lifecycle.js';
import { type LifecycleEvent, lifecycleMachine } from './machine.js';

type Definition = ReturnType<typeof lifecycleMachine.getTransitionData>[number];

let byId: ReadonlyMap<string, LifecycleTransition> | undefined;

const transitionOf = (definition: Definition): LifecycleTransition | undefined => {
  byId ??= new Map(lifecycleTransitions().map((t) => [t.id, t]));
  const index = definition.source.transitions.get(definition.eventType)?.indexOf(definition);
  return byId.get(`${definition.source.key}:${definition.eventType}:${index}`);
};

const actions = lifecycleMachine.implementations.actions as Readonly<Record<string, unknown>>;

/** Whether a definition re-raises its event (XState's `raise`: the machine's `rejudge`). */
const raises = (definition: Definition): boolean =>
  definition.actions.some((action) => {
    const implementation = typeof action === 'string' ? actions[action] : action;
    return (
      typeof implementation === 'function' &&
      (implementation as { type?: unknown }).type === 'xstate.raise'
    );
  });

/**
 * The transitions `event` selects from `lifecycle`, in the order they would
 * fire: none when no definition's guard holds; two when the first re-raises
 * the event (a lock that has ended: the expiry, then the restored state's
 * transition). Unlike `transitionsTaken` it does not check that
 * `applyEvent` accepts the event with a change — for an event known to be
 * accepted (the model took it), the answer is the same.
 *
 * @example
 * import { createLifecycle, defaultPolicy, firedTransitions, lifecycleRulesOf } from 'credential-lifecycle';
 * import { either as E } from 'fp-ts';
 * const rules = lifecycleRulesOf(defaultPolicy('PwdPolicy'));
 * const created = createLifecycle({ kind: 'password', rules, at: 0 });
 * if (E.isRight(created)) {
 *   firedTransitions(created.right, { type: 'login.failed', at: 1 }).map((t) => t.id);
 *   // ['initial:login.failed:2']
 * }
 */
export const firedTransitions = (
  lifecycle: Lifecycle,
  event: LifecycleEvent,
): readonly LifecycleTransition[] => {
  if (lifecycle.state === 'deleted') return [];
  const snapshot = lifecycleMachine.resolveState({
    value: lifecycle.state,
    context: lifecycle.context,
  });
  const [first] = lifecycleMachine.getTransitionData(snapshot, event);
  const fired = first === undefined ? undefined : transitionOf(first);
  if (first === undefined || fired === undefined) return [];
  if (!raises(first)) return [fired];
  // Rare: the event is judged again in the state the first microstep entered.
  const [entered] = getMicrosteps(lifecycleMachine, snapshot, event)[0] ?? [];
  const [second] = entered === undefined ? [] : lifecycleMachine.getTransitionData(entered, event);
  const then = second === undefined ? undefined : transitionOf(second);
  return then === undefined ? [fired] : [fired, then];
};
