/**
 * The mock clock on real time: the server's default.
 *
 * @packageDocumentation
 */
import type { Instant } from '../domain/instant.js';
import { type MockClock, mockClock } from '../mock/clock.js';

/**
 * A mock clock resting on a real time source (default `Date.now`). While it
 * runs, `advance` adds an offset to real time; while frozen it moves the
 * frozen instant.
 *
 * @example
 * import { createMockClock } from 'credential-lifecycle/mock';
 * const clock = createMockClock(() => 1_000);
 * clock.advance(500);
 * clock.now(); // 1_500
 */
export const createMockClock = (realNow: () => Instant = Date.now): MockClock =>
  mockClock({ realNow });
