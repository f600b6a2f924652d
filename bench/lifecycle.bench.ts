/**
 * Lifecycle throughput: `applyEvent` (the pure API) beside the raw XState
 * `transition()` on the same machine, snapshot and events, in the same run;
 * and the cost of `lifecycleReachability` beside replaying its witnesses.
 * Record figures in docs/performance.md under "## Lifecycle".
 */
import { either as E } from 'fp-ts';
import { bench, describe } from 'vitest';
import { transition } from 'xstate';
import type { CredentialKind } from '../src/domain/credential-type.js';
import {
  applyEvent,
  createLifecycle,
  type Lifecycle,
  type LifecycleEvent,
  type LifecycleRules,
  lifecycleMachine,
  lifecycleReachability,
} from '../src/lifecycle/index.js';
import { defaultPolicy, lifecycleRulesOf, policyTypeOfKind } from '../src/policy/index.js';

/** The default password policy's rules (3 / 2 / 60 s / strict). */
const rules = lifecycleRulesOf(defaultPolicy('PwdPolicy'));
const T0 = Date.UTC(2026, 4, 4);
/** Long warm-up: both sides share the machine code, so the first one measured must not pay for the JIT. */
const options = { time: 3_000, warmupTime: 1_500, warmupIterations: 2_000 };
/** An exploration takes milliseconds: fewer warm-up iterations. */
const reachabilityOptions = { time: 3_000, warmupTime: 1_000, warmupIterations: 5 };
const created = createLifecycle({ kind: 'password', stateName: 'active', rules, at: T0 });
if (E.isLeft(created)) throw new Error('bench setup: create refused');
const start: Lifecycle = created.right;
const snapshot = lifecycleMachine.resolveState({ value: start.state, context: start.context });

/** One event of each common kind, all judged from the same active value. */
const single: readonly LifecycleEvent[] = [
  { type: 'login.succeeded', at: T0 + 1_000 },
  { type: 'login.failed', at: T0 + 1_000 },
  { type: 'admin.update', at: T0 + 1_000, modificationComment: 'checked' },
  { type: 'admin.reset', at: T0 + 1_000 },
  { type: 'admin.unlock', at: T0 + 1_000 }, // refused: not locked
];

/** A 10-event session: failures, a tmp-lock, its expiry, a fail-lock, unlock, success. */
const chain: readonly LifecycleEvent[] = [
  { type: 'login.succeeded', at: T0 + 1_000 },
  { type: 'login.failed', at: T0 + 2_000 },
  { type: 'login.failed', at: T0 + 3_000 },
  { type: 'login.failed', at: T0 + 4_000 }, // refused: tmp-locked
  { type: 'time.passes', at: T0 + 63_000 },
  { type: 'login.failed', at: T0 + 64_000 },
  { type: 'admin.unlock', at: T0 + 65_000 },
  { type: 'login.succeeded', at: T0 + 66_000 },
  { type: 'admin.update', at: T0 + 67_000, modificationComment: 'ok' },
  { type: 'admin.reset', at: T0 + 68_000 },
];

describe(`lifecycle: ${single.length} single events from the same active value`, () => {
  bench(
    'baseline: raw transition(lifecycleMachine, snapshot, event)',
    () => {
      for (const event of single) transition(lifecycleMachine, snapshot, event);
    },
    options,
  );
  bench(
    'applyEvent(lifecycle, event)',
    () => {
      for (const event of single) applyEvent(start, event);
    },
    options,
  );
});

describe(`lifecycle: a chain of ${chain.length} events`, () => {
  bench(
    'baseline: raw transition() chaining snapshots',
    () => {
      let s = snapshot;
      for (const event of chain) [s] = transition(lifecycleMachine, s, event);
    },
    options,
  );
  bench(
    'applyEvent() chaining lifecycle values',
    () => {
      let l = start;
      for (const event of chain) {
        const r = applyEvent(l, event);
        if (E.isRight(r)) l = r.right.lifecycle;
      }
    },
    options,
  );
});

/** Rules that explore afresh on every call: the lock duration changes by 1 ms each time. */
const freshRules = (kind: CredentialKind): (() => LifecycleRules) => {
  const base = lifecycleRulesOf(defaultPolicy(policyTypeOfKind[kind]));
  let n = 0;
  return () => ({ ...base, tmpLockingDuration: base.tmpLockingDuration + (n++ % 1_000_000) });
};

describe('reachability: exploring the machine for one kind under its default policy', () => {
  const pukRules = lifecycleRulesOf(defaultPolicy('PUKPolicy'));
  const { witnesses } = lifecycleReachability('puk', pukRules);
  const witnessEvents = witnesses.reduce((n, w) => n + w.events.length, 0);
  bench(
    `baseline: replay the ${witnesses.length} PUK witnesses (${witnessEvents} events) with applyEvent`,
    () => {
      for (const w of witnesses) {
        const created = createLifecycle(w.create);
        if (E.isLeft(created)) continue;
        let l = created.right;
        for (const event of w.events) {
          const r = applyEvent(l, event);
          if (E.isRight(r)) l = r.right.lifecycle;
        }
      }
    },
    reachabilityOptions,
  );
  for (const kind of ['password', 'tempStrongPassword', 'ticket', 'puk'] as const) {
    const next = freshRules(kind);
    bench(
      `lifecycleReachability('${kind}', fresh rules): a full exploration`,
      () => {
        lifecycleReachability(kind, next());
      },
      reachabilityOptions,
    );
  }
  bench(
    'lifecycleReachability(puk, same rules values): the memoised answer',
    () => {
      lifecycleReachability('puk', { ...pukRules });
    },
    reachabilityOptions,
  );
});
