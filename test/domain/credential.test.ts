import { either as E } from 'fp-ts';
import type * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import {
  CredentialResource,
  credentialCodecOfKind,
  credentialKinds,
  PasswordCredential,
  PukCredential,
  TempStrongPasswordCredential,
  TicketCredential,
  typeNameOfKind,
  validationEntries,
} from '../../src/index.js';

/** The fields every seed page lists, with wire values. */
const commonWire = {
  created: '2026-05-04T12:34:56Z',
  lastModified: '2026-05-05T08:00:00Z',
  version: 2,
  extId: 'cred-1',
  userExtId: 'user-123',
  policyExtId: 'policy-1',
  stateName: 'active' as const,
  stateChangeReason: 'activated' as const,
  stateChangeDetail: 'first login',
  lastSuccessfulLoginDate: '2026-05-05T07:59:00Z',
  successfulLoginCount: 1,
  lastFailedLoginDate: '2026-05-05T07:58:00Z',
  failedLoginCount: 0,
  modificationComment: 'created by the helpdesk',
  resetCount: 0,
};

const validityWire = { from: '2026-05-04T12:34:56Z', to: '2036-05-04T12:34:56Z' };
const adminWire = {
  createdBy: 'admin-1',
  modifiedBy: 'admin-2',
  lastChangeDate: '2026-05-05T08:00:00Z',
};

const at = (iso: string) => Date.parse(iso);

const commonDecoded = {
  ...commonWire,
  created: at('2026-05-04T12:34:56Z'),
  lastModified: at('2026-05-05T08:00:00Z'),
  lastSuccessfulLoginDate: at('2026-05-05T07:59:00Z'),
  lastFailedLoginDate: at('2026-05-05T07:58:00Z'),
};
const validityDecoded = { from: at(validityWire.from), to: at(validityWire.to) };

const messages = (codec: t.Mixed, u: unknown): string[] => {
  const r = codec.decode(u);
  return E.isLeft(r) ? validationEntries(r.left, 'errors.invalidValue').map((e) => e.message) : [];
};

describe('credential resources as the seed pages list them', () => {
  it('decodes the TSP resource of a GET, admin fields included', () => {
    const wire = {
      ...commonWire,
      ...adminWire,
      type: 'Temporary Strong Password',
      tempStrongPassword: '{SSHA256}c2FsdGVkLWRpZ2VzdC1hbmQtc2FsdA==',
    };
    expect(TempStrongPasswordCredential.decode(wire)).toEqual(
      E.right({
        ...commonDecoded,
        type: 'Temporary Strong Password',
        tempStrongPassword: wire.tempStrongPassword,
        createdBy: 'admin-1',
        modifiedBy: 'admin-2',
        lastChangeDate: at(adminWire.lastChangeDate),
      }),
    );
  });

  it('decodes the password resource of a PATCH answer', () => {
    const wire = {
      ...commonWire,
      type: 'Password',
      validity: validityWire,
      password: '{SSHA}aGFzaC1hbmQtc2FsdA==',
    };
    expect(PasswordCredential.decode(wire)).toEqual(
      E.right({
        ...commonDecoded,
        type: 'Password',
        validity: validityDecoded,
        password: wire.password,
      }),
    );
  });

  it('decodes the ticket resource of a create answer', () => {
    const wire = {
      ...commonWire,
      type: 'Ticket Authorization',
      validity: validityWire,
      ticket: '{SSHA256}dGlja2V0LWhhc2g=',
      identification: 'order-42',
      context: 'checkout',
      failureCount: 0,
      successCount: 0,
    };
    expect(TicketCredential.decode(wire)).toEqual(
      E.right({ ...wire, ...commonDecoded, validity: validityDecoded }),
    );
  });

  it('decodes the PUK resource of a reset answer', () => {
    const wire = {
      ...commonWire,
      type: 'PUK',
      stateChangeReason: 'reset',
      resetCount: 1,
      validity: validityWire,
      puk: '{SHA-256}cHVrLWhhc2g=',
    };
    expect(PukCredential.decode(wire)).toEqual(
      E.right({
        ...commonDecoded,
        ...wire,
        created: commonDecoded.created,
        lastModified: commonDecoded.lastModified,
        lastSuccessfulLoginDate: commonDecoded.lastSuccessfulLoginDate,
        lastFailedLoginDate: commonDecoded.lastFailedLoginDate,
        validity: validityDecoded,
      }),
    );
  });

  it('decodes a minimal resource: no login dates, no admin fields, no value', () => {
    for (const kind of credentialKinds) {
      const wire = {
        created: '2026-05-04T12:34:56Z',
        lastModified: '2026-05-04T12:34:56Z',
        version: 0,
        extId: 'c',
        userExtId: 'u',
        stateName: 'initial',
        type: typeNameOfKind[kind],
        successfulLoginCount: 0,
        failedLoginCount: 0,
        resetCount: 0,
      };
      const codec: t.Mixed = credentialCodecOfKind[kind];
      expect(E.isRight(codec.decode(wire))).toBe(true);
      expect(E.isRight(CredentialResource.decode(wire))).toBe(true);
    }
  });

  it('drops fields a resource does not have', () => {
    const wire = { ...commonWire, type: 'PUK', lockedUntil: 5, password: 'x' };
    expect(PukCredential.decode(wire)).toEqual(E.right({ ...commonDecoded, type: 'PUK' }));
    const value = { ...commonDecoded, type: 'PUK' as const, internal: 'do not show' };
    expect(PukCredential.encode(value)).toEqual({ ...commonWire, type: 'PUK' });
  });
});

