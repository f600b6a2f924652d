/**
 * The machine's edge list, read from its definition: every transition with
 * its source, event, guard, target and actions. The diagrams, the
 * reachability analysis and coverage reports all start from it.
 *
 * @packageDocumentation
 */
import { lifecycleMachine } from './machine.js';

/**
 * One transition of the machine, as read from its definition.
 *
 * @example
 * import { lifecycleTransitions, type LifecycleTransition } from 'credential-lifecycle';
 * const first: LifecycleTransition | undefined = lifecycleTransitions()[0];
 */
export type LifecycleTransition = {
  /** A stable identifier: `source:event:index`. */
  readonly id: string;
  /** The state the transition leaves. */
  readonly source: string;
  /** The event type it reacts to. */
  readonly event: string;
  /** Its position among the transitions of `source` for `event` (the first enabled wins). */
  readonly index: number;
  /** The state it enters; the source itself when it has no target. */
  readonly target: string;
  /** The guard, with parameters, e.g. `lockExpired(active)`; empty when unguarded. */
  readonly guard: string;
  /** The action names, in order. */
  readonly actions: readonly string[];
};

const describeParams = (params: unknown): string =>
  typeof params === 'object' && params !== null
    ? Object.values(params)
        .map((v) => String(v))
        .join(', ')
    : '';

const nameOf = (x: unknown): string => {
  if (typeof x === 'string') return x;
  if (typeof x === 'object' && x !== null && 'type' in x && typeof x.type === 'string') {
    const params = 'params' in x ? describeParams(x.params) : '';
    return params === '' ? x.type : `${x.type}(${params})`;
  }
  return 'inline';
};

let transitions: readonly LifecycleTransition[] | undefined;

/**
 * Every transition of {@link lifecycleMachine}, in definition order, read from
 * the machine itself (not from a hand-written list). The list is read once:
 * every call returns the same array of the same objects.
 *
 * @example
 * import { lifecycleTransitions } from 'credential-lifecycle';
 * lifecycleTransitions().filter((t) => t.source === 'archived').map((t) => t.event);
 * // ['credential.strongLogin', 'credential.deleted']
 */
export const lifecycleTransitions = (): readonly LifecycleTransition[] => {
  transitions ??= readTransitions();
  return transitions;
};

const readTransitions = (): readonly LifecycleTransition[] => {
  const out: LifecycleTransition[] = [];
  for (const node of Object.values(lifecycleMachine.root.states)) {
    for (const [event, definitions] of node.transitions) {
      definitions.forEach((definition, index) => {
        out.push(
          Object.freeze({
            id: `${node.key}:${event}:${index}`,
            source: node.key,
            event,
            index,
            target: definition.target?.[0]?.key ?? node.key,
            guard: definition.guard === undefined ? '' : nameOf(definition.guard),
            actions: Object.freeze(definition.actions.map(nameOf)),
          }),
        );
      });
    }
  }
  return Object.freeze(out);
};
