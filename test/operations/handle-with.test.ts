/**
 * The shell over the async port: load, decide, compare-and-set; a lost
 * compare-and-set is decided again on the reloaded record, at most
 * `attempts` times, then 409 with the nevis error body and nothing of the
 * request written. Conflicts are injected by a repository over a MemoryStore
 * that lets "another process" write just before a save.
 */
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/domain/errors.js';
import type { HttpAnswer } from '../../src/operations/answer.js';
import { defaultAttempts, handleWith, updateUser } from '../../src/operations/handle-with.js';
import type { Principal } from '../../src/operations/principal.js';
import {
  type CredentialRepository,
  RepositoryUnavailableError,
  type SaveOutcome,
} from '../../src/operations/repository.js';
import type { MemoryStore } from '../../src/operations/store.js';
import type { UserRecord } from '../../src/operations/user.js';
import { UserQueue } from '../../src/operations/user-queue.js';
import { verifySecret } from '../../src/secret/hash.js';
import { seededRandom } from '../../src/secret/random.js';
import {
  admin,
  adminWithOnly,
  CLIENT,
  corePath,
  Harness,
  loginPathOf,
  objectBody,
  PASSWORD,
  storeWithPassword,
  stringField,
  T0,
  USER,
} from './support.js';

const emptyUser: UserRecord = { clientExtId: CLIENT, userExtId: USER, credentials: {} };

interface Spy {
  readonly repository: CredentialRepository;
  readonly saves: { readonly user: UserRecord; readonly outcome: SaveOutcome }[];
  loads: number;
}

/**
 * The store as a repository whose first `conflicts` saves lose: just before
 * each, `interfere` writes to the store as another process would.
 */
const interfered = (store: MemoryStore, conflicts: number, interfere: () => void): Spy => {
  let left = conflicts;
  const spy: Spy = {
    saves: [],
    loads: 0,
    repository: {
      load: (clientExtId, userExtId) => {
        spy.loads++;
        return store.load(clientExtId, userExtId);
      },
      save: (user, expected) => {
        if (left > 0) {
          left--;
          interfere();
        }
        const outcome = store.save(user, expected);
        spy.saves.push({ user, outcome });
        return outcome;
      },
    },
  };
  return spy;
};

const env = (seed = 5) => ({ now: T0, random: seededRandom(seed) });
const request = (method: string, path: string, body?: unknown, principal: Principal = admin) => ({
  method,
  path,
  body,
  principal,
});
const wrongLogin = request('POST', loginPathOf('password'), { password: 'wrong' });

/** Another process's failed login, through the synchronous cycle on the same store. */
const failedLoginBy = (store: MemoryStore) => () => {
  store.handle(wrongLogin, env(99));
};

/** Creates u1's TSP through the shell, keeping every decision's answer (saved or not). */
const createTsp = async (repository: CredentialRepository) => {
  const decisions: HttpAnswer[] = [];
  const answer = await handleWith(
    repository,
    request('POST', corePath('tempStrongPassword'), {}),
    env(),
    {
      revise: (result) => {
        decisions.push(result.answer);
        return result;
      },
    },
  );
  return { answer, decisions };
};

