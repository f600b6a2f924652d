/**
 * The `credential-lifecycle` command line: a table of commands (each a
 * module exporting a {@link CliCommand}), `--help` for the whole tool and
 * for every command, `--version`, and one-line errors with exit code 2.
 * Input and output are passed in, so tests run it in-process.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import { either as E } from 'fp-ts';
import { analyzeCommand } from './analyze-command.js';
import { type CliCommand, type CliIo, commandHelp, parseCommandArgs } from './cli-command.js';
import { conformanceCommand } from './conformance.js';
import { explainCommand } from './explain-command.js';
import { serveCommand } from './serve.js';

/**
 * The commands of `credential-lifecycle`, in the order `--help` lists them.
 *
 * @example
 * import { cliCommands } from 'credential-lifecycle/server';
 * cliCommands.map((c) => c.name); // ['serve', 'conformance', 'explain', 'analyze']
 */
export const cliCommands: readonly CliCommand[] = [
  serveCommand,
  conformanceCommand,
  explainCommand,
  analyzeCommand,
];

/**
 * The package's version, read from its `package.json`.
 *
 * @example
 * import { packageVersion } from 'credential-lifecycle/server';
 * /^\d+\.\d+\.\d+/.test(packageVersion()); // true
 */
export const packageVersion = (): string => {
  const manifest: unknown = JSON.parse(
    fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  );
  return typeof manifest === 'object' &&
    manifest !== null &&
    'version' in manifest &&
    typeof manifest.version === 'string'
    ? manifest.version
    : 'unknown';
};

/**
 * The overview `credential-lifecycle --help` prints: every command's usage
 * line and summary.
 *
 * @example
 * import { usage } from 'credential-lifecycle/server';
 * usage.includes('credential-lifecycle serve'); // true
 */
export const usage = [
  'Usage: credential-lifecycle <command> [options]',
  '',
  'Commands:',
  ...cliCommands.flatMap((c) => [`  credential-lifecycle ${c.synopsis}`, `      ${c.summary}`]),
  '',
  'Options:',
  '  --help       Show this help; `credential-lifecycle <command> --help` shows a command’s.',
  '  --version    Print the version and exit.',
].join('\n');

/**
 * Runs the command line with its arguments (without `node` and the script)
 * and returns the exit code: 0 success, 1 a finding (e.g. a conformance
 * divergence), 2 a usage or input error.
 *
 * @example
 * ```ts
 * import { runCli } from 'credential-lifecycle/server';
 * const code = await runCli(['serve', '--port', '70000'], {
 *   out: console.log,
 *   err: console.error, // --port: expected a whole number from 0 to 65535, got "70000"
 *   env: {},
 *   stopped: () => new Promise(() => {}),
 * });
 * code; // 2
 * ```
 */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  const [name, ...rest] = argv;
  switch (name) {
    case undefined:
      io.err(usage);
      return 2;
    case '--help':
    case '-h':
    case 'help':
      io.out(usage);
      return 0;
    case '--version':
    case '-v':
      io.out(packageVersion());
      return 0;
  }
  const command = cliCommands.find((c) => c.name === name);
  if (command === undefined) {
    io.err(`credential-lifecycle: unknown command '${name}' (see credential-lifecycle --help)`);
    return 2;
  }
  const parsed = parseCommandArgs(command, rest);
  if (E.isLeft(parsed)) {
    io.err(`credential-lifecycle ${command.name}: ${parsed.left}`);
    return 2;
  }
  if (parsed.right.help) {
    io.out(commandHelp(command));
    return 0;
  }
  try {
    return await command.run(parsed.right.args, io);
  } catch (error) {
    io.err(
      `credential-lifecycle ${command.name}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 2;
  }
};
