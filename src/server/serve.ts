/**
 * The `serve` command: the mock server on `node:http`, optionally loaded
 * with a fixture, printing ready-to-paste `curl` commands on start.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import { either as E } from 'fp-ts';
import { isPlainObject } from '../domain/errors.js';
import { type Fault, faultNames, isFault } from '../mock/faults.js';
import { defaultJournalLimit } from '../mock/journal.js';
import { controlPath } from '../mock/paths.js';
import type { MockStore } from '../mock/store.js';
import { credentialPath, loginPath } from '../operations/route.js';
import { defaultSchema, isSchemaName } from '../postgres/schema.js';
import { applyFixtureOrSnapshot } from '../web/fixture.js';
import { MockServer } from '../web/server.js';
import { type CliCommand, type CliIo, integerOption, shellQuote } from './cli-command.js';
import { startNodeServer } from './node.js';

/**
 * The mock's store on PostgreSQL: `credential-lifecycle/postgres` is loaded
 * only here (it loads the optional `pg`), its tables migrated; a database
 * that cannot be reached or migrated is reported and the command fails.
 */
const openDatabase = async (
  url: string,
  schema: string,
  io: CliIo,
): Promise<{ store: MockStore; close: () => Promise<void> } | 'failed'> => {
  try {
    const { connectPostgres, migrate, PostgresStore } = await import('../postgres/index.js');
    const db = await connectPostgres(url);
    try {
      await migrate(db, { schema });
    } catch (error) {
      await db.end();
      throw error;
    }
    return { store: new PostgresStore(db, { schema }), close: () => db.end() };
  } catch (error) {
    io.err(`--database: ${(error as Error).message}`);
    return 'failed';
  }
};

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

/**
 * `credential-lifecycle serve`: serves the mock until SIGINT or SIGTERM.
 *
 * @example
 * import { serveCommand } from 'credential-lifecycle/server';
 * serveCommand.options.map((o) => o.name);
 * // ['host', 'port', 'fixture', 'seed', 'journal-limit', 'quiet', 'database', 'database-schema', 'fault']
 */
