/**
 * Model commands for `fc.commands` + `fc.asyncModelRun`: every credential
 * operation of the four kinds, by administrators, restricted administrators
 * and self-administering users, and the passage of time, each checked
 * against the {@link Oracle}.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import {
  type Action,
  type CredentialKind,
  createStates,
  credentialKinds,
  credentialPath,
  formatInstant,
  type Instant,
  loginPath,
  type Permission,
  type PolicyType,
  permissions,
  policyTypeOfKind,
  type StateName,
  stateNames,
} from '../index.js';
import { controlPath } from '../mock/paths.js';
import { type BodyAction, invalidRequestBodyArb } from './arbitraries.js';
import { Oracle, type PolicySetup, type UserSetup } from './oracle.js';
import type { SutRequest, SystemUnderTest } from './system.js';

/**
 * Who sends a command: an administrator with every permission, one with only
 * some, or a user acting on their own data (or trying another user's).
 *
 * @example
 * import type { Caller } from 'credential-lifecycle/testing';
 * const self: Caller = { _tag: 'self', userExtId: 'u1' };
 */
export type Caller =
  | { readonly _tag: 'admin' }
  | { readonly _tag: 'restricted'; readonly permissions: readonly Permission[] }
  | { readonly _tag: 'self'; readonly userExtId: string };

/**
 * The names a command set draws from: the client, its users (and one user
 * that does not exist) and the policy extIds of each type.
 *
 * @example
 * import type { Catalogue } from 'credential-lifecycle/testing';
 * const c: Catalogue = {
 *   clientExtId: 'c1', users: [{ userExtId: 'u1' }], ghostUserExtId: 'nobody',
 *   policies: { PwdPolicy: [], TempStrongPasswordPolicy: [], TicketPolicy: [], PUKPolicy: [] },
 * };
 */
export interface Catalogue {
  readonly clientExtId: string;
  readonly users: readonly UserSetup[];
  readonly ghostUserExtId: string;
  readonly policies: { readonly [T in PolicyType]: readonly string[] };
}

/**
 * The fast-check model of a conformance run: the oracle and what the run may use.
 *
 * @example
 * import type { ConformanceModel } from 'credential-lifecycle/testing';
 * const usesClock = (m: ConformanceModel) => m.clock;
 */
export interface ConformanceModel {
  readonly oracle: Oracle;
  /** The system's clock follows the oracle's (time commands run, dates are compared). */
  readonly clock: boolean;
  /** The system honours `X-Mock-Permissions`. */
  readonly restricted: boolean;
  /** Self-admin tokens by user. */
  readonly tokens: ReadonlyMap<string, string>;
}

/**
 * One request as sent during a run, for reports.
 *
 * @example
 * import type { SentStep } from 'credential-lifecycle/testing';
 * const line = (s: SentStep) => s.description;
 */
export interface SentStep {
  readonly description: string;
  readonly request: SutRequest;
  /**
   * Field names whose values were learnt from earlier answers: shown as
   * `<known secret>` in the description and in curl, never in clear.
   */
  readonly learnt: readonly string[];
}

/**
 * The "real" side of a conformance run: the system and a log of what was sent.
 *
 * @example
 * import { inProcessSystem, type ConformanceReal } from 'credential-lifecycle/testing';
 * const real: ConformanceReal = { system: inProcessSystem(), sent: [] };
 */
export interface ConformanceReal {
  readonly system: SystemUnderTest;
  readonly sent: SentStep[];
}

/**
 * A conformance command, as `fc.commands` takes it.
 *
 * @example
 * import { AdvanceClockCommand, type ConformanceCommand } from 'credential-lifecycle/testing';
 * const step: ConformanceCommand = new AdvanceClockCommand(1_000);
 */
export type ConformanceCommand = fc.AsyncCommand<ConformanceModel, ConformanceReal>;

/** The fields that carry a secret: the value field of each kind. */
const secretFields: readonly string[] = credentialKinds;

