/**
 * PGlite (`@electric-sql/pglite`, PostgreSQL in process) as a
 * {@link SqlDatabase}. Typed by what it uses of PGlite, so this entry never
 * loads PGlite and its types do not need it: install it yourself to use this.
 *
 * @packageDocumentation
 */
import type { SqlDatabase, SqlResult, SqlSession } from './sql.js';

/**
 * What {@link pgliteDatabase} needs of a PGlite instance: `query` with `$1`,
 * `$2`, … parameters, answering rows. `new PGlite()` fits it.
 *
 * @example
 * import type { PgliteLike } from 'credential-lifecycle/postgres';
 * const answersNothing: PgliteLike = { query: async () => ({ rows: [] }) };
 */
export interface PgliteLike {
  /** Runs one statement with its parameters and answers its rows. */
  query(text: string, values?: unknown[]): Promise<{ readonly rows: readonly unknown[] }>;
}

/**
 * PGlite as a {@link SqlDatabase}, for a {@link PostgresStore} in process
 * (tests, demos, a mock without a server). PGlite has one connection, so a
 * session (a transaction) holds it alone and every other statement waits
 * until the session is released.
 *
 * @example
 * import { PGlite } from '@electric-sql/pglite';
 * import { pgliteDatabase } from 'credential-lifecycle/postgres';
 * const db = pgliteDatabase(new PGlite());
 * (await db.query('SELECT 1 AS one')).rows; // [{ one: 1 }]
 */
export const pgliteDatabase = (lite: PgliteLike): SqlDatabase => {
  let tail: Promise<void> = Promise.resolve();
  const acquire = (): Promise<() => void> => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = tail.then(() => release);
    tail = tail.then(() => held);
    return ready;
  };
  const query = async (text: string, values?: unknown[]): Promise<SqlResult> => {
    const result = await lite.query(text, values);
    return { rows: result.rows as readonly Record<string, unknown>[] };
  };
  return {
    query: async (text, values) => {
      const release = await acquire();
      try {
        return await query(text, values);
      } finally {
        release();
      }
    },
    connect: async (): Promise<SqlSession> => {
      const release = await acquire();
      let released = false;
      return {
        query,
        release: () => {
          if (!released) release();
          released = true;
        },
      };
    },
  };
};
