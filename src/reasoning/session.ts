/**
 * An explanation built one step at a time (a playground's session), and the
 * `credential-lifecycle explain` command line that reproduces it.
 *
 * @packageDocumentation
 */
import { option as O } from 'fp-ts';
import {
  type CredentialKind,
  credentialKinds,
  pathSegmentOfKind,
} from '../domain/credential-type.js';
import type { PolicyOfKind } from '../operations/policy-book.js';
import { defaultPolicy, type Policy } from '../policy/policy.js';
import { defaultHashParameters } from '../secret/hash.js';
import {
  type ExplainRow,
  type ExplainState,
  type Explanation,
  explainStep,
  startExplaining,
} from './explain.js';
import { type Step, scriptText } from './script.js';

/**
 * A session: the steps taken so far, their rows, and where the credential
 * stands. Plain data; every function returns a new session.
 *
 * @example
 * import { defaultPolicy, startSession } from 'credential-lifecycle';
 * startSession('password', defaultPolicy('PwdPolicy')).rows; // []
 */
export interface ExplainSession<K extends CredentialKind = CredentialKind> {
  readonly state: ExplainState<K>;
  readonly steps: readonly Step[];
  readonly rows: readonly ExplainRow[];
}

/**
 * A new session: the credential as the kind's create makes it, at offset 0.
 *
 * @example
 * import { defaultPolicy, startSession } from 'credential-lifecycle';
 * startSession('puk', defaultPolicy('PUKPolicy')).state.lifecycle.state; // 'active'
 */
export const startSession = <K extends CredentialKind>(
  kind: K,
  policy: PolicyOfKind<K>,
): ExplainSession<K> => ({ state: startExplaining(kind, policy), steps: [], rows: [] });

/**
 * The session after one more step (its row is the last of `rows`).
 *
 * @example
 * import { defaultPolicy, sessionStep, startSession } from 'credential-lifecycle';
 * const s = sessionStep(startSession('password', defaultPolicy('PwdPolicy')), { name: 'fail' });
 * s.rows.at(-1)?.statusCode; // 3
 */
export const sessionStep = <K extends CredentialKind>(
  session: ExplainSession<K>,
  step: Step,
): ExplainSession<K> => {
  const next = explainStep(session.state, step);
  return {
    state: next.state,
    steps: [...session.steps, step],
    rows: [...session.rows, next.row],
  };
};

/**
 * The session as an explanation (what `explain` answers for its script).
 *
 * @example
 * import { defaultPolicy, sessionExplanation, startSession } from 'credential-lifecycle';
 * sessionExplanation(startSession('ticket', defaultPolicy('TicketPolicy'))).steps; // []
 */
export const sessionExplanation = <K extends CredentialKind>(
  session: ExplainSession<K>,
): Explanation<K> => ({
  kind: session.state.kind,
  policy: session.state.policy,
  steps: session.rows,
});

const textOf = (value: unknown): string => (Array.isArray(value) ? value.join(',') : String(value));

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The hash sub-parameters that differ from their defaults, under nevisIDM's
 * dotted names (`hashAlgorithm.<scheme>.<name>`). A changed PBKDF2 digest
 * brings its own defaults for the other PBKDF2 sub-parameters when
 * `decodePolicy` reads it, so then all of them are named.
 */
const hashSubParameterChanges = (
  hashParameters: Policy['hashParameters'],
): Readonly<Record<string, string>> => {
  const changes: Record<string, string> = {};
  const defaults: Readonly<Record<string, unknown>> = defaultHashParameters;
  const schemes: Readonly<Record<string, unknown>> = hashParameters;
  for (const [scheme, values] of Object.entries(schemes)) {
    const schemeDefaults = defaults[scheme];
    if (!isRecord(values) || !isRecord(schemeDefaults)) continue;
    const digestChanged =
      scheme === 'pbkdf2' && textOf(values.digest) !== textOf(schemeDefaults.digest);
    for (const [sub, value] of Object.entries(values)) {
      if (digestChanged || textOf(value) !== textOf(schemeDefaults[sub])) {
        changes[`hashAlgorithm.${scheme}.${sub}`] = textOf(value);
      }
    }
  }
  return changes;
};

