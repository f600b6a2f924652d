/**
 * The command line's conventions: `--version`, `--help` for the tool and for
 * every command (each option with its default), and one-line errors on
 * stderr naming the option, with exit code 2.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliCommands, runCli } from '../../src/server/command.js';
import { repoRoot } from '../docs/snippets.js';
import { captureIo as capture } from './support.js';

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
};

describe('the command line', () => {
  it('--version prints the package version', async () => {
    const { out, io } = capture();
    expect(await runCli(['--version'], io)).toBe(0);
    expect(out).toEqual([manifest.version]);
  });

  it('--help lists every command; no command at all is a usage error', async () => {
    const help = capture();
    expect(await runCli(['--help'], help.io)).toBe(0);
    for (const c of cliCommands)
      expect(help.out.join('\n')).toContain(`credential-lifecycle ${c.name}`);
    const none = capture();
    expect(await runCli([], none.io)).toBe(2);
    expect(none.err.join('\n')).toContain('Usage: credential-lifecycle <command>');
  });

  it.each(cliCommands.map((c) => [c.name, c] as const))(
    '%s --help documents every option and its default (or that it is required)',
    async (name, command) => {
      const { out, io } = capture();
      expect(await runCli([name, '--help'], io)).toBe(0);
      const text = out.join('\n');
      expect(text).toContain(`Usage: credential-lifecycle ${command.synopsis}`);
      for (const option of command.options) {
        const line = text.split('\n').find((l) => l.trimStart().startsWith(`--${option.name}`));
        expect(line, `--${option.name}`).toBeDefined();
        expect(line).toContain(option.description.slice(0, 20));
        if (option.default !== undefined) expect(line).toContain(`Default: ${option.default}.`);
        expect(line, `--${option.name}`).toMatch(/ (Default: .+|Required)\.( May be repeated\.)?$/);
      }
    },
  );

  it.each([
    [['serve', '--port', '70000'], '--port: expected a whole number from 0 to 65535, got "70000"'],
    [
      ['serve', '--port', 'eighty'],
      '--port: expected a whole number from 0 to 65535, got "eighty"',
    ],
    [['serve', '--colour'], "credential-lifecycle serve: unknown option '--colour'"],
    [['serve', '--port'], "credential-lifecycle serve: option '--port' needs a value"],
    [['serve', '--fault', 'crash'], '--fault: unknown fault crash'],
    [
      ['conformance', '--base-url', 'http://x', '--runs', '0'],
      '--runs: expected a whole number ≥ 1, got "0"',
    ],
    [['conformance'], '--base-url: expected an http(s) URL'],
    [['launch'], "credential-lifecycle: unknown command 'launch'"],
  ])('%j is one line on stderr naming the problem, exit 2', async (argv, message) => {
    const { out, err, io } = capture();
    expect(await runCli(argv, io)).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(message);
  });
});
