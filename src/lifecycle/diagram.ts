/**
 * Generates `docs/lifecycle.md` from the machine definition: a Mermaid
 * `stateDiagram-v2`, a transition table, and the lockout parameters.
 *
 * @packageDocumentation
 */
import { createStates } from './lifecycle.js';
import { lifecycleMachine } from './machine.js';
import type { LifecycleRules } from './rules.js';

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

/**
 * Every transition of {@link lifecycleMachine}, in definition order, read from
 * the machine itself (not from a hand-written list).
 *
 * @example
 * import { lifecycleTransitions } from 'credential-lifecycle';
 * lifecycleTransitions().filter((t) => t.source === 'fail-locked').map((t) => t.event);
 */
export const lifecycleTransitions = (): readonly LifecycleTransition[] => {
  const out: LifecycleTransition[] = [];
  for (const node of Object.values(lifecycleMachine.root.states)) {
    for (const [event, definitions] of node.transitions) {
      definitions.forEach((definition, index) => {
        out.push({
          id: `${node.key}:${event}:${index}`,
          source: node.key,
          event,
          index,
          target: definition.target?.[0]?.key ?? node.key,
          guard: definition.guard === undefined ? '' : nameOf(definition.guard),
          actions: definition.actions.map(nameOf),
        });
      });
    }
  }
  return out;
};

/** The lockout parameters and their defaults, for the table under the diagram. */
const parameters: Record<keyof LifecycleRules, readonly [string, string]> = {
  maxCredFailureCount: [
    '3',
    'Failures (after the increment) at which the credential fail-locks; -1 disables.',
  ],
  tmpLockingThreshold: ['2', 'Failures at which it tmp-locks (see the mode); -1 disables.'],
  tmpLockingDuration: ['60000 ms', 'How long a temporary lock lasts.'],
  tmpLockingMode: [
    'strict',
    '`strict`: every failure from the threshold on locks; `threshold`: every multiple of it.',
  ],
  maxCredSuccessCount: [
    '5 (PUK), -1 (others)',
    'Successes at which the credential fail-locks; -1 disables.',
  ],
  singleUse: ['true (TSP, Ticket), false (others)', 'A success deletes the credential.'],
  maxResetCount: ['-1', 'Resets allowed over the life of the credential; -1 is unlimited.'],
  resetTarget: [
    'initial (Password, TSP), active (Ticket, PUK)',
    'The state a reset leads to (`initial`, `active` or `reset-code`).',
  ],
  credentialLifetime: ['10 years; 5 days (TSP, Ticket)', 'Validity from creation or reset.'],
  initialPwchangeRequired: [
    'true (Password), false (others)',
    'A password in `initial` or `admin-changed` must be changed by its user.',
  ],
  initialPwchangePeriodInitial: [
    '-1',
    'How long (ms, from the state change) such a password in `initial` still logs in; -1 is no limit.',
  ],
  initialPwchangePeriodAdminChanged: ['-1', 'The same in `admin-changed`.'],
};

const mermaidId = (state: string): string => state.replace(/-/g, '_');

/**
 * The Markdown of `docs/lifecycle.md`: a Mermaid `stateDiagram-v2` generated
 * from the machine definition (states, events, guard and action names), the
 * same transitions as a table, and the lockout parameters with their defaults.
 *
 * @example
 * import { lifecycleDiagram } from 'credential-lifecycle';
 * lifecycleDiagram().startsWith('# Credential lifecycle'); // true
 */
export const lifecycleDiagram = (): string => {
  const transitions = lifecycleTransitions();
  const states = Object.keys(lifecycleMachine.root.states);
  // One diagram edge per (source, target, guard, actions); its events are listed together.
  const edges = new Map<
    string,
    { source: string; target: string; label: string; events: string[] }
  >();
  for (const t of transitions) {
    const label = `${t.guard === '' ? '' : ` [${t.guard}]`} / ${t.actions.join(', ')}`;
    const key = `${t.source}|${t.target}|${label}`;
    const edge = edges.get(key) ?? { source: t.source, target: t.target, label, events: [] };
    edge.events.push(t.event);
    edges.set(key, edge);
  }
  const lines = [
    '# Credential lifecycle',
    '',
    '<!-- Generated by `npm run diagram` from `src/lifecycle/machine.ts`; do not edit. -->',
    '',
    'Every state change of the four credential kinds, as defined by the XState machine',
    '`lifecycleMachine`. Each edge reads `events [guard] / actions`; within one state and',
    'event the first transition whose guard holds is taken, and an event with no enabled',
    'transition is refused and changes nothing. In `tmp-locked`, an event that arrives at or',
    'after `lockedUntil` first ends the lock (`expireLock`) and is then judged again in the',
    'restored state (`rejudge`). `create` edges are the states a creation may name.',
    '',
    '```mermaid',
    'stateDiagram-v2',
    ...states.map((s) => `  state "${s}" as ${mermaidId(s)}`),
    ...createStates.map((s) => `  [*] --> ${mermaidId(s)}: create`),
    ...[...edges.values()].map(
      (e) =>
        `  ${mermaidId(e.source)} --> ${mermaidId(e.target)}: ${e.events.join(', ')}${e.label}`,
    ),
    '  deleted --> [*]',
    '```',
    '',
    '## Transitions',
    '',
    '| From | Event | # | Guard | To | Actions |',
    '|---|---|---|---|---|---|',
    ...transitions.map(
      (t) =>
        `| ${t.source} | ${t.event} | ${t.index} | ${t.guard === '' ? '—' : `\`${t.guard}\``} | ${t.target} | ${t.actions.map((a) => `\`${a}\``).join(', ')} |`,
    ),
    '',
    '## Lockout parameters',
    '',
    'The fields of `LifecycleRules` the guards read, with the policy defaults.',
    '',
    '| Parameter | Default | Meaning |',
    '|---|---|---|',
    ...Object.entries(parameters).map(
      ([name, [value, meaning]]) => `| \`${name}\` | ${value} | ${meaning} |`,
    ),
    '',
  ];
  return lines.join('\n');
};
