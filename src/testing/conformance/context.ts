/**
 * What every kind of run shares: the names and policies it draws from, how
 * one run is prepared, the counting of commands and coverage, and how a
 * failure becomes a counterexample (with its replay script) and a saved
 * failure.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import { type Instant, IsoInstant, isPlainObject, type PolicyType } from '../../index.js';
import type {
  Catalogue,
  ConformanceCommand,
  ConformanceModel,
  ConformanceReal,
  SentStep,
} from '../commands/model.js';
import { prepareRun, type RunSetup } from '../commands/prepare.js';
import { isHashValue } from '../compare.js';
import { CoverageRecorder } from '../coverage/coverage.js';
import type { SavedFailure } from '../failures/codec.js';
import { failureId, savedCommandOf } from '../failures/format.js';
import type { PolicySetup, UserSetup } from '../oracle.js';
import type { Counterexample, CounterexampleStep, RunProgress } from '../report.js';
import {
  defaultStart,
  type SutRequest,
  type SutResponse,
  type SystemUnderTest,
} from '../system.js';
import type { ConformanceOptions } from './options.js';
import { conformancePoliciesArb, policyTypes, shortOfType } from './policies.js';
import { replayScript, type ScriptStep } from './script.js';

const defaultUsers: readonly UserSetup[] = [
  { userExtId: 'u1', loginId: 'alice' },
  { userExtId: 'u2', loginId: 'bob' },
];

/** The catalogue of names over the given policies. */
export const catalogueOf = (
  clientExtId: string,
  users: readonly UserSetup[],
  ghost: string,
  policies: readonly { readonly extId: string; readonly type: PolicyType }[],
): Catalogue => {
  const named = (type: PolicyType) => policies.filter((p) => p.type === type).map((p) => p.extId);
  return {
    clientExtId,
    users,
    ghostUserExtId: ghost,
    policies: {
      PwdPolicy: named('PwdPolicy'),
      TempStrongPasswordPolicy: named('TempStrongPasswordPolicy'),
      TicketPolicy: named('TicketPolicy'),
      PUKPolicy: named('PUKPolicy'),
    },
  };
};

/** A run's options resolved: names, policies, clock, counters and coverage. */
export class RunContext {
  readonly system: SystemUnderTest;
  readonly controlled: boolean;
  readonly clock: boolean;
  readonly catalogue: Catalogue;
  readonly start: Instant;
  readonly tokens: Readonly<Record<string, string>>;
  readonly policiesArb: fc.Arbitrary<readonly PolicySetup[]>;
  readonly coverage: CoverageRecorder | undefined;
  commands = 0;

  constructor(readonly options: ConformanceOptions) {
    const { system, setup } = options;
    this.system = system;
    this.controlled = system.control !== undefined;
    if (!this.controlled && setup === undefined) {
      throw new Error(
        'a system without the control API needs a setup naming its users and policies',
      );
    }
    this.clock = options.clock && this.controlled;
    const users: readonly (UserSetup & { readonly token?: string })[] =
      setup?.users ?? defaultUsers;
    this.start = setup?.start ?? defaultStart;
    this.tokens = Object.fromEntries(
      users.flatMap((u) => (typeof u.token === 'string' ? [[u.userExtId, u.token]] : [])),
    );
    const fixed = setup?.policies ?? (this.controlled ? undefined : []);
    this.policiesArb = fixed === undefined ? conformancePoliciesArb : fc.constant(fixed);
    this.catalogue = catalogueOf(
      setup?.clientExtId ?? 'conformance',
      users.map((u) =>
        u.loginId === undefined
          ? { userExtId: u.userExtId }
          : { userExtId: u.userExtId, loginId: u.loginId },
      ),
      setup?.ghostUserExtId ?? 'no-such-user',
      fixed ??
        policyTypes.flatMap((type) => [
          { extId: `${shortOfType[type]}-main`, type },
          { extId: `${shortOfType[type]}-alt`, type },
        ]),
    );
    const coverage = options.coverage ?? true;
    this.coverage =
      coverage === false ? undefined : coverage === true ? new CoverageRecorder() : coverage;
  }

  /** The setup of one run under the given policies. */
  runSetup(policies: readonly PolicySetup[], catalogue: Catalogue = this.catalogue): RunSetup {
    return { catalogue, policies, start: this.start, clock: this.clock, tokens: this.tokens };
  }

  /** Prepares a run; coverage is counted unless `counted` is false (replays while shrinking). */
  prepare(
    setup: RunSetup,
    counted = true,
  ): Promise<{ model: ConformanceModel; real: ConformanceReal }> {
    return prepareRun(
      this.system,
      setup,
      counted && this.coverage !== undefined ? { coverage: this.coverage } : {},
    );
  }

  progress(): RunProgress {
    const coverage = this.coverage;
    return {
      commands: this.commands,
      transitionCoverage: () =>
        coverage === undefined
          ? { covered: 0, reachable: 0, percent: 0 }
          : coverage.result().transitions,
    };
  }

