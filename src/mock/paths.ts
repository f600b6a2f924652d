/**
 * The paths of the mock control API, `/__mock/…`: the one place they are
 * spelled, for the mock that answers them and every client that calls them.
 *
 * @packageDocumentation
 */

/**
 * The prefix of every control route.
 *
 * @example
 * import { controlPrefix } from 'credential-lifecycle/server';
 * controlPrefix; // '/__mock'
 */
export const controlPrefix = '/__mock';

/**
 * Whether a path belongs to the control API.
 *
 * @example
 * import { isControlPath } from 'credential-lifecycle/server';
 * isControlPath('/__mock/reset'); // true
 * isControlPath('/__mockery'); // false
 */
export const isControlPath = (path: string): boolean =>
  path === controlPrefix ||
  path.startsWith(`${controlPrefix}/`) ||
  path.startsWith(`${controlPrefix}?`);

const segment = encodeURIComponent;

/**
 * Builds the path of each control route; ids are URL-encoded as one path
 * segment each.
 *
 * @example
 * import { controlPath } from 'credential-lifecycle/testing';
 * controlPath.reset; // '/__mock/reset'
 * controlPath.user('demo', 'alice smith'); // '/__mock/clients/demo/users/alice%20smith'
 * controlPath.token('demo', 'alice'); // '/__mock/clients/demo/users/alice/token'
 */
export const controlPath = {
  /** `POST`: empty store, default policies, clock at rest, no tokens. */
  reset: `${controlPrefix}/reset`,
  /** `GET` (`{now, frozen}`), `PUT` (`{now}`: freeze there), `DELETE` (back to rest). */
  clock: `${controlPrefix}/clock`,
  /** `POST` with `{ms}`: move the clock forward. */
  clockAdvance: `${controlPrefix}/clock/advance`,
  /** `GET`: the users of a client. */
  users: (clientExtId: string): string => `${controlPrefix}/clients/${segment(clientExtId)}/users`,
  /** `PUT` with optional `{loginId}`: the user exists. */
  user: (clientExtId: string, userExtId: string): string =>
    `${controlPath.users(clientExtId)}/${segment(userExtId)}`,
  /** `POST`: a self-admin token for the user (`{token}`). */
  token: (clientExtId: string, userExtId: string): string =>
    `${controlPath.user(clientExtId, userExtId)}/token`,
  /** `GET`: the OpenAPI 3.1 document of the credential API. */
  openapi: `${controlPrefix}/openapi.json`,
  /** `GET`: the policies of a client. */
  policies: (clientExtId: string): string =>
    `${controlPrefix}/clients/${segment(clientExtId)}/policies`,
  /** `PUT` with `{type, default, parameters}`: store the policy. */
  policy: (clientExtId: string, policyExtId: string): string =>
    `${controlPath.policies(clientExtId)}/${segment(policyExtId)}`,
  /** `GET` (the journal; filters `method`, `path`, `status`, `since`, `until`), `DELETE` (empty it). */
  requests: `${controlPrefix}/requests`,
  /** `PUT` with `{rules}`, `GET` (the rules in force), `DELETE` (none). */
  faults: `${controlPrefix}/faults`,
  /** `GET` (a snapshot of the whole state), `PUT` with a snapshot (replace the state). */
  state: `${controlPrefix}/state`,
} as const;
