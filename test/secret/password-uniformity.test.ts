/**
 * Generated passwords are uniform over all strings of the policy's length and
 * character set that meet its class rules (domain reference, section 6:
 * "reject whole candidates, do not place class characters").
 *
 * The expected distributions are computed here, exactly, from that definition:
 * for every composition of the password into character kinds (upper, lower,
 * digit, special, …) its multinomial probability under uniform draws, kept when
 * it meets the class minimums. By exchangeability, a position holds a character
 * of a kind with probability E[n_kind] / length. A chi-square test per position
 * (over the characters) and per class count (over the number of characters of
 * the class), at a family-wise significance level of 0.001 (Bonferroni), over
 * 20,000 passwords from a seeded source, must not reject the generator — and
 * must reject the former generator, which placed the required class characters
 * first and filled up from the whole set.
 */
import { fc, test } from '@fast-check/vitest';
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import { checkPassword, defaultPolicy, type PasswordPolicy } from '../../src/policy/index.js';
import {
  generatePassword,
  type RandomSource,
  Redacted,
  seededRandom,
} from '../../src/secret/index.js';

// ---------------------------------------------------------------------------
// The exact distribution, from the definition.

const CLASSES = ['upper', 'lower', 'letter', 'digit', 'special'] as const;
type Counts = readonly number[];

/** Which classes a character counts for, as docs/assumptions.md defines them. */
const classesOf = (ch: string, special: string): readonly boolean[] => [
  /\p{Lu}/u.test(ch),
  /\p{Ll}/u.test(ch),
  /\p{L}/u.test(ch),
  /\p{Nd}/u.test(ch),
  special.includes(ch),
];

interface Kind {
  readonly chars: readonly string[];
  readonly classes: readonly boolean[];
}

const kindsOf = (policy: PasswordPolicy): readonly Kind[] => {
  const byKey = new Map<string, { chars: string[]; classes: readonly boolean[] }>();
  for (const ch of new Set(Array.from(policy.generatedPasswordCharacterSet))) {
    const classes = classesOf(ch, policy.specialCharacterSet);
    const key = classes.join();
    const kind = byKey.get(key) ?? { chars: [], classes };
    kind.chars.push(ch);
    byKey.set(key, kind);
  }
  return [...byKey.values()];
};

const minimumsOf = (p: PasswordPolicy): Counts => [
  p.minUpperCase,
  p.minLowerCase,
  p.minLetters,
  p.minDigits,
  p.minSpecialChars,
];

const logFactorial = (() => {
  const table = [0];
  for (let i = 1; i <= 400; i++) table.push((table[i - 1] ?? 0) + Math.log(i));
  return (n: number) => table[n] ?? Number.NaN;
})();

/**
 * Visits every composition of `length` characters into the kinds that meets
 * the minimums, with its probability under uniform independent draws.
 */
const compositions = (
  kinds: readonly Kind[],
  length: number,
  minimums: Counts,
  visit: (n: readonly number[], probability: number) => void,
): void => {
  const total = kinds.reduce((a, k) => a + k.chars.length, 0);
  const n = new Array<number>(kinds.length).fill(0);
  const go = (i: number, left: number): void => {
    if (i === kinds.length - 1) {
      n[i] = left;
      const counts = CLASSES.map((_, c) =>
        kinds.reduce((sum, k, j) => sum + (k.classes[c] ? (n[j] ?? 0) : 0), 0),
      );
      if (!counts.every((count, c) => count >= (minimums[c] ?? 0))) return;
      let log = logFactorial(length);
      for (const [j, k] of kinds.entries()) {
        const nj = n[j] ?? 0;
        log += nj * Math.log(k.chars.length / total) - logFactorial(nj);
      }
      visit(n, Math.exp(log));
      return;
    }
    for (let take = 0; take <= left; take++) {
      n[i] = take;
      go(i + 1, left - take);
    }
  };
  go(0, length);
};

/** The share of candidates that meet the class rules. */
const acceptance = (policy: PasswordPolicy): number => {
  let sum = 0;
  compositions(kindsOf(policy), policy.generatedPasswordLength, minimumsOf(policy), (_, p) => {
    sum += p;
  });
  return sum;
};

interface Expected {
  /** Probability of each character at any one position. */
  readonly perCharacter: ReadonlyMap<string, number>;
  /** Per class, the probability of each count of its characters in a password. */
  readonly perClassCount: readonly (readonly number[])[];
}

