/**
 * `runConformance`: many random command sequences against a system under
 * test, each compared step by step with the oracle; a failure comes back
 * shrunk, with its replay seed and path and as `curl` lines.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import { formatInstant, type PolicyType } from '../index.js';
import { controlPath } from '../mock/paths.js';
import {
  type Catalogue,
  type ConformanceModel,
  type ConformanceReal,
  conformanceCommands,
  curlOf,
  prepareRun,
  type RunSetup,
  type SentStep,
} from './commands.js';
import type { PolicySetup, UserSetup } from './oracle.js';
import type { ConformanceReport, ConformanceSetup } from './report.js';
import { defaultStart, type SystemUnderTest } from './system.js';

/**
 * Options of {@link runConformance}.
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
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Called after each attempt to shorten a failing sequence (fast-check's
   * shrinking, then the removal of commands the failure does not need),
   * with its number from 1. How many there will be is not known in advance.
   */
  readonly onShrink?: (step: number) => void;
  /** The longest sequence. Default 50. */
  readonly maxCommands?: number;
}

const shortOfType: { readonly [T in PolicyType]: string } = {
  PwdPolicy: 'pwd',
  TempStrongPasswordPolicy: 'tsp',
  TicketPolicy: 'ticket',
  PUKPolicy: 'puk',
};

const policyTypes = Object.keys(shortOfType) as PolicyType[];

const optionalParams = (
  record: Readonly<Record<string, fc.Arbitrary<string>>>,
): fc.Arbitrary<Record<string, string>> =>
  fc
    .record(
      Object.fromEntries(
        Object.entries(record).map(([k, v]) => [k, fc.option(v, { nil: undefined, freq: 3 })]),
      ),
    )
    .map((r) => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(r)) if (typeof v === 'string') out[k] = v;
      return out;
    });

const commonParams = {
  maxCredFailureCount: fc.constantFrom('-1', '1', '2', '3', '5', '10'),
  tmpLockingThreshold: fc.constantFrom('-1', '1', '2', '3'),
  tmpLockingDuration: fc.constantFrom('0', '0', '1000', '60000'),
  tmpLockingMode: fc.constantFrom('strict', 'threshold'),
  credentialLifetime: fc.constantFrom('60000', '86400000', '432000000'),
  hashAlgorithm: fc.constantFrom('SSHA', 'SSHA256'),
  maxResetCount: fc.constantFrom('-1', '0', '1', '2'),
  resetTarget: fc.constantFrom('initial', 'active', 'reset-code'),
};

/** Policy parameters that make short sequences interesting (locks, limits, exposure). */
const conformanceParametersArb: {
  readonly [T in PolicyType]: fc.Arbitrary<Record<string, string>>;
} = {
  PwdPolicy: optionalParams({
    ...commonParams,
    resetCodeEnabled: fc.constantFrom('true', 'false'),
    allowLoginIdInPassword: fc.constantFrom('true', 'false'),
    historyDepth: fc.constantFrom('0', '5'),
    generatedPasswordLength: fc.constantFrom('12', '20'),
  }),
  TempStrongPasswordPolicy: optionalParams({
    ...commonParams,
    ticketLen0: fc.constantFrom('0', '6', '30'),
    ticketLen1: fc.constantFrom('0', '0', '4'),
    singleUse: fc.constantFrom('true', 'false'),
  }),
  TicketPolicy: optionalParams({
    ...commonParams,
    ticketLength: fc.constantFrom('8', '30'),
    plainValueExposedToCaller: fc.constantFrom('true', 'true', 'false'),
    singleUse: fc.constantFrom('true', 'false'),
  }),
  PUKPolicy: optionalParams({
    ...commonParams,
    pukLen: fc.constantFrom('8', '30'),
    maxCredSuccessCount: fc.constantFrom('-1', '1', '2', '5'),
    plainValueExposedToCaller: fc.constantFrom('true', 'true', 'false'),
  }),
};

/**
 * The policies a conformance run generates for a system with the control
 * API: per type a default (`<type>-main`) and another one (`<type>-alt`), with
 * parameters drawn from small sets of values that make short sequences reach
 * locks, limits and exposed secrets.
 *
 * @example
 * import { conformancePoliciesArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(conformancePoliciesArb, 1)[0]?.length; // 8
 */
