/**
 * Routing independent of any HTTP framework: which operation a method and a
 * path name.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import {
  type CredentialKind,
  credentialKinds,
  pathSegmentOfKind,
} from '../domain/credential-type.js';
import { type ApiError, apiError, ErrorCode } from '../domain/errors.js';

/**
 * What a request asks of a credential.
 *
 * @example
 * import type { Action } from 'credential-lifecycle';
 * const a: Action = 'reset';
 */
export type Action = 'create' | 'get' | 'patch' | 'delete' | 'reset' | 'unlock' | 'login';

/**
 * A matched route: the credential kind, the action and the path parameters.
 *
 * @example
 * import type { RouteMatch } from 'credential-lifecycle';
 * const m: RouteMatch = { kind: 'puk', action: 'reset', clientExtId: 'c1', userExtId: 'u1' };
 */
export interface RouteMatch {
  readonly kind: CredentialKind;
  readonly action: Action;
  readonly clientExtId: string;
  readonly userExtId: string;
}

/**
 * The base of the credential management API.
 *
 * @example
 * import { coreBasePath } from 'credential-lifecycle';
 * coreBasePath; // '/nevisidm/api/core/v1'
 */
export const coreBasePath = '/nevisidm/api/core/v1';

/**
 * The base of the login API.
 *
 * @example
 * import { authBasePath } from 'credential-lifecycle';
 * authBasePath; // '/nevisidm/api/auth/v1'
 */
export const authBasePath = '/nevisidm/api/auth/v1';

const kindOfSegment = new Map<string, CredentialKind>(
  (Object.entries(pathSegmentOfKind) as [CredentialKind, string][]).map(([k, s]) => [s, k]),
);

/** Methods per trailing path part, per API. `''` is the credential itself. */
const coreMethods: Readonly<Record<string, Readonly<Record<string, Action>>>> = {
  '': { POST: 'create', GET: 'get', PATCH: 'patch', DELETE: 'delete' },
  reset: { POST: 'reset' },
  unlock: { POST: 'unlock' },
};

const actionsWithout = (kind: CredentialKind, tail: string): boolean =>
  tail === 'unlock' && kind !== 'password';

/**
 * The path of a user's credential of the given kind (the `Location` of a create).
 *
 * @example
 * import { credentialPath } from 'credential-lifecycle';
 * credentialPath('c1', 'u1', 'tempStrongPassword'); // '/nevisidm/api/core/v1/c1/users/u1/tempstrong-password'
 */
export const credentialPath = (
  clientExtId: string,
  userExtId: string,
  kind: CredentialKind,
): string =>
  `${coreBasePath}/${encodeURIComponent(clientExtId)}/users/${encodeURIComponent(userExtId)}/${pathSegmentOfKind[kind]}`;

/**
 * The login path of a user's credential of the given kind.
 *
 * @example
 * import { loginPath } from 'credential-lifecycle';
 * loginPath('c1', 'u1', 'password'); // '/nevisidm/api/auth/v1/c1/users/u1/password/login'
 */
export const loginPath = (clientExtId: string, userExtId: string, kind: CredentialKind): string =>
  `${authBasePath}/${encodeURIComponent(clientExtId)}/users/${encodeURIComponent(userExtId)}/${pathSegmentOfKind[kind]}/login`;

/**
 * One route of the API as a template: the method, the path with
 * `{clientExtId}` and `{userExtId}` in place of the ids, and the kind and
 * action {@link matchRoute} finds for it.
 *
 * @example
 * import type { RouteTemplate } from 'credential-lifecycle';
 * const unlock: RouteTemplate = {
 *   method: 'POST',
 *   path: '/nevisidm/api/core/v1/{clientExtId}/users/{userExtId}/password/unlock',
 *   kind: 'password',
 *   action: 'unlock',
 * };
 */
export interface RouteTemplate {
  readonly method: string;
  readonly path: string;
  readonly kind: CredentialKind;
  readonly action: Action;
}

const templateIds = '{clientExtId}/users/{userExtId}';

/**
 * Every route {@link matchRoute} knows, from the same table: the core routes
 * of each kind (a credential's own path, `…/reset`, the password's
 * `…/unlock`), then the login of each kind.
 *
 * @example
 * import { routeTemplates } from 'credential-lifecycle';
 * routeTemplates().find((r) => r.kind === 'puk' && r.action === 'reset')?.path;
 * // '/nevisidm/api/core/v1/{clientExtId}/users/{userExtId}/puk/reset'
 */
