/**
 * The workflow the REST operations of every credential kind share. Each kind
 * module describes what differs ({@link KindBehaviour}); this module decides
 * (authorise, validate, check invariants, draw secrets) and hands every state
 * change to the lifecycle machine through `evolve`.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import type * as t from 'io-ts';
import type { CredentialKind } from '../domain/credential-type.js';
import { type ApiError, apiError, decodeRequestBody, ErrorCode } from '../domain/errors.js';
import { formatInstant } from '../domain/instant.js';
import { UnlockRequest } from '../domain/requests.js';
import type { LoginStatusCode } from '../domain/responses.js';
import type { StateName } from '../domain/state.js';
import type { Validity } from '../domain/validity.js';
import {
  canLogin,
  createLifecycle,
  type LifecycleEvent,
  type Outcome,
} from '../lifecycle/index.js';
import { lifecycleRulesOf } from '../policy/lifecycle-rules.js';
import { hashSecret, verifySecret } from '../secret/hash.js';
import { Redacted } from '../secret/redacted.js';
import { emptyAnswer, type HttpAnswer, type JsonObject, jsonAnswer } from './answer.js';
import type { Environment } from './environment.js';
import { type Evolved, evolve, settle } from './evolve.js';
import { generateExtId } from './ext-id.js';
import type { Operation, OperationInput, OperationResult } from './operation.js';
import { type PolicyOfKind, policyInForce, resolvePolicy } from './policy-book.js';
import { type Actor, authorise, type Requirement } from './principal.js';
import { loginRefusalError, refusalError } from './refusal.js';
import { resourceOf } from './resource.js';
import { credentialPath } from './route.js';
import { type StoredCredential, type UserRecord, withCredential } from './user.js';

/**
 * The fields every create body may carry.
 *
 * @example
 * import type { CreateFields } from 'credential-lifecycle';
 * const body: CreateFields = { policyExtId: 'default-puk' };
 */
export interface CreateFields {
  readonly extId?: string;
  readonly policyExtId?: string;
  readonly stateName?: StateName;
}

/**
 * The fields every PATCH body may carry.
 *
 * @example
 * import type { PatchFields } from 'credential-lifecycle';
 * const body: PatchFields = { stateName: 'disabled', version: 3 };
 */
export interface PatchFields {
  readonly stateName?: StateName;
  readonly modificationComment?: string;
  readonly version?: number;
  readonly validity?: Validity;
}

/**
 * A secret drawn or taken for a create or reset: the whole secret (only its
 * hash is stored) and the part an answer may show, if any.
 *
 * @example
 * import { Redacted, type IssuedSecret } from 'credential-lifecycle';
 * const issued: IssuedSecret = { secret: Redacted.make('s3cret'), shown: undefined };
 */
export interface IssuedSecret {
  readonly secret: Redacted<string>;
  readonly shown: Redacted<string> | undefined;
}

/**
 * What a create or reset is asked for, as the kind's `issue` sees it.
 *
 * @example
 * import type { IssueRequest } from 'credential-lifecycle';
 * const fromCreate = (r: IssueRequest) => r.action === 'create';
 */
export interface IssueRequest {
  readonly action: 'create' | 'reset';
  readonly user: UserRecord;
  readonly actor: Actor;
  /** The decoded body of the create or reset request. */
  readonly body: Readonly<Record<string, unknown>>;
  /** The credential being reset. */
  readonly current: StoredCredential | undefined;
  readonly env: Environment;
}

/**
 * A created or reset credential, as the kind's answer builder sees it.
 *
 * @example
 * import type { Issued } from 'credential-lifecycle';
 * const isCreate = (i: Issued<'puk'>) => i.action === 'create';
 */
export interface Issued<K extends CredentialKind> {
  readonly action: 'create' | 'reset';
  /** The credential's resource with the given value in its value field. */
  readonly resource: (value: string | undefined) => JsonObject;
  readonly secret: IssuedSecret;
  /** The stored hash of the new secret. */
  readonly hash: string;
  /** The path of the credential, for `Location`. */
  readonly location: string;
  readonly policy: PolicyOfKind<K>;
}

