/**
 * The `conformance` command: runs the testing kit's HTTP command sequences
 * against a server and reports divergences from the oracle.
 *
 * @packageDocumentation
 */
import type { CliIo } from './command.js';

/**
 * Runs `credential-lifecycle conformance …` and returns the exit code.
 *
 * @example
 * import { runConformanceCommand } from 'credential-lifecycle/server';
 * typeof runConformanceCommand; // 'function'
 */
export const runConformanceCommand = async (
  _args: readonly string[],
  io: CliIo,
): Promise<number> => {
  io.err('conformance: the testing kit is not available yet');
  return 2;
};
