/**
 * One queue per user record: requests about the same user run one after the
 * other inside a process, requests about different users side by side.
 *
 * @packageDocumentation
 */

const keyOf = (clientExtId: string, userExtId: string): string =>
  `${clientExtId.length}:${clientExtId}${userExtId}`;

/**
 * Runs tasks about the same user one at a time, in the order they arrive.
 * Inside one process this takes the contention off the compare-and-set: the
 * requests of a burst on one user (say 200 failed logins) wait for each other
 * instead of all loading the same revision and retrying in lockstep. Across
 * processes the compare-and-set still decides. A task's rejection reaches its
 * caller only; the next task runs all the same.
 *
 * @example
 * import { UserQueue } from 'credential-lifecycle';
 * const queue = new UserQueue();
 * const order: number[] = [];
 * await Promise.all([1, 2, 3].map((n) => queue.run('c1', 'u1', async () => order.push(n))));
 * order; // [1, 2, 3]
 */
export class UserQueue {
  readonly #tails = new Map<string, Promise<void>>();

  /**
   * Runs `task` once every earlier task of the same user has settled.
   *
   * @example
   * import { UserQueue } from 'credential-lifecycle';
   * await new UserQueue().run('c1', 'u1', async () => 42); // 42
   */
  run<T>(clientExtId: string, userExtId: string, task: () => Promise<T>): Promise<T> {
    const key = keyOf(clientExtId, userExtId);
    const previous = this.#tails.get(key);
    const result = previous === undefined ? task() : previous.then(task);
    const tail: Promise<void> = result.then(
      () => this.#release(key, tail),
      () => this.#release(key, tail),
    );
    this.#tails.set(key, tail);
    return result;
  }

  /**
   * How many users have a task running or waiting.
   *
   * @example
   * import { UserQueue } from 'credential-lifecycle';
   * new UserQueue().busyUsers; // 0
   */
  get busyUsers(): number {
    return this.#tails.size;
  }

  #release(key: string, tail: Promise<void>): void {
    if (this.#tails.get(key) === tail) this.#tails.delete(key);
  }
}
