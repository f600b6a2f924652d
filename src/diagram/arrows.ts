/**
 * The compact form of a set of machine transitions: one arrow per pair of
 * distinct states, labelled with event names and no guards, and the same
 * arrows with the ones that many states share drawn once from a group box.
 *
 * @packageDocumentation
 */
import type { LifecycleTransition } from '../lifecycle/diagram.js';

/**
 * The events that lead from one state to another, in definition order.
 *
 * @example
 * import type { StateArrow } from 'credential-lifecycle';
 * const unlock: StateArrow = { from: 'fail-locked', to: 'active', events: ['admin.unlock'] };
 */
export type StateArrow = {
  /** The state the transitions leave. */
  readonly from: string;
  /** The state they enter (never `from`: self-loops are left to the edge table). */
  readonly to: string;
  /** The event types, each once, in the order the machine defines them. */
  readonly events: readonly string[];
};

/**
 * One arrow per pair of distinct states (from, to), labelled with the event
 * names that lead from one to the other; transitions that stay in their state
 * are left out. Arrows come in the order of their first transition.
 *
 * @example
 * import { lifecycleTransitions, stateArrows } from 'credential-lifecycle';
 * stateArrows(lifecycleTransitions()).find((a) => a.from === 'fail-locked' && a.to === 'active');
 * // { from: 'fail-locked', to: 'active', events: ['admin.unlock', 'admin.reset', 'admin.update'] }
 */
export const stateArrows = (transitions: readonly LifecycleTransition[]): readonly StateArrow[] => {
  const arrows = new Map<string, { from: string; to: string; events: string[] }>();
  for (const t of transitions) {
    if (t.source === t.target) continue;
    const key = `${t.source}\u0000${t.target}`;
    const arrow = arrows.get(key) ?? { from: t.source, to: t.target, events: [] };
    if (!arrow.events.includes(t.event)) arrow.events.push(t.event);
    arrows.set(key, arrow);
  }
  return [...arrows.values()];
};

/**
 * A node of a compact diagram: a state; a **group** box that stands for
 * several states (an arrow from it holds for each of them but the arrow's
 * own target); or a **choice** point, where one labelled arrow goes on to
 * one of several states.
 *
 * @example
 * import type { DiagramNode } from 'credential-lifecycle';
 * const n: DiagramNode = { id: 'group:any', kind: 'group', label: 'any other state', members: ['active'] };
 */
export type DiagramNode = {
  /** A stable identifier: the state name, or `group:…` / `choice:…`. */
  readonly id: string;
  /** What the node is. */
  readonly kind: 'state' | 'group' | 'choice';
  /** What a reader sees (empty for a choice). */
  readonly label: string;
  /** The states a group stands for, or a choice leads to; the state itself for a state. */
  readonly members: readonly string[];
};

/**
 * An arrow of a compact diagram, between two {@link DiagramNode} ids, with
 * the lines of its label (none for the arrows that leave a choice).
 *
 * @example
 * import type { DiagramArrow } from 'credential-lifecycle';
 * const a: DiagramArrow = { from: 'tmp-locked', to: 'active', label: ['any event'] };
 */
export type DiagramArrow = {
  /** The node it leaves. */
  readonly from: string;
  /** The node it enters. */
  readonly to: string;
  /** The label, one line per event (or one summary line such as `any event`). */
  readonly label: readonly string[];
};

/**
 * A diagram in compact form: its nodes (states first, in the order they
 * first appear in the transitions) and its arrows.
 *
 * @example
 * import { compactDiagram, lifecycleTransitions, type CompactDiagram } from 'credential-lifecycle';
 * const d: CompactDiagram = compactDiagram(lifecycleTransitions());
 * d.nodes.some((n) => n.id === 'archived'); // true
 */
export type CompactDiagram = {
  /** The states, group boxes and choice points. */
  readonly nodes: readonly DiagramNode[];
  /** The arrows. */
  readonly arrows: readonly DiagramArrow[];
};

/** A group box stands for at least this many states. */
const minGroupSize = 4;

/** One labelled arrow to a choice point replaces this many arrows with the same label. */
const minChoiceSize = 3;

/** Events a state reacts to at all (self-loops included). */
const eventsOf = (transitions: readonly LifecycleTransition[], state: string): string[] => [
  ...new Set(transitions.filter((t) => t.source === state).map((t) => t.event)),
];

/**
 * `any event` when an arrow carries every event its source reacts to (but at
 * most one), or `undefined` when it does not. Such an arrow stays on its own.
 */
const anyEventLabel = (
  transitions: readonly LifecycleTransition[],
  arrow: StateArrow,
): string | undefined => {
  if (arrow.events.length < minGroupSize) return undefined;
  const missing = eventsOf(transitions, arrow.from).filter((e) => !arrow.events.includes(e));
  if (missing.length === 0) return 'any event';
  return missing.length === 1 ? `any event but ${missing[0]}` : undefined;
};

type Labelled = { from: string; to: string; label: string[] };

/** Collects labelled arrows by (from, to), each label line once. */
const arrowSet = () => {
  const arrows = new Map<string, Labelled>();
  return {
    add: (from: string, to: string, line: string) => {
      const key = `${from}\u0000${to}`;
      const arrow = arrows.get(key) ?? { from, to, label: [] };
      if (!arrow.label.includes(line)) arrow.label.push(line);
      arrows.set(key, arrow);
    },
    values: () => [...arrows.values()],
  };
};

