/**
 * `explain`: what happens to one credential, step by step, under a policy.
 * Each step becomes the lifecycle event the REST operation would send, every
 * change goes through the lifecycle machine, and every answer is the one the
 * operations give (their login descriptions and refusal codes).
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import type { CredentialKind } from '../domain/credential-type.js';
import type { ApiError } from '../domain/errors.js';
import type { LoginStatusCode } from '../domain/responses.js';
import type { StateChangeReason, StateName } from '../domain/state.js';
import {
  applyEvent,
  canLogin,
  createLifecycle,
  type Lifecycle,
  type LifecycleEvent,
  type LifecycleState,
  tmpLockEnded,
} from '../lifecycle/index.js';
import { operations } from '../operations/dispatch.js';
import type { PolicyOfKind } from '../operations/policy-book.js';
import { loginRefusalError, refusalError } from '../operations/refusal.js';
import { loginDescription } from '../operations/workflow.js';
import { lifecycleRulesOf } from '../policy/lifecycle-rules.js';
import { parseScript, type ScriptError, type Step, stepText } from './script.js';

/**
 * A refused step as the REST API answers it: the HTTP status and the error
 * code of the answer's first error entry.
 *
 * @example
 * import type { ExplainRefusal } from 'credential-lifecycle';
 * const locked: ExplainRefusal = { status: 401, code: 'errors.credentialLocked' };
 */
export interface ExplainRefusal {
  readonly status: number;
  readonly code: string;
}

/**
 * One row of an explanation: the step, when it happened (ms from the start),
 * the answer (login status and description, or the refusal; neither for an
 * accepted step that is no login) and the credential after it. `lockedUntil`
 * is ms from the start as well.
 *
 * @example
 * import type { ExplainRow } from 'credential-lifecycle';
 * const row: ExplainRow = {
 *   step: 'fail', at: 0, statusCode: 3,
 *   description: 'login failed; the next failure locks the credential',
 *   state: 'initial', failedLoginCount: 1, successfulLoginCount: 0, resetCount: 0,
 *   lockedUntil: null, version: 1, reason: 'initialized',
 * };
 */
export interface ExplainRow {
  readonly step: string;
  readonly at: number;
  readonly statusCode?: LoginStatusCode;
  readonly description?: string;
  readonly refusal?: ExplainRefusal;
  readonly state: LifecycleState;
  readonly failedLoginCount: number;
  readonly successfulLoginCount: number;
  readonly resetCount: number;
  readonly lockedUntil: number | null;
  readonly version: number;
  readonly reason: StateChangeReason;
}

/**
 * Where an explanation stands: the kind, its policy, the credential's
 * lifecycle and the time offset (ms from the start). Plain data.
 *
 * @example
 * import { defaultPolicy, startExplaining } from 'credential-lifecycle';
 * const state = startExplaining('password', defaultPolicy('PwdPolicy'));
 * state.lifecycle.state; // 'initial'
 */
export interface ExplainState<K extends CredentialKind = CredentialKind> {
  readonly kind: K;
  readonly policy: PolicyOfKind<K>;
  readonly lifecycle: Lifecycle;
  readonly at: number;
}

/**
 * A whole explanation: the kind, the policy and one row per step (the shape
 * of `credential-lifecycle explain --json`).
 *
 * @example
 * import type { Explanation } from 'credential-lifecycle';
 * const states = (e: Explanation) => e.steps.map((row) => row.state);
 */
export interface Explanation<K extends CredentialKind = CredentialKind> {
  readonly kind: K;
  readonly policy: PolicyOfKind<K>;
  readonly steps: readonly ExplainRow[];
}

/**
 * The start of an explanation: the credential as the kind's create makes it
 * under the policy (the kind's default state, counters 0, version 0) at
 * offset 0.
 *
 * @example
 * import { defaultPolicy, startExplaining } from 'credential-lifecycle';
 * startExplaining('ticket', defaultPolicy('TicketPolicy')).lifecycle.state; // 'active'
 */
export const startExplaining = <K extends CredentialKind>(
  kind: K,
  policy: PolicyOfKind<K>,
): ExplainState<K> => {
  const created = createLifecycle({ kind, rules: lifecycleRulesOf(policy), at: 0 });
  // Unreachable: creation in the kind's default state is never refused.
  if (E.isLeft(created)) throw new Error(`creation refused: ${created.left._tag}`);
  return { kind, policy, lifecycle: created.right, at: 0 };
};

const adminSets = (at: number, stateName: StateName): LifecycleEvent => ({
  type: 'admin.update',
  at,
  stateName,
});

/**
 * The lifecycle event a step sends, as the REST operation behind it does.
 * `unlock` is the unlock operation where the kind has one (Password) and the
 * administrator's PATCH to `active` otherwise.
 */
const eventOf = (kind: CredentialKind, step: Exclude<Step, { name: 'wait' }>, at: number) => {
  switch (step.name) {
    case 'login':
      return { type: 'login.succeeded', at } as const;
    case 'fail':
      return { type: 'login.failed', at } as const;
    case 'reset':
      return { type: 'admin.reset', at } as const;
    case 'unlock':
      return operations[kind].unlock === undefined
        ? adminSets(at, 'active')
        : ({ type: 'admin.unlock', at } as const);
    case 'change':
      return { type: 'user.changedPassword', at } as const;
    case 'disable':
      return adminSets(at, 'disabled');
    case 'enable':
      return adminSets(at, 'active');
    case 'archive':
      return adminSets(at, 'archived');
    case 'admin-changed':
      return adminSets(at, 'admin-changed');
    case 'strong-login':
      return { type: 'credential.strongLogin', at } as const;
    case 'delete':
      return { type: 'credential.deleted', at } as const;
  }
};