  get baseUrl(): string {
    return this.system.baseUrl ?? 'http://localhost:8080';
  }

  /** A counterexample of the given steps (and branches), with its replay script. */
  counterexample(found: {
    readonly setup: RunSetup;
    readonly tokens: ReadonlyMap<string, string>;
    readonly steps: readonly SentStep[];
    readonly branches?: readonly (readonly SentStep[])[];
    readonly after?: readonly SentStep[];
    readonly error: string;
    readonly seed: number;
    readonly path: string;
  }): Counterexample {
    const { setup } = found;
    const script = replayScript({
      baseUrl: this.baseUrl,
      clientExtId: setup.catalogue.clientExtId,
      users: setup.catalogue.users,
      control: this.controlled
        ? { policies: setup.policies, clock: setup.clock ? setup.start : undefined }
        : undefined,
      tokens: found.tokens,
      steps: found.steps.map(scriptStep),
      ...(found.branches === undefined
        ? {}
        : { branches: found.branches.map((b) => b.map(scriptStep)) }),
      ...(found.after === undefined ? {} : { after: found.after.map(scriptStep) }),
    });
    const steps = [...found.steps, ...(found.after ?? [])];
    return {
      path: found.path,
      seed: found.seed,
      steps: steps.map((s) => s.description),
      curl: script,
      error: found.error,
      sent: steps.map(reportStep),
      ...(found.branches === undefined
        ? {}
        : { branches: found.branches.map((b) => b.map(reportStep)) }),
    };
  }

  /** The saved form of a counterexample and its commands. */
  saved(
    mode: 'sequential' | 'parallel',
    setup: RunSetup,
    commands: readonly ConformanceCommand[],
    branches: readonly (readonly ConformanceCommand[])[] | undefined,
    counterexample: Counterexample,
  ): { readonly id: string; readonly failure: SavedFailure } {
    const data = (cs: readonly ConformanceCommand[]) =>
      cs.flatMap((c) => {
        const saved = savedCommandOf(c);
        return saved === undefined ? [] : [saved];
      });
    const savedSetup = {
      clientExtId: setup.catalogue.clientExtId,
      users: setup.catalogue.users.map((u) => ({ ...u })),
      ghostUserExtId: setup.catalogue.ghostUserExtId,
      policies: setup.policies.map((p) => ({ ...p, parameters: { ...p.parameters } })),
      start: IsoInstant.encode(setup.start),
      clock: setup.clock,
    };
    const body = {
      mode,
      setup: savedSetup,
      commands: data(commands),
      ...(branches === undefined ? {} : { branches: branches.map(data) }),
    };
    const failure: SavedFailure = {
      formatVersion: 1,
      seed: counterexample.seed,
      path: counterexample.path,
      error: counterexample.error,
      ...body,
      steps: JSON.parse(JSON.stringify(counterexample.sent ?? [])),
      script: [...counterexample.curl],
    };
    return { id: failureId(body), failure };
  }
}

const scriptStep = (s: SentStep): ScriptStep => ({
  description: s.description,
  request: s.request,
  learnt: s.learnt,
  ...(s.answer === undefined ? {} : { answer: s.answer }),
});

const valueFields = ['password', 'tempStrongPassword', 'ticket', 'puk', 'passwordFragment'];

/** An answer with every plaintext secret it shows replaced by `<secret>`. */
const redactedAnswer = (answer: SutResponse): SutResponse => {
  const body = answer.body;
  if (!isPlainObject(body)) return answer;
  const shown = valueFields.filter((f) => typeof body[f] === 'string' && !isHashValue(body[f]));
  return shown.length === 0
    ? answer
    : { ...answer, body: { ...body, ...Object.fromEntries(shown.map((f) => [f, '<secret>'])) } };
};

/** A step for reports and saved failures: no token, learnt secret or revealed plaintext in clear. */
const reportStep = (s: SentStep): CounterexampleStep => {
  const { headers, body } = s.request;
  const request: SutRequest = {
    method: s.request.method,
    path: s.request.path,
    ...(body === undefined
      ? {}
      : {
          body: isPlainObject(body)
            ? {
                ...body,
                ...Object.fromEntries(s.learnt.map((f) => [f, '<known secret>'])),
              }
            : body,
        }),
    ...(headers === undefined
      ? {}
      : {
          headers: Object.fromEntries(
            Object.entries(headers).map(([k, v]) => [
              k,
              k.toLowerCase() === 'x-token' ? '<self-admin token>' : v,
            ]),
          ),
        }),
  };
  return {
    description: s.description,
    request,
    ...(s.answer === undefined ? {} : { actual: redactedAnswer(s.answer) }),
    ...(s.expected === undefined ? {} : { expected: redactedAnswer(s.expected) }),
  };
};