/**
 * Which operations a kind has, and who may call them.
 *
 * @example
 * import type { KindRequirements } from 'credential-lifecycle';
 * const viewOnly: KindRequirements['get'] = { all: ['AccessControl.CredentialView'], selfAdmin: false };
 */
export interface KindRequirements {
  readonly create: Requirement;
  readonly get: Requirement;
  readonly patch: Requirement;
  readonly delete: Requirement;
  readonly reset: Requirement;
  readonly login: Requirement;
  readonly unlock?: Requirement;
}

/**
 * Everything that differs between the four kinds' operations.
 *
 * @example
 * import { ticketBehaviour, type KindBehaviour } from 'credential-lifecycle';
 * const b: KindBehaviour<'ticket'> = ticketBehaviour;
 */
export interface KindBehaviour<K extends CredentialKind> {
  readonly kind: K;
  /** The 422 a second create of this kind answers. */
  readonly duplicateCode: string;
  readonly requirements: KindRequirements;
  readonly createRequest: t.Decoder<unknown, CreateFields & Readonly<Record<string, unknown>>>;
  readonly patchRequest: t.Decoder<unknown, PatchFields & Readonly<Record<string, unknown>>>;
  readonly resetRequest: t.Decoder<unknown, Readonly<Record<string, unknown>>>;
  readonly loginRequest: t.Decoder<unknown, Readonly<Record<string, unknown>>>;
  /** Draws or takes the secret of a create or reset. */
  readonly issue: (
    policy: PolicyOfKind<K>,
    request: IssueRequest,
  ) => E.Either<ApiError, IssuedSecret>;
  /** The event a reset sends (a user setting their own password is a change, not a reset). */
  readonly resetEvent: (request: IssueRequest) => LifecycleEvent['type'];
  /** The answer to a create (201) or reset. */
  readonly issuedAnswer: (issued: Issued<K>) => HttpAnswer;
  /** Fields beyond the lifecycle a create stores (ticket identification and context). */
  readonly detailsOnCreate: (body: Readonly<Record<string, unknown>>) => Partial<StoredCredential>;
  /** Fields beyond the lifecycle a PATCH changes. */
  readonly detailsOnPatch: (body: Readonly<Record<string, unknown>>) => Partial<StoredCredential>;
}

const noRecord = (what: string): ApiError => apiError(404, ErrorCode.noRecord, `no ${what}`);

const requireUser = (input: OperationInput): E.Either<ApiError, UserRecord> =>
  input.user === undefined
    ? E.left(noRecord(`user ${input.route.userExtId} in client ${input.route.clientExtId}`))
    : E.right(input.user);

const requireCredential = (
  user: UserRecord,
  kind: CredentialKind,
): E.Either<ApiError, StoredCredential> => {
  const credential = user.credentials[kind];
  return credential === undefined
    ? E.left(noRecord(`${kind} credential for user ${user.userExtId}`))
    : E.right(credential);
};

/** An absent body (no request body at all) counts as an empty object. */
const bodyOrEmpty = (body: unknown): unknown => (body === undefined ? {} : body);

const rulesOf = <K extends CredentialKind>(
  input: OperationInput,
  kind: K,
  credential: StoredCredential,
) => lifecycleRulesOf(policyInForce(input.policies, kind, credential.policyExtId));

/** The user's credential of the route's kind, brought up to `now`. */
const settled = <K extends CredentialKind>(
  input: OperationInput,
  kind: K,
  user: UserRecord,
): E.Either<ApiError, { user: UserRecord; credential: StoredCredential }> => {
  const credential = requireCredential(user, kind);
  if (E.isLeft(credential)) return credential;
  const stored = credential.right;
  const now = settle(stored, rulesOf(input, kind, stored), input.env.now);
  return E.right({
    user: now === stored ? user : withCredential(user, kind, now),
    credential: now,
  });
};

const authorised = (input: OperationInput, requirement: Requirement) =>
  authorise(input.principal, requirement, input.route);

