/**
 * The request journal (issue 19, point 2), over real HTTP and in process:
 * what it lists, its filters, clearing, its bound, redaction of secrets,
 * and the testing kit's expectations over it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestJournal, redactBody } from '../../src/mock/journal.js';
import { type RunningServer, startNodeServer } from '../../src/server/node.js';
import {
  controlPath,
  defaultStart,
  expectNotRequested,
  expectRequested,
  httpSystem,
  inProcessSystem,
  type SystemUnderTest,
} from '../../src/testing/index.js';
import { MockServer } from '../../src/web/server.js';

const core = '/nevisidm/api/core/v1/c1/users/u1';
const login = '/nevisidm/api/auth/v1/c1/users/u1/password/login';
const secret = 'Str0ng!pass-of-u1';

let server: RunningServer;
let small: RunningServer;
beforeAll(async () => {
  server = await startNodeServer({
    mock: new MockServer({ seed: 1, start: defaultStart }),
    port: 0,
    log: undefined,
  });
  small = await startNodeServer({
    mock: new MockServer({ seed: 1, start: defaultStart, journalLimit: 3 }),
    port: 0,
    log: undefined,
  });
});
afterAll(async () => {
  await server.close();
  await small.close();
});

const systems = (): [string, () => SystemUnderTest][] => [
  ['in process', () => inProcessSystem()],
  ['over HTTP', () => httpSystem(server.url)],
];

const requests = async (system: SystemUnderTest, query = '') =>
  system.send({ method: 'GET', path: `${controlPath.requests}${query}` });

/** Journal entries without their time, which the two systems agree on anyway. */
const listed = async (system: SystemUnderTest, query = ''): Promise<unknown[]> => {
  const answer = await requests(system, query);
  expect(answer.status).toBe(200);
  return (answer.body as { requests: unknown[] }).requests;
};

/** A user with a password, a refused login, a token's read and a 404. */
const scenario = async (system: SystemUnderTest): Promise<void> => {
  await system.control?.reset();
  await system.control?.putUser('c1', 'u1');
  const token = (await system.control?.selfAdminToken('c1', 'u1')) ?? '';
  await system.send({
    method: 'POST',
    path: `${core}/password`,
    body: { password: secret, stateName: 'active' },
  });
  await system.control?.advanceClock(5_000);
  await system.send({ method: 'POST', path: login, body: { password: 'wrong-guess' } });
  await system.send({ method: 'GET', path: `${core}/password?x=1`, headers: { 'X-Token': token } });
  await system.send({ method: 'GET', path: `${core}/puk` });
};

describe.each(systems())('the request journal %s', (_name, make) => {
  it('lists the answered requests, oldest first, without control requests, secrets redacted', async () => {
    const system = make();
    await scenario(system);
    expect(await listed(system)).toEqual([
      {
        seq: 1,
        at: '2026-01-01T00:00:00.000Z',
        method: 'POST',
        path: `${core}/password`,
        query: '',
        caller: 'admin',
        status: 201,
        body: { password: '<redacted>', stateName: 'active' },
      },
      {
        seq: 2,
        at: '2026-01-01T00:00:05.000Z',
        method: 'POST',
        path: login,
        query: '',
        caller: 'admin',
        status: 200,
        body: { password: '<redacted>' },
      },
      {
        seq: 3,
        at: '2026-01-01T00:00:05.000Z',
        method: 'GET',
        path: `${core}/password`,
        query: 'x=1',
        caller: 'self-admin',
        status: 200,
      },
      {
        seq: 4,
        at: '2026-01-01T00:00:05.000Z',
        method: 'GET',
        path: `${core}/puk`,
        query: '',
        caller: 'admin',
        status: 404,
      },
    ]);
    const whole = JSON.stringify((await requests(system)).body);
    expect(whole).not.toContain(secret);
    expect(whole).not.toContain('wrong-guess');
  });

  it('filters by method, path prefix, status and time', async () => {
    const system = make();
    await scenario(system);
    const seqs = async (query: string) =>
      (await listed(system, query)).map((e) => (e as { seq: number }).seq);
    expect(await seqs('?method=get')).toEqual([3, 4]);
    expect(await seqs(`?path=${encodeURIComponent('/nevisidm/api/auth/')}`)).toEqual([2]);
    expect(await seqs('?status=404')).toEqual([4]);
    expect(await seqs('?status=2xx')).toEqual([1, 2, 3]);
    expect(await seqs('?since=2026-01-01T00:00:01Z')).toEqual([2, 3, 4]);
    expect(await seqs('?until=2026-01-01T00:00:04Z')).toEqual([1]);
    expect(await seqs('?method=POST&status=2xx&since=2026-01-01T00:00:05Z')).toEqual([2]);
  });

  it('refuses bad filters with 422, one error per problem', async () => {
    const answer = await requests(make(), '?status=teapot&since=yesterday&colour=red&method=GET');
    expect(answer.status).toBe(422);
    const messages = (answer.body as { errors: { message: string }[] }).errors.map(
      (e) => e.message,
    );
    expect(messages).toHaveLength(3);
    expect(messages[0]).toMatch(/^status: got "teapot"/);
    expect(messages[1]).toMatch(/^since: got "yesterday", expected an ISO-8601 instant/);
    expect(messages[2]).toMatch(
      /^colour: unknown filter; known: method, path, status, since, until/,
    );
  });

  it('is emptied by DELETE /__mock/requests and by a reset', async () => {
    const system = make();
    await scenario(system);
    expect((await system.send({ method: 'DELETE', path: controlPath.requests })).status).toBe(204);
    expect(await listed(system)).toEqual([]);
    await system.send({ method: 'GET', path: `${core}/puk` });
    expect(await listed(system)).toMatchObject([{ seq: 1, status: 404 }]);
    await system.control?.reset();
    expect(await listed(system)).toEqual([]);
  });

  it('backs expectRequested and expectNotRequested', async () => {
    const system = make();
    await scenario(system);
    expect(await expectRequested(system, { method: 'POST', path: login })).toHaveLength(1);
    await expectRequested(system, { method: 'GET', path: '/nevisidm/*' }, 2);
    await expectNotRequested(system, { method: 'DELETE' });
    await expect(
      expectRequested(system, { method: 'DELETE', path: `${core}/puk` }),
    ).rejects.toThrow(
      `expected a request DELETE ${core}/puk, but none matched; the journal holds 4:\n` +
        `  #1 POST ${core}/password → 201\n` +
        `  #2 POST ${login} → 200\n` +
        `  #3 GET ${core}/password?x=1 → 200\n` +
        `  #4 GET ${core}/puk → 404`,
    );
    await expect(
      expectRequested(system, { method: 'GET', path: '/nevisidm/*' }, 1),
    ).rejects.toThrow(
      /^expected 1 request GET \/nevisidm\/\*, but 2 matched; the journal holds 4:/,
    );
    await expect(expectNotRequested(system, { status: 404 })).rejects.toThrow(
      `expected no request (any method) (any path) → 404, but 1 matched; matching 1:\n  #4 GET ${core}/puk → 404`,
    );
  });
});

