/**
 * `runConformance`: many random command sequences (or parallel cases)
 * against a system under test, each compared with the oracle; a failure
 * comes back shrunk, with its replay seed and path and a replay script; the
 * model coverage of the runs; a failure database replayed first.
 *
 * @packageDocumentation
 */
import { RunContext } from './conformance/context.js';
import type { ConformanceOptions } from './conformance/options.js';
import { runSequential } from './conformance/sequential.js';
import { replayFailures } from './failures/replay.js';
import { runParallel } from './parallel/runner.js';
import type { ConformanceReport } from './report.js';

export type { ConformanceOptions, ParallelOptions } from './conformance/options.js';
export { conformancePoliciesArb } from './conformance/policies.js';
export { replayScript, type ScriptInput, type ScriptStep } from './conformance/script.js';

/**
 * Runs `runs` random command sequences (of up to `maxCommands` commands)
 * against a system and compares every answer with the oracle. With the
 * control API each sequence starts from a reset system with two users and
 * generated policies; `clock: true` also freezes and moves the system's
 * clock. A failure is shrunk and reported with the seed and path that
 * replay it (pass both back), its steps and a replay script. With
 * `failures`, saved failures are replayed first and a new counterexample is
 * saved; with `parallel`, each run is a prefix and concurrent branches
 * checked for linearizability. The report carries the model coverage.
 *
 * @example
 * import { inProcessSystem, runConformance } from 'credential-lifecycle/testing';
 * const report = await runConformance({ system: inProcessSystem(), runs: 50, clock: true, maxCommands: 20 });
 * report.failures; // 0
 */
export const runConformance = async (options: ConformanceOptions): Promise<ConformanceReport> => {
  const ctx = new RunContext(options);
  const store = options.failures;
  const replayed =
    store === undefined
      ? undefined
      : await replayFailures(ctx, store, options.keepFixed === true, options.onReplay);
  const parallel = options.parallel ?? false;
  const found =
    parallel === false
      ? { ...(await runSequential(ctx)), notProven: undefined }
      : await runParallel(ctx, parallel === true ? {} : parallel);
  const { counterexample } = found;
  if (store !== undefined && counterexample !== undefined && found.setup !== undefined) {
    const { id, failure } = ctx.saved(
      parallel === false ? 'sequential' : 'parallel',
      found.setup,
      found.commands ?? [],
      found.branches,
      counterexample,
    );
    await store.save(id, failure);
  }
  return {
    runs: found.runs,
    commands: ctx.commands,
    failures: counterexample === undefined ? 0 : 1,
    seed: found.seed,
    ...(counterexample === undefined ? {} : { counterexample }),
    ...(ctx.coverage === undefined ? {} : { coverage: ctx.coverage.result() }),
    ...(replayed === undefined ? {} : { replayed }),
    ...(parallel === false ? {} : { parallel: true, notProven: found.notProven ?? 0 }),
  };
};
