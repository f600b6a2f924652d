/**
 * What a mock keeps, as a port: everything several mock server processes over
 * one store must share (users and their credentials, policies, self-admin
 * tokens, the clock's setting), and its in-memory implementation.
 *
 * @packageDocumentation
 */
import type { PolicyBook } from '../operations/policy-book.js';
import type { Awaitable, CredentialRepository } from '../operations/repository.js';
import { MemoryStore } from '../operations/store.js';
import type { UserRecord } from '../operations/user.js';
import type { Policy } from '../policy/policy.js';
import { type ClockChange, type ClockSetting, changedClock, clockAtRest } from './clock.js';

/**
 * The user a self-admin token stands for.
 *
 * @example
 * import type { TokenOwner } from 'credential-lifecycle/server';
 * const alice: TokenOwner = { clientExtId: 'demo', userExtId: 'alice' };
 */
export interface TokenOwner {
  readonly clientExtId: string;
  readonly userExtId: string;
}

/**
 * One client in a {@link StoreSnapshot}: its policy book and its users, in
 * the store's order.
 *
 * @example
 * import { defaultPolicyBook } from 'credential-lifecycle';
 * import type { ClientSnapshot } from 'credential-lifecycle/mock';
 * const demo: ClientSnapshot = { clientExtId: 'demo', policies: defaultPolicyBook(), users: [] };
 */
export interface ClientSnapshot {
  readonly clientExtId: string;
  readonly policies: PolicyBook;
  readonly users: readonly UserRecord[];
}

/**
 * Everything a mock's store holds, as a value: the clients (policies and
 * users with their credentials, which hold hashes only), the self-admin
 * tokens and the clock's setting. `GET /__mock/state` writes it as JSON
 * (see `encodeSnapshot`).
 *
 * @example
 * import { clockAtRest, type StoreSnapshot } from 'credential-lifecycle/mock';
 * const empty: StoreSnapshot = { clients: [], tokens: [], clock: clockAtRest };
 */
export interface StoreSnapshot {
  readonly clients: readonly ClientSnapshot[];
  readonly tokens: readonly (readonly [string, TokenOwner])[];
  readonly clock: ClockSetting;
}

/**
 * The store a mock runs on: the {@link CredentialRepository} its requests go
 * through (one user record at a time, by compare-and-set), and what its
 * control API reads and changes. Each method may answer synchronously or with
 * a promise. Not shared, and so per process: the random source, the clock's
 * rest (real time), the per-user request queue.
 *
 * @example
 * import { MemoryMockStore, type MockStore } from 'credential-lifecycle/server';
 * const store: MockStore = new MemoryMockStore();
 * await store.changeClock({ advance: 1_000 }); // { offset: 1_000 }
 */
export interface MockStore extends CredentialRepository {
  /** The users of a client, in the order they were added. */
  listUsers(clientExtId: string): Awaitable<readonly UserRecord[]>;
  /** The client's policies and the default of each type (the four defaults for a client never seen). */
  policies(clientExtId: string): Awaitable<PolicyBook>;
  /** Adds or replaces a policy of a client, optionally as its type's default; atomic. */
  putPolicy(clientExtId: string, policy: Policy, isDefault: boolean): Awaitable<void>;
  /** Remembers a self-admin token. */
  putToken(token: string, owner: TokenOwner): Awaitable<void>;
  /** The user a token stands for, or `undefined`. */
  tokenOwner(token: string): Awaitable<TokenOwner | undefined>;
  /** The clock's setting ({@link clockAtRest} until the control API changes it). */
  clock(): Awaitable<ClockSetting>;
  /** Applies a change to the clock's setting atomically (see `changedClock`) and answers the new one. */
  changeClock(change: ClockChange): Awaitable<ClockSetting>;
  /** Forgets every user, policy and token, and returns the clock's setting to rest. */
  clear(): Awaitable<void>;
  /** Everything the store holds (`GET /__mock/state`); a store without it answers 501 there. */
  snapshot?(): Awaitable<StoreSnapshot>;
  /** Replaces everything the store holds with a snapshot, atomically (`PUT /__mock/state`). */
  restore?(snapshot: StoreSnapshot): Awaitable<void>;
}

