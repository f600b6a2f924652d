/**
 * Sequential runs: random command sequences through `fc.commands` and
 * `fc.asyncModelRun`, each compared step by step with the oracle; the first
 * failure is shrunk by fast-check, then every command the failure does not
 * need is dropped.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import { credentialKinds } from '../../index.js';
import { commandMix, focusedMix, openingCreates } from '../commands/mix.js';
import type { ConformanceCommand, SentStep } from '../commands/model.js';
import type { RunSetup } from '../commands/prepare.js';
import type { Counterexample } from '../report.js';
import type { RunContext } from './context.js';

/** Separates fast-check's path from the commands' replay path in a report's `path`. */
export const SEPARATOR = '@';

const replayPathOf = (commands: unknown): string | undefined =>
  /replayPath="([^"]*)"/.exec(String(commands))?.[1];

/** The command inside fast-check's wrapper (which records whether it ran, for the replay path). */
const unwrapped = (c: ConformanceCommand): ConformanceCommand => {
  const inner = (c as { readonly cmd?: unknown }).cmd;
  return typeof inner === 'object' && inner !== null && 'run' in inner
    ? (inner as ConformanceCommand)
    : c;
};

const isIterableOfCommands = (u: unknown): u is Iterable<ConformanceCommand> =>
  typeof u === 'object' && u !== null && Symbol.iterator in u;

/** What replaying commands in a fresh setup gave: which ran, what was sent, the first error. */
export interface Replayed {
  readonly ran: ConformanceCommand[];
  readonly sent: readonly SentStep[];
  readonly tokens: ReadonlyMap<string, string>;
  readonly error: string | undefined;
}

/** Runs commands in a fresh setup (skipping those whose `check` fails). */
export const replayCommands = async (
  ctx: RunContext,
  setup: RunSetup,
  commands: readonly ConformanceCommand[],
): Promise<Replayed> => {
  const { model, real } = await ctx.prepare(setup, false);
  const ran: ConformanceCommand[] = [];
  let error: string | undefined;
  for (const command of commands) {
    if (!command.check(model)) continue;
    ran.push(command);
    try {
      await command.run(model, real);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      break;
    }
  }
  ctx.commands += real.sent.length;
  return { ran, sent: real.sent, tokens: model.tokens, error };
};

/** Drops, one at a time, every command the failure does not need. */
export const minimise = async (
  ctx: RunContext,
  setup: RunSetup,
  first: Replayed,
  onStep: () => void,
): Promise<Replayed> => {
  let failing = first;
  let changed = failing.error !== undefined;
  while (changed) {
    changed = false;
    for (let i = failing.ran.length - 1; i >= 0; i--) {
      const candidate = await replayCommands(
        ctx,
        setup,
        failing.ran.filter((_, j) => j !== i),
      );
      onStep();
      if (candidate.error !== undefined) {
        failing = candidate;
        changed = true;
      }
    }
  }
  return failing;
};

/** What a sequential generation found: the counterexample and its run, if any. */
export interface Found {
  readonly runs: number;
  readonly seed: number;
  readonly counterexample?: Counterexample;
  readonly setup?: RunSetup;
  readonly commands?: readonly ConformanceCommand[];
  /** For a parallel run: the branches' commands. */
  readonly branches?: readonly (readonly ConformanceCommand[])[];
}

/**
 * Runs the generated sequences. Every property call after the first
 * failure is a shrink step (fast-check calls it only to shrink then).
 */
export const runSequential = async (ctx: RunContext): Promise<Found> => {
  const { options } = ctx;
  const [fcPath, replayPath] =
    options.path === undefined ? [undefined, undefined] : options.path.split(SEPARATOR, 2);
  const catalogue = ctx.catalogue;
  // A focus kind per sequence: most commands act on that credential of the
  // first user, which the sequence creates first (most of the time).
  const sequenceArb = fc.constantFrom(...credentialKinds).chain((focus) =>
    fc.record({
      opening: fc.oneof(
        { arbitrary: fc.constant(openingCreates(catalogue, focus)), weight: 9 },
        { arbitrary: fc.constant<readonly ConformanceCommand[]>([]), weight: 1 },
      ),
      commands: fc.commands([commandMix(catalogue, focusedMix(catalogue, focus))], {
        maxCommands: options.maxCommands ?? 50,
        size: 'max',
        ...(replayPath === undefined || replayPath === '' ? {} : { replayPath }),
      }),
    }),
  );
  let generated = 0;
  let shrinkSteps = 0;
  let failed = false;
  const shrinkStep = (): void => {
    shrinkSteps += 1;
    options.onShrink?.(shrinkSteps);
  };
  const property = fc.asyncProperty(ctx.policiesArb, sequenceArb, async (policies, sequence) => {
    const shrinking = failed;
    let prepared: { real: { sent: readonly unknown[] } } | undefined;
    try {
      const run = await ctx.prepare(ctx.runSetup(policies), !shrinking);
      prepared = run;
      await fc.asyncModelRun(() => run, [...sequence.opening, ...sequence.commands]);
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      ctx.commands += prepared?.real.sent.length ?? 0;
      if (shrinking) shrinkStep();
      else {
        generated += 1;
        options.onProgress?.(generated, options.runs, ctx.progress());
      }
    }
  });
  const details = await fc.check(property, {
    numRuns: options.runs,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(fcPath === undefined || fcPath === '' ? {} : { path: fcPath }),
  });
  if (!details.failed || details.counterexample === null) {
    return { runs: details.numRuns, seed: details.seed };
  }
  const [policies, { opening, commands: cmds }] = details.counterexample;
  const path = `${details.counterexamplePath ?? ''}${SEPARATOR}${replayPathOf(cmds) ?? ''}`;
  const setup = ctx.runSetup(policies);
  const fresh = fc.hasCloneMethod(cmds) ? cmds[fc.cloneMethod]() : cmds;
  const initial = [...opening, ...(isIterableOfCommands(fresh) ? [...fresh].map(unwrapped) : [])];
  const failing = await minimise(ctx, setup, await replayCommands(ctx, setup, initial), shrinkStep);
  const error =
    failing.error ??
    (details.errorInstance instanceof Error
      ? details.errorInstance.message
      : String(details.errorInstance));
  return {
    runs: details.numRuns,
    seed: details.seed,
    setup,
    commands: failing.ran,
    counterexample: ctx.counterexample({
      setup,
      tokens: failing.tokens,
      steps: failing.sent,
      error,
      seed: details.seed,
      path,
    }),
  };
};
