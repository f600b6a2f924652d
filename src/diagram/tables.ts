/**
 * The two tables of `docs/lifecycle.md`: every transition of the machine with
 * the kinds that can take it under their default policies, and the lockout
 * parameters of each kind's default policy. Internal to `npm run diagram`.
 *
 * @packageDocumentation
 */
import { type CredentialKind, credentialKinds } from '../domain/credential-type.js';
import { type LifecycleTransition, lifecycleTransitions } from '../lifecycle/diagram.js';
import { reachableTransitions } from '../lifecycle/reachability.js';
import type { LifecycleRules } from '../lifecycle/rules.js';
import { lifecycleRulesOf } from '../policy/lifecycle-rules.js';
import { defaultPolicy, policyTypeOfKind } from '../policy/policy.js';

/**
 * The short name of each kind in tables and titles.
 */
export const shortKindName = {
  password: 'Password',
  tempStrongPassword: 'TSP',
  ticket: 'Ticket',
  puk: 'PUK',
} as const satisfies Record<CredentialKind, string>;

/**
 * The lifecycle rules of a kind's default policy.
 */
export const defaultRulesOf = (kind: CredentialKind): LifecycleRules =>
  lifecycleRulesOf(defaultPolicy(policyTypeOfKind[kind]));

const code = (text: string): string => `\`${text}\``;

/**
 * The Markdown table of every transition (from, event, index, guard, to,
 * actions), in definition order, with the kinds that can take it under their
 * default policies (found with `reachableTransitions`).
 */
export const transitionTable = (
  transitions: readonly LifecycleTransition[] = lifecycleTransitions(),
): string => {
  const reachable = credentialKinds.map(
    (kind) =>
      [kind, new Set(reachableTransitions(kind, defaultRulesOf(kind)).map((t) => t.id))] as const,
  );
  const rows = transitions.map((t) => {
    const kinds = reachable.filter(([, ids]) => ids.has(t.id)).map(([k]) => shortKindName[k]);
    return `| ${t.source} | ${t.event} | ${t.index} | ${t.guard === '' ? '—' : code(t.guard)} | ${t.target} | ${t.actions.map(code).join(', ')} | ${kinds.length === 0 ? '—' : kinds.join(', ')} |`;
  });
  return [
    '| From | Event | # | Guard | To | Actions | Default policies |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
};

type Parameter = {
  /** What the rule does, for the table. */
  readonly meaning: string;
  /** Whether its value is a duration in milliseconds. */
  readonly duration?: true;
};

/**
 * What each field of `LifecycleRules` means. A field without an entry still
 * gets its row (with an empty meaning); a test asks for an entry per field.
 */
const ruleMeanings: Partial<Record<keyof LifecycleRules, Parameter>> = {
  maxCredFailureCount: {
    meaning: 'Failures (after the increment) at which the credential fail-locks; -1 disables.',
  },
  tmpLockingThreshold: { meaning: 'Failures at which it tmp-locks (see the mode); -1 disables.' },
  tmpLockingDuration: { meaning: 'How long a temporary lock lasts.', duration: true },
  tmpLockingMode: {
    meaning:
      '`strict`: every failure from the threshold on locks; `threshold`: every multiple of it.',
  },
  maxCredSuccessCount: {
    meaning: 'Successes at which the credential fail-locks (PUK only); -1 disables.',
  },
  singleUse: { meaning: 'A success deletes the credential (TSP and Ticket only).' },
  maxResetCount: { meaning: 'Resets allowed over the life of the credential; -1 is unlimited.' },
  resetTarget: { meaning: 'The state a reset leads to (`initial`, `active` or `reset-code`).' },
  credentialLifetime: { meaning: 'Validity from creation or reset.', duration: true },
  initialPwchangeRequired: {
    meaning:
      'A password in `initial` or `admin-changed` must be changed by its user (Password only).',
  },
  initialPwchangePeriodInitial: {
    meaning:
      'How long (ms, from the state change) such a password in `initial` still logs in; -1 is no limit.',
  },
  initialPwchangePeriodAdminChanged: { meaning: 'The same in `admin-changed`.' },
};

const units = [
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1_000, 's'],
] as const;

/**
 * A duration in milliseconds as a reader says it, in the largest unit that
 * divides it (`d`, `h`, `min`, `s`), else in milliseconds.
 */
export const formatDuration = (ms: number): string => {
  if (ms === 0) return '0';
  const unit = units.find(([size]) => ms % size === 0);
  return unit === undefined ? `${ms} ms` : `${ms / unit[0]} ${unit[1]}`;
};

/** A duration as written in a policy (ms) and, when it is whole seconds, as a reader says it. */
const durationCell = (ms: number): string => {
  const spoken = formatDuration(ms);
  return spoken.endsWith(' ms') || ms === 0 ? `${ms} ms` : `${ms} ms (${spoken})`;
};

/**
 * The Markdown table of the lockout parameters: one row per field of
 * `LifecycleRules`, one column per kind with the value its default policy
 * (`defaultPolicy`) gives. A value the kind's policy has no parameter for is
 * marked `n/a`, with the value the machine reads instead.
 */
export const lockoutDefaultsTable = (): string => {
  const columns = credentialKinds.map((kind) => {
    const policy = defaultPolicy(policyTypeOfKind[kind]);
    return { kind, policy, rules: lifecycleRulesOf(policy) };
  });
  const fields = Object.keys(columns[0]?.rules ?? {}) as (keyof LifecycleRules)[];
  const rows = fields.map((field) => {
    const parameter = ruleMeanings[field];
    const cells = columns.map(({ policy, rules }) => {
      const value = rules[field];
      const shown =
        parameter?.duration === true && typeof value === 'number'
          ? durationCell(value)
          : String(value);
      return field in policy ? shown : `n/a (${shown})`;
    });
    return `| ${code(field)} | ${cells.join(' | ')} | ${parameter?.meaning ?? ''} |`;
  });
  return [
    `| Parameter | ${credentialKinds.map((k) => shortKindName[k]).join(' | ')} | Meaning |`,
    `|---|${credentialKinds.map(() => '---|').join('')}---|`,
    ...rows,
  ].join('\n');
};
