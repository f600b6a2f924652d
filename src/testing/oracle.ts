/**
 * The oracle: the library's own prediction of what a conforming system
 * answers, and the comparison of a real answer with it.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import {
  adminOnlyFields,
  type CredentialKind,
  decodePolicy,
  errorAnswer,
  hashSecret,
  type Instant,
  isPlainObject,
  MemoryStore,
  matchRoute,
  type Policy,
  type PolicyType,
  policyInForce,
  principalFromHeaders,
  type RandomSource,
  type RouteMatch,
  seededRandom,
  verifySecret,
  withCredential,
} from '../index.js';
import { defaultStart, type SutRequest, type SutResponse } from './system.js';

/**
 * A policy as the control API takes it: nevisIDM's string map.
 *
 * @example
 * import type { PolicySetup } from 'credential-lifecycle/testing';
 * const p: PolicySetup = { extId: 'tsp', type: 'TempStrongPasswordPolicy', isDefault: true, parameters: { ticketLen1: '0' } };
 */
export interface PolicySetup {
  readonly extId: string;
  readonly type: PolicyType;
  readonly isDefault: boolean;
  readonly parameters: Readonly<Record<string, string>>;
}

/**
 * A user of the setup, with the login id the password rules read.
 *
 * @example
 * import type { UserSetup } from 'credential-lifecycle/testing';
 * const alice: UserSetup = { userExtId: 'alice', loginId: 'alice' };
 */
export interface UserSetup {
  readonly userExtId: string;
  readonly loginId?: string;
}

/**
 * What the oracle starts from: one client, its users (without credentials)
 * and its policies on top of the four defaults.
 *
 * @example
 * import type { OracleSetup } from 'credential-lifecycle/testing';
 * const setup: OracleSetup = { clientExtId: 'c1', users: [{ userExtId: 'u1' }], policies: [] };
 */
export interface OracleSetup {
  readonly clientExtId: string;
  readonly users: readonly UserSetup[];
  readonly policies: readonly PolicySetup[];
  /** The model's clock at the start. Default 2026-01-01T00:00:00Z. */
  readonly start?: Instant;
}

/**
 * How strictly {@link Oracle.observe} compares: dates only when the real
 * system's clock is the oracle's.
 *
 * @example
 * import type { ObserveOptions } from 'credential-lifecycle/testing';
 * const options: ObserveOptions = { dates: false, at: Date.UTC(2026, 0, 1) };
 */
export interface ObserveOptions {
  /** Compare `created`, `lastModified`, login dates and `validity`. Default `true`. */
  readonly dates?: boolean;
  /** The instant the model handles the request at. Default: the oracle's clock. */
  readonly at?: Instant;
}

const exactFields = [
  'type',
  'version',
  'stateName',
  'stateChangeReason',
  'successfulLoginCount',
  'failedLoginCount',
  'resetCount',
  'failureCount',
  'successCount',
  'policyExtId',
  'userExtId',
  'identification',
  'context',
  'modificationComment',
] as const;

const dateFields = [
  'created',
  'lastModified',
  'lastSuccessfulLoginDate',
  'lastFailedLoginDate',
  'lastChangeDate',
] as const;

/**
 * Whether a value looks like a stored hash (`{SCHEME}…`, or `$id$…` as
 * bcrypt, Argon2id and passlib write it) rather than a plaintext.
 *
 * @example
 * import { isHashValue } from 'credential-lifecycle/testing';
 * isHashValue('{SSHA256}abc='); // true
 * isHashValue('$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA'); // true
 * isHashValue('x7Kq'); // false
 */
export const isHashValue = (u: unknown): u is string =>
  typeof u === 'string' && /^(\{[A-Za-z0-9-]+\}|\$[a-z0-9-]+\$)/.test(u);

/** `{SCHEME}` or `$id$`. */
const schemeOf = (hash: string): string =>
  hash.slice(0, hash.startsWith('$') ? hash.indexOf('$', 1) + 1 : hash.indexOf('}') + 1);

const show = (u: unknown): string => (u === undefined ? 'nothing' : JSON.stringify(u));

const codesOf = (body: unknown): string[] | undefined => {
  if (!isPlainObject(body) || !Array.isArray(body.errors)) return undefined;
  return body.errors.map((e: unknown) => (isPlainObject(e) ? String(e.code) : '?'));
};

