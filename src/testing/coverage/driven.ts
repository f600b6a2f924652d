/**
 * Which machine transitions the REST operations can drive at all. The
 * exploration of the machine (`reachableTransitions`) feeds it every event
 * in every state; the operations are narrower in two ways, both visible in
 * their code (`src/operations/workflow.ts`):
 *
 * - every operation but a delete (and the consumption of a TSP or ticket by
 *   a password login) first lifts a temporary lock that has ended (its own
 *   `time.passes` step), so the machine never judges those events in
 *   `tmp-locked` after the lock's end (the expiry-and-rejudge transitions);
 * - only a kind with an unlock operation (the password) sends `admin.unlock`.
 *
 * A coverage report counts its percentage over the transitions both
 * reachable under the run's policies and driven by the operations, and
 * lists the others apart.
 *
 * @packageDocumentation
 */
import {
  type CredentialKind,
  type KindBehaviour,
  type LifecycleTransition,
  lifecycleMachine,
  passwordBehaviour,
  pukBehaviour,
  tempStrongPasswordBehaviour,
  ticketBehaviour,
} from '../../index.js';

const behaviours: { readonly [K in CredentialKind]: KindBehaviour<K> } = {
  password: passwordBehaviour,
  tempStrongPassword: tempStrongPasswordBehaviour,
  ticket: ticketBehaviour,
  puk: pukBehaviour,
};

/** The events the operations send to a credential as stored, without settling it first. */
const sentUnsettled: readonly string[] = ['credential.deleted', 'credential.strongLogin'];

const actions = lifecycleMachine.implementations.actions as Readonly<Record<string, unknown>>;

/** Whether a named action re-raises the event (XState's `raise`: the machine's `rejudge`). */
const raises = (name: string): boolean => {
  const action = actions[name];
  return typeof action === 'function' && (action as { type?: unknown }).type === 'xstate.raise';
};

/**
 * Whether the REST operations can make a credential of `kind` take
 * `transition` (given a state and rules in which the machine takes it).
 *
 * @example
 * import { drivenByOperations } from 'credential-lifecycle/testing';
 * const unlock = { event: 'admin.unlock', actions: ['unlock'] };
 * drivenByOperations('password', unlock); // true
 * drivenByOperations('puk', unlock); // false: no unlock operation for PUKs
 * const expiry = { actions: ['expireLock', 'rejudge'] };
 * drivenByOperations('puk', { ...expiry, event: 'login.failed' }); // false: the lock is lifted first
 * drivenByOperations('puk', { ...expiry, event: 'credential.deleted' }); // true
 */
export const drivenByOperations = (
  kind: CredentialKind,
  transition: Pick<LifecycleTransition, 'event' | 'actions'>,
): boolean => {
  if (transition.event === 'admin.unlock' && behaviours[kind].requirements.unlock === undefined) {
    return false;
  }
  return !transition.actions.some(raises) || sentUnsettled.includes(transition.event);
};
