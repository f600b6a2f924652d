/**
 * The kind's lifecycle diagram under the current policy, generated from the
 * machine (`reachableTransitions` → `compactDiagram` → `mermaidFlowchart`),
 * drawn by Mermaid's browser build (loaded by index.html as `window.mermaid`),
 * with the credential's current state highlighted.
 */
import {
  type CredentialKind,
  compactDiagram,
  defaultCreateState,
  type LifecycleState,
  lifecycleRulesOf,
  mermaidFlowchart,
  type Policy,
  reachableTransitions,
  typeNameOfKind,
} from 'credential-lifecycle';

interface Mermaid {
  initialize(config: Readonly<Record<string, unknown>>): void;
  render(id: string, text: string): Promise<{ readonly svg: string }>;
}

declare global {
  interface Window {
    readonly mermaid?: Mermaid;
  }
}

/** The Mermaid node id the writer gives a state (`mermaid.ts`: `n_` and `_` for other characters). */
const nodeIdOf = (state: string): string => `n_${state.replace(/[^A-Za-z0-9]/g, '_')}`;

interface KindDiagram {
  readonly text: string;
  readonly states: readonly string[];
}

const drawnDiagrams = new Map<string, KindDiagram>();

/**
 * The Mermaid source of a kind's diagram under a policy's lifecycle rules,
 * and the states it shows (kept per kind and rules: exploring the machine is
 * the costly part).
 */
export const kindDiagram = (kind: CredentialKind, policy: Policy): KindDiagram => {
  const rules = lifecycleRulesOf(policy);
  const key = `${kind} ${JSON.stringify(rules)}`;
  const known = drawnDiagrams.get(key);
  if (known !== undefined) return known;
  const diagram = compactDiagram(reachableTransitions(kind, rules));
  const text = mermaidFlowchart(diagram, {
    title: `${typeNameOfKind[kind]}: the transitions the policy in the form allows`,
    start: defaultCreateState[kind],
  });
  const drawn = { text, states: diagram.nodes.filter((n) => n.kind === 'state').map((n) => n.id) };
  drawnDiagrams.set(key, drawn);
  return drawn;
};

/** Draws diagrams into one element and moves the highlight. */
export class DiagramView {
  private drawn = '';
  private renders = 0;
  private current: LifecycleState | undefined;

  constructor(
    private readonly host: HTMLElement,
    private readonly caption: HTMLElement,
  ) {
    window.mermaid?.initialize({ startOnLoad: false, securityLevel: 'strict' });
  }

  /** Draws the diagram (when its source changed) and highlights `state`. */
  async show(kind: CredentialKind, policy: Policy, state: LifecycleState): Promise<void> {
    this.current = state;
    const { text, states } = kindDiagram(kind, policy);
    if (text !== this.drawn) {
      const mermaid = window.mermaid;
      if (mermaid === undefined) {
        this.host.textContent = 'The diagram needs mermaid.min.js next to this page.';
        return;
      }
      this.drawn = text;
      const render = ++this.renders;
      // `data-drawn` says whether the drawing shows the current diagram (tests wait for it).
      this.host.dataset.drawn = 'false';
      const { svg } = await mermaid.render(`lifecycle-diagram-${render}`, text);
      // A later render started meanwhile: it draws.
      if (render !== this.renders) return;
      this.host.innerHTML = svg;
      this.host.dataset.drawn = 'true';
      for (const name of states) {
        const node = this.host.querySelector(`g.node[id*="-${nodeIdOf(name)}-"]`);
        node?.setAttribute('data-state', name);
      }
    }
    this.highlight();
  }

  private highlight(): void {
    for (const node of this.host.querySelectorAll('g.node.current')) {
      node.classList.remove('current');
    }
    const state = this.current;
    if (state === undefined) return;
    const node = this.host.querySelector(`g.node[data-state="${state}"]`);
    node?.classList.add('current');
    this.caption.textContent = `Current state: ${state} (highlighted).`;
  }
}
