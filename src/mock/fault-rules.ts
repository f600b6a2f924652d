/**
 * Latency and fault injection: rules that make the mock slow, or answer an
 * error instead of the real answer, for some requests. They simulate a slow
 * or failing network and keep the model correct; the test-only faults of
 * `faults.ts` are another thing (they break the model on purpose).
 *
 * A rule matches by method (any when absent) and a path glob (`*` is any run
 * of characters); the first rule that matches is the one that may apply, and
 * its `rate` (default 1) is the share of matching requests it applies to.
 * Rates and random delays draw from the mock's random source, so a seeded
 * mock repeats them. The mock only decides a delay; the adapters wait.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import { ErrorBody, ErrorCode, isPlainObject } from '../domain/errors.js';
import { type HttpAnswer, jsonAnswer } from '../operations/answer.js';
import type { RandomSource } from '../secret/random.js';
import { describeControlValue as describe } from './control-route.js';

/**
 * The longest delay a rule may give: 5 minutes.
 *
 * @example
 * import { maxFaultDelayMs } from 'credential-lifecycle/mock';
 * maxFaultDelayMs; // 300_000
 */
export const maxFaultDelayMs = 300_000;

/**
 * One rule, as `PUT /__mock/faults` takes it (`{"rules": [...]}`): `delayMs`
 * is a fixed delay or `[min, max]` (uniform, whole milliseconds, both
 * included); `status` (400 to 599) answers instead of the real answer, with
 * `body` (a nevis error body) or a default one. At least one of `delayMs`
 * and `status`.
 *
 * @example
 * import type { FaultRule } from 'credential-lifecycle/mock';
 * const flaky: FaultRule = { path: '*\/ticket', status: 503, rate: 0.1 };
 */
export interface FaultRule {
  readonly method?: string;
  readonly path: string;
  readonly delayMs?: number | readonly [number, number];
  readonly status?: number;
  readonly body?: ErrorBody;
  readonly rate?: number;
}

/**
 * Rules decoded and ready to match: each with its compiled glob.
 *
 * @example
 * import { decodeFaultRules, type FaultRules } from 'credential-lifecycle/mock';
 * const none: FaultRules = { rules: [], matchers: [] };
 */
export interface FaultRules {
  readonly rules: readonly FaultRule[];
  readonly matchers: readonly RegExp[];
}

/**
 * No rules: every request answers as the model says, at once.
 *
 * @example
 * import { noFaultRules } from 'credential-lifecycle/mock';
 * noFaultRules.rules.length; // 0
 */
export const noFaultRules: FaultRules = { rules: [], matchers: [] };

/**
 * A path glob as an anchored regular expression: `*` matches any run of
 * characters (also `/`), everything else itself.
 *
 * @example
 * import { globPattern } from 'credential-lifecycle/mock';
 * globPattern('*\/ticket').test('/nevisidm/api/core/v1/c/users/u/ticket'); // true
 * globPattern('/nevisidm/*').test('/other'); // false
 */
