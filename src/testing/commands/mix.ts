/**
 * The mix of commands a run draws from: which operations, callers, bodies
 * and clock steps, and how often. Internal to the kit (not re-exported);
 * `conformanceCommands` and the parallel runs use it.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import {
  type Action,
  type CredentialKind,
  createStates,
  credentialKinds,
  type PolicyType,
  permissions,
  policyTypeOfKind,
  type StateName,
  stateNames,
} from '../../index.js';
import { type BodyAction, invalidRequestBodyArb } from '../arbitraries.js';
import { ApiCommand, type BodySpec, type Precondition } from './api-command.js';
import { AdvanceClockCommand } from './clock-command.js';
import type { Caller, Catalogue, ConformanceCommand } from './model.js';
import { passwordPool, wrongSecret } from './secrets.js';

const DAY = 86_400_000;

const commentArb = fc.constantFrom('on leave', 'checked by ops', 'moved');

const userArb = (catalogue: Catalogue): fc.Arbitrary<string> =>
  fc.oneof(
    ...catalogue.users.map((u, i) => ({
      arbitrary: fc.constant(u.userExtId),
      weight: i === 0 ? 12 : 3,
    })),
    { arbitrary: fc.constant(catalogue.ghostUserExtId), weight: 1 },
  );

/** The operations a user may call on their own data (of some kind). */
const selfAdminActions: readonly Action[] = ['get', 'reset', 'delete'];

/**
 * Who sends a command about `user`: mostly an administrator; a self-admin
 * mostly that user, and mostly for operations self-admins may call.
 */
const callerArb = (catalogue: Catalogue, user: string, action: Action): fc.Arbitrary<Caller> => {
  const own =
    catalogue.users.some((u) => u.userExtId === user) && selfAdminActions.includes(action);
  return fc.oneof(
    { arbitrary: fc.constant<Caller>({ _tag: 'admin' }), weight: 10 },
    {
      arbitrary: fc
        .subarray([...permissions], { minLength: 1, maxLength: permissions.length - 1 })
        .map((p): Caller => ({ _tag: 'restricted', permissions: p })),
      weight: 1,
    },
    ...(own
      ? [{ arbitrary: fc.constant<Caller>({ _tag: 'self', userExtId: user }), weight: 2 }]
      : []),
    {
      arbitrary: fc
        .constantFrom(...catalogue.users.map((u) => u.userExtId))
        .map((userExtId): Caller => ({ _tag: 'self', userExtId })),
      weight: 1,
    },
  );
};

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
  { arbitrary: fc.constant(undefined), weight: 4 },
  { arbitrary: fc.constantFrom(...createStates), weight: 4 },
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

/** The states a PATCH asks for: those the admin matrix allows most of the time. */
const patchStateArb: fc.Arbitrary<StateName> = fc.oneof(
  { arbitrary: fc.constantFrom<StateName>('active', 'disabled', 'admin-changed'), weight: 6 },
  { arbitrary: fc.constant<StateName>('archived'), weight: 1 },
  { arbitrary: fc.constantFrom(...stateNames), weight: 1 },
);

