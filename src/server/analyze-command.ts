/**
 * The `analyze` command: what a policy means for a credential of a kind —
 * the library's `analyzePolicy` on the command line, optionally against a
 * second policy.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import { analyzePolicy } from '../reasoning/analyze.js';
import { analysisDifferences, analysisReport, comparisonReport } from '../reasoning/report.js';
import type { CliCommand } from './cli-command.js';
import { policyOptions, readKind, readKindAndPolicy, readPolicy } from './policy-input.js';

/**
 * `credential-lifecycle analyze`: prints the figures of a policy (and of a
 * second one with `--against`) as a table, or as JSON with `--json`.
 *
 * @example
 * import { analyzeCommand } from 'credential-lifecycle/server';
 * analyzeCommand.options.map((o) => o.name); // ['kind', 'policy', 'param', 'against', 'json']
 */
export const analyzeCommand: CliCommand = {
  name: 'analyze',
  synopsis: 'analyze --kind K [--policy FILE] [--param NAME=VALUE ...] [--against FILE] [--json]',
  summary: 'Computes what a policy means: guesses per hour, day and lifetime, lockout, limits.',
  options: [
    ...policyOptions,
    {
      name: 'against',
      type: 'string',
      value: 'FILE',
      default: 'none (one policy)',
      description:
        'A second policy file of the same kind, shown side by side (--param applies to the first).',
    },
    {
      name: 'json',
      type: 'boolean',
      description:
        'Prints {kind, policy, analysis} (with --against also against and differences) as JSON.',
    },
  ],
  details: [
    'Windows start at the first wrong guess and hold the instants less than an hour or a day after it; "lifetime" is the validity a creation gives. Nobody but the attacker acts. Guide: docs/reasoning-about-policies.md.',
  ],
  run: async ({ values }, io) => {
    const input = readKindAndPolicy(values, io);
    const againstFile = typeof values.against === 'string' ? values.against : undefined;
    const named = readKind(values.kind);
    const against =
      againstFile === undefined || E.isLeft(named)
        ? undefined
        : readPolicy(named.right, 'against', againstFile, []);
    const problems = [
      ...(E.isLeft(input) ? input.left : []),
      ...(against !== undefined && E.isLeft(against) ? against.left : []),
    ];
    if (E.isLeft(input) || problems.length > 0) {
      for (const problem of problems) io.err(problem);
      return 2;
    }
    const { kind, policy } = input.right;
    const analysis = analyzePolicy(kind, policy);
    if (against === undefined || E.isLeft(against)) {
      io.out(
        values.json === true
          ? JSON.stringify({ kind, policy, analysis })
          : analysisReport(kind, policy, analysis).join('\n'),
      );
      return 0;
    }
    for (const warning of against.right.warnings) io.err(`warning: ${warning}`);
    const other = against.right.policy;
    const otherAnalysis = analyzePolicy(kind, other);
    io.out(
      values.json === true
        ? JSON.stringify({
            kind,
            policy,
            analysis,
            against: { policy: other, analysis: otherAnalysis },
            differences: analysisDifferences(analysis, otherAnalysis),
          })
        : comparisonReport(kind, [policy, analysis], [other, otherAnalysis]).join('\n'),
    );
    return 0;
  },
};