const result = (answer: HttpAnswer, user: UserRecord): OperationResult => ({ answer, user });

const evolved = (
  credential: StoredCredential,
  event: LifecycleEvent,
  actor: Actor | undefined,
): E.Either<ApiError, Evolved> => E.mapLeft(refusalError)(evolve(credential, event, actor?.name));

/*
 * The operations below are written as early returns over `Either` values
 * rather than `pipe(E.Do, E.bind(…))`: fp-ts's `bind`/`chain`/`tap` copy their
 * arguments on every call (`dual`), which was the largest cost of a request
 * after serialisation. Each step is still a value; nothing throws.
 */

/** The caller, authorised, and the user the request is about. */
const begin = (
  input: OperationInput,
  requirement: Requirement,
): E.Either<ApiError, { readonly actor: Actor; readonly user: UserRecord }> => {
  const actor = authorised(input, requirement);
  if (E.isLeft(actor)) return actor;
  const user = requireUser(input);
  if (E.isLeft(user)) return user;
  return E.right({ actor: actor.right, user: user.right });
};

/** The 200 answer with the resource of a changed (or read) credential. */
const resourceAnswer = (
  kind: CredentialKind,
  user: UserRecord,
  credential: StoredCredential | undefined,
  actor: Actor,
): E.Either<ApiError, OperationResult> =>
  credential === undefined
    ? E.left(noRecord(`${kind} credential`))
    : E.right(
        result(
          jsonAnswer(200, resourceOf(credential, user.userExtId, credential.secretHash, actor)),
          withCredential(user, kind, credential),
        ),
      );

const changeStateForbidden = (input: OperationInput, body: CreateFields): boolean =>
  body.stateName !== undefined &&
  input.principal._tag === 'Admin' &&
  !input.principal.permissions.has('AccessControl.CredentialChangeState');

/**
 * The create operation of a kind: 201 with `Location`; 422 for a second
 * credential of the kind, an unknown or foreign policy or a state that may not
 * be named; 403 for a named state without `AccessControl.CredentialChangeState`.
 *
 * @example
 * import { createOperation, defaultPolicyBook, pukBehaviour, seededRandom, superAdmin, type OperationInput } from 'credential-lifecycle';
 * const createPuk = createOperation(pukBehaviour);
 * const input: OperationInput = {
 *   route: { kind: 'puk', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: {},
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: 0, random: seededRandom(1) },
 * };
 * const created = createPuk(input);
 * created._tag === 'Right' && created.right.answer.status; // 201
 * const again = created._tag === 'Right' ? createPuk({ ...input, user: created.right.user }) : created;
 * again._tag === 'Left' && again.left.status; // 422
 */
export const createOperation =
  <K extends CredentialKind>(b: KindBehaviour<K>): Operation =>
  (input) => {
    const start = begin(input, b.requirements.create);
    if (E.isLeft(start)) return start;
    const { actor, user } = start.right;
    const decoded = decodeRequestBody(b.createRequest, bodyOrEmpty(input.body));
    if (E.isLeft(decoded)) return decoded;
    const body = decoded.right;
    if (changeStateForbidden(input, body)) {
      return E.left(
        apiError(
          403,
          ErrorCode.forbidden,
          'naming a state needs AccessControl.CredentialChangeState',
        ),
      );
    }
    if (user.credentials[b.kind] !== undefined) {
      return E.left(
        apiError(422, b.duplicateCode, `user ${user.userExtId} already has a ${b.kind}`),
      );
    }
    const policy = resolvePolicy(input.policies, b.kind, body.policyExtId);
    if (E.isLeft(policy)) return policy;
    const issued = b.issue(policy.right, {
      action: 'create',
      user,
      actor,
      body,
      current: undefined,
      env: input.env,
    });
    if (E.isLeft(issued)) return issued;
    const lifecycle = createLifecycle({
      kind: b.kind,
      rules: lifecycleRulesOf(policy.right),
      at: input.env.now,
      ...(body.stateName === undefined ? {} : { stateName: body.stateName }),
    });
    if (E.isLeft(lifecycle)) return E.left(refusalError(lifecycle.left));
    const credential: StoredCredential = {
      kind: b.kind,
      extId: body.extId ?? generateExtId(input.env.random),
      policyExtId: policy.right.extId,
      secretHash: hashSecret(Redacted.value(issued.right.secret), {
        algorithm: policy.right.hashAlgorithm,
        parameters: policy.right.hashParameters,
        random: input.env.random,
      }),
      lifecycle: lifecycle.right,
      createdBy: actor.name,
      modifiedBy: actor.name,
      ...b.detailsOnCreate(body),
    };
    const answer = b.issuedAnswer({
      action: 'create',
      resource: (value) => resourceOf(credential, user.userExtId, value, actor),
      secret: issued.right,
      hash: credential.secretHash,
      location: credentialPath(input.route.clientExtId, user.userExtId, b.kind),
      policy: policy.right,
    });
    return E.right(result(answer, withCredential(user, b.kind, credential)));
  };

