/**
 * State snapshots: the whole state of a mock's store as JSON, and back.
 * `GET /__mock/state` writes one, `PUT /__mock/state` and
 * `serve --fixture` read one. Credentials carry their hashes only; instants
 * are epoch milliseconds, as the store keeps them, so that exporting,
 * importing and exporting again gives the same JSON.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import type * as t from 'io-ts';
import { CredentialKind, credentialKinds } from '../domain/credential-type.js';
import { ErrorCode, isPlainObject, validationEntries } from '../domain/errors.js';
import { extIdExpectation, isExtId } from '../domain/ext-id.js';
import { isInstant } from '../domain/instant.js';
import type { Json, JsonObject } from '../operations/answer.js';
import type { PolicyBook } from '../operations/policy-book.js';
import { StoredCredentialCodec } from '../operations/stored-credential.js';
import type { StoredCredential, UserCredentials, UserRecord } from '../operations/user.js';
import {
  PasswordPolicy,
  type Policy,
  PolicyType,
  PukPolicy,
  TempStrongPasswordPolicy,
  TicketPolicy,
} from '../policy/policy.js';
import { parseHash } from '../secret/hash.js';
import type { ClockSetting } from './clock.js';
import { describeControlValue as describe } from './control-route.js';
import type { ClientSnapshot, StoreSnapshot, TokenOwner } from './store.js';

/**
 * The `format` field of every snapshot: what tells it apart from a fixture.
 *
 * @example
 * import { snapshotFormat } from 'credential-lifecycle/mock';
 * snapshotFormat; // 'credential-lifecycle/mock-state@1'
 */
export const snapshotFormat = 'credential-lifecycle/mock-state@1';

/**
 * Whether parsed JSON claims to be a snapshot (its `format` field), rather
 * than a fixture.
 *
 * @example
 * import { isSnapshotJson } from 'credential-lifecycle/mock';
 * isSnapshotJson({ format: 'credential-lifecycle/mock-state@1' }); // true
 * isSnapshotJson({ clients: {} }); // false
 */
export const isSnapshotJson = (u: unknown): boolean => isPlainObject(u) && 'format' in u;

const json = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

const credentialsJson = (credentials: UserCredentials): JsonObject =>
  Object.fromEntries(Object.entries(credentials).map(([kind, c]) => [kind, json(c)]));

/**
 * A snapshot as JSON: `{format, clock, clients: [{clientExtId, defaults,
 * policies, users: [{userExtId, loginId?, credentials}]}], tokens: [{token,
 * clientExtId, userExtId}]}`, everything in the store's order.
 *
 * @example
 * import { clockAtRest, encodeSnapshot } from 'credential-lifecycle/mock';
 * encodeSnapshot({ clients: [], tokens: [], clock: clockAtRest });
 * // => { format: 'credential-lifecycle/mock-state@1', clock: { offset: 0 }, clients: [], tokens: [] }
 */
export const encodeSnapshot = (snapshot: StoreSnapshot): JsonObject => ({
  format: snapshotFormat,
  clock: json(snapshot.clock),
  clients: snapshot.clients.map((client) => ({
    clientExtId: client.clientExtId,
    defaults: { ...client.policies.defaults },
    policies: Array.from(client.policies.policies.values(), json),
    users: client.users.map((user) => ({
      userExtId: user.userExtId,
      ...(user.loginId === undefined ? {} : { loginId: user.loginId }),
      credentials: credentialsJson(user.credentials),
    })),
  })),
  tokens: snapshot.tokens.map(([token, owner]) => ({
    token,
    clientExtId: owner.clientExtId,
    userExtId: owner.userExtId,
  })),
});

const credentialFields = new Set([
  'kind',
  'extId',
  'policyExtId',
  'secretHash',
  'lifecycle',
  'createdBy',
  'modifiedBy',
  'identification',
  'context',
  'history',
]);

/** The codec of each policy type: its fields, and the decoder of a whole policy. */
interface PolicyCodec {
  readonly props: t.Props;
  readonly decode: (u: unknown) => E.Either<t.Errors, Policy>;
}

const policyCodecs: { readonly [T in PolicyType]: PolicyCodec } = {
  PwdPolicy: PasswordPolicy,
  TempStrongPasswordPolicy,
  TicketPolicy,
  PUKPolicy: PukPolicy,
};