/** Passwords the commands choose from: some satisfy the default rules, some do not. */
const passwordPool = [
  'Correct-Horse-42',
  'S3cure!Passw0rd',
  'alice-Rocks-7!',
  'short1!',
  'Password123',
  'alllowercase1!',
] as const;

/** A secret no system can have generated or been given. */
const wrongSecret = 'Wrong-Secret-0!';

const shortPermission = (p: Permission): string => p.replace('AccessControl.Credential', '');

const describeCaller = (caller: Caller): string => {
  switch (caller._tag) {
    case 'admin':
      return 'as admin';
    case 'restricted':
      return `as admin with only ${caller.permissions.map(shortPermission).join(',')}`;
    case 'self':
      return `as self-admin ${caller.userExtId}`;
  }
};

/** What a field learnt from an earlier answer is shown as, in descriptions and curl lines. */
const knownSecret = '<known secret>';

const masked = (body: unknown, fields: readonly string[], placeholder: string): unknown => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  return Object.fromEntries(
    Object.entries(body).map(([k, v]) => [k, fields.includes(k) ? placeholder : v]),
  );
};

/**
 * A readable one-liner of a request: method, path, body and the caller.
 * Without `learnt`, every secret field (`password`, `tempStrongPassword`,
 * `ticket`, `puk`) is shown as `<secret>`, since nothing says where its value
 * came from. With `learnt` (as the conformance commands pass it), the fields
 * named there were learnt from earlier answers and are shown as
 * `<known secret>`; every other value was chosen by the test itself (a
 * deliberately wrong secret, a password from its pool) and is shown as is,
 * so that a counterexample tells a right-secret login from a wrong one.
 *
 * @example
 * import { describeRequest } from 'credential-lifecycle/testing';
 * describeRequest({ method: 'POST', path: '/p', body: { puk: 'x' } }, { _tag: 'admin' });
 * // 'POST /p {"puk":"<secret>"} as admin'
 * describeRequest({ method: 'POST', path: '/p', body: { puk: 'x' } }, { _tag: 'admin' }, ['puk']);
 * // 'POST /p {"puk":"<known secret>"} as admin'
 * describeRequest({ method: 'POST', path: '/p', body: { puk: 'Wrong-Secret-0!' } }, { _tag: 'admin' }, []);
 * // 'POST /p {"puk":"Wrong-Secret-0!"} as admin'
 */
export const describeRequest = (
  request: SutRequest,
  caller: Caller,
  learnt?: readonly string[],
): string =>
  [
    request.method,
    request.path,
    ...(request.body === undefined
      ? []
      : [
          JSON.stringify(
            learnt === undefined
              ? masked(request.body, secretFields, '<secret>')
              : masked(request.body, learnt, knownSecret),
          ),
        ]),
    describeCaller(caller),
  ].join(' ');

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * A request as a `curl` command line against a base URL; fields in `hidden`
 * (values learnt from earlier answers) are shown as `<known secret>`, as
 * {@link describeRequest} shows them.
 *
 * @example
 * import { curlOf } from 'credential-lifecycle/testing';
 * curlOf('http://localhost:8080', { method: 'DELETE', path: '/p' });
 * // "curl -i -X DELETE 'http://localhost:8080/p'"
 */
export const curlOf = (
  baseUrl: string,
  request: SutRequest,
  hidden: readonly string[] = [],
): string => {
  const parts = ['curl -i', `-X ${request.method}`, quote(`${baseUrl}${request.path}`)];
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    parts.push(`-H ${quote(`${name}: ${value}`)}`);
  }
  if (request.body !== undefined) {
    parts.push(`-H 'Content-Type: application/json'`);
    parts.push(`--data ${quote(JSON.stringify(masked(request.body, hidden, knownSecret)))}`);
  }
  return parts.join(' ');
};

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

