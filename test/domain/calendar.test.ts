/**
 * The calendar rules of ISO-8601 that decoding must follow (docs/assumptions.md:
 * calendar, ordinal and week dates, offsets ±hh:mm), each expectation computed
 * here with Date.UTC, not taken from the decoder.
 */

import { either as E, option as O } from 'fp-ts';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { decodeRequestBody, pathOf, validationEntries } from '../../src/domain/errors.js';
import { isInstant, latestInstant, parseInstant } from '../../src/domain/instant.js';

const at = (y: number, m: number, d: number, h = 0, min = 0): number => {
  const date = new Date(Date.UTC(2000, m - 1, d, h, min));
  date.setUTCFullYear(y);
  return date.getTime();
};

describe('calendar dates', () => {
  it('29 February exists in years divisible by 4, except centuries not divisible by 400', () => {
    expect(parseInstant('2024-02-29T00:00:00Z')).toEqual(O.some(at(2024, 2, 29)));
    expect(parseInstant('2000-02-29T00:00:00Z')).toEqual(O.some(at(2000, 2, 29)));
    expect(parseInstant('1600-02-29T00:00:00Z')).toEqual(O.some(at(1600, 2, 29)));
    expect(parseInstant('2023-02-29T00:00:00Z')).toEqual(O.none);
    expect(parseInstant('1900-02-29T00:00:00Z')).toEqual(O.none);
    expect(parseInstant('2100-02-29T00:00:00Z')).toEqual(O.none);
  });

  it('months run 01-12 and days 01 to the month’s length', () => {
    expect(parseInstant('2026-00-10T00:00:00Z')).toEqual(O.none);
    expect(parseInstant('2026-13-01T00:00:00Z')).toEqual(O.none);
    expect(parseInstant('2026-05-00T00:00:00Z')).toEqual(O.none);
    expect(parseInstant('2026-04-31T00:00:00Z')).toEqual(O.none);
    expect(parseInstant('2026-04-30T00:00:00Z')).toEqual(O.some(at(2026, 4, 30)));
    expect(parseInstant('2026-12-31T00:00:00Z')).toEqual(O.some(at(2026, 12, 31)));
    expect(parseInstant('2026-01-01T00:00:00Z')).toEqual(O.some(at(2026, 1, 1)));
  });

  it('ordinal dates run 001 to 365, or 366 in leap years', () => {
    expect(parseInstant('2026-001T00:00:00Z')).toEqual(O.some(at(2026, 1, 1)));
    expect(parseInstant('2026-000T00:00:00Z')).toEqual(O.none);
    expect(parseInstant('2026-365T00:00:00Z')).toEqual(O.some(at(2026, 12, 31)));
    expect(parseInstant('2026-366T00:00:00Z')).toEqual(O.none);
    expect(parseInstant('2024-366T00:00:00Z')).toEqual(O.some(at(2024, 12, 31)));
    expect(parseInstant('2000-366T00:00:00Z')).toEqual(O.some(at(2000, 12, 31)));
    expect(parseInstant('1900-366T00:00:00Z')).toEqual(O.none);
  });

  it('week dates: 53 weeks when 1 January is a Thursday, or a Wednesday in a leap year', () => {
    // 2026 starts on a Thursday, 2020 (leap) on a Wednesday: 53 weeks. 2025
    // starts on a Wednesday but is not leap, 2024 (leap) on a Monday: 52.
    expect(parseInstant('2026-W53-1T00:00:00Z')).toEqual(O.some(at(2026, 12, 28)));
    expect(parseInstant('2020-W53-1T00:00:00Z')).toEqual(O.some(at(2020, 12, 28)));
    expect(parseInstant('2025-W53-1T00:00:00Z')).toEqual(O.none);
    expect(parseInstant('2024-W53-1T00:00:00Z')).toEqual(O.none);
    expect(parseInstant('2026-W01-1T00:00:00Z')).toEqual(O.some(at(2025, 12, 29)));
    expect(parseInstant('2026-W00-1T00:00:00Z')).toEqual(O.none);
    expect(parseInstant('2026-W19-7T00:00:00Z')).toEqual(O.some(at(2026, 5, 10)));
    expect(parseInstant('2026-W19-0T00:00:00Z')).toEqual(O.none);
    expect(parseInstant('2026-W19-8T00:00:00Z')).toEqual(O.none);
  });
});

