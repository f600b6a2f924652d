/**
 * Instants: points in time as epoch milliseconds inside the library, and as
 * ISO-8601 strings on the wire.
 *
 * @packageDocumentation
 */
import { function as F, option as O } from 'fp-ts';
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

// ISO-8601 date and time with an offset, in the extended format (separators)
// or the basic one (none), never mixed: a calendar (YYYY-MM-DD), ordinal
// (YYYY-DDD) or week (YYYY-Www-D) date; a time of hh, hh:mm or hh:mm:ss whose
// last part may carry a decimal fraction; an offset Z, ±hh, ±hh:mm (basic: ±hhmm).
const EXTENDED =
  /^(\d{4})-(?:(\d{2})-(\d{2})|(\d{3})|W(\d{2})-(\d))[Tt](\d{2})(?::(\d{2})(?::(\d{2}))?)?(?:[.,](\d+))?(?:([Zz])|([+-])(\d{2})(?::(\d{2}))?)$/;
const BASIC =
  /^(\d{4})(?:(\d{2})(\d{2})|(\d{3})|W(\d{2})(\d))[Tt](\d{2})(?:(\d{2})(\d{2})?)?(?:[.,](\d+))?(?:([Zz])|([+-])(\d{2})(\d{2})?)$/;

// The same two formats with every field bounded to its range, for schemas: a
// month's day to that month's longest (29 for February), hours 00-23, minutes
// and seconds 00-59, ordinal days 001-366, weeks 01-53, weekdays 1-7.
const monthDay = (sep: string): string =>
  `(?:(?:0[13578]|1[02])${sep}(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)${sep}(?:0[1-9]|[12]\\d|30)|02${sep}(?:0[1-9]|1\\d|2\\d))`;
const ORDINAL = '(?:00[1-9]|0[1-9]\\d|[12]\\d\\d|3[0-5]\\d|36[0-6])';
const HOUR = '(?:[01]\\d|2[0-3])';
const SIXTY = '[0-5]\\d';
const boundedFormat = (sep: string, colon: string): string =>
  `^\\d{4}${sep}(?:${monthDay(sep)}|${ORDINAL}|W(?:0[1-9]|[1-4]\\d|5[0-3])${sep}[1-7])` +
  `[Tt]${HOUR}(?:${colon}${SIXTY}(?:${colon}${SIXTY})?)?(?:[.,]\\d+)?` +
  `(?:[Zz]|[+-]${HOUR}(?:${colon}${SIXTY})?)$`;

/**
 * The shapes of instants on the wire, as patterns for a schema: `accepted`
 * matches every string the decoders read, in the extended or the basic
 * format, with each field in its range. It does not know the calendar, so
 * 29 February of a common year, day 366 of one and week 53 of a 52-week year
 * match but are refused, as is an instant that an offset moves outside the
 * years 0000-9999. `written` is the one form the encoders write.
 *
 * @example
 * import { instantPatterns } from 'credential-lifecycle';
 * instantPatterns.accepted.test('2026-W19-1T12:34+02:00'); // true
 * instantPatterns.accepted.test('2026-02-30T00:00:00Z'); // false
 * instantPatterns.written.test('2026-05-04T12:34:56Z'); // true
 * instantPatterns.written.test('2026-05-04T12:34Z'); // false
 */
export const instantPatterns: { readonly accepted: RegExp; readonly written: RegExp } = {
  accepted: new RegExp(`(?:${boundedFormat('-', ':')})|(?:${boundedFormat('', '')})`),
  written: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/,
};

const DAY = 86_400_000;

const isLeapYear = (year: number): boolean =>
  year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

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
 * The latest instant the wire format can carry (9999-12-31T23:59:59.999Z):
 * computed ends of validity are capped here.
 *
 * @example
 * import { formatInstant, latestInstant } from 'credential-lifecycle';
 * formatInstant(latestInstant); // '9999-12-31T23:59:59Z'
 */
export const latestInstant: Instant = MAX_INSTANT;

/** Midnight UTC of a calendar date, or `undefined` when the date does not exist. */
const calendarDay = (y: number, month: number, day: number): number | undefined =>
  month < 1 || month > 12 || day < 1 || day > daysInMonth(y, month)
    ? undefined
    : utc(y, month, day, 0, 0, 0);

/** Midnight UTC of an ordinal date (day 1 is 1 January). */
const ordinalDay = (y: number, ordinal: number): number | undefined =>
  ordinal < 1 || ordinal > (isLeapYear(y) ? 366 : 365)
    ? undefined
    : utc(y, 1, 1, 0, 0, 0) + (ordinal - 1) * DAY;