const expectedOf = (policy: PasswordPolicy): Expected => {
  const kinds = kindsOf(policy);
  const length = policy.generatedPasswordLength;
  const kindShare = new Array<number>(kinds.length).fill(0);
  const perClassCount = CLASSES.map(() => new Array<number>(length + 1).fill(0));
  let accepted = 0;
  compositions(kinds, length, minimumsOf(policy), (n, p) => {
    accepted += p;
    for (const [j, nj] of n.entries()) kindShare[j] = (kindShare[j] ?? 0) + (p * nj) / length;
    for (const [c, row] of perClassCount.entries()) {
      const count = kinds.reduce((sum, k, j) => sum + (k.classes[c] ? (n[j] ?? 0) : 0), 0);
      row[count] = (row[count] ?? 0) + p;
    }
  });
  const perCharacter = new Map<string, number>();
  for (const [j, k] of kinds.entries()) {
    for (const ch of k.chars) perCharacter.set(ch, (kindShare[j] ?? 0) / accepted / k.chars.length);
  }
  return { perCharacter, perClassCount: perClassCount.map((row) => row.map((p) => p / accepted)) };
};

// ---------------------------------------------------------------------------
// Chi-square.

/** The regularised upper incomplete gamma function Q(a, x) (Numerical Recipes 6.2). */
const gammaQ = (a: number, x: number): number => {
  if (x <= 0) return 1;
  const lnGammaA = lnGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000 && Math.abs(term) > Math.abs(sum) * 1e-15; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - lnGammaA);
  }
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - lnGammaA) * h;
};

/** ln Γ(x), Lanczos approximation (g = 7, n = 9). */
const lnGamma = (x: number): number => {
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  const y = x - 1;
  let sum = g[0] ?? 0;
  for (let i = 1; i < 9; i++) sum += (g[i] ?? 0) / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
};

/**
 * The p-value of observed counts against expected probabilities; categories
 * whose expected count is below 5 are pooled (with their neighbours, in order).
 */
const chiSquareP = (observed: readonly number[], probabilities: readonly number[]): number => {
  const n = observed.reduce((a, b) => a + b, 0);
  const bins: { o: number; e: number }[] = [];
  let pending = { o: 0, e: 0 };
  for (const [i, p] of probabilities.entries()) {
    pending = { o: pending.o + (observed[i] ?? 0), e: pending.e + p * n };
    if (pending.e >= 5) {
      bins.push(pending);
      pending = { o: 0, e: 0 };
    }
  }
  const last = bins[bins.length - 1];
  if (last !== undefined) bins[bins.length - 1] = { o: last.o + pending.o, e: last.e + pending.e };
  const statistic = bins.reduce((s, { o, e }) => s + (o - e) ** 2 / e, 0);
  return gammaQ((bins.length - 1) / 2, statistic / 2);
};

// ---------------------------------------------------------------------------
// The tests.

const SAMPLES = 20_000;
const FAMILY_ALPHA = 0.001;

/** Every p-value of one sample: one per position, one per class with a minimum or a spread. */
const pValues = (policy: PasswordPolicy, passwords: readonly string[]): number[] => {
  const expected = expectedOf(policy);
  const alphabet = [...expected.perCharacter.keys()];
  const index = new Map(alphabet.map((ch, i) => [ch, i]));
  const length = policy.generatedPasswordLength;
  const perPosition = Array.from({ length }, () => new Array<number>(alphabet.length).fill(0));
  const perClass = CLASSES.map(() => new Array<number>(length + 1).fill(0));
  const classesOfChar = new Map(
    alphabet.map((ch) => [ch, classesOf(ch, policy.specialCharacterSet)]),
  );
  for (const password of passwords) {
    const chars = Array.from(password);
    const counts = CLASSES.map(() => 0);
    for (const [pos, ch] of chars.entries()) {
      const row = perPosition[pos];
      const i = index.get(ch);
      if (row !== undefined && i !== undefined) row[i] = (row[i] ?? 0) + 1;
      for (const [c, member] of (classesOfChar.get(ch) ?? []).entries()) {
        if (member) counts[c] = (counts[c] ?? 0) + 1;
      }
    }
    for (const [c, count] of counts.entries()) {
      const row = perClass[c];
      if (row !== undefined) row[count] = (row[count] ?? 0) + 1;
    }
  }
  const probabilities = alphabet.map((ch) => expected.perCharacter.get(ch) ?? 0);
  return [
    ...perPosition.map((observed) => chiSquareP(observed, probabilities)),
    ...perClass.map((observed, c) => chiSquareP(observed, expected.perClassCount[c] ?? [])),
  ];
};

const sample = (generate: () => string): string[] =>
  Array.from({ length: SAMPLES }, () => generate());

const generated = (policy: PasswordPolicy, random: RandomSource) => () => {
  const r = generatePassword(policy, random);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return Redacted.value(r.right);
};