/** Problems collected while reading, each a message naming its JSON path. */
type Problems = string[];

/** The messages of io-ts errors, their root `$` replaced by `at`. */
const entriesAt = (at: string, errors: t.Errors): string[] =>
  validationEntries(errors, ErrorCode.invalidValue).map((e) => `${at}${e.message.slice(1)}`);

const unknownFields = (
  at: string,
  u: Readonly<Record<string, unknown>>,
  allowed: ReadonlySet<string>,
): string[] =>
  Object.keys(u)
    .filter((k) => !allowed.has(k))
    .map((k) => `${at}.${k}: unknown field; allowed: ${[...allowed].join(', ')}`);

const arrayAt = (at: string, u: unknown, problems: Problems): readonly unknown[] => {
  if (Array.isArray(u)) return u;
  problems.push(`${at}: got ${describe(u)}, expected an array`);
  return [];
};

const objectAt = (
  at: string,
  u: unknown,
  problems: Problems,
): Readonly<Record<string, unknown>> | undefined => {
  if (isPlainObject(u)) return u;
  problems.push(`${at}: got ${describe(u)}, expected an object`);
  return undefined;
};

const idAt = (at: string, u: unknown, problems: Problems): string | undefined => {
  if (typeof u === 'string' && isExtId(u)) return u;
  problems.push(`${at}: got ${describe(u)}, expected ${extIdExpectation}`);
  return undefined;
};

const hashAt = (at: string, u: string, problems: Problems): void => {
  const parsed = parseHash(u);
  if (E.isLeft(parsed)) {
    problems.push(
      `${at}: expected a stored hash ({SSHA256}…, $argon2id$…, …): ${parsed.left.message}`,
    );
  }
};

const readClock = (u: unknown, problems: Problems): ClockSetting => {
  const clock = objectAt('$.clock', u, problems);
  if (clock === undefined) return { offset: 0 };
  problems.push(...unknownFields('$.clock', clock, new Set(['frozenAt', 'offset'])));
  const { frozenAt, offset } = clock;
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset)) {
    problems.push(`$.clock.offset: got ${describe(offset)}, expected whole milliseconds`);
  }
  if (frozenAt !== undefined && !isInstant(frozenAt)) {
    problems.push(`$.clock.frozenAt: got ${describe(frozenAt)}, expected epoch milliseconds`);
  }
  return isInstant(frozenAt)
    ? { frozenAt, offset: typeof offset === 'number' ? offset : 0 }
    : { offset: typeof offset === 'number' ? offset : 0 };
};

const readPolicy = (at: string, u: unknown, problems: Problems): Policy | undefined => {
  const policy = objectAt(at, u, problems);
  if (policy === undefined) return undefined;
  if (!PolicyType.is(policy.type)) {
    problems.push(
      `${at}.type: got ${describe(policy.type)}, expected one of ${Object.keys(PolicyType.keys).join(', ')}`,
    );
    return undefined;
  }
  const codec = policyCodecs[policy.type];
  const found = unknownFields(at, policy, new Set(Object.keys(codec.props)));
  idAt(`${at}.extId`, policy.extId, found);
  const decoded = codec.decode(policy);
  if (E.isLeft(decoded)) found.push(...entriesAt(at, decoded.left));
  problems.push(...found);
  return found.length === 0 && E.isRight(decoded) ? decoded.right : undefined;
};