const refusalOf = (error: ApiError): ExplainRefusal => ({
  status: error.status,
  code: error.errors[0].code,
});

type Answer = Pick<ExplainRow, 'statusCode' | 'description' | 'refusal'>;

const rowOf = (step: Step, at: number, lifecycle: Lifecycle, answer: Answer): ExplainRow => {
  const { context } = lifecycle;
  return {
    step: stepText(step),
    at,
    ...answer,
    state: lifecycle.state,
    failedLoginCount: context.failedLoginCount,
    successfulLoginCount: context.successfulLoginCount,
    resetCount: context.resetCount,
    lockedUntil: context.lockedUntil,
    version: context.version,
    reason: context.stateChangeReason,
  };
};

/** The answer and the next lifecycle of a step that is not `wait`. */
const judge = (
  lifecycle: Lifecycle,
  event: LifecycleEvent,
): { readonly lifecycle: Lifecycle; readonly answer: Answer } => {
  const isLogin = event.type === 'login.succeeded' || event.type === 'login.failed';
  if (isLogin) {
    // The login operation asks first whether the attempt is judged at all.
    const judged = canLogin(lifecycle, event.at);
    if (E.isLeft(judged)) {
      return { lifecycle, answer: { refusal: refusalOf(loginRefusalError(judged.left)) } };
    }
  }
  const outcome = applyEvent(lifecycle, event);
  if (E.isLeft(outcome)) {
    return { lifecycle, answer: { refusal: refusalOf(refusalError(outcome.left)) } };
  }
  const status = outcome.right.loginStatus;
  return {
    lifecycle: outcome.right.lifecycle,
    answer:
      status === undefined
        ? {}
        : { statusCode: status, description: loginDescription(status, outcome.right) },
  };
};

/**
 * Applies one step: `wait` moves the time on (and ends a temporary lock that
 * is due, as any read of the credential then would); every other step sends
 * its lifecycle event at the current offset. Returns the next state and the
 * step's row. Pure: the input state is not changed.
 *
 * @example
 * import { defaultPolicy, explainStep, startExplaining } from 'credential-lifecycle';
 * const start = startExplaining('password', defaultPolicy('PwdPolicy'));
 * explainStep(start, { name: 'fail' }).row.statusCode; // 3 (the next failure locks)
 */
export const explainStep = <K extends CredentialKind>(
  state: ExplainState<K>,
  step: Step,
): { readonly state: ExplainState<K>; readonly row: ExplainRow } => {
  if (step.name === 'wait') {
    const at = state.at + step.ms;
    let lifecycle = state.lifecycle;
    if (tmpLockEnded(lifecycle, at)) {
      const ended = applyEvent(lifecycle, { type: 'time.passes', at });
      if (E.isRight(ended)) lifecycle = ended.right.lifecycle;
    }
    return { state: { ...state, at, lifecycle }, row: rowOf(step, at, lifecycle, {}) };
  }
  const { lifecycle, answer } = judge(state.lifecycle, eventOf(state.kind, step, state.at));
  return { state: { ...state, lifecycle }, row: rowOf(step, state.at, lifecycle, answer) };
};

/**
 * Explains a list of steps from the start (see {@link startExplaining} and
 * {@link explainStep}).
 *
 * @example
 * import { defaultPolicy, explainSteps } from 'credential-lifecycle';
 * explainSteps('puk', defaultPolicy('PUKPolicy'), [{ name: 'login' }]).steps[0]?.statusCode; // 5
 */
export const explainSteps = <K extends CredentialKind>(
  kind: K,
  policy: PolicyOfKind<K>,
  steps: readonly Step[],
): Explanation<K> => {
  let state = startExplaining(kind, policy);
  const rows: ExplainRow[] = [];
  for (const step of steps) {
    const next = explainStep(state, step);
    state = next.state;
    rows.push(next.row);
  }
  return { kind, policy, steps: rows };
};

/**
 * What happens, step by step, to a credential of `kind` under `policy` when
 * the script runs (see `parseScript` for the language). The credential starts
 * as the kind's create makes it at offset 0; time comes only from the
 * script's `wait` steps. A script that cannot be read is a `Left` naming the
 * token and its position.
 *
 * @example
 * import { defaultPolicy, explain } from 'credential-lifecycle';
 * explain('password', defaultPolicy('PwdPolicy'), 'fail fail wait 60s fail');
 * // right({ kind: 'password', policy: {…}, steps: [
 * //   { step: 'fail', at: 0, statusCode: 3, state: 'initial', failedLoginCount: 1, version: 1, … },
 * //   { step: 'fail', at: 0, statusCode: 9, state: 'tmp-locked', lockedUntil: 60000, version: 2, … },
 * //   { step: 'wait 1m', at: 60000, state: 'initial', reason: 'activated', version: 3, … },
 * //   { step: 'fail', at: 60000, statusCode: 4, state: 'fail-locked', failedLoginCount: 3, version: 4, … },
 * // ] })
 */
export const explain = <K extends CredentialKind>(
  kind: K,
  policy: PolicyOfKind<K>,
  script: string,
): E.Either<ScriptError, Explanation<K>> =>
  E.map((steps: readonly Step[]) => explainSteps(kind, policy, steps))(parseScript(script));
