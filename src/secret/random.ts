/**
 * The source of randomness as a port: Web Crypto by default, a seeded
 * generator for tests and reproducible mocks.
 *
 * @packageDocumentation
 */

/**
 * Fills byte arrays with random values. Web Crypto's `crypto` object satisfies
 * this interface as it is.
 *
 * @example
 * import type { RandomSource } from 'credential-lifecycle';
 * const zeros: RandomSource = { getRandomValues: (a) => a.fill(0) }; // for a test only
 */
export interface RandomSource {
  /** Fills `array` with random bytes and returns it. */
  getRandomValues<T extends Uint8Array>(array: T): T;
}

/** Web Crypto refuses to fill more than this many bytes per call. */
const WEB_CRYPTO_CHUNK = 65_536;

interface WebCryptoLike {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

const webCrypto = (): WebCryptoLike => {
  const candidate: unknown = (globalThis as { crypto?: unknown }).crypto;
  if (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof (candidate as { getRandomValues?: unknown }).getRandomValues === 'function'
  ) {
    return candidate as WebCryptoLike;
  }
  throw new Error('globalThis.crypto.getRandomValues is not available in this environment');
};

/**
 * The default random source: Web Crypto's `globalThis.crypto.getRandomValues`
 * (Node ≥ 20, browsers, Deno, Bun), called in chunks of at most 65536 bytes so
 * arrays of any size can be filled. It throws only when the environment has no
 * Web Crypto at all.
 *
 * @example
 * import { webCryptoRandom } from 'credential-lifecycle';
 * const salt = webCryptoRandom.getRandomValues(new Uint8Array(8));
 * salt.length; // 8 (random bytes, different on each call)
 * webCryptoRandom.getRandomValues(new Uint8Array(100_000)).length; // 100000 (beyond one 65536-byte chunk)
 */
export const webCryptoRandom: RandomSource = {
  getRandomValues<T extends Uint8Array>(array: T): T {
    const crypto = webCrypto();
    for (let offset = 0; offset < array.length; offset += WEB_CRYPTO_CHUNK) {
      crypto.getRandomValues(array.subarray(offset, offset + WEB_CRYPTO_CHUNK));
    }
    return array;
  },
};

/**
 * A deterministic random source (sfc32, seeded through splitmix32): the same
 * seed always yields the same bytes. Statistically good, NOT cryptographically
 * secure — for tests, reproducible mocks and benchmarks only.
 *
 * @example
 * import { seededRandom } from 'credential-lifecycle';
 * Array.from(seededRandom(42).getRandomValues(new Uint8Array(4))); // [93, 3, 164, 147]
 * Array.from(seededRandom(42).getRandomValues(new Uint8Array(4))); // [93, 3, 164, 147]
 */
export const seededRandom = (seed: number): RandomSource => {
  let s = Math.trunc(Number.isFinite(seed) ? seed : 0) >>> 0;
  const splitmix32 = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix32();
  let b = splitmix32();
  let c = splitmix32();
  let d = 1;
  const next = (): number => {
    const result = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + result) >>> 0;
    return result;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    getRandomValues<T extends Uint8Array>(array: T): T {
      let i = 0;
      for (; i + 4 <= array.length; i += 4) {
        const w = next();
        array[i] = w & 255;
        array[i + 1] = (w >>> 8) & 255;
        array[i + 2] = (w >>> 16) & 255;
        array[i + 3] = w >>> 24;
      }
      if (i < array.length) {
        let w = next();
        for (; i < array.length; i++) {
          array[i] = w & 255;
          w >>>= 8;
        }
      }
      return array;
    },
  };
};
