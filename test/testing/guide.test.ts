/**
 * The examples of docs/testing-guide.md run as tests: the complete example
 * (its last ts block) is the code of guide-example.test.ts, and every block
 * marked `<!-- guide-runner.test.ts#name -->` is the `#region name` of
 * guide-runner.test.ts (both import the sources instead of the package).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../docs/snippets.js';

const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8');

/** The lines between `// #region name` and `// #endregion`, without their common indent. */
const regionOf = (text: string, name: string): string | undefined => {
  const match = new RegExp(
    `\\n([ \\t]*)// #region ${name}\\n([\\s\\S]*?)\\n[ \\t]*// #endregion`,
  ).exec(text);
  if (match === null) return undefined;
  const indent = match[1] ?? '';
  return `${(match[2] ?? '')
    .split('\n')
    .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
    .join('\n')}\n`;
};

describe('docs/testing-guide.md', () => {
  const guide = read('docs/testing-guide.md');

  it("has the guide example's code as its last ts block", () => {
    const blocks = [...guide.matchAll(/```ts\n([\s\S]*?)```/g)];
    const last = blocks.at(-1)?.[1];
    const example = read('test/testing/guide-example.test.ts').replaceAll(
      "'../../src/testing/index.js'",
      "'credential-lifecycle/testing'",
    );
    expect(last).toBe(example);
  });

  it('has the regions of guide-runner.test.ts as its marked blocks', () => {
    const runner = read('test/testing/guide-runner.test.ts');
    const marked = [
      ...guide.matchAll(/<!-- guide-runner\.test\.ts#([\w-]+) -->\n```ts\n([\s\S]*?)```/g),
    ];
    expect(marked.map((m) => m[1])).toEqual([
      'openapi',
      'coverage',
      'failures',
      'parallel',
      'script',
      'probe',
    ]);
    for (const [, name, block] of marked) {
      expect(block, name).toBe(regionOf(runner, name ?? ''));
    }
  });

  it('has the regions of guide-mock.test.ts as its marked blocks', () => {
    const mock = read('test/testing/guide-mock.test.ts');
    const marked = [
      ...guide.matchAll(/<!-- guide-mock\.test\.ts#([\w-]+) -->\n```ts\n([\s\S]*?)```/g),
    ];
    expect(marked.map((m) => m[1])).toEqual(['journal', 'faults', 'snapshots']);
    for (const [, name, block] of marked) {
      expect(block, name).toBe(regionOf(mock, name ?? ''));
    }
  });
});