export const conformancePoliciesArb: fc.Arbitrary<readonly PolicySetup[]> = fc.tuple(
  ...policyTypes.flatMap((type) =>
    [true, false].map((isDefault) =>
      conformanceParametersArb[type].map(
        (parameters): PolicySetup => ({
          extId: `${shortOfType[type]}-${isDefault ? 'main' : 'alt'}`,
          type,
          isDefault,
          parameters,
        }),
      ),
    ),
  ),
);

const defaultUsers: readonly UserSetup[] = [
  { userExtId: 'u1', loginId: 'alice' },
  { userExtId: 'u2', loginId: 'bob' },
];

const catalogueOf = (
  clientExtId: string,
  users: readonly UserSetup[],
  ghost: string,
  policies: readonly { readonly extId: string; readonly type: PolicyType }[],
): Catalogue => ({
  clientExtId,
  users,
  ghostUserExtId: ghost,
  policies: {
    PwdPolicy: policies.filter((p) => p.type === 'PwdPolicy').map((p) => p.extId),
    TempStrongPasswordPolicy: policies
      .filter((p) => p.type === 'TempStrongPasswordPolicy')
      .map((p) => p.extId),
    TicketPolicy: policies.filter((p) => p.type === 'TicketPolicy').map((p) => p.extId),
    PUKPolicy: policies.filter((p) => p.type === 'PUKPolicy').map((p) => p.extId),
  },
});

const SEPARATOR = '@';

const replayPathOf = (commands: unknown): string | undefined => {
  const match = /replayPath="([^"]*)"/.exec(String(commands));
  return match?.[1];
};

const setupCurl = (baseUrl: string, setup: RunSetup, controlled: boolean): string[] => {
  if (!controlled) return [];
  const c = setup.catalogue.clientExtId;
  const lines = [curlOf(baseUrl, { method: 'POST', path: controlPath.reset })];
  if (setup.clock) {
    lines.push(
      curlOf(baseUrl, {
        method: 'PUT',
        path: controlPath.clock,
        body: { now: formatInstant(setup.start) },
      }),
    );
  }
  for (const u of setup.catalogue.users) {
    lines.push(
      curlOf(baseUrl, {
        method: 'PUT',
        path: controlPath.user(c, u.userExtId),
        ...(u.loginId === undefined ? {} : { body: { loginId: u.loginId } }),
      }),
    );
  }
  for (const p of setup.policies) {
    lines.push(
      curlOf(baseUrl, {
        method: 'PUT',
        path: controlPath.policy(c, p.extId),
        body: { type: p.type, default: p.isDefault, parameters: p.parameters },
      }),
    );
  }
  for (const u of setup.catalogue.users) {
    lines.push(curlOf(baseUrl, { method: 'POST', path: controlPath.token(c, u.userExtId) }));
  }
  return lines;
};

type Command = fc.AsyncCommand<ConformanceModel, ConformanceReal>;

/** Runs commands in a fresh setup: which ran, what was sent, the first error. */
const replay = async (
  system: SystemUnderTest,
  setup: RunSetup,
  commands: readonly Command[],
): Promise<{ ran: Command[]; sent: readonly SentStep[]; error: string | undefined }> => {
  const { model, real } = await prepareRun(system, setup);
  const ran: Command[] = [];
  for (const command of commands) {
    if (!command.check(model)) continue;
    ran.push(command);
    try {
      await command.run(model, real);
    } catch (e) {
      return { ran, sent: real.sent, error: e instanceof Error ? e.message : String(e) };
    }
  }
  return { ran, sent: real.sent, error: undefined };
};

const isIterableOfCommands = (
  u: unknown,
): u is Iterable<fc.AsyncCommand<ConformanceModel, ConformanceReal>> =>
  typeof u === 'object' && u !== null && Symbol.iterator in u;

/**
 * Runs `runs` random command sequences (of up to `maxCommands` commands)
 * against a system and compares every answer with the oracle. With the
 * control API each sequence starts from a reset system with two users and
 * generated policies; `clock: true` also freezes and moves the system's
 * clock. A failure is shrunk and reported with the seed and path that
 * replay it (pass both back), its steps and `curl` lines.
 *
 * @example
 * import { inProcessSystem, runConformance } from 'credential-lifecycle/testing';
 * const report = await runConformance({ system: inProcessSystem(), runs: 50, clock: true, maxCommands: 20 });
 * report.failures; // 0
 */
