import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ErrorBody, PasswordViolationEntry, toErrorBody } from '../../src/domain/errors.js';
import {
  checkPassword,
  defaultPolicy,
  type PasswordPolicy,
  passwordPolicyError,
} from '../../src/policy/index.js';
import { hashSecret, Redacted, seededRandom } from '../../src/secret/index.js';

const base = defaultPolicy('PwdPolicy');
const relaxed: PasswordPolicy = {
  ...base,
  minLength: 0,
  maxLength: -1,
  minLetters: 0,
  minUpperCase: 0,
  minLowerCase: 0,
  minDigits: 0,
  minSpecialChars: 0,
};

/** nevisAuth's codes (domain reference, section 5); letters and case use 52 (docs/assumptions.md). */
const NEVIS_AUTH_CODE: Readonly<Record<string, number>> = {
  minLength: 50,
  minDigits: 51,
  minSpecialChars: 52,
  minLetters: 52,
  minUpperCase: 52,
  minLowerCase: 52,
  history: 53,
  loginId: 53,
  maxLength: 54,
  dictionary: 55,
};

const codes = (password: string, policy: PasswordPolicy, ctx = {}) =>
  checkPassword(password, policy, ctx).map((v) => [v.rule, v.authCode]);

describe('checkPassword', () => {
  it('a compliant password has no violations', () => {
    expect(checkPassword('Str0ng!pass', base)).toEqual([]);
  });

  it('reports every violation at once, each with its nevisAuth code and errors.pwdPolicyViolated', () => {
    const policy: PasswordPolicy = { ...base, minLetters: 4, minLength: 8 };
    const violations = checkPassword('', policy);
    expect(violations.map((v) => [v.rule, v.authCode])).toEqual([
      ['minLength', 50],
      ['minLetters', 52],
      ['minUpperCase', 52],
      ['minLowerCase', 52],
      ['minDigits', 51],
      ['minSpecialChars', 52],
    ]);
    for (const v of violations) expect(v.code).toBe('errors.pwdPolicyViolated');
  });

  it('too long → 54', () => {
    expect(codes('Aa1!Aa1!Aa1!', { ...base, maxLength: 10 })).toEqual([['maxLength', 54]]);
  });

  it('counts code points, not UTF-16 units', () => {
    const emoji = '😀😀😀😀'; // 4 code points, 8 UTF-16 units
    expect(emoji.length).toBe(8);
    expect(codes(emoji, { ...relaxed, minLength: 5 })).toEqual([['minLength', 50]]);
    expect(codes(emoji, { ...relaxed, minLength: 4 })).toEqual([]);
    expect(codes(emoji, { ...relaxed, maxLength: 4 })).toEqual([]);
    expect(codes(emoji, { ...relaxed, maxLength: 3 })).toEqual([['maxLength', 54]]);
  });

  it('Unicode letters and digits count in their classes', () => {
    const policy: PasswordPolicy = { ...relaxed, minUpperCase: 1, minLowerCase: 2, minDigits: 1 };
    expect(codes('Äöß٣', policy)).toEqual([]);
  });

  it('special characters are those of specialCharacterSet', () => {
    const policy: PasswordPolicy = { ...relaxed, minSpecialChars: 1, specialCharacterSet: '§' };
    expect(codes('a!', policy)).toEqual([['minSpecialChars', 52]]);
    expect(codes('a§', policy)).toEqual([]);
  });

  it('login id (case-insensitive) → 53 only when allowLoginIdInPassword is false', () => {
    const policy: PasswordPolicy = { ...relaxed, allowLoginIdInPassword: false };
    expect(codes('xxJDoe99', policy, { loginId: 'jdoe' })).toEqual([['loginId', 53]]);
    expect(codes('xxJDoe99', relaxed, { loginId: 'jdoe' })).toEqual([]);
    expect(codes('xxJDoe99', policy, {})).toEqual([]);
    expect(codes('xxJDoe99', policy, { loginId: '' })).toEqual([]);
  });

  it('dictionary → 55, equal or contained per dictionaryMatch, ignoring case', () => {
    const policy: PasswordPolicy = { ...relaxed, dictionary: ['Password', ''] };
    expect(codes('PASSWORD', policy)).toEqual([['dictionary', 55]]);
    expect(codes('password1', policy)).toEqual([]);
    expect(codes('password1', { ...policy, dictionaryMatch: 'contains' })).toEqual([
      ['dictionary', 55],
    ]);
    expect(codes('PASSWORD', { ...policy, checkDictionary: false })).toEqual([]);
  });

  it('history → 53 for the last historyDepth hashes, of any scheme; unreadable hashes skipped', () => {
    const salt = new Uint8Array([1, 2, 3, 4]);
    const history = [
      hashSecret('newest', { algorithm: 'SSHA256', salt }),
      '{MD5}garbage',
      hashSecret('older', { algorithm: 'SSHA', salt }),
      hashSecret('oldest', { algorithm: 'SSHA256', salt }),
    ];
    const policy: PasswordPolicy = { ...relaxed, historyDepth: 3 };
    expect(codes('newest', policy, { historyHashes: history })).toEqual([['history', 53]]);
    expect(codes('older', policy, { historyHashes: history })).toEqual([['history', 53]]);
    expect(codes('oldest', policy, { historyHashes: history })).toEqual([]);
    expect(codes('newest', { ...policy, historyDepth: 0 }, { historyHashes: history })).toEqual([]);
  });

  it('accepts a Redacted password', () => {
    expect(checkPassword(Redacted.make('abc'), { ...relaxed, minLength: 4 })).toHaveLength(1);
  });

  test.prop([fc.string({ unit: 'grapheme', minLength: 3 }), fc.string({ minLength: 1 })])(
    'messages never contain the password',
    (password, loginId) => {
      const policy: PasswordPolicy = {
        ...base,
        minLength: 1000,
        maxLength: 1,
        minLetters: 1000,
        allowLoginIdInPassword: false,
        dictionary: [password],
        historyDepth: 1,
      };
      const violations = checkPassword(password, policy, {
        loginId,
        historyHashes: [hashSecret(password, { algorithm: 'SSHA', random: seededRandom(1) })],
      });
      expect(violations.length).toBeGreaterThanOrEqual(4);
      // Only meaningful when the password is not a word of the fixed message texts.
      fc.pre(!/^[a-z0-9 ,.()-]*$/i.test(password));
      for (const v of violations) expect(v.message).not.toContain(password);
    },
  );

  it('passwordPolicyError: 422 with one errors.pwdPolicyViolated entry per violation', () => {
    const [first, ...rest] = checkPassword('abc', base);
    if (first === undefined) throw new Error('expected violations');
    const error = passwordPolicyError([first, ...rest]);
    expect(error.status).toBe(422);
    expect(error.errors).toEqual([
      {
        code: 'errors.pwdPolicyViolated',
        message: 'minLength (nevisAuth 50): the password has 3 characters, at least 8 are required',
        authCode: 50,
        rule: 'minLength',
      },
      {
        code: 'errors.pwdPolicyViolated',
        message:
          'minUpperCase (nevisAuth 52): the password has 0 upper-case letters, at least 1 are required',
        authCode: 52,
        rule: 'minUpperCase',
      },
      {
        code: 'errors.pwdPolicyViolated',
        message: 'minDigits (nevisAuth 51): the password has 0 digits, at least 1 are required',
        authCode: 51,
        rule: 'minDigits',
      },
      {
        code: 'errors.pwdPolicyViolated',
        message:
          'minSpecialChars (nevisAuth 52): the password has 0 special characters, at least 1 are required',
        authCode: 52,
        rule: 'minSpecialChars',
      },
    ]);
    expect(ErrorBody.is(toErrorBody(error))).toBe(true);
  });

  test.prop([
    fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom('xJDOEx', 'my-Secret', 'Abcdefgh1!Abcdefgh1!', 'jdoe-secret-x'),
    ),
    fc.constantFrom(base, {
      ...base,
      allowLoginIdInPassword: false,
      checkDictionary: true,
      dictionary: ['secret'],
      dictionaryMatch: 'contains' as const,
      maxLength: 12,
    }),
  ])(
    'every violation becomes one entry naming its rule and nevisAuth code (50–55), decodable as a nevis error body',
    (password, policy) => {
      const [first, ...rest] = checkPassword(password, policy, { loginId: 'jdoe' });
      if (first === undefined) return;
      const error = passwordPolicyError([first, ...rest]);
      const entries = error.errors.map((e) => {
        if (!PasswordViolationEntry.is(e)) throw new Error(`not a violation entry: ${e.message}`);
        return e;
      });
      expect(entries.map((e) => e.rule)).toEqual([first, ...rest].map((v) => v.rule));
      for (const e of entries) {
        expect(e.authCode, e.rule).toBe(NEVIS_AUTH_CODE[e.rule]);
        expect(e.message.startsWith(`${e.rule} (nevisAuth ${e.authCode}): `)).toBe(true);
      }
      expect(ErrorBody.is(toErrorBody(error))).toBe(true);
    },
  );
});
