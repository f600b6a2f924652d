/**
 * Concurrent requests over the async port give the sequential model's
 * result, for every interleaving: fast-check's scheduler decides when each
 * load and save of a shared MemoryStore happens, and requests are spread over
 * several "processes" (each with its own UserQueue, as several servers over
 * one database would be). Without `exclusive`, a request may run out of
 * attempts (409) and then writes nothing; with it (a lock shared by the
 * processes, as a row lock would be), every request is counted.
 */
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect } from 'vitest';
import { ErrorCode } from '../../src/domain/errors.js';
import type { HttpAnswer } from '../../src/operations/answer.js';
import { handleWith } from '../../src/operations/handle-with.js';
import type { CredentialRepository } from '../../src/operations/repository.js';
import type { MemoryStore } from '../../src/operations/store.js';
import { UserQueue } from '../../src/operations/user-queue.js';
import { seededRandom } from '../../src/secret/random.js';
import {
  admin,
  CLIENT,
  corePath,
  loginPathOf,
  objectBody,
  storeWithPassword,
  T0,
  USER,
} from './support.js';

type PolicyChoice = 'default' | 'never-locks';

const env = () => ({ now: T0, random: seededRandom(5) });
const wrongLogin = {
  method: 'POST',
  path: loginPathOf('password'),
  body: { password: 'wrong' },
  principal: admin,
};

/** Across all runs: how often a compare-and-set lost (the properties are not vacuous). */
const seen = { conflicts: 0, exhausted: 0 };

/**
 * The store as a repository whose every load and save waits until the
 * scheduler lets it run; with `exclusive`, one lock over all processes.
 */
const scheduled = (
  s: fc.Scheduler,
  store: MemoryStore,
  exclusive: boolean,
): CredentialRepository => {
  const repository: CredentialRepository = {
    load: async (clientExtId, userExtId) => {
      await s.schedule(Promise.resolve(), `load ${userExtId}`);
      return store.load(clientExtId, userExtId);
    },
    save: async (user, expected) => {
      await s.schedule(Promise.resolve(), `save ${user.userExtId} over ${expected}`);
      const outcome = store.save(user, expected);
      if (outcome === 'conflict') seen.conflicts++;
      return outcome;
    },
  };
  if (!exclusive) return repository;
  const lock = new UserQueue();
  return {
    ...repository,
    exclusive: (clientExtId, userExtId, task) =>
      lock.run(clientExtId, userExtId, () => task(repository)),
  };
};

/** Sends the requests at once, request i through process i mod `processes`. */
const concurrently = (
  s: fc.Scheduler,
  store: MemoryStore,
  processes: number,
  requests: readonly Parameters<typeof handleWith>[1][],
  exclusive = false,
  attempts?: number,
): Promise<HttpAnswer[]> => {
  const repository = scheduled(s, store, exclusive);
  const queues = Array.from({ length: processes }, () => new UserQueue());
  return s.waitFor(
    Promise.all(
      requests.map((r, i) =>
        handleWith(repository, r, env(), { queue: queues[i % processes], attempts }),
      ),
    ),
  );
};

const sorted = (answers: readonly HttpAnswer[]): string[] =>
  answers.map((a) => JSON.stringify(a)).sort();

const isExhausted = (a: HttpAnswer) =>
  a.status === 409 &&
  JSON.stringify(objectBody(a).errors).includes(ErrorCode.pessimisticLockingFailure);

describe('concurrent requests over the async port', () => {
  afterAll(() => {
    // The interleavings did make compare-and-sets lose, so the retries were exercised.
    expect(seen.conflicts).toBeGreaterThan(0);
    expect(seen.exhausted).toBeGreaterThan(0);
  });

  test.prop(
    [
      fc.scheduler(),
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 4 }),
      fc.constantFrom<PolicyChoice>('default', 'never-locks'),
      fc.boolean(),
      fc.integer({ min: 1, max: 10 }),
    ],
    { numRuns: 200 },
  )(
    'n concurrent failed logins over k processes end as n sequential ones (a 409 writes nothing)',
    async (s, n, processes, policy, exclusive, attempts) => {
      const store = storeWithPassword(policy);
      const logins = Array(n).fill(wrongLogin);
      const answers = await concurrently(s, store, processes, logins, exclusive, attempts);
      const acknowledged = answers.filter((a) => !isExhausted(a));
      seen.exhausted += n - acknowledged.length;
      if (exclusive) expect(acknowledged).toHaveLength(n);

      const model = storeWithPassword(policy);
      const expected = acknowledged.map(() => model.handle(wrongLogin, env()));
      expect(sorted(acknowledged)).toEqual(sorted(expected));
      expect(store.user(CLIENT, USER)).toEqual(model.user(CLIENT, USER));
    },
  );

  test.prop([fc.scheduler()], { numRuns: 5 })(
    '200 concurrent failed logins on one password over 4 processes with exclusive: every one counted',
    async (s) => {
      const store = storeWithPassword('never-locks');
      const answers = await concurrently(s, store, 4, Array(200).fill(wrongLogin), true);
      expect(answers.filter(isExhausted)).toEqual([]);
      const model = storeWithPassword('never-locks');
      const expected = answers.map(() => model.handle(wrongLogin, env()));
      expect(sorted(answers)).toEqual(sorted(expected));
      expect(store.user(CLIENT, USER)).toEqual(model.user(CLIENT, USER));
      expect(
        store.user(CLIENT, USER)?.credentials.password?.lifecycle.context.failedLoginCount,
      ).toBe(200);
    },
  );

  test.prop([fc.scheduler(), fc.integer({ min: 2, max: 30 }), fc.integer({ min: 1, max: 4 })], {
    numRuns: 150,
  })(
    'concurrent PATCHes with the same version: exactly one 200, the rest 409, one version step',
    async (s, n, processes) => {
      const store = storeWithPassword('default');
      const version = store.user(CLIENT, USER)?.credentials.password?.lifecycle.context.version;
      const patches = Array.from({ length: n }, (_, i) => ({
        method: 'PATCH',
        path: corePath('password'),
        body: { modificationComment: `writer ${i}`, version },
        principal: admin,
      }));
      const answers = await concurrently(s, store, processes, patches);
      const winners = answers.flatMap((a, i) => (a.status === 200 ? [i] : []));
      expect(winners).toHaveLength(1);
      for (const a of answers.filter((a) => a.status !== 200)) {
        expect(a.status).toBe(409);
        expect(objectBody(a).errors).toEqual([
          expect.objectContaining({ code: ErrorCode.pessimisticLockingFailure }),
        ]);
      }
      const stored = store.user(CLIENT, USER)?.credentials.password;
      expect(stored?.lifecycle.context.version).toBe((version ?? 0) + 1);
      expect(objectBody(answers[winners[0] ?? 0] ?? { status: 0, headers: {} })).toMatchObject({
        modificationComment: `writer ${winners[0]}`,
        version: (version ?? 0) + 1,
      });
    },
  );
});
