/**
 * The `credential-lifecycle` command line: `serve` and `conformance`, with
 * its input and output passed in so tests run it in-process.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { either as E } from 'fp-ts';
import { isPlainObject } from '../domain/errors.js';
import { type Fault, faultNames, isFault } from '../mock/faults.js';
import { controlPath } from '../mock/paths.js';
import { credentialPath, loginPath } from '../operations/route.js';
import { applyFixture } from '../web/fixture.js';
import { MockServer } from '../web/server.js';
import { runConformanceCommand } from './conformance.js';
import { startNodeServer } from './node.js';

/**
 * What the command line reads and writes: output lines, the environment,
 * and a promise that settles when the process is asked to stop.
 *
 * @example
 * import type { CliIo } from 'credential-lifecycle/server';
 * const io: CliIo = {
 *   out: (line) => console.log(line),
 *   err: (line) => console.error(line),
 *   env: {},
 *   stopped: () => new Promise(() => {}),
 * };
 */
export interface CliIo {
  /** Writes one line to standard output. */
  readonly out: (line: string) => void;
  /** Writes one line to standard error. */
  readonly err: (line: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Settles with the signal's name when the process should stop (SIGINT, SIGTERM). */
  readonly stopped: () => Promise<string>;
}

/**
 * The usage text of the command line.
 *
 * @example
 * import { usage } from 'credential-lifecycle/server';
 * usage.includes('serve'); // true
 */
export const usage = `Usage:
  credential-lifecycle serve [--host 127.0.0.1] [--port 8080] [--fixture file.json] [--seed N] [--quiet]
      Serves the nevisIDM credential API mock (PORT and HOST environment variables also work).
      --fault NAME   TEST-ONLY deliberate defect (${faultNames.join(', ')}).
  credential-lifecycle conformance --base-url URL [--runs N] [--seed S] [--path P] [--no-clock] [--setup file.json]
      Runs the conformance command sequences against a server and compares it with the oracle.`;

const shellQuote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/** The user the banner's commands act on: the first with a password in the fixture, else the first. */
const bannerUser = (
  fixture: unknown,
): { clientExtId: string; userExtId: string; password?: string } | undefined => {
  const clients = isPlainObject(fixture) && isPlainObject(fixture.clients) ? fixture.clients : {};
  let first: { clientExtId: string; userExtId: string } | undefined;
  for (const [clientExtId, client] of Object.entries(clients)) {
    const users = isPlainObject(client) && isPlainObject(client.users) ? client.users : {};
    for (const [userExtId, user] of Object.entries(users)) {
      first ??= { clientExtId, userExtId };
      const credentials =
        isPlainObject(user) && Array.isArray(user.credentials) ? user.credentials : [];
      for (const credential of credentials) {
        if (!isPlainObject(credential) || credential.kind !== 'password') continue;
        const password = isPlainObject(credential.body) ? credential.body.password : undefined;
        if (typeof password === 'string') return { clientExtId, userExtId, password };
      }
    }
  }
  return first;
};

/**
 * The three ready-to-paste `curl` commands the server prints on start: with
 * a fixture user holding a password, create a TSP, read it and log in with
 * the password; otherwise create a user, a TSP, and read it.
 *
 * @example
 * import { exampleCommands } from 'credential-lifecycle/server';
 * exampleCommands('http://127.0.0.1:8080', undefined).length; // 3
 */
export const exampleCommands = (url: string, fixture: unknown): string[] => {
  const user = bannerUser(fixture) ?? { clientExtId: 'demo', userExtId: 'alice' };
  const json = "-H 'Content-Type: application/json'";
  const tsp = `${url}${credentialPath(user.clientExtId, user.userExtId, 'tempStrongPassword')}`;
  const create = `curl -sS -i -X POST ${shellQuote(tsp)} ${json} -d '{}'`;
  const get = `curl -sS -i ${shellQuote(tsp)}`;
  if (user.password === undefined) {
    const putUser = `curl -sS -i -X PUT ${shellQuote(`${url}${controlPath.user(user.clientExtId, user.userExtId)}`)}`;
    return [putUser, create, get];
  }
  const login = `${url}${loginPath(user.clientExtId, user.userExtId, 'password')}`;
  const body = shellQuote(JSON.stringify({ password: user.password }));
  return [create, get, `curl -sS -i -X POST ${shellQuote(login)} ${json} -d ${body}`];
};

const integer = (name: string, text: string | undefined): E.Either<string, number | undefined> => {
  if (text === undefined) return E.right(undefined);
  const value = Number(text);
  return /^-?\d+$/.test(text.trim()) && Number.isSafeInteger(value)
    ? E.right(value)
    : E.left(`${name}: expected an integer, got ${JSON.stringify(text)}`);
};

const serve = async (args: readonly string[], io: CliIo): Promise<number> => {
  const { values } = parseArgs({
    args: [...args],
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      fixture: { type: 'string' },
      seed: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      fault: { type: 'string', multiple: true },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = integer('--port', values.port ?? io.env.PORT);
  const seed = integer('--seed', values.seed);
  const faults = values.fault ?? [];
  const unknownFault = faults.find((f) => !isFault(f));
  const problems = [
    ...(E.isLeft(port) ? [port.left] : []),
    ...(E.isLeft(seed) ? [seed.left] : []),
    ...(unknownFault === undefined
      ? []
      : [`--fault: unknown fault ${unknownFault}; known: ${faultNames.join(', ')}`]),
  ];
  if (problems.length > 0 || E.isLeft(port) || E.isLeft(seed)) {
    for (const p of problems) io.err(p);
    return 2;
  }
  const mock = new MockServer({
    ...(seed.right === undefined ? {} : { seed: seed.right }),
    faults: faults.filter(isFault) satisfies Fault[],
  });
  let fixture: unknown;
  if (values.fixture !== undefined) {
    try {
      fixture = JSON.parse(fs.readFileSync(values.fixture, 'utf8'));
    } catch (error) {
      io.err(`cannot read fixture ${values.fixture}: ${(error as Error).message}`);
      return 2;
    }
    const applied = applyFixture(mock, fixture);
    if (E.isLeft(applied)) {
      io.err(`invalid fixture ${values.fixture}:`);
      for (const p of applied.left) io.err(`  ${p}`);
      return 2;
    }
  }
  // Listen for the stop signals before listening on the port: a signal sent
  // as soon as the URL line appears must stop the server, not kill the
  // process before its handlers exist.
  const stopped = io.stopped();
  const server = await startNodeServer({
    mock,
    host: values.host ?? io.env.HOST ?? '127.0.0.1',
    port: port.right ?? 8080,
    log: values.quiet ? undefined : io.out,
  });
  io.out(`credential-lifecycle mock server listening on ${server.url}`);
  if (faults.length > 0) io.out(`TEST-ONLY faults active: ${faults.join(', ')}`);
  io.out('Try:');
  for (const command of exampleCommands(server.url, fixture)) io.out(`  ${command}`);
  io.out(`Control API under ${server.url}/__mock (README.md, "Mock server"). Ctrl+C stops.`);
  const signal = await stopped;
  await server.close();
  io.err(`stopped (${signal})`);
  return 0;
};

/**
 * Runs the command line with its arguments (without `node` and the script)
 * and returns the exit code: 0 success, 1 conformance divergence, 2 usage or
 * input error.
 *
 * @example
 * ```ts
 * import { runCli } from 'credential-lifecycle/server';
 * const code = await runCli(['--help'], {
 *   out: console.log,
 *   err: console.error,
 *   env: {},
 *   stopped: () => new Promise(() => {}),
 * }); // 0
 * ```
 */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serve(rest, io);
      case 'conformance':
        return await runConformanceCommand(rest, io);
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.out(usage);
        return command === undefined ? 2 : 0;
      default:
        io.err(`unknown command ${command}\n${usage}`);
        return 2;
    }
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 2;
  }
};
