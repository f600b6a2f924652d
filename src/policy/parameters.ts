/**
 * Codecs for single policy parameters. Each accepts the typed JSON value and
 * the string nevisIDM stores (`"30"`, `"true"`), and its name states what it
 * expects, which is what a decoding error reports.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts';

const INTEGER = /^-?\d{1,16}$/;

const toInteger = (u: unknown): number | undefined => {
  const n = typeof u === 'number' ? u : typeof u === 'string' && INTEGER.test(u) ? Number(u) : NaN;
  return Number.isSafeInteger(n) ? n + 0 : undefined;
};

/**
 * A codec for an integer parameter from `min` to `max` (default: any safe
 * integer), optionally also allowing `-1` ("disabled" / "unlimited"). Accepts
 * numbers and decimal strings such as `"30"`.
 *
 * @example
 * import { integerParameter } from 'credential-lifecycle';
 * integerParameter(1, true).decode('-1'); // right(-1)
 * integerParameter(1, true).decode('0'); // left(…)
 */
export const integerParameter = (
  min: number,
  allowMinusOne: boolean,
  max: number = Number.MAX_SAFE_INTEGER,
): t.Type<number, number> => {
  const is = (u: unknown): u is number =>
    typeof u === 'number' &&
    Number.isSafeInteger(u) &&
    ((u >= min && u <= max) || (allowMinusOne && u === -1));
  const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
  return new t.Type<number, number, unknown>(
    allowMinusOne ? `-1 or an integer ${range}` : `an integer ${range}`,
    is,
    (u, c) => {
      const n = toInteger(u);
      return n !== undefined && is(n) ? t.success(n) : t.failure(u, c);
    },
    t.identity,
  );
};

/**
 * A codec for a boolean parameter: `true`/`false` or the strings `"true"`/`"false"`
 * (any letter case).
 *
 * @example
 * import { BooleanParameter } from 'credential-lifecycle';
 * BooleanParameter.decode('TRUE'); // right(true)
 */
export const BooleanParameter: t.Type<boolean, boolean> = new t.Type<boolean, boolean, unknown>(
  'true or false',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) => {
    if (typeof u === 'boolean') return t.success(u);
    const s = typeof u === 'string' ? u.toLowerCase() : undefined;
    return s === 'true' ? t.success(true) : s === 'false' ? t.success(false) : t.failure(u, c);
  },
  t.identity,
);

/**
 * A codec for a parameter whose value is one of a few fixed strings (exact case).
 *
 * @example
 * import { enumParameter } from 'credential-lifecycle';
 * enumParameter(['strict', 'threshold'] as const).decode('threshold'); // right('threshold')
 */
export const enumParameter = <const V extends string>(values: readonly V[]): t.Type<V, V> => {
  const is = (u: unknown): u is V =>
    typeof u === 'string' && (values as readonly string[]).includes(u);
  return new t.Type<V, V, unknown>(
    `one of ${values.map((v) => `'${v}'`).join(', ')}`,
    is,
    (u, c) => (is(u) ? t.success(u) : t.failure(u, c)),
    t.identity,
  );
};

const LONE_SURROGATE = /\p{Cs}/u;

/**
 * A codec for a character set: a non-empty, well-formed string (no lone
 * surrogates). Characters are Unicode code points; repeated ones count once.
 *
 * @example
 * import { CharacterSetParameter } from 'credential-lifecycle';
 * CharacterSetParameter.decode('0123456789'); // right('0123456789')
 * CharacterSetParameter.decode(''); // left(…)
 */
export const CharacterSetParameter: t.Type<string, string> = new t.Type<string, string, unknown>(
  'a non-empty string of characters',
  (u): u is string => typeof u === 'string' && u.length > 0 && !LONE_SURROGATE.test(u),
  (u, c) =>
    typeof u === 'string' && u.length > 0 && !LONE_SURROGATE.test(u)
      ? t.success(u)
      : t.failure(u, c),
  t.identity,
);

/**
 * A codec for a word list: an array of strings, or one string whose words are
 * separated by commas or white space (`"password, qwerty"`). Empty words are dropped.
 *
 * @example
 * import { WordListParameter } from 'credential-lifecycle';
 * WordListParameter.decode('password, qwerty'); // right(['password', 'qwerty'])
 */
export const WordListParameter: t.Type<readonly string[], readonly string[]> = new t.Type<
  readonly string[],
  readonly string[],
  unknown
>(
  'a list of words (array of strings, or a comma- or space-separated string)',
  (u): u is readonly string[] => Array.isArray(u) && u.every((w) => typeof w === 'string'),
  (u, c) => {
    if (typeof u === 'string') return t.success(u.split(/[\s,]+/u).filter((w) => w.length > 0));
    if (Array.isArray(u) && u.every((w): w is string => typeof w === 'string')) {
      return t.success(u.filter((w) => w.length > 0));
    }
    return t.failure(u, c);
  },
  t.identity,
);
