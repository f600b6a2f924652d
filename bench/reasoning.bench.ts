/**
 * Reasoning: `explain` of a 1,000-step script beside the same 1,000 events
 * through the bare `applyEvent` chain, and `analyzePolicy` on each kind's
 * defaults beside the brute-force attack through `explainStep` that the
 * property tests use. Record figures in docs/performance.md under
 * "## Reasoning".
 */
import { either as E } from 'fp-ts';
import { bench, describe } from 'vitest';
import {
  applyEvent,
  createLifecycle,
  type Lifecycle,
  type LifecycleEvent,
} from '../src/lifecycle/index.js';
import { defaultPolicy, lifecycleRulesOf } from '../src/policy/index.js';
import { analyzePolicy } from '../src/reasoning/analyze.js';
import { explain, explainStep, explainSteps, startExplaining } from '../src/reasoning/explain.js';
import { parseScript, type Step } from '../src/reasoning/script.js';

const options = { time: 3_000, warmupTime: 1_000 };

/** 250 rounds of: a failure, a tmp-locking failure, the lock's end, a success (1,000 steps). */
const script = '(fail fail wait 1m login)*250';
const parsed = parseScript(script);
if (E.isLeft(parsed)) throw new Error(parsed.left.message);
const steps: readonly Step[] = parsed.right;
const passwordPolicy = defaultPolicy('PwdPolicy');

/** The same 1,000 steps as bare lifecycle events (the baseline does no parsing, rows or answers). */
const events: LifecycleEvent[] = [];
for (let round = 0, at = 0; round < 250; round++, at += 60_000) {
  events.push(
    { type: 'login.failed', at },
    { type: 'login.failed', at },
    { type: 'time.passes', at: at + 60_000 },
    { type: 'login.succeeded', at: at + 60_000 },
  );
}
const created = createLifecycle({
  kind: 'password',
  rules: lifecycleRulesOf(passwordPolicy),
  at: 0,
});
if (E.isLeft(created)) throw new Error('bench setup: create refused');
const start: Lifecycle = created.right;

describe('explain: a 1,000-step script (default password policy)', () => {
  bench(
    'baseline: the 1,000 events through applyEvent',
    () => {
      let l = start;
      for (const event of events) {
        const r = applyEvent(l, event);
        if (E.isRight(r)) l = r.right.lifecycle;
      }
    },
    options,
  );
  bench(
    'explainSteps (parsed steps)',
    () => {
      explainSteps('password', passwordPolicy, steps);
    },
    options,
  );
  bench(
    'explain (parses the script too)',
    () => {
      explain('password', passwordPolicy, script);
    },
    options,
  );
  bench(
    'parseScript alone',
    () => {
      parseScript(script);
    },
    options,
  );
});

/** The fastest attack, step by step through explain, until the fail-lock (the tests' brute force). */
const bruteForce = () => {
  let state = startExplaining('password', passwordPolicy);
  for (let i = 0; i < 10; i++) {
    const { state: next, row } = explainStep(state, { name: 'fail' });
    if (row.statusCode === undefined) {
      const until = state.lifecycle.context.lockedUntil ?? state.at;
      state = explainStep(state, { name: 'wait', ms: until - state.at }).state;
      continue;
    }
    state = next;
    if (row.state === 'fail-locked') break;
  }
};

describe("analyzePolicy on each kind's defaults", () => {
  bench(
    'baseline: brute-force attack on the default password policy (3 guesses, 1 wait)',
    bruteForce,
    options,
  );
  bench(
    'analyzePolicy password',
    () => {
      analyzePolicy('password', passwordPolicy);
    },
    options,
  );
  const tsp = defaultPolicy('TempStrongPasswordPolicy');
  bench(
    'analyzePolicy tempStrongPassword',
    () => {
      analyzePolicy('tempStrongPassword', tsp);
    },
    options,
  );
  const ticket = defaultPolicy('TicketPolicy');
  bench(
    'analyzePolicy ticket',
    () => {
      analyzePolicy('ticket', ticket);
    },
    options,
  );
  const puk = defaultPolicy('PUKPolicy');
  bench(
    'analyzePolicy puk',
    () => {
      analyzePolicy('puk', puk);
    },
    options,
  );
});