const patchBodyArb = (kind: CredentialKind): fc.Arbitrary<BodySpec> =>
  fc
    .record({
      stateName: fc.option(patchStateArb, { nil: undefined, freq: 3 }),
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
      { arbitrary: fc.constant<'known' | string>('known'), weight: 4 },
      { arbitrary: fc.constant(wrongSecret), weight: 4 },
      ...(kind === 'password'
        ? [{ arbitrary: fc.constantFrom<string>(...passwordPool), weight: 1 }]
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
 * What a command mix draws its targets from: the kinds, the users (of the
 * catalogue, and its ghost), and whether it steps the clock.
 */
export interface MixOptions {
  readonly kinds: fc.Arbitrary<CredentialKind>;
  readonly users: fc.Arbitrary<string>;
  readonly clock: boolean;
  /** Commands mostly apply to the state they make sense in (see `Precondition`). */
  readonly focused: boolean;
}

/** The default targets: every kind, the first user most often, the ghost rarely. */
export const defaultMix = (catalogue: Catalogue): MixOptions => ({
  kinds: fc.constantFrom(...credentialKinds),
  users: userArb(catalogue),
  clock: true,
  focused: false,
});

/**
 * Targets focused on one kind of the first user, so that a sequence goes
 * deep into that credential's lifecycle; the other kinds and users still
 * come up (a password login consumes the user's TSP and ticket).
 */
export const focusedMix = (catalogue: Catalogue, focus: CredentialKind): MixOptions => {
  const [first, ...others] = catalogue.users.map((u) => u.userExtId);
  return {
    kinds: fc.oneof(
      { arbitrary: fc.constant(focus), weight: 6 },
      // The user's password, whose successful login consumes a TSP and a ticket.
      ...(focus === 'tempStrongPassword' || focus === 'ticket'
        ? [{ arbitrary: fc.constant<CredentialKind>('password'), weight: 3 }]
        : []),
      { arbitrary: fc.constantFrom(...credentialKinds), weight: 1 },
    ),
    users: fc.oneof(
      { arbitrary: fc.constant(first ?? catalogue.ghostUserExtId), weight: 16 },
      ...(others.length > 0 ? [{ arbitrary: fc.constantFrom(...others), weight: 2 }] : []),
      { arbitrary: fc.constant(catalogue.ghostUserExtId), weight: 1 },
    ),
    clock: true,
    focused: true,
  };
};

const createOf = (catalogue: Catalogue, kind: CredentialKind): ConformanceCommand =>
  new ApiCommand(
    catalogue.clientExtId,
    catalogue.users[0]?.userExtId ?? catalogue.ghostUserExtId,
    kind,
    'create',
    { _tag: 'admin' },
    { _tag: 'json', value: kind === 'password' ? { password: passwordPool[0] } : {} },
  );

/**
 * The commands a focused sequence opens with: the focus credential of the
 * first user, created by an administrator under its type's default policy
 * (a password from the pool, so that right-password logins can follow),
 * and for a TSP or a ticket also the user's password, whose successful
 * login consumes them.
 */
export const openingCreates = (
  catalogue: Catalogue,
  focus: CredentialKind,
): readonly ConformanceCommand[] =>
  focus === 'tempStrongPassword' || focus === 'ticket'
    ? [createOf(catalogue, 'password'), createOf(catalogue, focus)]
    : [createOf(catalogue, focus)];

/** One command drawn from the mix. */
export const commandMix = (
  catalogue: Catalogue,
  mix: MixOptions = defaultMix(catalogue),
): fc.Arbitrary<ConformanceCommand> => {
  const client = catalogue.clientExtId;
  const kinds = mix.kinds;
  const command = (
    kind: CredentialKind,
    action: Action,
    t: { user: string; caller: Caller; precondition: Precondition },
    body: BodySpec,
  ): ConformanceCommand =>
    new ApiCommand(client, t.user, kind, action, t.caller, body, t.precondition);
  // Most commands act on a credential the model holds (creating it first if
  // need be), some on a locked one (locking it first), most creates on one
  // it does not; the rest apply always, for the 404s and the second creates.
  const precondition = (action: Action): fc.Arbitrary<Precondition> =>
    !mix.focused
      ? fc.constant<Precondition>('any')
      : action === 'create'
        ? fc.oneof(
            { arbitrary: fc.constant<Precondition>('absent'), weight: 4 },
            { arbitrary: fc.constant<Precondition>('any'), weight: 1 },
          )
        : fc.oneof(
            { arbitrary: fc.constant<Precondition>('exists'), weight: 6 },
            { arbitrary: fc.constant<Precondition>('any'), weight: 1 },
            // What an administrator does to a locked credential.
            ...(action === 'login' || action === 'get'
              ? []
              : [
                  { arbitrary: fc.constant<Precondition>('tmp-locked'), weight: 2 },
                  { arbitrary: fc.constant<Precondition>('fail-locked'), weight: 1 },
                ]),
          );
  const targetFor = (action: Action) =>
    mix.users.chain((user) =>
      fc
        .tuple(callerArb(catalogue, user, action), precondition(action))
        .map(([caller, when]) => ({ user, caller, precondition: when })),
    );
  const perKind = (
    make: (kind: CredentialKind) => fc.Arbitrary<ConformanceCommand>,
  ): fc.Arbitrary<ConformanceCommand> => kinds.chain(make);

  const create = perKind((kind) =>
    fc
      .tuple(targetFor('create'), createBodyArb(catalogue, kind))
      .map(([t, value]) => command(kind, 'create', t, { _tag: 'json', value })),
  );
  const simple = (action: 'get' | 'delete') =>
    perKind((kind) => targetFor(action).map((t) => command(kind, action, t, { _tag: 'none' })));
  const patch = perKind((kind) =>
    fc
      .tuple(targetFor('patch'), patchBodyArb(kind))
      .map(([t, body]) => command(kind, 'patch', t, body)),
  );
  const reset = perKind((kind) =>
    fc
      .tuple(
        targetFor('reset'),
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
  const unlock = perKind((kind) =>
    targetFor('unlock').map((t) => command(kind, 'unlock', t, { _tag: 'none' })),
  );
  const login = perKind((kind) =>
    fc
      .tuple(targetFor('login'), loginSecretArb(kind))
      .map(([t, body]) => command(kind, 'login', { ...t, caller: { _tag: 'admin' } }, body)),
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
          .tuple(mix.users, invalidRequestBodyArb(kind, action))
          .map(([user, value]) =>
            command(
              kind,
              action,
              { user, caller: { _tag: 'admin' }, precondition: 'any' },
              { _tag: 'json', value },
            ),
          ),
      ),
  );
  const clock = clockStepArb.map((ms): ConformanceCommand => new AdvanceClockCommand(ms));
  return fc.oneof(
    { arbitrary: create, weight: 12 },
    { arbitrary: login, weight: 16 },
    { arbitrary: simple('get'), weight: 4 },
    { arbitrary: patch, weight: 8 },
    { arbitrary: reset, weight: 6 },
    { arbitrary: simple('delete'), weight: 6 },
    { arbitrary: unlock, weight: 2 },
    { arbitrary: invalid, weight: 2 },
    ...(mix.clock ? [{ arbitrary: clock, weight: 6 }] : []),
  );
};