const httpDateOf = (headers: Readonly<Record<string, string>>): Instant | undefined => {
  const date = headers.date;
  if (date === undefined) return undefined;
  const at = new Date(date).getTime();
  return Number.isNaN(at) ? undefined : at;
};

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
   * new ApiCommand('c1', 'u1', 'ticket', 'delete', { _tag: 'admin' }, { _tag: 'none' });
   */
  constructor(
    readonly clientExtId: string,
    readonly userExtId: string,
    readonly kind: CredentialKind,
    readonly action: Action,
    readonly caller: Caller,
    readonly body: BodySpec,
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
    if (this.body._tag === 'login' && this.body.secret === 'known') {
      return m.oracle.knownSecret(this.userExtId, this.kind) !== undefined;
    }
    return true;
  }

  /** The body fields whose values come from the oracle (a right-secret login), not from the command. */
  #learnt(): string[] {
    return this.body._tag === 'login' && this.body.secret === 'known' ? [this.kind] : [];
  }

  /** The request this command sends in the model's current state. */
  #build(m: ConformanceModel): SutRequest {
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
   * import { ApiCommand, Oracle, inProcessSystem } from 'credential-lifecycle/testing';
   * const oracle = new Oracle({ clientExtId: 'c1', users: [{ userExtId: 'u1' }], policies: [] });
   * const system = inProcessSystem();
   * await system.control?.putUser('c1', 'u1');
   * await new ApiCommand('c1', 'u1', 'puk', 'create', { _tag: 'admin' }, { _tag: 'json', value: {} })
   *   .run({ oracle, clock: true, restricted: true, tokens: new Map() }, { system, sent: [] });
   */
  async run(m: ConformanceModel, r: ConformanceReal): Promise<void> {
    const request = this.#build(m);
    this.#last = request;
    r.sent.push({ description: this.toString(), request, learnt: this.#learnt() });
    const actual = await r.system.send(request);
    const at = m.clock ? m.oracle.now : (httpDateOf(actual.headers) ?? m.oracle.now);
    if (!m.clock) m.oracle.setNow(at);
    const problems = m.oracle.observe(request, actual, { dates: m.clock, at });
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
    if (this.#last !== undefined) return describeRequest(this.#last, this.caller, this.#learnt());
    const spec = this.body;
    const body =
      spec._tag === 'json'
        ? spec.value
        : spec._tag === 'login'
          ? { [this.kind]: spec.secret === 'known' ? knownSecret : spec.secret }
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
      this.#learnt(),
    );
  }
}

/**
 * Moves the clock of both the system (through its control) and the oracle.
 * Runs only when the run controls the clock.
 *
 * @example
 * import { AdvanceClockCommand } from 'credential-lifecycle/testing';
 * new AdvanceClockCommand(61_000).toString(); // 'advance the clock by 61000 ms'
 */
export class AdvanceClockCommand implements ConformanceCommand {
  /**
   * A step of `ms` milliseconds.
   *
   * @example
   * import { AdvanceClockCommand } from 'credential-lifecycle/testing';
   * new AdvanceClockCommand(1_000);
   */
  constructor(readonly ms: number) {}

  /**
   * Only when the clock is controlled.
   *
   * @example
   * import { AdvanceClockCommand, Oracle } from 'credential-lifecycle/testing';
   * const oracle = new Oracle({ clientExtId: 'c1', users: [], policies: [] });
   * new AdvanceClockCommand(1_000).check({ oracle, clock: false, restricted: false, tokens: new Map() }); // false
   */
  check(m: Readonly<ConformanceModel>): boolean {
    return m.clock;
  }

  /**
   * Advances both clocks.
   *
   * @example
   * import { AdvanceClockCommand, Oracle, inProcessSystem } from 'credential-lifecycle/testing';
   * const oracle = new Oracle({ clientExtId: 'c1', users: [], policies: [] });
   * await new AdvanceClockCommand(1_000).run(
   *   { oracle, clock: true, restricted: true, tokens: new Map() },
   *   { system: inProcessSystem(), sent: [] },
   * );
   */
  async run(m: ConformanceModel, r: ConformanceReal): Promise<void> {
    const control = r.system.control;
    if (control === undefined) throw new Error('the clock cannot move without the control API');
    r.sent.push({
      description: this.toString(),
      request: { method: 'POST', path: controlPath.clockAdvance, body: { ms: this.ms } },
      learnt: [],
    });
    await control.advanceClock(this.ms);
    m.oracle.advance(this.ms);
  }

  /**
   * What the step does.
   *
   * @example
   * import { AdvanceClockCommand } from 'credential-lifecycle/testing';
   * `${new AdvanceClockCommand(5)}`; // 'advance the clock by 5 ms'
   */
  toString(): string {
    return `advance the clock by ${this.ms} ms`;
  }
}

const commentArb = fc.constantFrom('on leave', 'checked by ops', 'moved');

const userArb = (catalogue: Catalogue): fc.Arbitrary<string> =>
  fc.oneof(
    ...catalogue.users.map((u, i) => ({
      arbitrary: fc.constant(u.userExtId),
      weight: i === 0 ? 12 : 3,
    })),
    { arbitrary: fc.constant(catalogue.ghostUserExtId), weight: 1 },
  );

const callerArb = (catalogue: Catalogue): fc.Arbitrary<Caller> =>
  fc.oneof(
    { arbitrary: fc.constant<Caller>({ _tag: 'admin' }), weight: 8 },
    {
      arbitrary: fc
        .subarray([...permissions], { minLength: 1, maxLength: permissions.length - 1 })
        .map((p): Caller => ({ _tag: 'restricted', permissions: p })),
      weight: 1,
    },
    {
      arbitrary: fc
        .constantFrom(...catalogue.users.map((u) => u.userExtId))
        .map((userExtId): Caller => ({ _tag: 'self', userExtId })),
      weight: 2,
    },
  );

const policyChoiceArb = (catalogue: Catalogue, kind: CredentialKind) => {
  const own = catalogue.policies[policyTypeOfKind[kind]];
  const foreign = (Object.keys(catalogue.policies) as PolicyType[])
    .filter((t) => t !== policyTypeOfKind[kind])
    .flatMap((t) => catalogue.policies[t]);
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 4 },
    ...(own.length > 0 ? [{ arbitrary: fc.constantFrom(...own), weight: 4 }] : []),
    ...(foreign.length > 0 ? [{ arbitrary: fc.constantFrom(...foreign), weight: 1 }] : []),
    { arbitrary: fc.constant('no-such-policy'), weight: 1 },
  );
};

