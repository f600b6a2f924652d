/**
 * Password complexity: every rule of a password policy checked at once.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js';
import { type ApiError, ErrorCode, type PasswordViolationEntry } from '../domain/errors.js';
import { verifySecret } from '../secret/hash.js';
import { Redacted } from '../secret/redacted.js';
import type { PasswordPolicy } from './policy.js';

/**
 * The nevisAuth result codes for password policy violations.
 *
 * @example
 * import { PasswordAuthCode } from 'credential-lifecycle';
 * PasswordAuthCode.tooShort; // 50
 */
export const PasswordAuthCode = {
  /** Fewer characters than `minLength`. */
  tooShort: 50,
  /** Fewer digits than `minDigits`. */
  needsDigits: 51,
  /** Fewer special characters than `minSpecialChars`; also used for letters, upper and lower case [model]. */
  needsSpecialCharacters: 52,
  /** Recently used (history) or blocked (contains the login id). */
  recentlyUsedOrBlocked: 53,
  /** More characters than `maxLength`. */
  tooLong: 54,
  /** A dictionary word. */
  inDictionary: 55,
} as const;

/**
 * The rule a password violates.
 *
 * @example
 * import type { PasswordRule } from 'credential-lifecycle';
 * const rule: PasswordRule = 'minDigits';
 */
export type PasswordRule =
  | 'minLength'
  | 'maxLength'
  | 'minLetters'
  | 'minUpperCase'
  | 'minLowerCase'
  | 'minDigits'
  | 'minSpecialChars'
  | 'loginId'
  | 'dictionary'
  | 'history';

/**
 * One violated rule: the rule, its nevisAuth code, the nevis error code and a
 * message that never contains the password.
 *
 * @example
 * import type { PasswordViolation } from 'credential-lifecycle';
 * const v: PasswordViolation = {
 *   rule: 'minLength',
 *   authCode: 50,
 *   code: 'errors.pwdPolicyViolated',
 *   message: 'the password has 3 characters, at least 8 are required',
 * };
 */
export interface PasswordViolation {
  /** The policy rule that failed. */
  readonly rule: PasswordRule;
  /** nevisAuth's code for it (50–55). */
  readonly authCode: (typeof PasswordAuthCode)[keyof typeof PasswordAuthCode];
  /** Always `errors.pwdPolicyViolated`. */
  readonly code: typeof ErrorCode.pwdPolicyViolated;
  /** A human-readable text without the password. */
  readonly message: string;
}

/**
 * The context a password is checked in.
 *
 * @example
 * import type { PasswordCheckContext } from 'credential-lifecycle';
 * const ctx: PasswordCheckContext = { loginId: 'jdoe', historyHashes: [] };
 */
export interface PasswordCheckContext {
  /** The user's login id; when given and `allowLoginIdInPassword` is false, the password must not contain it (ignoring case). */
  readonly loginId?: string;
  /** Stored hashes of earlier passwords, most recent first; the first `historyDepth` are checked. */
  readonly historyHashes?: readonly string[];
}

const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const DIGIT = /\p{Nd}/u;

/**
 * Whether a character (one code point) is a letter (Unicode `L`).
 *
 * @example
 * import { isLetter } from 'credential-lifecycle';
 * isLetter('ß'); // true
 */
export const isLetter = (ch: string): boolean => LETTER.test(ch);

/**
 * Whether a character is an upper-case letter (Unicode `Lu`).
 *
 * @example
 * import { isUpperCase } from 'credential-lifecycle';
 * isUpperCase('Ä'); // true
 */
export const isUpperCase = (ch: string): boolean => UPPER.test(ch);

/**
 * Whether a character is a lower-case letter (Unicode `Ll`).
 *
 * @example
 * import { isLowerCase } from 'credential-lifecycle';
 * isLowerCase('ä'); // true
 */
export const isLowerCase = (ch: string): boolean => LOWER.test(ch);

/**
 * Whether a character is a decimal digit (Unicode `Nd`, so also e.g. `٣`).
 *
 * @example
 * import { isDigit } from 'credential-lifecycle';
 * isDigit('7'); // true
 */
export const isDigit = (ch: string): boolean => DIGIT.test(ch);

/**
 * Whether a character counts as special under a policy: it is one of the
 * policy's `specialCharacterSet`.
 *
 * @example
 * import { defaultPolicy, isSpecial } from 'credential-lifecycle';
 * isSpecial('!', defaultPolicy('PwdPolicy')); // true
 */
export const isSpecial = (
  ch: string,
  policy: Pick<PasswordPolicy, 'specialCharacterSet'>,
): boolean => policy.specialCharacterSet.includes(ch);

const violation = (
  rule: PasswordRule,
  authCode: PasswordViolation['authCode'],
  message: string,
): PasswordViolation => ({ rule, authCode, code: ErrorCode.pwdPolicyViolated, message });

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Checks a password against a password policy and returns EVERY violated
 * rule (an empty array when it complies). Lengths count Unicode code points,
 * not UTF-16 units. Codes: 50 too short, 54 too long, 51 too few digits, 52
 * too few special characters — and also too few letters, upper-case or
 * lower-case letters, which nevisAuth has no own code for [model] — 53 when
 * the password contains the login id (case-insensitive, only when
 * `allowLoginIdInPassword` is false) or matches one of the last
 * `historyDepth` stored hashes (unreadable stored hashes are skipped), 55 when
 * `checkDictionary` is on and it is a dictionary word (`dictionaryMatch`
 * `equals`) or contains one (`contains`), ignoring case. Messages never
 * contain the password.
 *
 * @example
 * import { checkPassword, defaultPolicy } from 'credential-lifecycle';
 * checkPassword('abc', defaultPolicy('PwdPolicy')).map((v) => v.authCode); // [50, 52, 51, 52]
 * checkPassword('Str0ng!pass', defaultPolicy('PwdPolicy')); // []
 */
