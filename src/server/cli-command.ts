/**
 * The shape of one `credential-lifecycle` command: its options (with their
 * defaults and descriptions), how its `--help` reads, and how its arguments
 * are parsed with Node's `util.parseArgs`. Every command is a module that
 * exports one {@link CliCommand}; `runCli` only looks them up.
 *
 * @packageDocumentation
 */
import { parseArgs } from 'node:util';
import { either as E } from 'fp-ts';

/**
 * What the command line reads and writes: output lines, the environment,
 * and a promise that settles when the process is asked to stop.
 *
 * @example
 * import type { CliIo } from 'credential-lifecycle/server';
 * const io: CliIo = {
 *   out: (line) => console.log(line),
 *   err: (line) => console.error(line),
 *   env: {},
 *   stopped: () => new Promise(() => {}),
 * };
 */
export interface CliIo {
  /** Writes one line to standard output. */
  readonly out: (line: string) => void;
  /** Writes one line to standard error. */
  readonly err: (line: string) => void;
  /** The process environment (`PORT`, `HOST`, …). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Settles with the signal's name when the process should stop (SIGINT, SIGTERM). */
  readonly stopped: () => Promise<string>;
  /** Whether standard error is a terminal (progress lines are then rewritten in place). */
  readonly isTty?: boolean;
}

/**
 * One option of a command, as its `--help` documents it and `parseArgs`
 * reads it.
 *
 * @example
 * import type { CliOption } from 'credential-lifecycle/server';
 * const port: CliOption = {
 *   name: 'port',
 *   type: 'string',
 *   value: 'N',
 *   default: '8080',
 *   description: 'The port to listen on (0 picks a free one).',
 * };
 */
export interface CliOption {
  /** The long name, without the dashes. */
  readonly name: string;
  /** `string` takes a value; `boolean` is a flag. */
  readonly type: 'string' | 'boolean';
  /** May be given more than once (the values are collected in order). */
  readonly multiple?: boolean;
  /** The placeholder of the value in the help text, e.g. `N` or `FILE`. */
  readonly value?: string;
  /** The default, as the help text shows it (a flag without one shows `off`). */
  readonly default?: string;
  /** Must be given: the help text says `Required.` instead of a default. */
  readonly required?: boolean;
  /** One sentence: what the option does. */
  readonly description: string;
}

/**
 * What a command receives once its arguments parsed: the option values by
 * name (strings, booleans, or arrays for `multiple` options; defaults not
 * applied) and the positional arguments.
 *
 * @example
 * import type { ParsedArgs } from 'credential-lifecycle/server';
 * const parsed: ParsedArgs = { values: { port: '8080', quiet: true }, positionals: [] };
 */
export interface ParsedArgs {
  /** Option values by long name. */
  readonly values: Readonly<Record<string, string | boolean | readonly string[] | undefined>>;
  /** The arguments that are not options. */
  readonly positionals: readonly string[];
}

/**
 * One command of the command line.
 *
 * @example
 * import type { CliCommand } from 'credential-lifecycle/server';
 * const hello: CliCommand = {
 *   name: 'hello',
 *   synopsis: 'hello [--loud]',
 *   summary: 'Says hello.',
 *   options: [{ name: 'loud', type: 'boolean', description: 'Shout.' }],
 *   run: async ({ values }, io) => {
 *     io.out(values.loud === true ? 'HELLO' : 'hello');
 *     return 0;
 *   },
 * };
 */
export interface CliCommand {
  /** The word that selects it: `credential-lifecycle <name> …`. */
  readonly name: string;
  /** The usage line after `credential-lifecycle`, e.g. `serve [--port N]`. */
  readonly synopsis: string;
  /** One sentence for the overview. */
  readonly summary: string;
  /** Further paragraphs of its `--help`, after the options (optional). */
  readonly details?: readonly string[];
  /** Its options; `--help` is added to every command. */
  readonly options: readonly CliOption[];
  /** The positional arguments it takes, as `[name, description]` (none when absent). */
  readonly positionals?: readonly (readonly [string, string])[];
  /** Runs it and returns the exit code (0 success, 1 a finding, 2 usage or input error). */
  readonly run: (args: ParsedArgs, io: CliIo) => Promise<number>;
}

const optionColumn = (option: CliOption): string =>
  `--${option.name}${option.type === 'string' ? ` ${option.value ?? 'VALUE'}` : ''}`;

/** What the help says an option is when it is not given (a flag: off). */
const defaultText = (option: CliOption): string => {
  if (option.required === true) return ' Required.';
  const shown = option.default ?? (option.type === 'boolean' ? 'off' : undefined);
  return shown === undefined ? '' : ` Default: ${shown}.`;
};

/**
 * The `--help` text of one command: usage, the summary, every option with
 * its default (`Required.` for one that must be given), then the details.
 *
 * @example
 * import { commandHelp } from 'credential-lifecycle/server';
 * commandHelp({
 *   name: 'hello',
 *   synopsis: 'hello [--loud]',
 *   summary: 'Says hello.',
 *   options: [{ name: 'loud', type: 'boolean', description: 'Shout.' }],
 *   run: async () => 0,
 * }).split('\n');
 * // ['Usage: credential-lifecycle hello [--loud]', '', 'Says hello.', '', 'Options:',
 * //  '  --loud   Shout. Default: off.', '  --help   Show this help and exit.']
 */
