/**
 * Model-style property test: random sequences of operations on every kind,
 * by administrators and self-administering users, under random policies, with
 * time moving forward in random steps. After every step the store must keep
 * the invariants of the issue; the version step of each change is predicted
 * (including the extra step of a lifted temporary lock), not bounded.
 */
import fc from 'fast-check';
import { either as E } from 'fp-ts';
import type * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { credentialCodecOfKind } from '../../src/domain/credential.js';
import type { CredentialKind } from '../../src/domain/credential-type.js';
import { typeNameOfKind } from '../../src/domain/credential-type.js';
import { ErrorBody } from '../../src/domain/errors.js';
import {
  LoginResponse,
  PasswordResetResponse,
  TempStrongPasswordIssuedResponse,
} from '../../src/domain/responses.js';
import { type StateName, stateNames } from '../../src/domain/state.js';
import type { HttpAnswer } from '../../src/operations/answer.js';
import type { Principal } from '../../src/operations/principal.js';
import type { Action } from '../../src/operations/route.js';
import type { StoredCredential, UserRecord } from '../../src/operations/user.js';
import { decodePolicy } from '../../src/policy/decode.js';
import { defaultPolicy, type Policy, type PolicyType } from '../../src/policy/policy.js';
import {
  adminWithOnly,
  CLIENT,
  corePath,
  freshStore,
  Harness,
  loginPathOf,
  OTHER,
  SECOND,
  selfAdmin,
  T0,
  USER,
  wire,
} from './support.js';

const KINDS = ['password', 'tempStrongPassword', 'ticket', 'puk'] as const;
const USERS = [USER, OTHER] as const;
const STATES: readonly StateName[] = stateNames;
const PASSWORDS = ['Str0ng!pass', 'N3w!passw0rd', 'Th1rd#Secret', 'weak'] as const;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

// ---------------------------------------------------------------------------
// Policies: typed overrides sent through decodePolicy as nevisIDM-style strings.

const common = fc.record({
  maxCredFailureCount: fc.constantFrom(-1, 1, 2, 3, 5),
  tmpLockingThreshold: fc.constantFrom(-1, 1, 2, 3),
  tmpLockingDuration: fc.constantFrom(0, SECOND, MINUTE, 10 * MINUTE),
  tmpLockingMode: fc.constantFrom('strict', 'threshold'),
  credentialLifetime: fc.constantFrom(10 * MINUTE, DAY, 3650 * DAY),
  maxResetCount: fc.constantFrom(-1, 0, 1, 2, 3),
  hashAlgorithm: fc.constantFrom('SSHA', 'SSHA256'),
});

const extra: {
  readonly [T in PolicyType]: fc.Arbitrary<Record<string, string | number | boolean>>;
} = {
  PwdPolicy: fc.record({ resetCodeEnabled: fc.boolean(), historyDepth: fc.constantFrom(0, 1, 5) }),
  TempStrongPasswordPolicy: fc.record({
    ticketLen0: fc.constantFrom(0, 6, 30),
    ticketLen1: fc.constantFrom(0, 4),
    singleUse: fc.boolean(),
  }),
  TicketPolicy: fc.record({ plainValueExposedToCaller: fc.boolean(), singleUse: fc.boolean() }),
  PUKPolicy: fc.record({
    plainValueExposedToCaller: fc.boolean(),
    maxCredSuccessCount: fc.constantFrom(-1, 1, 2, 5),
  }),
};

/** A policy of the type, decoded from a string map (or the plain default). */
const policyOf = <T extends PolicyType>(type: T, extId: string): fc.Arbitrary<Policy> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant<Policy>(defaultPolicy(type, extId)) },
    {
      weight: 4,
      arbitrary: fc.tuple(common, extra[type]).map(([c, x]): Policy => {
        const strings = Object.fromEntries(
          Object.entries({ ...c, ...x }).map(([k, v]) => [k, String(v)]),
        );
        const decoded = decodePolicy(type, extId, strings);
        if (E.isLeft(decoded)) throw new Error(`policy rejected: ${JSON.stringify(decoded.left)}`);
        return decoded.right.policy;
      }),
    },
  );

const policies = fc.tuple(
  policyOf('PwdPolicy', 'pw'),
  policyOf('TempStrongPasswordPolicy', 'tsp'),
  policyOf('TicketPolicy', 'tk'),
  policyOf('PUKPolicy', 'pk'),
);

// ---------------------------------------------------------------------------
// Commands.

type Who = 'admin' | 'self' | 'viewer';

