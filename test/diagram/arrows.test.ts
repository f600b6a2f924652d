/**
 * The compact diagrams say exactly what the machine does: expanding every
 * arrow (groups to their members, choices to their targets, `any event` to
 * the events of its source) gives back the machine's transitions between
 * distinct states, no more and no fewer.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  type CompactDiagram,
  compactDiagram,
  mermaidFlowchart,
  stateArrows,
} from '../../src/diagram/index.js';
import {
  type LifecycleTransition,
  lifecycleTransitions,
  reachableTransitions,
} from '../../src/lifecycle/index.js';
import { defaultRules, kindArb } from '../lifecycle/support.js';

/** (source, event, target) of every transition that changes the state. */
const moves = (transitions: readonly LifecycleTransition[]): Set<string> =>
  new Set(
    transitions
      .filter((t) => t.source !== t.target)
      .map((t) => `${t.source} ${t.event} ${t.target}`),
  );

/** What a reader takes from the diagram, as (source, event, target). */
const readBack = (diagram: CompactDiagram, transitions: readonly LifecycleTransition[]) => {
  const nodes = new Map(diagram.nodes.map((n) => [n.id, n]));
  const handled = (state: string) =>
    new Set(transitions.filter((t) => t.source === state).map((t) => t.event));
  const eventsOf = (line: string, source: string): string[] => {
    if (line === 'any event') return [...handled(source)];
    const but = /^any event but (.+)$/.exec(line);
    if (but !== null) return [...handled(source)].filter((e) => e !== but[1]);
    return [line];
  };
  const out = new Set<string>();
  for (const arrow of diagram.arrows) {
    if (arrow.label.length === 0) continue; // from a choice: read with the arrow into it
    const from = nodes.get(arrow.from);
    const to = nodes.get(arrow.to);
    expect(from, arrow.from).toBeDefined();
    expect(to, arrow.to).toBeDefined();
    if (from === undefined || to === undefined) continue;
    const targets =
      to.kind === 'choice'
        ? diagram.arrows.filter((a) => a.from === to.id).map((a) => a.to)
        : [to.id];
    if (to.kind === 'choice') expect(new Set(targets)).toEqual(new Set(to.members));
    for (const target of targets) {
      for (const source of from.kind === 'group' ? from.members : [from.id]) {
        if (source === target) continue;
        for (const line of arrow.label) {
          for (const event of eventsOf(line, source)) out.add(`${source} ${event} ${target}`);
        }
      }
    }
  }
  return out;
};

/** A kind's spec defaults with the switches that change which transitions exist. */
const variantArb = fc
  .record({
    kind: kindArb,
    maxCredFailureCount: fc.constantFrom(-1, 1, 3),
    tmpLockingThreshold: fc.constantFrom(-1, 1, 2),
    tmpLockingMode: fc.constantFrom('strict' as const, 'threshold' as const),
    maxCredSuccessCount: fc.constantFrom(-1, 2),
    singleUse: fc.boolean(),
    maxResetCount: fc.constantFrom(-1, 0),
    resetTarget: fc.constantFrom('initial' as const, 'active' as const, 'reset-code' as const),
  })
  .map(({ kind, ...switches }) => ({ kind, rules: { ...defaultRules(kind), ...switches } }));

/** The diagram of some transitions, what it says, and what the machine does. */
const claimedBy = (transitions: readonly LifecycleTransition[]) => {
  const diagram = compactDiagram(transitions);
  return { diagram, claimed: readBack(diagram, transitions), actual: moves(transitions) };
};

describe('stateArrows', () => {
  it('draws one arrow per pair of distinct states, with every event between them', () => {
    const all = lifecycleTransitions();
    const arrows = stateArrows(all);
    const pairs = arrows.map((a) => `${a.from} ${a.to}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(arrows.every((a) => a.from !== a.to)).toBe(true);
    const fromArrows = new Set(
      arrows.flatMap((a) => a.events.map((e) => `${a.from} ${e} ${a.to}`)),
    );
    expect(fromArrows).toEqual(moves(all));
  });
});

describe('compactDiagram', () => {
  it('reads back as exactly the transitions of the machine between distinct states', () => {
    const { claimed, actual } = claimedBy(lifecycleTransitions());
    expect([...claimed].filter((m) => !actual.has(m))).toEqual([]);
    expect([...actual].filter((m) => !claimed.has(m))).toEqual([]);
  });

  test.prop([variantArb], { numRuns: 30 })(
    'reads back as exactly the reachable transitions, for any kind and rules',
    ({ kind, rules }) => {
      const { claimed, actual } = claimedBy(reachableTransitions(kind, rules));
      expect([...claimed].filter((m) => !actual.has(m))).toEqual([]);
      expect([...actual].filter((m) => !claimed.has(m))).toEqual([]);
    },
  );

  test.prop([variantArb], { numRuns: 30 })(
    'a group box says which states it stands for',
    ({ kind, rules }) => {
      const transitions = reachableTransitions(kind, rules);
      const leaving = new Set(transitions.map((t) => t.source));
      for (const group of compactDiagram(transitions).nodes.filter((n) => n.kind === 'group')) {
        const but = /^any other state but (.+)$/.exec(group.label);
        if (group.label === 'any other state') {
          expect(group.members.length, group.label).toBeGreaterThanOrEqual(leaving.size - 2);
        } else if (but !== null) {
          expect(leaving.has(but[1] ?? '')).toBe(true);
          expect(group.members).not.toContain(but[1]);
        } else {
          expect(group.label.split(', ')).toEqual(group.members);
        }
      }
    },
  );

  it('is much smaller than one arrow per pair', () => {
    const all = lifecycleTransitions();
    const labelled = compactDiagram(all).arrows.filter((a) => a.label.length > 0);
    expect(stateArrows(all).length).toBeGreaterThan(50);
    expect(labelled.length).toBeLessThan(30);
  });

  it('draws the shared administrative events from group boxes', () => {
    const { diagram } = claimedBy(lifecycleTransitions());
    const groups = diagram.nodes.filter((n) => n.kind === 'group').map((n) => n.label);
    expect(groups).toContain('any other state');
    expect(groups).toContain('any other state but archived');
  });
});

describe('mermaidFlowchart', () => {
  const diagram: CompactDiagram = {
    nodes: [
      { id: 'end', kind: 'state', label: 'end', members: ['end'] },
      { id: 'say "hi"', kind: 'state', label: 'say "hi"', members: ['say "hi"'] },
    ],
    arrows: [{ from: 'say "hi"', to: 'end', label: ['a.b', 'c'] }],
  };

  it('writes safe ids, quoted labels and one line per event', () => {
    const text = mermaidFlowchart(diagram, { title: 'T "1"', start: 'end' });
    expect(text).toContain('title: "T \\"1\\""');
    expect(text).toContain('n_end("end")');
    expect(text).toContain('n_say__hi_("say #quot;hi#quot;")');
    expect(text).toContain('n_say__hi_ -->|"a.b<br/>c"| n_end');
    expect(text).toContain('create -.-> n_end');
  });

  it('writes every node and arrow of the overview', () => {
    const overview = compactDiagram(lifecycleTransitions());
    const text = mermaidFlowchart(overview, { title: 'x' });
    const arrowLines = text.split('\n').filter((l) => /^\s+\S+ -[-.]*->/.test(l));
    expect(arrowLines).toHaveLength(overview.arrows.length);
    for (const state of new Set(lifecycleTransitions().map((t) => t.source))) {
      expect(text).toContain(`("${state}")`);
    }
  });
});