export const checkPassword = (
  plaintext: Redacted<string> | string,
  policy: PasswordPolicy,
  context: PasswordCheckContext = {},
): readonly PasswordViolation[] => {
  const password = Redacted.is(plaintext) ? Redacted.value(plaintext) : plaintext;
  let length = 0;
  let letters = 0;
  let upper = 0;
  let lower = 0;
  let digits = 0;
  let special = 0;
  for (const ch of password) {
    length++;
    if (isLetter(ch)) letters++;
    if (isUpperCase(ch)) upper++;
    if (isLowerCase(ch)) lower++;
    if (isDigit(ch)) digits++;
    if (isSpecial(ch, policy)) special++;
  }
  const out: PasswordViolation[] = [];
  if (length < policy.minLength) {
    out.push(
      violation(
        'minLength',
        PasswordAuthCode.tooShort,
        `the password has ${plural(length, 'character')}, at least ${policy.minLength} are required`,
      ),
    );
  }
  if (policy.maxLength !== -1 && length > policy.maxLength) {
    out.push(
      violation(
        'maxLength',
        PasswordAuthCode.tooLong,
        `the password has ${plural(length, 'character')}, at most ${policy.maxLength} are allowed`,
      ),
    );
  }
  const classes = [
    ['minLetters', letters, policy.minLetters, 'letter', PasswordAuthCode.needsSpecialCharacters],
    [
      'minUpperCase',
      upper,
      policy.minUpperCase,
      'upper-case letter',
      PasswordAuthCode.needsSpecialCharacters,
    ],
    [
      'minLowerCase',
      lower,
      policy.minLowerCase,
      'lower-case letter',
      PasswordAuthCode.needsSpecialCharacters,
    ],
    ['minDigits', digits, policy.minDigits, 'digit', PasswordAuthCode.needsDigits],
    [
      'minSpecialChars',
      special,
      policy.minSpecialChars,
      'special character',
      PasswordAuthCode.needsSpecialCharacters,
    ],
  ] as const;
  for (const [rule, count, min, word, authCode] of classes) {
    if (count < min) {
      out.push(
        violation(
          rule,
          authCode,
          `the password has ${plural(count, word)}, at least ${min} are required`,
        ),
      );
    }
  }
  const folded = password.toLowerCase();
  const loginId = context.loginId?.toLowerCase() ?? '';
  if (!policy.allowLoginIdInPassword && loginId.length > 0 && folded.includes(loginId)) {
    out.push(
      violation(
        'loginId',
        PasswordAuthCode.recentlyUsedOrBlocked,
        'the password must not contain the login id',
      ),
    );
  }
  if (policy.checkDictionary) {
    const hit = policy.dictionary.some((word) => {
      const w = word.toLowerCase();
      if (w.length === 0) return false;
      return policy.dictionaryMatch === 'equals' ? folded === w : folded.includes(w);
    });
    if (hit) {
      out.push(
        violation(
          'dictionary',
          PasswordAuthCode.inDictionary,
          policy.dictionaryMatch === 'equals'
            ? 'the password is a dictionary word'
            : 'the password contains a dictionary word',
        ),
      );
    }
  }
  const history = (context.historyHashes ?? []).slice(0, policy.historyDepth);
  if (history.some((stored) => E.getOrElse(() => false)(verifySecret(password, stored)))) {
    out.push(
      violation(
        'history',
        PasswordAuthCode.recentlyUsedOrBlocked,
        `the password is one of the last ${plural(policy.historyDepth, 'password')} used`,
      ),
    );
  }
  return out;
};

/**
 * The error entry of one violation: `errors.pwdPolicyViolated` with the rule
 * and its nevisAuth code as fields and at the start of the message.
 *
 * @example
 * import { checkPassword, defaultPolicy, passwordViolationEntry } from 'credential-lifecycle';
 * const [tooShort] = checkPassword('abc', defaultPolicy('PwdPolicy'));
 * if (tooShort) passwordViolationEntry(tooShort);
 * // { code: 'errors.pwdPolicyViolated', message: 'minLength (nevisAuth 50): the password has 3 characters, at least 8 are required', authCode: 50, rule: 'minLength' }
 */
export const passwordViolationEntry = (v: PasswordViolation): PasswordViolationEntry => ({
  code: v.code,
  message: `${v.rule} (nevisAuth ${v.authCode}): ${v.message}`,
  authCode: v.authCode,
  rule: v.rule,
});

/**
 * The 422 error for a non-empty list of violations: one `errors.pwdPolicyViolated`
 * entry per violation, as the API reports them, each naming the rule and its
 * nevisAuth code (see {@link passwordViolationEntry}).
 *
 * @example
 * import { checkPassword, defaultPolicy, passwordPolicyError } from 'credential-lifecycle';
 * const [first, ...rest] = checkPassword('abc', defaultPolicy('PwdPolicy'));
 * if (first) passwordPolicyError([first, ...rest]).errors.map((e) => e.message.split(':')[0]);
 * // ['minLength (nevisAuth 50)', 'minUpperCase (nevisAuth 52)', 'minDigits (nevisAuth 51)', 'minSpecialChars (nevisAuth 52)']
 */
export const passwordPolicyError = (
  violations: ReadonlyNonEmptyArray<PasswordViolation>,
): ApiError => {
  const [first, ...rest] = violations;
  return {
    status: 422,
    errors: [passwordViolationEntry(first), ...rest.map(passwordViolationEntry)],
  };
};