const charsetOf = (policy: Policy): string => {
  switch (policy.type) {
    case 'PwdPolicy':
      return policy.generatedPasswordCharacterSet;
    case 'TempStrongPasswordPolicy':
    case 'TicketPolicy':
      return policy.ticketCharacterSet;
    case 'PUKPolicy':
      return policy.pukCharacterSet;
  }
};

/** The shape problems of a generated plaintext: its length and its characters. */
const shapeProblems = (
  what: string,
  expected: string,
  actual: unknown,
  policy: Policy | undefined,
): string[] => {
  if (typeof actual !== 'string') return [`${what}: expected a plaintext, got ${show(actual)}`];
  const chars: readonly string[] = Array.from(actual);
  if (isHashValue(actual)) return [`${what}: expected a plaintext, got a hash`];
  const problems: string[] = [];
  const length = Array.from(expected).length;
  if (chars.length !== length) {
    problems.push(`${what}: expected ${length} characters, got ${chars.length}`);
  }
  if (policy !== undefined) {
    const allowed = new Set(Array.from(charsetOf(policy)));
    const foreign = chars.filter((c) => !allowed.has(c));
    if (foreign.length > 0) {
      problems.push(`${what}: ${foreign.length} character(s) outside the policy's character set`);
    }
  }
  return problems;
};

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

interface Knowledge {
  /** Whether the create named the extId (else the system chose it). */
  readonly extIdGiven: boolean;
  /** The whole plaintext, when an answer or the request revealed it. */
  readonly secret: string | undefined;
}

const pathnameOf = (location: string): string => {
  try {
    return new URL(location, 'http://x').pathname;
  } catch {
    return location;
  }
};

/**
 * The oracle: a `MemoryStore` run with the same setup and clock as the
 * system under test, which predicts each answer, compares the real one with
 * it, and learns the secrets the real system reveals. Generated secrets
 * differ between the two, so when a real answer shows a plaintext (a TSP
 * first part that is the whole TSP, an exposed ticket or PUK, a
 * `passwordFragment`) the oracle re-hashes it into its own credential; later
 * logins with it are then predicted correctly, and the hash a later GET
 * returns must verify against it.
 *
 * @example
 * import { Oracle } from 'credential-lifecycle/testing';
 * const oracle = new Oracle({ clientExtId: 'c1', users: [{ userExtId: 'u1' }], policies: [] });
 * oracle.predict({ method: 'POST', path: '/nevisidm/api/core/v1/c1/users/u1/ticket', body: {} }).status; // 201
 */
export class Oracle {
  /** The model's store: inspect it to see what the oracle believes. */
  readonly store: MemoryStore = new MemoryStore();
  /** The client every request is about. */
  readonly clientExtId: string;
  #now: Instant;
  readonly #random: RandomSource;
  readonly #tokens = new Map<string, { clientExtId: string; userExtId: string }>();
  readonly #knowledge = new Map<string, Knowledge>();

  /**
   * Builds the model from a setup; a policy the library cannot decode throws.
   *
   * @example
   * import { Oracle } from 'credential-lifecycle/testing';
   * new Oracle({ clientExtId: 'c1', users: [], policies: [], start: Date.UTC(2026, 0, 1) });
   */
  constructor(setup: OracleSetup, seed = 1) {
    this.clientExtId = setup.clientExtId;
    this.#now = setup.start ?? defaultStart;
    this.#random = seededRandom(seed);
    for (const user of setup.users) {
      this.store.putUser({
        clientExtId: setup.clientExtId,
        userExtId: user.userExtId,
        ...(user.loginId === undefined ? {} : { loginId: user.loginId }),
        credentials: {},
      });
    }
    for (const p of setup.policies) {
      const decoded = decodePolicy(p.type, p.extId, p.parameters);
      if (E.isLeft(decoded)) {
        throw new Error(
          `policy ${p.extId}: ${decoded.left.errors.map((e) => e.message).join('; ')}`,
        );
      }
      this.store.putPolicy(setup.clientExtId, decoded.right.policy, p.isDefault);
    }
  }

  /**
   * The model's clock.
   *
   * @example
   * import { Oracle } from 'credential-lifecycle/testing';
   * new Oracle({ clientExtId: 'c', users: [], policies: [], start: 0 }).now; // 0
   */
  get now(): Instant {
    return this.#now;
  }

  /**
   * Moves the model's clock forward.
   *
   * @example
   * import { Oracle } from 'credential-lifecycle/testing';
   * const oracle = new Oracle({ clientExtId: 'c', users: [], policies: [], start: 0 });
   * oracle.advance(60_000);
   * oracle.now; // 60_000
   */
  advance(ms: number): void {
    this.#now += ms;
  }

