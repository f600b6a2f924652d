/**
 * The `conformance` command: probes the server, replays saved failures,
 * runs the testing kit's command sequences (or parallel runs) against it,
 * reports divergences from the oracle and the model coverage, and writes
 * the JSON and JUnit reports.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import { either as E } from 'fp-ts';
import type { ConformanceReport, ConformanceSetup } from '../testing/report.js';
import { type CliCommand, type CliIo, integerOption } from './cli-command.js';
import { ProgressDisplay, reportLines } from './conformance-output.js';
import { decodeSetup } from './conformance-setup.js';
import { directoryFailureStore } from './failure-directory.js';
import { nodeHttpSystem } from './http-system.js';

type Kit = typeof import('../testing/index.js');

/** Loaded only here: `serve` must not need the testing kit's dependencies. */
const loadKit = async (io: CliIo): Promise<Kit | undefined> => {
  try {
    return await import('../testing/index.js');
  } catch (error) {
    io.err(
      `conformance: the testing kit could not be loaded (${error instanceof Error ? error.message : String(error)}); it needs fast-check 4: npm install --save-dev fast-check@4`,
    );
    return undefined;
  }
};

const stringOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * `credential-lifecycle conformance`: runs random command sequences against a
 * server and compares every answer with the oracle. Exit 0 when the server
 * agrees; 1 on a divergence, a saved failure still failing, a parallel run
 * not proven or coverage below `--min-transition-coverage`; 2 on a usage
 * error or when the target cannot be tested (it is probed first).
 *
 * @example
 * import { conformanceCommand } from 'credential-lifecycle/server';
 * conformanceCommand.options.find((o) => o.name === 'runs')?.default; // '100'
 */