describe('handleWith over a repository with injected conflicts', () => {
  it('decides a lost compare-and-set again on the reloaded record: both failed logins count', async () => {
    const store = storeWithPassword();
    const spy = interfered(store, 1, failedLoginBy(store));
    const answer = await handleWith(spy.repository, wrongLogin, env());

    // The sequential model: two failed logins, one after the other.
    const model = storeWithPassword();
    const first = model.handle(wrongLogin, env());
    const second = model.handle(wrongLogin, env());
    expect(first.body).toEqual({
      statusCode: 3,
      description: 'login failed; the next failure locks the credential',
    });
    expect(answer).toEqual(second);
    expect(store.user(CLIENT, USER)).toEqual(model.user(CLIENT, USER));
    expect(store.user(CLIENT, USER)?.credentials.password?.lifecycle.state).toBe('tmp-locked');
    expect(spy.loads).toBe(2);
    expect(spy.saves.map((s) => s.outcome)).toEqual(['conflict', 'saved']);
  });

  it('answers 409 with the nevis body when every attempt loses, and writes nothing of the request', async () => {
    const store = storeWithPassword('never-locks');
    const spy = interfered(store, Number.POSITIVE_INFINITY, failedLoginBy(store));
    const answer = await handleWith(spy.repository, request('POST', corePath('puk'), {}), env());

    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({
      errors: [
        {
          code: ErrorCode.pessimisticLockingFailure,
          message: `the record of user u1 changed concurrently ${defaultAttempts} times in a row; retry the request`,
        },
      ],
    });
    expect(spy.loads).toBe(defaultAttempts);
    expect(spy.saves.map((s) => s.outcome)).toEqual(Array(defaultAttempts).fill('conflict'));
    // Only the other process's ten failed logins are stored; no PUK, no half of it.
    const model = storeWithPassword('never-locks');
    for (let i = 0; i < defaultAttempts; i++) model.handle(wrongLogin, env(99));
    expect(store.user(CLIENT, USER)).toEqual(model.user(CLIENT, USER));
    expect(store.user(CLIENT, USER)?.credentials.puk).toBeUndefined();
    expect(store.user(CLIENT, USER)?.credentials.password?.lifecycle.context.failedLoginCount).toBe(
      defaultAttempts,
    );
  });

  it('takes `attempts` and awaits `pause` between them', async () => {
    const store = storeWithPassword('never-locks');
    const spy = interfered(store, Number.POSITIVE_INFINITY, failedLoginBy(store));
    const pauses: number[] = [];
    const answer = await handleWith(spy.repository, wrongLogin, env(), {
      attempts: 3,
      pause: async (attempt) => {
        pauses.push(attempt);
      },
    });
    expect(answer.status).toBe(409);
    expect(objectBody(answer).errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('3 times in a row') }),
    ]);
    expect(spy.loads).toBe(3);
    expect(pauses).toEqual([1, 2]);
  });

  it('answers a retried create with the secret it stored, never the one it discarded', async () => {
    const store = storeWithPassword();
    // A concurrent write that changes nothing but the revision.
    const touch = () => {
      const user = store.user(CLIENT, USER);
      if (user !== undefined) store.putUser(user);
    };
    const spy = interfered(store, 1, touch);
    const { answer, decisions } = await createTsp(spy.repository);
    expect(answer.status).toBe(201);
    const shown = stringField(answer, 'tempStrongPassword');
    const [discarded, saved] = spy.saves.map((s) => s.user.credentials.tempStrongPassword);
    expect(spy.saves.map((s) => s.outcome)).toEqual(['conflict', 'saved']);
    // The retry drew a new secret; the answer is the saved decision's.
    const [first, second] = decisions.map((d) => stringField(d, 'tempStrongPassword'));
    expect(first).not.toBe(second);
    expect(shown).toBe(second);
    expect(saved?.secretHash).toBe(
      store.user(CLIENT, USER)?.credentials.tempStrongPassword?.secretHash,
    );
    expect(verifySecret(shown, saved?.secretHash ?? '')).toEqual(E.right(true));
    expect(verifySecret(shown, discarded?.secretHash ?? '')).toEqual(E.right(false));
  });

  it('shows no secret when the retry is refused: another process created the TSP first', async () => {
    const store = storeWithPassword();
    const other = new Harness(store, T0, 77);
    const spy = interfered(store, 1, () => {
      expect(other.create('tempStrongPassword').status).toBe(201);
    });
    const { answer, decisions } = await createTsp(spy.repository);
    expect(answer.status).toBe(422);
    expect(objectBody(answer).errors).toEqual([
      expect.objectContaining({ code: ErrorCode.tempStrongPasswordExists }),
    ]);
    const discarded = stringField(decisions[0] ?? { status: 0, headers: {} }, 'tempStrongPassword');
    expect(JSON.stringify(answer)).not.toContain(discarded);
    expect(store.user(CLIENT, USER)?.credentials.tempStrongPassword?.secretHash).not.toBe(
      spy.saves[0]?.user.credentials.tempStrongPassword?.secretHash,
    );
    expect(spy.saves).toHaveLength(1);
  });

  it('writes nothing for a refused request or one that changes nothing', async () => {
    const store = storeWithPassword();
    const spy = interfered(store, 0, () => undefined);
    const before = store.load(CLIENT, USER).stored;
    const answers: HttpAnswer[] = [];
    for (const r of [
      request('GET', corePath('password')),
      request('GET', corePath('password', '', 'ghost')),
      request('POST', corePath('puk'), {}, adminWithOnly('AccessControl.CredentialView')),
      request('PATCH', corePath('password'), { version: 41 }),
      request('POST', corePath('password'), { password: PASSWORD }),
    ]) {
      answers.push(await handleWith(spy.repository, r, env()));
    }
    expect(answers.map((a) => a.status)).toEqual([200, 404, 403, 409, 422]);
    expect(spy.saves).toEqual([]);
    expect(store.load(CLIENT, USER).stored).toBe(before);
  });

  it('answers an unknown route without loading anything', async () => {
    const spy = interfered(storeWithPassword(), 0, () => undefined);
    const answer = await handleWith(spy.repository, request('GET', '/nevisidm/nope'), env());
    expect(answer.status).toBe(404);
    expect(spy.loads).toBe(0);
  });

  it('answers 503 when the repository is unavailable, and lets other failures through', async () => {
    const down: CredentialRepository = {
      load: async () => {
        throw new RepositoryUnavailableError('connection refused');
      },
      save: () => 'conflict',
    };
    const answer = await handleWith(down, wrongLogin, env());
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({
      errors: [
        { code: ErrorCode.serviceUnavailable, message: 'the credential store is unavailable' },
      ],
    });
    const broken: CredentialRepository = {
      load: () => {
        throw new TypeError('a defect');
      },
      save: () => 'conflict',
    };
    await expect(handleWith(broken, wrongLogin, env())).rejects.toThrow(TypeError);
  });
});

