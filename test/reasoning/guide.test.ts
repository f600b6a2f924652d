/**
 * docs/reasoning-about-policies.md runs as a test: every ```sh block holding
 * one `credential-lifecycle …` command is run through the CLI in-process and
 * its output must be the ```text block right after it; every ```ts block
 * type-checks against the package's entries, and the one followed by a
 * ```text block is run and must print that text.
 *
 * After a deliberate change of the output, `UPDATE_GUIDE=1 npx vitest run
 * test/reasoning/guide.test.ts` writes the new outputs into the guide.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { markdownTsBlocksOf, repoRoot, typeCheckSnippets } from '../docs/snippets.js';
import { runCommand } from '../server/support.js';
import { shellWords } from './support.js';

const GUIDE = 'docs/reasoning-about-policies.md';
const guidePath = path.join(repoRoot, GUIDE);
const update = process.env.UPDATE_GUIDE === '1';

/** A fenced block: its language, its text, and where its text starts and ends in the guide. */
interface Block {
  readonly lang: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const blocksOf = (markdown: string): Block[] =>
  [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => {
    const start = (m.index ?? 0) + m[0].indexOf('\n') + 1;
    return { lang: m[1] ?? '', text: m[2] ?? '', start, end: start + (m[2] ?? '').length };
  });

/** The command blocks, each with the text block that follows it. */
const examples = (markdown: string) => {
  const blocks = blocksOf(markdown);
  return blocks.flatMap((block, i) => {
    const next = blocks[i + 1];
    const command = block.text.trim();
    if (
      block.lang !== 'sh' ||
      !command.startsWith('credential-lifecycle ') ||
      command.includes('\n')
    )
      return [];
    return next?.lang === 'text' ? [{ command, output: next }] : [];
  });
};

const runExample = async (command: string): Promise<string> => {
  const [, ...argv] = shellWords(command);
  const { code, out, err } = await runCommand(argv);
  return `${[...out, ...err].join('\n')}\n${code === 0 ? '' : `(exit ${code})\n`}`;
};

/** Runs a ts block of the guide with the package's name pointing at the sources; returns what it logged. */
const runTs = async (code: string, index: number): Promise<string> => {
  const source = path.join(repoRoot, 'src/index.ts');
  const file = path.join(repoRoot, 'test/reasoning', `.guide-block-${index}.ts`);
  fs.writeFileSync(file, code.replaceAll("'credential-lifecycle'", `'${source}'`));
  const logged: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(' '));
  });
  try {
    await import(pathToFileURL(file).href);
  } finally {
    spy.mockRestore();
    fs.rmSync(file, { force: true });
  }
  return `${logged.join('\n')}\n`;
};

const readGuide = (): string => fs.readFileSync(guidePath, 'utf8');

describe(GUIDE, () => {
  it('has command examples, and each prints what the guide shows', async () => {
    const markdown = readGuide();
    const found = examples(markdown);
    expect(found.length).toBeGreaterThan(8);
    let rewritten = markdown;
    for (const { command, output } of [...found].reverse()) {
      const actual = await runExample(command);
      if (update)
        rewritten = rewritten.slice(0, output.start) + actual + rewritten.slice(output.end);
      else expect(actual, command).toBe(output.text);
    }
    if (update && rewritten !== markdown) fs.writeFileSync(guidePath, rewritten);
  });

  it('has TypeScript that type-checks against the package, and runs as shown', async () => {
    const markdown = readGuide();
    const snippets = markdownTsBlocksOf(GUIDE, markdown);
    expect(snippets.length).toBeGreaterThan(0);
    const problems = [...typeCheckSnippets(snippets).values()].flat();
    expect(problems, problems.join('\n')).toEqual([]);
    const blocks = blocksOf(markdown);
    let rewritten = markdown;
    for (const [i, block] of [...blocks.entries()].reverse()) {
      const next = blocks[i + 1];
      if (block.lang !== 'ts' || next?.lang !== 'text') continue;
      const actual = await runTs(block.text, i);
      if (update) rewritten = rewritten.slice(0, next.start) + actual + rewritten.slice(next.end);
      else expect(actual).toBe(next.text);
    }
    if (update && rewritten !== markdown) fs.writeFileSync(guidePath, rewritten);
  });

  it('is linked from the README', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    expect(readme).toContain(`(${GUIDE})`);
  });
});