export const globPattern = (glob: string): RegExp =>
  new RegExp(
    `^${glob
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );

const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const ruleFields = new Set(['method', 'path', 'delayMs', 'status', 'body', 'rate']);

const isDelay = (u: unknown): u is number =>
  typeof u === 'number' && Number.isSafeInteger(u) && u >= 0 && u <= maxFaultDelayMs;

/** The problems of one rule, each naming its field. */
const ruleProblems = (at: string, rule: Readonly<Record<string, unknown>>): string[] => {
  const problems: string[] = [];
  for (const key of Object.keys(rule)) {
    if (!ruleFields.has(key)) {
      problems.push(`${at}.${key}: unknown field; allowed: ${[...ruleFields].join(', ')}`);
    }
  }
  const { method, path, delayMs, status, body, rate } = rule;
  if (method !== undefined && (typeof method !== 'string' || !METHOD.test(method))) {
    problems.push(`${at}.method: got ${describe(method)}, expected an HTTP method such as "GET"`);
  }
  if (typeof path !== 'string' || path === '') {
    problems.push(
      `${at}.path: got ${describe(path)}, expected a non-empty glob such as "/nevisidm/*"`,
    );
  }
  const range =
    Array.isArray(delayMs) &&
    delayMs.length === 2 &&
    isDelay(delayMs[0]) &&
    isDelay(delayMs[1]) &&
    delayMs[0] <= delayMs[1];
  if (delayMs !== undefined && !isDelay(delayMs) && !range) {
    problems.push(
      `${at}.delayMs: got ${describe(delayMs)}, expected whole milliseconds 0 to ${maxFaultDelayMs}, or [min, max] with min ≤ max`,
    );
  }
  if (
    status !== undefined &&
    (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599)
  ) {
    problems.push(`${at}.status: got ${describe(status)}, expected an integer 400 to 599`);
  }
  if (body !== undefined) {
    if (status === undefined) problems.push(`${at}.body: a body needs a status`);
    else if (!ErrorBody.is(body) || body.errors.length === 0) {
      problems.push(
        `${at}.body: got ${describe(body)}, expected a nevis error body {"errors": [{"code", "message"}]}`,
      );
    }
  }
  if (rate !== undefined && (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))) {
    problems.push(`${at}.rate: got ${describe(rate)}, expected a number 0 to 1`);
  }
  if (delayMs === undefined && status === undefined) {
    problems.push(`${at}: expected delayMs, status or both`);
  }
  return problems;
};

/**
 * Decodes the body of `PUT /__mock/faults`: `{"rules": [...]}`. Every
 * problem is one message naming the rule and field; never throws.
 *
 * @example
 * import { decodeFaultRules } from 'credential-lifecycle/mock';
 * decodeFaultRules({ rules: [{ method: 'GET', path: '/nevisidm/*', delayMs: 400 }] })._tag; // 'Right'
 * decodeFaultRules({ rules: [{ path: '', rate: 2 }] });
 * // => left(['$.rules[0].path: got "", expected a non-empty glob …', '$.rules[0].rate: …', '$.rules[0]: expected delayMs, status or both'])
 */
export const decodeFaultRules = (body: unknown): E.Either<[string, ...string[]], FaultRules> => {
  if (!isPlainObject(body) || !Array.isArray(body.rules)) {
    return E.left([
      `$.rules: got ${describe(isPlainObject(body) ? body.rules : body)}, expected an array of rules`,
    ]);
  }
  const extra = Object.keys(body).filter((k) => k !== 'rules');
  const problems = extra.map((k) => `$.${k}: unknown field; allowed: rules`);
  const rules: FaultRule[] = [];
  for (const [i, rule] of (body.rules as unknown[]).entries()) {
    const at = `$.rules[${i}]`;
    if (!isPlainObject(rule)) {
      problems.push(`${at}: got ${describe(rule)}, expected an object`);
      continue;
    }
    const found = ruleProblems(at, rule);
    problems.push(...found);
    if (found.length === 0) rules.push(rule as unknown as FaultRule);
  }
  const [first, ...rest] = problems;
  if (first !== undefined) return E.left([first, ...rest]);
  return E.right({ rules, matchers: rules.map((r) => globPattern(r.path)) });
};

/** 32 random bits as an unsigned integer. */
const word = (random: RandomSource): number => {
  const [a = 0, b = 0, c = 0, d = 0] = random.getRandomValues(new Uint8Array(4));
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
};

/** A uniform integer in [0, n) from 32-bit draws, rejecting the biased tail. */
const uniformBelow = (random: RandomSource, n: number): number => {
  if (n <= 1) return 0;
  const limit = 2 ** 32 - (2 ** 32 % n);
  for (;;) {
    const v = word(random);
    if (v < limit) return v % n;
  }
};

/** A uniform fraction in [0, 1): 32 random bits. */
const uniformFraction = (random: RandomSource): number => word(random) / 2 ** 32;

/**
 * What the fault rules decided for one request: the rule that applied, the
 * delay before answering, and the answer that replaces the real one (absent:
 * the real answer, after the delay).
 *
 * @example
 * import type { FaultDecision } from 'credential-lifecycle/mock';
 * const slow: FaultDecision = { rule: 0, delayMs: 400 };
 */
export interface FaultDecision {
  readonly rule: number;
  readonly delayMs: number;
  readonly answer?: HttpAnswer;
}

const defaultCode = (status: number): string =>
  status === 503
    ? ErrorCode.serviceUnavailable
    : status === 500
      ? ErrorCode.internal
      : 'errors.injectedFault';

/**
 * Decides what the rules do to a request (its path without the query):
 * `undefined` when no rule matches, or the first matching rule does not
 * apply this time (its rate). Draws from `random` only for a rate below 1 or
 * a delay range.
 *
 * @example
 * import { seededRandom } from 'credential-lifecycle';
 * import { decideFault, decodeFaultRules } from 'credential-lifecycle/mock';
 * const decoded = decodeFaultRules({ rules: [{ path: '*\/ticket', status: 503 }] });
 * if (decoded._tag === 'Right') decideFault(decoded.right, 'GET', '/x/ticket', seededRandom(1))?.answer?.status; // 503
 */
export const decideFault = (
  faults: FaultRules,
  method: string,
  path: string,
  random: RandomSource,
): FaultDecision | undefined => {
  const upper = method.toUpperCase();
  const index = faults.rules.findIndex(
    (rule, i) =>
      (rule.method === undefined || rule.method.toUpperCase() === upper) &&
      faults.matchers[i]?.test(path) === true,
  );
  const rule = faults.rules[index];
  if (rule === undefined) return undefined;
  if (rule.rate !== undefined && rule.rate < 1 && !(uniformFraction(random) < rule.rate)) {
    return undefined;
  }
  const { delayMs = 0, status } = rule;
  const delay =
    typeof delayMs === 'number'
      ? delayMs
      : delayMs[0] + uniformBelow(random, delayMs[1] - delayMs[0] + 1);
  if (status === undefined) return { rule: index, delayMs: delay };
  const body = rule.body ?? {
    errors: [{ code: defaultCode(status), message: `answered by fault rule ${index}` }],
  };
  return { rule: index, delayMs: delay, answer: jsonAnswer(status, body) };
};
