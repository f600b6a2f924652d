/**
 * The store port on PostgreSQL: a {@link CredentialRepository} (one row per
 * user, compare-and-set on its revision, an advisory lock per user for the
 * shell's exclusive section) and everything else a mock keeps, so that
 * several mock server processes share one database.
 *
 * @packageDocumentation
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { type ClockChange, type ClockSetting, changedClock, clockAtRest } from '../mock/clock.js';
import type { MockStore, TokenOwner } from '../mock/store.js';
import { defaultPolicyBook, type PolicyBook, withPolicy } from '../operations/policy-book.js';
import type { CredentialRepository, SaveOutcome, UserView } from '../operations/repository.js';
import type { UserRecord } from '../operations/user.js';
import type { Policy } from '../policy/policy.js';
import { decodeStored, StoredClockSetting, StoredPolicyBook, StoredUserRecord } from './codecs.js';
import { defaultSchema, type Tables, tablesOf } from './schema.js';
import { guarded, inTransaction, type SqlClient, type SqlDatabase } from './sql.js';

/**
 * Options of a {@link PostgresStore}.
 *
 * @example
 * import type { PostgresStoreOptions } from 'credential-lifecycle/postgres';
 * const options: PostgresStoreOptions = { schema: 'mock_a' };
 */
export interface PostgresStoreOptions {
  /** The schema of the tables (created by `migrate`). Default `credential_lifecycle`. */
  readonly schema?: string;
}

/** A token is kept by its SHA-256 only: the table never holds a usable token. */
const tokenKey = (token: string): string => bytesToHex(sha256(utf8ToBytes(token)));

/** pg answers `bigint` as a string, PGlite as a `bigint`: both as a number. */
const asNumber = (value: unknown): number => Number(value);

const load = async (db: SqlClient, t: Tables, client: string, user: string): Promise<UserView> => {
  // One statement, one snapshot: the record, its revision and the client's policies together.
  const { rows } = await guarded(() =>
    db.query(
      `SELECT c.policies, u.revision, u.record
         FROM (SELECT $1::text AS client_ext_id, $2::text AS user_ext_id) AS k
         LEFT JOIN ${t.clients} AS c ON c.client_ext_id = k.client_ext_id
         LEFT JOIN ${t.users} AS u
           ON u.client_ext_id = k.client_ext_id AND u.user_ext_id = k.user_ext_id`,
      [client, user],
    ),
  );
  const row = rows[0] ?? {};
  return {
    stored:
      row.record === null || row.record === undefined
        ? undefined
        : {
            user: decodeStored(StoredUserRecord, row.record, t.users),
            revision: asNumber(row.revision),
          },
    policies:
      row.policies === null || row.policies === undefined
        ? defaultPolicyBook()
        : decodeStored(StoredPolicyBook, row.policies, t.clients),
  };
};

const save = async (
  db: SqlClient,
  t: Tables,
  user: UserRecord,
  expected: number | undefined,
): Promise<SaveOutcome> => {
  const record = JSON.stringify(StoredUserRecord.encode(user));
  const { rows } = await guarded(() =>
    expected === undefined
      ? db.query(
          `INSERT INTO ${t.users} (client_ext_id, user_ext_id, revision, added, record)
           SELECT $1, $2, r.v, r.v, $3::jsonb FROM (SELECT nextval('${t.revisions}') AS v) AS r
           ON CONFLICT (client_ext_id, user_ext_id) DO NOTHING
           RETURNING revision`,
          [user.clientExtId, user.userExtId, record],
        )
      : db.query(
          `UPDATE ${t.users} SET record = $3::jsonb, revision = nextval('${t.revisions}')
           WHERE client_ext_id = $1 AND user_ext_id = $2 AND revision = $4
           RETURNING revision`,
          [user.clientExtId, user.userExtId, record, expected],
        ),
  );
  return rows.length === 1 ? 'saved' : 'conflict';
};

