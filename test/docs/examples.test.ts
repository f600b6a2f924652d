import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  examplesOf,
  markdownTsBlocksOf,
  repoRoot,
  type Snippet,
  sourceFilesUnder,
  typeCheckSnippets,
} from './snippets.js';

const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8');

const srcFiles = sourceFilesUnder('src');
const srcSnippets = srcFiles.flatMap((file) => examplesOf(file, read(file)));
const readmeSnippets = markdownTsBlocksOf('README.md', read('README.md'));
const snippets: readonly Snippet[] = [...srcSnippets, ...readmeSnippets];

let diagnostics = new Map<number, string[]>();
beforeAll(() => {
  diagnostics = typeCheckSnippets(snippets);
}, 60_000);

const problemsIn = (file: string): string[] =>
  snippets.flatMap((s, i) => (s.file === file ? (diagnostics.get(i) ?? []) : []));

describe('extracting examples', () => {
  it('takes the lines after @example up to the next tag, without the comment margin', () => {
    const source = [
      'const a = 1;',
      '/**',
      ' * Summary.',
      ' *',
      ' * @example',
      ' * import { x } from "y";',
      ' *   x(1); // indented',
      ' * @see elsewhere',
      ' * @example',
      ' * ```ts',
      ' * x(2);',
      ' * ```',
      ' */',
    ].join('\n');
    expect(examplesOf('f.ts', source)).toEqual([
      { file: 'f.ts', line: 6, code: 'import { x } from "y";\n  x(1); // indented' },
      { file: 'f.ts', line: 11, code: 'x(2);' },
    ]);
  });

  it('finds the ts blocks of Markdown with their first line', () => {
    const md = ['# T', '```ts', 'const a = 1;', '```', '```sh', 'npm test', '```'].join('\n');
    expect(markdownTsBlocksOf('R.md', md)).toEqual([
      { file: 'R.md', line: 3, code: 'const a = 1;' },
    ]);
  });

  it('finds examples in the sources', () => {
    expect(srcSnippets.length).toBeGreaterThan(50);
  });

  it("has no placeholder example (`typeof x; // 'function'` shows no call and no answer)", () => {
    const placeholder = /\btypeof\s+[\w.]+\s*;?\s*\/\/\s*'(function|object)'/;
    const found = [...srcSnippets, ...readmeSnippets]
      .filter((s) => placeholder.test(s.code))
      .map((s) => `${s.file}:${s.line}`);
    expect(found).toEqual([]);
  });
});

describe('TSDoc @example blocks type-check', () => {
  const withExamples = [...new Set(srcSnippets.map((s) => s.file))];
  it.each(withExamples)('%s', (file) => {
    const problems = problemsIn(file);
    expect(problems, `broken examples:\n${problems.join('\n')}`).toEqual([]);
  });
});

describe('README', () => {
  it('has a usage example that type-checks', () => {
    expect(readmeSnippets.length).toBeGreaterThan(0);
    const problems = problemsIn('README.md');
    expect(problems, `broken README blocks:\n${problems.join('\n')}`).toEqual([]);
  });
});
