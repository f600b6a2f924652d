import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  examplesOf,
  exampleTargets,
  markdownTsBlocksOf,
  repoRoot,
  type Snippet,
  sourceFilesUnder,
  statesAnswer,
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

/**
 * Examples of functions and values that may show no answer, as
 * `file#declaration` (a class member as `Class.member`) with the reason. An
 * example of an interface or a type alias needs no answer: there is nothing
 * to call.
 */
const withoutAnswer: Readonly<Record<string, string>> = {};

const exampleTargetsOf = (file: string) => {
  const targets = exampleTargets(file, read(file));
  return srcSnippets
    .filter((s) => s.file === file)
    .map((s) => {
      const target = targets.find((t) => t.line === s.line);
      return { snippet: s, key: `${file}#${target?.name ?? '(unknown)'}`, target };
    });
};

describe('examples state what the call answers', () => {
  it('recognises an answer after the call, below it, or as `// =>`', () => {
    expect(statesAnswer('f(1); // 2')).toBe(true);
    expect(statesAnswer('await f(\n  1,\n);\n// { a: 1 }')).toBe(true);
    expect(statesAnswer('if (x) {\n  g(x); // right(1)\n}')).toBe(true);
    expect(statesAnswer('const y = f(1);\n// => 2')).toBe(true);
    expect(statesAnswer('f(1);')).toBe(false);
    expect(statesAnswer('const y = f(1); // y is 2')).toBe(false);
    expect(statesAnswer('// what follows:\nf(1);')).toBe(false);
    expect(statesAnswer('f(1);\n\n// later')).toBe(false);
  });

  it('knows what each example documents', () => {
    const source = [
      '/**',
      ' * @example',
      ' * f(1); // 2',
      ' */',
      'export const f = (n: number) => n + 1;',
      '/**',
      ' * @example',
      " * const t: T = 'a';",
      ' */',
      "export type T = 'a';",
      'export class C {',
      '  /**',
      '   * @example',
      '   * new C().m(); // 1',
      '   */',
      '  m(): number { return 1; }',
      '}',
    ].join('\n');
    expect(exampleTargets('f.ts', source)).toEqual([
      { line: 3, name: 'f', typeOnly: false },
      { line: 8, name: 'T', typeOnly: true },
      { line: 14, name: 'C.m', typeOnly: false },
    ]);
  });

  const withExamples = [...new Set(srcSnippets.map((s) => s.file))];
  it.each(withExamples)('%s', (file) => {
    const missing = exampleTargetsOf(file)
      .filter(({ key, target }) => target?.typeOnly !== true && !(key in withoutAnswer))
      .filter(({ snippet }) => !statesAnswer(snippet.code))
      .map(({ snippet, key }) => `${snippet.file}:${snippet.line} (${key})`);
    expect(missing, 'examples whose call has no stated answer (`f(x); // answer`)').toEqual([]);
  });

  it.each(withExamples)('%s: examples of values build what they call on (no `declare`)', (file) => {
    const placeholders = exampleTargetsOf(file)
      .filter(({ key, target }) => target?.typeOnly !== true && !(key in withoutAnswer))
      .filter(({ snippet }) => /^\s*declare\s/m.test(snippet.code))
      .map(({ snippet, key }) => `${snippet.file}:${snippet.line} (${key})`);
    expect(placeholders, 'an answer about a declared value is a guess, not a run').toEqual([]);
  });

  it('lists only exceptions that are still examples without an answer', () => {
    const stale = Object.keys(withoutAnswer).filter((key) => {
      const file = key.slice(0, key.indexOf('#'));
      const found = exampleTargetsOf(file).filter((e) => e.key === key);
      return found.length === 0 || found.every(({ snippet }) => statesAnswer(snippet.code));
    });
    expect(stale).toEqual([]);
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
