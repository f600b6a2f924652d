/**
 * Instants: points in time as epoch milliseconds inside the library, and as
 * ISO-8601 strings on the wire.
 *
 * @packageDocumentation
 */
import { pipe } from 'fp-ts/lib/function.js';
import * as O from 'fp-ts/lib/Option.js';
import * as t from 'io-ts';

/**
 * A point in time: milliseconds since 1970-01-01T00:00:00Z. Plain numbers keep
 * every value the library stores JSON-serialisable and cheap to compare.
 *
 * @example
 * import type { Instant } from 'credential-lifecycle';
 * const at: Instant = Date.UTC(2026, 4, 4, 12, 34, 56);
 */
export type Instant = number;

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

const utc = (y: number, mo: number, d: number, h: number, mi: number, s: number): number => {
  // Date.UTC maps years 0..99 to 1900..1999; setUTCFullYear does not.
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  return date.getTime();
};

/** Earliest instant the wire format can carry: 0000-01-01T00:00:00Z. */
const MIN_INSTANT = utc(0, 1, 1, 0, 0, 0);
/** Latest instant the wire format can carry: 9999-12-31T23:59:59.999Z. */
const MAX_INSTANT = utc(9999, 12, 31, 23, 59, 59) + 999;

/**
 * Parses an ISO-8601 instant that carries an offset (`Z`, `+hh:mm`, `+hhmm` or
 * `+hh`), with optional fractional seconds. Impossible calendar dates
 * (`2026-02-30`), hour 24, leap seconds and strings without an offset give `None`.
 *
 * @example
 * import { parseInstant } from 'credential-lifecycle';
 * parseInstant('2026-05-04T14:34:56+02:00'); // some(Date.UTC(2026, 4, 4, 12, 34, 56))
 * parseInstant('2026-02-30T00:00:00Z'); // none
 */
export const parseInstant = (input: string): O.Option<Instant> => {
  const m = ISO_INSTANT.exec(input);
  if (m === null) return O.none;
  const [, ys, mos, ds, hs, mis, ss, frac, zulu, sign, ohs, omis] = m;
  const y = Number(ys);
  const mo = Number(mos);
  const d = Number(ds);
  const h = Number(hs);
  const mi = Number(mis);
  const s = Number(ss);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return O.none;
  if (h > 23 || mi > 59 || s > 59) return O.none;
  let offsetMinutes = 0;
  if (zulu === undefined) {
    const oh = Number(ohs);
    const om = omis === undefined ? 0 : Number(omis);
    if (oh > 23 || om > 59) return O.none;
    offsetMinutes = (sign === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const millis = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const at = utc(y, mo, d, h, mi, s) + millis - offsetMinutes * 60_000;
  return at < MIN_INSTANT || at > MAX_INSTANT ? O.none : O.some(at);
};

/** A bounded memo: answers format the same few instants again and again. */
const FORMATTED_LIMIT = 4096;
const formatted = new Map<Instant, string>();

/**
 * Formats an instant the way the wire carries it: UTC, second precision,
 * `YYYY-MM-DDTHH:mm:ssZ`. Milliseconds are dropped (floored).
 *
 * @example
 * import { formatInstant } from 'credential-lifecycle';
 * formatInstant(Date.UTC(2026, 4, 4, 12, 34, 56, 789)); // '2026-05-04T12:34:56Z'
 */
export const formatInstant = (at: Instant): string => {
  const cached = formatted.get(at);
  if (cached !== undefined) return cached;
  // toISOString is fixed-width for years 0000-9999, the range the codec admits:
  // keep `YYYY-MM-DDTHH:mm:ss` and drop the milliseconds.
  const text = `${new Date(toWirePrecision(at)).toISOString().slice(0, 19)}Z`;
  if (formatted.size >= FORMATTED_LIMIT) formatted.clear();
  formatted.set(at, text);
  return text;
};

/**
 * Whether a number is an instant the wire format can carry (an integer between
 * years 0000 and 9999).
 *
 * @example
 * import { isInstant } from 'credential-lifecycle';
 * isInstant(0); // true
 * isInstant(0.5); // false
 */
export const isInstant = (u: unknown): u is Instant =>
  typeof u === 'number' && Number.isInteger(u) && u >= MIN_INSTANT && u <= MAX_INSTANT;

/**
 * The wire codec for instants: decodes any valid ISO-8601 instant with an
 * offset to epoch milliseconds, rejects anything else, and encodes as UTC
 * `YYYY-MM-DDTHH:mm:ssZ`.
 *
 * @example
 * import { IsoInstant } from 'credential-lifecycle';
 * IsoInstant.decode('2026-05-04T12:34:56Z'); // right(1777898096000)
 * IsoInstant.encode(1777898096000); // '2026-05-04T12:34:56Z'
 */
export const IsoInstant: t.Type<Instant, string, unknown> = new t.Type<Instant, string, unknown>(
  'IsoInstant',
  isInstant,
  (u, c) =>
    typeof u === 'string'
      ? pipe(
          parseInstant(u),
          O.match(
            () => t.failure(u, c, 'an ISO-8601 instant with an offset'),
            (at) => t.success(at),
          ),
        )
      : t.failure(u, c),
  formatInstant,
);

/**
 * Truncates an instant to whole seconds, the precision the wire keeps.
 *
 * @example
 * import { toWirePrecision } from 'credential-lifecycle';
 * toWirePrecision(1_500); // 1_000
 */
export const toWirePrecision = (at: Instant): Instant => at - (((at % 1000) + 1000) % 1000);
