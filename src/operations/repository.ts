/**
 * The async store port: where a server keeps its users' credentials. A
 * repository loads one user's record with its revision and saves a new record
 * by compare-and-set on that revision; {@link handleWith} is the shell that
 * runs the pure dispatcher between the two.
 *
 * @packageDocumentation
 */
import type { PolicyBook } from './policy-book.js';
import type { UserRecord } from './user.js';

/**
 * A value, or a promise of it: a repository may answer synchronously (the
 * in-memory one does) or asynchronously (a database); callers always `await`.
 *
 * @example
 * import type { Awaitable } from 'credential-lifecycle';
 * const now: Awaitable<number> = 1;
 * const later: Awaitable<number> = Promise.resolve(1);
 */
export type Awaitable<T> = T | PromiseLike<T>;

/**
 * Whether an {@link Awaitable} is a promise (a `then`-able) rather than the
 * value itself: lets a caller skip a turn of the event loop for a
 * synchronous answer.
 *
 * @example
 * import { isPromiseLike } from 'credential-lifecycle';
 * isPromiseLike(Promise.resolve(1)); // true
 * isPromiseLike(1); // false
 */
export const isPromiseLike = <T>(value: Awaitable<T>): value is PromiseLike<T> =>
  typeof (value as { then?: unknown } | null | undefined)?.then === 'function';

/**
 * A user record as stored, with its revision: the number a compare-and-set
 * names. A save that succeeds gives the record a new revision; the revisions
 * of one user's record never repeat, not even after the record was removed
 * and created again, so a stale revision can never match by accident.
 *
 * @example
 * import type { RevisedUser } from 'credential-lifecycle';
 * const stored: RevisedUser = { user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} }, revision: 7 };
 */
export interface RevisedUser {
  readonly user: UserRecord;
  readonly revision: number;
}

/**
 * What a repository loads for one request: the user as stored (`undefined`
 * when the client has no such user) and the client's policies.
 *
 * @example
 * import { defaultPolicyBook, type UserView } from 'credential-lifecycle';
 * const nobody: UserView = { stored: undefined, policies: defaultPolicyBook() };
 */
export interface UserView {
  readonly stored: RevisedUser | undefined;
  readonly policies: PolicyBook;
}

/**
 * The outcome of a compare-and-set: `saved`, or `conflict` when the stored
 * revision was not the expected one (nothing was written).
 *
 * @example
 * import type { SaveOutcome } from 'credential-lifecycle';
 * const lost: SaveOutcome = 'conflict';
 */
export type SaveOutcome = 'saved' | 'conflict';

/**
 * The port a server implements over its database to run the library's
 * operations (see {@link handleWith}); `MemoryStore` is the in-memory
 * implementation.
 *
 * - `load(clientExtId, userExtId)` reads the user's record with its revision
 *   and the client's policies, as one consistent view where the store can.
 * - `save(user, expected)` writes `user` (identified by its `clientExtId` and
 *   `userExtId`) only if the stored revision is still `expected`
 *   (`undefined`: only if there is no such user yet), and otherwise writes
 *   nothing and answers `conflict`. The whole record is written at once:
 *   never some credentials of it.
 *
 * - `exclusive(clientExtId, userExtId, task)`, optional: runs `task` while
 *   no other process of the store works on that user's record (a row lock
 *   in a transaction, an advisory lock), handing it the repository to load
 *   and save through meanwhile. The shell then never loses a compare-and-set
 *   to another process that also goes through `exclusive`, so bursts on one
 *   user do not exhaust its retries; the compare-and-set still guards every
 *   save. Without it, compare-and-set and retries alone keep the store
 *   consistent.
 *
 * A store that cannot be reached rejects with a
 * {@link RepositoryUnavailableError}; `handleWith` answers 503 for it.
 *
 * @example
 * import { defaultPolicyBook, type CredentialRepository, type RevisedUser } from 'credential-lifecycle';
 * // One user in a variable: the smallest repository there is.
 * let stored: RevisedUser | undefined;
 * let revisions = 0;
 * const single: CredentialRepository = {
 *   load: () => ({ stored, policies: defaultPolicyBook() }),
 *   save: (user, expected) => {
 *     if (stored?.revision !== expected) return 'conflict';
 *     stored = { user, revision: ++revisions };
 *     return 'saved';
 *   },
 * };
 * await single.save({ clientExtId: 'c1', userExtId: 'u1', credentials: {} }, undefined); // 'saved'
 * await single.save({ clientExtId: 'c1', userExtId: 'u1', credentials: {} }, undefined); // 'conflict'
 */
export interface CredentialRepository {
  /** The user's record with its revision (or `undefined`), and the client's policies. */
  load(clientExtId: string, userExtId: string): Awaitable<UserView>;
  /** Writes the record if its stored revision is `expected` (`undefined`: absent). */
  save(user: UserRecord, expected: number | undefined): Awaitable<SaveOutcome>;
  /** Optional: runs `task` with the user's record to itself across processes (see above). */
  exclusive?<T>(
    clientExtId: string,
    userExtId: string,
    task: (scoped: CredentialRepository) => Promise<T>,
  ): Promise<T>;
}

/**
 * What a repository rejects with when its store cannot be reached (the
 * database went away, a connection broke, a timeout). The request it served
 * was not acknowledged; a save it interrupted may or may not have been
 * written. Any other rejection is a defect and propagates.
 *
 * @example
 * import { RepositoryUnavailableError } from 'credential-lifecycle';
 * new RepositoryUnavailableError('connection refused').name; // 'RepositoryUnavailableError'
 */
export class RepositoryUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RepositoryUnavailableError';
  }
}