describe('rejected credential resources', () => {
  const pwWire = { ...commonWire, type: 'Password' };

  it('rejects the display name of another kind at $.type', () => {
    expect(messages(PasswordCredential, { ...pwWire, type: 'PUK' })).toEqual([
      "$.type: expected 'Password', got string",
    ]);
  });

  it('rejects an unknown state or reason', () => {
    expect(messages(PasswordCredential, { ...pwWire, stateName: 'locked' })).toEqual([
      "$.stateName: expected one of 'initial', 'active', 'tmp-locked', 'fail-locked', 'reset-code', 'admin-changed', 'disabled', 'archived', got string",
    ]);
    expect(messages(PasswordCredential, { ...pwWire, stateChangeReason: 'because' })).toEqual([
      "$.stateChangeReason: expected one of 'customized-reason-code', 'initialized', 'activated', 'too-many-login-failures', 'reset-by-admin', 'changed-by-admin', 'changed-by-user', 'logged-in-with-strong-cred', 'cert-uploaded', 'policy-check-failed', 'renewal', 'reset', 'cert-revoked', 'unlock', 'changed-by-batchjob', got string",
    ]);
  });

  it('rejects wrong types and missing required fields, one message per path', () => {
    const { created: _created, ...withoutCreated } = pwWire;
    expect(
      messages(PasswordCredential, { ...withoutCreated, version: '2', failedLoginCount: -1 }),
    ).toEqual([
      '$.created: expected IsoInstant, got nothing',
      '$.version: expected a non-negative 32-bit integer, got string',
      '$.failedLoginCount: expected a non-negative 32-bit integer, got number',
    ]);
  });

  it('rejects impossible, offset-less and hour-24 dates with the path of the date', () => {
    for (const bad of ['2026-02-30T00:00:00Z', '2026-05-04T12:34:56', '2026-05-04T24:00:00Z']) {
      expect(
        messages(TicketCredential, { ...pwWire, type: 'Ticket Authorization', lastModified: bad }),
      ).toEqual(['$.lastModified: expected an ISO-8601 instant with an offset, got string']);
      expect(
        messages(PukCredential, { ...pwWire, type: 'PUK', validity: { from: bad, to: bad } }),
      ).toEqual([
        '$.validity.from: expected an ISO-8601 instant with an offset, got string',
        '$.validity.to: expected an ISO-8601 instant with an offset, got string',
      ]);
    }
  });

  it('rejects a kind the library does not model', () => {
    expect(E.isLeft(CredentialResource.decode({ ...pwWire, type: 'OATH' }))).toBe(true);
  });
});
