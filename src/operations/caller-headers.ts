/**
 * Who a request to a mock acts as, read from its headers. One reading for
 * every mock this library offers: the HTTP mock server, the in-process test
 * system and the oracle that predicts both.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import { type ApiError, apiError, ErrorCode } from '../domain/errors.js';
import { type Permission, type Principal, permissions, superAdmin } from './principal.js';

/**
 * The caller headers a mock reads: `X-Token` (acts as the user the token was
 * issued to), `X-Mock-Permissions` (an administrator with only the listed
 * permissions) and `X-Mock-Admin` (the administrator's name).
 *
 * @example
 * import { callerHeaders } from 'credential-lifecycle';
 * callerHeaders.permissions; // 'x-mock-permissions'
 */
export const callerHeaders = {
  token: 'x-token',
  permissions: 'x-mock-permissions',
  admin: 'x-mock-admin',
} as const;

/**
 * Request headers as servers and `fetch` adapters hand them over: a value,
 * several values, or none.
 *
 * @example
 * import type { RequestHeaders } from 'credential-lifecycle';
 * const headers: RequestHeaders = { 'X-Token': 't1', 'accept': ['application/json'] };
 */
export type RequestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * The first value of a header, its name compared case-insensitively.
 *
 * @example
 * import { headerOf } from 'credential-lifecycle';
 * headerOf({ 'X-Token': ['a', 'b'] }, 'x-token'); // 'a'
 */
export const headerOf = (headers: RequestHeaders | undefined, name: string): string | undefined => {
  if (headers === undefined) return undefined;
  // Node and fetch hand over lower-case names: try that first.
  let value = headers[name];
  if (value === undefined) {
    // Other spellings, without allocating: only names of the same length are lowered.
    for (const key in headers) {
      if (key.length === name.length && key.toLowerCase() === name) {
        value = headers[key];
        break;
      }
    }
  }
  return typeof value === 'string' ? value : value?.[0];
};

const knownPermissions: ReadonlySet<string> = new Set(permissions);
const isPermission = (name: string): name is Permission => knownPermissions.has(name);

/** The last unrestricted administrator built: the common caller needs no new value. */
let lastSuperAdmin: Principal = superAdmin('admin');

const callerFields = Object.keys(callerHeaders) as (keyof typeof callerHeaders)[];

/** The caller headers' first values; names in any case, read in one pass. */
const callerHeaderValues = (
  headers: RequestHeaders | undefined,
): { token?: string; admin?: string; permissions?: string } => {
  const values: { token?: string; admin?: string; permissions?: string } = {};
  if (headers === undefined) return values;
  for (const key in headers) {
    for (const field of callerFields) {
      const name = callerHeaders[field];
      // Only a name of the same length is lowered and compared.
      if (key.length !== name.length || key.toLowerCase() !== name) continue;
      const value = headers[key];
      const first = typeof value === 'string' ? value : value?.[0];
      if (first !== undefined && values[field] === undefined) values[field] = first;
    }
  }
  return values;
};

/**
 * The principal a request's headers name: the user of a known `X-Token`
 * (self-admin; an unknown token is 401 `errors.unauthorized`), else an
 * administrator named by `X-Mock-Admin` (default `defaultAdminName`) holding
 * the `X-Mock-Permissions` (comma-separated; names that are not credential
 * permissions are ignored), else one holding every permission.
 *
 * @example
 * import { principalFromHeaders } from 'credential-lifecycle';
 * principalFromHeaders({ 'x-mock-permissions': 'AccessControl.CredentialView' }, () => undefined, 'admin');
 * // right({ _tag: 'Admin', name: 'admin', permissions: Set { 'AccessControl.CredentialView' } })
 */
export const principalFromHeaders = (
  headers: RequestHeaders | undefined,
  userOfToken: (
    token: string,
  ) => { readonly clientExtId: string; readonly userExtId: string } | undefined,
  defaultAdminName: string,
): E.Either<ApiError, Principal> => {
  const { token, admin, permissions: granted } = callerHeaderValues(headers);
  if (token !== undefined) {
    const owner = userOfToken(token.trim());
    return owner === undefined
      ? E.left(apiError(401, ErrorCode.unauthorized, 'unknown X-Token'))
      : E.right({ _tag: 'SelfAdmin', clientExtId: owner.clientExtId, userExtId: owner.userExtId });
  }
  const name = admin?.trim() || defaultAdminName;
  if (granted === undefined) {
    if (lastSuperAdmin._tag !== 'Admin' || lastSuperAdmin.name !== name) {
      lastSuperAdmin = superAdmin(name);
    }
    return E.right(lastSuperAdmin);
  }
  const held = granted
    .split(',')
    .map((p) => p.trim())
    .filter(isPermission);
  return E.right({ _tag: 'Admin', name, permissions: new Set(held) });
};