interface Command {
  readonly action: Action;
  readonly kind: CredentialKind;
  readonly user: (typeof USERS)[number];
  readonly who: Who;
  readonly gap: number;
  readonly policy: 'default' | 'foreign' | 'unknown';
  readonly stateName: StateName | undefined;
  readonly comment: string | undefined;
  readonly version: 'current' | 'stale' | 'none';
  readonly identification: string | undefined;
  readonly validityDays: number | undefined;
  readonly password: (typeof PASSWORDS)[number] | undefined;
  readonly secret: 'known' | 'wrong';
}

const command: fc.Arbitrary<Command> = fc.record({
  action: fc.constantFrom<Action>(
    'create',
    'get',
    'patch',
    'patch',
    'delete',
    'reset',
    'reset',
    'unlock',
    'login',
    'login',
    'login',
    'login',
  ),
  kind: fc.constantFrom(...KINDS),
  user: fc.constantFrom<(typeof USERS)[number]>(USER, USER, OTHER),
  who: fc.constantFrom<Who>('admin', 'admin', 'admin', 'admin', 'self', 'self', 'viewer'),
  gap: fc.constantFrom(0, SECOND, 30 * SECOND, MINUTE + SECOND, 11 * MINUTE, 2 * DAY),
  policy: fc.constantFrom('default', 'default', 'default', 'foreign', 'unknown'),
  stateName: fc.option(fc.constantFrom(...STATES), { nil: undefined, freq: 2 }),
  comment: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
  version: fc.constantFrom('current', 'current', 'stale', 'none'),
  identification: fc.option(fc.constantFrom('id-1', 'id-2'), { nil: undefined }),
  validityDays: fc.option(fc.constantFrom(-1, 1, 30), { nil: undefined }),
  password: fc.option(fc.constantFrom(...PASSWORDS), { nil: undefined }),
  secret: fc.constantFrom('known', 'known', 'wrong'),
});

/** Every run starts by creating each kind for both users (with random bodies). */
const creates: fc.Arbitrary<readonly Command[]> = fc.tuple(
  ...USERS.flatMap((user) =>
    KINDS.map((kind) =>
      command.map(
        (c): Command => ({ ...c, action: 'create', kind, user, who: 'admin', policy: 'default' }),
      ),
    ),
  ),
);

const principalOf = (who: Who): Principal =>
  who === 'admin'
    ? {
        _tag: 'Admin',
        name: 'ops',
        permissions: new Set([
          'AccessControl.CredentialCreate',
          'AccessControl.CredentialView',
          'AccessControl.CredentialModify',
          'AccessControl.CredentialDelete',
          'AccessControl.CredentialChangeState',
        ]),
      }
    : who === 'self'
      ? selfAdmin(USER)
      : adminWithOnly('AccessControl.CredentialView');

const actorName = (who: Who): string => (who === 'self' ? USER : 'ops');

// ---------------------------------------------------------------------------
// The run.

interface World {
  readonly h: Harness;
  readonly policyOfKind: { readonly [K in CredentialKind]: Policy };
  /** Plaintexts a caller may know, per user and kind (for logins). */
  readonly known: Map<string, string>;
  /** Every plaintext ever shown in an answer or given in a request. */
  readonly plaintexts: Set<string>;
}

const userOf = (w: World, userExtId: string): UserRecord => {
  const u = w.h.store.user(CLIENT, userExtId);
  if (u === undefined) throw new Error(`no user ${userExtId}`);
  return u;
};

const requestOf = (w: World, c: Command, current: StoredCredential | undefined) => {
  const base = c.action === 'login' ? '' : corePath(c.kind, '', c.user);
  switch (c.action) {
    case 'create': {
      const policyExtId =
        c.policy === 'default'
          ? undefined
          : c.policy === 'unknown'
            ? 'no-such-policy'
            : w.policyOfKind[c.kind === 'puk' ? 'ticket' : 'puk'].extId;
      const body: Record<string, unknown> = {
        ...(policyExtId === undefined ? {} : { policyExtId }),
        ...(c.stateName === undefined ? {} : { stateName: c.stateName }),
        ...(c.kind === 'password' && c.password !== undefined ? { password: c.password } : {}),
        ...(c.kind === 'ticket' && c.identification !== undefined
          ? { identification: c.identification, context: 'ctx' }
          : {}),
      };
      return { method: 'POST', path: base, body };
    }
    case 'get':
      return { method: 'GET', path: base, body: undefined };
    case 'delete':
      return { method: 'DELETE', path: base, body: undefined };
    case 'patch': {
      const v = current?.lifecycle.context.version ?? 0;
      const body: Record<string, unknown> = {
        ...(c.stateName === undefined ? {} : { stateName: c.stateName }),
        ...(c.comment === undefined ? {} : { modificationComment: c.comment }),
        ...(c.version === 'none' ? {} : { version: c.version === 'current' ? v : v + 7 }),
        ...(c.kind === 'ticket' && c.identification !== undefined
          ? { identification: c.identification }
          : {}),
        ...((c.kind === 'ticket' || c.kind === 'puk') && c.validityDays !== undefined
          ? {
              validity: {
                from: wire(T0),
                to: wire(w.h.now + c.validityDays * DAY - (w.h.now % SECOND)),
              },
            }
          : {}),
      };
      return { method: 'PATCH', path: base, body };
    }
    case 'reset':
      return {
        method: 'POST',
        path: corePath(c.kind, 'reset', c.user),
        body:
          c.kind === 'password' && c.password !== undefined ? { password: c.password } : undefined,
      };
    case 'unlock':
      return { method: 'POST', path: corePath(c.kind, 'unlock', c.user), body: undefined };
    case 'login': {
      const key = `${c.user}/${c.kind}`;
      const secret = c.secret === 'known' ? (w.known.get(key) ?? 'wrong') : 'wrong';
      return { method: 'POST', path: loginPathOf(c.kind, c.user), body: { [c.kind]: secret } };
    }
  }
};