  /**
   * Sets the model's clock.
   *
   * @example
   * import { Oracle } from 'credential-lifecycle/testing';
   * new Oracle({ clientExtId: 'c', users: [], policies: [] }).setNow(Date.UTC(2027, 0, 1));
   */
  setNow(at: Instant): void {
    this.#now = at;
  }

  /**
   * Tells the oracle which user a self-admin token (`X-Token`) stands for.
   *
   * @example
   * import { Oracle } from 'credential-lifecycle/testing';
   * new Oracle({ clientExtId: 'c1', users: [{ userExtId: 'u1' }], policies: [] }).registerToken('t-1', 'u1');
   */
  registerToken(token: string, userExtId: string): void {
    this.#tokens.set(token, { clientExtId: this.clientExtId, userExtId });
  }

  /**
   * The whole plaintext of a user's credential of a kind, when a request or
   * an answer revealed it and the credential still exists in the model.
   *
   * @example
   * import { Oracle } from 'credential-lifecycle/testing';
   * new Oracle({ clientExtId: 'c1', users: [{ userExtId: 'u1' }], policies: [] }).knownSecret('u1', 'puk'); // undefined
   */
  knownSecret(userExtId: string, kind: CredentialKind): string | undefined {
    if (this.store.user(this.clientExtId, userExtId)?.credentials[kind] === undefined)
      return undefined;
    return this.#knowledge.get(`${userExtId} ${kind}`)?.secret;
  }

  /**
   * The version the model holds for a user's credential of a kind.
   *
   * @example
   * import { Oracle } from 'credential-lifecycle/testing';
   * new Oracle({ clientExtId: 'c1', users: [{ userExtId: 'u1' }], policies: [] }).versionOf('u1', 'ticket'); // undefined
   */
  versionOf(userExtId: string, kind: CredentialKind): number | undefined {
    return this.store.user(this.clientExtId, userExtId)?.credentials[kind]?.lifecycle.context
      .version;
  }

  /**
   * Runs a request on the model (changing it) and returns the answer a
   * conforming system gives, as JSON.
   *
   * @example
   * import { Oracle } from 'credential-lifecycle/testing';
   * const oracle = new Oracle({ clientExtId: 'c1', users: [{ userExtId: 'u1' }], policies: [] });
   * oracle.predict({ method: 'GET', path: '/nevisidm/api/core/v1/c1/users/u1/puk' }).status; // 404
   */
  predict(request: SutRequest, at: Instant = this.#now): SutResponse {
    const caller = principalFromHeaders(request.headers, (t) => this.#tokens.get(t), 'admin');
    if (E.isLeft(caller)) {
      const refused = errorAnswer(caller.left);
      return { status: refused.status, headers: { ...refused.headers }, body: refused.body };
    }
    const principal = caller.right;
    const answer = this.store.handle(
      {
        method: request.method,
        path: request.path,
        body: request.body === undefined ? undefined : JSON.parse(JSON.stringify(request.body)),
        principal,
      },
      { now: at, random: this.#random },
    );
    return {
      status: answer.status,
      headers: answer.headers,
      body: answer.body === undefined ? undefined : JSON.parse(JSON.stringify(answer.body)),
    };
  }

  /**
   * Predicts the answer to a request, compares the real answer with it and
   * learns what the real answer reveals. Returns the differences, one line
   * each; empty when the real system conforms.
   *
   * @example
   * import { Oracle } from 'credential-lifecycle/testing';
   * const oracle = new Oracle({ clientExtId: 'c1', users: [{ userExtId: 'u1' }], policies: [] });
   * const request = { method: 'GET', path: '/nevisidm/api/core/v1/c1/users/u1/puk' };
   * oracle.observe(request, { status: 200, headers: {}, body: {} });
   * // ['status: expected 404, got 200 …']
   */
  observe(request: SutRequest, actual: SutResponse, options: ObserveOptions = {}): string[] {
    const route = matchRoute(request.method, request.path);
    const routeMatch = E.isRight(route) ? route.right : undefined;
    const before =
      routeMatch === undefined ? undefined : this.#knowledge.get(this.#key(routeMatch));
    const expected = this.predict(request, options.at ?? this.#now);
    const policy = routeMatch === undefined ? undefined : this.#policyOf(routeMatch);
    const problems = compareResponses(expected, actual, {
      dates: options.dates ?? true,
      kind: routeMatch?.kind,
      extIdGiven:
        routeMatch?.action === 'create' ? hasExtId(request.body) : (before?.extIdGiven ?? false),
      knownSecret:
        routeMatch?.action === 'create' || routeMatch?.action === 'reset'
          ? undefined
          : before?.secret,
      policy,
    });
    if (problems.length === 0 && routeMatch !== undefined) this.#learn(routeMatch, request, actual);
    return problems;
  }

  #key(route: RouteMatch): string {
    return `${route.userExtId} ${route.kind}`;
  }

  #policyOf(route: RouteMatch): Policy | undefined {
    const credential = this.store.user(route.clientExtId, route.userExtId)?.credentials[route.kind];
    return credential === undefined
      ? undefined
      : policyInForce(this.store.policies(route.clientExtId), route.kind, credential.policyExtId);
  }

  #learn(route: RouteMatch, request: SutRequest, actual: SutResponse): void {
    const key = this.#key(route);
    const ok = actual.status >= 200 && actual.status < 300;
    if (!ok) return;
    if (route.action === 'delete') {
      this.#knowledge.delete(key);
      return;
    }
    if (route.action !== 'create' && route.action !== 'reset') return;
    const secret = revealedSecret(route.kind, request.body, actual.body, this.#policyOf(route));
    const previous = this.#knowledge.get(key);
    this.#knowledge.set(key, {
      extIdGiven:
        route.action === 'create' ? hasExtId(request.body) : (previous?.extIdGiven ?? false),
      secret,
    });
    if (secret === undefined) return;
    const user = this.store.user(route.clientExtId, route.userExtId);
    const credential = user?.credentials[route.kind];
    const policy = this.#policyOf(route);
    if (user === undefined || credential === undefined || policy === undefined) return;
    this.store.putUser(
      withCredential(user, route.kind, {
        ...credential,
        secretHash: hashSecret(secret, {
          algorithm: policy.hashAlgorithm,
          parameters: policy.hashParameters,
          random: this.#random,
        }),
      }),
    );
  }
}

