/**
 * Explanations and analyses as text a person reads: aligned tables, figures
 * by name, and two analyses side by side with their differences marked.
 *
 * @packageDocumentation
 */
import type { CredentialKind } from '../domain/credential-type.js';
import type { LifecycleRules } from '../lifecycle/index.js';
import { lifecycleRulesOf } from '../policy/lifecycle-rules.js';
import type { Policy } from '../policy/policy.js';
import { analysisWindows, type Count, type GuessSchedule, type PolicyAnalysis } from './analyze.js';
import { formatDuration } from './duration.js';
import { type ExplainRow, type Explanation, startExplaining } from './explain.js';

/**
 * Lines of a table: a header, a rule, and the rows, each column padded to its
 * widest cell (right-aligned where `right` says so), two spaces between.
 *
 * @example
 * import { alignedTable } from 'credential-lifecycle';
 * alignedTable(['name', 'n'], [['fail', '3'], ['login', '12']], [false, true]);
 * // ['name    n', '-----  --', 'fail    3', 'login  12']
 */
export const alignedTable = (
  header: readonly string[],
  rows: readonly (readonly string[])[],
  right: readonly boolean[] = [],
): string[] => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) =>
        right[i] === true ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
};

/** The answer column of a row: the login status, the refusal, or what else happened. */
const answerText = (row: ExplainRow, versionBefore: number): string => {
  if (row.statusCode !== undefined) return `${row.statusCode} ${row.description ?? ''}`.trimEnd();
  if (row.refusal !== undefined) return `${row.refusal.status} ${row.refusal.code}`;
  const changed = row.version !== versionBefore;
  if (row.step.startsWith('wait')) return changed ? 'lock ended' : '-';
  return changed || row.state === 'deleted' ? 'ok' : 'no change';
};

/**
 * The columns of a timeline, as `explain` prints them: the time offset, the
 * step, the answer, the state, the three counters, `lockedUntil`, the
 * version and the reason of the last state change.
 *
 * @example
 * import { timelineColumns } from 'credential-lifecycle';
 * timelineColumns.length; // 10
 */
export const timelineColumns = [
  'at',
  'step',
  'answer',
  'state',
  'failed',
  'succeeded',
  'resets',
  'lockedUntil',
  'version',
  'reason',
] as const;

/** Which columns of {@link timelineColumns} hold numbers (right-aligned). */
const numeric = [true, false, false, false, true, true, true, true, true, false];

/**
 * The cells of a timeline, one row per {@link timelineColumns}: first the
 * created credential, then one row per step. Offsets and `lockedUntil` are
 * written as durations from the start (`1m30s`), the answer as the login
 * status and its description, the refusal's status and code, `ok`,
 * `no change`, `lock ended` or `-`.
 *
 * @example
 * import { defaultPolicy, explainSteps, timelineCells } from 'credential-lifecycle';
 * timelineCells(explainSteps('password', defaultPolicy('PwdPolicy'), [{ name: 'fail' }]))[1];
 * // ['0s', 'fail', '3 login failed; the next failure locks the credential', 'initial',
 * //  '1', '0', '0', '-', '1', 'initialized']
 */
export const timelineCells = <K extends CredentialKind>(
  explanation: Explanation<K>,
): string[][] => {
  const start = startExplaining(explanation.kind, explanation.policy).lifecycle;
  const created: ExplainRow = {
    step: '(created)',
    at: 0,
    state: start.state,
    failedLoginCount: start.context.failedLoginCount,
    successfulLoginCount: start.context.successfulLoginCount,
    resetCount: start.context.resetCount,
    lockedUntil: start.context.lockedUntil,
    version: start.context.version,
    reason: start.context.stateChangeReason,
  };
  let version = created.version;
  return [created, ...explanation.steps].map((row, i) => {
    const answer = i === 0 ? '-' : answerText(row, version);
    version = row.version;
    return [
      formatDuration(row.at),
      row.step,
      answer,
      row.state,
      String(row.failedLoginCount),
      String(row.successfulLoginCount),
      String(row.resetCount),
      row.lockedUntil === null ? '-' : formatDuration(row.lockedUntil),
      String(row.version),
      row.reason,
    ];
  });
};

