/**
 * Generated secrets: TSPs, tickets, PUKs and passwords, every character drawn
 * uniformly by rejection sampling from an injected random source.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import { isDigit, isLetter, isLowerCase, isSpecial, isUpperCase } from '../policy/complexity.js';
import type {
  PasswordPolicy,
  PukPolicy,
  TempStrongPasswordPolicy,
  TicketPolicy,
} from '../policy/policy.js';
import { type RandomSource, webCryptoRandom } from './random.js';
import { Redacted } from './redacted.js';

/**
 * Why a secret could not be generated: the policy cannot be satisfied, or the
 * random source kept giving values that had to be rejected.
 *
 * @example
 * import type { GenerationError } from 'credential-lifecycle';
 * const e: GenerationError = {
 *   _tag: 'GenerationError',
 *   reason: 'unsatisfiable',
 *   message: 'the character set is empty',
 * };
 */
export interface GenerationError {
  /** Discriminant. */
  readonly _tag: 'GenerationError';
  /** `unsatisfiable` policy, or a `random-source-exhausted` (degenerate source). */
  readonly reason: 'unsatisfiable' | 'random-source-exhausted';
  /** What is wrong, without any secret. */
  readonly message: string;
}

/**
 * A generated TSP: the whole password, and its two parts (the first returned
 * to the caller, the second delivered out of band).
 *
 * @example
 * import { defaultPolicy, generateTempStrongPassword, reveal, seededRandom } from 'credential-lifecycle';
 * const r = generateTempStrongPassword(defaultPolicy('TempStrongPasswordPolicy'), seededRandom(1));
 * if (r._tag === 'Right') reveal(r.right.whole).length; // 30
 */
export interface GeneratedTempStrongPassword {
  /** Part 0 followed by part 1: what the stored hash covers. */
  readonly whole: Redacted<string>;
  /** `ticketLen0` characters. */
  readonly part0: Redacted<string>;
  /** `ticketLen1` characters. */
  readonly part1: Redacted<string>;
}

const unsatisfiable = (message: string): E.Either<GenerationError, never> =>
  E.left({ _tag: 'GenerationError', reason: 'unsatisfiable', message });

/** Consecutive rejected draws after which a source is declared degenerate (p < 2⁻²⁰⁰ for a fair one). */
const MAX_REJECTIONS = 200;
const BUFFER_SIZE = 1024;

/** Buffered uniform integers from a random source. */
class UniformDraws {
  private readonly buffer = new Uint8Array(BUFFER_SIZE);
  private position = BUFFER_SIZE;

  constructor(private readonly random: RandomSource) {}

  private byte(): number {
    if (this.position === BUFFER_SIZE) {
      this.random.getRandomValues(this.buffer);
      this.position = 0;
    }
    return this.buffer[this.position++] ?? 0;
  }

  /**
   * A uniform integer in [0, n), n ≥ 1: draw just enough bytes for the
   * smallest power of two ≥ n, mask, reject values ≥ n. Each attempt succeeds
   * with probability > 1/2. `undefined` after MAX_REJECTIONS failures.
   */
  below(n: number): number | undefined {
    if (n <= 1) return 0;
    const bits = 32 - Math.clz32(n - 1);
    const bytes = Math.ceil(bits / 8);
    const mask = bits === 32 ? 0xffffffff : (1 << bits) - 1;
    for (let attempt = 0; attempt < MAX_REJECTIONS; attempt++) {
      let v = 0;
      for (let i = 0; i < bytes; i++) v = (v * 256 + this.byte()) >>> 0;
      v = (v & mask) >>> 0;
      if (v < n) return v;
    }
    return undefined;
  }
}

const exhausted: E.Either<GenerationError, never> = E.left({
  _tag: 'GenerationError',
  reason: 'random-source-exhausted',
  message: `the random source gave ${MAX_REJECTIONS} unusable values in a row`,
});

/** The distinct code points of a character set, in order of first appearance. */
const characters = (set: string): readonly string[] => [...new Set(Array.from(set))];

const checkLength = (name: string, n: number): E.Either<GenerationError, number> =>
  Number.isSafeInteger(n) && n >= 0
    ? E.right(n)
    : unsatisfiable(`${name} must be a non-negative integer`);