const createStateArb: fc.Arbitrary<StateName | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 6 },
  { arbitrary: fc.constantFrom(...createStates), weight: 2 },
  { arbitrary: fc.constantFrom<StateName>('archived', 'tmp-locked', 'fail-locked'), weight: 1 },
);

const createBodyArb = (catalogue: Catalogue, kind: CredentialKind): fc.Arbitrary<unknown> =>
  fc
    .record({
      extId: fc.option(fc.constantFrom('cred-1', 'cred-2'), { nil: undefined, freq: 3 }),
      policyExtId: policyChoiceArb(catalogue, kind),
      stateName: createStateArb,
      password:
        kind === 'password'
          ? fc.option(fc.constantFrom(...passwordPool), { nil: undefined, freq: 4 })
          : fc.constant(undefined),
      identification:
        kind === 'ticket'
          ? fc.option(fc.constantFrom('order-1', 'order-2'), { nil: undefined })
          : fc.constant(undefined),
      context:
        kind === 'ticket'
          ? fc.option(fc.constant('checkout'), { nil: undefined })
          : fc.constant(undefined),
    })
    .map((fields) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));

const patchBodyArb = (kind: CredentialKind): fc.Arbitrary<BodySpec> =>
  fc
    .record({
      stateName: fc.option(fc.constantFrom(...stateNames), { nil: undefined, freq: 3 }),
      modificationComment: fc.option(commentArb, { nil: undefined }),
      identification:
        kind === 'ticket'
          ? fc.option(fc.constantFrom('order-1', 'order-2'), { nil: undefined })
          : fc.constant(undefined),
      version: fc.constantFrom(
        'absent' as const,
        'current' as const,
        'current' as const,
        'stale' as const,
      ),
      validityDays:
        kind === 'ticket' || kind === 'puk'
          ? fc.option(
              fc.constantFrom<readonly [number, number]>([-1, 1], [-2, -1], [1, 2], [0, 30]),
              { nil: undefined, freq: 3 },
            )
          : fc.constant(undefined),
    })
    .map(({ version, validityDays, ...rest }): BodySpec => {
      const fields = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      return validityDays === undefined
        ? { _tag: 'patch', fields, version }
        : { _tag: 'patch', fields, version, validityDays };
    });