/**
 * The read operation of a kind: 200 with the resource, the secret only as its
 * hash. A temporary lock that has ended is lifted first (and stored).
 *
 * @example
 * import {
 *   createTempStrongPassword, defaultPolicyBook, getOperation, seededRandom, superAdmin,
 *   tempStrongPasswordBehaviour, type OperationInput,
 * } from 'credential-lifecycle';
 * const getTsp = getOperation(tempStrongPasswordBehaviour);
 * const input: OperationInput = {
 *   route: { kind: 'tempStrongPassword', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: {},
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: 0, random: seededRandom(1) },
 * };
 * const get = { ...input, route: { ...input.route, action: 'get' as const }, body: undefined };
 * const none = getTsp(get);
 * none._tag === 'Left' && none.left.status; // 404
 * const created = createTempStrongPassword(input);
 * if (created._tag === 'Right') {
 *   const got = getTsp({ ...get, user: created.right.user });
 *   got._tag === 'Right' && got.right.answer.status; // 200
 * }
 */
export const getOperation =
  <K extends CredentialKind>(b: KindBehaviour<K>): Operation =>
  (input) => {
    const start = begin(input, b.requirements.get);
    if (E.isLeft(start)) return start;
    const now = settled(input, b.kind, start.right.user);
    if (E.isLeft(now)) return now;
    const { user, credential } = now.right;
    return E.right(
      result(
        jsonAnswer(
          200,
          resourceOf(credential, user.userExtId, credential.secretHash, start.right.actor),
        ),
        user,
      ),
    );
  };

/**
 * The PATCH operation of a kind: state (per the admin state matrix), comment,
 * and the kind's other fields. A `version` other than the stored one is 409.
 *
 * @example
 * import {
 *   createPassword, defaultPolicyBook, passwordBehaviour, patchOperation, seededRandom, superAdmin,
 *   type OperationInput,
 * } from 'credential-lifecycle';
 * const patchPassword = patchOperation(passwordBehaviour);
 * const input: OperationInput = {
 *   route: { kind: 'password', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: { password: 'c0rrect-Horse-battery' },
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: 0, random: seededRandom(1) },
 * };
 * const created = createPassword(input);
 * if (created._tag === 'Right') {
 *   const patched = patchPassword({
 *     ...input,
 *     route: { ...input.route, action: 'patch' },
 *     body: { stateName: 'disabled', version: 0 },
 *     user: created.right.user,
 *   });
 *   patched._tag === 'Right' && patched.right.answer.status; // 200
 *   patched._tag === 'Right' && patched.right.user.credentials.password?.lifecycle.state; // 'disabled'
 * }
 */