const hasExtId = (body: unknown): boolean => isPlainObject(body) && typeof body.extId === 'string';

/** The whole plaintext a successful create or reset revealed (request or answer). */
const revealedSecret = (
  kind: CredentialKind,
  requestBody: unknown,
  answer: unknown,
  policy: Policy | undefined,
): string | undefined => {
  if (kind === 'password') {
    if (isPlainObject(requestBody) && typeof requestBody.password === 'string') {
      return requestBody.password;
    }
    const fragment = isPlainObject(answer) ? answer.passwordFragment : undefined;
    return typeof fragment === 'string' ? fragment : undefined;
  }
  const value = isPlainObject(answer) ? answer[kind] : undefined;
  if (typeof value !== 'string' || isHashValue(value)) return undefined;
  if (kind === 'tempStrongPassword') {
    return policy?.type === 'TempStrongPasswordPolicy' && policy.ticketLen1 === 0
      ? value
      : undefined;
  }
  return value;
};

/**
 * What a comparison needs besides the two answers.
 *
 * @example
 * import type { CompareContext } from 'credential-lifecycle/testing';
 * const context: CompareContext = { dates: false, kind: 'puk', extIdGiven: false, knownSecret: undefined, policy: undefined };
 */
export interface CompareContext {
  /** Compare date fields. */
  readonly dates: boolean;
  /** The kind the request is about, when it names one. */
  readonly kind: CredentialKind | undefined;
  /** Compare `extId` (it was chosen by the caller, not generated). */
  readonly extIdGiven: boolean;
  /** A plaintext the returned hash must verify against. */
  readonly knownSecret: string | undefined;
  /** The credential's policy, for the shape of generated secrets. */
  readonly policy: Policy | undefined;
}

/**
 * The differences between a predicted and a real answer: status; error
 * codes; for credential resources the deterministic fields (state,
 * counters, version, reason, type, policy, dates when `dates`), the presence
 * of the admin-only fields, and the value field (hash with the same scheme,
 * or a plaintext of the right length and characters, which must verify
 * against a hash shown later); login status codes; `passwordFragment`;
 * `Location`.
 *
 * @example
 * import { compareResponses } from 'credential-lifecycle/testing';
 * compareResponses(
 *   { status: 204, headers: {}, body: undefined },
 *   { status: 200, headers: {}, body: {} },
 *   { dates: true, kind: undefined, extIdGiven: false, knownSecret: undefined, policy: undefined },
 * ); // ['status: expected 204, got 200 (body {})']
 */