const readCredential = (
  at: string,
  kind: string,
  u: unknown,
  policies: ReadonlySet<string>,
  problems: Problems,
): StoredCredential | undefined => {
  if (!CredentialKind.is(kind)) {
    problems.push(`${at}: unknown credential kind; allowed: ${credentialKinds.join(', ')}`);
    return undefined;
  }
  const credential = objectAt(at, u, problems);
  if (credential === undefined) return undefined;
  const found = unknownFields(at, credential, credentialFields);
  const decoded = StoredCredentialCodec.decode(credential);
  if (E.isLeft(decoded)) {
    problems.push(...found, ...entriesAt(at, decoded.left));
    return undefined;
  }
  const c = decoded.right;
  if (c.kind !== kind)
    found.push(`${at}.kind: got ${describe(c.kind)}, expected ${describe(kind)}`);
  if (c.lifecycle.context.kind !== kind) {
    found.push(
      `${at}.lifecycle.context.kind: got ${describe(c.lifecycle.context.kind)}, expected ${describe(kind)}`,
    );
  }
  idAt(`${at}.extId`, c.extId, found);
  if (!policies.has(c.policyExtId)) {
    found.push(
      `${at}.policyExtId: got ${describe(c.policyExtId)}, expected a policy of the client`,
    );
  }
  hashAt(`${at}.secretHash`, c.secretHash, found);
  for (const [i, h] of (c.history ?? []).entries()) hashAt(`${at}.history[${i}]`, h, found);
  problems.push(...found);
  return found.length === 0 ? (c as StoredCredential) : undefined;
};

const readUser = (
  at: string,
  clientExtId: string,
  u: unknown,
  policies: ReadonlySet<string>,
  problems: Problems,
): UserRecord | undefined => {
  const user = objectAt(at, u, problems);
  if (user === undefined) return undefined;
  const before = problems.length;
  problems.push(...unknownFields(at, user, new Set(['userExtId', 'loginId', 'credentials'])));
  const userExtId = idAt(`${at}.userExtId`, user.userExtId, problems);
  const { loginId } = user;
  if (loginId !== undefined && typeof loginId !== 'string') {
    problems.push(`${at}.loginId: got ${describe(loginId)}, expected a string`);
  }
  const credentials: Record<string, StoredCredential> = {};
  for (const [kind, c] of Object.entries(
    objectAt(`${at}.credentials`, user.credentials, problems) ?? {},
  )) {
    const read = readCredential(`${at}.credentials.${kind}`, kind, c, policies, problems);
    if (read !== undefined) credentials[kind] = read;
  }
  if (problems.length > before || userExtId === undefined) return undefined;
  return {
    clientExtId,
    userExtId,
    ...(typeof loginId === 'string' ? { loginId } : {}),
    credentials,
  };
};

const duplicate = (at: string, what: string, id: string): string =>
  `${at}: ${what} ${describe(id)} appears more than once`;

const readClient = (at: string, u: unknown, problems: Problems): ClientSnapshot | undefined => {
  const client = objectAt(at, u, problems);
  if (client === undefined) return undefined;
  const before = problems.length;
  problems.push(
    ...unknownFields(at, client, new Set(['clientExtId', 'defaults', 'policies', 'users'])),
  );
  const clientExtId = idAt(`${at}.clientExtId`, client.clientExtId, problems);
  const policies = new Map<string, Policy>();
  const listed = arrayAt(`${at}.policies`, client.policies, problems);
  // Ids as written: a policy with a bad parameter is one problem, not also
  // one for each default and credential that names it.
  const policyIds = new Set(
    listed
      .map((p) => (isPlainObject(p) ? p.extId : undefined))
      .filter((id) => typeof id === 'string'),
  );
  for (const [i, p] of listed.entries()) {
    const policy = readPolicy(`${at}.policies[${i}]`, p, problems);
    if (policy === undefined) continue;
    if (policies.has(policy.extId))
      problems.push(duplicate(`${at}.policies[${i}]`, 'policy', policy.extId));
    policies.set(policy.extId, policy);
  }
  const defaults: Record<string, string> = {};
  const given = objectAt(`${at}.defaults`, client.defaults, problems) ?? {};
  problems.push(...unknownFields(`${at}.defaults`, given, new Set(Object.keys(PolicyType.keys))));
  for (const type of Object.keys(PolicyType.keys)) {
    const extId = given[type];
    if (typeof extId === 'string' && policyIds.has(extId)) defaults[type] = extId;
    else
      problems.push(
        `${at}.defaults.${type}: got ${describe(extId)}, expected the extId of one of the client's policies`,
      );
  }
  const users: UserRecord[] = [];
  const seen = new Set<string>();
  for (const [i, v] of arrayAt(`${at}.users`, client.users, problems).entries()) {
    const user = readUser(`${at}.users[${i}]`, clientExtId ?? '', v, policyIds, problems);
    if (user === undefined) continue;
    if (seen.has(user.userExtId))
      problems.push(duplicate(`${at}.users[${i}]`, 'user', user.userExtId));
    seen.add(user.userExtId);
    users.push(user);
  }
  if (problems.length > before || clientExtId === undefined) return undefined;
  return {
    clientExtId,
    policies: { policies, defaults: defaults as PolicyBook['defaults'] },
    users,
  };
};

