/**
 * The coverage of the model over a conformance run: every request the
 * oracle judged conforming is attributed to machine transitions
 * (`attributeStep`) and counted, with the states visited, login status
 * codes, error codes and operations × status classes. What counts as
 * reachable comes from the machine explored under each run's policies
 * (`reachableTransitions`), narrowed to what the REST operations can drive
 * (`drivenByOperations`).
 *
 * @packageDocumentation
 */
import {
  type CredentialKind,
  credentialKinds,
  isPlainObject,
  type LifecycleRules,
  type LifecycleTransition,
  lifecycleTransitions,
  reachableTransitions,
  stateNames,
} from '../../index.js';
import type { KindCoverage, ModelCoverage, StatusClassCounts, TransitionName } from '../report.js';
import { attributeStep, type OracleStep } from './attribution.js';
import { drivenByOperations } from './driven.js';

/**
 * Which transitions of a kind can fire under some rules: by default the
 * machine explored under them (`reachableTransitions`).
 *
 * @example
 * import type { ReachableTransitionsOf } from 'credential-lifecycle/testing';
 * import { lifecycleTransitions } from 'credential-lifecycle';
 * const everything: ReachableTransitionsOf = () => lifecycleTransitions();
 */
export type ReachableTransitionsOf = (
  kind: CredentialKind,
  rules: LifecycleRules,
) => readonly Pick<LifecycleTransition, 'id'>[];

type Counts = Map<string, number>;

const bump = (counts: Counts, key: string): void => {
  counts.set(key, (counts.get(key) ?? 0) + 1);
};

const statusClass = (status: number): keyof StatusClassCounts | undefined =>
  status >= 200 && status < 600
    ? (`${Math.floor(status / 100)}xx` as keyof StatusClassCounts)
    : undefined;

const lifecycleStates: readonly string[] = [...stateNames, 'deleted'];

const nameOf = (t: LifecycleTransition): TransitionName => ({
  id: t.id,
  from: t.source,
  event: t.event,
  guard: t.guard,
  to: t.target,
});

/**
 * Counts what the runs exercise. Start each run with {@link CoverageRecorder.beginRun}
 * (the rules its credentials can have), feed it every judged request with
 * {@link CoverageRecorder.record}, and read {@link CoverageRecorder.result}.
 *
 * @example
 * import { CoverageRecorder } from 'credential-lifecycle/testing';
 * const coverage = new CoverageRecorder();
 * coverage.result().transitions.covered; // 0
 */
export class CoverageRecorder {
  readonly #reachability: ReachableTransitionsOf;
  readonly #transitions = new Map<CredentialKind, Counts>();
  readonly #states = new Map<CredentialKind, Counts>();
  readonly #rules = new Map<CredentialKind, Map<string, LifecycleRules>>();
  readonly #loginStatusCodes: Counts = new Map();
  readonly #errorCodes: Counts = new Map();
  readonly #operations = new Map<string, Counts>();
  readonly #reachable = new Map<string, readonly string[]>();
  #unattributed = 0;
  readonly #examples: string[] = [];

  /**
   * A recorder; `reachability` replaces the machine's exploration (tests).
   *
   * @example
   * import { CoverageRecorder } from 'credential-lifecycle/testing';
   * new CoverageRecorder().result().transitions; // { covered: 0, reachable: 0, percent: 100 }
   */
  constructor(reachability: ReachableTransitionsOf = reachableTransitions) {
    this.#reachability = reachability;
    for (const kind of credentialKinds) {
      this.#transitions.set(kind, new Map());
      this.#states.set(kind, new Map());
      this.#rules.set(kind, new Map());
    }
  }

  /**
   * Notes the rules the credentials of each kind can have in the run that
   * starts (one set per policy a credential may be created under).
   *
   * @example
   * import { CoverageRecorder } from 'credential-lifecycle/testing';
   * import { defaultPolicy, lifecycleRulesOf } from 'credential-lifecycle';
   * const coverage = new CoverageRecorder();
   * coverage.beginRun({ puk: [lifecycleRulesOf(defaultPolicy('PUKPolicy'))] });
   * coverage.result().transitions; // { covered: 0, reachable: 75, percent: 0 }
   */
  beginRun(rules: { readonly [K in CredentialKind]?: readonly LifecycleRules[] }): void {
    for (const kind of credentialKinds) {
      const seen = this.#rules.get(kind);
      for (const r of rules[kind] ?? []) seen?.set(JSON.stringify(r), r);
    }
  }