describe('offsets', () => {
  it('±hh:mm moves the instant by hours and minutes; at most 23:59', () => {
    expect(parseInstant('2026-05-04T12:00:00+05:30')).toEqual(O.some(at(2026, 5, 4, 6, 30)));
    expect(parseInstant('2026-05-04T12:00:00-05:30')).toEqual(O.some(at(2026, 5, 4, 17, 30)));
    expect(parseInstant('2026-05-04T12:00:00+23:59')).toEqual(O.some(at(2026, 5, 3, 12, 1)));
    expect(parseInstant('2026-05-04T12:00:00+24:00')).toEqual(O.none);
    expect(parseInstant('2026-05-04T12:00:00+05:59')).toEqual(O.some(at(2026, 5, 4, 6, 1)));
    expect(parseInstant('2026-05-04T12:00:00+05:60')).toEqual(O.none);
  });
});

describe('the years 0000 to 9999, after the offset is applied', () => {
  it('an offset that moves an instant out of the range makes it invalid', () => {
    expect(parseInstant('0000-01-01T00:00:00Z')).toEqual(O.some(at(0, 1, 1)));
    expect(parseInstant('0000-01-01T00:00:00+01:00')).toEqual(O.none);
    expect(parseInstant('0000-01-01T00:00:00-01:00')).toEqual(O.some(at(0, 1, 1, 1)));
    expect(parseInstant('9999-12-31T23:59:59Z')).toEqual(O.some(latestInstant - 999));
    expect(parseInstant('9999-12-31T23:59:59-01:00')).toEqual(O.none);
    expect(parseInstant('9999-12-31T23:59:59+01:00')).toEqual(
      O.some(latestInstant - 999 - 3_600_000),
    );
  });
});

describe('isInstant: an integer between the years 0000 and 9999', () => {
  it('accepts both ends and rejects one millisecond beyond them, fractions and non-numbers', () => {
    const earliest = at(0, 1, 1);
    expect(isInstant(earliest)).toBe(true);
    expect(isInstant(earliest - 1)).toBe(false);
    expect(isInstant(latestInstant)).toBe(true);
    expect(isInstant(latestInstant + 1)).toBe(false);
    expect(isInstant(0)).toBe(true);
    expect(isInstant(0.5)).toBe(false);
    expect(isInstant('0')).toBe(false);
  });
});

describe('error messages name the path and what is allowed', () => {
  const first = (codec: t.Decoder<unknown, unknown>, u: unknown) => {
    const r = codec.decode(u);
    if (r._tag === 'Right') throw new Error('decoded');
    return r.left;
  };

  it('array indexes print as [n], every other key (also one with digits) as .key', () => {
    const list = t.type({ items: t.array(t.string) });
    const items = Array.from({ length: 12 }, (_, i) => (i === 10 ? 7 : 'x'));
    const [e] = first(list, { items });
    expect(e && pathOf(e.context)).toBe('$.items[10]');
    const [k] = first(t.type({ ticketLen0: t.number }), { ticketLen0: 'x' });
    expect(k && pathOf(k.context)).toBe('$.ticketLen0');
    const [d] = first(t.type({ '1a': t.number }), { '1a': 'x' });
    expect(d && pathOf(d.context)).toBe('$.1a');
  });

  it('a body that is not a JSON object: 400, saying what it was', () => {
    const codec = t.partial({ version: t.number });
    for (const [body, found] of [
      [[], 'array'],
      [null, 'null'],
      ['x', 'string'],
    ] as const) {
      expect(decodeRequestBody(codec, body)).toEqual(
        E.left({
          status: 400,
          errors: [
            { code: 'errors.malformedRequest', message: `$: expected a JSON object, got ${found}` },
          ],
        }),
      );
    }
  });

  it('says what was found: null, array, nothing or the JSON type', () => {
    const codec = t.type({ a: t.number });
    const found = (u: unknown) =>
      validationEntries(first(codec, { a: u }), 'errors.invalidValue')[0]?.message;
    expect(found(null)).toBe('$.a: expected number, got null');
    expect(found([])).toBe('$.a: expected number, got array');
    expect(found(undefined)).toBe('$.a: expected number, got nothing');
    expect(found('1')).toBe('$.a: expected number, got string');
  });

  it('lists the allowed values of an enumeration, also of a union of them; a name otherwise', () => {
    const message = (codec: t.Mixed) =>
      validationEntries(first(t.type({ v: codec }), { v: 'nope' }), 'errors.invalidValue')[0]
        ?.message;
    expect(message(t.keyof({ a: null, b: null }))).toBe(
      "$.v: expected one of 'a', 'b', got string",
    );
    expect(message(t.literal(5))).toBe('$.v: expected 5, got string');
    expect(message(t.union([t.literal('a'), t.literal(1)]))).toBe(
      "$.v: expected one of 'a', 1, got string",
    );
    // A mixed union names both; the order is not a rule.
    expect(message(t.union([t.literal('a'), t.number]))).toMatch(
      /^\$\.v: expected (number or 'a'|'a' or number), got string$/,
    );
    expect(message(t.number)).toBe('$.v: expected number, got string');
  });
});
