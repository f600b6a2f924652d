/**
 * Shared helpers of the operation tests: a store-backed harness that sends
 * requests the way a server would, principals, paths and codec checks.
 */
import { either as E } from 'fp-ts';
import type * as t from 'io-ts';
import { expect } from 'vitest';
import type { CredentialKind } from '../../src/domain/credential-type.js';
import { pathSegmentOfKind } from '../../src/domain/credential-type.js';
import { ErrorBody } from '../../src/domain/errors.js';
import type { HttpAnswer, Json } from '../../src/operations/answer.js';
import type { Permission, Principal } from '../../src/operations/principal.js';
import { superAdmin } from '../../src/operations/principal.js';
import { authBasePath, coreBasePath } from '../../src/operations/route.js';
import { MemoryStore } from '../../src/operations/store.js';
import { decodePolicy } from '../../src/policy/decode.js';
import type { Policy, PukPolicy, TempStrongPasswordPolicy } from '../../src/policy/policy.js';
import { generatePuk, generateTempStrongPassword } from '../../src/secret/generate.js';
import { seededRandom } from '../../src/secret/random.js';
import { reveal } from '../../src/secret/redacted.js';

export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const DAY = 86_400_000;
/** 2026-05-04T12:00:00Z */
export const T0 = Date.UTC(2026, 4, 4, 12, 0, 0);
export const CLIENT = 'c1';
export const USER = 'u1';
export const OTHER = 'u2';

/** The wire form of dates: `YYYY-MM-DDTHH:mm:ssZ`. */
export const WIRE_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** `…/{segment}[/tail]` of the core API. */
export const corePath = (kind: CredentialKind, tail = '', user = USER, client = CLIENT): string =>
  `${coreBasePath}/${client}/users/${user}/${pathSegmentOfKind[kind]}${tail === '' ? '' : `/${tail}`}`;

/** The login path of the auth API. */
export const loginPathOf = (kind: CredentialKind, user = USER, client = CLIENT): string =>
  `${authBasePath}/${client}/users/${user}/${pathSegmentOfKind[kind]}/login`;

export const admin: Principal = superAdmin('ops');

/** An administrator called `name` with exactly the given permissions. */
export const adminNamed = (name: string, ...permissions: Permission[]): Principal => ({
  _tag: 'Admin',
  name,
  permissions: new Set(permissions),
});

/** An administrator with exactly the given permissions. */
export const adminWithOnly = (...permissions: Permission[]): Principal =>
  adminNamed('limited', ...permissions);

/** The user `userExtId` acting on their own data. */
export const selfAdmin = (userExtId = USER, clientExtId = CLIENT): Principal => ({
  _tag: 'SelfAdmin',
  clientExtId,
  userExtId,
});

/** A store with client c1, users u1 (login id `alice`) and u2, and optional extra policies. */
export const freshStore = (policies: readonly (readonly [Policy, boolean])[] = []): MemoryStore => {
  const store = new MemoryStore();
  store.putUser({ clientExtId: CLIENT, userExtId: USER, loginId: 'alice', credentials: {} });
  store.putUser({ clientExtId: CLIENT, userExtId: OTHER, loginId: 'bob', credentials: {} });
  for (const [policy, isDefault] of policies) store.putPolicy(CLIENT, policy, isDefault);
  return store;
};

/**
 * A client of a store: sends requests at a clock it controls, with a seeded
 * random source, and keeps the whole answer.
 */
export class Harness {
  now: number;
  readonly store: MemoryStore;
  readonly #random;

  constructor(store: MemoryStore = freshStore(), now = T0, seed = 1) {
    this.store = store;
    this.now = now;
    this.#random = seededRandom(seed);
  }

