/**
 * The model of a conformance run as fast-check's model-based testing sees
 * it: who calls, the names a run draws from, the model (the oracle) and the
 * real side (the system and what was sent to it).
 *
 * @packageDocumentation
 */
import type fc from 'fast-check';
import type { Permission, PolicyType } from '../../index.js';
import type { CoverageRecorder } from '../coverage/coverage.js';
import type { Oracle, UserSetup } from '../oracle.js';
import type { SutRequest, SutResponse, SystemUnderTest } from '../system.js';

/**
 * Who sends a command: an administrator with every permission, one with only
 * some, or a user acting on their own data (or trying another user's).
 *
 * @example
 * import type { Caller } from 'credential-lifecycle/testing';
 * const self: Caller = { _tag: 'self', userExtId: 'u1' };
 */
export type Caller =
  | { readonly _tag: 'admin' }
  | { readonly _tag: 'restricted'; readonly permissions: readonly Permission[] }
  | { readonly _tag: 'self'; readonly userExtId: string };

/**
 * The names a command set draws from: the client, its users (and one user
 * that does not exist) and the policy extIds of each type.
 *
 * @example
 * import type { Catalogue } from 'credential-lifecycle/testing';
 * const c: Catalogue = {
 *   clientExtId: 'c1', users: [{ userExtId: 'u1' }], ghostUserExtId: 'nobody',
 *   policies: { PwdPolicy: [], TempStrongPasswordPolicy: [], TicketPolicy: [], PUKPolicy: [] },
 * };
 */
export interface Catalogue {
  readonly clientExtId: string;
  readonly users: readonly UserSetup[];
  readonly ghostUserExtId: string;
  readonly policies: { readonly [T in PolicyType]: readonly string[] };
}

/**
 * The fast-check model of a conformance run: the oracle and what the run may use.
 *
 * @example
 * import type { ConformanceModel } from 'credential-lifecycle/testing';
 * const usesClock = (m: ConformanceModel) => m.clock;
 */
export interface ConformanceModel {
  readonly oracle: Oracle;
  /** The system's clock follows the oracle's (time commands run, dates are compared). */
  readonly clock: boolean;
  /** The system honours `X-Mock-Permissions`. */
  readonly restricted: boolean;
  /** Self-admin tokens by user. */
  readonly tokens: ReadonlyMap<string, string>;
  /** Counts what the run exercises of the model, when given. */
  readonly coverage?: CoverageRecorder;
}

/**
 * One request as sent during a run, for reports.
 *
 * @example
 * import type { SentStep } from 'credential-lifecycle/testing';
 * const line = (s: SentStep) => s.description;
 */
export interface SentStep {
  readonly description: string;
  readonly request: SutRequest;
  /**
   * Field names whose values were learnt from earlier answers: shown as
   * `<known secret>` in the description and in curl, never in clear.
   */
  readonly learnt: readonly string[];
  /** The real answer (absent for control requests and requests that failed to send). */
  readonly answer?: SutResponse;
  /** The answer the oracle expected (absent for control requests). */
  readonly expected?: SutResponse;
}

/**
 * The "real" side of a conformance run: the system and a log of what was sent.
 *
 * @example
 * import { inProcessSystem, type ConformanceReal } from 'credential-lifecycle/testing';
 * const real: ConformanceReal = { system: inProcessSystem(), sent: [] };
 */
export interface ConformanceReal {
  readonly system: SystemUnderTest;
  readonly sent: SentStep[];
}

/**
 * A conformance command, as `fc.commands` takes it.
 *
 * @example
 * import { AdvanceClockCommand, type ConformanceCommand } from 'credential-lifecycle/testing';
 * const step: ConformanceCommand = new AdvanceClockCommand(1_000);
 */
export type ConformanceCommand = fc.AsyncCommand<ConformanceModel, ConformanceReal>;