/**
 * The timeline of an explanation as an aligned table of
 * {@link timelineColumns} and {@link timelineCells}.
 *
 * @example
 * import { defaultPolicy, explain, explanationTable } from 'credential-lifecycle';
 * import { either as E } from 'fp-ts';
 * const e = explain('password', defaultPolicy('PwdPolicy'), 'fail fail');
 * if (E.isRight(e)) explanationTable(e.right).length; // 5: header, rule, the created credential, 2 steps
 */
export const explanationTable = <K extends CredentialKind>(explanation: Explanation<K>): string[] =>
  alignedTable(timelineColumns, timelineCells(explanation), numeric);

/** Groups the digits of a whole number by thousands: 10512002 → 10,512,002. */
const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const countText = (count: Count): string => (count === 'unlimited' ? 'unlimited' : grouped(count));

const scheduleText = (schedule: GuessSchedule): string =>
  schedule.endless ? `${schedule.script}, repeated without end` : schedule.script || '(none)';

/**
 * One figure of an analysis: its name (a path into {@link PolicyAnalysis}),
 * its value as text, and for guess figures the schedule that achieves it.
 *
 * @example
 * import type { AnalysisFigure } from 'credential-lifecycle';
 * const f: AnalysisFigure = { name: 'maxGuesses.hour', value: '3', schedule: 'fail*2 wait 1m fail' };
 */
export interface AnalysisFigure {
  readonly name: string;
  readonly value: string;
  readonly schedule?: string;
}

/**
 * The figures of an analysis in their order, as text.
 *
 * @example
 * import { analysisFigures, analyzePolicy, defaultPolicy } from 'credential-lifecycle';
 * analysisFigures(analyzePolicy('puk', defaultPolicy('PUKPolicy')))[0];
 * // { name: 'failuresBeforePermanentLock', value: '3' }
 */
export const analysisFigures = (analysis: PolicyAnalysis): readonly AnalysisFigure[] => {
  const { maxGuesses, lockoutExposure: exposure } = analysis;
  const guesses = (name: 'hour' | 'day' | 'lifetime'): AnalysisFigure => ({
    name: `maxGuesses.${name}`,
    value: countText(maxGuesses[name].guesses),
    schedule: scheduleText(maxGuesses[name].schedule),
  });
  const locked = exposure.tmpLockedPerDay;
  return [
    {
      name: 'failuresBeforePermanentLock',
      value:
        analysis.failuresBeforePermanentLock === null
          ? 'never'
          : grouped(analysis.failuresBeforePermanentLock),
    },
    guesses('hour'),
    guesses('day'),
    guesses('lifetime'),
    {
      name: 'lockoutExposure.tmpLockedPerDay',
      value: `${formatDuration(locked)}${locked === analysisWindows.day ? ' (all day)' : ''}`,
      schedule: scheduleText(exposure.schedule),
    },
    {
      name: 'lockoutExposure.permanentLockReachable',
      value: exposure.permanentLockReachable ? 'yes' : 'no',
    },
    { name: 'successesAllowed', value: countText(analysis.successesAllowed) },
    { name: 'singleUse', value: analysis.singleUse ? 'yes' : 'no' },
    { name: 'resetsAllowed', value: countText(analysis.resetsAllowed) },
    { name: 'validity', value: formatDuration(analysis.validity) },
    {
      name: 'passwordChangeDue',
      value:
        analysis.passwordChangeDue === null
          ? 'no limit'
          : formatDuration(analysis.passwordChangeDue),
    },
  ];
};

/**
 * The lifecycle rules a policy gives, as one line of `name value` pairs
 * (durations written as in scripts).
 *
 * @example
 * import { defaultPolicy, rulesLine } from 'credential-lifecycle';
 * rulesLine(defaultPolicy('PwdPolicy'));
 * // 'maxCredFailureCount 3, tmpLockingThreshold 2, tmpLockingDuration 1m, tmpLockingMode strict, …'
 */
