import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import {
  LoginResponse,
  type PasswordCredential,
  PasswordResetResponse,
  selfAdminView,
  TempStrongPasswordCredential,
  TempStrongPasswordIssuedResponse,
  validationEntries,
} from '../../src/index.js';

const tspWire = {
  created: '2026-05-04T12:34:56Z',
  lastModified: '2026-05-04T12:34:56Z',
  version: 0,
  extId: 'tsp-1',
  userExtId: 'user-123',
  policyExtId: 'tsp-policy',
  stateName: 'initial',
  successfulLoginCount: 0,
  failedLoginCount: 0,
  resetCount: 0,
  type: 'Temporary Strong Password',
};

describe('login answers', () => {
  it('decodes each documented outcome code', () => {
    for (const statusCode of [5, 2, 3, 4, 9]) {
      expect(LoginResponse.decode({ statusCode, description: 'd' })).toEqual(
        E.right({ statusCode, description: 'd' }),
      );
    }
  });

  it('decodes the password change a successful login announces', () => {
    const wire = {
      statusCode: 5 as const,
      description: 'login succeeded; the password must be changed',
      passwordChangeRequired: true,
      passwordChangeDue: '2026-05-05T12:00:00Z',
    };
    expect(LoginResponse.decode(wire)).toEqual(
      E.right({ ...wire, passwordChangeDue: Date.UTC(2026, 4, 5, 12) }),
    );
    expect(LoginResponse.encode({ ...wire, passwordChangeDue: Date.UTC(2026, 4, 5, 12) })).toEqual(
      wire,
    );
    const bad = LoginResponse.decode({ ...wire, passwordChangeDue: 'tomorrow' });
    expect(E.isLeft(bad) && validationEntries(bad.left, 'x').map((e) => e.message)).toEqual([
      expect.stringMatching(/^\$\.passwordChangeDue: /),
    ]);
  });

  it('rejects other codes at $.statusCode', () => {
    const r = LoginResponse.decode({ statusCode: 1, description: 'd' });
    expect(E.isLeft(r) && validationEntries(r.left, 'x').map((e) => e.message)).toEqual([
      '$.statusCode: expected one of 5, 2, 3, 4, 9, got number',
    ]);
  });
});

describe('answers carrying a generated secret', () => {
  it('decodes the password reset fragment', () => {
    expect(PasswordResetResponse.decode({ passwordFragment: 'x7Kq' })).toEqual(
      E.right({ passwordFragment: 'x7Kq' }),
    );
  });

  it('decodes a TSP create answer with the plaintext first part', () => {
    const wire = { ...tspWire, tempStrongPassword: 'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1' };
    const decoded = TempStrongPasswordIssuedResponse.decode(wire);
    expect(E.isRight(decoded) && decoded.right.tempStrongPassword).toBe(wire.tempStrongPassword);
    expect(E.isRight(TempStrongPasswordCredential.decode(wire))).toBe(true);
  });

  it('requires the fragment in a TSP create answer', () => {
    const r = TempStrongPasswordIssuedResponse.decode(tspWire);
    expect(E.isLeft(r) && validationEntries(r.left, 'x').map((e) => e.message)).toEqual([
      '$.tempStrongPassword: expected string, got nothing',
    ]);
  });
});

describe('selfAdminView', () => {
  const credential: PasswordCredential = {
    created: 0,
    lastModified: 1000,
    version: 1,
    extId: 'pw-1',
    userExtId: 'u1',
    stateName: 'active',
    type: 'Password',
    successfulLoginCount: 1,
    failedLoginCount: 0,
    resetCount: 0,
    password: '{SSHA256}aGFzaA==',
    createdBy: 'admin-1',
    modifiedBy: 'admin-2',
    lastChangeDate: 1000,
  };

  it('removes exactly createdBy, modifiedBy and lastChangeDate', () => {
    const {
      createdBy: _createdBy,
      modifiedBy: _modifiedBy,
      lastChangeDate: _lastChangeDate,
      ...rest
    } = credential;
    expect(selfAdminView(credential)).toEqual(rest);
    expect(Object.keys(selfAdminView(credential))).not.toContain('createdBy');
  });

  it('leaves the input alone and accepts resources without admin fields', () => {
    const before = structuredClone(credential);
    selfAdminView(credential);
    expect(credential).toEqual(before);
    const view = selfAdminView(selfAdminView(credential));
    expect(view).toEqual(selfAdminView(credential));
  });
});