/** Midnight UTC of an ISO week date: week 1 holds 4 January; days run Monday (1) to Sunday (7). */
const weekDay = (y: number, week: number, day: number): number | undefined => {
  const jan4 = utc(y, 1, 4, 0, 0, 0);
  const jan4Weekday = ((new Date(jan4).getUTCDay() + 6) % 7) + 1;
  const week1Monday = jan4 - (jan4Weekday - 1) * DAY;
  const jan1Weekday = ((new Date(utc(y, 1, 1, 0, 0, 0)).getUTCDay() + 6) % 7) + 1;
  const weeks = jan1Weekday === 4 || (isLeapYear(y) && jan1Weekday === 3) ? 53 : 52;
  return week < 1 || week > weeks || day < 1 || day > 7
    ? undefined
    : week1Monday + ((week - 1) * 7 + (day - 1)) * DAY;
};

const numberOr = (text: string | undefined, fallback: number): number =>
  text === undefined ? fallback : Number(text);

/**
 * Parses an ISO-8601 instant that carries an offset: a calendar
 * (`2026-05-04`), ordinal (`2026-124`) or week (`2026-W19-1`) date, in the
 * extended or the basic format (`20260504T123456Z`, not mixed); a time of
 * `hh`, `hh:mm` or `hh:mm:ss` whose last part may have a decimal fraction
 * (`.` or `,`); an offset `Z`, `±hh`, `±hh:mm` (basic `±hhmm`). Lower-case `t`
 * and `z` are accepted as RFC 3339 allows. Impossible dates (`2026-02-30`,
 * week 53 of a 52-week year), hour 24, leap seconds and strings without an
 * offset give `None`, as do instants outside the years 0000-9999.
 *
 * @example
 * import { parseInstant } from 'credential-lifecycle';
 * parseInstant('2026-05-04T14:34:56+02:00'); // some(Date.UTC(2026, 4, 4, 12, 34, 56))
 * parseInstant('2026-W19-1T12:34Z'); // some(Date.UTC(2026, 4, 4, 12, 34))
 * parseInstant('2026-02-30T00:00:00Z'); // none
 */
export const parseInstant = (input: string): O.Option<Instant> => {
  const m = EXTENDED.exec(input) ?? BASIC.exec(input);
  if (m === null) return O.none;
  const [, ys, mos, ds, ords, ws, wds, hs, mis, ss, frac, zulu, sign, ohs, omis] = m;
  const y = Number(ys);
  const day =
    mos !== undefined
      ? calendarDay(y, Number(mos), Number(ds))
      : ords !== undefined
        ? ordinalDay(y, Number(ords))
        : weekDay(y, Number(ws), Number(wds));
  if (day === undefined) return O.none;
  const h = Number(hs);
  const mi = numberOr(mis, 0);
  const s = numberOr(ss, 0);
  if (h > 23 || mi > 59 || s > 59) return O.none;
  // The fraction belongs to the last part given: hours, minutes or seconds.
  const unit = ss !== undefined ? 1_000 : mis !== undefined ? 60_000 : 3_600_000;
  const fraction = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * unit);
  let offsetMinutes = 0;
  if (zulu === undefined) {
    const oh = Number(ohs);
    const om = numberOr(omis, 0);
    if (oh > 23 || om > 59) return O.none;
    offsetMinutes = (sign === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const at = day + h * 3_600_000 + mi * 60_000 + s * 1_000 + fraction - offsetMinutes * 60_000;
  return at < MIN_INSTANT || at > MAX_INSTANT ? O.none : O.some(at);
};

/** A bounded memo: answers format the same few instants again and again. */
const FORMATTED_LIMIT = 4096;
const formatted = new Map<Instant, string>();

/**
 * Formats an instant the way the wire carries it: UTC, second precision,
 * `YYYY-MM-DDTHH:mm:ssZ`. Milliseconds are dropped (floored); an instant
 * outside the years 0000-9999 is clamped to the nearest end, so this never throws.
 *
 * @example
 * import { formatInstant } from 'credential-lifecycle';
 * formatInstant(Date.UTC(2026, 4, 4, 12, 34, 56, 789)); // '2026-05-04T12:34:56Z'
 */
export const formatInstant = (at: Instant): string => {
  const cached = formatted.get(at);
  if (cached !== undefined) return cached;
  // Total: anything outside the wire's years (or not a number) is clamped to
  // the nearest end rather than producing another format or throwing.
  const inRange = Number.isNaN(at) ? MIN_INSTANT : Math.min(Math.max(at, MIN_INSTANT), MAX_INSTANT);
  // toISOString is fixed-width for years 0000-9999: keep `YYYY-MM-DDTHH:mm:ss`
  // and drop the milliseconds.
  const text = `${new Date(toWirePrecision(inRange)).toISOString().slice(0, 19)}Z`;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: bounds a memo; the answer is the same whether or not it is cleared
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
      ? F.pipe(
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
