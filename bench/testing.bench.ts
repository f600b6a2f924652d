/**
 * The testing kit's throughput: model steps (a request to the in-process
 * system, the oracle's prediction and the comparison) per second; a whole
 * property run of 1,000 sequences of up to 50 commands with and without the
 * coverage of the model (the same seed, so the same sequences); and parallel
 * runs per second, in process and against the mock over HTTP on 127.0.0.1.
 */
import fc from 'fast-check';
import { bench, describe } from 'vitest';
import { nodeHttpSystem } from '../src/server/http-system.js';
import { startNodeServer } from '../src/server/node.js';
import {
  type Catalogue,
  conformanceCommands,
  inProcessSystem,
  prepareRun,
  runConformance,
} from '../src/testing/index.js';
import { MockServer } from '../src/web/server.js';

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
});

/** CPU time of this process (user + system), in ms: steadier than wall time on a shared machine. */
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const thousand = async (coverage: boolean): Promise<number> => {
  const started = cpuMs();
  await runConformance({
    system: inProcessSystem(),
    runs: 1000,
    clock: true,
    maxCommands: 50,
    seed: 1,
    coverage,
  });
  return cpuMs() - started;
};

// The first coverage report of a process explores the machine once per kind
// and distinct rules seen (eight profiles, four kinds); later ones reuse it.
const cold = performance.now();
await runConformance({ system: inProcessSystem(), runs: 200, clock: true, seed: 1 });
const coldMs = performance.now() - cold;
const warm = performance.now();
await runConformance({ system: inProcessSystem(), runs: 200, clock: true, seed: 1 });
const warmMs = performance.now() - warm;
console.log(
  `200 runs with coverage: ${coldMs.toFixed(0)} ms cold (exploring the machine), ${warmMs.toFixed(0)} ms warm`,
);

// Coverage on and off, interleaved (the same seed: the same sequences), so
// that a change of load hits both alike; CPU time, the medians and the
// fastest of each.
const pairs = Number(process.env.COVERAGE_PAIRS ?? 4);
const off: number[] = [];
const on: number[] = [];
for (let i = 0; i < pairs; i++) {
  off.push(await thousand(false));
  on.push(await thousand(true));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
console.log(
  [
    `1,000 sequences (seed 1), ${pairs} interleaved pairs, CPU time:`,
    `  without coverage: median ${median(off).toFixed(0)} ms, fastest ${Math.min(...off).toFixed(0)} ms`,
    `  with coverage:    median ${median(on).toFixed(0)} ms, fastest ${Math.min(...on).toFixed(0)} ms`,
    `  cost: ${((median(on) / median(off) - 1) * 100).toFixed(1)} % (medians), ${((Math.min(...on) / Math.min(...off) - 1) * 100).toFixed(1)} % (fastest)`,
  ].join('\n'),
);

const server = await startNodeServer({ mock: new MockServer(), port: 0 });
const http = nodeHttpSystem(server.url);

describe('parallel runs (100 per iteration)', () => {
  bench(
    'in process',
    () =>
      runConformance({
        system: inProcessSystem(),
        runs: 100,
        clock: true,
        seed: 2,
        parallel: true,
      }).then(() => undefined),
    { iterations: 3, time: 0 },
  );
  bench(
    'against the mock over HTTP (127.0.0.1, a connection per branch)',
    () =>
      runConformance({ system: http, runs: 100, clock: true, seed: 2, parallel: true }).then(
        () => undefined,
      ),
    { iterations: 3, time: 0, teardown: () => undefined },
  );
});

process.once('beforeExit', () => {
  http.close();
  void server.close();
});
