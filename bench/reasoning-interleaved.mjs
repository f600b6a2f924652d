// Interleaved timing of explain against its baseline, for a loaded machine:
// each round runs the bare applyEvent chain and explainSteps once each, in
// alternating order, and the medians of the per-round times are compared.
// Run after `npm run build`: node bench/reasoning-interleaved.mjs [rounds]
import { performance } from 'node:perf_hooks';
import {
  analyzePolicy,
  applyEvent,
  createLifecycle,
  defaultPolicy,
  explainSteps,
  lifecycleRulesOf,
  parseScript,
} from '../dist/index.js';

const rounds = Number(process.argv[2] ?? 200);
const policy = defaultPolicy('PwdPolicy');
const steps = parseScript('(fail fail wait 1m login)*250').right;
const events = [];
for (let round = 0, at = 0; round < 250; round++, at += 60_000) {
  events.push(
    { type: 'login.failed', at },
    { type: 'login.failed', at },
    { type: 'time.passes', at: at + 60_000 },
    { type: 'login.succeeded', at: at + 60_000 },
  );
}
const start = createLifecycle({ kind: 'password', rules: lifecycleRulesOf(policy), at: 0 }).right;
const baseline = () => {
  let l = start;
  for (const event of events) {
    const r = applyEvent(l, event);
    if (r._tag === 'Right') l = r.right.lifecycle;
  }
};
const explained = () => explainSteps('password', policy, steps);
const defaults = [
  ['password', defaultPolicy('PwdPolicy')],
  ['tempStrongPassword', defaultPolicy('TempStrongPasswordPolicy')],
  ['ticket', defaultPolicy('TicketPolicy')],
  ['puk', defaultPolicy('PUKPolicy')],
];
const analyses = () => {
  for (const [kind, p] of defaults) analyzePolicy(kind, p);
};
const time = (f, n = 1) => {
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  return (performance.now() - t) / n;
};
for (let i = 0; i < 20; i++) {
  baseline();
  explained();
  analyses();
}
const a = [];
const b = [];
const c = [];
for (let i = 0; i < rounds; i++) {
  if (i % 2 === 0) {
    a.push(time(baseline));
    b.push(time(explained));
  } else {
    b.push(time(explained));
    a.push(time(baseline));
  }
  c.push(time(analyses, 100) / 4);
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const min = (xs) => Math.min(...xs);
const ms = (x) => `${x.toFixed(2)} ms`;
console.log(`rounds ${rounds}`);
console.log(`baseline applyEvent x1000: median ${ms(median(a))}, min ${ms(min(a))}`);
console.log(`explainSteps 1000 steps:   median ${ms(median(b))}, min ${ms(min(b))}`);
console.log(
  `ratio of medians ${(median(b) / median(a)).toFixed(2)}, of minimums ${(min(b) / min(a)).toFixed(2)}`,
);
console.log(
  `analyzePolicy (mean of the 4 defaults): median ${(median(c) * 1000).toFixed(1)} µs, min ${(min(c) * 1000).toFixed(1)} µs`,
);
