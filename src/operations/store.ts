/**
 * The reference store: clients, their users with their credentials, and their
 * policies, in memory. The embedded default of the mock server.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import type { Policy } from '../policy/policy.js';
import { errorAnswer, type HttpAnswer } from './answer.js';
import { type ApiRequest, type Directory, dispatch } from './dispatch.js';
import type { Environment } from './environment.js';
import type { OperationResult } from './operation.js';
import { defaultPolicyBook, type PolicyBook, withPolicy } from './policy-book.js';
import type { CredentialRepository, RevisedUser, SaveOutcome, UserView } from './repository.js';
import type { RouteMatch } from './route.js';
import type { UserRecord } from './user.js';

/**
 * Ways to alter one {@link MemoryStore.handle} call, for systems broken on
 * purpose in tests: another directory for the dispatcher to read, and a
 * rewrite of the operation's result before the store keeps it.
 *
 * @example
 * import type { HandleHooks } from 'credential-lifecycle';
 * const unchanged: HandleHooks = { revise: (result) => result };
 */
export interface HandleHooks {
  /** What the dispatcher reads instead of the store (e.g. altered policies). */
  readonly directory?: Directory | undefined;
  /**
   * Rewrites the result before it is stored; the store still holds the user
   * as it was before the request.
   */
  readonly revise?: ((result: OperationResult, route: RouteMatch) => OperationResult) | undefined;
}

interface ClientRecord {
  readonly users: Map<string, RevisedUser>;
  policies: PolicyBook;
}

/**
 * A mutable in-memory store. Users live in a map per client, so storing one
 * user costs the same whatever the number of users; nothing is copied.
 *
 * It is a {@link Directory} for the pure dispatcher (`handle` is the
 * synchronous request cycle over it) and a {@link CredentialRepository} for
 * the async shell `handleWith`: every write gives the user's record a new
 * revision from one counter of the store, and `save` compares and sets on it.
 * Its answers are synchronous, so one `load` and `save` are atomic in
 * themselves; concurrent requests can still interleave between the two.
 *
 * @example
 * import { MemoryStore } from 'credential-lifecycle';
 * const store = new MemoryStore();
 * store.putUser({ clientExtId: 'demo', userExtId: 'alice', credentials: {} });
 * store.listUsers('demo').length; // 1
 */
export class MemoryStore implements Directory, CredentialRepository {
  readonly #clients = new Map<string, ClientRecord>();
  #lastRevision = 0;

