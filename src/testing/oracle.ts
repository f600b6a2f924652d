/**
 * The oracle: the library's own prediction of what a conforming system
 * answers, and the comparison of a real answer with it.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import {
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
  type UserRecord,
  withCredential,
} from '../index.js';
import { compareResponses, isHashValue } from './compare.js';
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

/**
 * What the oracle knows about a credential beyond the model: whether the
 * caller chose its extId, and its plaintext when one was revealed.
 *
 * @example
 * import type { Knowledge } from 'credential-lifecycle/testing';
 * const known = (k: Knowledge) => k.secret !== undefined;
 */
export interface Knowledge {
  /** Whether the create named the extId (else the system chose it). */
  readonly extIdGiven: boolean;
  /** The whole plaintext, when an answer or the request revealed it. */
  readonly secret: string | undefined;
}

/**
 * An answer compared: what the oracle expected and the differences found
 * (none when the real answer conforms).
 *
 * @example
 * import type { Judgement } from 'credential-lifecycle/testing';
 * const conforms = (j: Judgement) => j.problems.length === 0;
 */
export interface Judgement {
  readonly expected: SutResponse;
  readonly problems: string[];
}

/**
 * A state of the {@link Oracle}, taken with `snapshot()` and restored with
 * `restore()`. Its parts are immutable values; keep it as it is.
 *
 * @example
 * import type { OracleSnapshot } from 'credential-lifecycle/testing';
 * const usersIn = (s: OracleSnapshot) => s.users.length;
 */
export interface OracleSnapshot {
  readonly users: readonly UserRecord[];
  readonly knowledge: ReadonlyMap<string, Knowledge>;
  readonly now: Instant;
}

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
   * const oracle = new Oracle({ clientExtId: 'c1', users: [], policies: [], start: Date.UTC(2026, 0, 1) });
   * oracle.clientExtId; // 'c1'
   * oracle.now; // 1767225600000
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
   * const oracle = new Oracle({ clientExtId: 'c', users: [], policies: [] });
   * oracle.setNow(Date.UTC(2027, 0, 1));
   * oracle.now; // 1798761600000
   */
  setNow(at: Instant): void {
    this.#now = at;
  }

  /**
   * Tells the oracle which user a self-admin token (`X-Token`) stands for.
   *
   * @example
   * import { Oracle } from 'credential-lifecycle/testing';
   * const oracle = new Oracle({ clientExtId: 'c1', users: [{ userExtId: 'u1' }, { userExtId: 'u2' }], policies: [] });
   * oracle.registerToken('t-1', 'u1');
   * const get = (user: string, token: string) =>
   *   oracle.predict({ method: 'GET', path: `/nevisidm/api/core/v1/c1/users/${user}/password`, headers: { 'x-token': token } });
   * get('u1', 't-1').body; // { errors: [{ code: 'errors.noRecord', message: 'no password credential for user u1' }] }
   * get('u2', 't-1').status; // 403
   * get('u1', 't-2').status; // 401
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
    return this.judge(request, actual, options).problems;
  }

  /**
   * {@link Oracle.observe}, also returning the answer the oracle expected.
   *
   * @example
   * import { Oracle } from 'credential-lifecycle/testing';
   * const oracle = new Oracle({ clientExtId: 'c1', users: [{ userExtId: 'u1' }], policies: [] });
   * const request = { method: 'GET', path: '/nevisidm/api/core/v1/c1/users/u1/puk' };
   * oracle.judge(request, { status: 404, headers: {}, body: { errors: [{ code: 'errors.noRecord' }] } });
   * // { expected: { status: 404, … }, problems: [] }
   */
  judge(request: SutRequest, actual: SutResponse, options: ObserveOptions = {}): Judgement {
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
    return { expected, problems };
  }

  /**
   * What the oracle believes now (users, credentials, learnt secrets, clock),
   * to come back to with {@link Oracle.restore}: the linearizability check
   * tries several orders of the same requests from one state.
   *
   * @example
   * import { Oracle } from 'credential-lifecycle/testing';
   * const oracle = new Oracle({ clientExtId: 'c1', users: [{ userExtId: 'u1' }], policies: [] });
   * const before = oracle.snapshot();
   * oracle.predict({ method: 'POST', path: '/nevisidm/api/core/v1/c1/users/u1/puk', body: {} });
   * oracle.restore(before);
   * oracle.versionOf('u1', 'puk'); // undefined
   */
  snapshot(): OracleSnapshot {
    return {
      users: this.store.listUsers(this.clientExtId),
      knowledge: new Map(this.#knowledge),
      now: this.#now,
    };
  }

  /**
   * Returns to a state taken with {@link Oracle.snapshot}.
   *
   * @example
   * import { Oracle } from 'credential-lifecycle/testing';
   * const oracle = new Oracle({ clientExtId: 'c1', users: [], policies: [], start: 0 });
   * const start = oracle.snapshot();
   * oracle.advance(1_000);
   * oracle.restore(start);
   * oracle.now; // 0
   */
  restore(snapshot: OracleSnapshot): void {
    // The oracle's users are those of its setup: the API changes their credentials only.
    for (const user of snapshot.users) this.store.putUser(user);
    this.#knowledge.clear();
    for (const [key, value] of snapshot.knowledge) this.#knowledge.set(key, value);
    this.#now = snapshot.now;
  }

  /**
   * A text that is equal for two oracle states only when they predict the
   * same answers: every credential (its stored hash replaced by the
   * plaintext behind it where that was learnt, as two orders of the same
   * requests salt it differently), the learnt secrets and the clock.
   *
   * @example
   * import { Oracle } from 'credential-lifecycle/testing';
   * const a = new Oracle({ clientExtId: 'c1', users: [{ userExtId: 'u1' }], policies: [], start: 0 });
   * const b = new Oracle({ clientExtId: 'c1', users: [{ userExtId: 'u1' }], policies: [], start: 0 });
   * a.stateKey() === b.stateKey(); // true
   */
  stateKey(): string {
    const users = this.store.listUsers(this.clientExtId).map((user) => [
      user.userExtId,
      Object.values(user.credentials).map((c) => {
        if (c === undefined) return null;
        const secret = this.#knowledge.get(`${user.userExtId} ${c.kind}`)?.secret;
        return secret === undefined ? c : { ...c, secretHash: { plaintext: secret } };
      }),
    ]);
    return JSON.stringify([users, [...this.#knowledge].sort(), this.#now]);
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