export const routeTemplates = (): readonly RouteTemplate[] => [
  ...credentialKinds.flatMap((kind) =>
    Object.entries(coreMethods)
      .filter(([tail]) => !actionsWithout(kind, tail))
      .flatMap(([tail, methods]) =>
        Object.entries(methods).map(([method, action]) => ({
          method,
          path: `${coreBasePath}/${templateIds}/${pathSegmentOfKind[kind]}${tail === '' ? '' : `/${tail}`}`,
          kind,
          action,
        })),
      ),
  ),
  ...credentialKinds.map((kind) => ({
    method: 'POST',
    path: `${authBasePath}/${templateIds}/${pathSegmentOfKind[kind]}/login`,
    kind,
    action: 'login' as const,
  })),
];

/**
 * One path segment with its `%` escapes decoded; `undefined` for a malformed
 * escape (`%E0`), which a router answers as an unknown path.
 *
 * @example
 * import { decodePathSegment } from 'credential-lifecycle';
 * decodePathSegment('a%20b'); // 'a b'
 * decodePathSegment('%E0'); // undefined
 */
export const decodePathSegment = (segment: string): string | undefined => {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};

const notFound = (path: string): ApiError =>
  apiError(
    404,
    ErrorCode.notFound,
    `no route for ${path.length > 200 ? `${path.slice(0, 200)}…` : path}`,
  );

/**
 * The 405 error for a method a path does not take, naming the ones it does.
 *
 * @example
 * import { methodNotAllowed } from 'credential-lifecycle';
 * methodNotAllowed('PUT', ['POST']).status; // 405
 */
export const methodNotAllowed = (method: string, allowed: readonly string[]): ApiError => ({
  ...apiError(
    405,
    ErrorCode.methodNotAllowed,
    `method ${method.slice(0, 20)} not allowed here; allowed: ${allowed.join(', ')}`,
  ),
  headers: { allow: allowed.join(', ') },
});

const apiRoot = '/nevisidm/api/';

/**
 * The variable parts (still escaped) of
 * `/nevisidm/api/{api}/v1/{client}/users/{user}/{segment}[/{tail}]`, or
 * `undefined` for any other shape. Found with `indexOf` rather than by
 * splitting the whole path: a route is matched on every request.
 */
const routeParts = (
  path: string,
):
  | readonly [api: string, client: string, user: string, segment: string, tail: string]
  | undefined => {
  if (!path.startsWith(apiRoot)) return undefined;
  const apiEnd = path.indexOf('/', apiRoot.length);
  if (apiEnd === -1 || !path.startsWith('/v1/', apiEnd)) return undefined;
  const clientEnd = path.indexOf('/', apiEnd + 4);
  if (clientEnd === -1 || !path.startsWith('/users/', clientEnd)) return undefined;
  const userEnd = path.indexOf('/', clientEnd + 7);
  if (userEnd === -1) return undefined;
  const segmentEnd = path.indexOf('/', userEnd + 1);
  // A tail with a `/` in it matches no route, so it needs no check here.
  const tail = segmentEnd === -1 ? '' : path.slice(segmentEnd + 1);
  return [
    path.slice(apiRoot.length, apiEnd),
    path.slice(apiEnd + 4, clientEnd),
    path.slice(clientEnd + 7, userEnd),
    segmentEnd === -1 ? path.slice(userEnd + 1) : path.slice(userEnd + 1, segmentEnd),
    tail,
  ];
};

/**
 * Finds the operation a method and path name. An unknown path answers 404;
 * a known path with another method answers 405. A query string is ignored.
 *
 * @example
 * import { matchRoute } from 'credential-lifecycle';
 * matchRoute('POST', '/nevisidm/api/core/v1/c1/users/u1/puk/reset');
 * // right({ kind: 'puk', action: 'reset', clientExtId: 'c1', userExtId: 'u1' })
 */
export const matchRoute = (method: string, path: string): E.Either<ApiError, RouteMatch> => {
  const query = path.indexOf('?');
  const pathOnly = query === -1 ? path : path.slice(0, query);
  const parts = routeParts(pathOnly);
  if (parts === undefined) return E.left(notFound(pathOnly));
  const [api, client, user, segment, tail] = parts;
  const clientExtId = decodePathSegment(client);
  const userExtId = decodePathSegment(user);
  const kind = kindOfSegment.get(segment);
  if (!clientExtId || !userExtId || kind === undefined) return E.left(notFound(pathOnly));
  const upper = method.toUpperCase();
  if (api === 'auth') {
    if (tail !== 'login') return E.left(notFound(pathOnly));
    return upper === 'POST'
      ? E.right({ kind, action: 'login', clientExtId, userExtId })
      : E.left(methodNotAllowed(method, ['POST']));
  }
  const methods =
    api === 'core' && Object.hasOwn(coreMethods, tail) ? coreMethods[tail] : undefined;
  if (methods === undefined || actionsWithout(kind, tail)) return E.left(notFound(pathOnly));
  const action = Object.hasOwn(methods, upper) ? methods[upper] : undefined;
  return action === undefined
    ? E.left(methodNotAllowed(method, Object.keys(methods)))
    : E.right({ kind, action, clientExtId, userExtId });
};
