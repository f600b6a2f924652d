/**
 * What an operation may know about the world: the time and a random source,
 * both handed in.
 *
 * @packageDocumentation
 */
import type { Instant } from '../domain/instant.js';
import type { RandomSource } from '../secret/random.js';

/**
 * The instant the request is handled at, and where generated secrets, salts
 * and ids draw their randomness from.
 *
 * @example
 * import { seededRandom, type Environment } from 'credential-lifecycle';
 * const env: Environment = { now: Date.UTC(2026, 0, 1), random: seededRandom(42) };
 */
export interface Environment {
  readonly now: Instant;
  readonly random: RandomSource;
}
