/**
 * The `conformance` command: runs the testing kit's HTTP command sequences
 * against a server and reports divergences from the oracle.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import { either as E, option as O } from 'fp-ts';
import { isPlainObject } from '../domain/errors.js';
import { parseInstant } from '../domain/instant.js';
import { PolicyType } from '../policy/policy.js';
import type { ConformanceReport, ConformanceSetup } from '../testing/report.js';
import { type CliCommand, integerOption, shellQuote } from './cli-command.js';

const isStringMap = (u: unknown): u is Readonly<Record<string, string>> =>
  isPlainObject(u) && Object.values(u).every((v) => typeof v === 'string');

/**
 * Reads a `--setup` file: `{"clientExtId", "users": [{"userExtId", "loginId"?,
 * "token"?}], "policies"?: [{"extId", "type", "isDefault", "parameters"}],
 * "ghostUserExtId"?, "start"?: "<instant>"}`. Returns the setup or the
 * problems found, one line each.
 *
 * @example
 * import { decodeSetup } from 'credential-lifecycle/server';
 * decodeSetup({ clientExtId: 'acme', users: [{ userExtId: 'u-1' }] });
 * // { clientExtId: 'acme', users: [{ userExtId: 'u-1' }] }
 */
export const decodeSetup = (input: unknown): ConformanceSetup | string[] => {
  if (!isPlainObject(input)) return ['$: expected an object'];
  const problems: string[] = [];
  const { clientExtId, users, policies, ghostUserExtId, start } = input;
  if (typeof clientExtId !== 'string' || clientExtId === '') {
    problems.push('$.clientExtId: expected a non-empty string');
  }
  const decodedUsers: { userExtId: string; loginId?: string; token?: string }[] = [];
  if (!Array.isArray(users) || users.length === 0) {
    problems.push('$.users: expected a non-empty array');
  } else {
    for (const [i, u] of users.entries()) {
      const ok =
        isPlainObject(u) &&
        typeof u.userExtId === 'string' &&
        (u.loginId === undefined || typeof u.loginId === 'string') &&
        (u.token === undefined || typeof u.token === 'string');
      if (!ok || typeof u.userExtId !== 'string') {
        problems.push(`$.users[${i}]: expected {userExtId, loginId?, token?} with string values`);
        continue;
      }
      decodedUsers.push({
        userExtId: u.userExtId,
        ...(typeof u.loginId === 'string' ? { loginId: u.loginId } : {}),
        ...(typeof u.token === 'string' ? { token: u.token } : {}),
      });
    }
  }
  const decodedPolicies: NonNullable<ConformanceSetup['policies']>[number][] = [];
  if (policies !== undefined) {
    if (!Array.isArray(policies)) problems.push('$.policies: expected an array');
    else {
      for (const [i, p] of policies.entries()) {
        if (
          !isPlainObject(p) ||
          typeof p.extId !== 'string' ||
          !PolicyType.is(p.type) ||
          typeof p.isDefault !== 'boolean' ||
          !isStringMap(p.parameters)
        ) {
          problems.push(
            `$.policies[${i}]: expected {extId, type, isDefault, parameters: {string: string}}`,
          );
          continue;
        }
        decodedPolicies.push({
          extId: p.extId,
          type: p.type,
          isDefault: p.isDefault,
          parameters: p.parameters,
        });
      }
    }
  }
  if (ghostUserExtId !== undefined && typeof ghostUserExtId !== 'string') {
    problems.push('$.ghostUserExtId: expected a string');
  }
  const startAt = typeof start === 'string' ? O.toUndefined(parseInstant(start)) : undefined;
  if (start !== undefined && startAt === undefined) {
    problems.push('$.start: expected an ISO-8601 instant');
  }
  if (problems.length > 0 || typeof clientExtId !== 'string') return problems;
  return {
    clientExtId,
    users: decodedUsers,
    ...(policies === undefined ? {} : { policies: decodedPolicies }),
    ...(typeof ghostUserExtId === 'string' ? { ghostUserExtId } : {}),
    ...(startAt === undefined ? {} : { start: startAt }),
  };
};

/**
 * The lines a conformance report prints: the summary, and for a divergence
 * the error, the shrunk steps, the `curl` lines and how to replay it.
 *
 * @example
 * import { reportLines } from 'credential-lifecycle/server';
 * reportLines({ runs: 10, commands: 200, failures: 0, seed: 1 }, []);
 * // ['conformance: 10 runs, 200 commands, 0 failures (seed 1)']
 */
