/**
 * Four `credential-lifecycle serve --database` processes over one real
 * PostgreSQL database (a throwaway cluster of the test's own when initdb and
 * pg_ctl are installed, else DATABASE_URL; skipped, saying why, when there is
 * neither):
 * - 200 concurrent wrong-password logins spread over the processes end where
 *   200 sequential ones end in the model (no lost update), and their answers
 *   are the sequential answers in some order;
 * - of 100 concurrent PATCHes with the same version, exactly one is 200;
 * - the conformance runner's `--parallel` mode, through a proxy that spreads
 *   every request over the four processes, finds nothing;
 * - the database going away mid-request answers 503 with a nevis error body,
 *   and after a restart of the database and of the servers every
 *   acknowledged change is still there (own cluster only: it is stopped).
 */
import { execFile } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlPath } from '../../src/mock/paths.js';
import { credentialPath, loginPath } from '../../src/operations/route.js';
import { MockServer } from '../../src/web/server.js';
import {
  buildCli,
  type Cluster,
  hasPostgresBinaries,
  roundRobinProxy,
  type ServerProcess,
  send,
  startCluster,
  startServer,
} from './processes.js';
import { databaseUrl, freshSchema } from './support.js';

const own = hasPostgresBinaries();
const external = databaseUrl();
const skipped = own
  ? undefined
  : external !== undefined
    ? undefined
    : 'no real PostgreSQL: neither initdb/pg_ctl (apt-get install postgresql) nor DATABASE_URL';
const restartSkipped = own
  ? undefined
  : 'stopping the database needs a cluster of the test’s own: install postgresql (initdb, pg_ctl)';
if (skipped !== undefined) console.warn(`test/postgres/processes.test.ts skipped: ${skipped}`);
else if (restartSkipped !== undefined) console.warn(`restart tests skipped: ${restartSkipped}`);

const frozenAt = '2026-03-01T12:00:00Z';
const password = 'Correct-Horse-42';

let cluster: Cluster | undefined;
let build: ReturnType<typeof buildCli> | undefined;
let database = '';
let schema = '';
let servers: ServerProcess[] = [];

const startServers = async () => {
  servers = await Promise.all(
    [0, 1, 2, 3].map((i) => startServer(build?.cli ?? '', database, schema, ports[i] ?? 0)),
  );
  ports = servers.map((s) => Number(new URL(s.url).port));
};
let ports: number[] = [];
const stopServers = async () => {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
};
const urlOf = (i: number): string => servers[i % servers.length]?.url ?? '';