/** Whether a successful operation on this credential first lifts an ended temporary lock. */
const liftsLock = (action: Action, c: StoredCredential | undefined, now: number): boolean =>
  c !== undefined &&
  action !== 'create' &&
  action !== 'delete' &&
  c.lifecycle.state === 'tmp-locked' &&
  c.lifecycle.context.lockedUntil !== null &&
  now >= c.lifecycle.context.lockedUntil;

/** The version steps a successful operation makes besides a lift. */
const stepsOf = (
  c: Command,
  before: StoredCredential,
  lifted: boolean,
  body: Record<string, unknown> | undefined,
): number => {
  switch (c.action) {
    case 'get':
      return 0;
    case 'patch': {
      const ctx = before.lifecycle.context;
      const state = lifted ? ctx.stateBeforeLock : before.lifecycle.state;
      const b = body ?? {};
      const validity = b.validity as { from: string; to: string } | undefined;
      const same =
        (b.stateName === undefined || b.stateName === state) &&
        (b.modificationComment === undefined ||
          b.modificationComment === ctx.modificationComment) &&
        (b.identification === undefined || b.identification === before.identification) &&
        (validity === undefined ||
          (Date.parse(validity.from) === ctx.validity.from &&
            Date.parse(validity.to) === ctx.validity.to));
      return same ? 0 : 1;
    }
    default:
      return 1;
  }
};

/** The codec an answer's body must decode with (`undefined`: no body allowed). */
const codecOf = (c: Command, answer: HttpAnswer): t.Decoder<unknown, unknown> | undefined => {
  if (answer.status >= 400) return ErrorBody;
  if (answer.body === undefined) return undefined;
  if (c.action === 'login') return LoginResponse;
  if (c.kind === 'password' && c.action === 'reset') return PasswordResetResponse;
  if (c.kind === 'tempStrongPassword' && (c.action === 'create' || c.action === 'reset')) {
    return TempStrongPasswordIssuedResponse;
  }
  return credentialCodecOfKind[c.kind];
};

/** Checks that a body decodes with the codec its operation answers with. */
const expectDecodes = (c: Command, answer: HttpAnswer): void => {
  const codec = codecOf(c, answer);
  const shown = JSON.stringify(answer);
  if (codec === undefined) {
    expect([201, 204], `no body only for 201 (TSP) and 204: ${shown}`).toContain(answer.status);
  } else {
    expect(E.isRight(codec.decode(answer.body)), `${codec.name}: ${shown}`).toBe(true);
  }
  if (codec === credentialCodecOfKind[c.kind]) {
    expect((answer.body as { type?: string }).type).toBe(typeNameOfKind[c.kind]);
  }
};

/** Remembers the plaintexts an answer or a request reveals. */
const learn = (w: World, c: Command, answer: HttpAnswer, body: unknown): void => {
  const key = `${c.user}/${c.kind}`;
  const b = (answer.body ?? {}) as Record<string, unknown>;
  const sent = (body ?? {}) as Record<string, unknown>;
  if (answer.status >= 300 || (c.action !== 'create' && c.action !== 'reset')) return;
  let plain: string | undefined;
  if (c.kind === 'password') {
    plain =
      typeof sent.password === 'string'
        ? sent.password
        : typeof b.passwordFragment === 'string'
          ? b.passwordFragment
          : undefined;
  } else {
    const value = b[c.kind];
    plain = typeof value === 'string' && !value.startsWith('{') ? value : undefined;
  }
  if (plain === undefined) w.known.delete(key);
  else {
    w.known.set(key, plain);
    w.plaintexts.add(plain);
  }
};