/**
 * The parameters in which a policy differs from its type's defaults, as
 * nevisIDM's string map (`initialPwchangePeriod` as its two dotted names,
 * hash sub-parameters as `hashAlgorithm.<scheme>.<name>`, word lists joined
 * with commas). `decodePolicy` reads the map back as the same policy, except
 * for words that themselves contain commas or spaces.
 *
 * @example
 * import { defaultPolicy, policyParameters } from 'credential-lifecycle';
 * const pwd = defaultPolicy('PwdPolicy');
 * policyParameters({ ...pwd, tmpLockingMode: 'threshold' });
 * // { tmpLockingMode: 'threshold' }
 * policyParameters({ ...pwd, hashAlgorithm: 'bcrypt', hashParameters: { ...pwd.hashParameters, bcrypt: { cost: 10 } } });
 * // { hashAlgorithm: 'bcrypt', 'hashAlgorithm.bcrypt.cost': '10' }
 */
export const policyParameters = (policy: Policy): Readonly<Record<string, string>> => {
  const defaults: Readonly<Record<string, unknown>> = defaultPolicy(policy.type, policy.extId);
  const parameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(policy)) {
    if (name === 'type' || name === 'extId') continue;
    const fallback = defaults[name];
    if (name === 'hashParameters') {
      Object.assign(parameters, hashSubParameterChanges(policy.hashParameters));
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [sub, subValue] of Object.entries(value)) {
        const subDefault = (fallback as Readonly<Record<string, unknown>>)[sub];
        if (textOf(subValue) !== textOf(subDefault)) {
          parameters[`${name}.${sub}`] = textOf(subValue);
        }
      }
    } else if (textOf(value) !== textOf(fallback)) {
      parameters[name] = textOf(value);
    }
  }
  return parameters;
};

/** Quotes a word for a POSIX shell where it needs it. */
const shellWord = (word: string): string =>
  /^[\w./:=@%+,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;

/**
 * The `credential-lifecycle explain` command line that reproduces steps under
 * a policy: `--kind`, one `--param` per parameter that differs from the
 * defaults (see {@link policyParameters}), and the script.
 *
 * @example
 * import { defaultPolicy, explainCommandLine } from 'credential-lifecycle';
 * explainCommandLine('password', { ...defaultPolicy('PwdPolicy'), tmpLockingMode: 'threshold' }, [
 *   { name: 'fail' }, { name: 'fail' }, { name: 'wait', ms: 60_000 },
 * ]);
 * // "credential-lifecycle explain --kind password --param tmpLockingMode=threshold 'fail*2 wait 1m'"
 */
export const explainCommandLine = <K extends CredentialKind>(
  kind: K,
  policy: PolicyOfKind<K>,
  steps: readonly Step[],
): string =>
  [
    'credential-lifecycle',
    'explain',
    '--kind',
    pathSegmentOfKind[kind],
    ...Object.entries(policyParameters(policy)).flatMap(([name, value]) => [
      '--param',
      shellWord(`${name}=${value}`),
    ]),
    shellWord(scriptText(steps)),
  ].join(' ');

/**
 * The kind a command-line name stands for: the kind's own name
 * (`tempStrongPassword`), its path segment (`tempstrong-password`) or `tsp`,
 * ignoring case.
 *
 * @example
 * import { kindNamed } from 'credential-lifecycle';
 * kindNamed('tempstrong-password'); // some('tempStrongPassword')
 * kindNamed('TSP'); // some('tempStrongPassword')
 * kindNamed('passport'); // none
 */
export const kindNamed = (name: string): O.Option<CredentialKind> => {
  const wanted = name.toLowerCase();
  if (wanted === 'tsp') return O.some('tempStrongPassword');
  const kind = credentialKinds.find(
    (k) => k.toLowerCase() === wanted || pathSegmentOfKind[k] === wanted,
  );
  return kind === undefined ? O.none : O.some(kind);
};
