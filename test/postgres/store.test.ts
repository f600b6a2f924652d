/**
 * The PostgreSQL store (on PGlite by default, on DATABASE_URL when set): the
 * port's contract (load, compare-and-set, revisions that never repeat, the
 * exclusive section), what the mock keeps besides users (policies, tokens by
 * hash, the clock), reset emptying this mock's tables only, the mock on it
 * agreeing with the model (the conformance runner), and an unreachable or
 * corrupt database.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handleWith, updateUser } from '../../src/operations/handle-with.js';
import { superAdmin } from '../../src/operations/principal.js';
import { defaultPolicy } from '../../src/policy/policy.js';
import { migrate, schemaVersion, tablesOf } from '../../src/postgres/schema.js';
import type { SqlDatabase } from '../../src/postgres/sql.js';
import { PostgresStore } from '../../src/postgres/store.js';
import { seededRandom } from '../../src/secret/random.js';
import { nodeHttpSystem } from '../../src/server/http-system.js';
import { startNodeServer } from '../../src/server/node.js';
import { runConformance } from '../../src/testing/index.js';
import { MockServer } from '../../src/web/server.js';
import { freshSchema, openTestDatabase, type TestDatabase } from './support.js';

let test: TestDatabase;
let store: PostgresStore;

beforeAll(async () => {
  test = await openTestDatabase('store');
  store = new PostgresStore(test.db, { schema: test.schema });
}, 120_000);

afterAll(async () => {
  await test?.close();
});

beforeEach(async () => {
  await store.clear();
});

const count = async (table: string): Promise<number> =>
  Number((await test.db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);

const alice = { clientExtId: 'c1', userExtId: 'alice', credentials: {} };
const at = Date.UTC(2026, 0, 1);
const admin = superAdmin('ops');

describe('migrate', () => {
  it('is idempotent, records its version and indexes the lookups', async () => {
    expect(await migrate(test.db, { schema: test.schema })).toBe(schemaVersion);
    expect(await migrate(test.db, { schema: test.schema })).toBe(schemaVersion);
    const { rows } = await test.db.query(
      'SELECT indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname',
      [test.schema],
    );
    const indexes = rows.map((r) => String(r.indexdef));
    // The primary keys (load, save, token lookup) and listUsers' order per client.
    expect(indexes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/users_pkey .*\(client_ext_id, user_ext_id\)/),
        expect.stringMatching(/users_by_client .*\(client_ext_id, added\)/),
        expect.stringMatching(/tokens_pkey .*\(token_sha256\)/),
        expect.stringMatching(/clients_pkey .*\(client_ext_id\)/),
      ]),
    );
  });

  it('refuses a schema name that would need quoting', async () => {
    expect(() => new PostgresStore(test.db, { schema: 'x; DROP TABLE users' })).toThrow(/schema/);
  });
});

describe('the port: load and compare-and-set', () => {
  it('creates only an absent user, updates only at the loaded revision', async () => {
    expect((await store.load('c1', 'alice')).stored).toBeUndefined();
    expect(await store.save(alice, undefined)).toBe('saved');
    expect(await store.save(alice, undefined)).toBe('conflict');
    const first = (await store.load('c1', 'alice')).stored;
    expect(first?.user).toEqual(alice);
    const renamed = { ...alice, loginId: 'al' };
    expect(await store.save(renamed, (first?.revision ?? 0) + 1)).toBe('conflict');
    expect(await store.save(renamed, first?.revision)).toBe('saved');
    expect(await store.save({ ...alice, loginId: 'again' }, first?.revision)).toBe('conflict');
    const second = (await store.load('c1', 'alice')).stored;
    expect(second?.user).toEqual(renamed);
    expect(second?.revision).toBeGreaterThan(first?.revision ?? Infinity);
  });

  it('never repeats a revision, not even after a reset and the same user again', async () => {
    await store.save(alice, undefined);
    const before = (await store.load('c1', 'alice')).stored?.revision ?? Infinity;
    await store.clear();
    await store.save(alice, undefined);
    const after = (await store.load('c1', 'alice')).stored?.revision ?? -Infinity;
    expect(after).toBeGreaterThan(before);
    expect(await store.save({ ...alice, loginId: 'x' }, before)).toBe('conflict');
  });

  it('stores what the operations produce and loads it back equal', async () => {
    await store.save(alice, undefined);
    for (const [segment, body] of [
      ['password', { password: 'Correct-Horse-42' }],
      ['tempstrong-password', {}],
      ['ticket', { identification: 'order-1', context: 'shop' }],
      ['puk', {}],
    ] as const) {
      const answer = await handleWith(
        store,
        {
          method: 'POST',
          path: `/nevisidm/api/core/v1/c1/users/alice/${segment}`,
          body,
          principal: admin,
        },
        { now: at, random: seededRandom(1) },
      );
      expect(answer.status).toBe(201);
    }
    const loaded = (await store.load('c1', 'alice')).stored?.user;
    expect(Object.keys(loaded?.credentials ?? {}).sort()).toEqual([
      'password',
      'puk',
      'tempStrongPassword',
      'ticket',
    ]);
    expect(loaded?.credentials.ticket?.identification).toBe('order-1');
    expect(loaded?.credentials.password?.secretHash).toMatch(/^\{|^\$/);
    expect(await store.listUsers('c1')).toEqual([loaded]);
  });

  it('lists a client’s users in the order they were added, updates keeping their place', async () => {
    for (const id of ['u3', 'u1', 'u2']) {
      await store.save({ clientExtId: 'c1', userExtId: id, credentials: {} }, undefined);
    }
    await store.save({ clientExtId: 'c2', userExtId: 'u0', credentials: {} }, undefined);
    const u3 = (await store.load('c1', 'u3')).stored;
    await store.save(
      { clientExtId: 'c1', userExtId: 'u3', loginId: 'three', credentials: {} },
      u3?.revision,
    );
    expect((await store.listUsers('c1')).map((u) => u.userExtId)).toEqual(['u3', 'u1', 'u2']);
    expect((await store.listUsers('c2')).map((u) => u.userExtId)).toEqual(['u0']);
  });

  it('runs 50 concurrent read-modify-writes of one user inside exclusive without losing one', async () => {
    await store.save(alice, undefined);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () =>
        updateUser(store, 'c1', 'alice', (user) => ({
          ...alice,
          loginId: String(Number(user?.loginId ?? '0') + 1),
        })),
      ),
    );
    expect(outcomes).toEqual(Array(50).fill('saved'));
    expect((await store.load('c1', 'alice')).stored?.user.loginId).toBe('50');
  });
});

describe('what the mock keeps besides users', () => {
  it('keeps policies per client, with defaults, and the four defaults for a new client', async () => {
    expect((await store.policies('c1')).policies.size).toBe(4);
    await store.putPolicy('c1', defaultPolicy('PUKPolicy', 'strict-puk'), true);
    await store.putPolicy('c1', defaultPolicy('TicketPolicy', 'other-ticket'), false);
    const book = await store.policies('c1');
    expect(book.defaults.PUKPolicy).toBe('strict-puk');
    expect(book.defaults.TicketPolicy).toBe('default-ticket');
    expect([...book.policies.keys()].sort()).toEqual(
      [
        'default-password',
        'default-puk',
        'default-tempstrong-password',
        'default-ticket',
        'other-ticket',
        'strict-puk',
      ].sort(),
    );
    expect(book.policies.get('strict-puk')).toEqual(defaultPolicy('PUKPolicy', 'strict-puk'));
    expect((await store.load('c1', 'nobody')).policies).toEqual(book);
    expect((await store.policies('c2')).defaults.PUKPolicy).toBe('default-puk');
  });

  it('keeps a self-admin token by its hash only', async () => {
    await store.putToken('secret-token-1', { clientExtId: 'c1', userExtId: 'alice' });
    expect(await store.tokenOwner('secret-token-1')).toEqual({
      clientExtId: 'c1',
      userExtId: 'alice',
    });
    expect(await store.tokenOwner('secret-token-2')).toBeUndefined();
    const { rows } = await test.db.query(`SELECT * FROM ${tablesOf(test.schema).tokens}`);
    expect(JSON.stringify(rows)).not.toContain('secret-token-1');
  });

  it('changes the clock setting as the mock does and keeps it', async () => {
    expect(await store.clock()).toEqual({ offset: 0 });
    expect(await store.changeClock({ advance: 500 })).toEqual({ offset: 500 });
    expect(await store.changeClock({ freeze: 1_000 })).toEqual({ frozenAt: 1_000, offset: 0 });
    expect(await store.changeClock({ advance: 500 })).toEqual({ frozenAt: 1_500, offset: 0 });
    expect(await store.clock()).toEqual({ frozenAt: 1_500, offset: 0 });
    expect(await store.changeClock({ release: true })).toEqual({ offset: 0 });
  });
});

describe('the mock on the store', () => {
  const request = (mock: MockServer<PostgresStore>, method: string, path: string, body?: unknown) =>
    mock.handle({
      method,
      path,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      bodyText: body === undefined ? undefined : JSON.stringify(body),
    });

  it('/__mock/reset empties this mock’s tables and no other schema’s', async () => {
    const otherSchema = freshSchema('other');
    await migrate(test.db, { schema: otherSchema });
    const other = new PostgresStore(test.db, { schema: otherSchema });
    await other.save(alice, undefined);
    const mock = new MockServer({ store, seed: 1 });
    expect((await request(mock, 'PUT', '/__mock/clients/c1/users/alice')).status).toBe(204);
    expect(
      (await request(mock, 'POST', '/nevisidm/api/core/v1/c1/users/alice/puk', {})).status,
    ).toBe(201);
    expect(
      (
        await request(mock, 'PUT', '/__mock/clients/c1/policies/p', {
          type: 'PUKPolicy',
          parameters: {},
        })
      ).status,
    ).toBe(204);
    expect((await request(mock, 'POST', '/__mock/clients/c1/users/alice/token')).status).toBe(200);
    expect(
      (await request(mock, 'PUT', '/__mock/clock', { now: '2026-01-01T00:00:00Z' })).status,
    ).toBe(204);
    const t = tablesOf(test.schema);
    for (const table of [t.users, t.clients, t.tokens, t.clock]) expect(await count(table)).toBe(1);
    expect((await request(mock, 'POST', '/__mock/reset')).status).toBe(204);
    for (const table of [t.users, t.clients, t.tokens, t.clock]) expect(await count(table)).toBe(0);
    expect(await count(tablesOf(otherSchema).users)).toBe(1);
    await test.db.query(`DROP SCHEMA ${otherSchema} CASCADE`);
  });

  it('agrees with the model over HTTP: 25 conformance runs', async () => {
    const server = await startNodeServer({
      mock: new MockServer({ store, seed: 5 }),
      port: 0,
      log: undefined,
    });
    const system = nodeHttpSystem(server.url);
    try {
      const report = await runConformance({
        system,
        runs: 25,
        clock: true,
        seed: 11,
        maxCommands: 25,
      });
      expect(report.counterexample?.error).toBeUndefined();
      expect(report.failures).toBe(0);
    } finally {
      system.close();
      await server.close();
    }
  }, 300_000);
});

describe('an unreachable or corrupt database', () => {
  const unreachable: SqlDatabase = {
    query: () =>
      Promise.reject(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      ),
    connect: () => Promise.reject(new Error('timeout exceeded when trying to connect')),
  };

  it('answers 503 with a nevis error body', async () => {
    const mock = new MockServer({ store: new PostgresStore(unreachable), seed: 1 });
    const answer = await mock.handle({
      method: 'GET',
      path: '/nevisidm/api/core/v1/c1/users/alice/puk',
      headers: {},
      bodyText: undefined,
    });
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.bodyText ?? '')).toEqual({
      errors: [{ code: 'errors.serviceUnavailable', message: expect.any(String) }],
    });
  });

  it('answers 500, not 503, for a row that does not decode (a defect, not an outage)', async () => {
    await test.db.query(
      `INSERT INTO ${tablesOf(test.schema).users} (client_ext_id, user_ext_id, revision, added, record)
       VALUES ('c1', 'broken', 1, 1, '{"clientExtId": "c1"}'::jsonb)`,
    );
    await expect(store.load('c1', 'broken')).rejects.toThrow(/corrupt row/);
    const answer = await new MockServer({ store, seed: 1 }).handle({
      method: 'GET',
      path: '/nevisidm/api/core/v1/c1/users/broken/puk',
      headers: {},
      bodyText: undefined,
    });
    expect(answer.status).toBe(500);
  });
});