const loginSecretArb = (kind: CredentialKind): fc.Arbitrary<BodySpec> =>
  fc
    .oneof(
      { arbitrary: fc.constant<'known' | string>('known'), weight: 3 },
      { arbitrary: fc.constant(wrongSecret), weight: 3 },
      ...(kind === 'password'
        ? [{ arbitrary: fc.constantFrom<string>(...passwordPool), weight: 3 }]
        : []),
    )
    .map((secret): BodySpec => ({ _tag: 'login', secret }));

const clockStepArb = fc.constantFrom(
  1_000,
  59_000,
  60_000,
  61_000,
  3_600_000,
  DAY + 1_000,
  5 * DAY + 1_000,
);

/**
 * The command arbitraries of a conformance run over a catalogue of names, to
 * pass to `fc.commands`: create, get, patch, delete, reset, unlock (password)
 * and login (right and wrong secrets) for the four kinds, bodies the codecs
 * reject, and clock steps.
 *
 * @example
 * import { conformanceCommands } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * const cmds = fc.commands(
 *   conformanceCommands({
 *     clientExtId: 'c1', users: [{ userExtId: 'u1' }], ghostUserExtId: 'nobody',
 *     policies: { PwdPolicy: [], TempStrongPasswordPolicy: [], TicketPolicy: [], PUKPolicy: [] },
 *   }),
 *   { maxCommands: 20 },
 * );
 */
export const conformanceCommands = (
  catalogue: Catalogue,
): fc.Arbitrary<fc.AsyncCommand<ConformanceModel, ConformanceReal>>[] => {
  const client = catalogue.clientExtId;
  const kinds = fc.constantFrom(...credentialKinds);
  const target = fc.record({ user: userArb(catalogue), caller: callerArb(catalogue) });
  const command = (
    kind: CredentialKind,
    action: Action,
    t: { user: string; caller: Caller },
    body: BodySpec,
  ): ConformanceCommand => new ApiCommand(client, t.user, kind, action, t.caller, body);
  const perKind = (
    make: (kind: CredentialKind) => fc.Arbitrary<ConformanceCommand>,
  ): fc.Arbitrary<ConformanceCommand> => kinds.chain(make);

  const create = perKind((kind) =>
    fc
      .tuple(target, createBodyArb(catalogue, kind))
      .map(([t, value]) => command(kind, 'create', t, { _tag: 'json', value })),
  );
  const simple = (action: 'get' | 'delete') =>
    perKind((kind) => target.map((t) => command(kind, action, t, { _tag: 'none' })));
  const patch = perKind((kind) =>
    fc.tuple(target, patchBodyArb(kind)).map(([t, body]) => command(kind, 'patch', t, body)),
  );
  const reset = perKind((kind) =>
    fc
      .tuple(
        target,
        kind === 'password'
          ? fc.option(fc.constantFrom(...passwordPool), { nil: undefined })
          : fc.constant(undefined),
      )
      .map(([t, password]) =>
        command(kind, 'reset', t, {
          _tag: 'json',
          value: password === undefined ? {} : { password },
        }),
      ),
  );
  const unlock = target.map((t) => command('password', 'unlock', t, { _tag: 'none' }));
  const login = perKind((kind) =>
    fc
      .tuple(target, loginSecretArb(kind))
      .map(([t, body]) =>
        command(kind, 'login', { user: t.user, caller: { _tag: 'admin' } }, body),
      ),
  );
  const invalid = perKind((kind) =>
    fc
      .constantFrom<BodyAction>(
        'create',
        'patch',
        'login',
        ...(kind === 'password' ? (['reset'] as const) : []),
      )
      .chain((action) =>
        fc
          .tuple(userArb(catalogue), invalidRequestBodyArb(kind, action))
          .map(([user, value]) =>
            command(kind, action, { user, caller: { _tag: 'admin' } }, { _tag: 'json', value }),
          ),
      ),
  );
  const clock = clockStepArb.map((ms): ConformanceCommand => new AdvanceClockCommand(ms));
  return [
    fc.oneof(
      { arbitrary: create, weight: 5 },
      { arbitrary: login, weight: 8 },
      { arbitrary: simple('get'), weight: 3 },
      { arbitrary: patch, weight: 3 },
      { arbitrary: reset, weight: 3 },
      { arbitrary: simple('delete'), weight: 1 },
      { arbitrary: unlock, weight: 1 },
      { arbitrary: invalid, weight: 1 },
      { arbitrary: clock, weight: 2 },
    ),
  ];
};

