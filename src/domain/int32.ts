/**
 * Whole numbers as the wire carries them: counters and versions are
 * non-negative 32-bit integers.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts';

/** The largest value a signed 32-bit integer holds. */
const INT32_MAX = 2_147_483_647;

/**
 * Whether a value is an integer between 0 and 2^31 - 1.
 *
 * @example
 * import { isNonNegativeInt32 } from 'credential-lifecycle';
 * isNonNegativeInt32(3); // true
 * isNonNegativeInt32(-1); // false
 */
export const isNonNegativeInt32 = (u: unknown): u is number =>
  typeof u === 'number' && Number.isInteger(u) && u >= 0 && u <= INT32_MAX;

/**
 * Codec for counters (`failedLoginCount`, `resetCount`, …) and `version`: a
 * JSON number that is an integer from 0 to 2^31 - 1. Fractions, negatives and
 * numeric strings are rejected.
 *
 * @example
 * import { NonNegativeInt32 } from 'credential-lifecycle';
 * NonNegativeInt32.decode(4); // right(4)
 * NonNegativeInt32.decode('4'); // left([...])
 */
export const NonNegativeInt32: t.Type<number, number, unknown> = new t.Type<
  number,
  number,
  unknown
>(
  'NonNegativeInt32',
  isNonNegativeInt32,
  (u, c) =>
    isNonNegativeInt32(u) ? t.success(u) : t.failure(u, c, 'a non-negative 32-bit integer'),
  t.identity,
);