export const patchOperation =
  <K extends CredentialKind>(b: KindBehaviour<K>): Operation =>
  (input) => {
    const start = begin(input, b.requirements.patch);
    if (E.isLeft(start)) return start;
    const { actor } = start.right;
    const decoded = decodeRequestBody(b.patchRequest, bodyOrEmpty(input.body));
    if (E.isLeft(decoded)) return decoded;
    const body = decoded.right;
    const now = settled(input, b.kind, start.right.user);
    if (E.isLeft(now)) return now;
    const { user, credential } = now.right;
    const current = credential.lifecycle.context.version;
    if (body.version !== undefined && body.version !== current) {
      return E.left(
        apiError(
          409,
          ErrorCode.pessimisticLockingFailure,
          `version ${body.version} is stale; the credential is at version ${current}`,
        ),
      );
    }
    const details = b.detailsOnPatch(body);
    const detailsChanged = Object.entries(details).some(
      ([key, value]) => credential[key as keyof StoredCredential] !== value,
    );
    const ev = evolved(
      credential,
      {
        type: 'admin.update',
        at: input.env.now,
        ...(body.stateName === undefined ? {} : { stateName: body.stateName }),
        ...(body.modificationComment === undefined
          ? {}
          : { modificationComment: body.modificationComment }),
        ...(body.validity === undefined ? {} : { validity: body.validity }),
        ...(detailsChanged ? { detailsChanged: true } : {}),
      },
      actor,
    );
    if (E.isLeft(ev)) return ev;
    const next = ev.right.credential;
    return resourceAnswer(
      b.kind,
      user,
      next === undefined ? undefined : { ...next, ...details },
      actor,
    );
  };

/**
 * The DELETE operation of a kind: 204, in any state.
 *
 * @example
 * import {
 *   createTicket, defaultPolicyBook, deleteOperation, seededRandom, superAdmin, ticketBehaviour,
 *   type OperationInput,
 * } from 'credential-lifecycle';
 * const deleteTicket = deleteOperation(ticketBehaviour);
 * const input: OperationInput = {
 *   route: { kind: 'ticket', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: {},
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: 0, random: seededRandom(1) },
 * };
 * const created = createTicket(input);
 * if (created._tag === 'Right') {
 *   const route = { ...input.route, action: 'delete' as const };
 *   const deleted = deleteTicket({ ...input, route, body: undefined, user: created.right.user });
 *   deleted._tag === 'Right' && deleted.right.answer.status; // 204
 *   deleted._tag === 'Right' && deleted.right.user.credentials.ticket; // undefined
 * }
 */
export const deleteOperation =
  <K extends CredentialKind>(b: KindBehaviour<K>): Operation =>
  (input) => {
    const start = begin(input, b.requirements.delete);
    if (E.isLeft(start)) return start;
    const { actor, user } = start.right;
    const credential = requireCredential(user, b.kind);
    if (E.isLeft(credential)) return credential;
    const ev = evolved(credential.right, { type: 'credential.deleted', at: input.env.now }, actor);
    if (E.isLeft(ev)) return ev;
    return E.right(result(emptyAnswer(204), withCredential(user, b.kind, undefined)));
  };

/**
 * The reset operation of a kind: a new secret, through the lifecycle's reset
 * (422 beyond `maxResetCount`, or when archived).
 *
 * @example
 * import { createPuk, defaultPolicyBook, pukBehaviour, resetOperation, seededRandom, superAdmin, type OperationInput } from 'credential-lifecycle';
 * const regeneratePuk = resetOperation(pukBehaviour);
 * const input: OperationInput = {
 *   route: { kind: 'puk', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: {},
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: 0, random: seededRandom(1) },
 * };
 * const created = createPuk(input);
 * if (created._tag === 'Right') {
 *   const route = { ...input.route, action: 'reset' as const };
 *   const reset = regeneratePuk({ ...input, route, user: created.right.user });
 *   reset._tag === 'Right' && reset.right.answer.status; // 200
 *   reset._tag === 'Right' && reset.right.user.credentials.puk?.lifecycle.context.resetCount; // 1
 * }
 */
