import { either as E, option as O } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import { formatInstant, IsoInstant, parseInstant } from '../../src/index.js';

describe('instants on the wire', () => {
  it('encodes as UTC with second precision and a Z', () => {
    expect(IsoInstant.encode(Date.UTC(2026, 4, 4, 12, 34, 56, 999))).toBe('2026-05-04T12:34:56Z');
    expect(IsoInstant.encode(Date.UTC(2026, 0, 1))).toBe('2026-01-01T00:00:00Z');
    expect(formatInstant(-62_135_596_800_000)).toBe('0001-01-01T00:00:00Z');
    expect(formatInstant(253_402_300_799_000)).toBe('9999-12-31T23:59:59Z');
  });

  it('never throws: instants outside the years 0000-9999 are clamped to the nearest end', () => {
    expect(formatInstant(9_000_000_000_000_000)).toBe('9999-12-31T23:59:59Z');
    expect(formatInstant(Number.POSITIVE_INFINITY)).toBe('9999-12-31T23:59:59Z');
    expect(formatInstant(-9_000_000_000_000_000)).toBe('0000-01-01T00:00:00Z');
    expect(formatInstant(Number.NaN)).toBe('0000-01-01T00:00:00Z');
  });

  it('decodes any offset to the same instant', () => {
    const expected = E.right(Date.UTC(2026, 4, 4, 12, 34, 56));
    for (const iso of [
      '2026-05-04T12:34:56Z',
      '2026-05-04T14:34:56+02:00',
      '2026-05-04T07:34:56-05',
      '20260504T143456+0200',
      '20260504T123456Z',
      '2026-124T12:34:56Z',
      '2026124T123456Z',
      '2026-W19-1T12:34:56Z',
      '2026W191T123456Z',
      '2026-05-04t12:34:56z',
    ]) {
      expect(IsoInstant.decode(iso)).toEqual(expected);
    }
    expect(IsoInstant.decode('2026-05-04T12:34:56.250Z')).toEqual(
      E.right(Date.UTC(2026, 4, 4, 12, 34, 56, 250)),
    );
  });

  it('decodes reduced precision and fractions of the last part given', () => {
    expect(parseInstant('2026-05-04T12:34Z')).toEqual(O.some(Date.UTC(2026, 4, 4, 12, 34)));
    expect(parseInstant('2026-05-04T12Z')).toEqual(O.some(Date.UTC(2026, 4, 4, 12)));
    expect(parseInstant('2026-05-04T12:34,5Z')).toEqual(O.some(Date.UTC(2026, 4, 4, 12, 34, 30)));
    expect(parseInstant('2026-05-04T12.25Z')).toEqual(O.some(Date.UTC(2026, 4, 4, 12, 15)));
    expect(parseInstant('20260504T1234Z')).toEqual(O.some(Date.UTC(2026, 4, 4, 12, 34)));
  });

  it('decodes ordinal and week dates, leap days and 53-week years', () => {
    // Ordinal day 366 exists in leap years only.
    expect(parseInstant('2024-366T00:00:00Z')).toEqual(O.some(Date.UTC(2024, 11, 31)));
    expect(parseInstant('2026-366T00:00:00Z')).toEqual(O.none);
    // 2020 (starts on a Wednesday, leap) and 2026 (starts on a Thursday) have
    // 53 ISO weeks; 2021 has 52. Week 1 holds 4 January.
    expect(parseInstant('2020-W53-7T00:00:00Z')).toEqual(O.some(Date.UTC(2021, 0, 3)));
    expect(parseInstant('2026-W53-7T00:00:00Z')).toEqual(O.some(Date.UTC(2027, 0, 3)));
    expect(parseInstant('2021-W53-1T00:00:00Z')).toEqual(O.none);
    expect(parseInstant('2026-W01-1T00:00:00Z')).toEqual(O.some(Date.UTC(2025, 11, 29)));
    expect(parseInstant('2026-W19-8T00:00:00Z')).toEqual(O.none);
  });

  it('rejects basic and extended formats mixed in one string', () => {
    for (const mixed of [
      '2026-05-04T14:34:56+0200',
      '2026-05-04T123456Z',
      '20260504T12:34:56Z',
      '20260504T143456+02:00',
    ]) {
      expect(parseInstant(mixed)).toEqual(O.none);
    }
  });

  it('rejects impossible dates, missing offsets, hour 24 and non-strings', () => {
    for (const bad of [
      '2026-02-30T00:00:00Z',
      '2025-02-29T00:00:00Z',
      '2026-05-04T12:34:56',
      '2026-05-04T24:00:00Z',
      '2026-05-04T23:59:60Z',
      '2026-05-04',
      '2026-05-04T12:60Z',
      '2026-05-04T12:34:56+24:00',
      '10000-01-01T00:00:00Z',
      '',
    ]) {
      expect(parseInstant(bad)).toEqual(O.none);
      expect(E.isLeft(IsoInstant.decode(bad))).toBe(true);
    }
    expect(E.isLeft(IsoInstant.decode(1_777_898_096_000))).toBe(true);
    expect(parseInstant('2024-02-29T00:00:00Z')).toEqual(O.some(Date.UTC(2024, 1, 29)));
  });
});
