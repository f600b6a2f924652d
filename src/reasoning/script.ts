/**
 * The script language of `explain`: a line of steps such as
 * `fail*2 wait 60s login`, read into a list of {@link Step}s, and written
 * back. Errors are values naming the token and its position; nothing throws.
 *
 * @packageDocumentation
 */
import { either as E, option as O } from 'fp-ts';
import { latestInstant } from '../domain/instant.js';
import { formatDuration, parseDuration } from './duration.js';

/**
 * Every step name of the script language, in the order the docs list them.
 *
 * @example
 * import { stepNames } from 'credential-lifecycle';
 * stepNames.includes('strong-login'); // true
 */
export const stepNames = [
  'login',
  'fail',
  'wait',
  'reset',
  'unlock',
  'change',
  'disable',
  'enable',
  'archive',
  'admin-changed',
  'strong-login',
  'delete',
] as const;

/**
 * One step name of the script language.
 *
 * @example
 * import type { StepName } from 'credential-lifecycle';
 * const name: StepName = 'admin-changed';
 */
export type StepName = (typeof stepNames)[number];

/**
 * One step of a script: a name, and for `wait` the milliseconds to wait.
 *
 * @example
 * import type { Step } from 'credential-lifecycle';
 * const steps: Step[] = [{ name: 'fail' }, { name: 'wait', ms: 60_000 }, { name: 'login' }];
 */
export type Step =
  | { readonly name: Exclude<StepName, 'wait'> }
  | { readonly name: 'wait'; readonly ms: number };

/**
 * What each step stands for, one short sentence each (for help texts and
 * buttons).
 *
 * @example
 * import { stepDescriptions } from 'credential-lifecycle';
 * stepDescriptions.fail; // 'a login with a wrong secret'
 */
export const stepDescriptions: { readonly [N in StepName]: string } = {
  login: 'a login with the right secret',
  fail: 'a login with a wrong secret',
  wait: 'time passes (wait <duration>)',
  reset: "an administrator's reset (a new secret)",
  unlock: "an administrator's unlock",
  change: "the user's own password change",
  disable: 'an administrator sets the state disabled',
  enable: 'an administrator sets the state active',
  archive: 'an administrator sets the state archived',
  'admin-changed': 'an administrator sets the state admin-changed',
  'strong-login': 'the user logs in with the original strong credential',
  delete: 'the credential is deleted',
};

/**
 * A script that cannot be read: what is wrong, the offending token as
 * written, and its position (0-based index into the script text).
 *
 * @example
 * import type { ScriptError } from 'credential-lifecycle';
 * const e: ScriptError = {
 *   _tag: 'ScriptError',
 *   message: 'unknown step "fial" at column 6',
 *   token: 'fial',
 *   position: 5,
 * };
 */
export interface ScriptError {
  readonly _tag: 'ScriptError';
  readonly message: string;
  readonly token: string;
  readonly position: number;
}

/**
 * The most steps a script may expand to (after repetitions).
 *
 * @example
 * import { maxScriptSteps } from 'credential-lifecycle';
 * maxScriptSteps; // 100000
 */
export const maxScriptSteps = 100_000;

/** The largest repetition count (a larger one cannot stay within {@link maxScriptSteps}). */
const MAX_REPEAT = maxScriptSteps;

interface Token {
  readonly text: string;
  readonly position: number;
}

const tokenize = (script: string): Token[] => {
  const tokens: Token[] = [];
  for (const match of script.matchAll(/[()]|[^\s()]+/g)) {
    tokens.push({ text: match[0], position: match.index });
  }
  return tokens;
};

/** The error at `token`: what is wrong, where, and optionally what is allowed. */
const problemAt = (token: Token, why: string, hint?: string): ScriptError => ({
  _tag: 'ScriptError',
  message: `${why} at column ${token.position + 1}${hint === undefined ? '' : ` (${hint})`}`,
  token: token.text,
  position: token.position,
});

const fail = (token: Token, why: string, hint?: string): E.Either<ScriptError, never> =>
  E.left(problemAt(token, why, hint));

const quoted = (token: Token): string => JSON.stringify(token.text);

const durations = 'durations: 30s, 5m, 2h, 1d, 250ms, 1h30m or milliseconds';

const knownSteps = `steps: ${stepNames.map((n) => (n === 'wait' ? 'wait <duration>' : n)).join(', ')}`;

/** A tree of the script before expansion. */
type Item = { readonly step: Step } | { readonly group: readonly Repeated[] };
type Repeated = { readonly item: Item; readonly times: number; readonly token: Token };

/** Splits `word*3` into its word and count (1 when there is no `*`). */
const repetition = (token: Token, text: string): E.Either<ScriptError, [string, number]> => {
  const star = text.indexOf('*');
  if (star === -1) return E.right([text, 1]);
  const count = text.slice(star + 1);
  if (!/^\d{1,7}$/.test(count) || Number(count) < 1 || Number(count) > MAX_REPEAT) {
    return fail(
      token,
      `bad repetition ${quoted(token)}`,
      `expected *N, N a whole number from 1 to ${MAX_REPEAT}`,
    );
  }
  return E.right([text.slice(0, star), Number(count)]);
};

const isStepName = (word: string): word is StepName =>
  (stepNames as readonly string[]).includes(word);

