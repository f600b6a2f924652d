/**
 * Property: after every step of random command sequences (the conformance
 * runner's own commands, over HTTP, on the PostgreSQL store), no plaintext
 * secret appears in the stored rows of any of the store's tables: no password,
 * Temporary Strong Password, ticket or PUK, whether a request gave it (create,
 * change, every login guess) or an answer handed out a generated one (create,
 * reset). The rows are read as the database holds them (`row_to_json` of
 * every row of every table of the store's schema).
 *
 * The check is by substring in every string the rows hold. Hashes are random
 * base64, so a short secret (below 10 characters, e.g. a numeric PUK) could
 * turn up inside one by chance: such a secret must not be a stored string
 * and must not occur in any string that is not a hash (`{…}…` or `$…`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/postgres/store.js';
import { nodeHttpSystem } from '../../src/server/http-system.js';
import { startNodeServer } from '../../src/server/node.js';
import { runConformance, type SystemUnderTest } from '../../src/testing/index.js';
import { MockServer } from '../../src/web/server.js';
import { openTestDatabase, type TestDatabase } from './support.js';

let test: TestDatabase;

beforeAll(async () => {
  test = await openTestDatabase('plaintext');
}, 120_000);

afterAll(async () => {
  await test?.close();
});

const secretField = /password|ticket|puk|tempstrong/i;
const looksHashed = (s: string): boolean => /^(\{[A-Z0-9-]+\}|\$)/.test(s);

/** The strings under secret-named fields of a body, at any depth. */
const secretsIn = (value: unknown, underSecretField = false, found: string[] = []): string[] => {
  if (typeof value === 'string') {
    if (underSecretField && value !== '' && !looksHashed(value)) found.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) secretsIn(item, underSecretField, found);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      secretsIn(item, underSecretField || secretField.test(key), found);
    }
  }
  return found;
};

/** Every string value a JSON value holds (keys too), at any depth. */
const stringsIn = (value: unknown, found: string[] = []): string[] => {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, found);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      found.push(key);
      stringsIn(item, found);
    }
  }
  return found;
};

/** Every row of every table of the schema, as JSON. */
const storedStrings = async (): Promise<string[]> => {
  const tables = await test.db.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1`,
    [test.schema],
  );
  const strings: string[] = [];
  for (const { table_name } of tables.rows) {
    const { rows } = await test.db.query(
      `SELECT row_to_json(t)::text AS row FROM ${test.schema}.${String(table_name)} AS t`,
    );
    for (const { row } of rows) stringsIn(JSON.parse(String(row)), strings);
  }
  return strings;
};

const leaksOf = (secrets: ReadonlySet<string>, stored: readonly string[]): string[] =>
  [...secrets].filter((secret) =>
    stored.some((s) =>
      secret.length >= 10
        ? s.includes(secret)
        : s === secret || (!looksHashed(s) && s.includes(secret)),
    ),
  );

describe('no plaintext secret in the PostgreSQL store', () => {
  it('after every step of 40 random command sequences', async () => {
    const store = new PostgresStore(test.db, { schema: test.schema });
    const server = await startNodeServer({
      mock: new MockServer({ store, seed: 9 }),
      port: 0,
      log: undefined,
    });
    const http = nodeHttpSystem(server.url);
    const secrets = new Set<string>();
    const leaks: string[] = [];
    let steps = 0;
    const system: SystemUnderTest = {
      ...http,
      send: async (request) => {
        const response = await http.send(request);
        for (const s of [...secretsIn(request.body), ...secretsIn(response.body)]) secrets.add(s);
        steps++;
        for (const leak of leaksOf(secrets, await storedStrings())) {
          leaks.push(`${request.method} ${request.path}: ${leak}`);
        }
        return response;
      },
    };
    try {
      const report = await runConformance({
        system,
        runs: 40,
        clock: true,
        seed: 21,
        maxCommands: 30,
      });
      expect(report.failures).toBe(0);
    } finally {
      http.close();
      await server.close();
    }
    expect(leaks).toEqual([]);
    // Not vacuous: secrets were given and generated, and the store held credentials.
    expect(steps).toBeGreaterThan(200);
    expect(secrets.size).toBeGreaterThan(20);
  }, 600_000);

  it('the check finds a plaintext stored by mistake (it is not vacuous)', async () => {
    await test.db.query(
      `INSERT INTO ${test.schema}.tokens (token_sha256, client_ext_id, user_ext_id) VALUES ('x', 'c1', 'pw:Correct-Horse-42')`,
    );
    expect(
      leaksOf(new Set(['Correct-Horse-42', 'unrelated-secret']), await storedStrings()),
    ).toEqual(['Correct-Horse-42']);
    await test.db.query(`DELETE FROM ${test.schema}.tokens`);
  });
});
