/**
 * The failure database of `conformance --failures DIR`: one JSON file per
 * saved counterexample, named by its id.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { SavedFailure } from '../testing/failures/codec.js';
import type { FailureStore, StoredFailure } from '../testing/failures/store.js';

const suffix = '.json';

/**
 * A failure store in a directory: `list` reads every `*.json` file in name
 * order (a file that is not JSON is listed with its problem), `save` writes
 * `<id>.json` (creating the directory), `remove` deletes it.
 *
 * @example
 * import { directoryFailureStore } from 'credential-lifecycle/server';
 * const store = directoryFailureStore('conformance-failures');
 * (await store.list()).length; // 0 while the directory does not exist
 */
export const directoryFailureStore = (dir: string): FailureStore => ({
  list: async (): Promise<readonly StoredFailure[]> => {
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return [];
      throw error;
    }
    const out: StoredFailure[] = [];
    for (const name of names.filter((n) => n.endsWith(suffix)).sort()) {
      const id = name.slice(0, -suffix.length);
      const text = await fs.readFile(path.join(dir, name), 'utf8');
      try {
        out.push({ id, content: JSON.parse(text) });
      } catch (error) {
        out.push({
          id,
          content: undefined,
          problem: `${name} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
    return out;
  },
  save: async (id: string, failure: SavedFailure): Promise<void> => {
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, `${id}${suffix}`), `${JSON.stringify(failure, null, 2)}\n`);
  },
  remove: async (id: string): Promise<void> => {
    await fs.rm(path.join(dir, `${id}${suffix}`), { force: true });
  },
});