/** Reads items from `tokens[at]` on, up to a `)` (inside a group) or the end. */
const readItems = (
  tokens: readonly Token[],
  start: number,
  inGroup: Token | undefined,
): E.Either<ScriptError, { items: Repeated[]; next: number }> => {
  const items: Repeated[] = [];
  let at = start;
  while (at < tokens.length) {
    const token = tokens[at] as Token;
    if (token.text === ')') {
      if (inGroup === undefined) return fail(token, 'unmatched ")"');
      return E.right({ items, next: at });
    }
    if (token.text === '(') {
      const inner = readItems(tokens, at + 1, token);
      if (E.isLeft(inner)) return inner;
      const close = tokens[inner.right.next];
      if (close === undefined) return fail(token, '"(" without its ")"');
      if (inner.right.items.length === 0) return fail(token, 'empty group "()"');
      const suffix = tokens[inner.right.next + 1];
      let times = 1;
      at = inner.right.next + 1;
      if (suffix?.text.startsWith('*') && suffix.position === close.position + 1) {
        const counted = repetition(suffix, suffix.text);
        if (E.isLeft(counted)) return counted;
        times = counted.right[1];
        at += 1;
      }
      items.push({ item: { group: inner.right.items }, times, token });
      continue;
    }
    const counted = repetition(token, token.text);
    if (E.isLeft(counted)) return counted;
    const [word, times] = counted.right;
    if (word === '') {
      return fail(
        token,
        `repetition ${quoted(token)} follows no step`,
        'attach it: fail*3, (fail wait 1m)*3',
      );
    }
    if (!isStepName(word)) return fail(token, `unknown step ${quoted(token)}`, knownSteps);
    if (word !== 'wait') {
      items.push({ item: { step: { name: word } }, times, token });
      at += 1;
      continue;
    }
    if (times !== 1)
      return fail(token, `repetition ${quoted(token)} before the duration`, 'write wait 1m*3');
    const value = tokens[at + 1];
    if (value === undefined || value.text === '(' || value.text === ')') {
      return fail(value ?? token, 'wait needs a duration', durations);
    }
    const timed = repetition(value, value.text);
    if (E.isLeft(timed)) return timed;
    const ms = parseDuration(timed.right[0]);
    if (O.isNone(ms)) return fail(value, `bad duration ${quoted(value)}`, durations);
    items.push({ item: { step: { name: 'wait', ms: ms.value } }, times: timed.right[1], token });
    at += 2;
  }
  if (inGroup !== undefined) return fail(inGroup, '"(" without its ")"');
  return E.right({ items, next: at });
};

/** Expands the tree into steps, within the step and time limits. */
const expand = (items: readonly Repeated[]): E.Either<ScriptError, Step[]> => {
  const steps: Step[] = [];
  let time = 0;
  const walk = (list: readonly Repeated[]): ScriptError | undefined => {
    for (const { item, times, token } of list) {
      for (let i = 0; i < times; i++) {
        if ('group' in item) {
          const problem = walk(item.group);
          if (problem !== undefined) return problem;
          continue;
        }
        if (steps.length >= maxScriptSteps) {
          return problemAt(token, `the script is longer than ${maxScriptSteps} steps`);
        }
        if (item.step.name === 'wait') {
          time += item.step.ms;
          if (time > latestInstant) {
            return problemAt(token, `the script's time passes ${latestInstant} ms`);
          }
        }
        steps.push(item.step);
      }
    }
    return undefined;
  };
  const problem = walk(items);
  return problem === undefined ? E.right(steps) : E.left(problem);
};

/**
 * Reads a script. Steps are separated by white space: `login`, `fail`,
 * `wait <duration>`, `reset`, `unlock`, `change`, `disable`, `enable`,
 * `archive`, `admin-changed`, `strong-login`, `delete`. A step followed by
 * `*N` is repeated N times (`fail*3`, `wait 1m*2`); so is a group in
 * parentheses (`(fail wait 1m)*5`). Durations are `30s`, `5m`, `2h`, `1d`,
 * `250ms`, combinations from the largest unit down (`1h30m`) or plain
 * milliseconds. A script expands to at most {@link maxScriptSteps} steps and
 * its waits add up to at most the latest instant the wire can carry.
 *
 * @example
 * import { parseScript } from 'credential-lifecycle';
 * parseScript('fail*2 wait 60s login');
 * // right([{ name: 'fail' }, { name: 'fail' }, { name: 'wait', ms: 60000 }, { name: 'login' }])
 * parseScript('fail fial');
 * // left({ _tag: 'ScriptError', token: 'fial', position: 5,
 * //        message: 'unknown step "fial" at column 6 (steps: login, fail, wait <duration>, …)' })
 */
export const parseScript = (script: string): E.Either<ScriptError, readonly Step[]> => {
  const read = readItems(tokenize(script), 0, undefined);
  return E.isLeft(read) ? read : expand(read.right.items);
};

/**
 * One step as the script language writes it.
 *
 * @example
 * import { stepText } from 'credential-lifecycle';
 * stepText({ name: 'wait', ms: 90_000 }); // 'wait 1m30s'
 * stepText({ name: 'strong-login' }); // 'strong-login'
 */
export const stepText = (step: Step): string =>
  step.name === 'wait' ? `wait ${formatDuration(step.ms)}` : step.name;

/**
 * Writes steps back as a script that {@link parseScript} reads as the same
 * steps, with runs of equal steps shortened to `step*N`.
 *
 * @example
 * import { scriptText } from 'credential-lifecycle';
 * scriptText([{ name: 'fail' }, { name: 'fail' }, { name: 'wait', ms: 60_000 }, { name: 'fail' }]);
 * // 'fail*2 wait 1m fail'
 */
export const scriptText = (steps: readonly Step[]): string => {
  const words: string[] = [];
  let i = 0;
  while (i < steps.length) {
    const text = stepText(steps[i] as Step);
    let run = 1;
    while (i + run < steps.length && stepText(steps[i + run] as Step) === text) run++;
    words.push(run === 1 ? text : `${text}*${run}`);
    i += run;
  }
  return words.join(' ');
};
