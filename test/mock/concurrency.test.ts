/**
 * The mock under concurrency, in process: 200 concurrent failed logins on one
 * password end exactly as 200 sequential ones — through one mock, and through
 * four mocks sharing one store as four server processes over one database
 * would — while the test-only `lost-update` fault really loses them.
 * Concurrent PATCHes with one version across the four mocks: exactly one 200.
 */
import { describe, expect, it } from 'vitest';
import { controlPath } from '../../src/mock/paths.js';
import { MemoryMockStore, type MockStore } from '../../src/mock/store.js';
import { credentialPath, loginPath } from '../../src/operations/route.js';
import { UserQueue } from '../../src/operations/user-queue.js';
import { type CoreResponse, MockServer, type MockServerOptions } from '../../src/web/server.js';

const N = 200;
const T0 = Date.UTC(2026, 4, 4, 12, 0, 0);
const passwordPath = credentialPath('c1', 'u1', 'password');
const login = loginPath('c1', 'u1', 'password');
type PolicyChoice = 'default' | 'never-locks';

const send = (mock: MockServer<MockStore>, method: string, path: string, body?: unknown) =>
  mock.handle({
    method,
    path,
    headers: { 'content-type': 'application/json' },
    bodyText: body === undefined ? undefined : JSON.stringify(body),
  });

const newMock = (options: MockServerOptions<MockStore> = {}) =>
  new MockServer<MockStore>({ seed: 1, start: T0, ...options });

/** u1 with a password, under the default policy or one that never locks. */
const prepare = async (mock: MockServer<MockStore>, policy: PolicyChoice): Promise<void> => {
  if (policy === 'never-locks') {
    const parameters = { maxCredFailureCount: '-1', tmpLockingThreshold: '-1' };
    const put = { type: 'PwdPolicy', default: true, parameters };
    expect((await send(mock, 'PUT', controlPath.policy('c1', 'never-locks'), put)).status).toBe(
      204,
    );
  }
  expect((await send(mock, 'PUT', controlPath.user('c1', 'u1'))).status).toBe(204);
  const created = await send(mock, 'POST', passwordPath, { password: 'Str0ng!pass' });
  expect(created.status).toBe(201);
};

const wrong = (mock: MockServer<MockStore>) => send(mock, 'POST', login, { password: 'wrong' });

const sorted = (responses: readonly CoreResponse[]) =>
  responses.map((r) => `${r.status} ${r.bodyText}`).sort();

/** The sequential model: the same mock, one failed login after the other. */
const sequentially = async (policy: PolicyChoice, options: MockServerOptions<MockStore> = {}) => {
  const mock = newMock(options);
  await prepare(mock, policy);
  const answers: CoreResponse[] = [];
  for (let i = 0; i < N; i++) answers.push(await wrong(mock));
  return { answers, final: (await send(mock, 'GET', passwordPath)).bodyText };
};

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The store as another process would reach it: every load and save a
 * macrotask away; with `lock`, an exclusive section shared by all mocks (as
 * a database row lock would be).
 */
const remote = (inner: MemoryMockStore, lock?: UserQueue): MockStore => {
  const store: MockStore = {
    load: async (c, u) => {
      await macrotask();
      return inner.load(c, u);
    },
    save: async (user, expected) => {
      await macrotask();
      return inner.save(user, expected);
    },
    listUsers: (c) => inner.listUsers(c),
    policies: (c) => inner.policies(c),
    putPolicy: (c, p, isDefault) => inner.putPolicy(c, p, isDefault),
    putToken: (t, owner) => inner.putToken(t, owner),
    tokenOwner: (t) => inner.tokenOwner(t),
    clock: () => inner.clock(),
    changeClock: (change) => inner.changeClock(change),
    clear: () => inner.clear(),
  };
  return lock === undefined
    ? store
    : { ...store, exclusive: (c, u, task) => lock.run(c, u, () => task(store)) };
};

