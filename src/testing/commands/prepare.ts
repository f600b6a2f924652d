/**
 * Preparing one run: the system reset and set up through its control API
 * (or its users' credentials deleted), a fresh oracle with the same setup.
 *
 * @packageDocumentation
 */
import {
  type CredentialKind,
  credentialKinds,
  credentialPath,
  type Instant,
  type LifecycleRules,
  lifecycleRulesOf,
  policyTypeOfKind,
} from '../../index.js';
import type { CoverageRecorder } from '../coverage/coverage.js';
import { Oracle, type PolicySetup } from '../oracle.js';
import type { SystemUnderTest } from '../system.js';
import type { Catalogue, ConformanceModel, ConformanceReal } from './model.js';

/**
 * Everything a conformance run starts from: the names, the policies (as
 * string maps) and the clock.
 *
 * @example
 * import type { RunSetup } from 'credential-lifecycle/testing';
 * const clockOf = (s: RunSetup) => s.start;
 */
export interface RunSetup {
  readonly catalogue: Catalogue;
  readonly policies: readonly PolicySetup[];
  /** Where both clocks start when the clock is controlled. */
  readonly start: Instant;
  /** Move the system's clock with the oracle's. */
  readonly clock: boolean;
  /** Self-admin tokens given by the caller (systems without the control API). */
  readonly tokens?: Readonly<Record<string, string>>;
}

/**
 * Options of {@link prepareRun}.
 *
 * @example
 * import { CoverageRecorder, type PrepareOptions } from 'credential-lifecycle/testing';
 * const options: PrepareOptions = { coverage: new CoverageRecorder() };
 */
export interface PrepareOptions {
  /** Counts what the run exercises; the run's policies are noted at once. */
  readonly coverage?: CoverageRecorder;
}

/**
 * Prepares one run: with the control API, resets the system, sets its clock,
 * puts the users and policies and asks for self-admin tokens; without it,
 * deletes every credential of the users. Returns the fast-check model (with
 * a fresh oracle) and the real side.
 *
 * @example
 * import { inProcessSystem, prepareRun } from 'credential-lifecycle/testing';
 * const { model } = await prepareRun(inProcessSystem(), {
 *   catalogue: {
 *     clientExtId: 'c1', users: [{ userExtId: 'u1' }], ghostUserExtId: 'nobody',
 *     policies: { PwdPolicy: [], TempStrongPasswordPolicy: [], TicketPolicy: [], PUKPolicy: [] },
 *   },
 *   policies: [],
 *   start: Date.UTC(2026, 0, 1),
 *   clock: true,
 * });
 * model.oracle.now; // Date.UTC(2026, 0, 1)
 */
export const prepareRun = async (
  system: SystemUnderTest,
  setup: RunSetup,
  options: PrepareOptions = {},
): Promise<{ model: ConformanceModel; real: ConformanceReal }> => {
  const { catalogue } = setup;
  const control = system.control;
  const clock = setup.clock && control !== undefined;
  const oracle = new Oracle({
    clientExtId: catalogue.clientExtId,
    users: catalogue.users,
    policies: setup.policies,
    start: setup.start,
  });
  const tokens = new Map<string, string>(Object.entries(setup.tokens ?? {}));
  if (control !== undefined) {
    await control.reset();
    if (clock) await control.setClock(setup.start);
    for (const user of catalogue.users) {
      await control.putUser(catalogue.clientExtId, user.userExtId, user.loginId);
    }
    for (const p of setup.policies) {
      await control.putPolicy(catalogue.clientExtId, p.extId, p.type, p.isDefault, {
        ...p.parameters,
      });
    }
    for (const user of catalogue.users) {
      tokens.set(
        user.userExtId,
        await control.selfAdminToken(catalogue.clientExtId, user.userExtId),
      );
    }
  } else {
    for (const user of catalogue.users) {
      for (const kind of credentialKinds) {
        await system.send({
          method: 'DELETE',
          path: credentialPath(catalogue.clientExtId, user.userExtId, kind),
        });
      }
    }
  }
  for (const [user, token] of tokens) oracle.registerToken(token, user);
  const coverage = options.coverage;
  coverage?.beginRun(rulesOfRun(oracle, catalogue));
  return {
    model: {
      oracle,
      clock,
      restricted: control !== undefined,
      tokens,
      ...(coverage === undefined ? {} : { coverage }),
    },
    real: { system, sent: [] },
  };
};

/** The rules a credential of each kind can have in a run: those of its type's default and catalogue policies. */
const rulesOfRun = (oracle: Oracle, catalogue: Catalogue) => {
  const book = oracle.store.policies(oracle.clientExtId);
  const rules: Partial<Record<CredentialKind, LifecycleRules[]>> = {};
  for (const kind of credentialKinds) {
    const type = policyTypeOfKind[kind];
    const names = new Set([book.defaults[type], ...catalogue.policies[type]]);
    rules[kind] = [...names].flatMap((name) => {
      const policy = book.policies.get(name);
      return policy === undefined || policy.type !== type ? [] : [lifecycleRulesOf(policy)];
    });
  }
  return rules;
};
