/**
 * The saved form of a shrunk counterexample (version 1): the run's setup
 * and its commands as data, so that a later run replays it as it was, even
 * after the generators changed; with the seed and path that found it, the
 * requests and answers, and the replay script, for people. Decoded with
 * io-ts: a file that does not decode is reported, never thrown.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import type * as t from 'io-ts';
import { type Instant, validationEntries } from '../../index.js';
import { ApiCommand } from '../commands/api-command.js';
import { AdvanceClockCommand } from '../commands/clock-command.js';
import type { Catalogue, ConformanceCommand } from '../commands/model.js';
import type { PolicySetup } from '../oracle.js';
import {
  type BodySpecCodec,
  type CallerCodec,
  type SavedCommand,
  SavedFailureCodec,
} from './codec.js';

/**
 * The run a saved failure replays: its setup, and its commands as command
 * objects again.
 *
 * @example
 * import type { SavedRun } from 'credential-lifecycle/testing';
 * const length = (r: SavedRun) => r.commands.length;
 */
export interface SavedRun {
  readonly mode: 'sequential' | 'parallel';
  readonly catalogue: Catalogue;
  readonly policies: readonly PolicySetup[];
  readonly start: Instant;
  readonly clock: boolean;
  readonly commands: readonly ConformanceCommand[];
  readonly branches: readonly (readonly ConformanceCommand[])[];
  /** The difference it was saved with. */
  readonly error: string;
}

type SavedCommandData = t.TypeOf<typeof SavedCommand>;

/**
 * A command as data (`undefined` for a command the kit does not know).
 *
 * @example
 * import { AdvanceClockCommand, savedCommandOf } from 'credential-lifecycle/testing';
 * savedCommandOf(new AdvanceClockCommand(1_000)); // { _tag: 'clock', ms: 1000 }
 */
export const savedCommandOf = (command: unknown): SavedCommandData | undefined => {
  if (command instanceof AdvanceClockCommand) return { _tag: 'clock', ms: command.ms };
  if (command instanceof ApiCommand) {
    return {
      _tag: 'api',
      userExtId: command.userExtId,
      kind: command.kind,
      action: command.action,
      caller: command.caller as t.TypeOf<typeof CallerCodec>,
      body: command.body as t.TypeOf<typeof BodySpecCodec>,
      precondition: command.precondition,
    };
  }
  return undefined;
};

const commandOf = (clientExtId: string, data: SavedCommandData): ConformanceCommand =>
  data._tag === 'clock'
    ? new AdvanceClockCommand(data.ms)
    : new ApiCommand(
        clientExtId,
        data.userExtId,
        data.kind,
        data.action,
        data.caller,
        data.body,
        data.precondition,
      );

const namesOf = (policies: readonly PolicySetup[], type: PolicySetup['type']): string[] =>
  policies.filter((p) => p.type === type).map((p) => p.extId);

/**
 * Decodes a saved failure (parsed JSON) into the run it replays, or the
 * problems found, one line each naming the field.
 *
 * @example
 * import { decodeSavedFailure } from 'credential-lifecycle/testing';
 * decodeSavedFailure({ formatVersion: 2 }); // left(['$.formatVersion: …', …])
 */
export const decodeSavedFailure = (json: unknown): E.Either<readonly string[], SavedRun> => {
  const decoded = SavedFailureCodec.decode(json);
  if (E.isLeft(decoded)) {
    return E.left(validationEntries(decoded.left, 'invalid').map((e) => e.message));
  }
  const f = decoded.right;
  const { setup } = f;
  const catalogue: Catalogue = {
    clientExtId: setup.clientExtId,
    users: setup.users,
    ghostUserExtId: setup.ghostUserExtId,
    policies: {
      PwdPolicy: namesOf(setup.policies, 'PwdPolicy'),
      TempStrongPasswordPolicy: namesOf(setup.policies, 'TempStrongPasswordPolicy'),
      TicketPolicy: namesOf(setup.policies, 'TicketPolicy'),
      PUKPolicy: namesOf(setup.policies, 'PUKPolicy'),
    },
  };
  return E.right({
    mode: f.mode,
    catalogue,
    policies: setup.policies,
    start: setup.start,
    clock: setup.clock,
    commands: f.commands.map((c) => commandOf(setup.clientExtId, c)),
    branches: (f.branches ?? []).map((b) => b.map((c) => commandOf(setup.clientExtId, c))),
    error: f.error,
  });
};

/**
 * A short, stable id of a saved failure: its mode and a hash of its setup
 * and commands (the same counterexample found twice is saved once).
 *
 * @example
 * import { failureId } from 'credential-lifecycle/testing';
 * failureId({ mode: 'sequential', setup: {}, commands: [] }); // 'sequential-…' (8 hex digits)
 */
export const failureId = (failure: {
  readonly mode: string;
  readonly setup: unknown;
  readonly commands: unknown;
  readonly branches?: unknown;
}): string => {
  const text = JSON.stringify([failure.setup, failure.commands, failure.branches ?? null]);
  // FNV-1a, 32 bits: enough to tell saved failures apart, and stable.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${failure.mode}-${hash.toString(16).padStart(8, '0')}`;
};
