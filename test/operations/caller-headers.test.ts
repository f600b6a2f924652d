import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import { headerOf, principalFromHeaders } from '../../src/operations/caller-headers.js';
import { permissions } from '../../src/operations/principal.js';

const owner = { clientExtId: 'c1', userExtId: 'u1' };
const tokens = (t: string) => (t === 't1' ? owner : undefined);

describe('caller headers', () => {
  it('looks header names up case-insensitively and takes the first of several values', () => {
    expect(headerOf({ 'X-Token': 'a' }, 'x-token')).toBe('a');
    expect(headerOf({ 'x-token': ['b', 'c'] }, 'x-token')).toBe('b');
    expect(headerOf(undefined, 'x-token')).toBeUndefined();
  });

  it('a known token (whitespace trimmed) acts as that user; an unknown one is 401', () => {
    expect(principalFromHeaders({ 'X-Token': ' t1 ' }, tokens, 'admin')).toEqual(
      E.right({ _tag: 'SelfAdmin', ...owner }),
    );
    const unknown = principalFromHeaders({ 'x-token': 'nope' }, tokens, 'admin');
    expect(E.isLeft(unknown) && unknown.left.status).toBe(401);
    expect(E.isLeft(unknown) && unknown.left.errors[0].code).toBe('errors.unauthorized');
  });

  it('an administrator is named by X-Mock-Admin and restricted by X-Mock-Permissions', () => {
    const named = principalFromHeaders(
      {
        'X-Mock-Admin': 'ops',
        'X-Mock-Permissions': 'AccessControl.CredentialView, Nonsense',
      },
      tokens,
      'admin',
    );
    expect(named).toEqual(
      E.right({
        _tag: 'Admin',
        name: 'ops',
        permissions: new Set(['AccessControl.CredentialView']),
      }),
    );
    expect(principalFromHeaders({}, tokens, 'admin')).toEqual(
      E.right({ _tag: 'Admin', name: 'admin', permissions: new Set(permissions) }),
    );
  });
});
