/**
 * The shell around the pure dispatcher: load the user from a
 * {@link CredentialRepository}, decide, compare-and-set, and on a conflict
 * load again and decide again, a bounded number of times.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import { type ApiError, apiError, ErrorCode } from '../domain/errors.js';
import { errorAnswer, type HttpAnswer } from './answer.js';
import { type ApiRequest, type Directory, dispatchRoute } from './dispatch.js';
import type { Environment } from './environment.js';
import type { OperationResult } from './operation.js';
import {
  type CredentialRepository,
  isPromiseLike,
  RepositoryUnavailableError,
  type SaveOutcome,
} from './repository.js';
import { matchRoute, type RouteMatch } from './route.js';
import type { UserRecord } from './user.js';
import type { UserQueue } from './user-queue.js';

/**
 * How many times {@link handleWith} decides a request before it gives up on a
 * record that keeps changing under it: 10 (the first decision and 9 retries).
 *
 * @example
 * import { defaultAttempts } from 'credential-lifecycle';
 * defaultAttempts; // 10
 */
export const defaultAttempts = 10;

/**
 * Options of {@link handleWith}.
 *
 * @example
 * import { UserQueue, type HandleOptions } from 'credential-lifecycle';
 * const options: HandleOptions = { attempts: 3, queue: new UserQueue() };
 */
export interface HandleOptions {
  /** Decisions before a 409 (at least 1). Default {@link defaultAttempts}. */
  readonly attempts?: number | undefined;
  /**
   * Awaited after a lost compare-and-set, before the next load (`attempt` is
   * 1 after the first loss). The shell never waits on its own; an adapter may
   * hand in a jittered back-off here.
   */
  readonly pause?: ((attempt: number) => Promise<void>) | undefined;
  /** Serialises the requests of one user in this process; see {@link UserQueue}. */
  readonly queue?: UserQueue | undefined;
  /** TEST-ONLY: what the dispatcher reads instead of the loaded view. */
  readonly directory?: ((loaded: Directory) => Directory) | undefined;
  /**
   * TEST-ONLY: rewrites the operation's result before it is saved; sees the
   * user as loaded.
   */
  readonly revise?:
    | ((
        result: OperationResult,
        route: RouteMatch,
        loaded: UserRecord | undefined,
      ) => OperationResult)
    | undefined;
}

/**
 * The 409 answer when the user's record changed under every attempt.
 *
 * @example
 * import { concurrentChange } from 'credential-lifecycle';
 * concurrentChange('u1', 10).errors[0].code; // 'errors.pessimisticLockingFailure'
 */
export const concurrentChange = (userExtId: string, attempts: number): ApiError =>
  apiError(
    409,
    ErrorCode.pessimisticLockingFailure,
    `the record of user ${userExtId.slice(0, 100)} changed concurrently ${attempts} times in a row; retry the request`,
  );

/**
 * The 503 answer when the repository cannot be reached.
 *
 * @example
 * import { storeUnavailable } from 'credential-lifecycle';
 * storeUnavailable().status; // 503
 */
export const storeUnavailable = (): ApiError =>
  apiError(503, ErrorCode.serviceUnavailable, 'the credential store is unavailable');

const decideAndSave = async (
  repository: CredentialRepository,
  route: RouteMatch,
  request: ApiRequest,
  env: Environment,
  options: HandleOptions,
): Promise<HttpAnswer> => {
  const attempts = Math.max(1, options.attempts ?? defaultAttempts);
  for (let attempt = 1; ; attempt++) {
    // A synchronous store's answers are used as they come: no turn of the event loop.
    const loading = repository.load(route.clientExtId, route.userExtId);
    const view = isPromiseLike(loading) ? await loading : loading;
    const loaded = view.stored?.user;
    const directory: Directory = {
      user: (clientExtId, userExtId) =>
        clientExtId === route.clientExtId && userExtId === route.userExtId ? loaded : undefined,
      policies: () => view.policies,
    };
    // Decided on the loaded view alone; a retry draws new secrets from `env.random`.
    const dispatched = dispatchRoute(
      route,
      request,
      options.directory === undefined ? directory : options.directory(directory),
      env,
    );
    if (E.isLeft(dispatched)) return errorAnswer(dispatched.left);
    const { result } = dispatched.right;
    const kept = options.revise === undefined ? result : options.revise(result, route, loaded);
    // An operation that changed nothing hands the loaded record back: nothing to write.
    if (kept.user === loaded) return kept.answer;
    const saving = repository.save(kept.user, view.stored?.revision);
    const outcome = isPromiseLike(saving) ? await saving : saving;
    // Only the decision whose record was written is answered: its secrets are the stored ones.
    if (outcome === 'saved') return kept.answer;
    if (attempt >= attempts) return errorAnswer(concurrentChange(route.userExtId, attempts));
    await options.pause?.(attempt);
  }
};