/** `count` characters drawn uniformly from `alphabet` (non-empty), appended to `out`. */
const drawInto = (
  out: string[],
  draws: UniformDraws,
  alphabet: readonly string[],
  count: number,
): boolean => {
  for (let i = 0; i < count; i++) {
    const index = draws.below(alphabet.length);
    if (index === undefined) return false;
    out.push(alphabet[index] ?? '');
  }
  return true;
};

/**
 * A string of `length` code points, each drawn uniformly and independently
 * from the distinct code points of `characterSet` (sets of any size, beyond
 * 256 characters and beyond the BMP, work). An empty set with a positive
 * length, or a negative or non-integer length, is a `Left`.
 *
 * @example
 * import { generateFromSet, reveal, seededRandom } from 'credential-lifecycle';
 * const r = generateFromSet('0123456789', 6, seededRandom(7));
 * if (r._tag === 'Right') reveal(r.right); // six digits
 */
export const generateFromSet = (
  characterSet: string,
  length: number,
  random: RandomSource = webCryptoRandom,
): E.Either<GenerationError, Redacted<string>> => {
  const n = checkLength('the length', length);
  if (E.isLeft(n)) return n;
  const alphabet = characters(characterSet);
  if (n.right > 0 && alphabet.length === 0) return unsatisfiable('the character set is empty');
  const out: string[] = [];
  if (!drawInto(out, new UniformDraws(random), alphabet, n.right)) return exhausted;
  return E.right(Redacted.make(out.join('')));
};

/**
 * A new Temporary Strong Password: `ticketLen0` + `ticketLen1` characters
 * from `ticketCharacterSet`. Both lengths 0 is a `Left`.
 *
 * @example
 * import { defaultPolicy, generateTempStrongPassword } from 'credential-lifecycle';
 * generateTempStrongPassword(defaultPolicy('TempStrongPasswordPolicy')); // right({ whole, part0, part1 })
 */
export const generateTempStrongPassword = (
  policy: Pick<TempStrongPasswordPolicy, 'ticketCharacterSet' | 'ticketLen0' | 'ticketLen1'>,
  random: RandomSource = webCryptoRandom,
): E.Either<GenerationError, GeneratedTempStrongPassword> => {
  const len0 = checkLength('ticketLen0', policy.ticketLen0);
  if (E.isLeft(len0)) return len0;
  const len1 = checkLength('ticketLen1', policy.ticketLen1);
  if (E.isLeft(len1)) return len1;
  if (len0.right + len1.right === 0) return unsatisfiable('ticketLen0 + ticketLen1 must be ≥ 1');
  const whole = generateFromSet(policy.ticketCharacterSet, len0.right + len1.right, random);
  if (E.isLeft(whole)) return whole;
  const chars = Array.from(Redacted.value(whole.right));
  return E.right({
    whole: whole.right,
    part0: Redacted.make(chars.slice(0, len0.right).join('')),
    part1: Redacted.make(chars.slice(len0.right).join('')),
  });
};

/**
 * A new ticket: `ticketLength` characters from `ticketCharacterSet`.
 *
 * @example
 * import { defaultPolicy, generateTicket } from 'credential-lifecycle';
 * generateTicket(defaultPolicy('TicketPolicy')); // right(<redacted>) with 30 characters
 */
export const generateTicket = (
  policy: Pick<TicketPolicy, 'ticketCharacterSet' | 'ticketLength'>,
  random: RandomSource = webCryptoRandom,
): E.Either<GenerationError, Redacted<string>> =>
  policy.ticketLength === 0
    ? unsatisfiable('ticketLength must be ≥ 1')
    : generateFromSet(policy.ticketCharacterSet, policy.ticketLength, random);

/**
 * A new PUK: `pukLen` characters from `pukCharacterSet`.
 *
 * @example
 * import { defaultPolicy, generatePuk } from 'credential-lifecycle';
 * generatePuk(defaultPolicy('PUKPolicy')); // right(<redacted>) with 30 characters
 */
export const generatePuk = (
  policy: Pick<PukPolicy, 'pukCharacterSet' | 'pukLen'>,
  random: RandomSource = webCryptoRandom,
): E.Either<GenerationError, Redacted<string>> =>
  policy.pukLen === 0
    ? unsatisfiable('pukLen must be ≥ 1')
    : generateFromSet(policy.pukCharacterSet, policy.pukLen, random);