/** The group box for the sources of one (event, target), or none when they are too few. */
const groupFor = (
  states: readonly string[],
  candidates: readonly string[],
  from: readonly string[],
): DiagramNode | undefined => {
  if (from.length < minGroupSize) return undefined;
  const missing = candidates.filter((s) => !from.includes(s));
  const members = states.filter((s) => from.includes(s));
  if (missing.length === 0) {
    return { id: 'group:any', kind: 'group', label: 'any other state', members };
  }
  if (missing.length === 1) {
    const label = `any other state but ${missing[0]}`;
    return { id: `group:any-but-${missing[0]}`, kind: 'group', label, members };
  }
  return { id: `group:${members.join('+')}`, kind: 'group', label: members.join(', '), members };
};

/**
 * Replaces the arrows that leave one node with the same label for at least
 * three targets by one labelled arrow to a choice point and unlabelled
 * arrows from it to each target.
 */
const withChoices = (arrows: readonly Labelled[]) => {
  const byLabel = new Map<string, Labelled[]>();
  for (const a of arrows) {
    const key = `${a.from}\u0000${a.label.join('\n')}`;
    byLabel.set(key, [...(byLabel.get(key) ?? []), a]);
  }
  const choices: DiagramNode[] = [];
  const out: DiagramArrow[] = [];
  for (const same of byLabel.values()) {
    const [first] = same;
    if (first === undefined) continue;
    if (same.length < minChoiceSize) {
      out.push(...same);
      continue;
    }
    const id = `choice:${first.from}:${choices.length + 1}`;
    choices.push({ id, kind: 'choice', label: '', members: same.map((a) => a.to) });
    out.push({ from: first.from, to: id, label: first.label });
    for (const a of same) out.push({ from: id, to: a.to, label: [] });
  }
  return { choices, arrows: out };
};

/**
 * The diagram of a set of transitions in compact form. It starts from
 * {@link stateArrows} and shortens it in three ways, all read off the
 * transitions:
 * - an arrow that carries every event its source reacts to (but at most one)
 *   is labelled `any event` (`any event but X`);
 * - an event that leads to the same state from at least four states is drawn
 *   once, from a group box: "any other state" when it leaves from every state
 *   that has transitions (other than the target and the states whose arrow to
 *   it says `any event`), "any other state but X" when one is missing, else a
 *   box that lists them;
 * - arrows with the same label from one node to at least three states meet
 *   in a choice point: one labelled arrow to it, one unlabelled arrow from it
 *   to each state.
 *
 * @example
 * import { compactDiagram, lifecycleTransitions } from 'credential-lifecycle';
 * compactDiagram(lifecycleTransitions()).nodes.filter((n) => n.kind === 'group').map((n) => n.label);
 * // ['initial, active, reset-code, admin-changed', 'any other state', 'any other state but archived']
 */
export const compactDiagram = (transitions: readonly LifecycleTransition[]): CompactDiagram => {
  const states = [...new Set(transitions.flatMap((t) => [t.source, t.target]))];
  const leaving = states.filter((s) => transitions.some((t) => t.source === s));
  const arrows = arrowSet();
  // Arrows that carry (almost) every event of their source stay on their own.
  const rest: StateArrow[] = [];
  const summarised: StateArrow[] = [];
  for (const arrow of stateArrows(transitions)) {
    const summary = anyEventLabel(transitions, arrow);
    if (summary === undefined) rest.push(arrow);
    else {
      summarised.push(arrow);
      arrows.add(arrow.from, arrow.to, summary);
    }
  }
  // The sources of each (event, target), in the order the arrows come.
  const sources = new Map<string, { event: string; to: string; from: string[] }>();
  for (const arrow of rest) {
    for (const event of arrow.events) {
      const key = `${event}\u0000${arrow.to}`;
      const entry = sources.get(key) ?? { event, to: arrow.to, from: [] };
      entry.from.push(arrow.from);
      sources.set(key, entry);
    }
  }
  const decided = [...sources.values()].map(({ event, to, from }) => {
    // A state whose arrow to `to` says `any event` already has this event.
    const candidates = leaving.filter(
      (s) => s !== to && !summarised.some((a) => a.from === s && a.to === to),
    );
    return { event, to, from, group: groupFor(states, candidates, from) };
  });
  // "any other state" towards X is also "any other state but X": one box fewer.
  const ids = new Set(decided.map((d) => d.group?.id));
  const groups = new Map<string, DiagramNode>();
  for (const { event, to, from, group: found } of decided) {
    if (found === undefined) {
      for (const s of from) arrows.add(s, to, event);
      continue;
    }
    const group =
      found.id === 'group:any' && ids.has(`group:any-but-${to}`)
        ? { ...found, id: `group:any-but-${to}`, label: `any other state but ${to}` }
        : found;
    const known = groups.get(group.id)?.members ?? [];
    const members = states.filter((s) => group.members.includes(s) || known.includes(s));
    groups.set(group.id, { ...group, members });
    arrows.add(group.id, to, event);
  }
  const { choices, arrows: drawn } = withChoices(arrows.values());
  const stateNodes = states.map(
    (s): DiagramNode => ({ id: s, kind: 'state', label: s, members: [s] }),
  );
  return { nodes: [...stateNodes, ...groups.values(), ...choices], arrows: drawn };
};
