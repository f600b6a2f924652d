/**
 * Differential test: `explain` against the real REST operations. The same
 * generated script runs through `explain` and, request by request, through
 * `MemoryStore.handle` (an administrator; the user themself for `change`),
 * with a policy decoded from the same parameter map. Login status codes and
 * descriptions, refusal statuses and codes, states, counters, lockedUntil,
 * versions and reasons must agree after every step.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { CredentialKind } from '../../src/domain/credential-type.js';
import { ErrorBody } from '../../src/domain/errors.js';
import type { HttpAnswer } from '../../src/operations/answer.js';
import { defaultPolicy } from '../../src/policy/policy.js';
import { explainSteps } from '../../src/reasoning/explain.js';
import type { Step } from '../../src/reasoning/script.js';
import { freshStore, Harness, selfAdmin, T0 } from '../operations/support.js';
import { kindArb, lockoutParametersArb, policyOf, scriptArb } from './support.js';

/** The plaintext a create or reset answer shows for the kind (the policies expose it). */
const shownSecret = (kind: CredentialKind, answer: HttpAnswer): string | undefined => {
  const body = answer.body as Record<string, unknown> | undefined;
  const value = body?.[kind];
  return typeof value === 'string' ? value : undefined;
};

const refusalOf = (answer: HttpAnswer) => {
  if (answer.status < 400) return undefined;
  const decoded = ErrorBody.decode(answer.body);
  return {
    status: answer.status,
    code: decoded._tag === 'Right' ? decoded.right.errors[0]?.code : '?',
  };
};

/** The state an administrator's PATCH sets for each state step. */
const patchedState = {
  disable: 'disabled',
  enable: 'active',
  archive: 'archived',
  'admin-changed': 'admin-changed',
} as const;

/** Runs the steps through the operations; returns, per step, the answer and the stored credential. */
const throughTheApi = (
  kind: CredentialKind,
  parameters: Record<string, string>,
  steps: readonly Step[],
) => {
  const store = freshStore([[policyOf(kind, parameters, 'explained'), true]]);
  const api = new Harness(store, T0, 7);
  let passwords = 0;
  const nextPassword = () => `Secret-${++passwords}-Aa1!`;
  let secret: string | undefined;
  if (kind === 'password') {
    secret = nextPassword();
    api.create('password', { password: secret });
  } else {
    secret = shownSecret(kind, api.create(kind));
  }
  // A strong login is a login with the user's password (the original strong credential).
  const strongPassword = 'Strong-Login-1!';
  if (kind === 'tempStrongPassword' || kind === 'ticket') {
    store.putPolicy('c1', defaultPolicy('PwdPolicy', 'strong'), true);
    api.create('password', { password: strongPassword, stateName: 'active' });
  }
  return steps.map((step) => {
    let answer: HttpAnswer | undefined;
    switch (step.name) {
      case 'wait':
        api.advance(step.ms);
        api.get(kind);
        break;
      case 'login':
        answer = api.login(kind, secret ?? '');
        break;
      case 'fail':
        answer = api.login(kind, 'Wrong-Guess-0!');
        break;
      case 'reset': {
        const given = kind === 'password' ? nextPassword() : undefined;
        answer = api.reset(kind, given === undefined ? {} : { password: given });
        if (answer.status < 400) secret = given ?? shownSecret(kind, answer);
        break;
      }
      case 'unlock':
        answer = kind === 'password' ? api.unlock() : api.patch(kind, { stateName: 'active' });
        break;
      case 'change': {
        const given = nextPassword();
        answer = api.reset('password', { password: given }, selfAdmin());
        if (answer.status < 400) secret = given;
        break;
      }
      case 'disable':
      case 'enable':
      case 'archive':
      case 'admin-changed':
        answer = api.patch(kind, { stateName: patchedState[step.name] });
        break;
      case 'strong-login':
        api.login('password', strongPassword);
        break;
      case 'delete':
        answer = api.remove(kind);
        break;
    }
    return { answer, stored: store.user('c1', 'u1')?.credentials[kind]?.lifecycle };
  });
};

describe('explain answers as the REST operations do', () => {
  test.prop(
    [
      kindArb.chain((kind) =>
        fc.tuple(fc.constant(kind), lockoutParametersArb(kind), scriptArb(kind)),
      ),
    ],
    { numRuns: 300 },
  )('same answers, states, counters and versions after every step', ([kind, parameters, steps]) => {
    const explained = explainSteps(kind, policyOf(kind, parameters), steps);
    const api = throughTheApi(kind, parameters, steps);
    steps.forEach((step, i) => {
      const row = explained.steps[i];
      const { answer, stored } = api[i] ?? {};
      const where = `step ${i} (${row?.step}) of ${JSON.stringify(explained.steps.map((r) => r.step))}`;
      if (answer !== undefined && step.name !== 'strong-login') {
        const body = answer.status === 200 ? (answer.body as Record<string, unknown>) : {};
        expect(
          {
            statusCode: row?.statusCode,
            description: row?.description,
            refusal: row?.refusal,
          },
          where,
        ).toEqual({
          statusCode: step.name === 'login' || step.name === 'fail' ? body.statusCode : undefined,
          description: step.name === 'login' || step.name === 'fail' ? body.description : undefined,
          refusal: refusalOf(answer),
        });
      }
      if (stored === undefined) {
        expect(row?.state, where).toBe('deleted');
        return;
      }
      const { context } = stored;
      expect(row, where).toMatchObject({
        state: stored.state,
        failedLoginCount: context.failedLoginCount,
        successfulLoginCount: context.successfulLoginCount,
        resetCount: context.resetCount,
        lockedUntil: context.lockedUntil === null ? null : context.lockedUntil - T0,
        version: context.version,
        reason: context.stateChangeReason,
      });
    });
  });
});
