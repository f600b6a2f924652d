/**
 * One request of the credential API as a model command, with the body it
 * sends resolved against the model when it runs.
 *
 * @packageDocumentation
 */
import {
  type Action,
  type CredentialKind,
  credentialPath,
  formatInstant,
  loginPath,
  loginStates,
} from '../../index.js';
import type { SutRequest, SutResponse } from '../system.js';
import { describeRequest } from './describe.js';
import { judgeInModel } from './judge.js';
import type { Caller, ConformanceCommand, ConformanceModel, ConformanceReal } from './model.js';
import { knownSecretPlaceholder, passwordPool, wrongSecret } from './secrets.js';

/**
 * How a command's body is built when it runs: none, fixed JSON, a PATCH whose
 * `version` (current or stale) and validity (days around the model's clock)
 * are resolved then, or a login with a fixed secret or the one the oracle
 * learnt (`'known'`).
 *
 * @example
 * import type { BodySpec } from 'credential-lifecycle/testing';
 * const patch: BodySpec = { _tag: 'patch', fields: { stateName: 'disabled' }, version: 'current' };
 */
export type BodySpec =
  | { readonly _tag: 'none' }
  | { readonly _tag: 'json'; readonly value: unknown }
  | {
      readonly _tag: 'patch';
      readonly fields: Readonly<Record<string, unknown>>;
      readonly version: 'absent' | 'current' | 'stale';
      /** Validity relative to the model's clock, in days. */
      readonly validityDays?: readonly [number, number];
    }
  | { readonly _tag: 'login'; readonly secret: 'known' | string };

const methodOf: Readonly<Record<Action, string>> = {
  create: 'POST',
  get: 'GET',
  patch: 'PATCH',
  delete: 'DELETE',
  reset: 'POST',
  unlock: 'POST',
  login: 'POST',
};

const DAY = 86_400_000;

const pathOf = (client: string, user: string, kind: CredentialKind, action: Action): string => {
  if (action === 'login') return loginPath(client, user, kind);
  const base = credentialPath(client, user, kind);
  return action === 'reset' || action === 'unlock' ? `${base}/${action}` : base;
};

/**
 * What an {@link ApiCommand} needs of the model's credential: nothing
 * (`any`); that there is none (`absent`: the command is skipped otherwise);
 * that there is one (`exists`: when there is none, the command first creates
 * it, as an administrator under the default policy, in a request of its
 * own); or that it is locked (`tmp-locked`, `fail-locked`: after creating it
 * if need be, the command first sends failed logins, each a request of its
 * own, until the model holds it in that state, at most six).
 *
 * @example
 * import type { Precondition } from 'credential-lifecycle/testing';
 * const onAnExistingOne: Precondition = 'exists';
 */
export type Precondition = 'any' | 'absent' | 'exists' | 'tmp-locked' | 'fail-locked';

/** How many failed logins a lock precondition sends at most. */
const lockAttempts = 6;

/**
 * One request of the credential API as a model command: `check` skips it
 * when the run cannot send it (no token for a self-admin, no permission
 * header, no known secret for a right-secret login); `run` sends it to the
 * system, asks the oracle, and throws with the differences.
 *
 * @example
 * import { ApiCommand } from 'credential-lifecycle/testing';
 * new ApiCommand('c1', 'u1', 'puk', 'get', { _tag: 'admin' }, { _tag: 'none' }).toString();
 * // 'GET /nevisidm/api/core/v1/c1/users/u1/puk as admin'
 */
export class ApiCommand implements ConformanceCommand {
  #last: SutRequest | undefined;

  /**
   * A command for one operation.
   *
   * @example
   * import { ApiCommand } from 'credential-lifecycle/testing';
   * const command = new ApiCommand('c1', 'u1', 'ticket', 'delete', { _tag: 'admin' }, { _tag: 'none' });
   * command.toString(); // 'DELETE /nevisidm/api/core/v1/c1/users/u1/ticket as admin'
   * command.precondition; // 'any'
   */
  constructor(
    readonly clientExtId: string,
    readonly userExtId: string,
    readonly kind: CredentialKind,
    readonly action: Action,
    readonly caller: Caller,
    readonly body: BodySpec,
    /**
     * What the command needs of the credential (default `any`). Generators
     * use it to spend fewer requests on answers seen many times (a 404 for a
     * missing credential, a second create).
     */
    readonly precondition: Precondition = 'any',
  ) {}