/**
 * The mock's store (and the library's store port) on PostgreSQL, over any
 * {@link SqlDatabase} (a `pg.Pool` from {@link connectPostgres}, or PGlite).
 * Run {@link migrate} once first.
 *
 * - **Users**: one row per user, the whole record as `jsonb` (credentials
 *   with their hashes and lifecycles; never a plaintext secret), with its
 *   revision. `load` reads the record, its revision and the client's
 *   policies in one statement; `save` is one `INSERT … ON CONFLICT DO
 *   NOTHING` (no such user yet) or one `UPDATE … WHERE revision = $expected`:
 *   compare-and-set in the database, whatever the isolation level.
 *   Revisions come from one sequence, so they never repeat.
 * - **`exclusive`**: a transaction holding an advisory lock on the user
 *   (`pg_advisory_xact_lock`), so the shell's load–decide–save of one user
 *   runs in one process at a time across all processes; the lock is released
 *   at commit, and an answer is given only after the commit.
 * - **Policies**, **tokens** (by SHA-256) and the **clock setting** in tables
 *   of their own; `clear` empties all of them in one `TRUNCATE` (the
 *   revision sequence keeps counting).
 *
 * A database that cannot be reached rejects with `RepositoryUnavailableError`
 * (503); a row that does not decode rejects with an error (a defect).
 *
 * @example
 * import { PGlite } from '@electric-sql/pglite';
 * import { applyFixture, MockServer } from 'credential-lifecycle/mock';
 * import { migrate, pgliteDatabase, PostgresStore } from 'credential-lifecycle/postgres';
 * const db = pgliteDatabase(new PGlite()); // or: await connectPostgres(url)
 * await migrate(db); // 1
 * const store = new PostgresStore(db);
 * await applyFixture(new MockServer({ store }), { clients: { demo: { users: { alice: {} } } } });
 * (await store.listUsers('demo')).map((user) => user.userExtId); // ['alice']
 */
export class PostgresStore implements MockStore {
  readonly #db: SqlDatabase;
  readonly #tables: Tables;

  constructor(db: SqlDatabase, options: PostgresStoreOptions = {}) {
    this.#db = db;
    this.#tables = tablesOf(options.schema ?? defaultSchema);
  }

  /**
   * The schema this store's tables are in.
   *
   * @example
   * import { PGlite } from '@electric-sql/pglite';
   * import { pgliteDatabase, PostgresStore } from 'credential-lifecycle/postgres';
   * new PostgresStore(pgliteDatabase(new PGlite()), { schema: 'mock_a' }).schema; // 'mock_a'
   */
  get schema(): string {
    return this.#tables.schema;
  }

