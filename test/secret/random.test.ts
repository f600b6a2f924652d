import { describe, expect, it } from 'vitest';
import { type RandomSource, seededRandom, webCryptoRandom } from '../../src/secret/index.js';

describe('RandomSource', () => {
  it('Web Crypto satisfies the port as it is', () => {
    const source: RandomSource = globalThis.crypto;
    expect(source.getRandomValues(new Uint8Array(4))).toHaveLength(4);
  });

  it('webCryptoRandom fills arrays larger than 65536 bytes', () => {
    const big = webCryptoRandom.getRandomValues(new Uint8Array(200_000));
    // The last chunk is filled too: 1000 zero bytes in a row would be a 2^-8000 event.
    expect(big.subarray(199_000).some((b) => b !== 0)).toBe(true);
    expect(big.subarray(0, 1000).some((b) => b !== 0)).toBe(true);
  });

  it('seededRandom is deterministic per seed and differs across seeds', () => {
    const a = seededRandom(42).getRandomValues(new Uint8Array(37));
    const b = seededRandom(42).getRandomValues(new Uint8Array(37));
    const c = seededRandom(43).getRandomValues(new Uint8Array(37));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('seededRandom gives the same stream however it is chunked (in whole words)', () => {
    const whole = seededRandom(7).getRandomValues(new Uint8Array(64));
    const source = seededRandom(7);
    const parts = [
      ...source.getRandomValues(new Uint8Array(32)),
      ...source.getRandomValues(new Uint8Array(32)),
    ];
    expect([...whole]).toEqual(parts);
  });

  it('seededRandom accepts any number as a seed', () => {
    for (const seed of [0, -1, 2 ** 40, Number.NaN, Number.POSITIVE_INFINITY, 0.5]) {
      expect(seededRandom(seed).getRandomValues(new Uint8Array(8))).toHaveLength(8);
    }
  });
});