  /**
   * Whether the run can send this command now.
   *
   * @example
   * import { ApiCommand, Oracle } from 'credential-lifecycle/testing';
   * const oracle = new Oracle({ clientExtId: 'c1', users: [{ userExtId: 'u1' }], policies: [] });
   * new ApiCommand('c1', 'u1', 'puk', 'login', { _tag: 'admin' }, { _tag: 'login', secret: 'known' })
   *   .check({ oracle, clock: true, restricted: true, tokens: new Map() }); // false: no PUK known
   */
  check(m: Readonly<ConformanceModel>): boolean {
    if (this.caller._tag === 'self' && !m.tokens.has(this.caller.userExtId)) return false;
    if (this.caller._tag === 'restricted' && !m.restricted) return false;
    if (this.precondition === 'absent' && this.#present(m)) return false;
    if (this.body._tag === 'login' && this.body.secret === 'known') {
      return m.oracle.knownSecret(this.userExtId, this.kind) !== undefined;
    }
    return true;
  }

  #present(m: Readonly<ConformanceModel>): boolean {
    return m.oracle.versionOf(this.userExtId, this.kind) !== undefined;
  }

  #state(m: Readonly<ConformanceModel>): string | undefined {
    return m.oracle.store.user(this.clientExtId, this.userExtId)?.credentials[this.kind]?.lifecycle
      .state;
  }

  /** A helper command of this one's credential, as an administrator. */
  #helper(action: 'create' | 'login'): ApiCommand {
    const body: BodySpec =
      action === 'login'
        ? { _tag: 'login', secret: wrongSecret }
        : { _tag: 'json', value: this.kind === 'password' ? { password: passwordPool[0] } : {} };
    return new ApiCommand(
      this.clientExtId,
      this.userExtId,
      this.kind,
      action,
      { _tag: 'admin' },
      body,
    );
  }

  /**
   * Establishes what the precondition asks for, each step a command of its
   * own: the credential created when absent; then, for a lock, failed logins
   * until the model holds it in that state (at most {@link lockAttempts}; a
   * refused login or the other lock ends the attempt).
   */
  async #establish(m: ConformanceModel, r: ConformanceReal): Promise<void> {
    if (this.precondition === 'any' || this.precondition === 'absent') return;
    if (!this.#present(m)) await this.#helper('create').run(m, r);
    if (this.precondition === 'exists') return;
    for (let i = 0; i < lockAttempts && this.#state(m) !== this.precondition; i++) {
      const state = this.#state(m);
      if (state !== undefined && !(loginStates as readonly string[]).includes(state)) return;
      await this.#helper('login').run(m, r);
    }
  }

  /**
   * The body fields whose values come from the oracle (a right-secret
   * login), not from the command.
   *
   * @example
   * import { ApiCommand } from 'credential-lifecycle/testing';
   * new ApiCommand('c1', 'u1', 'puk', 'login', { _tag: 'admin' }, { _tag: 'login', secret: 'known' })
   *   .learnt; // ['puk']
   */
  get learnt(): readonly string[] {
    return this.body._tag === 'login' && this.body.secret === 'known' ? [this.kind] : [];
  }

  /**
   * The request this command sends in the model's current state: the
   * caller's headers, the current or a stale `version`, validity around the
   * model's clock, the secret the oracle learnt.
   *
   * @example
   * import { ApiCommand, Oracle } from 'credential-lifecycle/testing';
   * const oracle = new Oracle({ clientExtId: 'c1', users: [{ userExtId: 'u1' }], policies: [] });
   * new ApiCommand('c1', 'u1', 'puk', 'get', { _tag: 'admin' }, { _tag: 'none' })
   *   .request({ oracle, clock: true, restricted: true, tokens: new Map() });
   * // { method: 'GET', path: '/nevisidm/api/core/v1/c1/users/u1/puk' }
   */
  request(m: ConformanceModel): SutRequest {
    const headers: Record<string, string> = {};
    if (this.caller._tag === 'self') {
      headers['X-Token'] = m.tokens.get(this.caller.userExtId) ?? '';
    } else if (this.caller._tag === 'restricted') {
      headers['X-Mock-Permissions'] = this.caller.permissions.join(',');
    }
    let body: unknown;
    const spec = this.body;
    switch (spec._tag) {
      case 'none':
        body = undefined;
        break;
      case 'json':
        body = spec.value;
        break;
      case 'patch': {
        const current = m.oracle.versionOf(this.userExtId, this.kind) ?? 0;
        const version =
          spec.version === 'current' ? current : spec.version === 'stale' ? current + 1 : undefined;
        const validity =
          spec.validityDays === undefined
            ? undefined
            : {
                from: formatInstant(m.oracle.now + spec.validityDays[0] * DAY),
                to: formatInstant(m.oracle.now + spec.validityDays[1] * DAY),
              };
        body = {
          ...spec.fields,
          ...(version === undefined ? {} : { version }),
          ...(validity === undefined ? {} : { validity }),
        };
        break;
      }
      case 'login': {
        const secret =
          spec.secret === 'known'
            ? (m.oracle.knownSecret(this.userExtId, this.kind) ?? wrongSecret)
            : spec.secret;
        body = { [this.kind]: secret };
        break;
      }
    }
    return {
      method: methodOf[this.action],
      path: pathOf(this.clientExtId, this.userExtId, this.kind, this.action),
      ...(body === undefined ? {} : { body }),
      ...(Object.keys(headers).length === 0 ? {} : { headers }),
    };
  }

  /**
   * Sends the request, compares the answer with the oracle's, and throws
   * when they differ.
   *
   * @example
   * import { ApiCommand, Oracle, inProcessSystem, type ConformanceReal } from 'credential-lifecycle/testing';
   * const oracle = new Oracle({ clientExtId: 'c1', users: [{ userExtId: 'u1' }], policies: [] });
   * const system = inProcessSystem();
   * await system.control?.putUser('c1', 'u1');
   * const real: ConformanceReal = { system, sent: [] };
   * await new ApiCommand('c1', 'u1', 'puk', 'create', { _tag: 'admin' }, { _tag: 'json', value: {} })
   *   .run({ oracle, clock: true, restricted: true, tokens: new Map() }, real);
   * real.sent.map((s) => [s.description, s.answer?.status, s.expected?.status]);
   * // [['POST /nevisidm/api/core/v1/c1/users/u1/puk {} as admin', 201, 201]]
   * oracle.versionOf('u1', 'puk'); // 0
   */
  async run(m: ConformanceModel, r: ConformanceReal): Promise<void> {
    await this.#establish(m, r);
    const request = this.request(m);
    this.#last = request;
    const step = { description: this.toString(), request, learnt: this.learnt };
    let actual: SutResponse;
    try {
      actual = await r.system.send(request);
    } catch (error) {
      r.sent.push(step);
      throw error;
    }
    const { expected, problems } = judgeInModel(m, request, actual);
    r.sent.push({ ...step, answer: actual, expected });
    if (problems.length > 0) {
      throw new Error(`${this.toString()}\n  ${problems.join('\n  ')}`);
    }
  }

  /**
   * The request as last sent (or as it will be sent). A secret learnt from an
   * earlier answer is shown as `<known secret>`; the values the command
   * chose itself (a deliberately wrong secret, a password of its pool) are
   * shown as they are sent.
   *
   * @example
   * import { ApiCommand } from 'credential-lifecycle/testing';
   * String(new ApiCommand('c1', 'u1', 'password', 'unlock', { _tag: 'admin' }, { _tag: 'none' }));
   * // 'POST /nevisidm/api/core/v1/c1/users/u1/password/unlock as admin'
   * String(new ApiCommand('c1', 'u1', 'puk', 'login', { _tag: 'admin' }, { _tag: 'login', secret: 'known' }));
   * // 'POST /nevisidm/api/auth/v1/c1/users/u1/puk/login {"puk":"<known secret>"} as admin'
   */
  toString(): string {
    if (this.#last !== undefined) return describeRequest(this.#last, this.caller, this.learnt);
    const spec = this.body;
    const body =
      spec._tag === 'json'
        ? spec.value
        : spec._tag === 'login'
          ? { [this.kind]: spec.secret === 'known' ? knownSecretPlaceholder : spec.secret }
          : spec._tag === 'patch'
            ? {
                ...spec.fields,
                ...(spec.version === 'absent' ? {} : { version: `<${spec.version}>` }),
              }
            : undefined;
    return describeRequest(
      {
        method: methodOf[this.action],
        path: pathOf(this.clientExtId, this.userExtId, this.kind, this.action),
        ...(body === undefined ? {} : { body }),
      },
      this.caller,
      this.learnt,
    );
  }
}
