/**
 * The kit's arbitraries cannot drift from the wire model: every valid value
 * decodes with its io-ts codec, every invalid one is rejected.
 */
import { fc, test } from '@fast-check/vitest';
import { either as E } from 'fp-ts';
import type * as t from 'io-ts';
import { describe, expect } from 'vitest';
import {
  type CredentialKind,
  CredentialTypeName,
  createRequestOfKind,
  credentialCodecOfKind,
  credentialKinds,
  decodePolicy,
  decodeRequestBody,
  IsoInstant,
  isLifecycle,
  loginRequestOfKind,
  Policy,
  type PolicyType,
  parseHash,
  patchRequestOfKind,
  ResetPasswordRequest,
  ResetRequest,
  StateChangeReason,
  StateName,
  UnlockRequest,
  Validity,
} from '../../src/index.js';
import {
  type BodyAction,
  credentialTypeNameArb,
  instantArb,
  invalidPolicyParametersArb,
  invalidRequestBodyArb,
  lifecycleArb,
  policyArb,
  policyParametersArb,
  policyToParameters,
  reachableCredentialArb,
  requestBodyArb,
  stateChangeReasonArb,
  stateNameArb,
  storedCredentialArb,
  validityArb,
} from '../../src/testing/index.js';

const decoderOf = (kind: CredentialKind): t.Decoder<unknown, unknown> =>
  credentialCodecOfKind[kind];

const policyTypes: readonly PolicyType[] = [
  'PwdPolicy',
  'TempStrongPasswordPolicy',
  'TicketPolicy',
  'PUKPolicy',
];

describe('scalars decode', () => {
  test.prop([stateNameArb])('states', (s) => {
    expect(StateName.is(s)).toBe(true);
  });
  test.prop([stateChangeReasonArb])('reasons', (r) => {
    expect(StateChangeReason.is(r)).toBe(true);
  });
  test.prop([credentialTypeNameArb])('type names', (n) => {
    expect(CredentialTypeName.is(n)).toBe(true);
  });
  test.prop([instantArb])('instants, whole seconds, through the wire', (at) => {
    expect(at % 1000 === 0).toBe(true);
    expect(IsoInstant.decode(IsoInstant.encode(at))).toEqual(E.right(at));
  });
  test.prop([validityArb])('validity', (v) => {
    expect(Validity.decode(Validity.encode(v))).toEqual(E.right(v));
  });
});

describe('policies', () => {
  for (const type of policyTypes) {
    test.prop([policyArb(type)])(`${type}: typed values pass the codec`, (p) => {
      expect(Policy.is(p)).toBe(true);
      expect(p.type).toBe(type);
    });
    test.prop([policyArb(type)])(`${type}: the string map decodes back to the policy`, (p) => {
      expect(decodePolicy(type, p.extId, policyToParameters(p))).toEqual(
        E.right({ policy: p, warnings: [] }),
      );
    });
    test.prop([policyParametersArb(type)])(`${type}: partial string maps decode`, (p) => {
      const decoded = decodePolicy(type, p.extId, p.parameters);
      expect(E.isRight(decoded), JSON.stringify(decoded)).toBe(true);
    });
    test.prop([invalidPolicyParametersArb(type)])(`${type}: bad string maps are refused`, (m) => {
      expect(E.isLeft(decodePolicy(type, 'p', m))).toBe(true);
    });
  }
  test('edge values are generated: -1, 0-length parts, both modes', () => {
    const tsp = fc.sample(policyArb('TempStrongPasswordPolicy'), { numRuns: 400, seed: 1 });
    expect(tsp.some((p) => p.ticketLen0 === 0)).toBe(true);
    expect(tsp.some((p) => p.ticketLen1 === 0)).toBe(true);
    expect(tsp.some((p) => p.maxCredFailureCount === -1)).toBe(true);
    expect(tsp.some((p) => p.tmpLockingThreshold === -1)).toBe(true);
    expect(new Set(tsp.map((p) => p.tmpLockingMode)).size).toBe(2);
  });
});

describe('reachable lifecycles and credentials', () => {
  for (const kind of credentialKinds) {
    test.prop([lifecycleArb(kind)])(`${kind}: lifecycle values`, (l) => {
      expect(isLifecycle(l)).toBe(true);
      expect(l.context.kind).toBe(kind);
    });
    test.prop([storedCredentialArb(kind)])(`${kind}: stored hashes parse`, (c) => {
      expect(E.isRight(parseHash(c.secretHash))).toBe(true);
    });
    test.prop([reachableCredentialArb(kind)])(`${kind}: wire resources decode`, (json) => {
      expect(E.isRight(decoderOf(kind).decode(json))).toBe(true);
    });
    test.prop([reachableCredentialArb(kind, { selfAdmin: true })])(
      `${kind}: self-admin views decode and lack admin fields`,
      (json) => {
        expect(E.isRight(decoderOf(kind).decode(json))).toBe(true);
        expect(json).not.toHaveProperty('createdBy');
      },
    );
  }
  test('every state is reached', () => {
    const states = new Set(
      credentialKinds.flatMap((k) =>
        fc.sample(lifecycleArb(k), { numRuns: 300, seed: 2 }).map((l) => l.state),
      ),
    );
    expect([...states].sort()).toEqual(
      [
        'active',
        'admin-changed',
        'archived',
        'disabled',
        'fail-locked',
        'initial',
        'reset-code',
        'tmp-locked',
      ].sort(),
    );
  });
});

const codecOf = (kind: CredentialKind, action: BodyAction) => {
  switch (action) {
    case 'create':
      return createRequestOfKind[kind];
    case 'patch':
      return patchRequestOfKind[kind];
    case 'login':
      return loginRequestOfKind[kind];
    case 'reset':
      return kind === 'password' ? ResetPasswordRequest : ResetRequest;
    case 'unlock':
      return UnlockRequest;
  }
};

const actions: readonly BodyAction[] = ['create', 'patch', 'reset', 'unlock', 'login'];

describe('request bodies', () => {
  for (const kind of credentialKinds) {
    for (const action of actions) {
      const codec = codecOf(kind, action);
      test.prop([requestBodyArb(kind, action)])(`${kind} ${action}: valid bodies decode`, (b) => {
        const decoded = decodeRequestBody(codec, b);
        expect(E.isRight(decoded), JSON.stringify(decoded)).toBe(true);
      });
      test.prop([invalidRequestBodyArb(kind, action)])(
        `${kind} ${action}: invalid bodies are rejected`,
        (b) => {
          expect(E.isLeft(decodeRequestBody(codec, b))).toBe(true);
        },
      );
    }
  }
});
