import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { describe, expect, it } from 'vitest';
import { formatInstant, IsoInstant, parseInstant } from '../../src/index.js';

describe('instants on the wire', () => {
  it('encodes as UTC with second precision and a Z', () => {
    expect(IsoInstant.encode(Date.UTC(2026, 4, 4, 12, 34, 56, 999))).toBe('2026-05-04T12:34:56Z');
    expect(IsoInstant.encode(Date.UTC(2026, 0, 1))).toBe('2026-01-01T00:00:00Z');
    expect(formatInstant(-62_135_596_800_000)).toBe('0001-01-01T00:00:00Z');
    expect(formatInstant(253_402_300_799_000)).toBe('9999-12-31T23:59:59Z');
  });

  it('decodes any offset to the same instant', () => {
    const expected = E.right(Date.UTC(2026, 4, 4, 12, 34, 56));
    for (const iso of [
      '2026-05-04T12:34:56Z',
      '2026-05-04T14:34:56+02:00',
      '2026-05-04T14:34:56+0200',
      '2026-05-04T07:34:56-05',
      '2026-05-04t12:34:56z',
    ]) {
      expect(IsoInstant.decode(iso)).toEqual(expected);
    }
    expect(IsoInstant.decode('2026-05-04T12:34:56.250Z')).toEqual(
      E.right(Date.UTC(2026, 4, 4, 12, 34, 56, 250)),
    );
  });

  it('rejects impossible dates, missing offsets, hour 24 and non-strings', () => {
    for (const bad of [
      '2026-02-30T00:00:00Z',
      '2025-02-29T00:00:00Z',
      '2026-05-04T12:34:56',
      '2026-05-04T24:00:00Z',
      '2026-05-04T23:59:60Z',
      '2026-05-04',
      '',
    ]) {
      expect(parseInstant(bad)).toEqual(O.none);
      expect(E.isLeft(IsoInstant.decode(bad))).toBe(true);
    }
    expect(E.isLeft(IsoInstant.decode(1_777_898_096_000))).toBe(true);
    expect(parseInstant('2024-02-29T00:00:00Z')).toEqual(O.some(Date.UTC(2024, 1, 29)));
  });
});
