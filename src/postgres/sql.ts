/**
 * What the adapter needs of a PostgreSQL client, as a port: a pool that
 * answers queries and lends a session for a transaction. `pg`'s `Pool`
 * fits it as it is (see {@link connectPostgres}); an in-process PGlite fits
 * it through a small wrapper. Also: which failures mean "the database cannot
 * be reached" (503) rather than a defect.
 *
 * @packageDocumentation
 */
import { RepositoryUnavailableError } from '../operations/repository.js';

/**
 * The rows a query answered, each a record of column name to value.
 *
 * @example
 * import type { SqlResult } from 'credential-lifecycle/postgres';
 * const none: SqlResult = { rows: [] };
 */
export interface SqlResult {
  readonly rows: readonly Record<string, unknown>[];
}

/**
 * Something that runs one SQL statement with `$1`, `$2`, … parameters.
 *
 * @example
 * import type { SqlClient } from 'credential-lifecycle/postgres';
 * const answersNothing: SqlClient = { query: async () => ({ rows: [] }) };
 */
export interface SqlClient {
  /** Runs one statement with its parameters and answers its rows. */
  query(text: string, values?: unknown[]): Promise<SqlResult>;
}

/**
 * One connection lent by a {@link SqlDatabase} for a transaction; `release`
 * hands it back (`release(true)` or with an error: it is broken, close it).
 *
 * @example
 * import type { SqlSession } from 'credential-lifecycle/postgres';
 * const session: SqlSession = { query: async () => ({ rows: [] }), release: () => {} };
 */
export interface SqlSession extends SqlClient {
  /** Hands the connection back to the pool, or closes it when broken. */
  release(destroy?: boolean | Error): void;
}

/**
 * A pool of connections to one database: single statements through `query`,
 * transactions on a session from `connect`. `pg.Pool` is one.
 *
 * @example
 * import type { SqlDatabase } from 'credential-lifecycle/postgres';
 * const empty: SqlDatabase = {
 *   query: async () => ({ rows: [] }),
 *   connect: async () => ({ query: async () => ({ rows: [] }), release: () => {} }),
 * };
 */
export interface SqlDatabase extends SqlClient {
  /** Lends a connection of its own, for a transaction. */
  connect(): Promise<SqlSession>;
}

/**
 * SQLSTATE classes that mean the database is unreachable or cannot serve now:
 * 08 connection exception, 53 insufficient resources, 57 operator
 * intervention (shutdown, cancel, timeout), 58 system error, 40 transaction
 * rollback (serialization, deadlock), 55 object not in prerequisite state.
 */
const unavailableClasses = new Set(['08', '53', '57', '58', '40', '55']);

/**
 * Whether an error from the driver means the database cannot be reached (or
 * cannot serve now), so the request gets 503: a failed or broken connection
 * (a Node socket error such as `ECONNREFUSED`, or the driver's "Connection
 * terminated" or timeout, which carry no SQLSTATE) or
 * a SQLSTATE of the classes 08, 40, 53, 55, 57, 58. Anything else (a syntax
 * error, a violated constraint) is a defect.
 *
 * @example
 * import { isUnavailable } from 'credential-lifecycle/postgres';
 * isUnavailable(Object.assign(new Error('terminating connection'), { code: '57P01' })); // true
 * isUnavailable(Object.assign(new Error('syntax error'), { code: '42601' })); // false
 * isUnavailable(new Error('Connection terminated unexpectedly')); // true
 */
export const isUnavailable = (error: unknown): boolean => {
  if (error instanceof RepositoryUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    return unavailableClasses.has(code.slice(0, 2));
  }
  // Node socket errors (ECONNREFUSED, ECONNRESET, …) and the driver's own
  // connection failures carry no SQLSTATE.
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return true;
  return /connect|terminat|timeout|timed out|closed|ended|not queryable/i.test(error.message);
};

/**
 * Runs a database call and turns an unreachable database into a
 * {@link RepositoryUnavailableError} (which the shell answers with 503);
 * other failures propagate as they are.
 *
 * @example
 * import { guarded } from 'credential-lifecycle/postgres';
 * await guarded(async () => 1); // 1
 * await guarded(async () => { throw new Error('connect ECONNREFUSED 127.0.0.1:5432'); }).catch((e) => e.name);
 * // 'RepositoryUnavailableError'
 */
export const guarded = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    if (error instanceof RepositoryUnavailableError || !isUnavailable(error)) throw error;
    throw new RepositoryUnavailableError(
      `the PostgreSQL database is unavailable: ${(error as Error).message}`,
      { cause: error },
    );
  }
};

/**
 * Runs `work` in a transaction on a session of its own: `BEGIN`, the work,
 * `COMMIT`; `ROLLBACK` when the work fails. A session whose connection
 * failed is closed rather than handed back.
 *
 * @example
 * import { PGlite } from '@electric-sql/pglite';
 * import { inTransaction, pgliteDatabase } from 'credential-lifecycle/postgres';
 * const db = pgliteDatabase(new PGlite());
 * await inTransaction(db, async (session) => (await session.query('SELECT 1 AS one')).rows[0]); // { one: 1 }
 */
export const inTransaction = async <T>(
  db: SqlDatabase,
  work: (session: SqlClient) => Promise<T>,
): Promise<T> => {
  const session = await db.connect();
  let broken: Error | undefined;
  try {
    await session.query('BEGIN');
    const result = await work(session);
    await session.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await session.query('ROLLBACK');
    } catch (rollback) {
      broken = rollback instanceof Error ? rollback : new Error(String(rollback));
    }
    if (broken === undefined && isUnavailable(error) && !(error as { code?: unknown }).code) {
      broken = error as Error;
    }
    throw error;
  } finally {
    session.release(broken);
  }
};
