/**
 * Operations throughput: the five seed operations through the dispatcher
 * (routing, authorisation, decoding, the lifecycle, hashing, the answer),
 * GET TSP through a MemoryStore of 100 versus 100,000 users, and GET TSP and
 * a failed login through the synchronous cycle (`MemoryStore.handle`) versus
 * the async port (`handleWith` over the same kind of store), in one run.
 * Record figures in docs/performance.md under "## Operations".
 */
import { either as E } from 'fp-ts';
import { bench, describe } from 'vitest';
import {
  type ApiRequest,
  type Directory,
  dispatch,
  type Environment,
  handleWith,
  MemoryStore,
  UserQueue,
  type UserRecord,
} from '../src/operations/index.js';
import { defaultPolicyBook } from '../src/operations/policy-book.js';
import { superAdmin } from '../src/operations/principal.js';
import { decodePolicy } from '../src/policy/decode.js';
import { seededRandom } from '../src/secret/random.js';

const T0 = Date.UTC(2026, 4, 4, 12, 0, 0);
const options = { time: 2_000, warmupTime: 1_000, warmupIterations: 500 };
const admin = superAdmin('ops');
const env: Environment = { now: T0, random: seededRandom(7) };
const base = '/nevisidm/api/core/v1/c1/users/u1';
const book = defaultPolicyBook();

const send = (user: UserRecord, method: string, path: string, body?: unknown): UserRecord => {
  const directory: Directory = { user: () => user, policies: () => book };
  const request: ApiRequest = { method, path, body, principal: admin };
  const r = dispatch(request, directory, env);
  if (E.isLeft(r)) throw new Error(`bench setup: ${method} ${path} refused`);
  return r.right.result.user;
};

/** A user holding one credential of every kind (and a password). */
const empty: UserRecord = { clientExtId: 'c1', userExtId: 'u1', credentials: {} };
const full = [
  ['POST', `${base}/password`, { password: 'Str0ng!pass' }],
  ['POST', `${base}/tempstrong-password`, {}],
  ['POST', `${base}/ticket`, {}],
  ['POST', `${base}/puk`, {}],
].reduce<UserRecord>(
  (u, [method, path, body]) => send(u, String(method), String(path), body),
  empty,
);

/** Runs one request against a fixed user: dispatch is pure, so every run starts from the same data. */
const run = (user: UserRecord, method: string, path: string, body?: unknown) => {
  const directory: Directory = { user: () => user, policies: () => book };
  return () => {
    const r = dispatch({ method, path, body, principal: admin }, directory, env);
    if (E.isLeft(r)) throw new Error(`${method} ${path} refused`);
  };
};

describe('seed operations through dispatch (one request per run)', () => {
  bench(
    'create TSP (POST …/tempstrong-password)',
    run(empty, 'POST', `${base}/tempstrong-password`, {}),
    options,
  );
  bench(
    'get TSP (GET …/tempstrong-password)',
    run(full, 'GET', `${base}/tempstrong-password`),
    options,
  );
  bench(
    'patch password (PATCH …/password)',
    run(full, 'PATCH', `${base}/password`, {
      stateName: 'disabled',
      modificationComment: 'bench',
      version: 0,
    }),
    options,
  );
  bench(
    'create ticket (POST …/ticket)',
    run(empty, 'POST', `${base}/ticket`, { identification: 'order-1', context: 'shop' }),
    options,
  );
  bench('regenerate PUK (POST …/puk/reset)', run(full, 'POST', `${base}/puk/reset`), options);
});