export const compareResponses = (
  expected: SutResponse,
  actual: SutResponse,
  context: CompareContext,
): string[] => {
  if (expected.status !== actual.status) {
    const detail = JSON.stringify(actual.body) ?? '';
    return [
      `status: expected ${expected.status}, got ${actual.status} (body ${detail.length > 300 ? `${detail.slice(0, 300)}…` : detail})`,
    ];
  }
  const problems: string[] = [];
  const expectedCodes = codesOf(expected.body);
  if (expectedCodes !== undefined) {
    const actualCodes = codesOf(actual.body);
    if (!sameJson(expectedCodes, actualCodes)) {
      problems.push(
        `error codes: expected ${show(expectedCodes)}, got ${show(actualCodes ?? actual.body)}`,
      );
    }
    return problems;
  }
  const location = expected.headers.location;
  if (location !== undefined) {
    const got = actual.headers.location;
    if (got === undefined || pathnameOf(got) !== pathnameOf(location)) {
      problems.push(`Location: expected ${location}, got ${show(got)}`);
    }
  }
  const want = expected.body;
  const got = actual.body;
  if (want === undefined) {
    if (got !== undefined && got !== null && got !== '')
      problems.push(`body: expected none, got ${show(got)}`);
    return problems;
  }
  if (!isPlainObject(want))
    return sameJson(want, got)
      ? problems
      : [...problems, `body: expected ${show(want)}, got ${show(got)}`];
  if (!isPlainObject(got)) return [...problems, `body: expected an object, got ${show(got)}`];
  if ('statusCode' in want && want.statusCode !== got.statusCode) {
    problems.push(`statusCode: expected ${show(want.statusCode)}, got ${show(got.statusCode)}`);
  }
  if ('passwordFragment' in want || 'passwordFragment' in got) {
    const fragment = want.passwordFragment;
    if (typeof fragment !== 'string') problems.push(`passwordFragment: expected none, got one`);
    else
      problems.push(
        ...shapeProblems('passwordFragment', fragment, got.passwordFragment, context.policy),
      );
  }
  if (!('stateName' in want)) return problems;
  // A credential resource.
  for (const field of exactFields) {
    if (!sameJson(want[field], got[field])) {
      problems.push(`${field}: expected ${show(want[field])}, got ${show(got[field])}`);
    }
  }
  if (context.extIdGiven && want.extId !== got.extId) {
    problems.push(`extId: expected ${show(want.extId)}, got ${show(got.extId)}`);
  } else if (typeof got.extId !== 'string' || got.extId.length === 0) {
    problems.push(`extId: expected a generated id, got ${show(got.extId)}`);
  }
  for (const field of dateFields) {
    if (
      context.dates
        ? !sameJson(want[field], got[field])
        : field in want !== field in got && !adminOnlyFields.some((f) => f === field)
    ) {
      problems.push(`${field}: expected ${show(want[field])}, got ${show(got[field])}`);
    }
  }
  if (context.dates && !sameJson(want.validity, got.validity)) {
    problems.push(`validity: expected ${show(want.validity)}, got ${show(got.validity)}`);
  }
  for (const field of adminOnlyFields) {
    if (field in want !== field in got) {
      problems.push(
        `${field}: expected it ${field in want ? 'present' : 'absent'} (admin-only field)`,
      );
    }
  }
  if (context.kind !== undefined) {
    const name = context.kind;
    const value = want[name];
    const real = got[name];
    if (value === undefined) {
      if (real !== undefined)
        problems.push(
          `${name}: expected no value, got ${isHashValue(real) ? 'a hash' : 'a plaintext'}`,
        );
    } else if (isHashValue(value)) {
      if (!isHashValue(real)) {
        problems.push(
          `${name}: expected a ${schemeOf(value)} hash, got ${real === undefined ? 'nothing' : 'a plaintext'}`,
        );
      } else if (schemeOf(real) !== schemeOf(value)) {
        problems.push(`${name}: expected a ${schemeOf(value)} hash, got ${schemeOf(real)}`);
      } else if (context.knownSecret !== undefined) {
        const verified = verifySecret(context.knownSecret, real);
        if (!(E.isRight(verified) && verified.right)) {
          problems.push(
            `${name}: the plaintext revealed earlier does not verify against the returned hash`,
          );
        }
      }
    } else if (typeof value === 'string') {
      problems.push(...shapeProblems(name, value, real, context.policy));
    }
  }
  return problems;
};