export const reportLines = (report: ConformanceReport, replayArgs: readonly string[]): string[] => {
  const summary = `conformance: ${report.runs} runs, ${report.commands} commands, ${report.failures} failures (seed ${report.seed})`;
  const c = report.counterexample;
  if (c === undefined) return [summary];
  return [
    summary,
    '',
    'Divergence from the oracle:',
    ...c.error.split('\n').map((l) => `  ${l}`),
    '',
    `Shrunk failing sequence (${c.steps.length} steps):`,
    ...c.steps.map((s, i) => `  ${i + 1}. ${s}`),
    '',
    'As curl commands:',
    ...c.curl.map((l) => `  ${l}`),
    '',
    'Replay with:',
    `  credential-lifecycle conformance ${[...replayArgs, '--seed', String(c.seed), '--path', c.path].map((a) => (/^[\w./:=-]+$/.test(a) ? a : shellQuote(a))).join(' ')}`,
  ];
};

/**
 * `credential-lifecycle conformance`: runs random command sequences against a
 * server and compares every answer with the oracle. Exit 0 when the server
 * agrees, 1 on a divergence, 2 on a usage error or when the run could not be
 * carried out.
 *
 * @example
 * import { conformanceCommand } from 'credential-lifecycle/server';
 * conformanceCommand.options.find((o) => o.name === 'runs')?.default; // '100'
 */
export const conformanceCommand: CliCommand = {
  name: 'conformance',
  synopsis:
    'conformance --base-url URL [--runs N] [--seed S] [--path P] [--no-clock] [--setup FILE]',
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
  ],
  details: [
    'Without --setup the runner prepares each run through the /__mock control API (reset, users, policies, clock).',
    'A --setup file reads {"clientExtId", "users": [{"userExtId", "loginId"?, "token"?}], "policies"?: [{"extId", "type", "isDefault", "parameters"}], "ghostUserExtId"?, "start"?}.',
  ],
  run: async ({ values }, io) => {
    const baseUrl = typeof values['base-url'] === 'string' ? values['base-url'] : undefined;
    const runs = integerOption('runs', values.runs, { min: 1 }, 100);
    const seed = integerOption('seed', values.seed, { min: -(2 ** 31), max: 2 ** 31 - 1 });
    const setupFile = typeof values.setup === 'string' ? values.setup : undefined;
    const path = typeof values.path === 'string' ? values.path : undefined;
    const noClock = values['no-clock'] === true;
    const problems = [
      ...(baseUrl === undefined || !/^https?:\/\//.test(baseUrl)
        ? ['--base-url: expected an http(s) URL']
        : []),
      ...(E.isLeft(runs) ? [runs.left] : []),
      ...(E.isLeft(seed) ? [seed.left] : []),
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
    if (problems.length > 0 || baseUrl === undefined || E.isLeft(runs) || E.isLeft(seed)) {
      for (const p of problems) io.err(p);
      return 2;
    }
    // Loaded only here: `serve` must not need the testing kit's dependencies.
    let kit: typeof import('../testing/index.js');
    try {
      kit = await import('../testing/index.js');
    } catch (error) {
      io.err(
        `conformance: the testing kit could not be loaded (${error instanceof Error ? error.message : String(error)}); it needs fast-check 4: npm install --save-dev fast-check@4`,
      );
      return 2;
    }
    const { httpSystem, runConformance } = kit;
    const system = httpSystem(baseUrl, { control: setup === undefined });
    const total = runs.right;
    const every = Math.max(1, Math.floor(total / 20));
    let shown = 0;
    let generated = 0;
    let report: ConformanceReport;
    try {
      report = await runConformance({
        system,
        runs: total,
        clock: !noClock,
        ...(seed.right === undefined ? {} : { seed: seed.right }),
        ...(path === undefined ? {} : { path }),
        ...(setup === undefined ? {} : { setup }),
        onProgress: (done, all) => {
          generated = done;
          if (done === shown || (done % every !== 0 && done !== all)) return;
          shown = done;
          io.err(`conformance: ${done}/${all} runs`);
        },
        onShrink: (step) => {
          // The failing run ends generation: show where it stopped, then the shrinking.
          if (step === 1 && generated !== shown) io.err(`conformance: ${generated}/${total} runs`);
          if (step === 1 || step % 10 === 0) io.err(`conformance: shrinking… step ${step}`);
        },
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
      ...(setupFile === undefined ? [] : ['--setup', setupFile]),
    ];
    for (const line of reportLines(report, replayArgs)) io.out(line);
    return report.failures === 0 && report.counterexample === undefined ? 0 : 1;
  },
};
