import { fc, test } from '@fast-check/vitest';
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import { checkPassword, defaultPolicy, type PasswordPolicy } from '../../src/policy/index.js';
import {
  generateFromSet,
  generatePassword,
  generatePuk,
  generateTempStrongPassword,
  generateTicket,
  type RandomSource,
  Redacted,
  seededRandom,
} from '../../src/secret/index.js';

const open = <A>(r: E.Either<unknown, Redacted<A>>): A => {
  if (E.isLeft(r)) throw new Error(`expected Right, got ${JSON.stringify(r.left)}`);
  return Redacted.value(r.right);
};

const codePoints = (s: string): string[] => Array.from(s);

const chiSquare = (counts: ReadonlyMap<string, number>, alphabet: readonly string[], n: number) => {
  const expected = n / alphabet.length;
  return alphabet.reduce((sum, ch) => sum + ((counts.get(ch) ?? 0) - expected) ** 2 / expected, 0);
};

const countAll = (s: string): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
};

/** 200 characters from U+0100 and 100 emoji from U+1F600: beyond 256 and beyond the BMP. */
const SET_300 = [
  ...Array.from({ length: 200 }, (_, i) => String.fromCodePoint(0x100 + i)),
  ...Array.from({ length: 100 }, (_, i) => String.fromCodePoint(0x1f600 + i)),
];
const SET_62 = codePoints(defaultPolicy('TicketPolicy').ticketCharacterSet);

describe('uniformity (chi-square, fixed seed)', () => {
  // Critical values of the chi-square distribution at p = 0.001 (upper tail),
  // from scipy.stats.chi2.ppf(0.999, df): df 61 → 100.888, df 299 → 380.299.
  it('62-character set: 62 000 draws stay below χ²(61, 0.999) = 100.888', () => {
    const n = 62_000;
    const s = open(generateFromSet(SET_62.join(''), n, seededRandom(20260504)));
    expect(codePoints(s)).toHaveLength(n);
    expect(chiSquare(countAll(s), SET_62, n)).toBeLessThan(100.888);
  });

  it('300-character set: 300 000 draws stay below χ²(299, 0.999) = 380.299', () => {
    const n = 300_000;
    const s = open(generateFromSet(SET_300.join(''), n, seededRandom(20260505)));
    expect(codePoints(s)).toHaveLength(n);
    expect(chiSquare(countAll(s), SET_300, n)).toBeLessThan(380.299);
  });

  it('control: the same test rejects a modulo-biased generator (byte % 62)', () => {
    const n = 62_000;
    const bytes = seededRandom(20260504).getRandomValues(new Uint8Array(n));
    const biased = Array.from(bytes, (b) => SET_62[b % 62] ?? '').join('');
    expect(chiSquare(countAll(biased), SET_62, n)).toBeGreaterThan(100.888);
  });
});

describe('generateFromSet', () => {
  test.prop([
    fc.uniqueArray(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), {
      minLength: 1,
      maxLength: 400,
    }),
    fc.integer({ min: 0, max: 200 }),
    fc.integer(),
  ])('uses only the set and has the exact length in code points', (set, length, seed) => {
    const s = open(generateFromSet(set.join(''), length, seededRandom(seed)));
    const chars = codePoints(s);
    expect(chars).toHaveLength(length);
    for (const ch of chars) expect(set).toContain(ch);
  });

  it.each([
    ['empty set', '', 5],
    ['negative length', 'abc', -1],
    ['fractional length', 'abc', 1.5],
    ['NaN length', 'abc', Number.NaN],
  ])('%s → Left', (_, set, length) => {
    const r = generateFromSet(set, length, seededRandom(1));
    expect(E.isLeft(r) && r.left.reason).toBe('unsatisfiable');
  });

  it('a degenerate random source is a Left, not a hang', () => {
    const stuck: RandomSource = { getRandomValues: (a) => a.fill(255) };
    const r = generateFromSet('abc', 10, stuck);
    expect(E.isLeft(r) && r.left.reason).toBe('random-source-exhausted');
  });

  it('returns a Redacted value', () => {
    const r = generateFromSet('abc', 10, seededRandom(1));
    expect(E.isRight(r) && String(r.right)).toBe('<redacted>');
  });
});

describe('TSP, ticket and PUK', () => {
  test.prop([fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.integer()])(
    'TSP: two parts of ticketLen0 and ticketLen1 from ticketCharacterSet',
    (ticketLen0, ticketLen1, seed) => {
      fc.pre(ticketLen0 + ticketLen1 > 0);
      const policy = { ...defaultPolicy('TempStrongPasswordPolicy'), ticketLen0, ticketLen1 };
      const r = generateTempStrongPassword(policy, seededRandom(seed));
      if (E.isLeft(r)) throw new Error(r.left.message);
      const [whole, part0, part1] = [r.right.whole, r.right.part0, r.right.part1].map((x) =>
        Redacted.value(x),
      );
      expect(part0).toHaveLength(ticketLen0);
      expect(part1).toHaveLength(ticketLen1);
      expect(whole).toBe(`${part0}${part1}`);
      expect(whole).toMatch(/^[0-9a-zA-Z]*$/);
    },
  );

  it('TSP with both lengths 0 → Left', () => {
    const policy = { ...defaultPolicy('TempStrongPasswordPolicy'), ticketLen0: 0, ticketLen1: 0 };
    expect(E.isLeft(generateTempStrongPassword(policy, seededRandom(1)))).toBe(true);
  });

  test.prop([fc.integer({ min: 1, max: 100 }), fc.integer()])('ticket', (ticketLength, seed) => {
    const policy = { ...defaultPolicy('TicketPolicy'), ticketLength };
    expect(open(generateTicket(policy, seededRandom(seed)))).toMatch(
      new RegExp(`^[0-9a-zA-Z]{${ticketLength}}$`),
    );
  });

  test.prop([fc.integer({ min: 1, max: 100 }), fc.integer()])('PUK', (pukLen, seed) => {
    const policy = { ...defaultPolicy('PUKPolicy'), pukLen, pukCharacterSet: '0123456789' };
    expect(open(generatePuk(policy, seededRandom(seed)))).toMatch(new RegExp(`^[0-9]{${pukLen}}$`));
  });

  it('defaults: 30 characters from the 62-character sets', () => {
    expect(open(generateTicket(defaultPolicy('TicketPolicy')))).toMatch(/^[0-9a-zA-Z]{30}$/);
    expect(open(generatePuk(defaultPolicy('PUKPolicy')))).toMatch(/^[0-9a-zA-Z]{30}$/);
  });
});

