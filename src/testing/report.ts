/**
 * What a conformance run is given and what it reports, as plain data: the
 * setup, the report with its counterexample, the model coverage, the
 * replayed failures and the parallel findings. No fast-check here, so the
 * command line (and anything else) can import these types without it.
 *
 * @packageDocumentation
 */
import type { CredentialKind } from '../domain/credential-type.js';
import type { Instant } from '../domain/instant.js';
import type { PolicySetup, UserSetup } from './oracle.js';
import type { SutRequest, SutResponse } from './system.js';

/**
 * Names (and, for systems without the control API, the exact policies) a
 * conformance run uses. Without the control API the users must exist, the
 * policies must be configured on the system as described, and self-admin
 * commands run only for users with a `token`; time commands are skipped.
 *
 * @example
 * import type { ConformanceSetup } from 'credential-lifecycle/testing';
 * const setup: ConformanceSetup = {
 *   clientExtId: 'acme',
 *   users: [{ userExtId: 'u-100', loginId: 'jdoe', token: 'secret-token' }],
 *   policies: [{ extId: 'tsp-short', type: 'TempStrongPasswordPolicy', isDefault: false, parameters: { ticketLen0: '8' } }],
 * };
 */
export interface ConformanceSetup {
  readonly clientExtId: string;
  readonly users: readonly (UserSetup & { readonly token?: string })[];
  /** The client's policies besides the four defaults; generated per run when absent and the control API exists. */
  readonly policies?: readonly PolicySetup[];
  /** A user id that does not exist (for 404s). Default `no-such-user`. */
  readonly ghostUserExtId?: string;
  /** Where the clock starts when controlled. Default 2026-01-01T00:00:00Z. */
  readonly start?: Instant;
}

/**
 * One request of a counterexample with the answers: the real one, and the
 * one the oracle expected where it judged the request alone (sequential runs).
 *
 * @example
 * import type { CounterexampleStep } from 'credential-lifecycle/testing';
 * const statusOf = (s: CounterexampleStep) => s.actual?.status;
 */
export interface CounterexampleStep {
  /** The request, readable (learnt secrets shown as `<known secret>`). */
  readonly description: string;
  readonly request: SutRequest;
  /** The real answer (absent for control steps). */
  readonly actual?: SutResponse;
  /** The oracle's answer, where the request was judged on its own. */
  readonly expected?: SutResponse;
}

/**
 * A shrunk failing sequence, ready for a bug report.
 *
 * @example
 * import type { Counterexample } from 'credential-lifecycle/testing';
 * const report = (c: Counterexample) => [c.error, ...c.curl].join('\n');
 */
export interface Counterexample {
  /** Pass it back as `path` (with `seed`) to replay. */
  readonly path: string;
  readonly seed: number;
  /** The commands of the shrunk sequence (of a parallel run: its prefix), one line each. */
  readonly steps: readonly string[];
  /**
   * The setup and the steps as a POSIX shell script of `curl` lines against
   * `$BASE` (the system's base URL unless set). Self-admin tokens and
   * secrets the system generated are captured from its answers into shell
   * variables, so the script also replays against a server with other
   * random values.
   */
  readonly curl: readonly string[];
  /** The first difference the oracle found. */
  readonly error: string;
  /** The requests with their answers. */
  readonly sent?: readonly CounterexampleStep[];
  /** For a parallel run: the requests sent concurrently, per branch, after `steps`. */
  readonly branches?: readonly (readonly CounterexampleStep[])[];
  /** For a parallel run: the read-back after the branches (part of the history checked). */
  readonly after?: readonly CounterexampleStep[];
}

/**
 * How often each status class answered one operation (`create puk`, …).
 *
 * @example
 * import type { StatusClassCounts } from 'credential-lifecycle/testing';
 * const counts: StatusClassCounts = { '2xx': 3, '4xx': 1 };
 */
export type StatusClassCounts = Readonly<Partial<Record<'2xx' | '3xx' | '4xx' | '5xx', number>>>;

/**
 * One machine transition of the coverage report, with its parts named.
 *
 * @example
 * import type { TransitionName } from 'credential-lifecycle/testing';
 * const t: TransitionName = { id: 'active:login.failed:1', from: 'active', event: 'login.failed', guard: 'failureTmpLocks', to: 'tmp-locked' };
 */
export interface TransitionName {
  readonly id: string;
  readonly from: string;
  readonly event: string;
  readonly guard: string;
  readonly to: string;
}

/**
 * The coverage of one credential kind.
 *
 * @example
 * import type { KindCoverage } from 'credential-lifecycle/testing';
 * const share = (k: KindCoverage) => k.covered / Math.max(1, k.reachable);
 */
