/**
 * Where shrunk counterexamples are kept between runs: a port with three
 * operations, an in-memory adapter here, and a directory of JSON files in
 * `credential-lifecycle/server` (`directoryFailureStore`).
 *
 * @packageDocumentation
 */
import type { SavedFailure } from './codec.js';

/**
 * A saved failure as a store lists it: its id and its content (parsed JSON,
 * decoded by the runner; `undefined` with `problem` when it cannot be read).
 *
 * @example
 * import type { StoredFailure } from 'credential-lifecycle/testing';
 * const name = (f: StoredFailure) => f.id;
 */
export interface StoredFailure {
  readonly id: string;
  readonly content: unknown;
  /** Why the content could not be read (e.g. not JSON), when it could not. */
  readonly problem?: string;
}

/**
 * The failure database of the conformance runner: it replays every listed
 * failure before generating new runs, saves each new shrunk counterexample,
 * and removes fixed ones (unless told to keep them).
 *
 * @example
 * import type { FailureStore } from 'credential-lifecycle/testing';
 * const none: FailureStore = { list: async () => [], save: async () => {}, remove: async () => {} };
 */
export interface FailureStore {
  /** Every saved failure, in the order they are replayed. */
  list(): Promise<readonly StoredFailure[]>;
  /** Saves a failure under its id (replacing one with the same id). */
  save(id: string, failure: SavedFailure): Promise<void>;
  /** Forgets a saved failure (nothing happens when there is none). */
  remove(id: string): Promise<void>;
}

/**
 * A failure store in memory (for tests, or to pass failures between runs in
 * one process); `saved` shows its content.
 *
 * @example
 * import { memoryFailureStore } from 'credential-lifecycle/testing';
 * const store = memoryFailureStore();
 * (await store.list()).length; // 0
 */
export const memoryFailureStore = (): FailureStore & {
  readonly saved: ReadonlyMap<string, SavedFailure>;
} => {
  const saved = new Map<string, SavedFailure>();
  return {
    saved,
    list: async () =>
      [...saved].map(([id, failure]) => ({ id, content: JSON.parse(JSON.stringify(failure)) })),
    save: async (id, failure) => {
      saved.set(id, failure);
    },
    remove: async (id) => {
      saved.delete(id);
    },
  };
};
