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
 * What the control API has done to a mock's clock, relative to its rest:
 * frozen at an instant, or moved by an offset (0 at rest). It is the part of
 * the clock a mock's store keeps, so that several server processes over one
 * store share it; each process reads it against its own rest.
 *
 * @example
 * import type { ClockSetting } from 'credential-lifecycle/server';
 * const atRest: ClockSetting = { offset: 0 };
 * const frozen: ClockSetting = { frozenAt: Date.UTC(2026, 0, 1), offset: 0 };
 */
export interface ClockSetting {
  /** Set by a freeze: the instant time stands still at. */
  readonly frozenAt?: Instant;
  /** Milliseconds the clock was advanced while not frozen. */
  readonly offset: number;
}

/**
 * The setting of a clock nobody has touched, or that was released.
 *
 * @example
 * import { clockAtRest } from 'credential-lifecycle/server';
 * clockAtRest.offset; // 0
 */
export const clockAtRest: ClockSetting = { offset: 0 };

/**
 * A change the control API makes to the clock: freeze it at an instant,
 * advance it by whole milliseconds, or release it to its rest.
 *
 * @example
 * import type { ClockChange } from 'credential-lifecycle/server';
 * const oneMinute: ClockChange = { advance: 60_000 };
 */
export type ClockChange =
  | { readonly freeze: Instant }
  | { readonly advance: number }
  | { readonly release: true };

/**
 * The setting after a change: a freeze forgets any offset, an advance moves
 * the frozen instant or adds to the offset, a release returns to rest.
 *
 * @example
 * import { changedClock, clockAtRest } from 'credential-lifecycle/server';
 * changedClock({ frozenAt: 1_000, offset: 0 }, { advance: 500 }); // { frozenAt: 1_500, offset: 0 }
 * changedClock(clockAtRest, { advance: 500 }); // { offset: 500 }
 */
export const changedClock = (setting: ClockSetting, change: ClockChange): ClockSetting => {
  if ('freeze' in change) return { frozenAt: change.freeze, offset: 0 };
  if ('release' in change) return clockAtRest;
  return setting.frozenAt === undefined
    ? { offset: setting.offset + change.advance }
    : { frozenAt: setting.frozenAt + change.advance, offset: 0 };
};

/**
 * A mock's time and whether it stands still.
 *
 * @example
 * import type { ClockReading } from 'credential-lifecycle/server';
 * const reading: ClockReading = { now: Date.UTC(2026, 0, 1), frozen: true };
 */
export interface ClockReading {
  readonly now: Instant;
  readonly frozen: boolean;
}

/**
 * A clock's time and whether it stands still, from its setting and its rest:
 * a frozen setting wins; otherwise the rest (real time, or the frozen start)
 * plus the offset.
 *
 * @example
 * import { clockReading } from 'credential-lifecycle/server';
 * clockReading({ offset: 500 }, { realNow: () => 1_000 }); // { now: 1_500, frozen: false }
 * clockReading({ offset: 500 }, { frozenAt: 1_000 }); // { now: 1_500, frozen: true }
 */
export const clockReading = (setting: ClockSetting, rest: ClockRest): ClockReading => {
  if (setting.frozenAt !== undefined) return { now: setting.frozenAt, frozen: true };
  return 'frozenAt' in rest
    ? { now: rest.frozenAt + setting.offset, frozen: true }
    : { now: rest.realNow() + setting.offset, frozen: false };
};

/**
 * A clock resting as `rest` says, holding its setting itself (one process's
 * clock; a mock keeps the setting in its store instead). While it runs on
 * real time, `advance` adds an offset to real time; while frozen it moves the
 * frozen instant.
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
  let setting = clockAtRest;
  return {
    now: () => clockReading(setting, rest).now,
    freeze: (at) => {
      setting = changedClock(setting, { freeze: at });
    },
    advance: (ms) => {
      setting = changedClock(setting, { advance: ms });
    },
    release: () => {
      setting = clockAtRest;
    },
    get frozen() {
      return clockReading(setting, rest).frozen;
    },
  };
};