export const serveCommand: CliCommand = {
  name: 'serve',
  synopsis:
    'serve [--host H] [--port N] [--fixture FILE] [--seed N] [--journal-limit N] [--quiet] [--database URL [--database-schema NAME]] [--fault NAME]',
  summary: 'Serves the nevisIDM credential API mock over HTTP until SIGINT or SIGTERM.',
  options: [
    {
      name: 'host',
      type: 'string',
      value: 'H',
      default: '$HOST, else 127.0.0.1',
      description: 'The address to listen on.',
    },
    {
      name: 'port',
      type: 'string',
      value: 'N',
      default: '$PORT, else 8080',
      description: 'The port to listen on, 0 to 65535 (0 picks a free one).',
    },
    {
      name: 'fixture',
      type: 'string',
      value: 'FILE',
      default: 'none (an empty store with the four default policies)',
      description:
        'A JSON fixture of clients, policies, users and credentials, or a state snapshot (GET /__mock/state), to load first.',
    },
    {
      name: 'seed',
      type: 'string',
      value: 'N',
      default: 'none (Web Crypto)',
      description: 'Makes generated secrets, ids and tokens reproducible.',
    },
    {
      name: 'journal-limit',
      type: 'string',
      value: 'N',
      default: String(defaultJournalLimit),
      description: 'How many requests GET /__mock/requests keeps (the oldest are dropped).',
    },
    {
      name: 'quiet',
      type: 'boolean',
      description: 'Writes no JSON log line per request.',
    },
    {
      name: 'database',
      type: 'string',
      value: 'URL',
      default: 'none (in memory, lost on exit)',
      description:
        'Keeps the mock in PostgreSQL (postgres://user@host:port/db; needs the pg package): it survives restarts, and several servers share it.',
    },
    {
      name: 'database-schema',
      type: 'string',
      value: 'NAME',
      default: defaultSchema,
      description: 'The PostgreSQL schema of the mock’s tables (created when missing).',
    },
    {
      name: 'fault',
      type: 'string',
      value: 'NAME',
      multiple: true,
      default: 'none',
      description: `TEST-ONLY: breaks the server on purpose (${faultNames.join(', ')}).`,
    },
  ],
  details: ['The control API is under /__mock (README.md, "Mock server").'],
  run: async ({ values }, io) => {
    const port = integerOption('port', values.port ?? io.env.PORT, { min: 0, max: 65_535 }, 8080);
    const seed = integerOption('seed', values.seed, {
      min: Number.MIN_SAFE_INTEGER,
      max: Number.MAX_SAFE_INTEGER,
    });
    const journalLimit = integerOption(
      'journal-limit',
      values['journal-limit'],
      { min: 0, max: 10_000_000 },
      defaultJournalLimit,
    );
    const faults = Array.isArray(values.fault) ? values.fault : [];
    const unknownFault = faults.find((f) => !isFault(f));
    const problems = [
      ...(E.isLeft(port) ? [port.left] : []),
      ...(E.isLeft(seed) ? [seed.left] : []),
      ...(E.isLeft(journalLimit) ? [journalLimit.left] : []),
      ...(unknownFault === undefined
        ? []
        : [`--fault: unknown fault ${unknownFault}; known: ${faultNames.join(', ')}`]),
    ];
    const database = typeof values.database === 'string' ? values.database : undefined;
    const schema =
      typeof values['database-schema'] === 'string' ? values['database-schema'] : defaultSchema;
    if (database !== undefined && !/^postgres(ql)?:\/\//.test(database)) {
      problems.push('--database: expected a postgres:// or postgresql:// URL');
    }
    if (!isSchemaName(schema)) {
      problems.push('--database-schema: expected lower-case letters, digits and _ (at most 63)');
    }
    if (problems.length > 0 || E.isLeft(port) || E.isLeft(seed) || E.isLeft(journalLimit)) {
      for (const p of problems) io.err(p);
      return 2;
    }
    const opened = database === undefined ? undefined : await openDatabase(database, schema, io);
    if (opened === 'failed') return 1;
    const mock = new MockServer<MockStore>({
      ...(seed.right === undefined ? {} : { seed: seed.right }),
      ...(opened === undefined ? {} : { store: opened.store }),
      faults: faults.filter(isFault) satisfies Fault[],
      journalLimit: journalLimit.right,
    });
    let fixture: unknown;
    const fixtureFile = typeof values.fixture === 'string' ? values.fixture : undefined;
    if (fixtureFile !== undefined) {
      try {
        fixture = JSON.parse(fs.readFileSync(fixtureFile, 'utf8'));
      } catch (error) {
        io.err(`--fixture: cannot read ${fixtureFile}: ${(error as Error).message}`);
        return 2;
      }
      const applied = await applyFixtureOrSnapshot(mock, fixture);
      if (E.isLeft(applied)) {
        io.err(`--fixture: invalid fixture ${fixtureFile}:`);
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
      host:
        (typeof values.host === 'string' ? values.host : undefined) ?? io.env.HOST ?? '127.0.0.1',
      port: port.right,
      log: values.quiet === true ? undefined : io.out,
    });
    io.out(`credential-lifecycle mock server listening on ${server.url}`);
    if (database !== undefined) io.out(`Store: PostgreSQL, schema ${schema}`);
    if (faults.length > 0) io.out(`TEST-ONLY faults active: ${faults.join(', ')}`);
    io.out('Try:');
    for (const command of exampleCommands(server.url, fixture)) io.out(`  ${command}`);
    io.out(`Control API under ${server.url}/__mock (README.md, "Mock server"). Ctrl+C stops.`);
    const signal = await stopped;
    await server.close();
    await opened?.close();
    io.err(`stopped (${signal})`);
    return 0;
  },
};