describe.skipIf(skipped !== undefined)(
  `four server processes over one PostgreSQL database${skipped === undefined ? '' : ` (skipped: ${skipped})`}`,
  () => {
    beforeAll(async () => {
      cluster = own ? startCluster() : undefined;
      database = cluster?.url ?? external ?? '';
      schema = freshSchema('processes');
      build = buildCli();
      await startServers();
    }, 240_000);

    afterAll(async () => {
      await stopServers();
      if (cluster === undefined && database !== '') {
        const client = new pg.Client({ connectionString: database });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      }
      cluster?.remove();
      build?.remove();
    }, 60_000);

    /** Reset, the clock frozen, one user with a password: through the first process. */
    const preparePassword = async (base: string, policy?: unknown) => {
      expect((await send(base, 'POST', controlPath.reset)).status).toBe(204);
      expect((await send(base, 'PUT', controlPath.clock, { now: frozenAt })).status).toBe(204);
      if (policy !== undefined) {
        expect((await send(base, 'PUT', controlPath.policy('c1', 'p'), policy)).status).toBe(204);
      }
      expect((await send(base, 'PUT', controlPath.user('c1', 'u1'))).status).toBe(204);
      const created = await send(base, 'POST', credentialPath('c1', 'u1', 'password'), {
        password,
      });
      expect(created.status).toBe(201);
    };

    /** The credential as GET answers it, without its random extId and salted hash. */
    const withoutExtId = (body: unknown) => {
      const { extId: _extId, password: _hash, ...rest } = body as Record<string, unknown>;
      return rest;
    };
    /** Fail-locked at the 150th failure, never temporarily: 150 counted, 50 refused. */
    const locksAt150 = {
      type: 'PwdPolicy',
      default: true,
      parameters: { maxCredFailureCount: '150', tmpLockingThreshold: '-1' },
    };

    it('200 concurrent wrong-password logins over 4 processes end as 200 sequential ones do in the model', async () => {
      await preparePassword(urlOf(0), locksAt150);
      const concurrent = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          send(urlOf(i), 'POST', loginPath('c1', 'u1', 'password'), { password: 'wrong' }),
        ),
      );
      const after = await send(urlOf(1), 'GET', credentialPath('c1', 'u1', 'password'));

      // The model: the in-memory mock, the same clock, the same requests one after another.
      const model = new MockServer({ start: Date.parse(frozenAt), seed: 1 });
      const ask = async (method: string, path: string, body?: unknown) => {
        const answer = await model.handle({
          method,
          path,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
          bodyText: body === undefined ? undefined : JSON.stringify(body),
        });
        return {
          status: answer.status,
          body: answer.bodyText ? JSON.parse(answer.bodyText) : undefined,
        };
      };
      await ask('PUT', controlPath.policy('c1', 'p'), locksAt150);
      await ask('PUT', controlPath.user('c1', 'u1'));
      await ask('POST', credentialPath('c1', 'u1', 'password'), { password });
      const sequential = [];
      for (let i = 0; i < 200; i++) {
        sequential.push(
          await ask('POST', loginPath('c1', 'u1', 'password'), { password: 'wrong' }),
        );
      }
      const expected = await ask('GET', credentialPath('c1', 'u1', 'password'));

      expect(after.status).toBe(200);
      expect(withoutExtId(after.body)).toEqual(withoutExtId(expected.body));
      // Linearizable at one instant: the same answers, in some order.
      const sorted = (answers: readonly unknown[]) => answers.map((a) => JSON.stringify(a)).sort();
      expect(sorted(concurrent)).toEqual(sorted(sequential));
      // Not vacuous: the model counted 150 failures, then locked the password.
      expect(expected.body).toMatchObject({ failedLoginCount: 150, stateName: 'fail-locked' });
    }, 120_000);

    it('of 100 concurrent PATCHes with the same version over 4 processes, exactly one is 200', async () => {
      await preparePassword(urlOf(0));
      const path = credentialPath('c1', 'u1', 'password');
      const before = (await send(urlOf(0), 'GET', path)).body as { version: number };
      const replies = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          send(urlOf(i), 'PATCH', path, {
            modificationComment: `writer ${i}`,
            version: before.version,
          }),
        ),
      );
      const statuses = replies.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(99);
      for (const r of replies.filter((r) => r.status === 409)) {
        expect(r.body).toEqual({
          errors: [{ code: 'errors.pessimisticLockingFailure', message: expect.any(String) }],
        });
      }
      const after = (await send(urlOf(3), 'GET', path)).body as {
        version: number;
        modificationComment: string;
      };
      expect(after.version).toBe(before.version + 1);
      const winner = replies.findIndex((r) => r.status === 200);
      expect(after.modificationComment).toBe(`writer ${winner}`);
    }, 120_000);

    it('conformance --parallel through a proxy over the 4 processes finds nothing', async () => {
      const proxy = await roundRobinProxy(servers.map((s) => s.url));
      try {
        const result = await new Promise<{ code: number; out: string }>((resolve) => {
          execFile(
            process.execPath,
            [
              build?.cli ?? '',
              'conformance',
              '--base-url',
              proxy.url,
              '--parallel',
              '--runs',
              '30',
              '--seed',
              '4',
              '--quiet',
            ],
            { encoding: 'utf8', timeout: 240_000 },
            (error, stdout, stderr) =>
              resolve({
                code: error === null ? 0 : Number(error.code ?? 1),
                out: `${stdout}\n${stderr}`,
              }),
          );
        });
        expect(result.code, result.out).toBe(0);
        expect(result.out).toMatch(/conformance: 30 parallel runs/);
      } finally {
        await proxy.close();
      }
    }, 300_000);

    describe.skipIf(restartSkipped !== undefined)(
      `the database going away${restartSkipped === undefined ? '' : ` (skipped: ${restartSkipped})`}`,
      () => {
        it('answers 503 mid-request; after a restart of the database and the servers every acknowledged change is there', async () => {
          const base = urlOf(0);
          expect((await send(base, 'POST', controlPath.reset)).status).toBe(204);
          const never = {
            type: 'PwdPolicy',
            default: true,
            parameters: { maxCredFailureCount: '-1', tmpLockingThreshold: '-1' },
          };
          expect(
            (await send(base, 'PUT', controlPath.policy('c1', 'never-locks'), never)).status,
          ).toBe(204);
          const users = Array.from({ length: 8 }, (_, i) => `w${i}`);
          const tickets = new Map<string, string>();
          for (const user of users) {
            expect((await send(base, 'PUT', controlPath.user('c1', user))).status).toBe(204);
            expect(
              (await send(base, 'POST', credentialPath('c1', user, 'password'), { password }))
                .status,
            ).toBe(201);
            const ticket = await send(
              urlOf(users.indexOf(user)),
              'POST',
              credentialPath('c1', user, 'ticket'),
              {},
            );
            expect(ticket.status).toBe(201);
            tickets.set(user, String((ticket.body as { extId: string }).extId));
          }

          // A request held inside its transaction: the test takes the user's advisory lock first.
          const holder = new pg.Client({ connectionString: database });
          holder.on('error', () => {});
          await holder.connect();
          await holder.query('BEGIN');
          await holder.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
            JSON.stringify([schema, 'c1', 'w0']),
          ]);
          const held = [0, 1, 2, 3].map((i) =>
            send(urlOf(i), 'POST', loginPath('c1', 'w0', 'password'), { password: 'wrong' }),
          );

          // Meanwhile every worker fails logins on its own user, one after another.
          const acknowledged = new Map(users.map((u) => [u, 0]));
          const attempted = new Map(users.map((u) => [u, 0]));
          const unavailable: unknown[] = [];
          let stop = false;
          const workers = users.slice(1).map(async (user, i) => {
            while (!stop) {
              attempted.set(user, (attempted.get(user) ?? 0) + 1);
              const reply = await send(urlOf(i), 'POST', loginPath('c1', user, 'password'), {
                password: 'wrong',
              }).catch(() => ({ status: 0, body: undefined }));
              if (reply.status === 200) acknowledged.set(user, (acknowledged.get(user) ?? 0) + 1);
              else if (reply.status === 503) unavailable.push(reply.body);
              else throw new Error(`unexpected ${reply.status}: ${JSON.stringify(reply.body)}`);
              if (reply.status === 503 && unavailable.length > 40) return;
            }
          });
          await new Promise((resolve) => setTimeout(resolve, 1_500));
          cluster?.crash();
          const heldReplies = await Promise.all(held);
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          stop = true;
          await Promise.all(workers);
          await holder.end().catch(() => {});

          for (const reply of [...heldReplies]) {
            expect(reply.status).toBe(503);
            expect(reply.body).toEqual({
              errors: [{ code: 'errors.serviceUnavailable', message: expect.any(String) }],
            });
          }
          expect(unavailable.length).toBeGreaterThan(0);
          for (const body of unavailable) {
            expect(body).toEqual({
              errors: [{ code: 'errors.serviceUnavailable', message: expect.any(String) }],
            });
          }
          const total = [...acknowledged.values()].reduce((a, b) => a + b, 0);
          expect(total).toBeGreaterThan(0);

          // The servers recover on their own once the database is back …
          cluster?.restart();
          expect((await send(urlOf(2), 'GET', credentialPath('c1', 'w1', 'ticket'))).status).toBe(
            200,
          );
          // … and after a restart of the servers too, everything acknowledged is there.
          await stopServers();
          await startServers();
          for (const [i, user] of users.entries()) {
            const ticket = await send(urlOf(i), 'GET', credentialPath('c1', user, 'ticket'));
            expect(ticket.status).toBe(200);
            expect((ticket.body as { extId: string }).extId).toBe(tickets.get(user));
            const stored = await send(urlOf(i + 1), 'GET', credentialPath('c1', user, 'password'));
            const failed = (stored.body as { failedLoginCount: number }).failedLoginCount;
            // Every acknowledged failure counted; at most the unacknowledged attempts more.
            expect(failed).toBeGreaterThanOrEqual(acknowledged.get(user) ?? 0);
            expect(failed).toBeLessThanOrEqual(attempted.get(user) ?? 0);
          }
          // The policy and the clock's setting survived too.
          const policies = await send(urlOf(3), 'GET', controlPath.policies('c1'));
          expect(JSON.stringify(policies.body)).toContain('never-locks');
        }, 180_000);
      },
    );
  },
);
