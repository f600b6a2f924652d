/**
 * The one module that loads `pg` (node-postgres), the optional peer
 * dependency of this entry, and only when it is called.
 *
 * @packageDocumentation
 */
import type { SqlDatabase } from './sql.js';

/**
 * A pool of connections to a PostgreSQL server, as {@link connectPostgres}
 * answers it: a {@link SqlDatabase} that can be closed.
 *
 * @example
 * import type { PostgresDatabase } from 'credential-lifecycle/postgres';
 * const close = (db: PostgresDatabase) => db.end();
 */
export interface PostgresDatabase extends SqlDatabase {
  /** Closes every connection of the pool. */
  end(): Promise<void>;
}

/**
 * Options of {@link connectPostgres}.
 *
 * @example
 * import type { ConnectOptions } from 'credential-lifecycle/postgres';
 * const options: ConnectOptions = { max: 4, connectTimeout: 2_000 };
 */
export interface ConnectOptions {
  /** Connections in the pool at most. Default 10. */
  readonly max?: number;
  /** Milliseconds to wait for a connection before the request gets 503. Default 5,000. */
  readonly connectTimeout?: number;
  /** Milliseconds a statement may take before it is abandoned (503). Default 10,000. */
  readonly queryTimeout?: number;
}

/** What pg's pool hands its listeners: a client (an event emitter) or an error. */
interface EventSource {
  readonly on?: (event: 'error', listener: () => void) => unknown;
}

interface PgModule {
  readonly Pool: new (
    config: Record<string, unknown>,
  ) => PostgresDatabase & {
    /** `error` hands the error, `connect` the new client. */
    on(event: 'error' | 'connect', listener: (value: EventSource) => void): unknown;
  };
}

/**
 * A `pg.Pool` on a `postgres://` connection string. `pg` is loaded here, on
 * the first call: install it (`npm install pg`) to use this; the rest of the
 * entry works without it (over PGlite, say). A connection that breaks while
 * idle (the server restarted) is dropped from the pool instead of crashing
 * the process; the next query opens a new one.
 *
 * @example
 * import { connectPostgres } from 'credential-lifecycle/postgres';
 * // Nothing listens on port 1, so the pool's first query is refused (a 503 for the shell).
 * const db = await connectPostgres('postgres://postgres@127.0.0.1:1/postgres', { max: 4 });
 * await db.query('SELECT 1 AS one').catch((error) => error.code); // 'ECONNREFUSED'
 * await db.end();
 */
export const connectPostgres = async (
  connectionString: string,
  options: ConnectOptions = {},
): Promise<PostgresDatabase> => {
  let pg: PgModule;
  try {
    const loaded = (await import('pg')) as unknown as PgModule & { default?: PgModule };
    pg = loaded.default ?? loaded;
  } catch (error) {
    throw new Error(
      'credential-lifecycle/postgres needs its optional peer dependency pg: npm install pg',
      { cause: error },
    );
  }
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeout ?? 5_000,
    query_timeout: options.queryTimeout ?? 10_000,
  });
  // A connection that breaks is an 'error' event, of the pool while it is
  // idle and of the client while it is lent: without listeners it would end
  // the process. The query in flight rejects anyway (and gets 503).
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on?.('error', () => {});
  });
  return pool;
};
