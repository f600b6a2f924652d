/**
 * The options of `runConformance`.
 *
 * @packageDocumentation
 */
import type { CoverageRecorder } from '../coverage/coverage.js';
import type { FailureStore } from '../failures/store.js';
import type { ConformanceSetup, ReplayedFailure, RunProgress } from '../report.js';
import type { SystemUnderTest } from '../system.js';

/**
 * Parallel runs: a sequential prefix, then 2–3 branches of commands sent
 * concurrently (each over its own connection when the system offers
 * `connect`), then a read-back of every credential the branches touched.
 * The history must be linearizable: some order consistent with the real
 * time of the requests must be explained by the oracle.
 *
 * @example
 * import type { ParallelOptions } from 'credential-lifecycle/testing';
 * const options: ParallelOptions = { maxPrefix: 6, maxBranchLength: 3, searchBound: 10_000 };
 */
export interface ParallelOptions {
  /** The longest prefix. Default 8. */
  readonly maxPrefix?: number;
  /** The most commands per branch. Default 4. */
  readonly maxBranchLength?: number;
  /** How many operations the linearizability search may apply in all. Default 50,000. */
  readonly searchBound?: number;
  /** While shrinking, how often a candidate is sent before it counts as passing. Default 4. */
  readonly shrinkAttempts?: number;
}

/**
 * Options of `runConformance`.
 *
 * @example
 * import { inProcessSystem, type ConformanceOptions } from 'credential-lifecycle/testing';
 * const options: ConformanceOptions = { system: inProcessSystem(), runs: 100, clock: true };
 */
export interface ConformanceOptions {
  readonly system: SystemUnderTest;
  /** How many sequences to generate. */
  readonly runs: number;
  /** The fast-check seed (to replay a failure, with `path`). */
  readonly seed?: number;
  /** The replay path of a failure, as a report gives it. */
  readonly path?: string;
  /** Move the system's clock (needs the control API): time commands and date comparisons. */
  readonly clock: boolean;
  readonly setup?: ConformanceSetup;
  /**
   * Called after each generated sequence has run: `done` of `total` (`runs`).
   * After a failure no more sequences are generated (`done` stops there, as
   * the report's `runs` does) and the sequences tried while shrinking are
   * reported to `onShrink` instead.
   */
  readonly onProgress?: (done: number, total: number, progress: RunProgress) => void;
  /**
   * Called after each attempt to shorten a failing sequence (fast-check's
   * shrinking, then the removal of commands the failure does not need),
   * with its number from 1. How many there will be is not known in advance.
   */
  readonly onShrink?: (step: number) => void;
  /** The longest sequence. Default 50. */
  readonly maxCommands?: number;
  /**
   * Count what the runs exercise of the model (report's `coverage`).
   * Default `true`; pass a recorder to share one between calls.
   */
  readonly coverage?: boolean | CoverageRecorder;
  /** Saved failures: replayed first, new counterexamples saved. */
  readonly failures?: FailureStore;
  /** Keep saved failures that no longer fail (default: delete them). */
  readonly keepFixed?: boolean;
  /** Called after each saved failure was replayed. */
  readonly onReplay?: (replayed: ReplayedFailure) => void;
  /** Parallel runs instead of sequential ones (`true` for the defaults). */
  readonly parallel?: boolean | ParallelOptions;
}