/** A store of `n` users, each with a TSP, and 1,024 GET paths of users drawn across the whole store. */
const storeOf = (n: number) => {
  const store = new MemoryStore();
  const tsp = full.credentials.tempStrongPassword;
  for (let i = 0; i < n; i++) {
    const userExtId = `user-${i}`;
    store.putUser({
      clientExtId: 'c1',
      userExtId,
      credentials: tsp === undefined ? {} : { tempStrongPassword: tsp },
    });
  }
  let x = 12_345;
  const paths = Array.from({ length: 1_024 }, () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return `/nevisidm/api/core/v1/c1/users/user-${x % n}/tempstrong-password`;
  });
  let next = 0;
  return () => {
    const path = paths[next++ & 1_023] ?? '';
    const answer = store.handle({ method: 'GET', path, body: undefined, principal: admin }, env);
    if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status}`);
  };
};

/**
 * Longer warm-up: the first bench of this group otherwise pays for the garbage
 * of building the 100,000-user store and of the seed benches before it.
 */
const storeOptions = { time: 3_000, warmupTime: 2_000, warmupIterations: 2_000 };

describe('GET TSP through MemoryStore.handle: 100 vs 100,000 users', () => {
  bench('100 users', storeOf(100), storeOptions);
  bench('100,000 users', storeOf(100_000), storeOptions);
});

/** 100 users with a TSP and a password under a policy that never locks (every failed login writes). */
const portStore = () => {
  const store = new MemoryStore();
  const neverLocks = decodePolicy('PwdPolicy', 'never-locks', {
    maxCredFailureCount: '-1',
    tmpLockingThreshold: '-1',
  });
  if (E.isLeft(neverLocks)) throw new Error('policy');
  store.putPolicy('c1', neverLocks.right.policy, true);
  for (let i = 0; i < 100; i++) {
    store.putUser({ clientExtId: 'c1', userExtId: `user-${i}`, credentials: {} });
    const base = `/nevisidm/api/core/v1/c1/users/user-${i}`;
    for (const [path, body] of [
      [`${base}/tempstrong-password`, {}],
      [`${base}/password`, { password: 'Str0ng!pass' }],
    ] as const) {
      const created = store.handle({ method: 'POST', path, body, principal: admin }, env);
      if (created.status !== 201) throw new Error(`bench setup: ${path}`);
    }
  }
  return store;
};

type Cycle = 'sync' | 'port' | 'port+queue';

/** One request to one of the 100 users in turn, through the chosen cycle. */
const through = (cycle: Cycle, kind: 'get' | 'failed login') => {
  const store = portStore();
  const queue = new UserQueue();
  const requests: ApiRequest[] = Array.from({ length: 100 }, (_, i) =>
    kind === 'get'
      ? {
          method: 'GET',
          path: `/nevisidm/api/core/v1/c1/users/user-${i}/tempstrong-password`,
          body: undefined,
          principal: admin,
        }
      : {
          method: 'POST',
          path: `/nevisidm/api/auth/v1/c1/users/user-${i}/password/login`,
          body: { password: 'wrong' },
          principal: admin,
        },
  );
  let next = 0;
  const check = (status: number) => {
    if (status !== 200) throw new Error(`${kind}: ${status}`);
  };
  const request = () => requests[next++ % 100] as ApiRequest;
  if (cycle === 'sync') return () => check(store.handle(request(), env).status);
  const options = cycle === 'port' ? {} : { queue };
  return async () => check((await handleWith(store, request(), env, options)).status);
};

describe('GET TSP: synchronous cycle vs async port (100 users)', () => {
  bench('MemoryStore.handle (synchronous, the baseline)', through('sync', 'get'), storeOptions);
  bench('handleWith(MemoryStore)', through('port', 'get'), storeOptions);
  bench('handleWith(MemoryStore) with a UserQueue', through('port+queue', 'get'), storeOptions);
});

describe('failed login (a write): synchronous cycle vs async port (100 users)', () => {
  bench(
    'MemoryStore.handle (synchronous, the baseline)',
    through('sync', 'failed login'),
    storeOptions,
  );
  bench('handleWith(MemoryStore)', through('port', 'failed login'), storeOptions);
  bench(
    'handleWith(MemoryStore) with a UserQueue',
    through('port+queue', 'failed login'),
    storeOptions,
  );
});