export interface KindCoverage {
  /** How often each state was entered (by a creation or a transition); every state is listed. */
  readonly states: Readonly<Record<string, number>>;
  /** How often each transition fired, by id; every reachable one is listed (0 when never). */
  readonly transitions: Readonly<Record<string, number>>;
  /**
   * Transitions reachable under the runs' policies (the machine explored
   * under their rules) that the REST operations can drive.
   */
  readonly reachable: number;
  /** Of those, how many fired at least once. */
  readonly covered: number;
  /** The reachable transitions that never fired. */
  readonly uncovered: readonly TransitionName[];
  /**
   * Transitions the machine reaches under the runs' policies but no REST
   * operation drives (an event judged at the end of a lock that every
   * operation but a delete lifts first; an unlock of a kind without an
   * unlock operation). Not counted in `reachable`.
   */
  readonly machineOnly: readonly TransitionName[];
}

/**
 * What the runs exercised of the model: states and machine transitions per
 * kind, login status codes, error codes and operations × status classes.
 * Transitions are attributed from the oracle's side: for every request
 * whose answer conformed, the machine step the model took (see
 * `transitionsTaken`).
 *
 * @example
 * import type { ModelCoverage } from 'credential-lifecycle/testing';
 * const percent = (c: ModelCoverage) => c.transitions.percent;
 */
export interface ModelCoverage {
  readonly kinds: { readonly [K in CredentialKind]: KindCoverage };
  /** All kinds together: covered of reachable, and the percentage (100 when nothing is reachable). */
  readonly transitions: {
    readonly covered: number;
    readonly reachable: number;
    readonly percent: number;
  };
  /** Login answers by `statusCode`. */
  readonly loginStatusCodes: Readonly<Record<string, number>>;
  /** Error answers by error code. */
  readonly errorCodes: Readonly<Record<string, number>>;
  /** Answers by operation (`<action> <kind>`) and status class. */
  readonly operations: Readonly<Record<string, StatusClassCounts>>;
  /**
   * Conforming answers whose machine step could not be told (a defect of
   * the attribution, expected to stay 0), with up to five examples.
   */
  readonly unattributed: { readonly count: number; readonly examples: readonly string[] };
}

/**
 * A failure saved by an earlier run, replayed before new runs: still
 * failing, fixed, or unreadable (a file that does not decode; kept).
 *
 * @example
 * import type { ReplayedFailure } from 'credential-lifecycle/testing';
 * const line = (r: ReplayedFailure) => `${r.id}: ${r.outcome}`;
 */
export interface ReplayedFailure {
  /** The saved failure's id (its file name without `.json` in a directory). */
  readonly id: string;
  readonly outcome: 'still failing' | 'fixed' | 'unreadable';
  /** The difference found now (still failing), the one saved (fixed), or why it cannot be read. */
  readonly error: string;
  /** Whether the saved failure was deleted (fixed, and not kept). */
  readonly deleted: boolean;
}

/**
 * What a conformance run found.
 *
 * @example
 * import type { ConformanceReport } from 'credential-lifecycle/testing';
 * const green = (r: ConformanceReport) => r.failures === 0;
 */
export interface ConformanceReport {
  /** Sequences run (before shrinking). */
  readonly runs: number;
  /** Commands sent in all, shrinking included. */
  readonly commands: number;
  /** 0, or 1 when a counterexample was found (the run stops at the first); saved failures still failing are not counted here. */
  readonly failures: number;
  readonly seed: number;
  readonly counterexample?: Counterexample;
  /** What the runs exercised (absent when coverage was switched off). */
  readonly coverage?: ModelCoverage;
  /** The saved failures replayed first (with a failure store). */
  readonly replayed?: readonly ReplayedFailure[];
  /**
   * Parallel runs whose histories the linearizability search could neither
   * explain nor refute within its bound: "not proven", never a pass.
   */
  readonly notProven?: number;
  /** Whether the runs were parallel (a prefix, then concurrent branches). */
  readonly parallel?: boolean;
}

/**
 * How far a run has got, for a progress display.
 *
 * @example
 * import type { RunProgress } from 'credential-lifecycle/testing';
 * const line = (p: RunProgress) => `${p.commands} commands, ${p.transitionCoverage().percent} %`;
 */
export interface RunProgress {
  /** Commands sent so far (replays and shrinking included). */
  readonly commands: number;
  /** The transition coverage so far (computed when called). */
  readonly transitionCoverage: () => {
    readonly covered: number;
    readonly reachable: number;
    readonly percent: number;
  };
}