describe('a journal of at most N entries', () => {
  const bounded: [string, () => SystemUnderTest][] = [
    ['in process', () => inProcessSystem({ journalLimit: 3 })],
    ['over HTTP', () => httpSystem(small.url)],
  ];
  it.each(bounded)('drops the oldest and says how many it dropped (%s)', async (_name, make) => {
    const system = make();
    await system.control?.reset();
    for (const user of ['a', 'b', 'c', 'd', 'e']) {
      await system.send({ method: 'GET', path: `/nevisidm/api/core/v1/c1/users/${user}/puk` });
    }
    const answer = await requests(system);
    expect(answer.body).toMatchObject({
      limit: 3,
      dropped: 2,
      warning: '2 older requests were dropped: the journal holds at most 3',
    });
    const paths = (answer.body as { requests: { path: string; seq: number }[] }).requests;
    expect(paths.map((e) => [e.seq, e.path.split('/')[7]])).toEqual([
      [3, 'c'],
      [4, 'd'],
      [5, 'e'],
    ]);
    await system.send({ method: 'DELETE', path: controlPath.requests });
    expect((await requests(system)).body).toEqual({ requests: [], limit: 3, dropped: 0 });
  });

  it('keeps the newest min(N, n) of n requests, for all N and n', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.nat(50), (limit, n) => {
        const journal = new RequestJournal(limit);
        for (let i = 0; i < n; i++) {
          journal.record({
            at: i,
            method: 'GET',
            path: `/${i}`,
            query: '',
            caller: 'admin',
            status: 200,
            body: undefined,
          });
        }
        const { entries, dropped } = journal.read();
        const kept = Math.min(limit, n);
        expect(entries.map((e) => e.seq)).toEqual(
          Array.from({ length: kept }, (_, i) => n - kept + i + 1),
        );
        expect(dropped).toBe(n - kept);
      }),
    );
  });
});

describe('redactBody', () => {
  it('replaces every secret field at any depth and keeps everything else', () => {
    const secretKeys = ['password', 'tempStrongPassword', 'ticket', 'puk', 'passwordFragment'];
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom(...secretKeys),
        fc.string({ minLength: 8 }),
        (other, key, plaintext) => {
          const body = { [key]: plaintext, nested: [{ [key]: plaintext, other }], other };
          const redacted = redactBody(body) as Record<string, unknown>;
          expect(redacted[key]).toBe('<redacted>');
          expect(redacted.nested).toEqual([{ [key]: '<redacted>', other: redactBody(other) }]);
          expect(JSON.stringify(redacted)).not.toContain(JSON.stringify(plaintext));
        },
      ),
    );
  });
});