export const rulesLine = (policy: Policy): string => {
  const rules = lifecycleRulesOf(policy);
  // The password-change rules say nothing about the other kinds: leave them out there.
  const applies = (name: keyof LifecycleRules) =>
    policy.type === 'PwdPolicy' || !name.startsWith('initialPwchange');
  const durations: readonly (keyof LifecycleRules)[] = [
    'tmpLockingDuration',
    'credentialLifetime',
    'initialPwchangePeriodInitial',
    'initialPwchangePeriodAdminChanged',
  ];
  return (Object.keys(rules) as (keyof LifecycleRules)[])
    .filter(applies)
    .map((name) => {
      const value = rules[name];
      const text =
        durations.includes(name) && typeof value === 'number' && value >= 0
          ? formatDuration(value)
          : String(value);
      return `${name} ${text}`;
    })
    .join(', ');
};

const scheduleLines = (title: string, figures: readonly AnalysisFigure[]): string[] => [
  title,
  ...figures.flatMap((f) => (f.schedule === undefined ? [] : [`  ${f.name}: ${f.schedule}`])),
];

/**
 * An analysis as text: the rules it was computed from, a table of figures,
 * and the schedules that achieve the guess figures.
 *
 * @example
 * import { analysisReport, analyzePolicy, defaultPolicy } from 'credential-lifecycle';
 * const policy = defaultPolicy('PwdPolicy');
 * analysisReport('password', policy, analyzePolicy('password', policy))[0];
 * // 'password under policy default'
 */
export const analysisReport = (
  kind: CredentialKind,
  policy: Policy,
  analysis: PolicyAnalysis,
): string[] => {
  const figures = analysisFigures(analysis);
  return [
    `${kind} under policy ${policy.extId}`,
    `rules: ${rulesLine(policy)}`,
    '',
    ...alignedTable(
      ['figure', 'value'],
      figures.map((f) => [f.name, f.value]),
    ),
    '',
    ...scheduleLines('schedules:', figures),
  ];
};

/**
 * Two analyses of the same kind side by side: one row per figure with both
 * values and `*` where they differ, then each policy's rules and schedules.
 *
 * @example
 * import { analyzePolicy, comparisonReport, defaultPolicy } from 'credential-lifecycle';
 * const a = defaultPolicy('PwdPolicy', 'a');
 * const b = { ...defaultPolicy('PwdPolicy', 'b'), maxCredFailureCount: 5 };
 * const report = comparisonReport('password', [a, analyzePolicy('password', a)], [b, analyzePolicy('password', b)]);
 * report[0]; // 'password: a against b (* marks a difference)'
 * report.filter((line) => line.endsWith('*'));
 * // ['failuresBeforePermanentLock             3          5          *',
 * //  'maxGuesses.hour                         3          5          *',
 * //  'maxGuesses.day                          3          5          *',
 * //  'maxGuesses.lifetime                     3          5          *',
 * //  'lockoutExposure.tmpLockedPerDay         1m         3m         *']
 */
export const comparisonReport = (
  kind: CredentialKind,
  [policy, analysis]: readonly [Policy, PolicyAnalysis],
  [other, otherAnalysis]: readonly [Policy, PolicyAnalysis],
): string[] => {
  const left = analysisFigures(analysis);
  const right = analysisFigures(otherAnalysis);
  const rows = left.map((f, i) => {
    const g = right[i];
    return [f.name, f.value, g?.value ?? '', f.value === g?.value ? '' : '*'];
  });
  const one = policy.extId;
  const two = other.extId === one ? `${one} (against)` : other.extId;
  return [
    `${kind}: ${one} against ${two} (* marks a difference)`,
    `rules (${one}): ${rulesLine(policy)}`,
    `rules (${two}): ${rulesLine(other)}`,
    '',
    ...alignedTable(['figure', one, two, 'diff'], rows),
    '',
    ...scheduleLines(`schedules (${one}):`, left),
    ...scheduleLines(`schedules (${two}):`, right),
  ];
};

/**
 * The names of the figures in which two analyses differ.
 *
 * @example
 * import { analysisDifferences, analyzePolicy, defaultPolicy } from 'credential-lifecycle';
 * analysisDifferences(
 *   analyzePolicy('password', defaultPolicy('PwdPolicy')),
 *   analyzePolicy('password', { ...defaultPolicy('PwdPolicy'), maxResetCount: 2 }),
 * ); // ['resetsAllowed']
 */
export const analysisDifferences = (a: PolicyAnalysis, b: PolicyAnalysis): string[] => {
  const right = analysisFigures(b);
  return analysisFigures(a)
    .filter((f, i) => f.value !== right[i]?.value)
    .map((f) => f.name);
};