  send(method: string, path: string, body?: unknown, principal: Principal = admin): HttpAnswer {
    return this.store.handle(
      { method, path, body, principal },
      { now: this.now, random: this.#random },
    );
  }

  advance(ms: number): this {
    this.now += ms;
    return this;
  }

  create(kind: CredentialKind, body: unknown = {}, principal?: Principal): HttpAnswer {
    return this.send('POST', corePath(kind), body, principal);
  }

  get(kind: CredentialKind, principal?: Principal): HttpAnswer {
    return this.send('GET', corePath(kind), undefined, principal);
  }

  patch(kind: CredentialKind, body: unknown, principal?: Principal): HttpAnswer {
    return this.send('PATCH', corePath(kind), body, principal);
  }

  remove(kind: CredentialKind, principal?: Principal): HttpAnswer {
    return this.send('DELETE', corePath(kind), undefined, principal);
  }

  reset(kind: CredentialKind, body?: unknown, principal?: Principal): HttpAnswer {
    return this.send('POST', corePath(kind, 'reset'), body, principal);
  }

  unlock(principal?: Principal): HttpAnswer {
    return this.send('POST', corePath('password', 'unlock'), undefined, principal);
  }

  login(kind: CredentialKind, secret: string, principal?: Principal): HttpAnswer {
    return this.send('POST', loginPathOf(kind), { [kind]: secret }, principal);
  }
}

/** The body of an answer as a JSON object (fails the test otherwise). */
export const objectBody = (answer: HttpAnswer): { readonly [key: string]: Json } => {
  const body = answer.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    expect.fail(`expected an object body, got ${JSON.stringify(body)} (status ${answer.status})`);
  }
  return body as { readonly [key: string]: Json };
};

/** A string field of an answer body. */
export const stringField = (answer: HttpAnswer, key: string): string => {
  const value = objectBody(answer)[key];
  if (typeof value !== 'string')
    expect.fail(`expected ${key} to be a string, got ${String(value)}`);
  return value;
};

/** A number field of an answer body. */
export const numberField = (answer: HttpAnswer, key: string): number => {
  const value = objectBody(answer)[key];
  if (typeof value !== 'number')
    expect.fail(`expected ${key} to be a number, got ${String(value)}`);
  return value;
};

/** Checks an error answer: status, the nevis error body and the code of its (first) entry. */
export const expectError = (answer: HttpAnswer, status: number, code: string): void => {
  const decoded = ErrorBody.decode(answer.body);
  const codes = E.isRight(decoded) ? decoded.right.errors.map((e) => e.code) : [];
  expect({ status: answer.status, code: codes[0], decodes: E.isRight(decoded) }).toEqual({
    status,
    code,
    decodes: true,
  });
};

/** Decodes with a codec, failing the test with the first error path. */
export const decodes = <A, O>(codec: t.Type<A, O, unknown>, value: unknown): A => {
  const r = codec.decode(value);
  if (E.isLeft(r)) expect.fail(`${codec.name} rejects ${JSON.stringify(value)}`);
  return r.right;
};

/** The wire date of an instant. */
export const wire = (at: number): string => new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A password policy that never locks (`never-locks`): every failed login is a change. */
export const neverLocks: Policy = (() => {
  const decoded = decodePolicy('PwdPolicy', 'never-locks', {
    maxCredFailureCount: '-1',
    tmpLockingThreshold: '-1',
  });
  if (E.isLeft(decoded)) throw new Error('never-locks policy');
  return decoded.right.policy;
})();

/** The password of {@link storeWithPassword}'s u1. */
export const PASSWORD = 'Str0ng!pass';

/** A fresh store where u1 holds a password, under the default policies or one that never locks. */
export const storeWithPassword = (policy: 'default' | 'never-locks' = 'default'): MemoryStore => {
  const h = new Harness(freshStore(policy === 'default' ? [] : [[neverLocks, true]]));
  expect(h.create('password', { password: PASSWORD }).status).toBe(201);
  return h.store;
};

/**
 * The TSP a fresh `Harness` (seed 1) generates first under `policy`: the same
 * draw replayed, for the out-of-band part 1 that no answer shows.
 */
export const replayedTempStrongPassword = (
  policy: TempStrongPasswordPolicy,
  seed = 1,
): { readonly part0: string; readonly part1: string } => {
  const parts = generateTempStrongPassword(policy, seededRandom(seed));
  if (E.isLeft(parts)) expect.fail(parts.left.message);
  return { part0: reveal(parts.right.part0), part1: reveal(parts.right.part1) };
};

/** The PUK a fresh `Harness` (seed 1) generates first under `policy`, replayed. */
export const replayedPuk = (policy: PukPolicy, seed = 1): string => {
  const puk = generatePuk(policy, seededRandom(seed));
  if (E.isLeft(puk)) expect.fail(puk.left.message);
  return reveal(puk.right);
};