/**
 * Handles one request over a repository: matches the route, loads the user
 * and the client's policies, runs the pure {@link dispatch} on that view, and
 * saves the user's next record by compare-and-set on the loaded revision
 * (inside the repository's `exclusive` section when it has one, and after
 * this user's earlier requests in `options.queue`; a GET needs neither and
 * runs at once on one load). A
 * refused request, or one that changes nothing, writes nothing. When the
 * compare-and-set loses (another process changed the record since the load),
 * it loads again and decides again, at most `attempts` times in all; then it
 * answers 409 `errors.pessimisticLockingFailure`. A retry decides at the same
 * instant (`env.now`) but draws new secrets, and only the answer of the
 * decision that was saved is returned. A repository that rejects with
 * {@link RepositoryUnavailableError} gets 503 `errors.serviceUnavailable`;
 * any other rejection propagates.
 *
 * @example
 * import { handleWith, MemoryStore, seededRandom, superAdmin } from 'credential-lifecycle';
 * const store = new MemoryStore();
 * store.putUser({ clientExtId: 'c1', userExtId: 'u1', credentials: {} });
 * const created = await handleWith(
 *   store,
 *   { method: 'POST', path: '/nevisidm/api/core/v1/c1/users/u1/puk', body: {}, principal: superAdmin('ops') },
 *   { now: Date.UTC(2026, 0, 1), random: seededRandom(3) },
 * );
 * created.status; // 201
 * store.user('c1', 'u1')?.credentials.puk?.lifecycle.state; // 'active'
 */
export const handleWith = async (
  repository: CredentialRepository,
  request: ApiRequest,
  env: Environment,
  options: HandleOptions = {},
): Promise<HttpAnswer> => {
  const route = matchRoute(request.method, request.path);
  if (E.isLeft(route)) return errorAnswer(route.left);
  const match = route.right;
  const { clientExtId, userExtId } = match;
  const run = () =>
    repository.exclusive === undefined
      ? decideAndSave(repository, match, request, env, options)
      : repository.exclusive(clientExtId, userExtId, (scoped) =>
          decideAndSave(scoped, match, request, env, options),
        );
  try {
    // A read decides on one load (one consistent view) and saves only if the
    // decision changed the record, by compare-and-set like any save: it needs
    // neither the queue nor the exclusive section, and does not wait for them.
    if (match.action === 'get')
      return await decideAndSave(repository, match, request, env, options);
    // The queue is outermost: a process holds one exclusive section per user at a time.
    return await (options.queue === undefined
      ? run()
      : options.queue.run(clientExtId, userExtId, run));
  } catch (error) {
    if (error instanceof RepositoryUnavailableError) return errorAnswer(storeUnavailable());
    throw error;
  }
};

/**
 * Changes one user's record by compare-and-set (inside the repository's
 * `exclusive` section when it has one), loading it again after each lost
 * race, at most `attempts` times: `change` gets the stored user (or
 * `undefined`) and gives the next record; handing back the same object (or
 * `undefined`) writes nothing. Resolves with `saved`, `unchanged`, or
 * `conflict` when every attempt lost. For changes outside the operations,
 * such as the mock's control API adding a user.
 *
 * @example
 * import { MemoryStore, updateUser, type UserRecord } from 'credential-lifecycle';
 * const store = new MemoryStore();
 * const add = (user: UserRecord | undefined) => user ?? { clientExtId: 'c1', userExtId: 'u1', credentials: {} };
 * await updateUser(store, 'c1', 'u1', add); // 'saved'
 * await updateUser(store, 'c1', 'u1', add); // 'unchanged'
 */
export const updateUser = async (
  repository: CredentialRepository,
  clientExtId: string,
  userExtId: string,
  change: (user: UserRecord | undefined) => UserRecord | undefined,
  attempts: number = defaultAttempts,
): Promise<SaveOutcome | 'unchanged'> => {
  const run = async (scoped: CredentialRepository): Promise<SaveOutcome | 'unchanged'> => {
    for (let attempt = 1; ; attempt++) {
      const { stored } = await scoped.load(clientExtId, userExtId);
      const next = change(stored?.user);
      if (next === undefined || next === stored?.user) return 'unchanged';
      if ((await scoped.save(next, stored?.revision)) === 'saved') return 'saved';
      if (attempt >= attempts) return 'conflict';
    }
  };
  return repository.exclusive === undefined
    ? run(repository)
    : repository.exclusive(clientExtId, userExtId, run);
};
