/**
 * The mock's clock: it rests on real time (the server) or frozen at a start
 * instant (the in-process system), and the control API freezes, moves and
 * releases it. Real time is a function handed in: this module reads no clock.
 *
 * @packageDocumentation
 */
import type { Instant } from '../domain/instant.js';

/**
 * A clock the control API can freeze, move and release.
 *
 * @example
 * import { mockClock } from 'credential-lifecycle/server';
 * const clock = mockClock({ frozenAt: Date.UTC(2026, 0, 1) });
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
  /** Back to where the clock rests (see {@link ClockRest}), forgetting any earlier move. */
  release(): void;
  /** Whether time is frozen. */
  readonly frozen: boolean;
}

/**
 * Where a mock's clock rests when nobody has set it: on a real time source
 * (`{ realNow: Date.now }`, what the server does), or frozen at an instant
 * (`{ frozenAt: start }`, what the in-process system does). It starts there,
 * and `release` and a reset of the mock return there.
 *
 * @example
 * import type { ClockRest } from 'credential-lifecycle/server';
 * const server: ClockRest = { realNow: () => Date.now() };
 * const inProcess: ClockRest = { frozenAt: Date.UTC(2026, 0, 1) };
 */
export type ClockRest =
  | {
      /** The real time source the clock runs on, e.g. `Date.now`. */
      readonly realNow: () => Instant;
    }
  | {
      /** The instant the clock stands still at. */
      readonly frozenAt: Instant;
    };

/**
 * A clock resting as `rest` says. While it runs on real time, `advance` adds
 * an offset to real time; while frozen it moves the frozen instant.
 *
 * @example
 * import { mockClock } from 'credential-lifecycle/server';
 * const clock = mockClock({ realNow: () => 1_000 });
 * clock.advance(500);
 * clock.now(); // 1_500
 * clock.release();
 * clock.now(); // 1_000
 */
export const mockClock = (rest: ClockRest): MockClock => {
  const restsAt = 'frozenAt' in rest ? rest.frozenAt : undefined;
  // A clock that rests frozen is never unfrozen: its "real time" is its rest.
  const realNow = 'realNow' in rest ? rest.realNow : () => rest.frozenAt;
  let frozenAt: Instant | undefined = restsAt;
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
      frozenAt = restsAt;
      offset = 0;
    },
    get frozen() {
      return frozenAt !== undefined;
    },
  };
};