describe('the exclusive section and updateUser', () => {
  it('loads and saves through the repository `exclusive` hands over, inside the section', async () => {
    const store = storeWithPassword();
    const events: string[] = [];
    const scoped: CredentialRepository = {
      load: (c, u) => {
        events.push('load');
        return store.load(c, u);
      },
      save: (user, expected) => {
        events.push('save');
        return store.save(user, expected);
      },
    };
    const outside = () => {
      throw new Error('used outside the section');
    };
    const repository: CredentialRepository = {
      load: outside,
      save: outside,
      exclusive: async (clientExtId, userExtId, task) => {
        events.push(`enter ${clientExtId}/${userExtId}`);
        try {
          return await task(scoped);
        } finally {
          events.push('leave');
        }
      },
    };
    const answer = await handleWith(repository, wrongLogin, env(), { queue: new UserQueue() });
    expect(answer.status).toBe(200);
    expect(events).toEqual(['enter c1/u1', 'load', 'save', 'leave']);
    const added = await updateUser(
      repository,
      CLIENT,
      'u9',
      (u) => u ?? { ...emptyUser, userExtId: 'u9' },
    );
    expect(added).toBe('saved');
    expect(events.slice(4)).toEqual(['enter c1/u9', 'load', 'save', 'leave']);
  });

  it('a GET reads at once, outside the queue and the exclusive section', async () => {
    const store = storeWithPassword();
    const events: string[] = [];
    const repository: CredentialRepository = {
      load: (c, u) => {
        events.push('load');
        return store.load(c, u);
      },
      save: () => {
        throw new Error('a GET saved');
      },
      exclusive: async () => {
        throw new Error('a GET entered the section');
      },
    };
    const queue = new UserQueue();
    // A request of the same user holds the queue: the GET does not wait for it.
    let release = () => {};
    const holding = queue.run(
      CLIENT,
      USER,
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    const get = request('GET', corePath('password'));
    const answer = await handleWith(repository, get, env(), { queue });
    expect(answer.status).toBe(200);
    expect(events).toEqual(['load']);
    release();
    await holding;
  });

  it('updateUser saves, leaves an unchanged record alone, and gives up after `attempts` lost races', async () => {
    const store = storeWithPassword('never-locks');
    const rename = (u: UserRecord | undefined) =>
      u === undefined ? u : { ...u, loginId: 'carol' };
    expect(await updateUser(store, CLIENT, USER, rename)).toBe('saved');
    expect(store.user(CLIENT, USER)?.loginId).toBe('carol');
    expect(await updateUser(store, CLIENT, USER, (u) => u)).toBe('unchanged');
    expect(await updateUser(store, CLIENT, 'ghost', () => undefined)).toBe('unchanged');
    const spy = interfered(store, Number.POSITIVE_INFINITY, failedLoginBy(store));
    const toDave = (u: UserRecord | undefined) => (u === undefined ? u : { ...u, loginId: 'dave' });
    expect(await updateUser(spy.repository, CLIENT, USER, toDave, 3)).toBe('conflict');
    expect(spy.saves.map((s) => s.outcome)).toEqual(['conflict', 'conflict', 'conflict']);
    expect(store.user(CLIENT, USER)?.loginId).toBe('carol');
  });
});

describe('UserQueue', () => {
  const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

  it('runs the tasks of one user one at a time, in order; other users side by side', async () => {
    const queue = new UserQueue();
    const events: string[] = [];
    const task = (name: string) => async () => {
      events.push(`start ${name}`);
      await tick();
      events.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      queue.run('c', 'u1', task('a')),
      queue.run('c', 'u1', task('b')),
      queue.run('c', 'u2', task('x')),
      queue.run('c', 'u1', task('c')),
    ]);
    expect(results).toEqual(['a', 'b', 'x', 'c']);
    const u1 = events.filter((e) => !e.endsWith('x'));
    expect(u1).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    // u2's task started while u1's first one was still running.
    expect(events.indexOf('start x')).toBeLessThan(events.indexOf('end a'));
    await tick();
    expect(queue.busyUsers).toBe(0);
  });

  it('keys users unambiguously and runs the next task after a rejection', async () => {
    const queue = new UserQueue();
    let running = 0;
    let most = 0;
    const task = async () => {
      running++;
      most = Math.max(most, running);
      await tick();
      running--;
    };
    // 'ab' + 'c' and 'a' + 'bc' are different users.
    await Promise.all([queue.run('ab', 'c', task), queue.run('a', 'bc', task)]);
    expect(most).toBe(2);
    const failed = queue.run('c', 'u', async () => {
      throw new Error('boom');
    });
    const next = queue.run('c', 'u', async () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });
});