export const resetOperation =
  <K extends CredentialKind>(b: KindBehaviour<K>): Operation =>
  (input) => {
    const start = begin(input, b.requirements.reset);
    if (E.isLeft(start)) return start;
    const { actor } = start.right;
    const decoded = decodeRequestBody(b.resetRequest, bodyOrEmpty(input.body));
    if (E.isLeft(decoded)) return decoded;
    const now = settled(input, b.kind, start.right.user);
    if (E.isLeft(now)) return now;
    const { user, credential: before } = now.right;
    const policy = policyInForce(input.policies, b.kind, before.policyExtId);
    const request: IssueRequest = {
      action: 'reset',
      user,
      actor,
      body: decoded.right,
      current: before,
      env: input.env,
    };
    const ev = evolved(before, { type: b.resetEvent(request), at: input.env.now }, actor);
    if (E.isLeft(ev)) return ev;
    const issued = b.issue(policy, request);
    if (E.isLeft(issued)) return issued;
    const after = ev.right.credential;
    if (after === undefined) return E.left(noRecord(`${b.kind} credential`));
    const credential: StoredCredential = {
      ...after,
      secretHash: hashSecret(Redacted.value(issued.right.secret), {
        algorithm: policy.hashAlgorithm,
        parameters: policy.hashParameters,
        random: input.env.random,
      }),
      ...(b.kind === 'password'
        ? { history: [before.secretHash, ...(before.history ?? [])].slice(0, 64) }
        : {}),
    };
    const answer = b.issuedAnswer({
      action: 'reset',
      resource: (value) => resourceOf(credential, user.userExtId, value, actor),
      secret: issued.right,
      hash: credential.secretHash,
      location: credentialPath(input.route.clientExtId, user.userExtId, b.kind),
      policy,
    });
    return E.right(result(answer, withCredential(user, b.kind, credential)));
  };

/**
 * The unlock operation (Password): a tmp- or fail-locked credential becomes
 * active with both login counters at 0; 200 with the resource.
 *
 * @example
 * import {
 *   createPassword, defaultPolicyBook, passwordBehaviour, seededRandom, superAdmin, unlockOperation,
 *   type OperationInput,
 * } from 'credential-lifecycle';
 * const unlockPassword = unlockOperation(passwordBehaviour);
 * const input: OperationInput = {
 *   route: { kind: 'password', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: { password: 'c0rrect-Horse-battery' },
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: 0, random: seededRandom(1) },
 * };
 * const created = createPassword(input);
 * if (created._tag === 'Right') {
 *   const route = { ...input.route, action: 'unlock' as const };
 *   // A password that is not locked cannot be unlocked:
 *   const unlocked = unlockPassword({ ...input, route, user: created.right.user });
 *   unlocked._tag === 'Left' && unlocked.left;
 *   // { status: 422, errors: [{ code: 'errors.operationNotAllowed', message: 'admin.unlock is not allowed in state initial' }] }
 * }
 */
export const unlockOperation =
  <K extends CredentialKind>(b: KindBehaviour<K>): Operation =>
  (input) => {
    if (b.requirements.unlock === undefined) {
      return E.left(apiError(404, ErrorCode.notFound, `${b.kind} has no unlock operation`));
    }
    const start = begin(input, b.requirements.unlock);
    if (E.isLeft(start)) return start;
    const { actor } = start.right;
    const decoded = decodeRequestBody(UnlockRequest, bodyOrEmpty(input.body));
    if (E.isLeft(decoded)) return decoded;
    const now = settled(input, b.kind, start.right.user);
    if (E.isLeft(now)) return now;
    const ev = evolved(now.right.credential, { type: 'admin.unlock', at: input.env.now }, actor);
    if (E.isLeft(ev)) return ev;
    return resourceAnswer(b.kind, now.right.user, ev.right.credential, actor);
  };

/**
 * The `description` a login answer carries with each status code.
 *
 * @example
 * import { loginDescriptions } from 'credential-lifecycle';
 * loginDescriptions[9]; // 'login failed; the credential is temporarily locked'
 */
export const loginDescriptions: Readonly<Record<LoginStatusCode, string>> = {
  5: 'login succeeded',
  2: 'login failed',
  3: 'login failed; the next failure locks the credential',
  4: 'login failed; the credential is now locked',
  9: 'login failed; the credential is temporarily locked',
};

