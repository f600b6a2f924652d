/**
 * The linearizability check of a concurrent history: is there an order of
 * its operations, consistent with their real-time order (an operation that
 * returned before another was invoked comes first), in which a sequential
 * model explains every answer? A Wing–Gong search: depth first, each step
 * taking one of the operations that may come next, memoised on (model
 * state, set of operations done), and bounded — hitting the bound proves
 * nothing either way.
 *
 * @packageDocumentation
 */

/**
 * One operation of a concurrent history: its invocation and response on a
 * common logical clock (any increasing counter; only the order matters).
 *
 * @example
 * import type { HistoryEntry } from 'credential-lifecycle/testing';
 * const both: HistoryEntry<string>[] = [
 *   { op: 'a', invoked: 0, returned: 2 },
 *   { op: 'b', invoked: 1, returned: 3 },
 * ];
 */
export interface HistoryEntry<Op> {
  readonly op: Op;
  readonly invoked: number;
  readonly returned: number;
}

/**
 * A sequential model the search replays operations on: it applies one
 * operation (returning why its recorded answer does not fit, or nothing),
 * and can save and restore its state and name it for the memo.
 *
 * @example
 * import type { LinearizabilityModel } from 'credential-lifecycle/testing';
 * let n = 0;
 * // A counter whose operations claim the value they saw.
 * const counter: LinearizabilityModel<number, number> = {
 *   apply: (saw) => (saw === n++ ? [] : [`saw ${saw}, the counter was ${n - 1}`]),
 *   snapshot: () => n,
 *   restore: (s) => { n = s; },
 *   key: () => String(n),
 * };
 */
export interface LinearizabilityModel<State, Op> {
  /** Applies `op` to the model; the problems when its answer is not the model's. */
  readonly apply: (op: Op) => readonly string[];
  /** The model's state now, to come back to. */
  readonly snapshot: () => State;
  /** Returns to a state taken with `snapshot`. */
  readonly restore: (state: State) => void;
  /** Equal for two states only when they answer every operation alike. */
  readonly key: () => string;
}

/**
 * The verdict of the search. `linearizable` gives an order that fits (as
 * indexes into the history); `not-linearizable` the longest order the model
 * explained and, for each operation that could have come next, why it does
 * not fit; `not-proven` that the bound was reached first.
 *
 * @example
 * import type { LinearizabilityVerdict } from 'credential-lifecycle/testing';
 * const passed = (v: LinearizabilityVerdict) => v._tag === 'linearizable';
 */
export type LinearizabilityVerdict =
  | { readonly _tag: 'linearizable'; readonly order: readonly number[]; readonly explored: number }
  | {
      readonly _tag: 'not-linearizable';
      readonly longest: readonly number[];
      readonly blocked: readonly { readonly entry: number; readonly problems: readonly string[] }[];
      readonly explored: number;
    }
  | { readonly _tag: 'not-proven'; readonly explored: number };

/**
 * Searches an order of `history` consistent with its real-time order in
 * which `model` explains every operation. The model starts (and ends) in
 * the state it is in; `bound` limits how many operations are applied in all.
 *
 * @example
 * import { checkLinearizable, type LinearizabilityModel } from 'credential-lifecycle/testing';
 * let n = 0;
 * const counter: LinearizabilityModel<number, number> = {
 *   apply: (saw) => (saw === n++ ? [] : ['no']),
 *   snapshot: () => n,
 *   restore: (s) => { n = s; },
 *   key: () => String(n),
 * };
 * // Two overlapping increments that saw 1 and 0: 0 first, then 1.
 * checkLinearizable(counter, [
 *   { op: 1, invoked: 0, returned: 3 },
 *   { op: 0, invoked: 1, returned: 2 },
 * ])._tag; // 'linearizable'
 */
export const checkLinearizable = <State, Op>(
  model: LinearizabilityModel<State, Op>,
  history: readonly HistoryEntry<Op>[],
  bound = 50_000,
): LinearizabilityVerdict => {
  const n = history.length;
  const done: boolean[] = history.map(() => false);
  const order: number[] = [];
  const failed = new Set<string>();
  let explored = 0;
  let longest: number[] = [];
  let blocked: { entry: number; problems: readonly string[] }[] = [];
  const start = model.snapshot();

  /** The operations that may come next: invoked before every pending one returned. */
  const candidates = (): number[] => {
    let firstReturn = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const entry = history[i];
      if (!done[i] && entry !== undefined && entry.returned < firstReturn) {
        firstReturn = entry.returned;
      }
    }
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const entry = history[i];
      if (!done[i] && entry !== undefined && entry.invoked < firstReturn) out.push(i);
    }
    return out;
  };

  type Outcome = 'found' | 'failed' | 'bound';
  const search = (): Outcome => {
    if (order.length === n) return 'found';
    const memo = `${done.map((d) => (d ? '1' : '0')).join('')} ${model.key()}`;
    if (failed.has(memo)) return 'failed';
    const here = model.snapshot();
    const rejected: { entry: number; problems: readonly string[] }[] = [];
    for (const i of candidates()) {
      const entry = history[i];
      if (entry === undefined) continue;
      if (explored >= bound) return 'bound';
      explored += 1;
      const problems = model.apply(entry.op);
      if (problems.length === 0) {
        done[i] = true;
        order.push(i);
        const outcome = search();
        if (outcome !== 'failed') return outcome;
        order.pop();
        done[i] = false;
      } else {
        rejected.push({ entry: i, problems });
      }
      model.restore(here);
    }
    if (
      order.length > longest.length ||
      (order.length === longest.length && blocked.length === 0)
    ) {
      longest = [...order];
      blocked = rejected;
    }
    failed.add(memo);
    return 'failed';
  };

  const outcome = search();
  const found = [...order];
  model.restore(start);
  switch (outcome) {
    case 'found':
      return { _tag: 'linearizable', order: found, explored };
    case 'bound':
      return { _tag: 'not-proven', explored };
    case 'failed':
      return { _tag: 'not-linearizable', longest, blocked, explored };
  }
};
