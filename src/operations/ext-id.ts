/**
 * Generated external ids for credentials created without one.
 *
 * @packageDocumentation
 */
import type { RandomSource } from '../secret/random.js';

const hex = (b: number): string => b.toString(16).padStart(2, '0');

/**
 * A random UUID v4, drawn from the given source (so seeded mocks give the
 * same ids every run).
 *
 * @example
 * import { generateExtId, seededRandom } from 'credential-lifecycle';
 * generateExtId(seededRandom(1)); // e.g. '3f2a…-…-4…-…' (version 4, RFC 4122 variant)
 */
export const generateExtId = (random: RandomSource): string => {
  const b = random.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, hex).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