/**
 * Everything a conformance run starts from: the names, the policies (as
 * string maps) and the clock.
 *
 * @example
 * import type { RunSetup } from 'credential-lifecycle/testing';
 * const clockOf = (s: RunSetup) => s.start;
 */
export interface RunSetup {
  readonly catalogue: Catalogue;
  readonly policies: readonly PolicySetup[];
  /** Where both clocks start when the clock is controlled. */
  readonly start: Instant;
  /** Move the system's clock with the oracle's. */
  readonly clock: boolean;
  /** Self-admin tokens given by the caller (systems without the control API). */
  readonly tokens?: Readonly<Record<string, string>>;
}

/**
 * Prepares one run: with the control API, resets the system, sets its clock,
 * puts the users and policies and asks for self-admin tokens; without it,
 * deletes every credential of the users. Returns the fast-check model (with
 * a fresh oracle) and the real side.
 *
 * @example
 * import { inProcessSystem, prepareRun } from 'credential-lifecycle/testing';
 * const { model } = await prepareRun(inProcessSystem(), {
 *   catalogue: {
 *     clientExtId: 'c1', users: [{ userExtId: 'u1' }], ghostUserExtId: 'nobody',
 *     policies: { PwdPolicy: [], TempStrongPasswordPolicy: [], TicketPolicy: [], PUKPolicy: [] },
 *   },
 *   policies: [],
 *   start: Date.UTC(2026, 0, 1),
 *   clock: true,
 * });
 * model.oracle.now; // Date.UTC(2026, 0, 1)
 */
export const prepareRun = async (
  system: SystemUnderTest,
  setup: RunSetup,
): Promise<{ model: ConformanceModel; real: ConformanceReal }> => {
  const { catalogue } = setup;
  const control = system.control;
  const clock = setup.clock && control !== undefined;
  const oracle = new Oracle({
    clientExtId: catalogue.clientExtId,
    users: catalogue.users,
    policies: setup.policies,
    start: setup.start,
  });
  const tokens = new Map<string, string>(Object.entries(setup.tokens ?? {}));
  if (control !== undefined) {
    await control.reset();
    if (clock) await control.setClock(setup.start);
    for (const user of catalogue.users) {
      await control.putUser(catalogue.clientExtId, user.userExtId, user.loginId);
    }
    for (const p of setup.policies) {
      await control.putPolicy(catalogue.clientExtId, p.extId, p.type, p.isDefault, {
        ...p.parameters,
      });
    }
    for (const user of catalogue.users) {
      tokens.set(
        user.userExtId,
        await control.selfAdminToken(catalogue.clientExtId, user.userExtId),
      );
    }
  } else {
    for (const user of catalogue.users) {
      for (const kind of credentialKinds) {
        await system.send({
          method: 'DELETE',
          path: credentialPath(catalogue.clientExtId, user.userExtId, kind),
        });
      }
    }
  }
  for (const [user, token] of tokens) oracle.registerToken(token, user);
  return {
    model: { oracle, clock, restricted: control !== undefined, tokens },
    real: { system, sent: [] },
  };
};
