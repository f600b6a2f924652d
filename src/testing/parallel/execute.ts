/**
 * One parallel run: the prefix sent in order and judged as usual, then the
 * branches sent concurrently (each over its own connection when the system
 * offers one) with every request's invocation and response recorded on one
 * logical clock, then a read-back of the credentials the branches touched.
 * The history is then checked for linearizability against the oracle, from
 * the state it reached after the prefix.
 *
 * @packageDocumentation
 */
import { type CredentialKind, credentialKinds, credentialPath } from '../../index.js';
import { ApiCommand } from '../commands/api-command.js';
import { describeRequest } from '../commands/describe.js';
import { judgeInModel } from '../commands/judge.js';
import type { ConformanceCommand, ConformanceModel, SentStep } from '../commands/model.js';
import type { RunSetup } from '../commands/prepare.js';
import type { RunContext } from '../conformance/context.js';
import type { SutRequest, SutResponse } from '../system.js';
import {
  checkLinearizable,
  type HistoryEntry,
  type LinearizabilityModel,
  type LinearizabilityVerdict,
} from './linearizability.js';

/** One request of the concurrent part, as recorded. */
export interface ParallelOp {
  /** `1.2` (branch 1, request 2), or `read-back 3`. */
  readonly label: string;
  readonly step: SentStep;
}

/** What a parallel run gave. */
export type ParallelOutcome =
  | {
      readonly _tag: 'prefix-failed';
      readonly error: string;
      readonly prefix: readonly SentStep[];
      readonly ran: readonly ConformanceCommand[];
      readonly tokens: ReadonlyMap<string, string>;
    }
  | {
      readonly _tag: 'checked';
      readonly verdict: LinearizabilityVerdict;
      readonly prefix: readonly SentStep[];
      readonly ran: readonly ConformanceCommand[];
      readonly branches: readonly (readonly ParallelOp[])[];
      readonly branchCommands: readonly (readonly ConformanceCommand[])[];
      readonly after: readonly ParallelOp[];
      readonly history: readonly HistoryEntry<ParallelOp>[];
      readonly tokens: ReadonlyMap<string, string>;
    };

/** The oracle of a run as the search's sequential model (without coverage). */
const searchModel = (m: ConformanceModel): LinearizabilityModel<unknown, ParallelOp> => {
  const { coverage: _, ...quiet } = m;
  return {
    apply: (op) =>
      op.step.answer === undefined
        ? ['no answer']
        : judgeInModel(quiet, op.step.request, op.step.answer).problems,
    snapshot: () => m.oracle.snapshot(),
    restore: (s) => m.oracle.restore(s as ReturnType<typeof m.oracle.snapshot>),
    key: () => m.oracle.stateKey(),
  };
};

/** The credentials the branches' commands are about (of the catalogue's users). */
const touched = (
  users: readonly string[],
  branches: readonly (readonly ConformanceCommand[])[],
): { user: string; kind: CredentialKind }[] => {
  const seen = new Set<string>();
  for (const branch of branches) {
    for (const c of branch) {
      if (c instanceof ApiCommand && users.includes(c.userExtId)) {
        seen.add(`${c.userExtId} ${c.kind}`);
        // A successful password login consumes the user's TSP and ticket.
        if (c.kind === 'password' && c.action === 'login') {
          seen.add(`${c.userExtId} tempStrongPassword`);
          seen.add(`${c.userExtId} ticket`);
        }
      }
    }
  }
  return users.flatMap((user) =>
    credentialKinds.filter((kind) => seen.has(`${user} ${kind}`)).map((kind) => ({ user, kind })),
  );
};

/** Runs one parallel case and checks its history. */
export const runParallelCase = async (
  ctx: RunContext,
  setup: RunSetup,
  prefix: readonly ConformanceCommand[],
  branches: readonly (readonly ConformanceCommand[])[],
  options: { readonly counted: boolean; readonly searchBound: number },
): Promise<ParallelOutcome> => {
  const { model, real } = await ctx.prepare(setup, options.counted);
  const ran: ConformanceCommand[] = [];
  try {
    for (const command of prefix) {
      if (!command.check(model)) continue;
      ran.push(command);
      await command.run(model, real);
    }
  } catch (e) {
    ctx.commands += real.sent.length;
    return {
      _tag: 'prefix-failed',
      error: e instanceof Error ? e.message : String(e),
      prefix: real.sent,
      ran,
      tokens: model.tokens,
    };
  }
  ctx.commands += real.sent.length;
  // Every branch request is built now, from the state after the prefix.
  const branchCommands = branches.map((branch) =>
    branch.filter((c): c is ApiCommand => c instanceof ApiCommand && c.check(model)),
  );
  const planned = branchCommands.map((branch) =>
    branch.map((c) => ({ request: c.request(model), command: c })),
  );
  const history: HistoryEntry<ParallelOp>[] = [];
  let tick = 0;
  const record = async (
    send: (r: SutRequest) => Promise<SutResponse>,
    label: string,
    request: SutRequest,
    describe: string,
    learnt: readonly string[],
  ): Promise<ParallelOp> => {
    const invoked = tick++;
    const answer = await send(request);
    const returned = tick++;
    const op: ParallelOp = { label, step: { description: describe, request, learnt, answer } };
    history.push({ op, invoked, returned });
    return op;
  };
  const system = ctx.system;
  const sent = await Promise.all(
    planned.map(async (branch, b) => {
      const send = system.connect?.() ?? system.send;
      const ops: ParallelOp[] = [];
      for (const [i, { request, command }] of branch.entries()) {
        ops.push(
          await record(
            send,
            `${b + 1}.${i + 1}`,
            request,
            describeRequest(request, command.caller, command.learnt),
            command.learnt,
          ),
        );
      }
      return ops;
    }),
  );
  const after: ParallelOp[] = [];
  const users = setup.catalogue.users.map((u) => u.userExtId);
  for (const [i, { user, kind }] of touched(users, branchCommands).entries()) {
    const request: SutRequest = {
      method: 'GET',
      path: credentialPath(setup.catalogue.clientExtId, user, kind),
    };
    after.push(
      await record(
        system.send,
        `read-back ${i + 1}`,
        request,
        describeRequest(request, { _tag: 'admin' }),
        [],
      ),
    );
  }
  ctx.commands += history.length;
  const verdict = checkLinearizable(searchModel(model), history, options.searchBound);
  if (verdict._tag === 'linearizable' && model.coverage !== undefined) {
    // Count the concurrent requests in the order that explains them.
    for (const index of verdict.order) {
      const op = history[index]?.op;
      if (op?.step.answer !== undefined) judgeInModel(model, op.step.request, op.step.answer);
    }
  }
  return {
    _tag: 'checked',
    verdict,
    prefix: real.sent,
    ran,
    branches: sent,
    branchCommands,
    after,
    history,
    tokens: model.tokens,
  };
};