/** The class rules a generated password must meet, in the order of {@link classesOf}. */
type ClassMinimums = readonly [
  upper: number,
  lower: number,
  letters: number,
  digits: number,
  special: number,
];

/** Which classes a character counts for: upper, lower, letter, digit, special. */
const classesOf = (ch: string, policy: Pick<PasswordPolicy, 'specialCharacterSet'>) =>
  [isUpperCase(ch), isLowerCase(ch), isLetter(ch), isDigit(ch), isSpecial(ch, policy)] as const;

/** States above this make the exact acceptance too costly to compute; such policies skip it. */
const MAX_COUNTING_STATES = 1 << 20;

/**
 * The share of all strings of `length` characters over `alphabet` that meet
 * the class minimums: a dynamic programme over the class counts, each capped
 * at its minimum. `undefined` when that takes more than MAX_COUNTING_STATES states.
 */
const acceptanceOf = (
  classes: readonly (readonly boolean[])[],
  minimums: ClassMinimums,
  length: number,
): number | undefined => {
  const radix = minimums.map((m) => m + 1);
  const size = radix.reduce((a, b) => a * b, 1);
  if (size > MAX_COUNTING_STATES) return undefined;
  // Characters with the same classes move the counts alike: one step per distinct kind.
  const kinds = new Map<string, { classes: readonly boolean[]; share: number }>();
  for (const c of classes) {
    const key = c.map(Number).join('');
    const kind = kinds.get(key) ?? { classes: c, share: 0 };
    kind.share += 1 / classes.length;
    kinds.set(key, kind);
  }
  const moves = [...kinds.values()].map(({ classes: c, share }) => ({ counts: c, share }));
  let probability = new Float64Array(size);
  probability[0] = 1;
  const digits = new Array<number>(radix.length).fill(0);
  for (let step = 0; step < length; step++) {
    const next = new Float64Array(size);
    for (let state = 0; state < size; state++) {
      const p = probability[state] ?? 0;
      if (p === 0) continue;
      let rest = state;
      for (let i = 0; i < radix.length; i++) {
        const r = radix[i] ?? 1;
        digits[i] = rest % r;
        rest = Math.floor(rest / r);
      }
      for (const { counts, share } of moves) {
        let target = 0;
        let scale = 1;
        for (let i = 0; i < radix.length; i++) {
          const r = radix[i] ?? 1;
          const d = Math.min((digits[i] ?? 0) + (counts[i] ? 1 : 0), r - 1);
          target += d * scale;
          scale *= r;
        }
        next[target] = (next[target] ?? 0) + p * share;
      }
    }
    probability = next;
  }
  return probability[size - 1] ?? 0;
};

/**
 * The least share of candidates that must meet the class rules: with it, a
 * fair source fails MAX_REJECTIONS candidates in a row with probability at
 * most 2⁻²⁰.
 */
const MIN_ACCEPTANCE = 1 - 2 ** (-20 / MAX_REJECTIONS);

/** A password policy checked and read for generation. */
interface PreparedPolicy {
  readonly length: number;
  /** The distinct characters of the set. */
  readonly all: readonly string[];
  /** The classes of each character of `all`. */
  readonly classes: readonly (readonly boolean[])[];
  readonly minimums: ClassMinimums;
}

/** Policies are immutable values: each is checked (and its acceptance computed) once. */
const preparedCache = new WeakMap<PasswordPolicy, E.Either<GenerationError, PreparedPolicy>>();

