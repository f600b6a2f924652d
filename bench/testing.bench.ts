/**
 * The testing kit's throughput: model steps (a request to the in-process
 * system, the oracle's prediction and the comparison) per second, and a
 * whole property run of 1,000 sequences of up to 50 commands.
 */
import fc from 'fast-check';
import { bench, describe } from 'vitest';
import {
  type Catalogue,
  conformanceCommands,
  inProcessSystem,
  prepareRun,
  runConformance,
} from '../src/testing/index.js';

const catalogue: Catalogue = {
  clientExtId: 'bench',
  users: [
    { userExtId: 'u1', loginId: 'alice' },
    { userExtId: 'u2', loginId: 'bob' },
  ],
  ghostUserExtId: 'nobody',
  policies: { PwdPolicy: [], TempStrongPasswordPolicy: [], TicketPolicy: [], PUKPolicy: [] },
};

/** 200 fixed sequences of 50 commands, generated once. */
const sequences = fc.sample(
  fc.array(fc.oneof(...conformanceCommands(catalogue)), { minLength: 50, maxLength: 50 }),
  { numRuns: 200, seed: 7 },
);
const system = inProcessSystem({ seed: 3 });
const setup = { catalogue, policies: [], start: Date.UTC(2026, 0, 1), clock: true };
let steps = 0;

// How many commands of a sequence are sent (the others fail their `check`).
let sent = 0;
for (const cmds of sequences) {
  const prepared = await prepareRun(system, setup);
  await fc.asyncModelRun(() => prepared, cmds);
  sent += prepared.real.sent.length;
}
console.log(`steps sent per 50-command sequence: ${(sent / sequences.length).toFixed(1)}`);

describe('testing kit', () => {
  bench(
    'one sequence of 50 commands (in-process system + oracle)',
    async () => {
      const cmds = sequences[steps % sequences.length];
      if (cmds === undefined) return;
      const prepared = await prepareRun(system, setup);
      await fc.asyncModelRun(() => prepared, cmds);
      steps += 1;
    },
    { time: 3_000 },
  );

  bench(
    'runConformance: 1,000 sequences of up to 50 commands',
    async () => {
      await runConformance({ system: inProcessSystem(), runs: 1000, clock: true, maxCommands: 50 });
    },
    { iterations: 3, time: 0 },
  );
});