/** The users each client of the snapshot lists, as written (valid or not). */
const listedUsers = (clients: unknown): ReadonlyMap<unknown, ReadonlySet<unknown>> =>
  new Map(
    (Array.isArray(clients) ? clients : [])
      .filter(isPlainObject)
      .map((c) => [
        c.clientExtId,
        new Set(
          (Array.isArray(c.users) ? c.users : [])
            .filter(isPlainObject)
            .map((user) => user.userExtId),
        ),
      ]),
  );

const readTokens = (
  u: unknown,
  users: ReadonlyMap<unknown, ReadonlySet<unknown>>,
  problems: Problems,
): (readonly [string, TokenOwner])[] => {
  const tokens: (readonly [string, TokenOwner])[] = [];
  const seen = new Set<string>();
  for (const [i, v] of arrayAt('$.tokens', u, problems).entries()) {
    const at = `$.tokens[${i}]`;
    const entry = objectAt(at, v, problems);
    if (entry === undefined) continue;
    const found = unknownFields(at, entry, new Set(['token', 'clientExtId', 'userExtId']));
    const { token, clientExtId, userExtId } = entry;
    if (typeof token !== 'string' || token === '') {
      found.push(`${at}.token: got ${describe(token)}, expected a non-empty string`);
    } else if (seen.has(token)) {
      found.push(duplicate(at, 'token', token));
    }
    if (users.get(clientExtId)?.has(userExtId) !== true) {
      found.push(
        `${at}: no user ${describe(userExtId)} in client ${describe(clientExtId)} of the snapshot`,
      );
    }
    problems.push(...found);
    if (found.length === 0 && typeof token === 'string') {
      seen.add(token);
      tokens.push([token, { clientExtId: String(clientExtId), userExtId: String(userExtId) }]);
    }
  }
  return tokens;
};

/**
 * Reads a snapshot from parsed JSON (as {@link encodeSnapshot} writes it).
 * Every problem is one message naming its JSON path: unknown fields, bad
 * ids, values the codecs refuse, a credential whose secret is not a stored
 * hash, defaults or tokens naming what the snapshot lacks, duplicates.
 * Never throws.
 *
 * @example
 * import { decodeSnapshot } from 'credential-lifecycle/mock';
 * decodeSnapshot({ format: 'credential-lifecycle/mock-state@1', clock: { offset: 0 }, clients: [], tokens: [] });
 * // => right({ clients: [], tokens: [], clock: { offset: 0 } })
 * decodeSnapshot({ format: 'credential-lifecycle/mock-state@1', clock: { offset: 'x' }, clients: [], tokens: [] });
 * // => left(['$.clock.offset: got "x", expected whole milliseconds'])
 */
export const decodeSnapshot = (u: unknown): E.Either<[string, ...string[]], StoreSnapshot> => {
  const problems: Problems = [];
  const root = objectAt('$', u, problems);
  if (root === undefined) return E.left([`$: got ${describe(u)}, expected a snapshot object`]);
  problems.push(...unknownFields('$', root, new Set(['format', 'clock', 'clients', 'tokens'])));
  if (root.format !== snapshotFormat) {
    problems.push(`$.format: got ${describe(root.format)}, expected ${describe(snapshotFormat)}`);
  }
  const clock = readClock(root.clock, problems);
  const clients: ClientSnapshot[] = [];
  for (const [i, c] of arrayAt('$.clients', root.clients, problems).entries()) {
    const client = readClient(`$.clients[${i}]`, c, problems);
    if (client === undefined) continue;
    if (clients.some((other) => other.clientExtId === client.clientExtId)) {
      problems.push(duplicate(`$.clients[${i}]`, 'client', client.clientExtId));
    }
    clients.push(client);
  }
  const tokens = readTokens(root.tokens, listedUsers(root.clients), problems);
  const [first, ...rest] = problems;
  return first === undefined ? E.right({ clients, tokens, clock }) : E.left([first, ...rest]);
};