/**
 * Credentials a successful login with this kind removes: a login with the
 * password (the original strong credential) consumes the user's TSP and ticket.
 */
const consumedByStrongLogin = (kind: CredentialKind): readonly CredentialKind[] =>
  kind === 'password' ? ['tempStrongPassword', 'ticket'] : [];

/**
 * The login operation of a kind (auth API): 200 with `{statusCode,
 * description}` when the attempt is judged (5 OK, 2, 3, 4, 9 failed), plus
 * `passwordChangeRequired` (and `passwordChangeDue`) after a success with a
 * password its user must still change; 401 when it is refused without being
 * judged (locked, disabled, expired — also after the change period), counters
 * untouched.
 *
 * @example
 * import {
 *   createPassword, defaultPolicyBook, loginOperation, passwordBehaviour, seededRandom, superAdmin,
 *   type OperationInput,
 * } from 'credential-lifecycle';
 * const loginWithPassword = loginOperation(passwordBehaviour);
 * const input: OperationInput = {
 *   route: { kind: 'password', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: { password: 'c0rrect-Horse-battery' },
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: 0, random: seededRandom(1) },
 * };
 * const created = createPassword(input);
 * if (created._tag === 'Right') {
 *   const login = { ...input, route: { ...input.route, action: 'login' as const }, user: created.right.user };
 *   const ok = loginWithPassword({ ...login, body: { password: 'c0rrect-Horse-battery' } });
 *   ok._tag === 'Right' && ok.right.answer.body;
 *   // { statusCode: 5, description: 'login succeeded; the password must be changed', passwordChangeRequired: true }
 *   const wrong = loginWithPassword({ ...login, body: { password: 'guess' } });
 *   wrong._tag === 'Right' && wrong.right.answer.body;
 *   // { statusCode: 3, description: 'login failed; the next failure locks the credential' }
 * }
 */
export const loginOperation =
  <K extends CredentialKind>(b: KindBehaviour<K>): Operation =>
  (input) => {
    const start = begin(input, b.requirements.login);
    if (E.isLeft(start)) return start;
    const decoded = decodeRequestBody(b.loginRequest, bodyOrEmpty(input.body));
    if (E.isLeft(decoded)) return decoded;
    const now = settled(input, b.kind, start.right.user);
    if (E.isLeft(now)) return now;
    const refused = canLogin(now.right.credential.lifecycle, input.env.now);
    if (E.isLeft(refused)) return E.left(loginRefusalError(refused.left));
    const given = decoded.right[b.kind];
    const verified = verifySecret(
      typeof given === 'string' ? given : '',
      now.right.credential.secretHash,
    );
    const matches = E.isRight(verified) && verified.right;
    const ev = evolved(
      now.right.credential,
      { type: matches ? 'login.succeeded' : 'login.failed', at: input.env.now },
      undefined,
    );
    if (E.isLeft(ev)) return ev;
    const status = ev.right.outcome.loginStatus ?? 2;
    let user = withCredential(now.right.user, b.kind, ev.right.credential);
    if (status === 5) {
      for (const other of consumedByStrongLogin(b.kind)) {
        const credential = user.credentials[other];
        if (credential === undefined) continue;
        const gone = evolve(credential, { type: 'credential.strongLogin', at: input.env.now });
        if (E.isRight(gone)) user = withCredential(user, other, gone.right.credential);
      }
    }
    return E.right(result(jsonAnswer(200, loginAnswerBody(status, ev.right.outcome)), user));
  };

/**
 * The description of a judged login's answer: the status code's text, and
 * after a success with a password its user must still change, that the
 * change is due. The due instant is not in the text (it is the answer's
 * `passwordChangeDue`), so the text is the same whenever the login happens.
 *
 * @example
 * import { loginDescription } from 'credential-lifecycle';
 * loginDescription(5, {}); // 'login succeeded'
 * loginDescription(5, { passwordChange: { dueBy: null } });
 * // 'login succeeded; the password must be changed'
 */
