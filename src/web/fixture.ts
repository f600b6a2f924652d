/**
 * Fixtures: the clients, users, policies and credentials a mock starts with,
 * as JSON. A fixture is applied through the mock's own routes, so it obeys
 * exactly the rules a client of the mock does.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import { credentialKinds, pathSegmentOfKind } from '../domain/credential-type.js';
import { isPlainObject } from '../domain/errors.js';
import { controlPath } from '../mock/paths.js';
import { decodeSnapshot, isSnapshotJson } from '../mock/snapshot.js';
import type { MockStore } from '../mock/store.js';
import { credentialPath } from '../operations/route.js';
import type { CoreResponse, MockServer } from './server.js';

/**
 * A credential to create for a user: the path segment of its kind and the
 * create body (for a password e.g. `{"password": "…", "stateName": "active"}`).
 *
 * @example
 * import type { FixtureCredential } from 'credential-lifecycle/mock';
 * const puk: FixtureCredential = { kind: 'puk', body: {} };
 */
export interface FixtureCredential {
  readonly kind: 'password' | 'tempstrong-password' | 'ticket' | 'puk';
  readonly body?: Readonly<Record<string, unknown>>;
}

/**
 * A user of a fixture: its login id and the credentials to create, in order.
 *
 * @example
 * import type { FixtureUser } from 'credential-lifecycle/mock';
 * const bob: FixtureUser = { loginId: 'bob' };
 */
export interface FixtureUser {
  readonly loginId?: string;
  readonly credentials?: readonly FixtureCredential[];
}

/**
 * A policy of a fixture, as the control API takes it: the type, whether it is
 * the type's default and its parameters as nevisIDM writes them (strings).
 *
 * @example
 * import type { FixturePolicy } from 'credential-lifecycle/mock';
 * const tsp: FixturePolicy = { type: 'TempStrongPasswordPolicy', default: true, parameters: { ticketLen0: '12' } };
 */
export interface FixturePolicy {
  readonly type: string;
  readonly default?: boolean;
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/**
 * One client of a fixture: its policies (applied first) and users.
 *
 * @example
 * import type { FixtureClient } from 'credential-lifecycle/mock';
 * const demo: FixtureClient = { users: { alice: { loginId: 'alice' } } };
 */
export interface FixtureClient {
  readonly policies?: Readonly<Record<string, FixturePolicy>>;
  readonly users?: Readonly<Record<string, FixtureUser>>;
}

/**
 * A fixture file: clients by `extId`.
 *
 * @example
 * import type { Fixture } from 'credential-lifecycle/mock';
 * const fixture: Fixture = { clients: { demo: { users: { alice: {}, bob: {} } } } };
 */
export interface Fixture {
  readonly clients: Readonly<Record<string, FixtureClient>>;
}

const entriesOf = (u: unknown): [string, unknown][] => (isPlainObject(u) ? Object.entries(u) : []);

/** `password, tempstrong-password, ticket or puk`. */
const kindNames = Object.values(pathSegmentOfKind)
  .join(', ')
  .replace(/, (?=[^,]*$)/, ' or ');

const describeFailure = (where: string, response: CoreResponse): string => {
  let detail = response.bodyText ?? '';
  try {
    const parsed: unknown = JSON.parse(detail);
    if (isPlainObject(parsed) && Array.isArray(parsed.errors)) {
      detail = parsed.errors
        .map((e: unknown) => (isPlainObject(e) ? `${String(e.code)}: ${String(e.message)}` : ''))
        .join('; ');
    }
  } catch {
    // keep the raw text
  }
  return `${where}: ${response.status} ${detail}`;
};

/**
 * Applies a fixture (parsed JSON) to a mock: for each client its policies,
 * then its users, then each user's credentials, through the mock's own
 * routes as an administrator with every permission. Returns every problem
 * found, one line each, naming where in the fixture it is.
 *
 * @example
 * import { applyFixture, MockServer } from 'credential-lifecycle/mock';
 * await applyFixture(new MockServer(), { clients: { demo: { users: { alice: { loginId: 'alice' } } } } });
 * // right(undefined)
 */
export const applyFixture = async <S extends MockStore>(
  mock: MockServer<S>,
  fixture: unknown,
): Promise<E.Either<string[], void>> => {
  const problems: string[] = [];
  if (!isPlainObject(fixture) || !isPlainObject(fixture.clients)) {
    return E.left(['$.clients: expected an object of clients by extId']);
  }
  const send = async (where: string, method: string, path: string, body: unknown) => {
    const response = await mock.handle({
      method,
      path,
      headers: { 'content-type': 'application/json' },
      bodyText: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status >= 300) problems.push(describeFailure(where, response));
  };
  for (const [clientExtId, client] of Object.entries(fixture.clients)) {
    const at = `$.clients.${clientExtId}`;
    if (!isPlainObject(client)) {
      problems.push(`${at}: expected an object with policies and users`);
      continue;
    }
    for (const [policyExtId, policy] of entriesOf(client.policies)) {
      await send(
        `${at}.policies.${policyExtId}`,
        'PUT',
        controlPath.policy(clientExtId, policyExtId),
        policy,
      );
    }
    for (const [userExtId, user] of entriesOf(client.users)) {
      const userAt = `${at}.users.${userExtId}`;
      if (!isPlainObject(user)) {
        problems.push(`${userAt}: expected an object`);
        continue;
      }
      const { credentials = [], ...rest } = user;
      await send(userAt, 'PUT', controlPath.user(clientExtId, userExtId), rest);
      if (!Array.isArray(credentials)) {
        problems.push(`${userAt}.credentials: expected an array`);
        continue;
      }
      for (const [i, credential] of credentials.entries()) {
        const credentialAt = `${userAt}.credentials[${i}]`;
        const segment: unknown = isPlainObject(credential) ? credential.kind : undefined;
        const kind = credentialKinds.find((k) => pathSegmentOfKind[k] === segment);
        if (kind === undefined) {
          problems.push(`${credentialAt}.kind: expected ${kindNames}`);
          continue;
        }
        await send(
          credentialAt,
          'POST',
          credentialPath(clientExtId, userExtId, kind),
          isPlainObject(credential) && credential.body !== undefined ? credential.body : {},
        );
      }
    }
  }
  return problems.length === 0 ? E.right(undefined) : E.left(problems);
};

/**
 * Loads parsed JSON into a mock: a state snapshot (JSON with a `format`
 * field, as `GET /__mock/state` writes it) replaces the store's state;
 * anything else is read as a fixture (see {@link applyFixture}). Returns
 * every problem found, one line each.
 *
 * @example
 * import { applyFixtureOrSnapshot, MockServer } from 'credential-lifecycle/mock';
 * await applyFixtureOrSnapshot(new MockServer(), {
 *   format: 'credential-lifecycle/mock-state@1', clock: { offset: 0 }, clients: [], tokens: [],
 * });
 * // => right(undefined)
 */
export const applyFixtureOrSnapshot = async <S extends MockStore>(
  mock: MockServer<S>,
  input: unknown,
): Promise<E.Either<string[], void>> => {
  if (!isSnapshotJson(input)) return applyFixture(mock, input);
  const store = mock.state.store;
  if (store.restore === undefined) return E.left(["$: this mock's store cannot import a state"]);
  const snapshot = decodeSnapshot(input);
  if (E.isLeft(snapshot)) return snapshot;
  await store.restore(snapshot.right);
  return E.right(undefined);
};
