/**
 * What a conformance run is told and what it finds: the setup it runs
 * against, its report and the counterexample of a failure. Plain types
 * without fast-check, so that `credential-lifecycle/server` (the
 * `conformance` command) can name them without the testing kit's
 * dependencies.
 *
 * @packageDocumentation
 */
import type { Instant } from '../domain/instant.js';
import type { PolicySetup, UserSetup } from './oracle.js';

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
  /** The commands of the shrunk sequence, one line each. */
  readonly steps: readonly string[];
  /** The setup and the steps as `curl` lines against the system's base URL. */
  readonly curl: readonly string[];
  /** The first difference the oracle found. */
  readonly error: string;
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
  /** 0, or 1 when a counterexample was found (the run stops at the first). */
  readonly failures: number;
  readonly seed: number;
  readonly counterexample?: Counterexample;
}