  /**
   * The user's record with its revision, and the client's policies.
   *
   * @example
   * import { PGlite } from '@electric-sql/pglite';
   * import { migrate, pgliteDatabase, PostgresStore } from 'credential-lifecycle/postgres';
   * const db = pgliteDatabase(new PGlite());
   * await migrate(db); // 1
   * const store = new PostgresStore(db);
   * (await store.load('demo', 'nobody')).stored; // undefined
   */
  load(clientExtId: string, userExtId: string): Promise<UserView> {
    return load(this.#db, this.#tables, clientExtId, userExtId);
  }

  /**
   * Writes the record if its stored revision is `expected` (`undefined`: no
   * such user yet); otherwise writes nothing and answers `conflict`.
   *
   * @example
   * import { PGlite } from '@electric-sql/pglite';
   * import { migrate, pgliteDatabase, PostgresStore } from 'credential-lifecycle/postgres';
   * const db = pgliteDatabase(new PGlite());
   * await migrate(db); // 1
   * const store = new PostgresStore(db);
   * const alice = { clientExtId: 'demo', userExtId: 'alice', credentials: {} };
   * await store.save(alice, undefined); // 'saved'
   * await store.save(alice, undefined); // 'conflict'
   */
  save(user: UserRecord, expected: number | undefined): Promise<SaveOutcome> {
    return save(this.#db, this.#tables, user, expected);
  }

  /**
   * Runs `task` in a transaction that holds the user's advisory lock, with
   * a repository over that transaction; commits when the task resolves,
   * rolls back when it rejects. A commit that fails rejects (with
   * `RepositoryUnavailableError` when the database went away), so nothing
   * is answered that was not committed.
   *
   * @example
   * import { PGlite } from '@electric-sql/pglite';
   * import { migrate, pgliteDatabase, PostgresStore } from 'credential-lifecycle/postgres';
   * const db = pgliteDatabase(new PGlite());
   * await migrate(db); // 1
   * const store = new PostgresStore(db);
   * await store.save({ clientExtId: 'demo', userExtId: 'alice', credentials: {} }, undefined); // 'saved'
   * const read = await store.exclusive('demo', 'alice', async (scoped) => scoped.load('demo', 'alice'));
   * read.stored?.revision; // 1
   */
  exclusive<T>(
    clientExtId: string,
    userExtId: string,
    task: (scoped: CredentialRepository) => Promise<T>,
  ): Promise<T> {
    const t = this.#tables;
    return guarded(() =>
      inTransaction(this.#db, async (session) => {
        await session.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          JSON.stringify([t.schema, clientExtId, userExtId]),
        ]);
        return task({
          load: (client, user) => load(session, t, client, user),
          save: (user, expected) => save(session, t, user, expected),
        });
      }),
    );
  }

  /**
   * The users of a client, in the order they were added.
   *
   * @example
   * import { PGlite } from '@electric-sql/pglite';
   * import { migrate, pgliteDatabase, PostgresStore } from 'credential-lifecycle/postgres';
   * const db = pgliteDatabase(new PGlite());
   * await migrate(db); // 1
   * const store = new PostgresStore(db);
   * await store.listUsers('nobody'); // []
   */
  async listUsers(clientExtId: string): Promise<readonly UserRecord[]> {
    const { rows } = await guarded(() =>
      this.#db.query(
        `SELECT record FROM ${this.#tables.users} WHERE client_ext_id = $1 ORDER BY added`,
        [clientExtId],
      ),
    );
    return rows.map((row) => decodeStored(StoredUserRecord, row.record, this.#tables.users));
  }

  /**
   * The client's policies (the four defaults for a client never seen).
   *
   * @example
   * import { PGlite } from '@electric-sql/pglite';
   * import { migrate, pgliteDatabase, PostgresStore } from 'credential-lifecycle/postgres';
   * const db = pgliteDatabase(new PGlite());
   * await migrate(db); // 1
   * const store = new PostgresStore(db);
   * (await store.policies('nobody')).policies.size; // 4
   */
  async policies(clientExtId: string): Promise<PolicyBook> {
    const { rows } = await guarded(() =>
      this.#db.query(`SELECT policies FROM ${this.#tables.clients} WHERE client_ext_id = $1`, [
        clientExtId,
      ]),
    );
    const row = rows[0];
    return row === undefined
      ? defaultPolicyBook()
      : decodeStored(StoredPolicyBook, row.policies, this.#tables.clients);
  }

  /**
   * Adds or replaces a policy of a client, optionally as its type's default,
   * in one transaction (the client's row locked while it changes).
   *
   * @example
   * import { PGlite } from '@electric-sql/pglite';
   * import { defaultPolicy } from 'credential-lifecycle';
   * import { migrate, pgliteDatabase, PostgresStore } from 'credential-lifecycle/postgres';
   * const db = pgliteDatabase(new PGlite());
   * await migrate(db); // 1
   * const store = new PostgresStore(db);
   * await store.putPolicy('demo', defaultPolicy('PUKPolicy', 'strict-puk'), true);
   * (await store.policies('demo')).policies.has('strict-puk'); // true
   */
  putPolicy(clientExtId: string, policy: Policy, isDefault: boolean): Promise<void> {
    const { clients } = this.#tables;
    return guarded(() =>
      inTransaction(this.#db, async (session) => {
        await session.query(
          `INSERT INTO ${clients} (client_ext_id, policies) VALUES ($1, $2::jsonb)
           ON CONFLICT (client_ext_id) DO NOTHING`,
          [clientExtId, JSON.stringify(StoredPolicyBook.encode(defaultPolicyBook()))],
        );
        const { rows } = await session.query(
          `SELECT policies FROM ${clients} WHERE client_ext_id = $1 FOR UPDATE`,
          [clientExtId],
        );
        const book = decodeStored(StoredPolicyBook, rows[0]?.policies, clients);
        const next = withPolicy(book, policy, isDefault);
        await session.query(`UPDATE ${clients} SET policies = $2::jsonb WHERE client_ext_id = $1`, [
          clientExtId,
          JSON.stringify(StoredPolicyBook.encode(next)),
        ]);
      }),
    );
  }

  /**
   * Remembers a self-admin token, by its SHA-256.
   *
   * @example
   * import { PGlite } from '@electric-sql/pglite';
   * import { migrate, pgliteDatabase, PostgresStore } from 'credential-lifecycle/postgres';
   * const db = pgliteDatabase(new PGlite());
   * await migrate(db); // 1
   * const store = new PostgresStore(db);
   * await store.putToken('t-1', { clientExtId: 'demo', userExtId: 'alice' });
   * await store.tokenOwner('t-1'); // { clientExtId: 'demo', userExtId: 'alice' }
   */
  async putToken(token: string, owner: TokenOwner): Promise<void> {
    await guarded(() =>
      this.#db.query(
        `INSERT INTO ${this.#tables.tokens} (token_sha256, client_ext_id, user_ext_id)
         VALUES ($1, $2, $3)
         ON CONFLICT (token_sha256) DO UPDATE
           SET client_ext_id = excluded.client_ext_id, user_ext_id = excluded.user_ext_id`,
        [tokenKey(token), owner.clientExtId, owner.userExtId],
      ),
    );
  }

  /**
   * The user a token stands for, or `undefined`.
   *
   * @example
   * import { PGlite } from '@electric-sql/pglite';
   * import { migrate, pgliteDatabase, PostgresStore } from 'credential-lifecycle/postgres';
   * const db = pgliteDatabase(new PGlite());
   * await migrate(db); // 1
   * const store = new PostgresStore(db);
   * await store.tokenOwner('unknown'); // undefined
   */
  async tokenOwner(token: string): Promise<TokenOwner | undefined> {
    const { rows } = await guarded(() =>
      this.#db.query(
        `SELECT client_ext_id, user_ext_id FROM ${this.#tables.tokens} WHERE token_sha256 = $1`,
        [tokenKey(token)],
      ),
    );
    const row = rows[0];
    return row === undefined
      ? undefined
      : { clientExtId: String(row.client_ext_id), userExtId: String(row.user_ext_id) };
  }

  /**
   * The clock's setting (at rest until the control API changes it).
   *
   * @example
   * import { PGlite } from '@electric-sql/pglite';
   * import { migrate, pgliteDatabase, PostgresStore } from 'credential-lifecycle/postgres';
   * const db = pgliteDatabase(new PGlite());
   * await migrate(db); // 1
   * const store = new PostgresStore(db);
   * await store.clock(); // { offset: 0 }
   */
  async clock(): Promise<ClockSetting> {
    const { rows } = await guarded(() =>
      this.#db.query(`SELECT setting FROM ${this.#tables.clock}`),
    );
    const row = rows[0];
    return row === undefined
      ? clockAtRest
      : decodeStored(StoredClockSetting, row.setting, this.#tables.clock);
  }

  /**
   * Applies a change to the clock's setting in one transaction (its row
   * locked) and answers the new setting.
   *
   * @example
   * import { PGlite } from '@electric-sql/pglite';
   * import { migrate, pgliteDatabase, PostgresStore } from 'credential-lifecycle/postgres';
   * const db = pgliteDatabase(new PGlite());
   * await migrate(db); // 1
   * const store = new PostgresStore(db);
   * await store.changeClock({ freeze: 1_000 }); // { frozenAt: 1_000, offset: 0 }
   */
  changeClock(change: ClockChange): Promise<ClockSetting> {
    const { clock } = this.#tables;
    return guarded(() =>
      inTransaction(this.#db, async (session) => {
        await session.query(
          `INSERT INTO ${clock} (setting) VALUES ($1::jsonb) ON CONFLICT (singleton) DO NOTHING`,
          [JSON.stringify(clockAtRest)],
        );
        const { rows } = await session.query(`SELECT setting FROM ${clock} FOR UPDATE`);
        const next = changedClock(
          decodeStored(StoredClockSetting, rows[0]?.setting, clock),
          change,
        );
        await session.query(`UPDATE ${clock} SET setting = $1::jsonb`, [JSON.stringify(next)]);
        return next;
      }),
    );
  }

  /**
   * Empties this store's tables (users, policies, tokens, the clock's
   * setting) in one statement; other schemas are untouched, and revisions
   * keep counting on.
   *
   * @example
   * import { PGlite } from '@electric-sql/pglite';
   * import { migrate, pgliteDatabase, PostgresStore } from 'credential-lifecycle/postgres';
   * const db = pgliteDatabase(new PGlite());
   * await migrate(db); // 1
   * const store = new PostgresStore(db);
   * await store.putToken('t-1', { clientExtId: 'demo', userExtId: 'alice' });
   * await store.clear();
   * await store.tokenOwner('t-1'); // undefined
   */
  async clear(): Promise<void> {
    const t = this.#tables;
    await guarded(() =>
      this.#db.query(`TRUNCATE ${t.users}, ${t.clients}, ${t.tokens}, ${t.clock}`),
    );
  }
}
