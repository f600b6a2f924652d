/**
 * The adapter's tables and the migration that creates them, in a PostgreSQL
 * schema of their own (default `credential_lifecycle`), so that several
 * mocks or test runs share one database without seeing each other.
 *
 * @packageDocumentation
 */
import { inTransaction, type SqlDatabase } from './sql.js';

/**
 * The schema the adapter's tables live in when no other is named.
 *
 * @example
 * import { defaultSchema } from 'credential-lifecycle/postgres';
 * defaultSchema; // 'credential_lifecycle'
 */
export const defaultSchema = 'credential_lifecycle';

/**
 * Whether a name can be a schema of the adapter: lower-case letters, digits
 * and `_`, starting with a letter or `_`, at most 63 characters (PostgreSQL's
 * limit), so it never needs quoting.
 *
 * @example
 * import { isSchemaName } from 'credential-lifecycle/postgres';
 * isSchemaName('mock_a'); // true
 * isSchemaName('drop table'); // false
 */
export const isSchemaName = (name: string): boolean => /^[a-z_][a-z0-9_]{0,62}$/.test(name);

/**
 * The qualified names of the adapter's tables in a schema.
 *
 * @example
 * import { tablesOf } from 'credential-lifecycle/postgres';
 * tablesOf('mock_a').users; // 'mock_a.users'
 */
export const tablesOf = (schema: string) => {
  if (!isSchemaName(schema)) {
    throw new TypeError(`schema: expected lower-case letters, digits and _, got ${schema}`);
  }
  return {
    schema,
    users: `${schema}.users`,
    clients: `${schema}.clients`,
    tokens: `${schema}.tokens`,
    clock: `${schema}.mock_clock`,
    revisions: `${schema}.revisions`,
    migrations: `${schema}.migrations`,
  } as const;
};

/**
 * The tables of a schema (see {@link tablesOf}).
 *
 * @example
 * import { tablesOf, type Tables } from 'credential-lifecycle/postgres';
 * const tables: Tables = tablesOf('credential_lifecycle');
 */
export type Tables = ReturnType<typeof tablesOf>;

/**
 * The migrations, in order; `migrate` applies those a schema has not had.
 *
 * 1. `users`: one row per user, the whole record (its credentials with their
 *    hashes and lifecycles) as `jsonb`, with the revision a compare-and-set
 *    names and `added`, the order of `listUsers` (indexed per client);
 *    `revisions`, the sequence both come from, so a revision never repeats;
 *    `clients`: each client's policy book as `jsonb`; `tokens`: the mock's
 *    self-admin tokens by their SHA-256 (never the token); `mock_clock`: the
 *    mock's clock setting, one row.
 */
const migrations: readonly ((t: Tables) => readonly string[])[] = [
  (t) => [
    `CREATE SEQUENCE ${t.revisions} AS bigint`,
    `CREATE TABLE ${t.users} (
       client_ext_id text NOT NULL,
       user_ext_id text NOT NULL,
       revision bigint NOT NULL,
       added bigint NOT NULL,
       record jsonb NOT NULL,
       PRIMARY KEY (client_ext_id, user_ext_id)
     )`,
    `CREATE INDEX users_by_client ON ${t.users} (client_ext_id, added)`,
    `CREATE TABLE ${t.clients} (
       client_ext_id text PRIMARY KEY,
       policies jsonb NOT NULL
     )`,
    `CREATE TABLE ${t.tokens} (
       token_sha256 text PRIMARY KEY,
       client_ext_id text NOT NULL,
       user_ext_id text NOT NULL
     )`,
    `CREATE TABLE ${t.clock} (
       singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
       setting jsonb NOT NULL
     )`,
  ],
];

/**
 * The number of migrations this version of the adapter ships.
 *
 * @example
 * import { schemaVersion } from 'credential-lifecycle/postgres';
 * schemaVersion; // 1
 */
export const schemaVersion = migrations.length;

/**
 * Creates or upgrades the adapter's tables in `schema` (default
 * {@link defaultSchema}): in one transaction, under an advisory lock so that
 * several processes starting at once migrate once, it applies the migrations
 * the schema's `migrations` table does not list yet. Answers the schema's
 * version afterwards. Idempotent.
 *
 * @example
 * import { PGlite } from '@electric-sql/pglite';
 * import { migrate, pgliteDatabase } from 'credential-lifecycle/postgres';
 * const db = pgliteDatabase(new PGlite());
 * await migrate(db); // 1
 * await migrate(db, { schema: 'mock_b' }); // 1
 */
export const migrate = async (
  db: SqlDatabase,
  options: { readonly schema?: string } = {},
): Promise<number> => {
  const tables = tablesOf(options.schema ?? defaultSchema);
  return inTransaction(db, async (session) => {
    await session.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `credential-lifecycle migrate ${tables.schema}`,
    ]);
    await session.query(`CREATE SCHEMA IF NOT EXISTS ${tables.schema}`);
    await session.query(
      `CREATE TABLE IF NOT EXISTS ${tables.migrations} (version integer PRIMARY KEY)`,
    );
    const { rows } = await session.query(
      `SELECT coalesce(max(version), 0) AS version FROM ${tables.migrations}`,
    );
    const applied = Number(rows[0]?.version ?? 0);
    for (let version = applied + 1; version <= migrations.length; version++) {
      for (const statement of migrations[version - 1]?.(tables) ?? []) {
        await session.query(statement);
      }
      await session.query(`INSERT INTO ${tables.migrations} (version) VALUES ($1)`, [version]);
    }
    return Math.max(applied, migrations.length);
  });
};