export const conformanceCommand: CliCommand = {
  name: 'conformance',
  synopsis:
    'conformance --base-url URL [--runs N] [--seed S] [--path P] [--no-clock] [--setup FILE] [--parallel] [--failures DIR [--keep-fixed]] [--report FILE] [--junit FILE] [--min-transition-coverage P] [--quiet]',
  summary:
    'Runs random command sequences against a nevisIDM-compatible server and compares every answer with the oracle.',
  options: [
    {
      name: 'base-url',
      type: 'string',
      value: 'URL',
      required: true,
      description: 'The server to test, e.g. http://127.0.0.1:8080.',
    },
    {
      name: 'runs',
      type: 'string',
      value: 'N',
      default: '100',
      description: 'How many random command sequences to run (at least 1).',
    },
    {
      name: 'seed',
      type: 'string',
      value: 'S',
      default: 'random',
      description: 'The seed of the generator; with --path it replays one failing run.',
    },
    {
      name: 'path',
      type: 'string',
      value: 'P',
      default: 'none (new sequences)',
      description:
        'The shrink path of a failing run, as printed with its replay line; used with --seed.',
    },
    {
      name: 'no-clock',
      type: 'boolean',
      description:
        "Leaves the server's clock alone: the oracle reads the time from each answer's Date header and no command waits for a lock to end.",
    },
    {
      name: 'setup',
      type: 'string',
      value: 'FILE',
      default: 'none (each run is prepared through /__mock)',
      description:
        'A JSON file naming an existing client, users (with self-admin tokens) and policies, for a server without the /__mock control API.',
    },
    {
      name: 'parallel',
      type: 'boolean',
      description:
        'Parallel runs: a sequential prefix, then 2-3 branches sent concurrently over connections of their own, checked for linearizability.',
    },
    {
      name: 'failures',
      type: 'string',
      value: 'DIR',
      default: 'none (nothing saved or replayed)',
      description:
        'A failure database: saved counterexamples are replayed first (still failing or fixed), and a new one is saved there as JSON.',
    },
    {
      name: 'keep-fixed',
      type: 'boolean',
      description:
        'With --failures: keep saved failures that no longer fail (otherwise they are deleted).',
    },
    {
      name: 'report',
      type: 'string',
      value: 'FILE',
      default: 'none',
      description:
        'Writes the coverage and the outcome as versioned JSON (formatVersion, runs, commands, per kind states and transitions with counts, uncovered).',
    },
    {
      name: 'junit',
      type: 'string',
      value: 'FILE',
      default: 'none',
      description: 'Writes the outcome as JUnit XML, for CI systems.',
    },
    {
      name: 'min-transition-coverage',
      type: 'string',
      value: 'P',
      default: 'none (no threshold)',
      description:
        'Exit 1 when fewer than P percent of the reachable transitions were exercised (a whole number from 0 to 100).',
    },
    {
      name: 'quiet',
      type: 'boolean',
      description: 'Prints only the summary: no progress on standard error.',
    },
  ],
  details: [
    'Without --setup the runner prepares each run through the /__mock control API (reset, users, policies, clock).',
    'A --setup file reads {"clientExtId", "users": [{"userExtId", "loginId"?, "token"?}], "policies"?: [{"extId", "type", "isDefault", "parameters"}], "ghostUserExtId"?, "start"?}.',
    'Before anything is generated the base URL is probed; a refused connection, a failed DNS lookup, a TLS error or an answer not shaped like nevisIDM ends the command with exit code 2.',
  ],
  run: async ({ values }, io) => {
    const baseUrl = stringOf(values['base-url']);
    const runs = integerOption('runs', values.runs, { min: 1 }, 100);
    const seed = integerOption('seed', values.seed, { min: -(2 ** 31), max: 2 ** 31 - 1 });
    const minCoverage = integerOption(
      'min-transition-coverage',
      values['min-transition-coverage'],
      {
        min: 0,
        max: 100,
      },
    );
    const setupFile = stringOf(values.setup);
    const path = stringOf(values.path);
    const noClock = values['no-clock'] === true;
    const quiet = values.quiet === true;
    const failuresDir = stringOf(values.failures);
    const problems = [
      ...(baseUrl === undefined || !/^https?:\/\/[^/]/.test(baseUrl)
        ? ['--base-url: expected an http(s) URL']
        : []),
      ...(E.isLeft(runs) ? [runs.left] : []),
      ...(E.isLeft(seed) ? [seed.left] : []),
      ...(E.isLeft(minCoverage) ? [minCoverage.left] : []),
      ...(values['keep-fixed'] === true && failuresDir === undefined
        ? ['--keep-fixed: needs --failures DIR']
        : []),
    ];
    let setup: ConformanceSetup | undefined;
    if (setupFile !== undefined) {
      try {
        const decoded = decodeSetup(JSON.parse(fs.readFileSync(setupFile, 'utf8')));
        if (Array.isArray(decoded)) problems.push(...decoded.map((p) => `--setup ${p}`));
        else setup = decoded;
      } catch (error) {
        problems.push(`--setup: cannot read ${setupFile}: ${(error as Error).message}`);
      }
    }
    if (
      problems.length > 0 ||
      baseUrl === undefined ||
      E.isLeft(runs) ||
      E.isLeft(seed) ||
      E.isLeft(minCoverage)
    ) {
      for (const p of problems) io.err(p);
      return 2;
    }
    const kit = await loadKit(io);
    if (kit === undefined) return 2;
    const system = nodeHttpSystem(baseUrl, { control: setup === undefined });
    try {
      const probe = await kit.probeTarget(system, {
        clientExtId: setup?.clientExtId ?? 'conformance',
        ghostUserExtId: setup?.ghostUserExtId ?? 'no-such-user',
        control: setup === undefined,
      });
      if (!probe.ok) {
        io.err(`conformance: cannot test ${baseUrl}: ${probe.cause}`);
        return 2;
      }
      const progress = new ProgressDisplay(io, { quiet, now: () => performance.now() });
      let report: ConformanceReport;
      try {
        report = await kit.runConformance({
          system,
          runs: runs.right,
          clock: !noClock,
          ...(seed.right === undefined ? {} : { seed: seed.right }),
          ...(path === undefined ? {} : { path }),
          ...(setup === undefined ? {} : { setup }),
          ...(values.parallel === true ? { parallel: true } : {}),
          ...(failuresDir === undefined
            ? {}
            : {
                failures: directoryFailureStore(failuresDir),
                keepFixed: values['keep-fixed'] === true,
              }),
          onProgress: (done, total, p) => progress.runs(done, total, p),
          onShrink: (step) => progress.shrink(step),
        });
      } catch (error) {
        io.err(
          `conformance: could not run: ${error instanceof Error ? error.message : String(error)}`,
        );
        return 2;
      }
      const replayArgs = [
        '--base-url',
        baseUrl,
        ...(noClock ? ['--no-clock'] : []),
        ...(values.parallel === true ? ['--parallel'] : []),
        ...(setupFile === undefined ? [] : ['--setup', setupFile]),
      ];
      const coverage = report.coverage === undefined ? [] : kit.coverageSummary(report.coverage);
      for (const line of reportLines(report, replayArgs, coverage)) io.out(line);
      const reportFile = stringOf(values.report);
      if (reportFile !== undefined) fs.writeFileSync(reportFile, kit.coverageReportJson(report));
      const junitFile = stringOf(values.junit);
      if (junitFile !== undefined) {
        fs.writeFileSync(
          junitFile,
          kit.junitXml(
            report,
            minCoverage.right === undefined ? {} : { minTransitionCoverage: minCoverage.right },
          ),
        );
      }
      const belowMinimum =
        minCoverage.right !== undefined &&
        report.coverage !== undefined &&
        report.coverage.transitions.percent < minCoverage.right;
      if (belowMinimum) {
        io.out(
          `conformance: transition coverage ${report.coverage?.transitions.percent} % is below --min-transition-coverage ${minCoverage.right} %`,
        );
      }
      const stillFailing = (report.replayed ?? []).some((r) => r.outcome === 'still failing');
      return report.failures === 0 &&
        !stillFailing &&
        (report.notProven ?? 0) === 0 &&
        !belowMinimum
        ? 0
        : 1;
    } finally {
      system.close();
    }
  },
};
