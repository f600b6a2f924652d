/**
 * Parallel runs: random cases of a sequential prefix and 2–3 concurrent
 * branches, aimed at one credential kind so that the branches contend for
 * it. A case fails when its prefix diverges from the oracle or when no
 * order of its concurrent requests is explained by the oracle; it is then
 * shrunk (each candidate sent several times, as a race may not show every
 * time). A search that reaches its bound is "not proven": counted apart,
 * never a pass.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import { type CredentialKind, credentialKinds } from '../../index.js';
import { ApiCommand } from '../commands/api-command.js';
import { commandMix, defaultMix } from '../commands/mix.js';
import type { Catalogue, ConformanceCommand } from '../commands/model.js';
import type { RunContext } from '../conformance/context.js';
import type { ParallelOptions } from '../conformance/options.js';
import type { Found } from '../conformance/sequential.js';
import { type ParallelOp, type ParallelOutcome, runParallelCase } from './execute.js';
import type { HistoryEntry } from './linearizability.js';

/** A generated parallel case. */
export interface ParallelCase {
  readonly prefix: readonly ConformanceCommand[];
  readonly branches: readonly (readonly ConformanceCommand[])[];
}

/**
 * Parallel cases over a catalogue: a focus kind per case; the prefix
 * creates a credential of it (most of the time) among other commands, and
 * the branches mostly act on that credential of the first user.
 */
export const parallelCaseArb = (
  catalogue: Catalogue,
  options: { readonly maxPrefix: number; readonly maxBranchLength: number },
): fc.Arbitrary<ParallelCase> =>
  fc.constantFrom(...credentialKinds).chain((focus: CredentialKind) => {
    const general = commandMix(catalogue);
    const first = catalogue.users[0]?.userExtId ?? catalogue.ghostUserExtId;
    const focused = commandMix(catalogue, {
      kinds: fc.constant(focus),
      users: fc.constant(first),
      clock: false,
      focused: true,
    });
    const create = new ApiCommand(
      catalogue.clientExtId,
      first,
      focus,
      'create',
      { _tag: 'admin' },
      { _tag: 'json', value: {} },
    );
    const branchCommand = fc.oneof(
      { arbitrary: focused, weight: 4 },
      { arbitrary: commandMix(catalogue, { ...defaultMix(catalogue), clock: false }), weight: 1 },
    );
    return fc.record({
      prefix: fc
        .tuple(
          fc.boolean(),
          fc.array(fc.oneof({ arbitrary: general, weight: 1 }, { arbitrary: focused, weight: 1 }), {
            maxLength: Math.max(0, options.maxPrefix - 1),
          }),
        )
        .map(([withCreate, rest]) => (withCreate ? [create, ...rest] : rest)),
      branches: fc.array(
        fc.array(branchCommand, { minLength: 1, maxLength: options.maxBranchLength }),
        {
          minLength: 2,
          maxLength: 3,
        },
      ),
    });
  });

const describeOp = (op: ParallelOp): string => `${op.label} ${op.step.description}`;

/** Why a checked history is not linearizable, for people. */
export const explain = (outcome: Extract<ParallelOutcome, { _tag: 'checked' }>): string => {
  const { verdict, history } = outcome;
  if (verdict._tag !== 'not-linearizable') return '';
  const label = (i: number) => history[i]?.op.label ?? `#${i}`;
  const lines = [
    `no order of the concurrent requests is explained by the oracle (${verdict.explored} requests judged in the search)`,
    verdict.longest.length === 0
      ? '  no request can come first after the prefix:'
      : `  the longest order it explains: ${verdict.longest.map(label).join(' → ')}; then none of the requests that may come next fits:`,
  ];
  for (const { entry, problems } of verdict.blocked) {
    const op = history[entry]?.op;
    if (op === undefined) continue;
    lines.push(`    ${describeOp(op)}`, ...problems.map((p) => `      ${p}`));
  }
  return lines.join('\n');
};

/** The real-time order of a history, for the report (`1.1 ⟂ 2.1` overlapping). */
const timeline = (history: readonly HistoryEntry<ParallelOp>[]): string => {
  const events = history
    .flatMap((h) => [
      { at: h.invoked, text: `→${h.op.label}` },
      { at: h.returned, text: `${h.op.label}→` },
    ])
    .sort((a, b) => a.at - b.at);
  return events.map((e) => e.text).join(' ');
};

const failing = (o: ParallelOutcome): boolean =>
  o._tag === 'prefix-failed' || o.verdict._tag === 'not-linearizable';

