/**
 * The mock server's clock: real time by default, frozen or moved on request
 * through the control API.
 *
 * @packageDocumentation
 */
import type { Instant } from '../domain/instant.js';

/**
 * A clock the control API can freeze, move and release.
 *
 * @example
 * import { createMockClock } from 'credential-lifecycle/server';
 * const clock = createMockClock();
 * clock.freeze(Date.UTC(2026, 0, 1));
 * clock.advance(60_000);
 * clock.now(); // Date.UTC(2026, 0, 1, 0, 1)
 */
export interface MockClock {
  /** The current instant of the mock (epoch milliseconds). */
  now(): Instant;
  /** Stops time at `at`. */
  freeze(at: Instant): void;
  /** Moves the clock `ms` milliseconds forward (frozen or not). */
  advance(ms: number): void;
  /** Back to real time, forgetting any earlier move. */
  release(): void;
  /** Whether time is frozen. */
  readonly frozen: boolean;
}

/**
 * A clock over a real time source (default `Date.now`). While it runs,
 * `advance` adds an offset to real time; while frozen it moves the frozen
 * instant.
 *
 * @example
 * import { createMockClock } from 'credential-lifecycle/server';
 * const clock = createMockClock(() => 1_000);
 * clock.advance(500);
 * clock.now(); // 1_500
 */
export const createMockClock = (realNow: () => Instant = Date.now): MockClock => {
  let frozenAt: Instant | undefined;
  let offset = 0;
  return {
    now: () => frozenAt ?? realNow() + offset,
    freeze: (at) => {
      frozenAt = at;
      offset = 0;
    },
    advance: (ms) => {
      if (frozenAt === undefined) offset += ms;
      else frozenAt += ms;
    },
    release: () => {
      frozenAt = undefined;
      offset = 0;
    },
    get frozen() {
      return frozenAt !== undefined;
    },
  };
};