export const runConformance = async (options: ConformanceOptions): Promise<ConformanceReport> => {
  const { system, runs } = options;
  const controlled = system.control !== undefined;
  const setup = options.setup;
  if (!controlled && setup === undefined) {
    throw new Error('a system without the control API needs a setup naming its users and policies');
  }
  const clock = options.clock && controlled;
  const clientExtId = setup?.clientExtId ?? 'conformance';
  const users = setup?.users ?? defaultUsers;
  const ghost = setup?.ghostUserExtId ?? 'no-such-user';
  const start = setup?.start ?? defaultStart;
  const tokens = Object.fromEntries(
    users.flatMap((u) =>
      'token' in u && typeof u.token === 'string' ? [[u.userExtId, u.token]] : [],
    ),
  );
  const fixedPolicies = setup?.policies ?? (controlled ? undefined : []);
  const policiesArb =
    fixedPolicies === undefined ? conformancePoliciesArb : fc.constant(fixedPolicies);
  const catalogue = catalogueOf(
    clientExtId,
    users.map((u) =>
      u.loginId === undefined
        ? { userExtId: u.userExtId }
        : { userExtId: u.userExtId, loginId: u.loginId },
    ),
    ghost,
    fixedPolicies ??
      policyTypes.flatMap((type) => [
        { extId: `${shortOfType[type]}-main`, type },
        { extId: `${shortOfType[type]}-alt`, type },
      ]),
  );
  const [fcPath, replayPath] =
    options.path === undefined ? [undefined, undefined] : options.path.split(SEPARATOR, 2);
  const commandsArb = fc.commands(conformanceCommands(catalogue), {
    maxCommands: options.maxCommands ?? 50,
    size: 'max',
    ...(replayPath === undefined || replayPath === '' ? {} : { replayPath }),
  });
  const runSetup = (policies: readonly PolicySetup[]): RunSetup => ({
    catalogue,
    policies,
    start,
    clock,
    tokens,
  });
  // fast-check calls the property for the generated runs until the first
  // failure, then only to shrink it: every call after a failure is a shrink step.
  let generated = 0;
  let shrinkSteps = 0;
  let failed = false;
  const shrinkStep = (): void => {
    shrinkSteps += 1;
    options.onShrink?.(shrinkSteps);
  };
  let commands = 0;
  const property = fc.asyncProperty(policiesArb, commandsArb, async (policies, cmds) => {
    const shrinking = failed;
    let prepared: { real: ConformanceReal } | undefined;
    try {
      const run = await prepareRun(system, runSetup(policies));
      prepared = run;
      await fc.asyncModelRun(() => run, cmds);
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      commands += prepared?.real.sent.length ?? 0;
      if (shrinking) shrinkStep();
      else {
        generated += 1;
        options.onProgress?.(generated, runs);
      }
    }
  });
  const details = await fc.check(property, {
    numRuns: runs,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(fcPath === undefined || fcPath === '' ? {} : { path: fcPath }),
  });
  const base = { runs: details.numRuns, commands, seed: details.seed };
  if (!details.failed || details.counterexample === null) return { ...base, failures: 0 };
  const [policies, cmds] = details.counterexample;
  const counterexamplePath = `${details.counterexamplePath ?? ''}${SEPARATOR}${replayPathOf(cmds) ?? ''}`;
  // Replay the shrunk sequence, then drop every command the failure does not
  // need (fast-check's shrinker keeps many of them), recording what is sent.
  const setupOfRun = runSetup(policies);
  const fresh = fc.hasCloneMethod(cmds) ? cmds[fc.cloneMethod]() : cmds;
  const initial = isIterableOfCommands(fresh) ? [...fresh] : [];
  const first = await replay(system, setupOfRun, initial);
  let failing = first;
  let changed = failing.error !== undefined;
  while (changed) {
    changed = false;
    for (let i = failing.ran.length - 1; i >= 0; i--) {
      const candidate = await replay(
        system,
        setupOfRun,
        failing.ran.filter((_, j) => j !== i),
      );
      shrinkStep();
      if (candidate.error !== undefined) {
        failing = candidate;
        changed = true;
      }
    }
  }
  const error =
    failing.error ??
    (details.errorInstance instanceof Error
      ? details.errorInstance.message
      : String(details.errorInstance));
  const prepared = failing;
  const sent: readonly SentStep[] = prepared.sent;
  const baseUrl = system.baseUrl ?? 'http://localhost:8080';
  return {
    ...base,
    failures: 1,
    counterexample: {
      path: counterexamplePath,
      seed: details.seed,
      steps: sent.map((s) => s.description),
      curl: [
        ...setupCurl(baseUrl, setupOfRun, controlled),
        ...sent.map((s) => curlOf(baseUrl, s.request, s.learnt)),
      ],
      error,
    },
  };
};
