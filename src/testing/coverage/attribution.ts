/**
 * Which machine transitions one request made the model take. The oracle's
 * store holds the user before and after the request; the operation's event
 * follows from the route, the request body and the answer, and the machine
 * itself says which transition that event takes (`firedTransitions`). Each
 * attribution is checked against the state the model actually ended in.
 *
 * @packageDocumentation
 */
import { either as E, option as O } from 'fp-ts';
import {
  applyEvent,
  type CredentialKind,
  firedTransitions,
  type Instant,
  isPlainObject,
  type Lifecycle,
  type LifecycleEvent,
  type LifecycleState,
  type LifecycleTransition,
  parseInstant,
  type RouteMatch,
  type StateName,
  type StoredCredential,
  tmpLockEnded,
  type UserRecord,
  type Validity,
} from '../../index.js';

/**
 * One request as the oracle handled it: the user the request is about,
 * before and after, in the oracle's store, the answer the oracle gave
 * (`expected`, from which the model's step is told) and the real one
 * (`actual`, whose codes are counted).
 *
 * @example
 * import type { OracleStep } from 'credential-lifecycle/testing';
 * const changed = (s: OracleStep) => s.before !== s.after;
 */
export interface OracleStep {
  readonly route: RouteMatch;
  /** The request body as sent. */
  readonly body: unknown;
  readonly at: Instant;
  readonly before: UserRecord | undefined;
  readonly after: UserRecord | undefined;
  readonly expected: { readonly status: number; readonly body: unknown };
  readonly actual: { readonly status: number; readonly body: unknown };
}

/**
 * The model's steps for one request: transitions fired and states visited,
 * per kind; `unexplained` when the attribution disagrees with the state the
 * model ended in.
 *
 * @example
 * import type { Attribution } from 'credential-lifecycle/testing';
 * const ids = (a: Attribution) => a.fired.map((f) => f.transition.id);
 */
export interface Attribution {
  readonly fired: readonly {
    readonly kind: CredentialKind;
    readonly transition: LifecycleTransition;
  }[];
  /** The state each step left a credential in (a creation's state, each transition's target). */
  readonly visited: readonly { readonly kind: CredentialKind; readonly state: LifecycleState }[];
  readonly unexplained?: string;
}

const validityOf = (body: Readonly<Record<string, unknown>>): Validity | undefined => {
  const v = body.validity;
  if (!isPlainObject(v) || typeof v.from !== 'string' || typeof v.to !== 'string') return undefined;
  const from = parseInstant(v.from);
  const to = parseInstant(v.to);
  return O.isSome(from) && O.isSome(to) ? { from: from.value, to: to.value } : undefined;
};

/** The event the operation sent to the machine, after any settling. */
const mainEvent = (
  step: OracleStep,
  before: StoredCredential,
  after: StoredCredential | undefined,
): LifecycleEvent | undefined => {
  const at = step.at;
  const body = isPlainObject(step.body) ? step.body : {};
  switch (step.route.action) {
    case 'login': {
      const answer = step.expected.body;
      const code = isPlainObject(answer) ? answer.statusCode : undefined;
      return { type: code === 5 ? 'login.succeeded' : 'login.failed', at };
    }
    case 'patch': {
      const validity = validityOf(body);
      const detailsChanged =
        after !== undefined &&
        (after.identification !== before.identification || after.context !== before.context);
      return {
        type: 'admin.update',
        at,
        ...(typeof body.stateName === 'string' ? { stateName: body.stateName as StateName } : {}),
        ...(typeof body.modificationComment === 'string'
          ? { modificationComment: body.modificationComment }
          : {}),
        ...(validity === undefined ? {} : { validity }),
        ...(detailsChanged ? { detailsChanged: true } : {}),
      };
    }
    case 'reset':
      return after?.lifecycle.context.stateChangeReason === 'changed-by-user'
        ? { type: 'user.changedPassword', at }
        : { type: 'admin.reset', at };
    case 'unlock':
      return { type: 'admin.unlock', at };
    case 'delete':
      return { type: 'credential.deleted', at };
    default:
      return undefined;
  }
};