describe('generatePassword', () => {
  const passwordPolicy = fc
    .record({
      minUpperCase: fc.integer({ min: 0, max: 5 }),
      minLowerCase: fc.integer({ min: 0, max: 5 }),
      minLetters: fc.integer({ min: 0, max: 12 }),
      minDigits: fc.integer({ min: 0, max: 5 }),
      minSpecialChars: fc.integer({ min: 0, max: 5 }),
      extra: fc.integer({ min: 0, max: 20 }),
      unicode: fc.boolean(),
    })
    .map(({ extra, unicode, ...mins }): PasswordPolicy => {
      const required =
        mins.minUpperCase +
        mins.minLowerCase +
        Math.max(0, mins.minLetters - mins.minUpperCase - mins.minLowerCase) +
        mins.minDigits +
        mins.minSpecialChars;
      const length = Math.max(1, required + extra);
      const base = defaultPolicy('PwdPolicy');
      return {
        ...base,
        ...mins,
        minLength: Math.min(length, 8),
        maxLength: length + 3,
        generatedPasswordLength: length,
        generatedPasswordCharacterSet: unicode
          ? `${base.generatedPasswordCharacterSet}ÄÖÜäöüßΩω٣😀`
          : base.generatedPasswordCharacterSet,
      };
    });

  test.prop([passwordPolicy, fc.integer()])(
    'satisfies the policy, exact length, only the set; or refuses a policy too few candidates meet',
    (policy, seed) => {
      const r = generatePassword(policy, seededRandom(seed));
      if (E.isLeft(r)) {
        // Whole candidates are drawn: tight class rules may leave too few of them.
        expect(r.left.reason).toBe('unsatisfiable');
        expect(r.left.message).toMatch(/^the class rules accept .* too few to draw one/);
        return;
      }
      const password = Redacted.value(r.right);
      const chars = codePoints(password);
      expect(chars).toHaveLength(policy.generatedPasswordLength);
      const allowed = new Set(codePoints(policy.generatedPasswordCharacterSet));
      for (const ch of chars) expect(allowed.has(ch)).toBe(true);
      expect(checkPassword(r.right, policy)).toEqual([]);
    },
  );

  it('the default policy generates a compliant password', () => {
    const policy = defaultPolicy('PwdPolicy');
    const r = generatePassword(policy);
    expect(E.isRight(r) && checkPassword(r.right, policy)).toEqual([]);
  });

  it('a degenerate random source is a Left, not a hang', () => {
    const zeros: RandomSource = { getRandomValues: (array) => array.fill(0) };
    const r = generatePassword(defaultPolicy('PwdPolicy'), zeros);
    expect(E.isLeft(r) && r.left.reason).toBe('random-source-exhausted');
  });

  it.each<[string, Partial<PasswordPolicy>]>([
    ['length below the sum of required classes', { generatedPasswordLength: 3, minLength: 1 }],
    ['length below minLength', { generatedPasswordLength: 7 }],
    ['length above maxLength', { generatedPasswordLength: 200 }],
    ['empty character set', { generatedPasswordCharacterSet: '' }],
    ['required class missing from the set', { generatedPasswordCharacterSet: 'abcdefghAB!' }],
    ['no special character in the set', { generatedPasswordCharacterSet: 'abcdefghAB12' }],
    ['negative length', { generatedPasswordLength: -4, minLength: 0 }],
    ['negative class count', { minDigits: -1 }],
  ])('%s → Left, never a hang', (_, patch) => {
    const r = generatePassword({ ...defaultPolicy('PwdPolicy'), ...patch }, seededRandom(1));
    expect(E.isLeft(r) && r.left.reason).toBe('unsatisfiable');
  });

  it('no position is special: the one required digit lands on each position equally often', () => {
    const policy: PasswordPolicy = {
      ...defaultPolicy('PwdPolicy'),
      minLength: 1,
      minUpperCase: 0,
      minLowerCase: 0,
      minSpecialChars: 0,
      minDigits: 1,
      generatedPasswordLength: 10,
      generatedPasswordCharacterSet: 'abcdefghijklmnopqrstuvwxyz0',
    };
    const random = seededRandom(99);
    const positions = new Array<number>(10).fill(0);
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const p = open(generatePassword(policy, random));
      // Count every position of '0'.
      for (let j = 0; j < 10; j++) if (p[j] === '0') positions[j] = (positions[j] ?? 0) + 1;
    }
    const expected = positions.reduce((a, b) => a + b, 0) / 10;
    const chi = positions.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // χ²(9, 0.999) = 27.877 (scipy.stats.chi2.ppf(0.999, 9))
    expect(chi).toBeLessThan(27.877);
  });
});
