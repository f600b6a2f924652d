/**
 * The `explain` command: what happens to a credential, step by step, under a
 * policy — the library's `explain` on the command line.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import { explain } from '../reasoning/explain.js';
import { explanationTable, rulesLine } from '../reasoning/report.js';
import { stepDescriptions, stepNames } from '../reasoning/script.js';
import type { CliCommand } from './cli-command.js';
import { policyOptions, readKindAndPolicy } from './policy-input.js';

/**
 * `credential-lifecycle explain`: prints the timeline of a script as a table,
 * or as JSON with `--json`.
 *
 * @example
 * import { explainCommand } from 'credential-lifecycle/server';
 * explainCommand.options.map((o) => o.name); // ['kind', 'policy', 'param', 'json']
 */
export const explainCommand: CliCommand = {
  name: 'explain',
  synopsis: 'explain --kind K [--policy FILE] [--param NAME=VALUE ...] [--json] "SCRIPT"',
  summary: 'Shows what happens to a credential, step by step, under a policy.',
  options: [
    ...policyOptions,
    {
      name: 'json',
      type: 'boolean',
      description: 'Prints {kind, policy, steps} as JSON instead of a table.',
    },
  ],
  positionals: [
    ['SCRIPT', 'The steps, e.g. "fail fail wait 60s fail" (several words are joined).'],
  ],
  details: [
    [
      'Steps:',
      ...stepNames.map(
        (n) => `  ${(n === 'wait' ? 'wait D' : n).padEnd(15)}${stepDescriptions[n]}`,
      ),
    ].join('\n'),
    'Durations: 30s, 5m, 2h, 1d, 250ms, 1h30m or a number of milliseconds. Repeat a step or a group: fail*3, (fail wait 1m)*5. The credential starts as its create makes it, at 0; time passes only in wait steps. Guide: docs/reasoning-about-policies.md.',
  ],
  run: async ({ values, positionals }, io) => {
    const input = readKindAndPolicy(values, io);
    if (E.isLeft(input)) {
      for (const problem of input.left) io.err(problem);
      return 2;
    }
    const { kind, policy } = input.right;
    const explained = explain(kind, policy, positionals.join(' '));
    if (E.isLeft(explained)) {
      io.err(`script: ${explained.left.message}`);
      return 2;
    }
    if (values.json === true) {
      io.out(JSON.stringify(explained.right));
      return 0;
    }
    io.out(`${kind} under policy ${policy.extId}`);
    io.out(`rules: ${rulesLine(policy)}`);
    io.out('');
    for (const line of explanationTable(explained.right)) io.out(line);
    return 0;
  },
};
