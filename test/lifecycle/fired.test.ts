/**
 * `firedTransitions` names the transitions an event selects without
 * applying it; for every event `applyEvent` accepts with a change it agrees
 * with `transitionsTaken`, which applies it first — including the two
 * transitions of an event that arrives after a temporary lock has ended.
 */
import fc from 'fast-check';
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  firedTransitions,
  type LifecycleEvent,
  lifecycleEventTypes,
  transitionsTaken,
} from '../../src/lifecycle/index.js';
import { lifecycleArb } from '../../src/testing/index.js';
import { create, defaultRules, SECOND, stateNameArb, T0 } from './support.js';

const kinds = ['password', 'tempStrongPassword', 'ticket', 'puk'] as const;

describe('firedTransitions', () => {
  it('names the expiry and the restored state when an event arrives after a lock ended', () => {
    let l = create('password');
    for (const at of [T0 + SECOND, T0 + 2 * SECOND]) {
      const r = applyEvent(l, { type: 'login.failed', at });
      if (E.isLeft(r)) throw new Error('refused');
      l = r.right.lifecycle;
    }
    expect(l.state).toBe('tmp-locked');
    const after = T0 + 2 * SECOND + defaultRules('password').tmpLockingDuration;
    expect(firedTransitions(l, { type: 'credential.deleted', at: after }).map((t) => t.id)).toEqual(
      ['tmp-locked:credential.deleted:0', 'initial:credential.deleted:0'],
    );
    // Before the end, a delete leaves the lock directly.
    expect(
      firedTransitions(l, { type: 'credential.deleted', at: T0 + 3 * SECOND }).map((t) => t.id),
    ).toEqual(['tmp-locked:credential.deleted:4']);
  });

  it('agrees with transitionsTaken for every event applyEvent accepts with a change', () => {
    const eventArb = fc
      .tuple(
        fc.constantFrom(...lifecycleEventTypes),
        fc.constantFrom(0, SECOND, 61 * SECOND, 6 * 86_400_000),
        fc.option(stateNameArb, { nil: undefined }),
        fc.option(fc.constant('moved'), { nil: undefined }),
      )
      .map(([type, gap, stateName, comment]) => ({ type, gap, stateName, comment }));
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds).chain((kind) => lifecycleArb(kind)),
        eventArb,
        (lifecycle, { type, gap, stateName, comment }) => {
          const at = lifecycle.context.lastModified + gap;
          const event: LifecycleEvent =
            type === 'admin.update'
              ? {
                  type,
                  at,
                  ...(stateName === undefined ? {} : { stateName }),
                  ...(comment === undefined ? {} : { modificationComment: comment }),
                }
              : { type, at };
          const taken = transitionsTaken(lifecycle, event);
          if (taken.length > 0) expect(firedTransitions(lifecycle, event)).toEqual(taken);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
