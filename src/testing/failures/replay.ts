/**
 * Replaying the failure database before new runs: every saved failure is
 * run again as it was saved (its setup and commands, not regenerated), and
 * reported as still failing or fixed; fixed ones are removed unless kept.
 * A parallel failure counts as fixed only when it does not show in several
 * attempts (a race may not show every time).
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import type { RunContext } from '../conformance/context.js';
import { replayCommands } from '../conformance/sequential.js';
import { runParallelCase } from '../parallel/execute.js';
import type { ReplayedFailure } from '../report.js';
import { decodeSavedFailure, type SavedRun } from './format.js';
import type { FailureStore, StoredFailure } from './store.js';

/** How often a saved parallel failure is sent before it counts as fixed. */
const parallelAttempts = 5;

/** Whether a saved run still fails against the context's system; the difference found if so. */
const stillFails = async (ctx: RunContext, run: SavedRun): Promise<string | undefined> => {
  const setup = {
    ...ctx.runSetup(run.policies, run.catalogue),
    start: run.start,
    clock: run.clock && ctx.clock,
  };
  if (run.mode === 'sequential') {
    return (await replayCommands(ctx, setup, run.commands)).error;
  }
  for (let i = 0; i < parallelAttempts; i++) {
    const outcome = await runParallelCase(ctx, setup, run.commands, run.branches, {
      counted: false,
      searchBound: 50_000,
    });
    if (outcome._tag === 'prefix-failed') return outcome.error;
    if (outcome.verdict._tag === 'not-linearizable') {
      return 'no order of the concurrent requests is explained by the oracle';
    }
  }
  return undefined;
};

const replayOne = async (
  ctx: RunContext,
  store: FailureStore,
  stored: StoredFailure,
  keepFixed: boolean,
): Promise<ReplayedFailure> => {
  if (stored.problem !== undefined) {
    return { id: stored.id, outcome: 'unreadable', error: stored.problem, deleted: false };
  }
  const decoded = decodeSavedFailure(stored.content);
  if (E.isLeft(decoded)) {
    return {
      id: stored.id,
      outcome: 'unreadable',
      error: decoded.left.join('; '),
      deleted: false,
    };
  }
  const error = await stillFails(ctx, decoded.right);
  if (error !== undefined)
    return { id: stored.id, outcome: 'still failing', error, deleted: false };
  if (!keepFixed) await store.remove(stored.id);
  return { id: stored.id, outcome: 'fixed', error: decoded.right.error, deleted: !keepFixed };
};

/** Replays every saved failure of a store, in the store's order. */
export const replayFailures = async (
  ctx: RunContext,
  store: FailureStore,
  keepFixed: boolean,
  onReplay: ((replayed: ReplayedFailure) => void) | undefined,
): Promise<readonly ReplayedFailure[]> => {
  const out: ReplayedFailure[] = [];
  for (const stored of await store.list()) {
    const replayed = await replayOne(ctx, store, stored, keepFixed);
    onReplay?.(replayed);
    out.push(replayed);
  }
  return out;
};
