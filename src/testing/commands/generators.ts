/**
 * The command arbitraries of a conformance run, as `fc.commands` takes them.
 *
 * @packageDocumentation
 */
import type fc from 'fast-check';
import { commandMix } from './mix.js';
import type { Catalogue, ConformanceModel, ConformanceReal } from './model.js';

/**
 * The command arbitraries of a conformance run over a catalogue of names, to
 * pass to `fc.commands`: create, get, patch, delete, reset, unlock (password)
 * and login (right and wrong secrets) for the four kinds, bodies the codecs
 * reject, and clock steps.
 *
 * @example
 * import { conformanceCommands } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * const cmds = fc.commands(
 *   conformanceCommands({
 *     clientExtId: 'c1', users: [{ userExtId: 'u1' }], ghostUserExtId: 'nobody',
 *     policies: { PwdPolicy: [], TempStrongPasswordPolicy: [], TicketPolicy: [], PUKPolicy: [] },
 *   }),
 *   { maxCommands: 20 },
 * );
 * const [run] = fc.sample(cmds, { seed: 1, numRuns: 1 });
 * [...(run ?? [])].slice(0, 2).map(String);
 * // ['POST /nevisidm/api/auth/v1/c1/users/u1/password/login {"password":"<known secret>"} as admin',
 * //  'POST /nevisidm/api/core/v1/c1/users/u1/tempstrong-password {"extId":"cred-1","policyExtId":"no-such-policy"} as admin']
 */
export const conformanceCommands = (
  catalogue: Catalogue,
): fc.Arbitrary<fc.AsyncCommand<ConformanceModel, ConformanceReal>>[] => [commandMix(catalogue)];