const step = (w: World, c: Command): void => {
  const h = w.h;
  h.advance(c.gap);
  const beforeUser = userOf(w, c.user);
  const before = beforeUser.credentials[c.kind];
  const req = requestOf(w, c, before);
  const answer = h.send(req.method, req.path, req.body, principalOf(c.who));
  const afterUser = userOf(w, c.user);
  const after = afterUser.credentials[c.kind];
  const text = JSON.stringify(answer.body ?? null);

  expectDecodes(c, answer);

  // Only passwords have an unlock route. Authorisation: self-admin acts on
  // u1 only; the viewer may only read and log in.
  const routed = c.action !== 'unlock' || c.kind === 'password';
  if (!routed) expect(answer.status).toBe(404);
  if (routed && c.who === 'self' && c.user !== USER) expect(answer.status).toBe(403);
  if (routed && c.who === 'viewer' && !['get', 'login'].includes(c.action)) {
    expect(answer.status).toBe(403);
  }
  if (c.who === 'admin' && c.action === 'create' && before !== undefined) {
    expect(answer.status).toBe(422);
  }

  // A refused request stores nothing.
  if (answer.status >= 400) expect(afterUser).toBe(beforeUser);

  // No plaintext in GET answers or error messages.
  if (c.action === 'get' || answer.status >= 400) {
    for (const plain of w.plaintexts) expect(text).not.toContain(plain);
  }
  learn(w, c, answer, req.body);

  // Version: +1 per change, predicted; the lift of an ended tmp-lock is its own step.
  if (answer.status < 400) {
    if (c.action === 'create') {
      expect(after?.lifecycle.context.version).toBe(0);
    } else if (before !== undefined && after !== undefined) {
      const lifted = liftsLock(c.action, before, h.now);
      const steps = stepsOf(c, before, lifted, req.body as Record<string, unknown> | undefined);
      expect(after.lifecycle.context.version).toBe(
        before.lifecycle.context.version + (lifted ? 1 : 0) + steps,
      );
      if (steps + (lifted ? 1 : 0) > 0) expect(after.lifecycle.context.lastModified).toBe(h.now);
      else expect(after).toEqual(before);
      if (steps > 0 && ['patch', 'reset', 'unlock'].includes(c.action)) {
        expect(after.modifiedBy).toBe(actorName(c.who));
      }
    }
  }

  // The other kinds of the user are untouched, except what a password login consumes.
  for (const other of KINDS) {
    if (other === c.kind) continue;
    const consumed =
      c.action === 'login' &&
      c.kind === 'password' &&
      answer.status === 200 &&
      (answer.body as { statusCode?: number }).statusCode === 5 &&
      (other === 'tempStrongPassword' || other === 'ticket');
    expect(afterUser.credentials[other]).toBe(consumed ? undefined : beforeUser.credentials[other]);
  }

  // Store-wide invariants.
  for (const u of USERS) {
    const user = userOf(w, u);
    for (const [kind, stored] of Object.entries(user.credentials)) {
      expect(stored.kind).toBe(kind);
      const ctx = stored.lifecycle.context;
      for (const n of [
        ctx.failedLoginCount,
        ctx.successfulLoginCount,
        ctx.resetCount,
        ctx.failureCount,
        ctx.successCount,
        ctx.version,
      ]) {
        expect(n).toBeGreaterThanOrEqual(0);
      }
      const policy = w.policyOfKind[stored.kind];
      if (policy.maxResetCount !== -1)
        expect(ctx.resetCount).toBeLessThanOrEqual(policy.maxResetCount);
      // The policy's hashAlgorithm picks the digest: {SSHA} is SHA-1 (20 bytes),
      // {SSHA256} SHA-256 (32 bytes), each followed by an 8-byte salt.
      const [, prefix = '', payload = ''] = /^\{([A-Z0-9]+)\}(.*)$/.exec(stored.secretHash) ?? [];
      expect(prefix).toBe(policy.hashAlgorithm);
      const digestBytes = policy.hashAlgorithm === 'SSHA' ? 20 : 32;
      expect(Buffer.from(payload, 'base64')).toHaveLength(digestBytes + 8);
    }
  }
};

describe('operations model', () => {
  it('random sequences keep the invariants', () => {
    fc.assert(
      fc.property(
        policies,
        creates,
        fc.array(command, { minLength: 1, maxLength: 60, size: 'large' }),
        (ps, prelude, commands) => {
          const [pw, tsp, tk, pk] = ps;
          const store = freshStore(ps.map((p) => [p, true] as const));
          const w: World = {
            h: new Harness(store, T0, 11),
            policyOfKind: { password: pw, tempStrongPassword: tsp, ticket: tk, puk: pk },
            known: new Map(),
            plaintexts: new Set(),
          };
          for (const c of [...prelude, ...commands]) step(w, c);
        },
      ),
      { numRuns: 120 },
    );
  });
});