/**
 * The mock's store in memory: a {@link MemoryStore} (users, credentials and
 * policies, with compare-and-set) plus the tokens and the clock's setting.
 * Every method answers synchronously.
 *
 * @example
 * import { MemoryMockStore } from 'credential-lifecycle/server';
 * const store = new MemoryMockStore();
 * store.putToken('t-1', { clientExtId: 'demo', userExtId: 'alice' });
 * store.tokenOwner('t-1'); // { clientExtId: 'demo', userExtId: 'alice' }
 */
export class MemoryMockStore extends MemoryStore implements MockStore {
  readonly #tokens = new Map<string, TokenOwner>();
  #clock: ClockSetting = clockAtRest;

  /**
   * Remembers a self-admin token.
   *
   * @example
   * import { MemoryMockStore } from 'credential-lifecycle/server';
   * const store = new MemoryMockStore();
   * store.putToken('t-1', { clientExtId: 'demo', userExtId: 'alice' });
   * store.tokenOwner('t-1'); // { clientExtId: 'demo', userExtId: 'alice' }
   */
  putToken(token: string, owner: TokenOwner): void {
    this.#tokens.set(token, owner);
  }

  /**
   * The user a token stands for.
   *
   * @example
   * import { MemoryMockStore } from 'credential-lifecycle/server';
   * new MemoryMockStore().tokenOwner('unknown'); // undefined
   */
  tokenOwner(token: string): TokenOwner | undefined {
    return this.#tokens.get(token);
  }

  /**
   * The clock's setting.
   *
   * @example
   * import { MemoryMockStore } from 'credential-lifecycle/server';
   * new MemoryMockStore().clock(); // { offset: 0 }
   */
  clock(): ClockSetting {
    return this.#clock;
  }

  /**
   * Changes the clock's setting and answers the new one.
   *
   * @example
   * import { MemoryMockStore } from 'credential-lifecycle/server';
   * new MemoryMockStore().changeClock({ freeze: 1_000 }); // { frozenAt: 1_000, offset: 0 }
   */
  changeClock(change: ClockChange): ClockSetting {
    this.#clock = changedClock(this.#clock, change);
    return this.#clock;
  }

  /**
   * Everything the store holds, in its order.
   *
   * @example
   * import { MemoryMockStore } from 'credential-lifecycle/mock';
   * new MemoryMockStore().snapshot(); // { clients: [], tokens: [], clock: { offset: 0 } }
   */
  snapshot(): StoreSnapshot {
    return {
      clients: this.clientExtIds().map((clientExtId) => ({
        clientExtId,
        policies: this.policies(clientExtId),
        users: this.listUsers(clientExtId),
      })),
      tokens: [...this.#tokens],
      clock: this.#clock,
    };
  }

  /**
   * Replaces everything with a snapshot (synchronously, so atomically).
   *
   * @example
   * import { MemoryMockStore } from 'credential-lifecycle/mock';
   * const store = new MemoryMockStore();
   * store.restore({ clients: [], tokens: [], clock: { frozenAt: 0, offset: 0 } });
   * store.clock(); // { frozenAt: 0, offset: 0 }
   */
  restore(snapshot: StoreSnapshot): void {
    this.clear();
    for (const client of snapshot.clients) {
      this.putPolicyBook(client.clientExtId, client.policies);
      for (const user of client.users) this.putUser(user);
    }
    for (const [token, owner] of snapshot.tokens) this.#tokens.set(token, owner);
    this.#clock = snapshot.clock;
  }

  /**
   * Forgets every client, user, policy and token; the clock's setting returns to rest.
   *
   * @example
   * import { MemoryMockStore } from 'credential-lifecycle/server';
   * const store = new MemoryMockStore();
   * store.putToken('t-1', { clientExtId: 'demo', userExtId: 'alice' });
   * store.changeClock({ advance: 1_000 });
   * store.clear();
   * store.tokenOwner('t-1'); // undefined
   * store.clock(); // { offset: 0 }
   */
  override clear(): void {
    super.clear();
    this.#tokens.clear();
    this.#clock = clockAtRest;
  }
}