/** The former generator: the class minimums drawn from their subsets, the rest from the set, shuffled. */
const placing = (policy: PasswordPolicy, random: RandomSource) => {
  const all = [...new Set(Array.from(policy.generatedPasswordCharacterSet))];
  const buffer = new Uint8Array(4096);
  let at = buffer.length;
  const byte = (): number => {
    if (at === buffer.length) {
      random.getRandomValues(buffer);
      at = 0;
    }
    return buffer[at++] ?? 0;
  };
  /** Uniform in [0, n) for n ≤ 256, by rejection. */
  const below = (n: number): number => {
    const limit = 256 - (256 % n);
    for (;;) {
      const v = byte();
      if (v < limit) return v % n;
    }
  };
  const pick = (set: readonly string[]) => set[below(set.length)] ?? '';
  const of = (c: number) => all.filter((ch) => classesOf(ch, policy.specialCharacterSet)[c]);
  const mins = minimumsOf(policy);
  const extraLetters = Math.max(0, (mins[2] ?? 0) - (mins[0] ?? 0) - (mins[1] ?? 0));
  const required: [number, readonly string[]][] = [
    [mins[0] ?? 0, of(0)],
    [mins[1] ?? 0, of(1)],
    [extraLetters, of(2)],
    [mins[3] ?? 0, of(3)],
    [mins[4] ?? 0, of(4)],
  ];
  return () => {
    const chars: string[] = [];
    for (const [count, set] of required) for (let i = 0; i < count; i++) chars.push(pick(set));
    while (chars.length < policy.generatedPasswordLength) chars.push(pick(all));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = below(i + 1);
      [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
    }
    return chars.join('');
  };
};

const policies: readonly [string, PasswordPolicy][] = [
  ['the default policy (16 of 94 characters, one of each class)', defaultPolicy('PwdPolicy')],
  [
    'a short policy with two digits and two special characters (10 of 94)',
    {
      ...defaultPolicy('PwdPolicy'),
      generatedPasswordLength: 10,
      minDigits: 2,
      minSpecialChars: 2,
    },
  ],
];

describe('generated passwords are uniform over the strings that meet the class rules', () => {
  it.each(policies)('%s: no chi-square test rejects at α = 0.001 (Bonferroni)', (_, policy) => {
    const passwords = sample(generated(policy, seededRandom(20_260_504)));
    const ps = pValues(policy, passwords);
    const threshold = FAMILY_ALPHA / ps.length;
    expect(ps.filter((p) => p < threshold)).toEqual([]);
    for (const password of passwords.slice(0, 200))
      expect(checkPassword(password, policy)).toEqual([]);
  });

  it.each(policies)('%s: the same tests reject the former class-placing generator', (_, policy) => {
    const ps = pValues(policy, sample(placing(policy, seededRandom(20_260_504))));
    expect(Math.min(...ps)).toBeLessThan(FAMILY_ALPHA / ps.length);
  });
});

describe('whole candidates, so the class rules must leave enough of them', () => {
  it('a policy whose class rules accept under 6.7 % of the candidates is unsatisfiable', () => {
    // 8 characters with exactly two of each class: 8!/(2!)^4 · (26·26·10·32)²/94^8 ≈ 1.9 %.
    const tight = {
      ...defaultPolicy('PwdPolicy'),
      generatedPasswordLength: 8,
      minUpperCase: 2,
      minLowerCase: 2,
      minDigits: 2,
      minSpecialChars: 2,
    };
    expect(acceptance(tight)).toBeCloseTo((2520 * (26 * 26 * 10 * 32) ** 2) / 94 ** 8, 6);
    const r = generatePassword(tight, seededRandom(1));
    expect(E.isLeft(r) && r.left).toMatchObject({ reason: 'unsatisfiable' });
    expect(E.isLeft(r) && r.left.message).toMatch(/accept 1\.9 %/);
  });

  const policyArb = fc
    .record({
      minUpperCase: fc.integer({ min: 0, max: 3 }),
      minLowerCase: fc.integer({ min: 0, max: 3 }),
      minLetters: fc.integer({ min: 0, max: 6 }),
      minDigits: fc.integer({ min: 0, max: 3 }),
      minSpecialChars: fc.integer({ min: 0, max: 3 }),
      generatedPasswordLength: fc.integer({ min: 1, max: 14 }),
    })
    .map((p): PasswordPolicy => ({ ...defaultPolicy('PwdPolicy'), minLength: 1, ...p }));

  test.prop([policyArb, fc.integer()], { numRuns: 150 })(
    'a policy is refused exactly when too few candidates meet it; otherwise the password meets it',
    (policy, seed) => {
      const share = acceptance(policy);
      const r = generatePassword(policy, seededRandom(seed));
      if (share >= 0.0671) {
        expect(E.isRight(r)).toBe(true);
        if (E.isRight(r)) expect(checkPassword(r.right, policy)).toEqual([]);
      } else if (share < 0.0669) {
        expect(E.isLeft(r) && r.left.reason).toBe('unsatisfiable');
      }
    },
  );
});