describe.each<PolicyChoice>(['default', 'never-locks'])('%s policy', (policy) => {
  it(`${N} concurrent failed logins through one mock end as ${N} sequential ones`, async () => {
    const expected = await sequentially(policy);
    const mock = newMock();
    await prepare(mock, policy);
    const answers = await Promise.all(Array.from({ length: N }, () => wrong(mock)));
    expect(sorted(answers)).toEqual(sorted(expected.answers));
    expect((await send(mock, 'GET', passwordPath)).bodyText).toBe(expected.final);
  });

  it(`${N} concurrent failed logins through four mocks over one store (row lock) end as ${N} sequential ones`, async () => {
    const expected = await sequentially(policy);
    const store = remote(new MemoryMockStore(), new UserQueue());
    const mocks = Array.from({ length: 4 }, () => newMock({ store }));
    await prepare(mocks[0] ?? newMock(), policy);
    const answers = await Promise.all(
      Array.from({ length: N }, (_, i) => wrong(mocks[i % 4] ?? newMock())),
    );
    expect(sorted(answers)).toEqual(sorted(expected.answers));
    expect((await send(mocks[3] ?? newMock(), 'GET', passwordPath)).bodyText).toBe(expected.final);
  });

  it('with the lost-update fault, concurrent failed logins overwrite each other', async () => {
    const expected = await sequentially(policy);
    const faulty = newMock({ faults: ['lost-update'] });
    await prepare(faulty, policy);
    await Promise.all(Array.from({ length: N }, () => wrong(faulty)));
    const final = JSON.parse((await send(faulty, 'GET', passwordPath)).bodyText ?? '{}');
    const right = JSON.parse(expected.final ?? '{}');
    expect(final).not.toEqual(right);
    // Every request decided on the record before any of them wrote: one failure survives.
    expect(final.failedLoginCount).toBe(1);
    expect(final.version).toBe(right.version - right.failedLoginCount + 1);
    // One at a time, the faulty mock is right: the fault is in the concurrency control only.
    expect((await sequentially(policy, { faults: ['lost-update'] })).final).toBe(expected.final);
  });
});

describe('four mocks over one store without a row lock', () => {
  it('lose no update: the acknowledged failed logins are all counted, a 409 writes nothing', async () => {
    const inner = new MemoryMockStore();
    const mocks = Array.from({ length: 4 }, () => newMock({ store: remote(inner) }));
    await prepare(mocks[0] ?? newMock(), 'never-locks');
    const answers = await Promise.all(
      Array.from({ length: N }, (_, i) => wrong(mocks[i % 4] ?? newMock())),
    );
    const acknowledged = answers.filter((a) => a.status === 200);
    for (const a of answers.filter((a) => a.status !== 200)) {
      expect(a.status).toBe(409);
      expect(a.bodyText).toContain('errors.pessimisticLockingFailure');
    }
    const final = JSON.parse(
      (await send(mocks[1] ?? newMock(), 'GET', passwordPath)).bodyText ?? '{}',
    );
    expect(final.failedLoginCount).toBe(acknowledged.length);
    expect(acknowledged.length).toBeGreaterThan(0);
  });

  it('exactly one of 100 concurrent PATCHes with the same version succeeds', async () => {
    const store = remote(new MemoryMockStore());
    const mocks = Array.from({ length: 4 }, () => newMock({ store }));
    await prepare(mocks[0] ?? newMock(), 'default');
    const { version } = JSON.parse(
      (await send(mocks[0] ?? newMock(), 'GET', passwordPath)).bodyText ?? '{}',
    );
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        send(mocks[i % 4] ?? newMock(), 'PATCH', passwordPath, {
          modificationComment: `writer ${i}`,
          version,
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(99);
    const final = JSON.parse(
      (await send(mocks[2] ?? newMock(), 'GET', passwordPath)).bodyText ?? '{}',
    );
    expect(final.version).toBe(version + 1);
  });
});
