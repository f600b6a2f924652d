/**
 * The complete example of docs/testing-guide.md is the code of
 * guide-example.test.ts (which imports the sources instead of the package),
 * so the guide's example is run as a test and cannot go stale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../docs/snippets.js';

const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8');

describe('docs/testing-guide.md', () => {
  it("has the guide example's code as its last ts block", () => {
    const blocks = [...read('docs/testing-guide.md').matchAll(/```ts\n([\s\S]*?)```/g)];
    const last = blocks.at(-1)?.[1];
    const example = read('test/testing/guide-example.test.ts').replaceAll(
      "'../../src/testing/index.js'",
      "'credential-lifecycle/testing'",
    );
    expect(last).toBe(example);
  });
});