/** Checks that a policy can be met by drawing whole candidates, and reads what drawing needs. */
const prepare = (policy: PasswordPolicy): E.Either<GenerationError, PreparedPolicy> => {
  const length = policy.generatedPasswordLength;
  if (!Number.isSafeInteger(length) || length < 1) {
    return unsatisfiable('generatedPasswordLength must be a positive integer');
  }
  if (length < policy.minLength) {
    return unsatisfiable(
      `generatedPasswordLength ${length} is below minLength ${policy.minLength}`,
    );
  }
  if (policy.maxLength !== -1 && length > policy.maxLength) {
    return unsatisfiable(
      `generatedPasswordLength ${length} is above maxLength ${policy.maxLength}`,
    );
  }
  const all = characters(policy.generatedPasswordCharacterSet);
  if (all.length === 0) return unsatisfiable('generatedPasswordCharacterSet is empty');
  const classes = all.map((ch) => classesOf(ch, policy));
  const minimums: ClassMinimums = [
    policy.minUpperCase,
    policy.minLowerCase,
    policy.minLetters,
    policy.minDigits,
    policy.minSpecialChars,
  ];
  const names = ['minUpperCase', 'minLowerCase', 'minLetters', 'minDigits', 'minSpecialChars'];
  let required = Math.max(policy.minLetters, policy.minUpperCase + policy.minLowerCase);
  for (const [i, count] of minimums.entries()) {
    const name = names[i] ?? '';
    if (!Number.isSafeInteger(count) || count < 0) {
      return unsatisfiable(`${name} must be a non-negative integer`);
    }
    if (count > 0 && !classes.some((c) => c[i])) {
      return unsatisfiable(`${name} is ${count} but the character set has no such character`);
    }
    if (i >= 3) required += count;
  }
  if (required > length) {
    return unsatisfiable(
      `generatedPasswordLength ${length} is below the ${required} characters the classes require`,
    );
  }
  const acceptance = acceptanceOf(classes, minimums, length);
  if (acceptance !== undefined && acceptance < MIN_ACCEPTANCE) {
    return unsatisfiable(
      `the class rules accept ${(acceptance * 100).toPrecision(2)} % of the passwords of length ${length} over the character set, too few to draw one (at least ${(MIN_ACCEPTANCE * 100).toFixed(1)} %)`,
    );
  }
  return E.right({ length, all, classes, minimums });
};

/**
 * A new password, uniform over all strings of `generatedPasswordLength`
 * characters from `generatedPasswordCharacterSet` that meet the class rules
 * (`minUpperCase`, `minLowerCase`, `minLetters`, `minDigits`,
 * `minSpecialChars`): whole candidates are drawn uniformly and rejected until
 * one meets them, at most 200 times. It is a `Left` (`unsatisfiable`) when the
 * policy cannot be met: the length outside `minLength`…`maxLength`, shorter
 * than the sum of the required classes, a required class absent from the set,
 * or class rules that accept less than 6.7 % of the candidates (so that 200
 * attempts fail with probability ≤ 2⁻²⁰); `random-source-exhausted` when 200
 * candidates fail anyway. The login id, dictionary and history rules are not
 * considered (a random password breaks them only by negligible chance).
 *
 * @example
 * import { checkPassword, defaultPolicy, generatePassword, seededRandom } from 'credential-lifecycle';
 * const policy = defaultPolicy('PwdPolicy');
 * const r = generatePassword(policy, seededRandom(3));
 * if (r._tag === 'Right') checkPassword(r.right, policy); // []
 */
export const generatePassword = (
  policy: PasswordPolicy,
  random: RandomSource = webCryptoRandom,
): E.Either<GenerationError, Redacted<string>> => {
  let prepared = preparedCache.get(policy);
  if (prepared === undefined) {
    prepared = prepare(policy);
    preparedCache.set(policy, prepared);
  }
  if (E.isLeft(prepared)) return prepared;
  const { all, classes, minimums, length } = prepared.right;
  const draws = new UniformDraws(random);
  const counts = [0, 0, 0, 0, 0];
  for (let attempt = 0; attempt < MAX_REJECTIONS; attempt++) {
    const chars: string[] = [];
    counts.fill(0);
    for (let position = 0; position < length; position++) {
      const index = draws.below(all.length);
      if (index === undefined) return exhausted;
      chars.push(all[index] ?? '');
      const c = classes[index] ?? [];
      for (let i = 0; i < 5; i++) if (c[i]) counts[i] = (counts[i] ?? 0) + 1;
    }
    if (minimums.every((min, i) => (counts[i] ?? 0) >= min)) {
      return E.right(Redacted.make(chars.join('')));
    }
  }
  return E.left({
    _tag: 'GenerationError',
    reason: 'random-source-exhausted',
    message: `none of ${MAX_REJECTIONS} candidates met the class rules`,
  });
};
