import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Redacted, reveal } from '../../src/secret/index.js';

describe('Redacted', () => {
  const r = Redacted.make('hunter2');

  it('prints, inspects and serialises as <redacted>', () => {
    expect(String(r)).toBe('<redacted>');
    expect(`${r}`).toBe('<redacted>');
    expect(JSON.stringify({ r })).toBe('{"r":"<redacted>"}');
    expect(inspect(r)).toBe('<redacted>');
    expect(inspect({ nested: [r] }, { depth: 5 })).not.toContain('hunter2');
  });

  it('holds no property that carries the value', () => {
    expect(Object.getOwnPropertyNames(r)).toEqual([]);
    expect(Object.getOwnPropertySymbols(r)).toEqual([]);
    expect(Object.isFrozen(r)).toBe(true);
  });

  it('opens only explicitly', () => {
    expect(Redacted.value(r)).toBe('hunter2');
    expect(reveal(r)).toBe('hunter2');
    expect(Redacted.is(r)).toBe(true);
    expect(Redacted.is('hunter2')).toBe(false);
    expect(Redacted.is({})).toBe(false);
  });
});