/** Runs the generated parallel cases; the first failure is shrunk and reported. */
export const runParallel = async (
  ctx: RunContext,
  parallel: ParallelOptions,
): Promise<Found & { readonly notProven: number }> => {
  const { options } = ctx;
  const searchBound = parallel.searchBound ?? 50_000;
  const attempts = Math.max(1, parallel.shrinkAttempts ?? 4);
  const caseArb = parallelCaseArb(ctx.catalogue, {
    maxPrefix: parallel.maxPrefix ?? 8,
    maxBranchLength: parallel.maxBranchLength ?? 4,
  });
  const fcPath = options.path?.split('@')[0];
  let generated = 0;
  let shrinkSteps = 0;
  let failed = false;
  let notProven = 0;
  const property = fc.asyncProperty(ctx.policiesArb, caseArb, async (policies, c) => {
    const shrinking = failed;
    const setup = ctx.runSetup(policies);
    let outcome: ParallelOutcome | undefined;
    for (let i = 0; i < (shrinking ? attempts : 1); i++) {
      outcome = await runParallelCase(ctx, setup, c.prefix, c.branches, {
        counted: !shrinking,
        searchBound,
      });
      if (failing(outcome)) break;
    }
    if (shrinking) {
      shrinkSteps += 1;
      options.onShrink?.(shrinkSteps);
    } else {
      generated += 1;
      if (outcome?._tag === 'checked' && outcome.verdict._tag === 'not-proven') notProven += 1;
      options.onProgress?.(generated, options.runs, ctx.progress());
    }
    if (outcome !== undefined && failing(outcome)) {
      failed = true;
      throw new Error(outcome._tag === 'prefix-failed' ? outcome.error : explain(outcome));
    }
  });
  const details = await fc.check(property, {
    numRuns: options.runs,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(fcPath === undefined || fcPath === '' ? {} : { path: fcPath }),
  });
  const base = { runs: details.numRuns, seed: details.seed, notProven };
  if (!details.failed || details.counterexample === null) return base;
  const [policies, shrunk] = details.counterexample;
  const setup = ctx.runSetup(policies);
  const fails = async (candidate: ParallelCase, tries: number) => {
    for (let i = 0; i < tries; i++) {
      const outcome = await runParallelCase(ctx, setup, candidate.prefix, candidate.branches, {
        counted: false,
        searchBound,
      });
      if (failing(outcome)) return outcome;
    }
    return undefined;
  };
  // Drop every prefix command, every branch beyond two and every branch
  // command the failure does not need (fast-check keeps many: a concurrent
  // failure does not show on every try), then send the case until it fails,
  // to report what it does.
  let c = shrunk;
  const attempt = async (candidate: ParallelCase): Promise<void> => {
    shrinkSteps += 1;
    options.onShrink?.(shrinkSteps);
    if ((await fails(candidate, attempts)) !== undefined) c = candidate;
  };
  for (let i = c.prefix.length - 1; i >= 0; i--) {
    await attempt({ ...c, prefix: c.prefix.filter((_, j) => j !== i) });
  }
  for (let b = c.branches.length - 1; b >= 0 && c.branches.length > 2; b--) {
    await attempt({ ...c, branches: c.branches.filter((_, k) => k !== b) });
  }
  for (let b = 0; b < c.branches.length; b++) {
    for (let i = (c.branches[b]?.length ?? 0) - 1; i >= 0; i--) {
      if ((c.branches[b]?.length ?? 0) <= 1) break;
      await attempt({
        ...c,
        branches: c.branches.map((branch, k) =>
          k === b ? branch.filter((_, j) => j !== i) : branch,
        ),
      });
    }
  }
  const outcome = await fails(c, attempts * 2);
  const path = details.counterexamplePath ?? '';
  const fallback =
    details.errorInstance instanceof Error
      ? details.errorInstance.message
      : String(details.errorInstance);
  if (outcome === undefined) {
    return {
      ...base,
      setup,
      commands: c.prefix,
      counterexample: {
        path,
        seed: details.seed,
        steps: c.prefix.map(String),
        curl: [],
        error: `${fallback}\n(the failure did not show again in ${attempts * 2} attempts)`,
      },
    };
  }
  if (outcome._tag === 'prefix-failed') {
    return {
      ...base,
      setup,
      commands: outcome.ran,
      counterexample: ctx.counterexample({
        setup,
        tokens: outcome.tokens,
        steps: outcome.prefix,
        error: outcome.error,
        seed: details.seed,
        path,
      }),
    };
  }
  const error = `${explain(outcome)}\n  real-time order: ${timeline(outcome.history)}`;
  return {
    ...base,
    setup,
    commands: outcome.ran,
    branches: outcome.branchCommands,
    counterexample: ctx.counterexample({
      setup,
      tokens: outcome.tokens,
      steps: outcome.prefix,
      branches: outcome.branches.map((b) => b.map((op) => op.step)),
      after: outcome.after.map((op) => op.step),
      error,
      seed: details.seed,
      path,
    }),
  };
};
