/**
 * What `explain` and `analyze` read from the command line: the credential
 * kind, and a policy from a JSON file and `--param name=value` pairs,
 * decoded by the library's own policy decoder.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { either as E, option as O } from 'fp-ts';
import type { CredentialKind } from '../domain/credential-type.js';
import { isPlainObject } from '../domain/errors.js';
import type { PolicyOfKind } from '../operations/policy-book.js';
import { decodePolicy } from '../policy/decode.js';
import { type Policy, policyTypeOfKind } from '../policy/policy.js';
import { kindNamed } from '../reasoning/session.js';
import type { CliIo, CliOption, ParsedArgs } from './cli-command.js';

/**
 * The options both commands take to name the kind and the policy.
 *
 * @example
 * import { policyOptions } from 'credential-lifecycle/server';
 * policyOptions.map((o) => o.name); // ['kind', 'policy', 'param']
 */
export const policyOptions: readonly CliOption[] = [
  {
    name: 'kind',
    type: 'string',
    value: 'K',
    required: true,
    description: 'The credential kind: password, tempstrong-password (or tsp), ticket or puk.',
  },
  {
    name: 'policy',
    type: 'string',
    value: 'FILE',
    default: "the kind's default policy",
    description:
      'A JSON file of policy parameters, nevisIDM strings or typed values (optionally under "parameters").',
  },
  {
    name: 'param',
    type: 'string',
    value: 'NAME=VALUE',
    multiple: true,
    default: 'none',
    description: 'One policy parameter, over the file (e.g. tmpLockingMode=threshold).',
  },
];

/**
 * Reads `--kind`: a kind's name, its path segment or `tsp`.
 *
 * @example
 * import { readKind } from 'credential-lifecycle/server';
 * readKind('puk'); // right('puk')
 * readKind(undefined); // left('--kind: expected password, tempstrong-password, ticket or puk')
 */
export const readKind = (value: unknown): E.Either<string, CredentialKind> => {
  const kind = typeof value === 'string' ? kindNamed(value) : O.none;
  return O.isSome(kind)
    ? E.right(kind.value)
    : E.left(
        `--kind: expected password, tempstrong-password, ticket or puk${typeof value === 'string' ? `, got ${JSON.stringify(value)}` : ''}`,
      );
};

/**
 * A decoded policy of the kind, and the decoder's warnings.
 *
 * @example
 * import type { PolicyRead } from 'credential-lifecycle/server';
 * const warningsOf = (read: PolicyRead<'puk'>) => read.warnings.length;
 */
export interface PolicyRead<K extends CredentialKind> {
  readonly policy: PolicyOfKind<K>;
  readonly warnings: readonly string[];
}

/** The parameters of a policy file: its object, or the object under `parameters`. */
const fileParameters = (
  option: string,
  file: string,
  kind: CredentialKind,
): E.Either<string[], Readonly<Record<string, unknown>>> => {
  let input: unknown;
  try {
    input = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return E.left([`--${option}: cannot read ${file}: ${(error as Error).message}`]);
  }
  if (!isPlainObject(input)) return E.left([`--${option} ${file}: expected a JSON object`]);
  const expected = policyTypeOfKind[kind];
  if (typeof input.type === 'string' && input.type !== expected) {
    return E.left([`--${option} ${file}: a ${input.type} does not govern a ${kind} (${expected})`]);
  }
  return E.right(isPlainObject(input.parameters) ? input.parameters : input);
};

/**
 * Reads a policy for `kind` from an optional file and `NAME=VALUE` pairs (the
 * pairs win), decoded by `decodePolicy`. The policy's `extId` is the file's
 * name without its extension, else `default`. Problems come back one line
 * each: one per bad parameter, naming the option it came from.
 *
 * @example
 * import { readPolicy } from 'credential-lifecycle/server';
 * readPolicy('password', 'policy', undefined, ['tmpLockingThreshold=0']);
 * // left(['--param tmpLockingThreshold: got "0", expected -1 or an integer ≥ 1'])
 */
export const readPolicy = <K extends CredentialKind>(
  kind: K,
  option: string,
  file: string | undefined,
  params: readonly string[],
): E.Either<string[], PolicyRead<K>> => {
  const problems: string[] = [];
  const given: Record<string, unknown> = {};
  if (file !== undefined) {
    const read = fileParameters(option, file, kind);
    if (E.isLeft(read)) return read;
    Object.assign(given, read.right);
  }
  const fromParams = new Set<string>();
  for (const pair of params) {
    const equals = pair.indexOf('=');
    if (equals <= 0) {
      problems.push(`--param: expected NAME=VALUE, got ${JSON.stringify(pair)}`);
      continue;
    }
    const name = pair.slice(0, equals);
    given[name] = pair.slice(equals + 1);
    fromParams.add(name);
  }
  const extId = file === undefined ? 'default' : path.basename(file, path.extname(file));
  const decoded = decodePolicy(
    policyTypeOfKind[kind] as (typeof policyTypeOfKind)[K],
    extId,
    given,
  );
  if (E.isLeft(decoded)) {
    for (const { message } of decoded.left.errors) {
      const name = message.slice(0, message.indexOf(':'));
      problems.push(
        fromParams.has(name) ? `--param ${message}` : `--${option} ${file ?? ''}: ${message}`,
      );
    }
  }
  if (problems.length > 0 || E.isLeft(decoded)) return E.left(problems);
  return E.right({ policy: decoded.right.policy, warnings: decoded.right.warnings });
};

/**
 * Reads `--kind`, `--policy FILE` and the `--param`s of parsed arguments;
 * the decoder's warnings go to standard error as `warning: …` lines.
 *
 * @example
 * import { readKindAndPolicy, type CliIo } from 'credential-lifecycle/server';
 * const warnings: string[] = [];
 * const io: CliIo = { out: () => {}, err: (line) => warnings.push(line), env: {}, stopped: () => new Promise(() => {}) };
 * const read = readKindAndPolicy({ kind: 'puk', param: ['pukLen=12', 'colour=red'] }, io);
 * read._tag === 'Right' && read.right.policy.type === 'PUKPolicy' && read.right.policy.pukLen; // 12
 * warnings; // ['warning: unknown parameter "colour" ignored']
 * readKindAndPolicy({ kind: 'puk', param: ['pukLen=0'] }, io); // left(['--param pukLen: got "0", expected an integer ≥ 1'])
 */
export const readKindAndPolicy = (
  values: ParsedArgs['values'],
  io: CliIo,
): E.Either<string[], { readonly kind: CredentialKind; readonly policy: Policy }> => {
  const kind = readKind(values.kind);
  if (E.isLeft(kind)) return E.left([kind.left]);
  const file = typeof values.policy === 'string' ? values.policy : undefined;
  const params = Array.isArray(values.param) ? values.param : [];
  const read = readPolicy(kind.right, 'policy', file, params);
  if (E.isLeft(read)) return read;
  for (const warning of read.right.warnings) io.err(`warning: ${warning}`);
  return E.right({ kind: kind.right, policy: read.right.policy });
};
