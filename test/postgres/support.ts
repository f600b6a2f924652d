/**
 * The database the adapter's tests run on: PGlite in process by default, a
 * real PostgreSQL server when `DATABASE_URL` is set. Each test file works in
 * a schema of its own, so files running at once never see each other.
 */
import { PGlite } from '@electric-sql/pglite';
import { connectPostgres } from '../../src/postgres/connect.js';
import { pgliteDatabase } from '../../src/postgres/pglite.js';
import { migrate } from '../../src/postgres/schema.js';
import type { SqlDatabase } from '../../src/postgres/sql.js';

/** A database for one test file, migrated in `schema`. */
export interface TestDatabase {
  readonly db: SqlDatabase;
  readonly schema: string;
  /** `pglite` (in process) or `postgres` (DATABASE_URL). */
  readonly kind: 'pglite' | 'postgres';
  /** Drops the schema (on a server) and closes the connections. */
  readonly close: () => Promise<void>;
}

/** The test database's URL, or `undefined` when the tests run on PGlite. */
export const databaseUrl = (): string | undefined => {
  const url = process.env.DATABASE_URL;
  return url === undefined || url === '' ? undefined : url;
};

/** A schema name nobody else uses. */
export const freshSchema = (prefix: string): string =>
  `${prefix}_${process.pid}_${Math.floor(Math.random() * 1e9)}`;

/** Opens the file's database (PGlite, or DATABASE_URL) and migrates a fresh schema. */
export const openTestDatabase = async (prefix: string): Promise<TestDatabase> => {
  const schema = freshSchema(prefix);
  const url = databaseUrl();
  if (url === undefined) {
    const lite = new PGlite();
    const db = pgliteDatabase(lite);
    await migrate(db, { schema });
    return { db, schema, kind: 'pglite', close: () => lite.close() };
  }
  const pool = await connectPostgres(url, { max: 8 });
  await migrate(pool, { schema });
  return {
    db: pool,
    schema,
    kind: 'postgres',
    close: async () => {
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await pool.end();
    },
  };
};
