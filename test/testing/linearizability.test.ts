/**
 * The Wing–Gong search on a small model whose answers are easy to reason
 * about: a register with writes and reads. A history is linearizable when
 * some order consistent with real time explains every answer; the search
 * finds it, refutes it when none exists (naming the operations that could
 * come next), and reports "not proven" when its bound is reached first.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkLinearizable,
  type HistoryEntry,
  type LinearizabilityModel,
} from '../../src/testing/index.js';

type Op =
  | { readonly kind: 'write'; readonly value: number }
  | { readonly kind: 'read'; readonly saw: number };

const register = (): LinearizabilityModel<number, Op> & { applied: number } => {
  let value = 0;
  const model = {
    applied: 0,
    apply: (op: Op) => {
      model.applied += 1;
      if (op.kind === 'write') {
        value = op.value;
        return [];
      }
      return op.saw === value ? [] : [`read saw ${op.saw}, the register holds ${value}`];
    },
    snapshot: () => value,
    restore: (s: number) => {
      value = s;
    },
    key: () => String(value),
  };
  return model;
};

const entry = (op: Op, invoked: number, returned: number): HistoryEntry<Op> => ({
  op,
  invoked,
  returned,
});

describe('checkLinearizable', () => {
  it('finds the order that explains overlapping operations', () => {
    // write(1) overlaps a read that saw 1, then a read that saw 1 after both.
    const history = [
      entry({ kind: 'read', saw: 1 }, 0, 3),
      entry({ kind: 'write', value: 1 }, 1, 2),
      entry({ kind: 'read', saw: 1 }, 4, 5),
    ];
    const verdict = checkLinearizable(register(), history);
    expect(verdict._tag).toBe('linearizable');
    if (verdict._tag === 'linearizable') expect(verdict.order).toEqual([1, 0, 2]);
  });

  it('respects real time: an operation that returned first cannot be ordered after', () => {
    // The read returned 0 *after* write(1) had returned: no order explains it.
    const history = [
      entry({ kind: 'write', value: 1 }, 0, 1),
      entry({ kind: 'read', saw: 0 }, 2, 3),
    ];
    const verdict = checkLinearizable(register(), history);
    expect(verdict._tag).toBe('not-linearizable');
    if (verdict._tag === 'not-linearizable') {
      expect(verdict.longest).toEqual([0]);
      expect(verdict.blocked).toEqual([
        { entry: 1, problems: ['read saw 0, the register holds 1'] },
      ]);
    }
    // Overlapping, the same two operations are linearizable (read first).
    const overlapping = [
      entry({ kind: 'write', value: 1 }, 0, 2),
      entry({ kind: 'read', saw: 0 }, 1, 3),
    ];
    expect(checkLinearizable(register(), overlapping)._tag).toBe('linearizable');
  });

  it('leaves the model in the state it started from', () => {
    const model = register();
    model.apply({ kind: 'write', value: 7 });
    checkLinearizable(model, [entry({ kind: 'write', value: 1 }, 0, 1)]);
    expect(model.snapshot()).toBe(7);
  });

  it('reports "not proven" when the bound is reached, never a pass', () => {
    const writes = Array.from({ length: 8 }, (_, i) =>
      entry({ kind: 'write', value: i }, i, 100 + i),
    );
    const impossible = [...writes, entry({ kind: 'read', saw: 99 }, 200, 201)];
    expect(checkLinearizable(register(), impossible, 5)._tag).toBe('not-proven');
    expect(checkLinearizable(register(), impossible)._tag).toBe('not-linearizable');
  });

  it('memoises on (state, operations done): equal states are not explored twice', () => {
    // Eight concurrent writes of the same value: after any k of them the
    // state is the same, so the memo visits each of the 2^8 sets of writes
    // once (about 1,000 operations applied) instead of every order of them
    // (about 110,000).
    const same = Array.from({ length: 8 }, (_, i) =>
      entry({ kind: 'write', value: 1 }, i, 100 + i),
    );
    const model = register();
    const verdict = checkLinearizable(model, [...same, entry({ kind: 'read', saw: 2 }, 200, 201)]);
    expect(verdict._tag).toBe('not-linearizable');
    expect(model.applied).toBeLessThan(2_000);
  });

  it('agrees with brute force over all orders (random histories of a register)', () => {
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      fc.integer({ min: 0, max: 2 }).map((value): Op => ({ kind: 'write', value })),
      fc.integer({ min: 0, max: 2 }).map((saw): Op => ({ kind: 'read', saw })),
    );
    const historyArb = fc
      .array(fc.tuple(opArb, fc.nat(6), fc.nat(6)), { minLength: 1, maxLength: 5 })
      .map((ops) =>
        ops.map(([op, a, b], i) =>
          entry(op, 2 * Math.min(a, b) * 10 + i, 2 * Math.max(a, b) * 10 + 5 + i),
        ),
      );
    const permutations = (n: number): number[][] =>
      n === 0
        ? [[]]
        : permutations(n - 1).flatMap((p) =>
            Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]),
          );
    const bruteForce = (history: readonly HistoryEntry<Op>[]): boolean =>
      permutations(history.length).some((order) => {
        const respectsTime = order.every((x, i) =>
          order
            .slice(i + 1)
            .every((y) => !((history[y]?.returned ?? 0) < (history[x]?.invoked ?? 0))),
        );
        if (!respectsTime) return false;
        let value = 0;
        return order.every((i) => {
          const op = history[i]?.op;
          if (op === undefined) return false;
          if (op.kind === 'write') {
            value = op.value;
            return true;
          }
          return op.saw === value;
        });
      });
    fc.assert(
      fc.property(historyArb, (history) => {
        const verdict = checkLinearizable(register(), history);
        expect(verdict._tag === 'linearizable').toBe(bruteForce(history));
      }),
      { numRuns: 300 },
    );
  });
});