export const loginDescription = (
  status: LoginStatusCode,
  outcome: Pick<Outcome, 'passwordChange'>,
): string =>
  outcome.passwordChange === undefined
    ? loginDescriptions[status]
    : `${loginDescriptions[status]}; the password must be changed`;

/**
 * The body of a judged login: its status, its description and, after a
 * success with a password its user must still change,
 * `passwordChangeRequired` and (when the period is limited)
 * `passwordChangeDue`.
 */
const loginAnswerBody = (status: LoginStatusCode, outcome: Outcome): JsonObject => {
  const description = loginDescription(status, outcome);
  const change = outcome.passwordChange;
  if (change === undefined) return { statusCode: status, description };
  return {
    statusCode: status,
    description,
    passwordChangeRequired: true,
    ...(change.dueBy === null ? {} : { passwordChangeDue: formatInstant(change.dueBy) }),
  };
};

/**
 * The create/reset answer of kinds whose answers always carry the resource:
 * the plaintext in the value field where the policy exposes it, the hash
 * otherwise. Create is 201 with `Location`, reset 200.
 *
 * @example
 * import { Redacted, defaultPolicy, resourceIssuedAnswer } from 'credential-lifecycle';
 * const issued = {
 *   action: 'create' as const,
 *   resource: (value: string | undefined) => ({ type: 'PUK', puk: value ?? null }),
 *   hash: '{SSHA256}c2FsdGVkLWRpZ2VzdA==',
 *   location: '/nevisidm/api/core/v1/c1/users/u1/puk',
 *   policy: defaultPolicy('PUKPolicy'),
 * };
 * // The policy exposes the plaintext: the answer carries it in `puk` (not shown here).
 * const created = resourceIssuedAnswer({ ...issued, secret: { secret: Redacted.make('8hG2kq'), shown: Redacted.make('8hG2kq') } });
 * created.status; // 201
 * created.headers; // { location: '/nevisidm/api/core/v1/c1/users/u1/puk', 'content-type': 'application/json' }
 * // It does not: the answer carries the hash.
 * resourceIssuedAnswer({ ...issued, action: 'reset', secret: { secret: Redacted.make('8hG2kq'), shown: undefined } }).body;
 * // { type: 'PUK', puk: '{SSHA256}c2FsdGVkLWRpZ2VzdA==' }
 */
export const resourceIssuedAnswer = <K extends CredentialKind>(issued: Issued<K>): HttpAnswer => {
  const { shown } = issued.secret;
  const body = issued.resource(shown === undefined ? issued.hash : Redacted.value(shown));
  return issued.action === 'create'
    ? jsonAnswer(201, body, { location: issued.location })
    : jsonAnswer(200, body);
};

/**
 * Turns a failed secret generation (a policy that cannot be satisfied) into
 * a 422 naming the policy.
 *
 * @example
 * import { generationError } from 'credential-lifecycle';
 * generationError('p1', 'an empty character set').status; // 422
 */
export const generationError = (policyExtId: string, why: string): ApiError =>
  apiError(422, ErrorCode.invalidValue, `policy ${policyExtId} cannot generate a secret: ${why}`);

/**
 * A generated secret as issued: shown to the caller only when `exposed`; a
 * generation the policy cannot satisfy is a 422.
 *
 * @example
 * import { generateTicket, defaultPolicy, issuedFrom, seededRandom } from 'credential-lifecycle';
 * const policy = defaultPolicy('TicketPolicy');
 * issuedFrom(policy.extId, policy.plainValueExposedToCaller)(generateTicket(policy, seededRandom(1)));
 * // right({ secret: <redacted>, shown: <redacted> })
 */
export const issuedFrom =
  (policyExtId: string, exposed: boolean) =>
  (
    generated: E.Either<{ readonly message: string }, Redacted<string>>,
  ): E.Either<ApiError, IssuedSecret> =>
    E.bimap(
      (e: { readonly message: string }) => generationError(policyExtId, e.message),
      (secret: Redacted<string>): IssuedSecret => ({ secret, shown: exposed ? secret : undefined }),
    )(generated);