export const commandHelp = (command: CliCommand): string => {
  const rows: (readonly [string, string])[] = [
    ...command.options.map(
      (o) =>
        [
          optionColumn(o),
          `${o.description}${defaultText(o)}${o.multiple === true ? ' May be repeated.' : ''}`,
        ] as const,
    ),
    ['--help', 'Show this help and exit.'],
  ];
  const positionals = command.positionals ?? [];
  const width = Math.max(...[...rows, ...positionals].map(([left]) => left.length));
  const table = (entries: readonly (readonly [string, string])[]) =>
    entries.map(([left, right]) => `  ${left.padEnd(width)}   ${right}`);
  return [
    `Usage: credential-lifecycle ${command.synopsis}`,
    '',
    command.summary,
    ...(positionals.length === 0 ? [] : ['', 'Arguments:', ...table(positionals)]),
    '',
    'Options:',
    ...table(rows),
    ...(command.details ?? []).flatMap((paragraph) => ['', paragraph]),
  ].join('\n');
};

/**
 * Parses a command's arguments with `util.parseArgs` (strict: an unknown
 * option or a missing value is an error). `--help` is recognised for every
 * command. The error is one line naming the option.
 *
 * @example
 * import { parseCommandArgs } from 'credential-lifecycle/server';
 * const command = {
 *   name: 'hello',
 *   synopsis: 'hello',
 *   summary: 'Says hello.',
 *   options: [{ name: 'loud', type: 'boolean', description: 'Shout.' }] as const,
 *   run: async () => 0,
 * };
 * parseCommandArgs(command, ['--loud']);
 * // right({ help: false, args: { values: { loud: true }, positionals: [] } })
 * parseCommandArgs(command, ['--colour']);
 * // left("unknown option '--colour' (see credential-lifecycle hello --help)")
 */
export const parseCommandArgs = (
  command: CliCommand,
  argv: readonly string[],
): E.Either<string, { readonly help: boolean; readonly args: ParsedArgs }> => {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {
    help: { type: 'boolean' },
  };
  for (const o of command.options) {
    options[o.name] = { type: o.type, ...(o.multiple === true ? { multiple: true } : {}) };
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: (command.positionals ?? []).length > 0,
    });
    const { help, ...rest } = values as Record<string, string | boolean | string[] | undefined>;
    return E.right({ help: help === true, args: { values: rest, positionals } });
  } catch (error) {
    return E.left(`${argumentError(error)} (see credential-lifecycle ${command.name} --help)`);
  }
};

/** `util.parseArgs`' error message, shortened to its first sentence. */
const argumentError = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown !== null) return `unknown option '${unknown[1]}'`;
  const missing = /^Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(message);
  if (missing !== null) return `option '${missing[1]}' needs a value`;
  const unexpected = /^Unexpected argument '([^']+)'/.exec(message);
  if (unexpected !== null) return `unexpected argument '${unexpected[1]}'`;
  return message.split('\n')[0]?.replace(/\.$/, '') ?? message;
};

/**
 * Reads a whole-number option within bounds: absent gives `fallback`, a bad
 * value an error naming the option and the range.
 *
 * @example
 * import { integerOption } from 'credential-lifecycle/server';
 * integerOption('port', '8080', { min: 0, max: 65_535 }); // right(8080)
 * integerOption('port', '70000', { min: 0, max: 65_535 });
 * // left('--port: expected a whole number from 0 to 65535, got "70000"')
 * integerOption('port', undefined, { min: 0, max: 65_535 }, 8080); // right(8080)
 */
export const integerOption = <F extends number | undefined = undefined>(
  name: string,
  text: string | boolean | readonly string[] | undefined,
  range: { readonly min?: number; readonly max?: number },
  fallback?: F,
): E.Either<string, number | F> => {
  if (text === undefined) return E.right(fallback as F);
  const min = range.min ?? Number.MIN_SAFE_INTEGER;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  const value = typeof text === 'string' ? Number(text) : Number.NaN;
  if (
    typeof text === 'string' &&
    /^\s*-?\d+\s*$/.test(text) &&
    Number.isSafeInteger(value) &&
    value >= min &&
    value <= max
  ) {
    return E.right(value);
  }
  const bounds =
    range.max === undefined
      ? `≥ ${min}`
      : range.min === undefined
        ? `≤ ${max}`
        : `from ${min} to ${max}`;
  return E.left(`--${name}: expected a whole number ${bounds}, got ${JSON.stringify(text)}`);
};

/**
 * Quotes a word for a POSIX shell (single quotes).
 *
 * @example
 * import { shellQuote } from 'credential-lifecycle/server';
 * shellQuote("it's"); // "'it'\\''s'"
 */
export const shellQuote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;