  /**
   * Counts one judged request: the real answer's operation and status
   * class, its error codes or login status code, and the transitions the
   * model took for it (told from the oracle's own answer) with the states
   * they left it in.
   *
   * @example
   * import { CoverageRecorder } from 'credential-lifecycle/testing';
   * const coverage = new CoverageRecorder();
   * coverage.record({
   *   route: { clientExtId: 'c1', userExtId: 'u1', kind: 'puk', action: 'get' },
   *   body: undefined, at: 0, before: undefined, after: undefined,
   *   expected: { status: 404, body: { errors: [{ code: 'errors.noRecord', message: 'no puk' }] } },
   *   actual: { status: 404, body: { errors: [{ code: 'errors.noRecord', message: 'no puk' }] } },
   * });
   * coverage.result().errorCodes; // { 'errors.noRecord': 1 }
   */
  record(step: OracleStep): void {
    const operation = `${step.route.action} ${step.route.kind}`;
    let classes = this.#operations.get(operation);
    if (classes === undefined) {
      classes = new Map();
      this.#operations.set(operation, classes);
    }
    const cls = statusClass(step.actual.status);
    if (cls !== undefined) bump(classes, cls);
    const body = step.actual.body;
    if (isPlainObject(body)) {
      if (Array.isArray(body.errors)) {
        for (const e of body.errors) {
          if (isPlainObject(e) && typeof e.code === 'string') bump(this.#errorCodes, e.code);
        }
      } else if (step.route.action === 'login' && typeof body.statusCode === 'number') {
        bump(this.#loginStatusCodes, String(body.statusCode));
      }
    }
    const attribution = attributeStep(step);
    for (const { kind, transition } of attribution.fired) {
      const counts = this.#transitions.get(kind);
      if (counts !== undefined) bump(counts, transition.id);
    }
    for (const { kind, state } of attribution.visited) {
      const counts = this.#states.get(kind);
      if (counts !== undefined) bump(counts, state);
    }
    if (attribution.unexplained !== undefined) {
      this.#unattributed += 1;
      if (this.#examples.length < 5) this.#examples.push(attribution.unexplained);
    }
  }

  /** The transitions of a kind reachable under the rules seen (explored once per rules). */
  #reachableIds(kind: CredentialKind): Set<string> {
    const ids = new Set<string>();
    for (const [key, rules] of this.#rules.get(kind) ?? []) {
      const cacheKey = `${kind} ${key}`;
      let found = this.#reachable.get(cacheKey);
      if (found === undefined) {
        found = this.#reachability(kind, rules).map((t) => t.id);
        this.#reachable.set(cacheKey, found);
      }
      for (const id of found) ids.add(id);
    }
    return ids;
  }

  /**
   * The coverage so far, as plain data. Computing what is reachable explores
   * the machine once per distinct set of rules seen.
   *
   * @example
   * import { CoverageRecorder } from 'credential-lifecycle/testing';
   * new CoverageRecorder().result().kinds.puk.reachable; // 0: no run began
   */
  result(): ModelCoverage {
    const all = new Map(lifecycleTransitions().map((t) => [t.id, t]));
    let covered = 0;
    let reachable = 0;
    const kinds = {} as Record<CredentialKind, KindCoverage>;
    for (const kind of credentialKinds) {
      const machineIds = this.#reachableIds(kind);
      const reachableIds = new Set(
        [...machineIds].filter((id) => {
          const t = all.get(id);
          return t !== undefined && drivenByOperations(kind, t);
        }),
      );
      const machineOnly = [...machineIds]
        .filter((id) => !reachableIds.has(id))
        .flatMap((id) => {
          const t = all.get(id);
          return t === undefined ? [] : [nameOf(t)];
        });
      const fired = this.#transitions.get(kind) ?? new Map<string, number>();
      const ids = [...all.keys()].filter((id) => reachableIds.has(id) || fired.has(id));
      const transitions = Object.fromEntries(ids.map((id) => [id, fired.get(id) ?? 0]));
      const uncovered = ids
        .filter((id) => reachableIds.has(id) && !fired.has(id))
        .flatMap((id) => {
          const t = all.get(id);
          return t === undefined ? [] : [nameOf(t)];
        });
      const states = this.#states.get(kind) ?? new Map<string, number>();
      kinds[kind] = {
        states: Object.fromEntries(lifecycleStates.map((s) => [s, states.get(s) ?? 0])),
        transitions,
        reachable: reachableIds.size,
        covered: reachableIds.size - uncovered.length,
        uncovered,
        machineOnly,
      };
      covered += reachableIds.size - uncovered.length;
      reachable += reachableIds.size;
    }
    const sorted = (counts: Counts) =>
      Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return {
      kinds,
      transitions: {
        covered,
        reachable,
        percent: reachable === 0 ? 100 : Math.floor((covered / reachable) * 1000) / 10,
      },
      loginStatusCodes: sorted(this.#loginStatusCodes),
      errorCodes: sorted(this.#errorCodes),
      operations: Object.fromEntries(
        [...this.#operations]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([op, c]) => [op, sorted(c)]),
      ),
      unattributed: { count: this.#unattributed, examples: [...this.#examples] },
    };
  }
}