/** The state the fired transitions end in. */
const endState = (start: LifecycleState, fired: readonly LifecycleTransition[]): LifecycleState =>
  (fired.at(-1)?.target as LifecycleState | undefined) ?? start;

/**
 * The steps of the route's own credential: a temporary lock that ended is
 * lifted first (every operation but create and delete settles), then the
 * operation's event.
 */
const ownSteps = (
  step: OracleStep,
  before: StoredCredential,
  after: StoredCredential | undefined,
): LifecycleTransition[] => {
  const fired: LifecycleTransition[] = [];
  let lifecycle: Lifecycle = before.lifecycle;
  if (step.route.action !== 'delete' && tmpLockEnded(lifecycle, step.at)) {
    const expiry: LifecycleEvent = { type: 'time.passes', at: step.at };
    fired.push(...firedTransitions(lifecycle, expiry));
    const settled = applyEvent(lifecycle, expiry);
    if (E.isRight(settled)) lifecycle = settled.right.lifecycle;
  }
  const event = mainEvent(step, before, after);
  if (event !== undefined) fired.push(...firedTransitions(lifecycle, event));
  return fired;
};

const strongLoginKinds: readonly CredentialKind[] = ['tempStrongPassword', 'ticket'];

/**
 * The model's steps for one request. A refused request (status outside
 * 2xx) leaves the model's store unchanged and takes none; a creation visits
 * its first state; a successful password login also consumes the user's TSP and
 * ticket (`credential.strongLogin`).
 *
 * @example
 * import { attributeStep } from 'credential-lifecycle/testing';
 * attributeStep({
 *   route: { clientExtId: 'c1', userExtId: 'u1', kind: 'puk', action: 'get' },
 *   body: undefined, at: 0, before: undefined, after: undefined,
 *   expected: { status: 404, body: undefined }, actual: { status: 404, body: undefined },
 * }); // { fired: [], visited: [] }
 */
export const attributeStep = (step: OracleStep): Attribution => {
  const { status, body } = step.expected;
  if (status < 200 || status > 299) return { fired: [], visited: [] };
  const { kind, action } = step.route;
  const before = step.before?.credentials[kind];
  const after = step.after?.credentials[kind];
  if (action === 'create') {
    return after === undefined
      ? { fired: [], visited: [], unexplained: `create ${kind}: no credential after a 2xx` }
      : { fired: [], visited: [{ kind, state: after.lifecycle.state }] };
  }
  if (before === undefined) return { fired: [], visited: [] };
  const own = ownSteps(step, before, after);
  const fired = own.map((transition) => ({ kind, transition }));
  const reached = endState(before.lifecycle.state, own);
  const actual: LifecycleState = after === undefined ? 'deleted' : after.lifecycle.state;
  const problems =
    reached === actual ? [] : [`${action} ${kind}: attributed ${reached}, the model is ${actual}`];
  const code = isPlainObject(body) ? body.statusCode : undefined;
  if (action === 'login' && kind === 'password' && code === 5) {
    for (const other of strongLoginKinds) {
      const consumed = step.before?.credentials[other];
      if (consumed === undefined) continue;
      const gone = firedTransitions(consumed.lifecycle, {
        type: 'credential.strongLogin',
        at: step.at,
      });
      fired.push(...gone.map((transition) => ({ kind: other, transition })));
      if (step.after?.credentials[other] !== undefined) {
        problems.push(`login password: the ${other} was not consumed`);
      }
    }
  }
  const visited = fired.map((f) => ({
    kind: f.kind,
    state: f.transition.target as LifecycleState,
  }));
  return problems.length === 0
    ? { fired, visited }
    : { fired, visited, unexplained: problems.join('; ') };
};