  #client(clientExtId: string): ClientRecord {
    let client = this.#clients.get(clientExtId);
    if (client === undefined) {
      client = { users: new Map(), policies: defaultPolicyBook() };
      this.#clients.set(clientExtId, client);
    }
    return client;
  }

  /**
   * The user, or `undefined` when the client has no such user.
   *
   * @example
   * import { MemoryStore } from 'credential-lifecycle';
   * new MemoryStore().user('demo', 'nobody'); // undefined
   */
  readonly user = (clientExtId: string, userExtId: string): UserRecord | undefined =>
    this.#clients.get(clientExtId)?.users.get(userExtId)?.user;

  /**
   * The client's policies (the four defaults for a client never seen).
   *
   * @example
   * import { MemoryStore } from 'credential-lifecycle';
   * new MemoryStore().policies('demo').policies.size; // 4
   */
  readonly policies = (clientExtId: string): PolicyBook =>
    this.#clients.get(clientExtId)?.policies ?? defaultPolicyBook();

  /**
   * Adds or replaces a user (with its credentials).
   *
   * @example
   * import { MemoryStore } from 'credential-lifecycle';
   * const store = new MemoryStore();
   * store.putUser({ clientExtId: 'demo', userExtId: 'bob', loginId: 'bob', credentials: {} });
   * store.listUsers('demo').map((u) => u.userExtId); // ['bob']
   */
  putUser(user: UserRecord): void {
    this.#client(user.clientExtId).users.set(user.userExtId, {
      user,
      revision: ++this.#lastRevision,
    });
  }

  /**
   * The user with its revision, and the client's policies (the port's `load`).
   *
   * @example
   * import { MemoryStore } from 'credential-lifecycle';
   * const store = new MemoryStore();
   * store.putUser({ clientExtId: 'demo', userExtId: 'alice', credentials: {} });
   * store.load('demo', 'alice').stored?.revision; // 1
   */
  load(clientExtId: string, userExtId: string): UserView {
    const client = this.#clients.get(clientExtId);
    return {
      stored: client?.users.get(userExtId),
      policies: client?.policies ?? defaultPolicyBook(),
    };
  }

  /**
   * Writes the user if its stored revision is `expected` (`undefined`: no
   * such user yet), else writes nothing and answers `conflict` (the port's
   * `save`).
   *
   * @example
   * import { MemoryStore } from 'credential-lifecycle';
   * const store = new MemoryStore();
   * const alice = { clientExtId: 'demo', userExtId: 'alice', credentials: {} };
   * store.save(alice, undefined); // 'saved'
   * store.save(alice, undefined); // 'conflict'
   * store.save(alice, 1); // 'saved'
   */
  save(user: UserRecord, expected: number | undefined): SaveOutcome {
    const users = this.#client(user.clientExtId).users;
    if (users.get(user.userExtId)?.revision !== expected) return 'conflict';
    users.set(user.userExtId, { user, revision: ++this.#lastRevision });
    return 'saved';
  }

  /**
   * The users of a client, in the order they were added.
   *
   * @example
   * import { MemoryStore } from 'credential-lifecycle';
   * new MemoryStore().listUsers('demo'); // []
   */
  listUsers(clientExtId: string): readonly UserRecord[] {
    return Array.from(this.#clients.get(clientExtId)?.users.values() ?? [], (u) => u.user);
  }

  /**
   * Adds or replaces a policy of a client, optionally as its type's default.
   *
   * @example
   * import { MemoryStore, defaultPolicy } from 'credential-lifecycle';
   * const store = new MemoryStore();
   * store.putPolicy('demo', defaultPolicy('PUKPolicy', 'strict-puk'), true);
   * store.policies('demo').defaults.PUKPolicy; // 'strict-puk'
   */
  putPolicy(clientExtId: string, policy: Policy, isDefault: boolean): void {
    const client = this.#client(clientExtId);
    client.policies = withPolicy(client.policies, policy, isDefault);
  }

  /**
   * The policies of a client.
   *
   * @example
   * import { MemoryStore } from 'credential-lifecycle';
   * new MemoryStore().listPolicies('demo').map((p) => p.extId); // ['default-password', …]
   */
  listPolicies(clientExtId: string): readonly Policy[] {
    return [...this.policies(clientExtId).policies.values()];
  }

  /**
   * The clients the store has seen (a user or a policy stored), in the order
   * they first were.
   *
   * @example
   * import { MemoryStore } from 'credential-lifecycle';
   * const store = new MemoryStore();
   * store.putUser({ clientExtId: 'demo', userExtId: 'alice', credentials: {} });
   * store.clientExtIds(); // ['demo']
   */
  clientExtIds(): readonly string[] {
    return [...this.#clients.keys()];
  }

  /**
   * Replaces a client's whole policy book (policies in its order, and the
   * defaults), e.g. when a snapshot is restored.
   *
   * @example
   * import { defaultPolicyBook, MemoryStore } from 'credential-lifecycle';
   * const store = new MemoryStore();
   * store.putPolicyBook('demo', defaultPolicyBook());
   * store.clientExtIds(); // ['demo']
   */
  putPolicyBook(clientExtId: string, book: PolicyBook): void {
    this.#client(clientExtId).policies = book;
  }

  /**
   * Forgets every client, user and policy (revisions keep counting on).
   *
   * @example
   * import { MemoryStore } from 'credential-lifecycle';
   * const store = new MemoryStore();
   * store.putUser({ clientExtId: 'demo', userExtId: 'bob', credentials: {} });
   * store.clear();
   * store.listUsers('demo'); // []
   * store.putUser({ clientExtId: 'demo', userExtId: 'bob', credentials: {} });
   * store.load('demo', 'bob').stored?.revision; // 2
   */
  clear(): void {
    this.#clients.clear();
  }

  /**
   * Dispatches a request against this store and stores the user's next
   * credentials: the whole request/response cycle of a mock server, minus HTTP.
   * A refused request answers its error and changes nothing. `hooks` alter
   * the cycle on purpose (tests of tests).
   *
   * @example
   * import { MemoryStore, seededRandom, superAdmin } from 'credential-lifecycle';
   * const store = new MemoryStore();
   * store.putUser({ clientExtId: 'c1', userExtId: 'u1', credentials: {} });
   * store.handle(
   *   { method: 'POST', path: '/nevisidm/api/core/v1/c1/users/u1/ticket', body: {}, principal: superAdmin('ops') },
   *   { now: Date.UTC(2026, 0, 1), random: seededRandom(3) },
   * ).status; // 201
   */
  handle(request: ApiRequest, env: Environment, hooks?: HandleHooks): HttpAnswer {
    const dispatched = dispatch(request, hooks?.directory ?? this, env);
    if (E.isLeft(dispatched)) return errorAnswer(dispatched.left);
    const { route, result } = dispatched.right;
    const kept = hooks?.revise === undefined ? result : hooks.revise(result, route);
    // An unchanged record keeps its revision.
    if (kept.user !== this.user(route.clientExtId, route.userExtId)) this.putUser(kept.user);
    return kept.answer;
  }
}
